import { describe, expect, it } from 'vitest';
import { decodeResults, encodeResults } from '../../entrypoints/batch/results-wire';
import { FromWorker } from '../../entrypoints/batch/protocol';
import { evaluate } from '../../lib/rules/evaluate';
import type { Visit } from '../../lib/model';
import { WEEK } from '../fixtures/exports/week';

// Checked visits between the Batch page's worker and the page: what the page shows survives the
// trip unchanged; texts that repeat from visit to visit travel once per batch.

const checked = WEEK.map((w, i) => ({ line: i + 2, visit: w.visit, evaluation: evaluate(w.visit) }));

describe('results between the worker and the page', () => {
  it('the page gets back every visit fact, claim line and finding (why, what to do, source) it shows; not the input lines', () => {
    const wire = encodeResults(checked);
    expect(FromWorker.safeParse({ type: 'results', ...wire }).success).toBe(true);
    const back = decodeResults(structuredClone(wire));
    if ('problem' in back) throw new Error(back.problem);
    expect(back).toHaveLength(WEEK.length);
    back.forEach((c, i) => {
      const { entries, ...facts } = checked[i]!.visit;
      expect(entries.length).toBeGreaterThan(0);
      expect(c.line).toBe(checked[i]!.line);
      expect(c.visit).toEqual(facts);
      expect(c.evaluation.lines).toEqual(checked[i]!.evaluation.lines);
      expect(c.evaluation.findings).toEqual(checked[i]!.evaluation.findings.map(({ entries: _e, fieldKeys: _k, ...f }) => f));
    });
  });

  it('a source shared by many visits travels once per batch', () => {
    // The same NCCI pair (97530 with 97140, no modifier) on 50 visits.
    const visit: Visit = { payer: 'Medicare', discipline: 'PT', entries: [{ code: '97530', minutes: 30, units: 2, modifiers: ['GP'] }, { code: '97140', minutes: 15, units: 1, modifiers: ['GP'] }] };
    const many = Array.from({ length: 50 }, (_, i) => ({ line: i + 2, visit: { ...visit, id: `V${i}` }, evaluation: evaluate(visit) }));
    const pair = many[0]!.evaluation.findings.find((f) => f.rule === 'pair.modifier-required')!;
    expect(pair.source).toMatch(/^NCCI PTP edit 97140\/97530/);
    const wire = encodeResults(many);
    expect(wire.strings.filter((s) => s === pair.source)).toHaveLength(1);
    expect(wire.items.every((c) => c.evaluation.findings.some((f) => wire.strings[f.source] === pair.source))).toBe(true);
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(many).length * 0.7);
  });

  it('a batch whose finding points past its texts is refused, not shown with a missing source', () => {
    const wire = encodeResults(checked.slice(3, 4));
    expect(wire.items[0]!.evaluation.findings.length).toBeGreaterThan(0);
    wire.items[0]!.evaluation.findings[0]!.source = wire.strings.length;
    expect(decodeResults(wire)).toEqual({ problem: `line ${checked[3]!.line}: a finding's text is missing` });
  });
});
