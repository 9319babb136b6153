// @vitest-environment happy-dom
// Typing in a search box the page marks as one (type="search", role="searchbox", a search
// landmark) is no edit of a visit: the page is not read whole per keystroke. A plain text box
// outside every row still is (it may be a new row's field).
import { describe, expect, it } from 'vitest';
import { input, table, typeThrough } from './read-page';

const $ = (sel: string) => document.querySelector(sel)!;
const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';
const ROWS = table(`<tr><td>97110</td><td>${input(24)}</td><td>${input(2)}</td></tr>`);
const typed = (html: string) =>
  typeThrough(`${H1}${html}${ROWS}`, ['9', '97', '971'].map((q) => () => {
    const box = $('#q') as HTMLInputElement;
    box.value = q;
    return box;
  }));

describe('typing in a search box', () => {
  it.each([
    ['type="search"', '<input id="q" type="search">'],
    ['role="searchbox"', '<input id="q" role="searchbox">'],
    ['in a role="search" landmark', '<div role="search"><input id="q"></div>'],
    ['in a <search> element', '<search><input id="q"></search>'],
  ])('%s: no read of the page', async (_, html) => {
    const { rereads, sent } = await typed(html);
    expect(rereads).toBe(0);
    expect(sent[0]!.visits.map((v) => v.visit.entries.map((e) => `${e.code} ${e.minutes}`))).toEqual([['97110 24']]);
  });

  it('a plain text box outside the rows is still read as a field not read before', async () => {
    const { rereads } = await typed('<input id="q">');
    expect(rereads).toBeGreaterThan(0);
  });
});
