// A patient's visits on one date under two ids (a morning and an afternoon session): the reader
// hands each later visit on with the earlier ones (Visit.sameDay), so the day's units and MUEs are
// checked (CPM Pub. 100-04 Ch. 5 §20.2 "in a single day"; rules-reference §5, MAI 3).

import { describe, expect, it } from 'vitest';
import { readExport } from '../../lib/batch/reader';
import type { ReadVisit } from '../../lib/batch/report';
import { evaluate } from '../../lib/rules/evaluate';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const rules = (v: ReadVisit) => evaluate(v.visit).findings.map((f) => f.rule);
const HEAD = 'Visit ID,Patient,DOS,Payer,Discipline,CPT,Minutes,Units,Modifiers';

describe('the same patient on the same date, two visit ids', () => {
  it('10 minutes in each, 1 unit each: the later visit is told the day (20 minutes) supports 1 unit', () => {
    const { visits, errors } = readExport(csv(HEAD, 'V1,Ann Lee,03/16/2026,Medicare,PT,97110,10,1,GP', 'V2,Ann Lee,03/16/2026,Medicare,PT,97110,10,1,GP'), 'm2.csv');
    expect(errors).toEqual([]);
    expect(rules(visits[0]!)).not.toContain('units.same-day');
    const later = evaluate(visits[1]!.visit).findings.find((f) => f.rule === 'units.same-day');
    expect(later?.message).toMatch(/"V1" \(line 2\)/);
    expect(later?.message).toMatch(/20 total timed minutes support 1 unit/);
    expect(later?.fieldKeys).toEqual(['line:3']);
  });

  it('97035 ×2 in the morning and ×1 in the afternoon: 3 units on the date, MUE 2', () => {
    const { visits } = readExport(csv(HEAD, 'V1,Ann Lee,03/16/2026,Medicare,PT,97035,30,2,GP', 'V1,Ann Lee,03/16/2026,Medicare,PT,97140,15,1,GP', 'V2,Ann Lee,03/16/2026,Medicare,PT,97035,15,1,GP', 'V2,Ann Lee,03/16/2026,Medicare,PT,97530,15,1,GP'), 'm1.csv');
    expect(rules(visits[1]!)).toContain('mue.same-day');
  });

  it.each([
    ['another patient', 'V2,Bob Ray,03/16/2026,Medicare,PT,97110,10,1,GP'],
    ['another date', 'V2,Ann Lee,03/17/2026,Medicare,PT,97110,10,1,GP'],
    ['another payer (another claim)', 'V2,Ann Lee,03/16/2026,Aetna,PT,97110,10,1,GP'],
    ['another discipline (another plan of care)', 'V2,Ann Lee,03/16/2026,Medicare,OT,97110,10,1,GO'],
  ])('%s: checked alone', (_, row) => {
    const { visits } = readExport(csv(HEAD, 'V1,Ann Lee,03/16/2026,Medicare,PT,97110,10,1,GP', row), 'x.csv');
    expect(visits[1]!.visit.sameDay).toBeUndefined();
    expect(rules(visits[1]!)).not.toContain('units.same-day');
  });

  it('no discipline column, GP on one visit and GO on the other: two plans of care, checked alone', () => {
    const { visits } = readExport(csv('Visit ID,Patient,DOS,Payer,CPT,Minutes,Units,Modifiers', 'A,Ann Lee,03/16/2026,Medicare,97110,10,1,GP', 'B,Ann Lee,03/16/2026,Medicare,97530,10,1,GO'), 's3.csv');
    expect(visits[1]!.visit.sameDay).toBeUndefined();
  });

  it('an account column beside a patient name: the name is the patient, so two family members on one account are not one day', () => {
    const { visits, report } = readExport(csv('Visit ID,Account,Patient Name,DOS,Payer,CPT,Minutes,Units,Modifiers', 'A,10234,Ann Lee,03/16/2026,Medicare,97110,10,1,GP', 'B,10234,Tim Lee,03/16/2026,Medicare,97110,10,1,GP'), 's5.csv');
    expect(report.columns.find((c) => c.name === 'Patient Name')?.role).toBe('patient');
    expect(visits[1]!.visit.sameDay).toBeUndefined();
  });

  it('no patient column: nothing tells one patient from two, so visits are checked alone', () => {
    const { visits } = readExport(csv('Visit ID,DOS,Payer,CPT,Minutes,Units,Modifiers', 'V1,03/16/2026,Medicare,97110,10,1,GP', 'V2,03/16/2026,Medicare,97110,10,1,GP'), 'x.csv');
    expect(visits.map((v) => v.visit.sameDay)).toEqual([undefined, undefined]);
  });

  it('the command line prints the day finding on the later visit', async () => {
    const { BatchCheck } = await import('../../lib/batch/check');
    let out = '';
    const check = new BatchCheck({ json: true, color: false, write: (t) => (out += t), warn: () => {} });
    const file = check.open('m2.csv');
    file.push(csv(HEAD, 'V1,Ann Lee,03/16/2026,Medicare,PT,97110,10,1,GP', 'V2,Ann Lee,03/16/2026,Medicare,PT,97110,10,1,GP'));
    file.end();
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; findings: { rule: string }[]; lines: { code: string; units: number }[] });
    expect(lines.map((l) => [l.id, l.findings.some((f) => f.rule === 'units.same-day')])).toEqual([
      ['V1', false],
      ['V2', true],
    ]);
    // The claim lines printed add up to the day's 20 minutes: 1 unit, on the morning's claim.
    expect(lines.map((l) => [l.id, l.lines.map((c) => `${c.code}×${c.units}`)])).toEqual([
      ['V1', ['97110×1']],
      ['V2', []],
    ]);
  });
});

