// @vitest-environment happy-dom
// Headings of surname and initial ("Lee, A."). A first try (9317ddb, reverted) read them as
// patients, and split a day sheet's "Lee, A." and "Ray, B." into their visits; a review found
// one patient's note split as often ("Station, A.", "Phase, I.", "Smith, J. — PT", "Lee, A."
// beside "Lee, Ann"), so they are left as a part of one visit, and the day sheet's split is left
// as it.fails: telling the two apart needs more than the heading's text.
import { describe, expect, it } from 'vitest';
import { line, readPage, table, visitsOf } from './read-page';

const page = (h1: string, a: string, b: string) =>
  `${h1}<p>Payer: Aetna</p><h3>${a}</h3>${table(`<tr>${line('97110', 24, 2)}</tr>`)}<h3>${b}</h3>${table(`<tr>${line('97140', 10, 1)}</tr>`)}`;
const lines = (html: string) => visitsOf(readPage(html)).map((v) => v.lines);
const NOTE = '<h1>Daily note — Ann Lee — 11/02/2026</h1>';

describe("one patient's note: sections headed by a word and a letter stay one visit", () => {
  it.each([
    ['Forearm, R', 'Forearm, L'],
    ['Forearm, R.', 'Forearm, L.'],
    ['Knee, L.', 'Knee, R.'],
    ['Circuit, A', 'Circuit, B'],
    ['Station, A.', 'Station, B.'],
    ['Phase, I.', 'Phase, V.'],
    ['Grade, I.', 'Grade, V.'],
    ['Part, A.', 'Part, B.'],
    ['Block, A.', 'Block, B.'],
    ['Protocol, A.', 'Protocol, B.'],
    ['Smith, J. — PT', 'Jones, K. — PTA'],
  ])('"%s" / "%s"', (a, b) => {
    expect(lines(page(NOTE, a, b))).toEqual([['97110 24', '97140 10']]);
  });

  it('banner "Lee, Ann · DOB … · MRN 1001", parts "Lee, A." and "Lee, Ann": one visit', () => {
    expect(lines(page('<h1>Lee, Ann · DOB 03/04/1941 · MRN 1001</h1>', 'Lee, A.', 'Lee, Ann'))).toEqual([['97110 24', '97140 10']]);
  });
});

describe('left: a day sheet naming its patients by surname and initial', () => {
  it.fails('"Lee, A." and "Ray, B." are two visits, each with her own lines', () => {
    expect(lines(page('<h1>Visits 11/02/2026</h1>', 'Lee, A.', 'Ray, B.'))).toEqual([['97110 24'], ['97140 10']]);
  });
});
