import { describe, expect, it } from 'vitest';
import { FromWorker, FromWorkerReceived } from '../../entrypoints/batch/protocol';
import { ResultStore } from '../../entrypoints/batch/result-store';
import { encodeBatch } from '../../entrypoints/batch/results-wire';
import { evaluate } from '../../lib/rules/evaluate';
import type { Visit } from '../../lib/model';
import { WEEK } from '../fixtures/exports/week';
import { storeOf } from './stored-results';

// Checked visits between the Batch page's worker and the page, and as the page keeps them: what
// the page shows survives the trip unchanged; texts that repeat from visit to visit travel once
// per run; anything that does not fit is refused or shown as unreadable, never guessed.

const checked = WEEK.map((w, i) => ({ line: i + 2, visit: w.visit, evaluation: evaluate(w.visit) }));
const RANK = { info: 1, warning: 2, error: 3 };

describe('results between the worker and the page', () => {
  it('the page gets back every visit fact, claim line and finding (why, what to do, source) it shows; not the input lines', () => {
    const batch = encodeBatch(checked, 0);
    const message = { type: 'results' as const, ...batch };
    expect(FromWorker.safeParse(message).success).toBe(true);
    expect(FromWorkerReceived.safeParse(message).success).toBe(true);
    const store = storeOf(checked, 5);
    const all = [...store.all()];
    expect(all).toHaveLength(WEEK.length);
    all.forEach((c, i) => {
      const { entries, ...facts } = checked[i]!.visit;
      expect(entries.length).toBeGreaterThan(0);
      expect(c.line).toBe(checked[i]!.line);
      expect(c.visit).toEqual(facts);
      expect(c.evaluation.lines).toEqual(checked[i]!.evaluation.lines);
      expect(c.evaluation.findings).toEqual(checked[i]!.evaluation.findings.map(({ entries: _e, fieldKeys: _k, ...f }) => f));
      // The table's decode (checked against the schema) reads the same.
      expect(store.decode(store.rows[i]!)).toEqual(c);
    });
  });

  it("each row carries the visit's facts, worst severity and one rule per finding", () => {
    const store = storeOf(checked, 4);
    store.rows.forEach((row, i) => {
      const { visit, evaluation } = checked[i]!;
      expect(row).toMatchObject({ line: checked[i]!.line, id: visit.id, date: visit.dateOfService, payer: visit.payer });
      expect(row.rules.map((r) => store.ruleNames[r])).toEqual(evaluation.findings.map((f) => f.rule));
      expect(row.worst).toBe(Math.max(0, ...evaluation.findings.map((f) => RANK[f.severity])));
      expect(Boolean(row.severities & 4)).toBe(evaluation.findings.some((f) => f.severity === 'error'));
      expect(Boolean(row.severities & 2)).toBe(evaluation.findings.some((f) => f.severity === 'warning'));
    });
  });

  it('a source shared by many visits travels once per batch', () => {
    // The same NCCI pair (97530 with 97140, no modifier) on 50 visits, in two batches.
    const visit: Visit = { payer: 'Medicare', discipline: 'PT', entries: [{ code: '97530', minutes: 30, units: 2, modifiers: ['GP'] }, { code: '97140', minutes: 15, units: 1, modifiers: ['GP'] }] };
    const many = Array.from({ length: 50 }, (_, i) => ({ line: i + 2, visit: { ...visit, id: `V${i}` }, evaluation: evaluate(visit) }));
    const pair = many[0]!.evaluation.findings.find((f) => f.rule === 'pair.modifier-required')!;
    expect(pair.source).toMatch(/^NCCI PTP edit 97140\/97530/);
    const [first, second] = [encodeBatch(many.slice(0, 25), 0), encodeBatch(many.slice(25), 1)];
    for (const batch of [first, second]) expect(batch.texts.filter((s) => s === pair.source)).toHaveLength(1);
    const store = storeOf(many, 25);
    const decoded = [...store.all()];
    // The two batches' rule numbers became the page's one list.
    expect(store.ruleNames).toEqual([...new Set(many[0]!.evaluation.findings.map((f) => f.rule))]);
    expect(decoded.every((c) => c.evaluation.findings.some((f) => f.source === pair.source))).toBe(true);
    expect(first.bytes.length + second.bytes.length).toBeLessThan(JSON.stringify(many).length * 0.7);
  });

  it("a finding that points past its batch's texts is shown as unreadable and stops an export, not shown with a missing source", () => {
    const batch = encodeBatch(checked.slice(3, 4), 0);
    expect(checked[3]!.evaluation.findings.length).toBeGreaterThan(0);
    const store = new ResultStore();
    expect(store.add({ ...batch, texts: [] })).toBeUndefined();
    expect(store.decode(store.rows[0]!)).toEqual({ line: checked[3]!.line, problem: `line ${checked[3]!.line}: a finding's text is missing` });
    expect(() => [...store.all()]).toThrow(`line ${checked[3]!.line}: a finding's text is missing`);
  });

  it('a result whose JSON does not fit the schema is shown as unreadable', () => {
    const bad = { ...checked[0]!, evaluation: { ...checked[0]!.evaluation, totalTimedUnits: 'two' as unknown as number } };
    const store = new ResultStore();
    expect(store.add(encodeBatch([bad], 0))).toBeUndefined();
    const shown = store.decode(store.rows[0]!);
    expect(shown).toMatchObject({ line: bad.line });
    expect('problem' in shown && shown.problem).toMatch(/^line 2: its result cannot be read/);
  });

  it('refuses a batch out of order, results out of their bytes, and a rule it was never told', () => {
    const first = encodeBatch(checked.slice(0, 2), 0);
    const second = encodeBatch(checked.slice(2, 4), 1);
    expect(new ResultStore().add(second)).toBe('batch 1 came where batch 0 was expected');
    expect(new ResultStore().add({ ...first, ends: Uint32Array.from([first.ends[0]!, first.bytes.length + 1]) })).toBe('batch 0: result 1 is out of its bytes');
    expect(new ResultStore().add({ ...first, ends: first.ends.subarray(0, 1) })).toBe('batch 0 has 2 visits but 1 results');
    const noRules = new ResultStore().add({ ...first, rules: [] });
    expect(noRules).toBe(`line ${checked[0]!.line}: a finding's rule is missing`);
    const store = new ResultStore();
    expect(store.add(first)).toBeUndefined();
    expect(store.add(second)).toBeUndefined();
    expect(store.rows.map((r) => r.line)).toEqual(checked.slice(0, 4).map((c) => c.line));
  });
});
