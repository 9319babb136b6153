// @vitest-environment happy-dom
// Headings of surname and initial ("Lee, A."). A first try (9317ddb, reverted) read them as
// patients, and split a day sheet's "Lee, A." and "Ray, B." into their visits; a review found
// one patient's note split as often ("Station, A.", "Phase, I.", "Smith, J. — PT", "Lee, A."
// beside "Lee, Ann"). Now such headings name patients only on a page that is no one patient's
// chart and whose first titles say it lists visits ("Visits", "Day Sheet", "Schedule"), none
// of them nor the tab's title naming a person (review-s49: a note's clinicians' parts).
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

describe('a day sheet naming its patients by surname and initials, on a page that is no one patient\'s chart', () => {
  const VISITS = '<h1>Visits 11/02/2026</h1>';
  const labels = (html: string) => visitsOf(readPage(html)).map((v) => v.label);

  it('"Lee, A." and "Ray, B." are two visits, each with her own lines, each named by her heading', () => {
    // Before: one visit of both patients' lines (34 minutes billed together).
    expect(lines(page(VISITS, 'Lee, A.', 'Ray, B.'))).toEqual([['97110 24'], ['97140 10']]);
    expect(labels(page(VISITS, 'Lee, A.', 'Ray, B.'))).toEqual(['Lee, A.', 'Ray, B.']);
  });

  it('siblings ("Nguyen, A.", "Nguyen, B."): two visits', () => {
    expect(lines(page(VISITS, 'Nguyen, A.', 'Nguyen, B.'))).toEqual([['97110 24'], ['97140 10']]);
  });

  it.each(['Day Sheet 11/02/2026', 'Schedule — Clinic A — 11/02/2026', 'Caseload'])('under "%s": two visits', (title) => {
    expect(lines(page(`<h1>${title}</h1>`, 'Lee, A.', 'Ray, B.'))).toEqual([['97110 24'], ['97140 10']]);
  });

  it('two initials and a particle ("Van Buren, A. B.", "de la Cruz, M."): two visits', () => {
    expect(lines(page(VISITS, 'Van Buren, A. B.', 'de la Cruz, M.'))).toEqual([['97110 24'], ['97140 10']]);
  });

  it('three patients, one of them in full ("Lee, A.", "Ray, Bob", "Diaz, C."): three visits', () => {
    const html = `${VISITS}<p>Payer: Aetna</p><h3>Lee, A.</h3>${table(`<tr>${line('97110', 24, 2)}</tr>`)}<h3>Ray, Bob</h3>${table(`<tr>${line('97140', 10, 1)}</tr>`)}<h3>Diaz, C.</h3>${table(`<tr>${line('97112', 30, 2)}</tr>`)}`;
    expect(lines(html)).toEqual([['97110 24'], ['97140 10'], ['97112 30']]);
  });

  it.each([
    ['a title naming no one, parts lettered under one word ("Station, A." / "Station, B.")', '<h1>Daily note 11/02/2026</h1>', 'Station, A.', 'Station, B.'],
    ['lettered stations on a page titled as a list ("Station, A." / "Station, B." under "Visits")', '<h1>Visits 11/02/2026</h1>', 'Station, A.', 'Station, B.'],
    ['a title naming no one, numbered phases ("Phase, I." / "Grade, V.")', '<h1>Daily note 11/02/2026</h1>', 'Phase, I.', 'Grade, V.'],
    ['a title naming no one, lettered blocks ("Block, A." / "Part, B.")', '<h1>Treatment 11/02/2026</h1>', 'Block, A.', 'Part, B.'],
    ['a note\'s clinicians\' parts ("Kim, J." / "Park, S."), its title listing no visits', '<h1>Daily Note 11/02/2026</h1>', 'Kim, J.', 'Park, S.'],
    ['one patient\'s programme titled "Home exercise schedule"', '<h1>Home exercise schedule</h1>', 'Lunge, A.', 'Squat, B.'],
    ['clinicians signing their parts ("Smith, J. — PT" / "Jones, K. — PTA")', '<h1>Daily note 11/02/2026</h1>', 'Smith, J. — PT', 'Jones, K. — PTA'],
    ['sides ("Forearm, R." / "Knee, L.")', '<h1>Daily note 11/02/2026</h1>', 'Forearm, R.', 'Knee, L.'],
    ['a title naming the patient beside the note\'s kind ("Ann Lee · Daily note")', '<h1>Ann Lee · Daily note</h1>', 'Lee, A.', 'Ray, B.'],
    ['a Patient fact on the page', '<h1>Daily note 11/02/2026</h1><p>Patient: Ann Lee</p>', 'Lee, A.', 'Ray, B.'],
  ])('stays one visit: %s', (_name, h1, a, b) => {
    expect(lines(page(h1, a, b))).toEqual([['97110 24', '97140 10']]);
  });
});
