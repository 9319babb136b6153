import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readVisits } from '../../lib/batch/read-visits';
import { evaluate } from '../../lib/rules/evaluate';

// Input the schema rejects gets minutes.unreadable or a clear read error: never a crash.

const nearVisit = fc.record(
  {
    id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    payer: fc.oneof(fc.string(), fc.integer()),
    discipline: fc.oneof(fc.constantFrom('PT', 'ot', 'SLP', 'XX'), fc.anything()),
    dateOfService: fc.oneof(fc.constantFrom('2026-03-02', '03/02/2026', '2026-02-30', 'yesterday'), fc.anything()),
    entries: fc.oneof(
      fc.array(
        fc.record(
          {
            code: fc.oneof(fc.constantFrom('97110', '97112', '97116', 97140), fc.string()),
            label: fc.string(),
            minutes: fc.oneof(fc.integer({ min: -100, max: 5000 }), fc.string(), fc.constantFrom('23 min', '1:5x', 'twenty', '-5', '999999', '10:05-10:28'), fc.constant(null)),
            units: fc.oneof(fc.integer({ min: -2, max: 2000 }), fc.string(), fc.double()),
            modifiers: fc.oneof(fc.array(fc.string()), fc.string()),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 6 },
      ),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

describe('reading then evaluating arbitrary near-visits (fast-check)', () => {
  it('never throws; each input visit is either evaluated or reported with file, line and reason', () => {
    fc.assert(
      fc.property(fc.array(nearVisit, { maxLength: 5 }), (raw) => {
        const text = raw.map((v) => JSON.stringify(v)).join('\n');
        const { visits, errors } = readVisits(text, 'fuzz.jsonl');
        expect(visits.length + errors.length).toBeGreaterThanOrEqual(raw.length === 0 ? 0 : 1);
        for (const e of errors) {
          expect(e.file).toBe('fuzz.jsonl');
          expect(e.line).toBeGreaterThanOrEqual(0);
          expect(e.reason.length).toBeGreaterThan(5);
        }
        for (const { visit } of visits) {
          const evaluation = evaluate(visit);
          for (const entry of visit.entries) {
            if (entry.minutes === null) expect(evaluation.findings.some((f) => f.rule === 'minutes.unreadable')).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(['1:5x', 'twenty', '-5', '999999'])("minutes '%s' in JSON become minutes.unreadable naming the text, not a zero", (raw) => {
    const { visits } = readVisits(JSON.stringify({ payer: 'Medicare', discipline: 'PT', entries: [{ code: '97116', label: 'Gait training', minutes: raw }] }), 'v.json');
    const e = evaluate(visits[0]!.visit);
    const f = e.findings.find((x) => x.rule === 'minutes.unreadable');
    expect(f?.message).toContain(`'${raw}'`);
    expect(f?.message).toContain('Gait training');
    expect(e.totalTimedMinutes).toBe(0);
    expect(e.lines).toEqual([]);
  });
});
