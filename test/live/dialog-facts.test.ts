// @vitest-environment happy-dom
// A dialog over the chart that holds none of its lines (an eligibility check, a confirmation, a
// message) is not the chart: its payer, patient and heading are not the visit's.
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { OPTIONS, input, sentVisits, table } from './read-page';

const row = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`;
const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1>';
const ELIGIBILITY = '<div role="dialog" aria-modal="true"><h3>Eligibility check</h3><p>Payer: Humana Gold Plus</p><p>Status: Active</p></div>';
function read(html: string) {
  document.body.innerHTML = html;
  return sentVisits([new PageSession(document, () => OPTIONS).flush()]).map((v) => ({ label: v.label, payer: v.part.visit.payer, patient: v.part.visit.patientTag }));
}

describe('a dialog over the chart that holds none of its lines', () => {
  it("an eligibility dialog placed before the chart's payer line: the chart's label and payer", () => {
    // Before: the visit was labelled "Eligibility check" and billed to Humana Gold Plus.
    const [v, ...more] = read(`${H1}${ELIGIBILITY}<p>Payer: Medicare Part B</p>${table(row('97110', 24, 2))}`);
    expect(more).toHaveLength(0);
    expect(v).toMatchObject({ label: 'Daily note — Ann Lee — 11/02/2026', payer: 'Medicare Part B' });
  });

  it('placed after the chart, as a portal is: the same', () => {
    expect(read(`${H1}<p>Payer: Medicare Part B</p>${table(row('97110', 24, 2))}${ELIGIBILITY}`)).toMatchObject([{ payer: 'Medicare Part B' }]);
  });

  it("the chart naming no payer, a <dialog open> naming one: its payer stays (a drawer or an app shell marked as a dialog may hold the chart's banner)", () => {
    // (Dropped in cf2acc0; a review found drawers, app shells and sticky headers marked as dialogs
    // that hold the chart's only banner: dialog-relabel-review.test.ts D1–D5.)
    expect(read(`${H1}${table(row('97110', 24, 2))}<dialog open><h3>Eligibility check</h3><p>Payer: Humana Gold Plus</p></dialog>`)).toMatchObject([{ payer: 'Humana Gold Plus' }]);
  });

  it("a message dialog naming another patient does not make the chart hers", () => {
    const [v] = read(`<h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p>${table(row('97110', 24, 2))}<div role="alertdialog"><p>Patient: Bob Ray</p><p>Checked in</p></div>`);
    const [alone] = read(`<h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p>${table(row('97110', 24, 2))}`);
    expect(v!.patient).toBe(alone!.patient);
  });

  it("a charge dialog with lines keeps its facts: its payer is the visit's", () => {
    const visits = read(`${H1}${table(row('97110', 24, 2))}<div role="dialog" aria-label="Add charge"><p>Payer: Aetna PPO</p>${table(row('97140', 10, 1))}</div>`);
    expect(visits.map((v) => v.payer)).toEqual(['Aetna PPO']);
  });
});
