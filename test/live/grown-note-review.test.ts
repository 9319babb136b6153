// @vitest-environment happy-dom
// Review (helper session) of 90a714f + e83661d (#redrawnNote in dialogs, #dropBlocks, #grownNote,
// late-lines.ts second version). Expected = a fresh read of the final page; at most one full read
// over N keystrokes. Each test says what e83661d gives and what d820919 (90a714f~1) gave.
// All 7 fixed in the commit after e83661d (each failed there).
import { describe, expect, it } from 'vitest';
import { OPTIONS, freshFacts, sentFacts, stepThrough, unitsTable } from './read-page';
import { PageSession } from '../../lib/live/page-session';
import { mutate } from './mutate';

const $ = (sel: string) => document.querySelector(sel)!;
const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';
const UT = unitsTable('97110', 'Therapeutic exercise') + unitsTable('97140', 'Manual therapy');
const DAY = `<h1>Day sheet — 11/02/2026</h1>
  <section id="a"><h2>Lee, Ann</h2>${unitsTable('97110', 'Therapeutic exercise')}<div class="note"><p>Therapeutic exercise 24 min</p></div></section>
  <section id="b"><h2>Ray, Bob</h2>${unitsTable('97110', 'Therapeutic exercise')}<div class="note"><p>Therapeutic exercise 30 min</p></div></section>`;
const N = 6;
/** A subtree built off the page, then put in with one append (one record, as a framework mounts it). */
const build = (html: string) => {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content.firstElementChild!;
};

/** As the content script (entrypoints/content/index.ts): a flush only when mutations() says there is something to do. */
async function scheduled(html: string, steps: readonly (() => void)[]) {
  document.body.innerHTML = html;
  const session = new PageSession(document, () => OPTIONS);
  const sent = [session.flush()];
  const first = session.detections;
  for (const step of steps) if (session.mutations(await mutate(step, document), () => false)) sent.push(session.flush());
  return { sent, rereads: session.detections - first };
}

describe('values', () => {
  it('G1 day sheet: a line put in above Ann\'s note and a "Saved" toast at body level in one batch: no flush is asked for', async () => {
    // e83661d: mutations() returns false, nothing sent: Ann '97110 24' (fresh '97110 41'), 0 full
    // reads. #grownNote follows the paragraph, then returns undefined at the toast (body holds
    // two visits' blocks), dropping `grown`. d820919: right (1 full read).
    const { sent } = await scheduled(DAY, [() => {
      $('#a .note').insertAdjacentHTML('afterbegin', '<p>Therapeutic exercise 41 min</p>');
      document.body.insertAdjacentHTML('beforeend', '<div class="toast">Saved</div>');
    }]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('G2 a late note mounted whole, its duration followed by the next paragraph (textContent runs them together: "24 minPatient")', async () => {
    // e83661d: '97110 undefined', 0 full reads (mayHoldLine(textContent) fails on "…24 minPatient
    // tolerated…"). Fresh: '97110 24'. d820919: right (1 full read).
    const { sent } = await stepThrough(`${H1}${UT}<div id="app"></div>`, [
      () => $('#app').append(build('<section class="note"><p>Therapeutic exercise 24 min</p><p>Patient tolerated treatment well.</p></section>')),
    ]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('G3 a paragraph with a <br> appended to the note ("Manual therapy 12 min<br>Tolerated well"): its line is lost', async () => {
    // e83661d: '97140 undefined', 0 full reads. Fresh: '97140 12'. d820919: right (1 full read).
    const { sent } = await stepThrough(`${H1}${UT}<div id="note"><p>Therapeutic exercise 24 min</p></div>`, [
      () => $('#note').insertAdjacentHTML('beforeend', '<p>Manual therapy 12 min<br>Tolerated well, no pain.</p>'),
    ]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('G6 a line added to a note edited in a role=dialog modal: not read (#redrawnNote follows dialog notes, #grownNote and late lines skip them)', async () => {
    // e83661d and d820919: '97140 undefined', 0 full reads. Fresh: '97140 12'.
    const { sent } = await stepThrough(`${H1}${UT}<div role="dialog" aria-label="Daily note"><div id="note"><p>Therapeutic exercise 24 min</p></div><button>Add line</button></div>`, [
      () => $('#note').insertAdjacentHTML('beforeend', '<p>Manual therapy 12 min</p>'),
    ]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
});

describe('cost', () => {
  it('G7 a "Timed minutes" card (a heading, no intervention) re-mounted beside the note textarea per keystroke', async () => {
    // e83661d: 6 full reads in 6 keystrokes (#grownNote returns false on NOT_A_NOTE before asking
    // whether any block has a line; no quiet kind). d820919: 0.
    const { sent, rereads } = await stepThrough(`${H1}${UT}<form id="f"><textarea id="note">Therapeutic exercise 24 min</textarea><section class="time"><h4>Timed minutes</h4><p>24 min</p></section></form>`,
      Array.from({ length: N }, (_, i) => () => {
        $('.time').remove();
        $('#f').insertAdjacentHTML('beforeend', `<section class="time"><h4>Timed minutes</h4><p>${25 + i} min</p></section>`);
        ($('#note') as HTMLTextAreaElement).value = `Therapeutic exercise ${25 + i} min`;
      }));
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(rereads).toBeLessThanOrEqual(1);
  });

  it('G8 a toast mounted empty, its text set the next frame (a text node put in): a full read per keystroke', async () => {
    // e83661d: 6 full reads in 6 keystrokes (textPutIn yields the toast's body; its box, the
    // toast, holds no block, so late lines read the page; the read takes it: never quiet).
    // d820919: 0 (values right: the note's line is first).
    const { sent, rereads } = await stepThrough(`${H1}${UT}<div id="note"><p>Therapeutic exercise 24 min</p></div><div id="toasts"></div>`,
      Array.from({ length: N }, (_, i) => [
        () => $('#toasts').insertAdjacentHTML('beforeend', '<div class="toast"><div class="body"></div></div>'),
        () => (($('#toasts').lastElementChild!.firstElementChild as HTMLElement).textContent = `Saved — Therapeutic exercise ${25 + i} min`),
      ]).flat());
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(rereads).toBeLessThanOrEqual(1);
  });

  it('G9 body-level toasts on a one-visit page with a prior visit\'s table below: a full read per keystroke', async () => {
    // e83661d and d820919: 6 full reads in 6 keystrokes (values right). The toast sits in the
    // history visit's part: visitAt says 1, the body's blocks are visit 0's (chartedAt).
    const ro = '<table><thead><tr><th>CPT</th><th>Minutes</th></tr></thead><tbody><tr><td>97110</td><td>30</td></tr></tbody></table>';
    const { sent, rereads } = await stepThrough(`${H1}${UT}<p>Therapeutic exercise 24 min</p><h2>Previous visit — 10/30/2026</h2>${ro}`,
      Array.from({ length: N }, (_, i) => () => {
        document.querySelector('.toast')?.remove();
        document.body.insertAdjacentHTML('beforeend', `<div class="toast">Saved — Therapeutic exercise ${25 + i} min</div>`);
      }));
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(rereads).toBeLessThanOrEqual(1);
  });
});
