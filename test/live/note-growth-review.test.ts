// @vitest-environment happy-dom
// Review (helper session) of d820919..1b3f3c2: #grownNote / #blocksVisitAround, #dropBlocks,
// late-lines.ts (mayHoldLine loosened), placesOf's same-spot pairing. Expected = a fresh read of
// the final page; per-keystroke churn on a page with no note costs no more than it did.
// Each test says what 1b3f3c2 gives and what a0d5b47 (the session's start) gave.
// All 3 fixed in the commit after 1b3f3c2 (each failed there).
import { describe, expect, it } from 'vitest';
import { OPTIONS, freshFacts, sentFacts, stepThrough, unitsTable } from './read-page';
import { PageSession } from '../../lib/live/page-session';
import { mutate } from './mutate';
import { bigFlowsheetBody } from '../bench/form';

const $ = (sel: string) => document.querySelector(sel)!;
const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';
const UT = unitsTable('97110', 'Therapeutic exercise') + unitsTable('97140', 'Manual therapy');
/** A subtree built off the page, then put in with one append (one record, as a framework mounts it). */
const build = (html: string) => {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content.firstElementChild!;
};

describe('values', () => {
  it('N1 a note paragraph that states the date of service is taken off beside the others (#dropBlocks): the date stays', async () => {
    // 1b3f3c2: date '2026-11-02' still sent, 0 full reads (#dropBlocks drops the block from
    // #factBlocks but the visit fact read from it is not looked at again). Fresh: null.
    const { sent } = await stepThrough(`<h1>Daily note — Ann Lee</h1><p>Payer: Aetna</p>${UT}<div id="note"><p id="d">Date of service: 11/02/2026<br>Therapeutic exercise 24 min</p><p>Manual therapy 12 min</p></div>`, [() => $('#d').remove()]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('N2 a note, then an app shell\'s 2,100 text blocks (an activity feed); a "Saved — Manual therapy 12 min" toast appended to the body', async () => {
    // 1b3f3c2: '97140 12', 0 full reads (#blocksVisitAround: the body holds visit 0's note, so
    // the toast joins it). Fresh: '97140 undefined' (freeTextLines stops after MAX_TEXT_BLOCKS,
    // 2,000, in page order: the toast is past it).
    const feed = Array.from({ length: 2100 }, (_, i) => `<div class="item">Comment ${i}: reviewed</div>`).join('');
    const { sent } = await stepThrough(`${H1}${UT}<div id="note"><p>Therapeutic exercise 24 min</p></div><div id="feed">${feed}</div>`, [
      () => document.body.append(build('<div class="toast">Saved — Manual therapy 12 min</div>')),
    ]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
});

describe('cost on a page with no note', () => {
  /** Median ms in mutations() per keystroke: a minutes field typed in, a 300-item side list re-rendered (new nodes) with `item`. */
  async function perKeystroke(item: (i: number) => string) {
    document.body.innerHTML = `${bigFlowsheetBody(400)}<ul id="side"></ul>`;
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    const first = session.detections;
    const times: number[] = [];
    for (let k = 0; k < 8; k++) {
      const items = Array.from({ length: 300 }, (_, i) => {
        const li = document.createElement('li');
        li.innerHTML = `<span class="t">${item(i + k)}</span>`;
        return li;
      });
      const records = await mutate(() => {
        (document.querySelector('input[name="min-3"]') as HTMLInputElement).value = String(9 + k);
        $('#side').replaceChildren(...items);
      }, document);
      const t = performance.now();
      session.mutations(records, () => false);
      times.push(performance.now() - t);
      session.changedValues();
      session.flush();
    }
    return { ms: times.slice(2).sort((x, y) => x - y)[3]!, rereads: session.detections - first };
  }

  it('K1 2,000-field flowsheet, a 300-item medication list ("… 500 mg PO, last given 3 h ago") re-rendered per keystroke: mutations() several times a plain list\'s', async () => {
    // 1b3f3c2 (and e83661d): ~190–250 ms per keystroke in mutations() vs ~25–30 ms for the same
    // list without durations; a0d5b47: ~36 ms. Each item passes mayHoldLine and DURATION_IN_TEXT
    // ("3 h"), so LateLines.news reads its lines (the phrase matcher over each), finds none, and
    // so never tells it or makes its kind quiet: the same work on every keystroke.
    const plain = await perKeystroke((i) => `Acetaminophen ${(i % 9) + 1}00 tablet PO · Room ${i % 5}`);
    const ago = await perKeystroke((i) => `Acetaminophen ${(i % 9) + 1}00 mg PO, last given ${(i % 12) + 1} h ago`);
    expect(ago.rereads).toBe(0);
    expect(ago.ms).toBeLessThanOrEqual(3 * plain.ms);
  }, 30_000);
});
