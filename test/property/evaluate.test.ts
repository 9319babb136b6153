import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDataPack, catalogCodes } from '../../lib/import/pack';
import { Evaluation, Visit, type Settings } from '../../lib/model';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';
import { builtInRuleData, loadRuleData } from '../../lib/rules/data';
import { evaluate } from '../../lib/rules/evaluate';
import { RULES, RULE_IDS } from '../../lib/rules/registry';

// Issue 5, promise 5, for the engine: any visit the background's schema accepts evaluates
// without throwing; claim lines carry whole, positive units; minutes that could not be read
// always come back as a minutes.unreadable finding naming the entry and quoting the text; and
// every finding says what is wrong, what to do, and what it rests on.

const SEED = 5_0505;

const CODES = catalog.rows.map((r) => r.code);
const PHRASES = phrases.rows.flatMap((r) => r.phrases);
// User text that does not itself say "undefined" or "NaN", so those words in a message are ours.
const userText = (maxLength: number) => fc.string({ maxLength }).filter((s) => !/undefined|NaN|Infinity|\[object/.test(s));

const code = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CODES) },
  { weight: 1, arbitrary: fc.constantFrom(...CODES).map((c) => ` ${c.toLowerCase()} `) },
  { weight: 1, arbitrary: fc.constantFrom('9711', '97110X', '99213', 'G0283', '0552T', 'ABCDE', '', '  ', '97-110') },
  { weight: 1, arbitrary: userText(16) },
);
const minutes = fc.oneof(
  fc.constant(null),
  fc.constant(0),
  fc.integer({ min: 0, max: 90 }),
  fc.integer({ min: 0, max: 1440 }),
  fc.constant(1440),
  fc.double({ min: 0, max: 1440, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(7.5, 0.5, 1e-9, 22.999),
);
const modifier = fc.oneof(fc.constantFrom('GP', 'GO', 'GN', 'CQ', 'CO', 'KX', '59', 'XU', 'XS', 'XE', 'XP', '25', 'gp', ' go ', ''), userText(4));
const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const isoDay = fc.date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const entry = fc
  .record(
    {
      code,
      label: fc.oneof(fc.constantFrom(...PHRASES), fc.constantFrom('Ther ex, LE strengthening 3x10', 'Gait training with RW', 'Manual therapy to lumbar spine', ''), userText(80)),
      minutes,
      rawMinutes: fc.oneof(fc.constantFrom('1:5x', 'twenty', '-5', '999999', '10:28-10:05', '<b>23</b>', "O'Brien", ''), userText(30)),
      units: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 999 })),
      modifiers: fc.array(modifier, { maxLength: 8 }),
      assistantMinutes: fc.integer({ min: 0, max: 1440 }),
      startTime: clock,
      endTime: clock,
      fieldKey: fc.oneof(fc.nat({ max: 30 }).map((n) => `r${n}:minutes`), userText(20)),
    },
    { requiredKeys: [] },
  )
  // minutes null is what the form reader writes for unreadable text, with the text kept.
  .chain((e) => (e.minutes === null ? fc.oneof(userText(30), fc.constantFrom('1:5x', 'twenty', 'N/A')).map((raw) => ({ ...e, rawMinutes: e.rawMinutes ?? raw })) : fc.constant(e)));

const visit = fc.record(
  {
    id: userText(20),
    payer: fc.oneof(fc.constantFrom('Medicare', 'Medicare Part B', 'medicare advantage', 'Aetna Choice POS II', 'BCBS', 'Tricare', '', '   '), userText(40)),
    method: fc.constantFrom('cms' as const, 'per-code' as const),
    discipline: fc.constantFrom('PT' as const, 'OT' as const, 'SLP' as const),
    dateOfService: fc.oneof(isoDay, fc.constantFrom('2026-03-02', '2020-01-01', '2024-02-29')),
    totalTreatmentMinutes: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 1440 })),
    entries: fc.oneof({ weight: 9, arbitrary: fc.array(entry, { maxLength: 8 }) }, { weight: 1, arbitrary: fc.array(entry, { minLength: 20, maxLength: 60 }) }),
  },
  { requiredKeys: ['entries'] },
);

