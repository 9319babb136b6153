// @vitest-environment happy-dom
// A note's lines put on the page after it was read (lib/live/late-lines.ts): read once, and a
// kind of element the page puts in per keystroke is not read whole per keystroke.
import { describe, expect, it } from 'vitest';
import { freshFacts, input, sentFacts, stepThrough, table, unitsTable } from './read-page';

const $ = (sel: string) => document.querySelector(sel)!;
const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';
const row = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`;
const lines = (sent: Parameters<typeof sentFacts>[0]) => sentFacts(sent).map((v) => v[3]);

describe('a note fetched after its form', () => {
  it('is read when it comes, into an empty box, as a read of the page finds it', async () => {
    const { sent, rereads } = await stepThrough(`${H1}${unitsTable('97110', 'Therapeutic exercise')}<div id="note"></div>`, [
      () => ($('#note').innerHTML = '<p>Subjective: pain 3/10.</p><p>Therapeutic exercise 24 min</p>'),
    ]);
    expect(lines([sent[0]])).toEqual([['97110 undefined']]);
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(lines(sent)).toEqual([['97110 24']]);
    expect(rereads).toBe(1);
  });

  it('then edited in place: its block is read, not the page', async () => {
    const { sent, rereads } = await stepThrough(`${H1}${unitsTable('97110', 'Therapeutic exercise')}<div id="note"></div>`, [
      () => ($('#note').innerHTML = '<p>Therapeutic exercise 24 min</p>'),
      () => ($('#note p').textContent = 'Therapeutic exercise 31 min'),
      () => ($('#note p').textContent = 'Therapeutic exercise 32 min'),
    ]);
    expect(lines(sent)).toEqual([['97110 32']]);
    expect(rereads).toBe(1);
  });

  it('emptied and fetched again (the next note shown in the same box): read again', async () => {
    const { sent } = await stepThrough(`${H1}${unitsTable('97110', 'Therapeutic exercise')}<div id="note"></div>`, [
      () => ($('#note').innerHTML = '<p>Therapeutic exercise 24 min</p>'),
      () => ($('#note').innerHTML = ''),
      () => ($('#note').innerHTML = '<p>Therapeutic exercise 38 min</p>'),
    ]);
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(lines(sent)).toEqual([['97110 38']]);
  });

  it('a line in a menu or a dialog put in later is no note: not read', async () => {
    const { sent, rereads } = await stepThrough(`${H1}${table(row('97110', 24, 2))}`, [
      () => document.body.insertAdjacentHTML('beforeend', '<ul role="listbox"><li role="option">Therapeutic exercise 30 min</li></ul>'),
    ]);
    expect(lines(sent)).toEqual([['97110 24']]);
    expect(rereads).toBe(0);
  });
});

describe('what the page puts in per keystroke', () => {
  it('a kind of element the read did not take is not news again in that box', async () => {
    // A side bar's "last visit" summary re-mounted per keystroke: a read of the page does not take
    // it as today's note (it is history), so after one read it is quiet.
    const html = `${H1}${table(row('97110', 24, 2))}<aside id="side"><h3>Previous visit 10/30/2026</h3></aside>`;
    const { sent, rereads } = await stepThrough(html, [25, 26, 27, 28].map((m) => () => {
      $('#side .last')?.remove();
      $('#side').insertAdjacentHTML('beforeend', `<p class="last">Therapeutic exercise ${m} min</p>`);
      ($('tbody input') as HTMLInputElement).value = String(m);
    }));
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(rereads).toBeLessThanOrEqual(1);
  });
});

describe('lines put in beside a note the session reads', () => {
  const NOTE = `${H1}${unitsTable('97110', 'Therapeutic exercise')}${unitsTable('97140', 'Manual therapy')}<div id="note"><p>Therapeutic exercise 24 min</p></div>`;

  it('a paragraph appended to the note (an "add line" button): its line is read, not the page', async () => {
    const { sent, rereads } = await stepThrough(NOTE, [() => $('#note').insertAdjacentHTML('beforeend', '<p>Manual therapy 12 min</p>')]);
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(lines(sent)).toEqual([['97110 24', '97140 12']]);
    expect(rereads).toBe(0);
  });

  it('a paragraph put in above the note\'s first: the lines keep the page\'s order', async () => {
    const { sent, rereads } = await stepThrough(NOTE, [() => $('#note').insertAdjacentHTML('afterbegin', '<p>Manual therapy 12 min</p>')]);
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(rereads).toBe(0);
  });

  it('a paragraph taken off while another stays: its line goes, not the page read', async () => {
    const { sent, rereads } = await stepThrough(NOTE, [
      () => $('#note').insertAdjacentHTML('beforeend', '<p>Manual therapy 12 min</p>'),
      () => $('#note p').remove(),
    ]);
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(lines(sent)).toEqual([['97110 undefined', '97140 12']]);
    expect(rereads).toBe(0);
  });

  it.each([
    ['another patient\'s part (a heading over it)', '<section><h2>Ray, Bob — 11/02/2026</h2><p>Manual therapy 12 min</p></section>'],
    ['a fact written with the line', '<p>Date of service: 11/03/2026 — Manual therapy 12 min</p>'],
    ['a field with it', '<div><p>Manual therapy 12 min</p><input value="12"></div>'],
  ])('%s put in beside the note: the page is read, as a fresh read finds it', async (_, html) => {
    const { sent, rereads } = await stepThrough(NOTE, [() => $('#note').insertAdjacentHTML('beforeend', html)]);
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(rereads).toBe(1);
  });
});

describe('text set in place outside what was read', () => {
  it('minutes bound in a span of an empty note line ("Therapeutic exercise <span></span> min"): its paragraph is read', async () => {
    const { sent } = await stepThrough(`${H1}${unitsTable('97110', 'Therapeutic exercise')}<div id="note"><p>Therapeutic exercise <span id="m"></span> min</p></div>`, [
      () => ($('#m').textContent = '24'),
    ]);
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(lines(sent)).toEqual([['97110 24']]);
  });
});
