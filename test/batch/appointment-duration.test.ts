import { describe, expect, it } from 'vitest';
import { readExport } from '../../lib/batch/reader';
import type { ReadVisit } from '../../lib/batch/report';
import { evaluate } from '../../lib/rules/evaluate';

// Red-team i-duration.csv: a "Duration" column printing the appointment's length on every line
// of a visit was summed (45 + 45 = 90 minutes → "bill 6 units").

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const rules = (v: ReadVisit) => evaluate(v.visit).findings.map((f) => f.rule);
const HEADER = 'Appt ID,Patient Name,DOS,Primary Insurance,CPT Code,Duration,Units,Modifiers';

describe('a Duration column holding the appointment length on every line', () => {
  it('is not summed when every multi-line visit repeats one value: lines have no minutes, units as billed, said with the --map', () => {
    const r = readExport(
      csv(HEADER, 'A1,Ann Lee,03/16/2026,Medicare,97110,45,2,GP', 'A1,Ann Lee,03/16/2026,Medicare,97140,45,1,GP', 'A2,Bob Ray,03/16/2026,Medicare,97110,30,1,GP', 'A2,Bob Ray,03/16/2026,Medicare,97112,30,1,GP'),
      'i-duration.csv',
    );
    expect(r.errors).toEqual([]);
    expect(r.visits.flatMap((v) => v.visit.entries.map((e) => e.minutes))).toEqual([undefined, undefined, undefined, undefined]);
    expect(r.report.minutes).toBe(false);
    expect(r.report.columns.find((c) => c.name === 'Duration')!.role).toBeUndefined();
    const note = r.report.notes.find((n) => n.startsWith('"Duration" is the appointment'))!;
    expect(note).toContain('A1: 45, 45; A2: 30, 30');
    expect(note).toContain('8-minute rule is not checked');
    expect(note).toContain('--map minutes="Duration"');
    expect(r.report.notes.some((n) => n.startsWith('no minutes column'))).toBe(false);
    // No advice to bill 6 units for a 45-minute appointment.
    expect(r.visits.flatMap(rules)).not.toContain('units.under-billed');
  });

  it('is read per line when another visit shows differing per-line values (15 and 15 stays 15 + 15), and says so', () => {
    const r = readExport(
      csv(HEADER, 'A1,Ann Lee,03/16/2026,Medicare,97110,15,1,GP', 'A1,Ann Lee,03/16/2026,Medicare,97140,15,1,GP', 'A2,Bob Ray,03/16/2026,Medicare,97110,15,1,GP', 'A2,Bob Ray,03/16/2026,Medicare,97112,30,2,GP'),
      'mixed.csv',
    );
    expect(r.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([15, 15]);
    expect(r.report.minutes).toBe(true);
    expect(r.report.notes).toContain('"Duration" read as each line\'s minutes: some visits with several lines show different values on them (A2: 15, 30); if it is the appointment\'s length, read it as nothing (--map minutes=none)');
  });

  it('chosen with --map, it is each line\'s minutes', () => {
    const r = readExport(csv(HEADER, 'A1,Ann Lee,03/16/2026,Medicare,97110,45,2,GP', 'A1,Ann Lee,03/16/2026,Medicare,97140,45,1,GP', 'A2,Bob Ray,03/16/2026,Medicare,97110,30,1,GP', 'A2,Bob Ray,03/16/2026,Medicare,97112,30,1,GP'), 'x.csv', {
      mapping: { minutes: 'Duration' },
    });
    expect(r.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([45, 45]);
  });

  it('a "Minutes" column is never taken for the appointment', () => {
    const r = readExport(csv(HEADER.replace('Duration', 'Minutes'), 'A1,Ann Lee,03/16/2026,Medicare,97110,15,1,GP', 'A1,Ann Lee,03/16/2026,Medicare,97140,15,1,GP', 'A2,Bob Ray,03/16/2026,Medicare,97110,20,1,GP', 'A2,Bob Ray,03/16/2026,Medicare,97112,20,1,GP'), 'x.csv');
    expect(r.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([15, 15]);
  });
});

describe('a Duration column of 15 on every line of every visit (a clinic charting in 15-minute blocks)', () => {
  it('is read as each line\'s minutes, and the report says how it could be the appointment\'s', () => {
    const r = readExport(
      csv(HEADER, 'A1,Ann Lee,03/16/2026,Medicare,97110,15,1,GP', 'A1,Ann Lee,03/16/2026,Medicare,97140,15,1,GP', 'A2,Bob Ray,03/16/2026,Medicare,97110,15,1,GP', 'A2,Bob Ray,03/16/2026,Medicare,97112,15,1,GP'),
      'blocks.csv',
    );
    expect(r.visits.flatMap((v) => v.visit.entries.map((e) => e.minutes))).toEqual([15, 15, 15, 15]);
    expect(r.report.notes.some((n) => n.startsWith('"Duration" read as each line\'s minutes') && n.includes('--map minutes=none'))).toBe(true);
  });
});

