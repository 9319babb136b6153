// @vitest-environment happy-dom
// Review (helper session) of d820919 (late-lines.ts; placesOf pairing a removal with what is put
// in at the same spot). Expected = a fresh read of the final page, and at most one full read over
// N keystrokes. Each test says what d820919 gives and what d820919~1 gave. R1–R3 fixed by
// #grownNote / #dropBlocks (lines put in beside a note's blocks, or taken off, follow that note),
// R5–R9 by late-lines.ts' second version; R4 left (it.fails).
import { describe, expect, it } from 'vitest';
import { OPTIONS, freshFacts, input, sentFacts, stepThrough, table, unitsTable } from './read-page';
import { PageSession } from '../../lib/live/page-session';
import { mutate } from './mutate';

const $ = (sel: string) => document.querySelector(sel)!;
const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';
const row = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`;
const UT = unitsTable('97110', 'Therapeutic exercise') + unitsTable('97140', 'Manual therapy');
const N = 6;
const toast = (text: string) => {
  const d = document.createElement('div');
  d.className = 'toast';
  d.textContent = text;
  return d;
};
/** A subtree built off the page, then put in with one append (one record, as a framework mounts it). */
const build = (html: string) => {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content.firstElementChild!;
};
const typeMinutes = (m: number) => (($('tbody input') as HTMLInputElement).value = String(m));

describe('cost: a full read per keystroke from late-lines.ts (the toast/list is taken by the read, so never quiet, and not paired)', () => {
  it('R1 "Saved" toasts stacked in a toast region, one appended per keystroke, none removed yet', async () => {
    // d820919: 6 full reads over 6 keystrokes (values right). d820919~1: 0.
    const { sent, rereads } = await stepThrough(`${H1}${table(row('97110', 24, 2))}<div id="toasts" aria-live="polite"></div>`, Array.from({ length: N }, (_, i) => () => {
      typeMinutes(25 + i);
      $('#toasts').append(toast(`Saved — Therapeutic exercise ${25 + i} min`));
    }));
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(rereads).toBeLessThanOrEqual(1);
  });

  it('R2 toast stack of at most 3: newest appended, oldest removed (react-toastify limit)', async () => {
    // d820919: 6 full reads over 6 keystrokes (the removal is at the top, the append at the
    // bottom: no pairing). d820919~1: 0.
    const { sent, rereads } = await stepThrough(`${H1}${table(row('97110', 24, 2))}<div id="toasts"></div>`, Array.from({ length: N }, (_, i) => () => {
      typeMinutes(25 + i);
      $('#toasts').append(toast(`Saved — Therapeutic exercise ${25 + i} min`));
      if ($('#toasts').children.length > 3) $('#toasts').firstElementChild!.remove();
    }));
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(rereads).toBeLessThanOrEqual(1);
  });

  it('R3 a keyed CPT suggestion list (plain <ul>, no listbox role): items kept, removed, added by key as the search is typed', async () => {
    // d820919: 5 full reads over 6 keystrokes. d820919~1: 0.
    const sets = [['97110', '97112', '97116'], ['97110', '97112'], ['97112'], ['97112', '97113'], ['97113', '97116'], ['97110']];
    const { sent, rereads } = await stepThrough(`${H1}${table(row('97110', 24, 2))}<input id="q"><ul class="ac"></ul>`, sets.map((codes) => () => {
      const ul = $('.ac');
      for (const li of Array.from(ul.children)) if (!codes.includes(li.getAttribute('data-key')!)) li.remove();
      for (const c of codes) {
        if (ul.querySelector(`[data-key="${c}"]`)) continue;
        const li = document.createElement('li');
        li.dataset.key = c;
        li.textContent = `${c} Therapeutic procedure, each 15 minutes`;
        ul.append(li);
      }
    }));
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(rereads).toBeLessThanOrEqual(1);
  });

  // Left: values right, the page read whole per keystroke (a note's only block moved to another
  // box is read as a note drawn elsewhere, which may be another chart's).
  it.fails('R4 a note preview re-rendered per keystroke in one of two panes (split view toggling)', async () => {
    // d820919: values right, 6 full reads over 6 keystrokes. d820919~1: 0 full reads but values
    // wrong ('97110 undefined'; fresh '97110 30').
    const { sent, rereads } = await stepThrough(`${H1}${unitsTable('97110', 'Therapeutic exercise')}<div id="a"></div><div id="b"></div>`, Array.from({ length: N }, (_, i) => () => {
      document.querySelector('.pv')?.remove();
      const p = document.createElement('p');
      p.className = 'pv';
      p.textContent = `Therapeutic exercise ${25 + i} min`;
      (i % 2 ? $('#a') : $('#b')).append(p);
    }));
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(rereads).toBeLessThanOrEqual(1);
  });

  it('R5 a page with no note: a 3000-cell schedule re-rendered per keystroke outside the form is walked whole by news() on every keystroke', async () => {
    // news(): Array.from(el.querySelectorAll('*')).slice(0, 40) materialises the whole added
    // subtree before slicing, and a subtree with no line is never made quiet. d820919: 18,000
    // elements listed over 6 keystrokes (3,000 each). d820919~1: 0. Expected: ≤ 41 per keystroke.
    document.body.innerHTML = `${H1}${table(row('97110', 24, 2))}<div id="cal"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    const qsa = Element.prototype.querySelectorAll;
    let listed = 0;
    try {
      for (let k = 0; k < N; k++) {
        const grid = build(`<div class="grid">${Array.from({ length: 3000 }, (_, i) => `<span class="slot">${i % 60}</span>`).join('')}</div>`);
        const records = await mutate(() => {
          typeMinutes(25 + k);
          $('#cal').replaceChildren(grid);
        }, document);
        Element.prototype.querySelectorAll = function (this: Element, sel: string) {
          const found = qsa.call(this, sel);
          if (sel === '*') listed += found.length;
          return found;
        } as typeof qsa;
        session.mutations(records, () => false);
        Element.prototype.querySelectorAll = qsa;
        session.changedValues();
        session.flush();
      }
    } finally {
      Element.prototype.querySelectorAll = qsa;
    }
    expect(listed).toBeLessThanOrEqual(N * 41);
  }, 30_000);
});

