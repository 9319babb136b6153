// @vitest-environment happy-dom
// A visit's lines written as a note ("97110 Therapeutic exercise 24 min"), in paragraphs, a
// textarea or an editable box: typed in, rewritten in place or drawn anew, the note's lines are
// read again where they are, not the page whole per keystroke, and never left as first read.
// Expected = a fresh read of the final page.
import { describe, expect, it } from 'vitest';
import { OPTIONS, sentVisits, stepThrough, typeThrough, unitsTable } from './read-page';
import { PageSession, type PageUpdate } from '../../lib/live/page-session';

const $ = (sel: string) => document.querySelector(sel)!;
const $$ = (sel: string) => Array.from(document.querySelectorAll(sel));
const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';
/** Each visit's label and lines ("code minutes") as sent. */
const shown = (updates: readonly (PageUpdate | undefined)[]) => sentVisits(updates).map(({ label, part }) => [label, part.visit.entries.map((e) => `${e.code} ${e.minutes}`)]);
const fresh = () => shown([new PageSession(document, () => OPTIONS).flush()]);


describe('a note\'s lines follow the note', () => {
  it('a paragraph rewritten in place (a framework updating its text): its minutes are read again, without reading the page', async () => {
    // (Before: the minutes stayed as first read, 24, with no read of the page at all.)
    const note = `<div id="note"><p>97110 Therapeutic exercise 24 min</p><p>97140 Manual therapy 15 min</p></div>`;
    const { sent, rereads } = await stepThrough(`${H1}${note}`, [25, 26, 27, 28].map((m) => () => ($('#note p').textContent = `97110 Therapeutic exercise ${m} min`)));
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toEqual(['97110 28', '97140 15']);
    expect(rereads).toBe(0);
  });

  it('typing in an editable note box: each keystroke reads its lines, not the page', async () => {
    const box = (m: string) => `97110 Therapeutic exercise ${m} min<br>97140 Manual therapy 15 min`;
    const { sent, rereads } = await typeThrough(`${H1}<div id="note" contenteditable="true">${box('2')}</div>`, ['24', '2', '28'].map((m) => () => {
      $('#note').innerHTML = box(m);
      return $('#note');
    }));
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toEqual(['97110 28', '97140 15']);
    expect(rereads).toBe(0);
  });

  it('Enter in an editable note box (a new paragraph inside it) with a new line: the line is read', async () => {
    const { sent, rereads } = await typeThrough(`${H1}<div id="note" contenteditable="true"><div>97110 Therapeutic exercise 24 min</div></div>`, [() => {
      const d = document.createElement('div');
      d.textContent = '97116 Gait training 10 min';
      $('#note').append(d);
      return $('#note');
    }]);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toEqual(['97110 24', '97116 10']);
    expect(rereads).toBe(0);
  });

  it('typing in a textarea note', async () => {
    const { sent, rereads } = await typeThrough(`${H1}<textarea id="note">97110 Therapeutic exercise 24 min\n97140 Manual therapy 15 min</textarea>`, ['9', '', '8'].map((d) => () => {
      ($('#note') as HTMLTextAreaElement).value = `97110 Therapeutic exercise 2${d} min\n97140 Manual therapy 15 min`;
      return $('#note');
    }));
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toEqual(['97110 28', '97140 15']);
    expect(rereads).toBe(0);
  });

  it('a line whose minutes are deleted, then typed again: left out, then back in its place', async () => {
    const p = (m: string) => `97110 Therapeutic exercise ${m}`;
    const html = `${H1}<div id="note"><p id="a">${p('24 min')}</p><p>97140 Manual therapy 15 min</p></div>`;
    const { sent, rereads } = await stepThrough(html, [() => ($('#a').textContent = p('')), () => ($('#a').textContent = p('22 min'))]);
    expect(shown(sent.slice(0, 2))[0]![1]).toEqual(['97140 15']);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toEqual(['97110 22', '97140 15']);
    expect(rereads).toBe(0);
  });

  it('a note\'s line fills its row\'s blank minutes: rewritten, the row\'s minutes follow', async () => {
    const html = `${H1}${unitsTable('97116', 'Gait training')}<div id="note"><p>Gait training 12 min on level surfaces</p></div>`;
    const { sent, rereads } = await stepThrough(html, [() => ($('#note p').textContent = 'Gait training 14 min on level surfaces')]);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toEqual(['97116 14']);
    expect(rereads).toBe(0);
  });

  it('a paragraph put inside a note paragraph (no longer read as one block): the page is read again, as a fresh read has it', async () => {
    const html = `${H1}<div id="note"><div id="a">97110 Therapeutic exercise 24 min</div></div>`;
    const { sent, rereads } = await stepThrough(html, [() => ($('#a').innerHTML = '<p>97110 Therapeutic exercise 26 min</p><p>97140 Manual therapy 10 min</p>')]);
    expect(rereads).toBe(1);
    expect(shown(sent)).toEqual(fresh());
  });

  it('the only note line on a page with no rows loses its minutes: no visit, as a fresh read has it', async () => {
    const { sent } = await stepThrough(`${H1}<div id="note"><p>97110 Therapeutic exercise 24 min</p></div>`, [() => ($('#note p').textContent = '97110 Therapeutic exercise')]);
    expect(shown(sent)).toEqual(fresh());
  });
});

describe('note boxes with no line yet', () => {
  it('typing in a SOAP note\'s Assessment box (no minutes in it) reads that box, not the page; a line typed into it is read', async () => {
    const html = `${H1}${unitsTable('97116', 'Gait training')}<h3>Objective</h3><textarea id="o">Gait training 12 min on level surfaces</textarea><h3>Assessment</h3><textarea id="a"></textarea>`;
    const says = ['Pt', 'Pt tolerated', 'Pt tolerated well.'];
    const { sent, rereads } = await typeThrough(html, [...says, 'Pt tolerated well. Gait training 3 min stairs'].map((t) => () => {
      ($('#a') as HTMLTextAreaElement).value = t;
      return $('#a');
    }));
    expect(rereads).toBe(0);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent.slice(0, 4))[0]![1]).toEqual(['97116 12']);
  });
});

describe('a note drawn anew', () => {
  it('two visits\' notes, the second drawn anew per keystroke: only that visit is sent again, with its new minutes', async () => {
    const note = (m: number) => `<p>Therapeutic exercise ${m} min</p><p>Pt tolerated well.</p>`;
    const html = `<p>Date of service: 11/02/2026</p><p>Payer: Aetna</p>
      <section><h2>Lee, Ann</h2>${unitsTable('97110', 'Therapeutic exercise')}<div class="note">${note(24)}</div></section>
      <section><h2>Ray, Bob</h2>${unitsTable('97110', 'Therapeutic exercise')}<div class="note">${note(30)}</div></section>`;
    const { sent, rereads } = await stepThrough(html, [31, 32, 38].map((m) => () => ($$('.note')[1]!.innerHTML = note(m))));
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent).map((v) => v[1])).toEqual([['97110 24'], ['97110 38']]);
    expect(rereads).toBe(0);
    // (Ann's visit, unchanged, is not sent again.)
    expect(sent.slice(1).flatMap((u) => u?.visits ?? []).map((v) => v.visit.patientTag ?? v.key)).toHaveLength(3);
  });
});
