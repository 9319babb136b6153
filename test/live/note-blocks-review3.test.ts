// @vitest-environment happy-dom
// Review (helper session) of cc3c38f (#redrawnNote: a note drawn anew is followed by place) and
// the note-block feature since d3ad684. Expected = a fresh read of the final page, or at most
// one full read over N keystrokes. Each says what HEAD (9e8cc89) gives, and what e5e2c2a (before
// cc3c38f) gave: NEW = e5e2c2a matched the fresh read; OLDER = e5e2c2a failed too. 1–5 fixed
// in the commit after 9e8cc89; 6–8 fixed later.
import { describe, expect, it } from 'vitest';
import { OPTIONS, freshFacts, sentFacts, stepThrough, unitsTable } from './read-page';
import { mutate } from './mutate';
import { insertedThenRemoved } from './scenarios/redrawn-in-order';
import { PageSession } from '../../lib/live/page-session';

const $ = (sel: string) => document.querySelector(sel)!;
const shown = sentFacts;
const fresh = freshFacts;
const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';
const MT = unitsTable('97140', 'Manual therapy');

describe('wrong values: new blocks at the place are not what a fresh read takes', () => {
  it('1 a long note re-mounted as one subtree (> MAX_NOTE_LOOKED = 40 elements): its later lines are lost', async () => {
    // Observed: ['97140 undefined'] (only the first 40 descendants of the added <div> are looked
    // at; the line paragraph is the 43rd), 0 rereads. Expected (fresh): ['97140 17']. NEW
    // (e5e2c2a: fresh).
    const note = (m: number) => `<div id="pv">${Array.from({ length: 21 }, (_, i) => `<p><b>Item ${i}:</b> tolerated well</p>`).join('')}<p>Manual therapy ${m} min</p></div>`;
    const { sent } = await stepThrough(`${H1}${MT}<div id="w">${note(15)}</div>`, [16, 17].map((m) => () => ($('#w').innerHTML = note(m))));
    expect(shown(sent)).toEqual(fresh());
  });

  it('2 a "Date of service" and a "Payer" line put into the note as it is drawn anew: never read', async () => {
    // Observed: payer null, date null (the new paragraphs become note blocks, hence watched
    // regions, so factsShown skips them; only their lines are read). Expected (fresh):
    // 'Medicare Part B', '2026-11-03'. NEW (e5e2c2a: fresh, 1 reread).
    const html = `<h1>Daily note — Ann Lee</h1>${MT}<div id="pv"><p>Manual therapy 15 min</p></div>`;
    const { sent } = await stepThrough(html, [() => ($('#pv').innerHTML = '<p>Date of service: 11/03/2026</p><p>Payer: Medicare Part B</p><p>Manual therapy 16 min</p>')]);
    expect(shown(sent)).toEqual(fresh());
  });

  it('3 the note moved elsewhere, a "Loading…" placeholder left where it was: its line is lost', async () => {
    // Observed: ['97140 undefined'] ("Loading…" is taken as the whole note; the line's new
    // paragraph, outside every region, is never read; #lateLine that caught it is gone).
    // Expected (fresh): ['97140 16']. NEW (e5e2c2a: fresh, 1 reread).
    const html = `${H1}${MT}<div id="pv"><p>Manual therapy 15 min</p></div><section><div id="tab2"></div></section>`;
    const { sent } = await stepThrough(html, [() => {
      $('#pv').innerHTML = '<p>Loading…</p>';
      $('#tab2').innerHTML = '<p>Manual therapy 16 min</p>';
    }]);
    expect(shown(sent)).toEqual(fresh());
  });

  it('4 a container holding visit A\'s note and visit B\'s heading drawn anew with B\'s line: the line goes to A', async () => {
    // Observed: Ray, Bob ['97110 20'] (B's new paragraph made A's note block; A has no 97110 row,
    // so the line is dropped). Expected (fresh): Ray, Bob ['97110 25']. NEW (e5e2c2a: fresh).
    const html = `<h2>Lee, Ann — 11/02/2026</h2>${MT}<div id="c"><p>Manual therapy 15 min</p><h2>Ray, Bob — 11/02/2026</h2></div>` +
      `${unitsTable('97110', 'Therapeutic exercise')}<div><p>Therapeutic exercise 20 min</p></div>`;
    const { sent } = await stepThrough(html, [() => ($('#c').innerHTML = '<p>Manual therapy 16 min</p><h2>Ray, Bob — 11/02/2026</h2><p>Therapeutic exercise 25 min</p>')]);
    expect(shown(sent)).toEqual(fresh());
  });
});

