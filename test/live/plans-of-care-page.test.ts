// @vitest-environment happy-dom
// A day note with PT lines (GP) and OT lines (GO) for one patient, as the live reader hands it
// to the rules: each plan's minutes are counted on their own (lib/rules/context.ts, plansOfCare).
// Before: the lines were one visit whose 20 minutes gave one unit, and "over-billed" was shown
// though each discipline billed its 10 minutes right.
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import { evaluate } from '../../lib/rules/evaluate';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

const OPTIONS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);
const HEAD = '<thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>';
const line = (name: string, code: string, min: number, units: number, mod: string) =>
  `<tr><td><input value="${name}"></td><td><input value="${code}"></td><td><input value="${min}"></td><td><input value="${units}"></td><td><input value="${mod}"></td></tr>`;

function evaluations(html: string) {
  document.body.innerHTML = html;
  return new PageSession(document, () => OPTIONS).flush()!.visits.map((v) => evaluate(v.visit));
}

describe('one patient, PT and OT the same day, on one page', () => {
  const banner = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>';

  it('in one table: each plan is billed by its own minutes, nothing over-billed', () => {
    const all = evaluations(`${banner}<table>${HEAD}<tbody>${line('Ther ex', '97110', 10, 1, 'GP')}${line('Ther activities', '97530', 10, 1, 'GO')}</tbody></table>`);
    expect(all).toHaveLength(1);
    const e = all[0]!;
    expect(e.findings.map((f) => f.rule)).not.toContain('units.over-billed');
    expect(e.lines.map((l) => `${l.code} ${l.modifiers.join(' ')} ×${l.units}`)).toEqual(['97110 GP ×1', '97530 GO ×1']);
  });

  it('in a table per discipline: over-billing in one plan is said of that plan only', () => {
    const all = evaluations(
      `${banner}<h2>Physical therapy</h2><table>${HEAD}<tbody>${line('Ther ex', '97110', 20, 2, 'GP')}</tbody></table>` +
        `<h2>Occupational therapy</h2><table>${HEAD}<tbody>${line('Ther activities', '97530', 30, 2, 'GO')}</tbody></table>`,
    );
    const over = all.flatMap((e) => e.findings.filter((f) => f.rule === 'units.over-billed'));
    expect(over).toHaveLength(1);
    expect(over[0]!.codes).toEqual(['97110']);
    expect(all.flatMap((e) => e.lines.map((l) => `${l.code} ×${l.units}`)).sort()).toEqual(['97110 ×1', '97530 ×2']);
  });
});
