// @vitest-environment happy-dom
// Typing in a box the read does not take (lib/live/passed-fields.ts, PageSession.edit): a visit
// comment beside the form is one read of the page, not one per keystroke; a Comments column in a
// row read is that row's read; a box that may become a line's or a visit's is read as before.
import { describe, expect, it } from 'vitest';
import { freshFacts, input, sentFacts, table, typeThrough, typing } from './read-page';

const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';
const FORM = table('<tr><td>97110</td><td><input value="24"></td><td><input value="2"></td></tr>');

describe('a box beside the form that names no part of a visit', () => {
  it('a visit comment: read once, at its first keystroke', async () => {
    const { sent, rereads } = await typeThrough(`${H1}<label>Visit comment <input id="c"></label>${FORM}`, typing('#c', 'Tolerated well'));
    expect(rereads).toBe(1);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('a comment box in a layout table ("<tr><td>Visit comment</td><td><input>"): read once', async () => {
    const { sent, rereads } = await typeThrough(`${H1}<table><tr><td>Visit comment</td><td><input id="c"></td></tr></table>${FORM}`, typing('#c', 'Tolerated well'));
    expect(rereads).toBeLessThanOrEqual(1);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('a code or an intervention typed in it is read (once each time what it names changes)', async () => {
    // (Whether the read takes it is the reader's business: the page is read as a fresh read would.)
    const { sent, rereads } = await typeThrough(`${H1}<label>Goals <input id="c"></label>${FORM}`, typing('#c', 'add 97140 and gait training'));
    // 'a' (filled), '97140' (a known code), 'gait training' (an intervention): three reads.
    expect(rereads).toBe(3);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('a box labelled for a line is read at every keystroke, as before (it may become one); a visit fact is read as one', async () => {
    for (const label of ['Minutes', 'CPT']) {
      const { sent, rereads } = await typeThrough(`${H1}<label>${label} <input id="c"></label>${FORM}`, typing('#c', '1234'));
      expect(rereads, label).toBe(4);
      expect(sentFacts(sent), label).toEqual(freshFacts());
    }
    const { sent } = await typeThrough(`<h1>Daily note — Ann Lee</h1><label>Date of service <input id="c"></label>${FORM}`, typing('#c', '11/03/2026'));
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(sentFacts(sent)[0]![2]).toBe('2026-11-03');
  });

  it('a box in a table row not read as a line (a blank row being filled in) is read at every keystroke, as before', async () => {
    const blank = '<tr><td><input id="code"></td><td><input></td><td><input></td></tr>';
    const html = `${H1}<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td><input value="97110"></td><td>${input(24)}</td><td>${input(2)}</td></tr>${blank}</tbody></table>`;
    const { sent } = await typeThrough(html, typing('#code', '97140'));
    expect(sentFacts(sent)).toEqual(freshFacts());
    expect(sentFacts(sent)[0]![3]).toEqual(['97110 24', '97140 undefined']);
  });
});

describe('a box in a row read that is none of its fields', () => {
  it('a Comments column: its row is read again, not the page', async () => {
    const row = (code: string, m: number, id: string) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(1)}</td><td><input id="${id}"></td></tr>`;
    const html = `${H1}<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th><th>Comments</th></tr></thead><tbody>${row('97110', 24, 'c1')}${row('97140', 10, 'c2')}</tbody></table>`;
    const { sent, rereads } = await typeThrough(html, typing('#c2', '3x10 reps, 97530 next'));
    expect(rereads).toBe(0);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
});