describe('cost: a note drawn anew per keystroke read whole per keystroke (values right)', () => {
  it('5 two redraws between flushes (a preview redrawn on input, then on "saved"; or two keystrokes in one paced read)', async () => {
    // Observed: 3 full reads over 3 flushes (the blocks put in by the first redraw stay in
    // #dirtyBlocks when the second takes them off; the flush finds one disconnected and reads
    // the page whole). Expected: ≤ 1. OLDER (e5e2c2a: 3).
    document.body.innerHTML = `${H1}${MT}<div id="pv"><p>Manual therapy 15 min</p></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    const first = session.detections;
    for (const m of [16, 17, 18]) {
      session.mutations(await mutate(() => ($('#pv').innerHTML = `<p>Saving…</p><p>Manual therapy ${m} min</p>`), document), () => false);
      session.mutations(await mutate(() => ($('#pv').innerHTML = `<p>Manual therapy ${m} min</p>`), document), () => false);
      session.changedValues();
      sent.push(session.flush());
    }
    expect(shown(sent)).toEqual(fresh());
    expect(session.detections - first).toBeLessThanOrEqual(1);
  });

  // Fixed later (a note inside a dialog is followed; a menu drawn inside what was put in is no note).
  it('6 a note preview inside a modal (role="dialog") redrawn per keystroke', async () => {
    // Observed: 3 full reads over 3 keystrokes (new blocks inside CHROME are dropped: "nothing
    // in place"), although the fresh read takes the dialog's line. Expected: ≤ 1. OLDER (e5e2c2a: 3).
    const html = `${H1}${MT}<div role="dialog"><div id="pv"><p>Manual therapy 15 min</p></div></div>`;
    const { sent, rereads } = await stepThrough(html, [16, 17, 18].map((m) => () => ($('#pv').innerHTML = `<p>Manual therapy ${m} min</p>`)));
    expect(shown(sent)).toEqual(fresh());
    expect(rereads).toBeLessThanOrEqual(1);
  });

  // Fixed later: followed when each of a batch's places takes part of what was put in. The
  // full reads are counted in Chromium (test/e2e/records.e2e.ts): happy-dom gives an inserted
  // node's record no siblings, so placesOf cannot pair these here.
  it('7 two line paragraphs redrawn node by node (insertBefore the old, then remove the old): values', async () => {
    // Was: 3 full reads over 3 keystrokes in Chromium (placesOf gives the first removal both new
    // paragraphs and the second removal the second one again: already taken, "nothing in
    // place"). Now 0 there. OLDER (e5e2c2a: 3).
    const { sent, fresh } = await insertedThenRemoved();
    expect(sent).toEqual(fresh);
  });

  // Fixed later (placesOf pairs a removal with what was put in at the same spot).
  it('8 one line paragraph removed, then its successor inserted before the next sibling (keyed list: deletions first)', async () => {
    // Was: 3 full reads over 3 keystrokes (placesOf found no place: the removal's record has no
    // added nodes and neither neighbour is new or removed). Expected: ≤ 1. OLDER (e5e2c2a: 3).
    const html = `${H1}${MT}<div id="pv"><h4>Note</h4><p>Manual therapy 15 min</p><p>Signed</p></div>`;
    const { sent, rereads } = await stepThrough(html, [16, 17, 18].map((m) => () => {
      const old = $('#pv p');
      const next = old.nextElementSibling;
      old.remove();
      const p = document.createElement('p');
      p.textContent = `Manual therapy ${m} min`;
      $('#pv').insertBefore(p, next);
    }));
    expect(shown(sent)).toEqual(fresh());
    expect(rereads).toBeLessThanOrEqual(1);
  });
});
