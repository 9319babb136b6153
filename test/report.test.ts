import { describe, expect, it } from 'vitest';
import { evaluate } from '../lib/rules/evaluate';
import { CSV_HEADER, ackVisitFacts, ackVisitName, acksAfter, claimRows, openProblems, csvCell, findingKey, holdingAcks, reportCsv, reportText, treatmentMinutes, verdict } from '../lib/report';
import type { Acknowledgement, StoredEvaluation } from '../lib/messages';
import type { Finding, Visit } from '../lib/model';
import { parseCsv } from '../lib/csv';
import { patientTag } from '../lib/extract/read';
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
  return { tabId: 1, frameId: 0, entries: v.entries.length, visitKey: 'v1', token: "", source: 'generic', visit: v, notes: [], evaluation: evaluate(v), tables: tablesOf(builtInRuleData()), warnings: [], updatedAt: 0 };
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

  it('a visit’s open problems for the list of visits: acknowledged ones left out, only for that visit, only while they say the same', () => {
    const s = stored();
    const open = s.evaluation.findings.filter((f) => f.severity !== 'info');
    const errors = open.filter((f) => f.severity === 'error').length;
    expect(openProblems(s, 'PM session', 'v2', [])).toEqual({ errors, warnings: open.length - errors });
    const given = (visit: string | undefined, message = (f: Finding) => f.message): Acknowledgement[] =>
      open.map((f) => ({ key: findingKey(f), rule: f.rule, reason: 'agreed', at: 0, message: message(f), facts: ackVisitFacts(s.visit), ...(visit !== undefined && { visit }) }));
    // Given on this visit: none left (the verdict's own count).
    expect(openProblems(s, 'PM session', 'v2', given(ackVisitName('PM session', 'v2')))).toEqual({ errors: 0, warnings: 0 });
    // Given on another visit of the page: they do not count here.
    expect(openProblems(s, 'PM session', 'v2', given(ackVisitName('AM session', 'v1')))).toEqual({ errors, warnings: open.length - errors });
    // Said otherwise since (other minutes): a problem again.
    expect(openProblems(s, 'PM session', 'v2', given(ackVisitName('PM session', 'v2'), () => 'another message')).errors).toBe(errors);
  });

  it("an acknowledgement holds while its finding says what it said: the next patient's same finding with other numbers, or this visit's minutes changed, is a problem again", () => {
    const s = stored();
    const units = s.evaluation.findings.find((f) => f.rule === 'units.over-billed')!;
    const given: Acknowledgement[] = s.evaluation.findings.filter((f) => f.severity !== 'info').map((f) => ({ key: findingKey(f), rule: f.rule, reason: 'agreed with the therapist', at: 0, message: f.message }));
    expect(verdict(s.evaluation, holdingAcks(given, s.evaluation.findings)).ready).toBe(true);
    // The same form with the next patient's minutes: the same rule on the same row, other numbers.
    const next = stored({ ...visit, entries: visit.entries.map((e, i) => (i === 0 ? { ...e, minutes: (e.minutes ?? 0) + 1 } : e)) });
    const again = next.evaluation.findings.find((f) => f.rule === 'units.over-billed')!;
    expect(findingKey(again)).toBe(findingKey(units));
    expect(again.message).not.toBe(units.message);
    const holding = holdingAcks(given, next.evaluation.findings);
    expect(holding.map((a) => a.rule)).not.toContain('units.over-billed');
    expect(verdict(next.evaluation, holding).ready).toBe(false);
    // An acknowledgement from before messages were kept still holds (none to compare).
    expect(holdingAcks(given.map(({ message: _m, ...a }) => a), next.evaluation.findings)).toHaveLength(given.length);
  });

  it("an acknowledgement of a finding that quotes no numbers does not carry to the next patient shown under the same heading on another date or payer", () => {
    const noGp = { ...visit, payer: 'Medicare Part B', dateOfService: '2026-11-20', entries: visit.entries.map((e) => ({ ...e, modifiers: [] })) };
    const s = stored(noGp);
    const missing = s.evaluation.findings.filter((f) => f.rule === 'modifier.discipline-missing');
    expect(missing.length).toBeGreaterThan(0);
    const given: Acknowledgement[] = missing.map((f) => ({ key: findingKey(f), rule: f.rule, reason: 'added on the claim', at: 0, message: f.message, facts: ackVisitFacts(s.visit) }));
    expect(holdingAcks(given, s.evaluation.findings, ackVisitFacts(s.visit))).toHaveLength(given.length);
    // The same visit, the payer typed in another case: still this visit.
    expect(holdingAcks(given, s.evaluation.findings, ackVisitFacts({ ...s.visit, payer: 'MEDICARE PART B ' }))).toHaveLength(given.length);
    // The next patient's note: same heading, same rows, same words ("97110: add GP"), another date, or another payer.
    for (const next of [stored({ ...noGp, dateOfService: '2026-11-21' }), stored({ ...noGp, payer: 'Medicare Advantage' })]) {
      const same = next.evaluation.findings.filter((f) => f.rule === 'modifier.discipline-missing');
      expect(same.map((f) => [findingKey(f), f.message])).toEqual(missing.map((f) => [findingKey(f), f.message]));
      expect(holdingAcks(given, next.evaluation.findings, ackVisitFacts(next.visit))).toEqual([]);
    }
    // Acknowledgements kept before visits' facts were: compared by message only, as before.
    expect(holdingAcks(given.map(({ facts: _f, ...a }) => a), s.evaluation.findings, ackVisitFacts({ ...s.visit, dateOfService: '2026-11-21' }))).toHaveLength(given.length);
  });

  it('an acknowledgement given before the payer was read holds once it is; acknowledging on one patient keeps the acknowledgements of the patient before under the same heading', () => {
    const noGp = { ...visit, payer: 'Medicare Part B', dateOfService: '2026-11-20', entries: visit.entries.map((e) => ({ ...e, modifiers: [] })) };
    const early = stored({ ...noGp, payer: undefined });
    const ack = (s: StoredEvaluation, f: Finding, at = 0): Acknowledgement => ({ key: findingKey(f), rule: f.rule, reason: 'added on the claim', at, message: f.message, facts: ackVisitFacts(s.visit) });
    const given = early.evaluation.findings.filter((f) => f.rule === 'modifier.discipline-missing').map((f) => ack(early, f));
    const a = stored(noGp);
    expect(holdingAcks(given, a.evaluation.findings, ackVisitFacts(a.visit))).toHaveLength(given.length);
    // The next patient (another date): A's acknowledgements do not hold; acknowledging one of B's keeps them.
    const b = stored({ ...noGp, dateOfService: '2026-11-21' });
    const onB = holdingAcks(given, b.evaluation.findings, ackVisitFacts(b.visit));
    expect(onB).toEqual([]);
    const f = b.evaluation.findings.find((x) => x.rule === 'modifier.discipline-missing')!;
    const saved = acksAfter(given, onB, findingKey(f), ack(b, f, 1));
    expect(holdingAcks(saved, a.evaluation.findings, ackVisitFacts(a.visit))).toEqual(given);
    expect(holdingAcks(saved, b.evaluation.findings, ackVisitFacts(b.visit)).map((x) => x.at)).toEqual([1]);
    // Un-acknowledging on B takes B's away only.
    expect(acksAfter(saved, holdingAcks(saved, b.evaluation.findings, ackVisitFacts(b.visit)), findingKey(f))).toEqual(given);
  });

  it('the next patient seen the same day with the same payer, under the same heading, with the same finding word for word: the patient the page names tells them apart', () => {
    const noGp = { ...visit, payer: 'Medicare Part B', dateOfService: '2026-11-20', entries: visit.entries.map((e) => ({ ...e, modifiers: [] })) };
    const alice = stored({ ...noGp, patientTag: patientTag('Alice Adams') });
    const given: Acknowledgement[] = alice.evaluation.findings
      .filter((f) => f.rule === 'modifier.discipline-missing')
      .map((f) => ({ key: findingKey(f), rule: f.rule, reason: 'added on the claim', at: 0, message: f.message, facts: ackVisitFacts(alice.visit) }));
    expect(given.length).toBeGreaterThan(0);
    const bob = stored({ ...noGp, patientTag: patientTag('Bob Brown') });
    expect(holdingAcks(given, bob.evaluation.findings, ackVisitFacts(bob.visit))).toEqual([]);
    // Alice again, her name written another way: hers.
    expect(holdingAcks(given, alice.evaluation.findings, ackVisitFacts({ ...alice.visit, patientTag: patientTag('  ALICE   adams ') }))).toHaveLength(given.length);
    // An acknowledgement kept before the patient was part of its facts (two parts) still compares by date and payer.
    const older = given.map((a) => ({ ...a, facts: a.facts!.split('|').slice(0, 2).join('|') }));
    expect(holdingAcks(older, bob.evaluation.findings, ackVisitFacts(bob.visit))).toHaveLength(given.length);
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

  // From a screenshot review: a claim built on a missing minutes field was copied as if final.
  it('minutes missing (CPM §20.2 Example 1 without 97110\'s minutes): the copied claim says it is provisional, and which lines', () => {
    const v = { ...visit, entries: [visit.entries[0]!, { ...visit.entries[1]!, minutes: undefined }, { code: '97140', label: 'Manual therapy', minutes: null, rawMinutes: 'abt ten', modifiers: ['GP'] }] };
    const s = stored(v);
    const text = reportText(s, [], '0.1.0');
    expect(text).toMatch(/Suggested claim, PROVISIONAL until the minutes are entered: No minutes for 97110 “Ther ex”; minutes not readable for 97140 “Manual therapy”\..*Enter the minutes before billing/);
    expect(text).toMatch(/CPM Pub\. 100-04 Ch\. 5 §20\.2 C/);
    expect(text).toMatch(/\n {2}97110 × 2 GP \[PROVISIONAL: minutes missing or unreadable\]/);
    expect(text).toMatch(/\n {2}97140 × \? \(enter its minutes\) \[PROVISIONAL/);
    expect(text).not.toMatch(/97140 × 0/);
    const claim = parseCsv(reportCsv(s, [], '0.1.0')).records.map((r) => r.fields).filter((r) => r[0] === 'claim');
    expect(claim.map((r) => [r[1], r[8]!.startsWith('PROVISIONAL')])).toEqual([['97112', false], ['97110', true], ['97140', true]]);
    // With every minute entered the claim is the answer: no such words.
    expect(reportText(stored(), [], '0.1.0')).not.toMatch(/PROVISIONAL/);
  });

  it('a finding from the built-in STARTER PTP table (CMS Example 9, 97140/97530) is marked as such in the copied text', () => {
    const text = reportText(stored({ ...visit, entries: [{ code: '97140', minutes: 15, units: 1, modifiers: ['GP'] }, { code: '97530', minutes: 15, units: 1, modifiers: ['GP'] }] }), [], '0.1.0');
    expect(text).toMatch(/ERROR pair\.modifier-required \[STARTER DATA, verify\]: NCCI pairs 97140/);
    expect(reportText(stored(), [], '0.1.0')).not.toMatch(/STARTER DATA/);
  });

  it('an empty modifiers field where GP is billed: the copied line says the form has no modifier', () => {
    const text = reportText(stored({ ...visit, entries: visit.entries.map((e) => ({ ...e, modifiers: [] })) }), [], '0.1.0');
    expect(text).toMatch(/ 97112 × 2 GP {2}\[form has 2, no modifier\]/);
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

  it('quotes every cell, so no delimiter or line break inside one splits it', () => {
    const s = stored({ ...visit, payer: 'Aetna, "PPO"\nplan' });
    const csv = reportCsv(s, [], '0.1.0');
    // Every record is "…","…",… CRLF with quotes inside doubled; nothing unquoted anywhere.
    expect(csv).toMatch(/^(?:"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*\r\n)+$/);
    expect(csv.startsWith(`${CSV_HEADER.map((h) => `"${h}"`).join(',')}\r\n`)).toBe(true);
    expect(csv).toContain('\r\n"claim","97112","2","GP","2","GP",');
  });

  it('a cell with quotes, commas and line breaks reads back unchanged through the CSV parser', () => {
    const reason = 'Therapist said "split 2/1", OK\nsee note\r\nline 3 "end"';
    const payer = '"Blue" Cross, PPO\n(plan B)';
    const s = stored({ ...visit, payer });
    expect(s.evaluation.findings.length).toBeGreaterThan(0);
    const key = findingKey(s.evaluation.findings[0]!);
    const parsed = parseCsv(reportCsv(s, [{ key, rule: 'x', reason, at: 0 }], '0.1.0'));
    expect(parsed.error).toBeUndefined();
    const rows = parsed.records.map((r) => r.fields);
    expect(rows.every((r) => r.length === CSV_HEADER.length)).toBe(true);
    expect(rows.slice(1).every((r) => r[CSV_HEADER.indexOf('payer')] === payer)).toBe(true);
    expect(rows.filter((r) => r[CSV_HEADER.indexOf('acknowledged')] === reason)).toHaveLength(1);
  });

  it('numbers stay plain digits; text with a dash or a separator in the middle is not touched', () => {
    expect(csvCell(3)).toBe('"3"');
    expect(csvCell(-3)).toBe('"-3"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
    expect(csvCell('3 - 2 = 1')).toBe('"3 - 2 = 1"');
    expect(csvCell('GP; 59, XU')).toBe('"GP; 59, XU"');
  });

  it.each(['=', '+', '-', '@', '\t', '\r', '\0'])('a cell starting with %j is prefixed with a quote mark', (c) => {
    expect(csvCell(`${c}SUM(A1:A9)`)).toBe(`"'${c}SUM(A1:A9)"`);
    expect(csvCell(` "${c}1+1`)).toBe(`"' ""${c}1+1"`);
    const s = stored({ ...visit, payer: `${c}HYPERLINK("http://x.test")` });
    const rows = parseCsv(reportCsv(s, [], '0.1.0')).records.slice(1).map((r) => r.fields);
    for (const r of rows) expect(r[CSV_HEADER.indexOf('payer')]).toBe(`'${c}HYPERLINK("http://x.test")`);
  });

  it("a payer 'Aetna;=cmd|…' cannot become a formula cell in a ';', tab or line-by-line reader either", () => {
    const payer = "Aetna;=cmd|' /C calc'!A0";
    const s = stored({
      ...visit,
      payer,
      entries: [{ ...visit.entries[0]!, label: 'Balance,+1\n@SUM(1)\t-2\r\n=3' }, visit.entries[1]!],
    });
    const csv = reportCsv(s, [], '0.1.0');
    const payers = parseCsv(csv).records.slice(1).map((r) => r.fields[CSV_HEADER.indexOf('payer')]);
    expect(new Set(payers)).toEqual(new Set(["Aetna;'=cmd|' /C calc'!A0"]));
    // Any field another reader could cut from this file: by ';' (Excel where that is the list
    // separator), by tab, by ',' or line ignoring quotes. None may start like a formula.
    const formula = /^[ "]*[=+\-@]/;
    const fieldsBy = (d: string) => parseCsv(csv, { delimiter: d }).records.flatMap((r) => r.fields);
    const naive = csv.split(/[,;\t\r\n]/);
    for (const fields of [fieldsBy(','), fieldsBy(';'), fieldsBy('\t'), naive]) {
      expect(fields.filter((f) => formula.test(f))).toEqual([]);
    }
    expect(fieldsBy(';').filter((f) => f.startsWith("'=cmd|' /C calc'!A0")).length).toBe(payers.length);
  });

  it('treatment minutes: as stated on the form, else the lines added up', () => {
    expect(treatmentMinutes(visit)).toBe(47);
    expect(treatmentMinutes({ ...visit, totalTreatmentMinutes: 60 })).toBe(60);
  });
});
