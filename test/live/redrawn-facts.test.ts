// @vitest-environment happy-dom
// A visit fact's line the app draws anew on each keystroke (innerHTML, a template beside a
// running total): read at its new element, not the page whole again per keystroke; and what is
// read then is what a fresh read of the final page gives.
import { describe, expect, it } from 'vitest';
import { OPTIONS, input, sentVisits, stepThrough, table } from './read-page';
import { PageSession } from '../../lib/live/page-session';

const $ = (sel: string) => document.querySelector(sel)!;
const row = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`;
const times = (n: number, f: (k: number) => () => void) => Array.from({ length: n }, (_, k) => f(k));
/** Each visit's label and payer, as sent by the session. */
const shown = (updates: Parameters<typeof sentVisits>[0]) => sentVisits(updates).map(({ label, part }) => [label, part.visit.payer, part.visit.dateOfService]);
/** The same, for a fresh read of the page as it is now. */
const fresh = () => shown([new PageSession(document, () => OPTIONS).flush()]);
const type = (k: number, sel = 'tbody input') => (($(sel) as HTMLInputElement).value = String(24 + k));

describe('a fact line drawn anew on each keystroke', () => {
  it('a payer box put back whole with its running total: no read of the page, the payer read as a fresh read has it', async () => {
    const html = `<h1>Daily note — Ann Lee — 11/02/2026</h1><div id="box"><p>Payer: Medicare Part B</p><p>Total: 24 min</p></div>${table(row('97110', 24, 2))}`;
    const steps = times(6, (k) => () => {
      type(k);
      $('#box').innerHTML = `<p>Payer: Medicare Part B</p><p>Total: ${24 + k} min</p>`;
    });
    const { sent, rereads } = await stepThrough(html, steps);
    expect(rereads).toBe(0);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toBe('Medicare Part B');
  });

  it('the payer changed in the line drawn anew (the app shows the payer picked): the visit follows without a read of the page', async () => {
    const html = `<h1>Daily note — Ann Lee — 11/02/2026</h1><div id="box"><p>Payer: Medicare Part B</p></div>${table(row('97110', 24, 2))}`;
    const { sent, rereads } = await stepThrough(html, [() => ($('#box').innerHTML = '<p>Payer: Aetna PPO</p>')]);
    expect(rereads).toBe(0);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toBe('Aetna PPO');
  });

  it('a label element and its value drawn anew ("<b>Payer:</b> Aetna"): followed by the label\'s text', async () => {
    const html = `<h1>Daily note — Ann Lee — 11/02/2026</h1><div id="box"><p><b>Payer:</b> Medicare Part B</p></div>${table(row('97110', 24, 2))}`;
    const steps = [() => ($('#box').innerHTML = '<p><b>Payer:</b> Medicare Part B</p>'), () => ($('#box').innerHTML = '<p><b>Payer:</b> Aetna PPO</p>')];
    const { sent, rereads } = await stepThrough(html, steps);
    expect(rereads).toBe(0);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toBe('Aetna PPO');
  });

  it('the whole header component mounted anew, one level up: its lines found again inside it', async () => {
    const header = (m: number, payer = 'Medicare Part B') => `<div class="hdr"><p>Payer: ${payer}</p><p>Date of service: 11/02/2026</p><p>Total: ${m} min</p></div>`;
    const html = `<h1>Daily note — Ann Lee</h1><div id="top">${header(24)}</div>${table(row('97110', 24, 2))}`;
    const steps = times(4, (k) => () => {
      type(k);
      $('#top').innerHTML = header(24 + k, k === 3 ? 'Aetna PPO' : undefined);
    });
    const { sent, rereads } = await stepThrough(html, steps);
    expect(rereads).toBe(0);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]!.slice(1)).toEqual(['Aetna PPO', '2026-11-02']);
  });

  it('two visits, each with its own payer box drawn anew: each keeps its own payer', async () => {
    const html = `<p>Date of service: 11/02/2026</p>
      <section><h2>Lee, Ann</h2><div class="ins"><p>Payer: Aetna</p></div>${table(row('97110', 23, 2))}</section>
      <section><h2>Ray, Bob</h2><div class="ins"><p>Payer: Medicare Part B</p></div>${table(row('97110', 23, 2))}</section>`;
    const boxes = () => Array.from(document.querySelectorAll('.ins'));
    const steps = times(3, (k) => () => {
      boxes()[0]!.innerHTML = `<p>Payer: Aetna</p>`;
      boxes()[1]!.innerHTML = `<p>Payer: ${k === 2 ? 'Humana Gold Plus' : 'Medicare Part B'}</p>`;
    });
    const { sent, rereads } = await stepThrough(html, steps);
    expect(rereads).toBe(0);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent).map((v) => v[1])).toEqual(['Aetna', 'Humana Gold Plus']);
  });

  it('the line drawn anew without its label (the payer taken away): the page is read again, and no payer is kept', async () => {
    const html = `<h1>Daily note — Ann Lee — 11/02/2026</h1><div id="box"><p>Payer: Aetna PPO</p></div>${table(row('97110', 24, 2))}`;
    const { sent, rereads } = await stepThrough(html, [() => ($('#box').innerHTML = '<p>Draft saved 10:41</p>')]);
    expect(rereads).toBe(1);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toBeUndefined();
  });

  it('a payer line put back inside a dialog in the same box is not taken for the line drawn anew: the page is read again', async () => {
    const html = `<h1>Daily note — Ann Lee — 11/02/2026</h1><div id="box"><p>Payer: Aetna PPO</p></div>${table(row('97110', 24, 2))}`;
    const { sent, rereads } = await stepThrough(html, [() => ($('#box').innerHTML = '<div role="dialog"><p>Payer: Humana Gold Plus</p></div>')]);
    expect(rereads).toBe(1);
    expect(shown(sent)).toEqual(fresh());
  });

  it('a <dl> banner drawn anew: its payer value found again by its place and the label before it', async () => {
    const dl = (m: number, payer = 'Medicare Part B') => `<dl><dt>Payer</dt><dd>${payer}</dd><dt>Total</dt><dd>${m} min</dd></dl>`;
    const steps = [...times(3, (k) => () => {
      type(k);
      $('#box').innerHTML = dl(25 + k);
    }), () => ($('#box').innerHTML = dl(28, 'Aetna PPO'))];
    const { sent, rereads } = await stepThrough(`<h1>Daily note — Ann Lee — 11/02/2026</h1><div id="box">${dl(24)}</div>${table(row('97110', 24, 2))}`, steps);
    expect(rereads).toBe(0);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toBe('Aetna PPO');
  });

  it('a <dl> banner drawn anew in another order (the secondary coverage first): not taken by place, the page is read again', async () => {
    const html = `<h1>Daily note — Ann Lee — 11/02/2026</h1><div id="box"><dl><dt>Payer</dt><dd>Medicare Part B</dd><dt>Secondary</dt><dd>AARP Medigap</dd></dl></div>${table(row('97110', 24, 2))}`;
    const { sent, rereads } = await stepThrough(html, [() => ($('#box').innerHTML = '<dl><dt>Secondary</dt><dd>AARP Medigap</dd><dt>Payer</dt><dd>Aetna PPO</dd></dl>')]);
    expect(rereads).toBe(1);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toBe('Aetna PPO');
  });

  it('"Payer: <b>value</b>": only the value element put in anew (a framework replacing a text node\'s element) is read there', async () => {
    const html = `<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: <b>Medicare Part B</b></p>${table(row('97110', 24, 2))}`;
    const replace = (text: string) => () => {
      const b = document.createElement('b');
      b.textContent = text;
      $('p b').replaceWith(b);
    };
    const { sent, rereads } = await stepThrough(html, [replace('Medicare Part B'), replace('Aetna PPO')]);
    expect(rereads).toBe(0);
    expect(shown(sent)).toEqual(fresh());
    expect(shown(sent)[0]![1]).toBe('Aetna PPO');
  });

  it("a visit's heading drawn anew with its running total: no read of the page, the label follows; drawn anew naming another patient: read again", async () => {
    const sec = (name: string, m: number) => `<h2>${name} — ${m} min</h2><p>Payer: ${name.startsWith('Ray') ? 'Medicare Part B' : 'Aetna'}</p>`;
    const html = `<p>Date of service: 11/02/2026</p>
      <section><div class="hd">${sec('Lee, Ann', 23)}</div>${table(row('97110', 23, 2))}</section>
      <section><div class="hd">${sec('Ray, Bob', 23)}</div>${table(row('97110', 23, 2))}</section>`;
    const draw = (name: string, m: number) => () => (document.querySelectorAll('.hd')[1]!.innerHTML = sec(name, m));
    const same = await stepThrough(html, [draw('Ray, Bob', 24), draw('Ray, Bob', 25), draw('Ray, Bob', 26)]);
    expect(same.rereads).toBe(0);
    expect(shown(same.sent).map((v) => v[1])).toEqual(['Aetna', 'Medicare Part B']);
    expect(shown(same.sent)).toEqual(fresh());
    const other = await stepThrough(html, [draw('Ray, Bob', 24), draw('Kim, Sue', 24)]);
    expect(other.rereads).toBe(1);
    expect(shown(other.sent)).toEqual(fresh());
    expect(shown(other.sent)[1]![0]).toMatch(/Kim, Sue/);
  });

  it('two sessions of a day, the first (read-only) one\'s heading drawn anew: no read of the page, the visits as a fresh read has them', async () => {
    const ro = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${m}</td><td>${u}</td></tr>`;
    const html = `<div>Patient: Lee, Ann · MRN 1001</div><p>Payer: Medicare Part B</p><h1>Daily note 11/06/2026</h1>
      <h2>AM session 9:00</h2>${table(ro('97110', 20, 1))}<h2>PM session 2:00</h2>${table(row('97110', 10, 1))}`;
    const redraw = () => {
      const h = document.createElement('h2');
      h.textContent = 'AM session 9:00';
      document.querySelector('h2')!.replaceWith(h);
    };
    const { sent, rereads } = await stepThrough(html, [redraw, () => type(0)]);
    const parts = (updates: Parameters<typeof sentVisits>[0]) => sentVisits(updates).map(({ label, part }) => [label, JSON.stringify(part.visit)]);
    expect(rereads).toBe(0);
    expect(parts(sent)).toEqual(parts([new PageSession(document, () => OPTIONS).flush()]));
  });
});