const settings: fc.Arbitrary<Partial<Settings> | undefined> = fc.option(
  fc.record(
    {
      methodOverride: fc.constantFrom('cms' as const, 'per-code' as const),
      defaultMethod: fc.constantFrom('cms' as const, 'per-code' as const),
      noPayerMethod: fc.constantFrom('cms' as const, 'per-code' as const),
      payerMethods: fc.array(fc.record({ contains: fc.constantFrom('aetna', 'medicare', 'x', 'BCBS'), method: fc.constantFrom('cms' as const, 'per-code' as const) }), { maxLength: 2 }),
      ytdTherapySpend: fc.record({ ptSlp: fc.integer({ min: 0, max: 5000 }), ot: fc.integer({ min: 0, max: 5000 }) }, { requiredKeys: [] }),
      // Severity overrides only: a rule turned off would (rightly) hide its finding.
      rules: fc.dictionary(fc.constantFrom(...RULE_IDS), fc.record({ enabled: fc.constant(true), severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const) }), { maxKeys: 3 }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

// Rule data as shipped, and as imported from the CMS-format fixtures.
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/cms/${name}`, import.meta.url)))) });
const imported = (() => {
  const set = catalogCodes(catalog);
  const { pack } = buildDataPack([fixture('ccipra-v322r0-f1.TXT'), fixture('ccipra-v322r0-f2.TXT'), fixture('MCR_MUE_PractitionerServices_Eff_07-01-2026.csv')], (c) => set.has(c), new Date('2026-08-01T00:00:00Z'));
  return loadRuleData(pack);
})();
const ruleData = fc.constantFrom(builtInRuleData(), imported);

const OURS_BROKEN = /\bundefined\b|\bNaN\b|\bInfinity\b|\[object Object\]/;

describe('evaluate on any schema-valid visit (property)', () => {
  it('never throws; the Evaluation passes its schema; lines have whole positive units; every finding is complete', () => {
    fc.assert(
      fc.property(visit, settings, ruleData, (raw, s, data) => {
        const parsed = Visit.safeParse(raw);
        // The arbitrary builds only visits the schema accepts: a rejected one is a bug in this test.
        expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 2))).toBe(true);
        const v = parsed.data!;
        const e = evaluate(v, s, data);

        const ok = Evaluation.safeParse(e);
        expect(ok.success, ok.success ? '' : JSON.stringify(ok.error.issues.slice(0, 2))).toBe(true);
        // One assertion per run, listing whatever is wrong (thousands of expect calls are slow).
        const wrong: string[] = [];
        if (!(Number.isFinite(e.totalTimedMinutes) && e.totalTimedMinutes >= 0)) wrong.push(`totalTimedMinutes ${e.totalTimedMinutes}`);
        if (!(Number.isInteger(e.totalTimedUnits) && e.totalTimedUnits >= 0)) wrong.push(`totalTimedUnits ${e.totalTimedUnits}`);
        for (const line of e.lines) {
          if (!Number.isInteger(line.units) || line.units <= 0) wrong.push(`line ${line.code} ×${line.units}`);
          if (line.code.trim() === '') wrong.push('line without a code');
          if (OURS_BROKEN.test(line.reason ?? '')) wrong.push(`line reason: ${line.reason}`);
        }
        for (const f of e.findings) {
          if (!RULE_IDS.includes(f.rule as (typeof RULE_IDS)[number])) wrong.push(`unregistered rule ${f.rule}`);
          if (f.message.trim().length <= 10) wrong.push(`${f.rule}: message ${JSON.stringify(f.message)}`);
          if ((f.action?.trim().length ?? 0) <= 5) wrong.push(`${f.rule}: no action`);
          if (f.source.trim().length <= 5) wrong.push(`${f.rule}: no source`);
          // A glance: a short headline, and the field to change.
          if (!f.headline || f.headline.length > 72 || OURS_BROKEN.test(f.headline)) wrong.push(`${f.rule}: headline ${JSON.stringify(f.headline)}`);
          if (!f.fix) wrong.push(`${f.rule}: no field to fix`);
          if (OURS_BROKEN.test(`${f.message} ${f.action}`)) wrong.push(`${f.rule}: ${f.message} / ${f.action}`);
          for (const i of f.entries ?? []) if (!(i >= 0 && i < v.entries.length)) wrong.push(`${f.rule}: entry ${i}`);
          for (const c of f.codes) if (c.trim() === '') wrong.push(`${f.rule}: blank code`);
        }
        expect(wrong).toEqual([]);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('an entry whose minutes could not be read gets minutes.unreadable naming the entry and quoting the text', () => {
    fc.assert(
      fc.property(visit, settings, ruleData, (raw, s, data) => {
        const v = Visit.parse(raw);
        const e = evaluate(v, s, data);
        v.entries.forEach((entry, i) => {
          if (entry.minutes !== null) return;
          const found = e.findings.filter((f) => f.rule === 'minutes.unreadable' && f.entries?.includes(i));
          expect(found, `entry ${i} ${JSON.stringify(entry)}`).toHaveLength(1);
          const f = found[0]!;
          expect(f.severity).toBe(s?.rules?.['minutes.unreadable']?.severity ?? RULES['minutes.unreadable'].severity);
          // (Quoted, but for '': a number box whose text the browser keeps from the page, which is said so.)
          if (entry.rawMinutes === '') expect(f.message).toMatch(/box holds something the browser does not accept/);
          else expect(f.message).toContain(`'${entry.rawMinutes ?? ''}'`);
          // It names the entry: its description, else its code, else its line number.
          const label = entry.label?.trim().replace(/\s+/g, ' ');
          const code = entry.code?.trim().toUpperCase();
          const name = label ? label.slice(0, 57) : code || `line ${i + 1}`;
          expect(f.message).toContain(name);
          if (code) expect(f.codes).toContain(code);
          if (entry.fieldKey) expect(f.fieldKeys).toContain(entry.fieldKey);
        });
        // And only such entries: numeric minutes are never called unreadable.
        for (const f of e.findings.filter((x) => x.rule === 'minutes.unreadable')) {
          for (const i of f.entries ?? []) expect(v.entries[i]!.minutes).toBeNull();
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('unreadable minutes never count as 0: the visit\'s timed minutes are exactly the readable ones', () => {
    // Per-code method, no payer rules: the timed total is the sum of readable timed minutes
    // over billable rows, and an unreadable row adds nothing.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('97110', '97112', '97116', '97140', '97530'), fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 120 }))), { minLength: 1, maxLength: 6 }), (rows) => {
        const v = Visit.parse({ payer: 'Aetna', discipline: 'PT', dateOfService: '2026-03-02', entries: rows.map(([c, m]) => (m === null ? { code: c, minutes: null, rawMinutes: 'twenty' } : { code: c, minutes: m })) });
        const e = evaluate(v);
        const unreadable = rows.filter(([, m]) => m === null).length;
        expect(e.findings.filter((f) => f.rule === 'minutes.unreadable').length).toBe(unreadable);
        // A service with any unreadable row is not judged: no claim line is invented from 0 minutes.
        const unknownCodes = new Set<string>(rows.filter(([, m]) => m === null).map(([c]) => c));
        for (const line of e.lines) expect(unknownCodes.has(line.code), `${line.code} billed from unreadable minutes`).toBe(false);
        const readable = rows.filter(([c, m]) => m !== null && !unknownCodes.has(c)).reduce((a, [, m]) => a + (m as number), 0);
        expect(e.totalTimedMinutes).toBe(readable);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
