import { describe, expect, it } from 'vitest';
import { evaluate } from '../lib/rules/evaluate';
import { CSV_HEADER, claimRows, findingKey, reportCsv, reportText, treatmentMinutes, verdict } from '../lib/report';
import type { Acknowledgement, StoredEvaluation } from '../lib/messages';
import type { Visit } from '../lib/model';
import { parseCsv } from '../lib/csv';
import { tablesOf } from '../lib/rule-context';
import { builtInRuleData } from '../lib/rules/data';

// The claim beside what the form has, the verdict, and the biller's copy and CSV export.
// The visit is CMS's own worked example (CPM Pub. 100-04 Ch. 5 §20.2: 24 min 97112 + 23 min
// 97110 = 47 min → 3 units, 2 × 97112 and 1 × 97110), entered on the form as 2 + 2 units.

const visit = {
  payer: 'Medicare Part B',
  dateOfService: '2026-11-20',
  discipline: 'PT' as const,
  entries: [
    { code: '97112', label: 'Balance training', minutes: 24, units: 2, modifiers: ['GP'], fieldKey: 'r0:minutes' },
    { code: '97110', label: 'Ther ex', minutes: 23, units: 2, modifiers: ['GP'], fieldKey: 'r1:minutes' },
  ],
};

function stored(v: Visit = visit): StoredEvaluation {
  return { tabId: 1, frameId: 0, entries: v.entries.length, source: 'generic', visit: v, notes: [], evaluation: evaluate(v), tables: tablesOf(builtInRuleData()), warnings: [], updatedAt: 0 };
}

describe('claimRows', () => {
  it('puts the suggested line beside what was entered and marks the difference', () => {
    const s = stored();
    const rows = claimRows(s.visit, s.evaluation);
    expect(rows.map((r) => [r.code, r.suggested?.units, r.entered?.units, r.unitsDiffer])).toEqual([
      ['97112', 2, 2, false],
      ['97110', 1, 2, true],
    ]);
    expect(rows[1]!.suggested!.reason).toBeTruthy();
  });

  it('a code entered that Unitwise would not bill shows with 0 suggested; a form without units is no difference', () => {
    const v = { ...visit, entries: [{ code: '97110', minutes: 5, units: 1 }, { code: '97140', minutes: 30 }] };
    const s = stored(v);
    const rows = claimRows(s.visit, s.evaluation);
    expect(rows.find((r) => r.code === '97110')).toMatchObject({ suggested: null, entered: { units: 1 }, unitsDiffer: true });
    expect(rows.find((r) => r.code === '97140')).toMatchObject({ suggested: { units: 2 }, entered: { units: null }, unitsDiffer: false });
  });
});

describe('verdict', () => {
  it('counts errors and warnings that are not acknowledged', () => {
    const s = stored();
    const v = verdict(s.evaluation, []);
    expect(v.ready).toBe(false);
    expect(v.text).toMatch(/^\d+ problems? to check \(1 error/);
    const acks: Acknowledgement[] = s.evaluation.findings.filter((f) => f.severity !== 'info').map((f) => ({ key: findingKey(f), rule: f.rule, reason: 'payer contract allows', at: 0 }));
    expect(verdict(s.evaluation, acks)).toMatchObject({ ready: true, problems: 0, text: 'Ready to bill' });
  });

  it('a correct visit is ready', () => {
    const ok = stored({ ...visit, entries: [{ ...visit.entries[0]!, units: 2 }, { ...visit.entries[1]!, units: 1 }] });
    expect(verdict(ok.evaluation, []).ready).toBe(true);
  });
});

describe('reportText and reportCsv', () => {
  it('the text says what, why, what to do, the acknowledgement, and the versions', () => {
    const s = stored();
    const units = s.evaluation.findings.find((f) => f.rule === 'units.over-billed')!;
    const text = reportText(s, [{ key: findingKey(units), rule: units.rule, reason: 'reviewed with therapist', at: 0 }], '0.1.0');
    expect(text).toMatch(/Date of service 2026-11-20, payer Medicare Part B, PT/);
    expect(text).toMatch(/Method: CMS 8-minute rule .*Medicare/);
    expect(text).toMatch(/Timed minutes 47 → 3 timed units; treatment minutes 47/);
    expect(text).toMatch(/ 97110 × 1 GP {2}\[form has 2 GP\]/);
    expect(text).toMatch(/ERROR units\.over-billed: .*\n {4}What to do: .*\n {4}Source: CMS .*\n {4}Acknowledged: reviewed with therapist/);
    expect(text).toMatch(/Checked by Unitwise 0\.1\.0; data: built-in .*PTP .*starter set/);
  });

  it('the CSV reads back with one row per claim line and finding, and no cell a spreadsheet would run', () => {
    const v = { ...visit, entries: [{ ...visit.entries[0]!, modifiers: ['=1+1'] }, visit.entries[1]!] };
    const s = stored(v);
    const rows = parseCsv(reportCsv(s, [], '0.1.0')).records.map((r) => r.fields);
    expect(rows[0]).toEqual(CSV_HEADER);
    const body = rows.slice(1).filter((r) => r.length > 1);
    expect(body.filter((r) => r[0] === 'claim').map((r) => [r[1], r[2], r[4]])).toEqual([
      ['97112', '2', '2'],
      ['97110', '1', '2'],
    ]);
    expect(body.filter((r) => r[0] === 'finding')).toHaveLength(s.evaluation.findings.length);
    expect(body.every((r) => r[CSV_HEADER.indexOf('rules_version')] === '0.1.0')).toBe(true);
    expect(body.flat().some((c) => /^[=+@]/.test(c))).toBe(false);
    expect(body[0]![CSV_HEADER.indexOf('entered_modifiers')]).toBe("'=1+1");
  });

  it('treatment minutes: as stated on the form, else the lines added up', () => {
    expect(treatmentMinutes(visit)).toBe(47);
    expect(treatmentMinutes({ ...visit, totalTreatmentMinutes: 60 })).toBe(60);
  });
});
