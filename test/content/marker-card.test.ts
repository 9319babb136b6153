// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MarkerCard } from '../../entrypoints/content/marker-card';
import type { Visit } from '../../lib/model';
import { evaluate } from '../../lib/rules/evaluate';

// The card a marker opens says what the side panel's card says about a finding from a built-in
// starter table: verify it (rules-reference §4.3: no starter row was checked against the
// current CMS file). Before, only the panel said so; a clinician working from the markers never saw it.
describe('the marker card', () => {
  const open = (visit: Visit) => {
    const card = new MarkerCard(document, { openPanel() {}, closed() {} });
    document.body.replaceChildren(card.element);
    const badge = document.createElement('button');
    document.body.append(badge);
    const findings = evaluate(visit).findings.filter((f) => f.rule.startsWith('pair.'));
    card.toggle(badge, findings);
    return { text: card.element.textContent ?? '', findings };
  };
  const visit = (): Visit => ({
    payer: 'Medicare',
    dateOfService: '2026-11-02',
    entries: [
      { code: '97140', minutes: 15, units: 1, modifiers: ['GP'] },
      { code: '97530', minutes: 15, units: 1, modifiers: ['GP'] },
    ],
  });

  it('a pair from the starter NCCI table: "Starter data — verify", with what to check', () => {
    const { text, findings } = open(visit());
    expect(findings.map((f) => f.starterData)).toContain('ptp');
    // Under the fix, and what to check behind Why?.
    expect(text).toMatch(/Starter data — verify/);
    expect(text).toMatch(/Starter data: this NCCI pair comes from Unitwise's built-in starter table/);
    expect(text).toMatch(/current CMS practitioner PTP file/);
  });

  it('a finding from no starter table has no such line', () => {
    const card = new MarkerCard(document, { openPanel() {}, closed() {} });
    document.body.replaceChildren(card.element);
    const badge = document.createElement('button');
    document.body.append(badge);
    const findings = evaluate({ payer: 'Medicare', dateOfService: '2026-11-02', entries: [{ code: '97110', minutes: 30, units: 4, modifiers: ['GP'] }] }).findings;
    expect(findings.some((f) => f.rule === 'units.over-billed' && !f.starterData)).toBe(true);
    card.toggle(badge, findings.filter((f) => f.rule === 'units.over-billed'));
    expect(card.element.textContent).not.toMatch(/Starter data/);
  });
});
