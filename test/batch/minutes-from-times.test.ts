// An export with Time In / Time Out on each line and no minutes column (red-team #16): each
// line's minutes are its end minus its start, so the 8-minute rule is checked (CPM Pub. 100-04
// Ch. 5 §20.2), unless the same times sit on every line of a visit (the appointment's), where
// a line's own minutes are not known and the report says so.

import { describe, expect, it } from 'vitest';
import { readExport } from '../../lib/batch/reader';
import { evaluate } from '../../lib/rules/evaluate';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const HEAD = 'Visit ID,Patient,DOS,Payer,CPT,Time In,Time Out,Units,Modifiers';

describe('minutes from Time In / Time Out when the export has no minutes column', () => {
  it('9:00–9:30 with 4 units: 30 minutes support 2 units (chart 23–37), so 4 is over-billed', () => {
    const { visits, report, errors } = readExport(csv(HEAD, 'V1,Ann Lee,03/16/2026,Medicare,97110,9:00,9:30,4,GP'), 'f2.csv');
    expect(errors).toEqual([]);
    expect(report.minutes).toBe(true);
    expect(report.notes.join(' ')).toMatch(/minutes are its "Time Out" minus its "Time In"/);
    expect(report.notes.join(' ')).not.toMatch(/8-minute rule is not checked/);
    expect(visits[0]!.visit.entries[0]!.minutes).toBe(30);
    const e = evaluate(visits[0]!.visit);
    expect(e.totalTimedUnits).toBe(2);
    expect(e.findings.map((f) => f.rule)).toContain('units.over-billed');
  });

  it('two lines with their own times: 9:00–9:20 and 9:20–9:45 are 20 and 25 minutes (45 → 3 units)', () => {
    const { visits } = readExport(csv(HEAD, 'V1,Ann Lee,03/16/2026,Medicare,97110,9:00,9:20,1,GP', 'V1,Ann Lee,03/16/2026,Medicare,97140,9:20,9:45,2,GP'), 'x.csv');
    expect(visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([20, 25]);
    expect(evaluate(visits[0]!.visit).totalTimedUnits).toBe(3);
  });

  it('the same 9:00–10:00 on every line of a visit is the appointment: no line is given 60 minutes, and the report says the lines have no minutes of their own', () => {
    const { visits, report } = readExport(csv(HEAD, 'V1,Ann Lee,03/16/2026,Medicare,97110,9:00,10:00,2,GP', 'V1,Ann Lee,03/16/2026,Medicare,97140,9:00,10:00,2,GP'), 'x.csv');
    expect(visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([undefined, undefined]);
    expect(report.notes.join(' ')).toMatch(/appointment/);
    expect(evaluate(visits[0]!.visit).findings.map((f) => f.rule)).toContain('minutes.missing');
  });

  it('an end before its start is the row\'s error, not negative minutes', () => {
    const { visits, errors } = readExport(csv(HEAD, 'V1,Ann Lee,03/16/2026,Medicare,97110,9:30,9:00,2,GP'), 'x.csv');
    expect(visits).toEqual([]);
    expect(errors[0]?.reason).toMatch(/ends \(9:00\) before it starts \(9:30\)/);
  });

  it('with a minutes column, the minutes column is read and the times stay the lines\' times', () => {
    const { visits } = readExport(csv('Visit ID,Patient,DOS,Payer,CPT,Minutes,Time In,Time Out,Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,97110,20,9:00,9:30,1,GP'), 'x.csv');
    expect(visits[0]!.visit.entries[0]).toMatchObject({ minutes: 20, startTime: '09:00', endTime: '09:30' });
  });
});