describe('a late note still not read', () => {
  it('R6 note text set with textContent on an empty note box (a text node put in, no element)', async () => {
    // d820919 and d820919~1: '97110 undefined', 0 full reads. Fresh: '97110 24'.
    const { sent } = await stepThrough(`${H1}${UT}<div id="note"></div>`, [() => ($('#note').textContent = 'Therapeutic exercise 24 min')]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('R7 note text bound to a text node the framework updates in place (Vue/Svelte {{ note }}: characterData)', async () => {
    // d820919 and d820919~1: '97110 undefined'. Fresh: '97110 24'.
    const { sent } = await stepThrough(`${H1}${UT}<div id="note"> </div>`, [() => (($('#note').firstChild as Text).data = 'Therapeutic exercise 24 min')]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('R8 a note viewer mounted whole, its toolbar (45 buttons) before the note: the line is past MAX_LOOKED', async () => {
    // d820919 and d820919~1: '97110 undefined', 0 full reads. Fresh: '97110 24'. (With a
    // 1-button toolbar d820919 reads it: 1 full read, right.)
    const toolbar = Array.from({ length: 45 }, (_, i) => `<button title="tool ${i}"><i class="icon"></i></button>`).join('');
    const { sent } = await stepThrough(`${H1}${UT}<div id="app"></div>`, [
      () => $('#app').append(build(`<section class="note-viewer"><header>${toolbar}</header><p>Therapeutic exercise 24 min</p></section>`)),
    ]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('R9 a note rendered twice in one task (optimistic, then the server\'s), emptied, then the next note fetched into the same box', async () => {
    // The first render's <p> (gone by the read) is what news() told; the read did not take it,
    // so 'p.[]' in #note is quiet: the next note put there is never read.
    // d820919: '97110 undefined' (2 full reads). Fresh: '97110 38'. d820919~1: '97110 undefined' too.
    const { sent } = await stepThrough(`${H1}${UT}<div id="note"></div>`, [
      () => {
        $('#note').innerHTML = '<p>Therapeutic exercise 24 min</p>';
        $('#note').innerHTML = '<p>Therapeutic exercise 24 min</p>';
      },
      () => ($('#note').innerHTML = ''),
      () => ($('#note').innerHTML = '<p>Therapeutic exercise 38 min</p>'),
    ]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
});
