// @vitest-environment happy-dom
// A patient's open encounters shown one at a time in ARIA tabs (a charge-review or "unsigned
// notes" screen: React/MUI Tabs, Bootstrap nav-tabs), each tab naming its date of service, each
// panel labelled by its tab (aria-labelledby) or by aria-label. Both are editable. Two dates of
// service: two visits, never one. Found by a red-team pass: one visit of both days' minutes, no
// date, on the code before.
import { describe, expect, it } from 'vitest';
import { readPage, visitsOf, input, table } from './read-page';

const grid = (code: string, m: number, u: number) => table(`<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`);
const BANNER = '<p>Patient: Lee, Ann</p><p>Payer: Medicare Part B</p>';
const tabs = `<div role="tablist"><button role="tab" id="t1" aria-controls="p1" aria-selected="false">Visit 11/02/2026</button><button role="tab" id="t2" aria-controls="p2" aria-selected="true">Visit 11/04/2026</button></div>`;

describe('encounters in tabs, one date of service per tab', () => {
  const pages: [string, string][] = [
    ['tab panels labelled by their tabs', `${BANNER}${tabs}<div role="tabpanel" id="p1" aria-labelledby="t1" hidden>${grid('97110', 38, 3)}</div><div role="tabpanel" id="p2" aria-labelledby="t2">${grid('97140', 8, 1)}</div>`],
    ['panels with aria-label', `${BANNER}<section aria-label="Visit 11/02/2026">${grid('97110', 38, 3)}</section><section aria-label="Visit 11/04/2026">${grid('97140', 8, 1)}</section>`],
  ];
  for (const [name, html] of pages) {
    it(`${name}: 11/02 and 11/04 are two visits, each dated`, () => {
      const got = visitsOf(readPage(html)).map((v) => [v.lines, v.date]);
      // Before: one visit, lines ['97110 38', '97140 8'] (two days' minutes added up), no date.
      expect(got).toEqual([
        [['97110 38'], '2026-11-02'],
        [['97140 8'], '2026-11-04'],
      ]);
    });
  }

  it('near miss: panels named "Treatment" and "Home program" are parts of one visit', () => {
    const html = `${BANNER}<p>Date of service: 11/04/2026</p><section aria-label="Treatment">${grid('97110', 38, 3)}</section><section aria-label="Home program">${grid('97140', 8, 1)}</section>`;
    expect(visitsOf(readPage(html)).map((v) => [v.lines, v.date])).toEqual([[['97110 38', '97140 8'], '2026-11-04']]);
  });
});
