// @vitest-environment happy-dom
// A day sheet's patients named by surname and initials ("Lee, A.", "RAY, B."): each her own
// visit. Before, any two such headings were one visit with both patients' lines (the 8-minute
// rule and NCCI pairs then ran over two people's charges). Sides and lettered sections after a
// comma stay one patient's parts (note-blocks-review2.test.ts, finding 1).
import { describe, expect, it } from 'vitest';
import { line, readPage, table, visitsOf } from './read-page';

const daySheet = (a: string, b: string, h1 = '<h1>Visits 11/02/2026</h1>') =>
  `${h1}<p>Payer: Aetna</p><h3>${a}</h3>${table(`<tr>${line('97110', 24, 2)}</tr>`)}<h3>${b}</h3>${table(`<tr>${line('97140', 10, 1)}</tr>`)}`;
const split = (html: string) => visitsOf(readPage(html)).map((v) => [v.label, v.lines]);

describe('patients named by surname and initials', () => {
  it.each([
    ['Lee, A.', 'Ray, B.'],
    ['LEE, A.', 'RAY, B.'],
    ['Lee, A. M.', 'Ray, B.'],
    ['Lee, A. — Checked in', 'Ray, B. — Arrived'],
  ])('"%s" and "%s" are two visits, each with her own lines', (a, b) => {
    expect(split(daySheet(a, b))).toEqual([
      [a, ['97110 24']],
      [b, ['97140 10']],
    ]);
  });

  it('the same patient twice (AM and PM) is one visit, as with a full name', () => {
    const full = split(daySheet('Lee, Ann', 'Lee, Ann'));
    expect(full.map(([, lines]) => lines)).toEqual([['97110 24', '97140 10']]);
    expect(split(daySheet('Lee, A.', 'Lee, A.')).map(([, lines]) => lines)).toEqual([['97110 24', '97140 10']]);
  });

  it.each([
    ['Forearm, R.', 'Forearm, L.'],
    ['Knee, L.', 'Knee, R.'],
    ['Circuit, A', 'Circuit, B'],
  ])('a side or a lettered section, "%s" and "%s", in one patient\'s note: one visit', (a, b) => {
    expect(split(daySheet(a, b, '<h1>Daily note — Ann Lee — 11/02/2026</h1>')).map(([, lines]) => lines)).toEqual([['97110 24', '97140 10']]);
  });

  // Left: without the initial's dot the shape is a lettered section's ("Circuit, A", "UE, R").
  it.fails('"Lee, A" and "Ray, B" (no dot) are two visits', () => {
    expect(split(daySheet('Lee, A', 'Ray, B'))).toHaveLength(2);
  });
});
