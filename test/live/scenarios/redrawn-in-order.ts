// Notes a framework redraws node by node. happy-dom gives an inserted node's MutationRecord no
// previousSibling / nextSibling, so how placesOf pairs these is tested in Chromium
// (test/e2e/records.e2e.ts); happy-dom checks the values only (note-blocks-review3.test.ts).
import { freshFacts, sentFacts, stepThrough, unitsTable } from '../read-page';

const $ = (sel: string) => document.querySelector(sel)!;
const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';

/** Two line paragraphs put in before the old ones one by one, then the old ones taken off, per keystroke. */
export async function insertedThenRemoved() {
  const html = `${H1}${unitsTable('97140', 'Manual therapy')}${unitsTable('97116', 'Gait training')}<div id="pv"><h4>Note</h4><p>Manual therapy 15 min</p><p>Gait training 10 min</p><p>Signed</p></div>`;
  const { sent, rereads } = await stepThrough(html, [16, 17, 18].map((m) => () => {
    const olds = Array.from(document.querySelectorAll('#pv p')).slice(0, 2);
    for (const t of [`Manual therapy ${m} min`, 'Gait training 10 min']) {
      const p = document.createElement('p');
      p.textContent = t;
      $('#pv').insertBefore(p, olds[0]!);
    }
    olds.forEach((o) => o.remove());
  }));
  return { rereads, sent: sentFacts(sent), fresh: freshFacts() };
}