describe('second review: which patient column, and memory', () => {
  it('an account column only: two family members on one account are not one day, and the report says why no day check ran', () => {
    const { visits, report } = readExport(csv('Visit ID,Account,DOS,Payer,CPT,Minutes,Units,Modifiers', 'A,10234,03/16/2026,Medicare,97110,10,1,GP', 'B,10234,03/16/2026,Medicare,97110,10,1,GP'), 'a1.csv');
    expect(visits[1]!.visit.sameDay).toBeUndefined();
    expect(report.notes.join(' ')).toMatch(/"Account" may be an account several patients share/);
  });

  it('a patient\'s two visits further apart than the ledger remembers: checked alone, and the report says so once', () => {
    const rows = ['Visit ID,Patient,DOS,Payer,CPT,Minutes,Units,Modifiers'];
    for (let i = 0; i < 5_001; i++) rows.push(`M${i},P${i},03/16/2026,Medicare,97110,10,1,GP`);
    rows.push('A0,P0,03/16/2026,Medicare,97110,10,1,GP');
    const { visits, report } = readExport(`${rows.join('\n')}\n`, 'far.csv');
    expect(visits.at(-1)!.visit.sameDay).toBeUndefined();
    expect(report.notes.filter((n) => /patient-days apart/.test(n))).toHaveLength(1);
  });
});

describe('the patient in two columns, last and first name', () => {
  const SPLIT = 'Visit ID,Account,Pat Last Name,Pat First Name,DOS,Payer,CPT,Minutes,Units,Modifiers';
  it('"Last Name" + "First Name" are the patient: Ann Lee\'s two visits of one date are checked as a day, her brother Tim\'s on the same account apart', () => {
    const { visits, report } = readExport(
      csv(SPLIT, 'A,10234,Lee,Ann,03/16/2026,Medicare,97110,10,1,GP', 'B,10234,Lee,Tim,03/16/2026,Medicare,97110,10,1,GP', 'C,10234,Lee,Ann,03/16/2026,Medicare,97110,10,1,GP'),
      'split.csv',
    );
    expect(report.columns.filter((c) => c.role === 'patient').map((c) => c.name)).toEqual(['Pat Last Name', 'Pat First Name']);
    expect(report.columns.find((c) => c.name === 'Account')?.note).toMatch(/"Pat Last Name" and "Pat First Name" name the patient/);
    expect(report.notes.join(' ')).not.toMatch(/may be an account several patients share/);
    // Tim's visit is not Ann's day; Ann's second visit is told the day's 20 minutes support 1 unit (CPM §20.2).
    expect(visits[1]!.visit.sameDay).toBeUndefined();
    expect(rules(visits[2]!)).toContain('units.same-day');
  });

  it('with no id column, the lines of one patient (last and first name) on one date are one visit', () => {
    const { visits } = readExport(csv('Last Name,First Name,DOS,Payer,CPT,Minutes,Units,Modifiers', 'Lee,Ann,03/16/2026,Medicare,97110,10,1,GP', 'Lee,Ann,03/16/2026,Medicare,97112,10,1,GP', 'Lee,Tim,03/16/2026,Medicare,97110,25,2,GP'), 'split2.csv');
    expect(visits.map((v) => v.visit.entries.length)).toEqual([2, 1]);
    // Ann: 20 minutes billed 2 units, 1 supported (8–22 → 1).
    expect(rules(visits[0]!)).toContain('units.over-billed');
    expect(rules(visits[1]!)).not.toContain('units.over-billed');
  });
});

describe('red-team bb-sameday.csv: one payer spelt two ways', () => {
  it('"Medicare" and "MEDICARE PART B" (or Novitas) for one patient on one day are one claim: units.same-day', () => {
    for (const other of ['MEDICARE PART B', 'Novitas Solutions', 'mcr  part b']) {
      const { visits } = readExport(csv(HEAD, 'V1,Ann Lee,03/16/2026,Medicare,PT,97110,10,1,GP', `V2,Ann Lee,03/16/2026,${other},PT,97110,10,1,GP`), 'bb.csv');
      expect(rules(visits[1]!), other).toContain('units.same-day');
    }
  });

  it('a Medicare Advantage plan is another claim than Medicare: checked alone', () => {
    const { visits } = readExport(csv(HEAD, 'V1,Ann Lee,03/16/2026,Medicare,PT,97110,10,1,GP', 'V2,Ann Lee,03/16/2026,Humana Medicare Advantage,PT,97110,10,1,GP'), 'bb.csv');
    expect(visits[1]!.visit.sameDay).toBeUndefined();
  });
});
