// @vitest-environment happy-dom
// A patient field above a day sheet's visits (a patient search, a quick-charge box, the last
// patient opened) names none of the visits below it when each visit's heading names its own
// patient. Before: every visit headed by its patient ("Lee, Ann", "Ray, Bob") was tagged with
// the field's patient (Cole, Eve): the tag a visit's dismissed warnings are kept by
// (lib/report.ts ackVisitFacts) and a patient's day is pooled by (lib/live/same-day.ts; CPM Pub.
// 100-04 Ch. 5 §20.2 counts units over one patient's day, never two patients').
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import { patientTag } from '../../lib/extract/read';
import { cols, input, line, readPage as read, table, visitsOf as visits } from './read-page';

const ANN = patientTag('ann lee');
const BOB = patientTag('bob ray');
const PAYER = '<p>Payer: Medicare Part B</p>';

/** Two patients' visits named by their tbody labels, or by flat headings, under `top`. */
const LAYOUTS: Record<string, (top: string, a?: [number, number], b?: [number, number]) => string> = {
  'tbody labels': (top, a = [23, 2], b = [40, 3]) => `${top}${PAYER}<table><thead>${cols}</thead>
    <tbody aria-label="Lee, Ann"><tr>${line('97110', ...a)}</tr></tbody><tbody aria-label="Ray, Bob"><tr>${line('97110', ...b)}</tr></tbody></table>`,
  'flat headings': (top, a = [23, 2], b = [40, 3]) =>
    `${top}<h4>Lee, Ann</h4>${PAYER}<h5>Treatment 11/02/2026</h5>${table(`<tr>${line('97110', ...a)}</tr>`)}<h4>Ray, Bob</h4>${PAYER}<h5>Treatment 11/02/2026</h5>${table(`<tr>${line('97110', ...b)}</tr>`)}`,
  headings: (top, a = [23, 2], b = [40, 3]) => `${top}${PAYER}<h2>Lee, Ann — 9:00 AM</h2>${table(`<tr>${line('97110', ...a)}</tr>`)}<h2>Ray, Bob — 9:45 AM</h2>${table(`<tr>${line('97110', ...b)}</tr>`)}`,
};

const FIELDS: Record<string, string> = {
  'patient search box': '<div>Patient: <input value="Cole, Eve"></div><h1>Charges 11/02/2026</h1>',
  'labelled patient picker': '<label>Patient <select><option>Cole, Eve</option></select></label><h1>Charges 11/02/2026</h1>',
  'quick-charge line': '<div class="quick">Patient: Cole, Eve · MRN 1009</div><h1>Charges 11/02/2026</h1>',
};

describe('a patient field above visits headed by their own patients', () => {
  for (const [layout, page] of Object.entries(LAYOUTS)) {
    for (const [field, top] of Object.entries(FIELDS)) {
      it(`${layout} under a ${field}: each visit is its heading's patient`, () => {
        expect(visits(read(page(top))).map((v) => [v.lines, v.patient])).toEqual([
          [['97110 23'], ANN],
          [['97110 40'], BOB],
        ]);
      });
    }
    it(`${layout} under a patient search box: two patients' 10 minutes of 97110 are not pooled as one day (also guarded by their headings' names)`, () => {
      const u = read(page(FIELDS['patient search box']!, [10, 1], [10, 1]));
      expect(u.visits.map((v) => v.visit.sameDay?.length ?? 0)).toEqual([0, 0]);
      expect(u.visits.flatMap((v) => evaluate(v.visit).findings.map((f) => f.rule))).not.toContain('units.same-day');
    });
  }
});

// From a review (helper session): headings naming a therapist, not the patient. The first
// version of the rule took any heading's person over the page's patient.
describe('headings naming a therapist: the page\'s patient stands', () => {
  const ann = (top: string) => `${top}${PAYER}`;
  it('one patient\'s chart, each visit headed by its therapist and date ("Daily Note — Kim, Joe — 11/02/2026", "— Park, Sue — 11/04/2026")', () => {
    for (const top of ['<div>Patient: <input value="Lee, Ann"></div>', '<p>Patient: Lee, Ann · MRN 1009</p>']) {
      const page = `${ann(top)}<h2>Daily Note — Kim, Joe — 11/02/2026</h2>${table(`<tr>${line('97110', 23, 2)}</tr>`)}<h2>Daily Note — Park, Sue — 11/04/2026</h2>${table(`<tr>${line('97110', 40, 3)}</tr>`)}`;
      expect(visits(read(page)).map((v) => [v.date, v.patient]), top).toEqual([
        ['2026-11-02', ANN],
        ['2026-11-04', ANN],
      ]);
    }
  });
  it('her AM and PM sessions, each headed by her therapist ("Kim, Joe — 9:00 AM", "Kim, Joe — 2:00 PM"): her day is pooled', () => {
    const page = `<div>Patient: <input value="Lee, Ann"></div>${PAYER}<h1>Visits 11/02/2026</h1><section><h2>Kim, Joe — 9:00 AM</h2><p>Ann Lee</p>${table(`<tr>${line('97110', 10, 1)}</tr>`)}</section><section><h2>Kim, Joe — 2:00 PM</h2>${table(`<tr>${line('97110', 10, 1)}</tr>`)}</section>`;
    const u = read(page);
    expect(visits(u).map((v) => v.patient)).toEqual([ANN, ANN]);
    expect(u.visits.map((v) => v.visit.sameDay?.length ?? 0)).toEqual([0, 1]);
    expect(evaluate(u.visits[1]!.visit).findings.map((f) => f.rule)).toContain('units.same-day');
  });
});

// Left alone by the thirty-seventh pass: a note's clinicians' parts headed by their names (and
// a status or credential), under the note's one "Patient:" line, were split into a visit per
// clinician, each tagged as a patient of that name.
describe("one patient's note, its parts headed by the clinicians' names", () => {
  const note = (a: string, b: string) =>
    `<h1>Daily note — 11/04/2026</h1><p>Patient: Ann Lee</p>${PAYER}<h2>${a}</h2>${table(`<tr>${line('97110', 10, 1)}</tr>`)}<h2>${b}</h2>${table(`<tr>${line('97110', 10, 1)}</tr>`)}`;
  for (const [a, b] of [
    ['Jane Doe — Signed', 'Tom Roe — Draft'],
    ['Doe, Jane — PT', 'Roe, Tom — PTA'],
    ['Jane Doe', 'Tom Roe'],
  ] as const) {
    it(`"${a}" and "${b}": one visit, Ann's, its 20 minutes billed as one day`, () => {
      const u = read(note(a, b));
      // Before: two visits tagged as patients "Jane Doe" and "Tom Roe", 10 minutes and 1 unit each: nothing found.
      expect(visits(u).map((v) => [v.lines, v.patient])).toEqual([[['97110 10', '97110 10'], ANN]]);
      // 20 minutes of one service is 1 unit (CPM Pub. 100-04 Ch. 5 §20.2): 2 billed.
      expect(evaluate(u.visits[0]!.visit).findings.map((f) => f.rule)).toContain('units.over-billed');
    });
  }
  it('near miss: the same headings under a day sheet\'s title ("Charges 11/04/2026") are patients', () => {
    const page = note('Jane Doe — Signed', 'Tom Roe — Draft').replace('Daily note — 11/04/2026', 'Charges 11/04/2026');
    expect(visits(read(page)).map((v) => [v.lines, v.patient])).toEqual([
      [['97110 10'], patientTag('jane doe')],
      [['97110 10'], patientTag('tom roe')],
    ]);
  });
  it('near miss: one heading names the note\'s patient ("Ann Lee", "Bob Ray"): a visit each', () => {
    expect(visits(read(note('Ann Lee', 'Bob Ray'))).map((v) => v.patient)).toEqual([ANN, BOB]);
  });
  // Found by a review of the rule above (helper session).
  for (const [what, title] of [
    ["the app's name in the <h1>, the note's title in an <h2>", '<header><h1>Acme Rehab</h1></header><h2>Daily note — 11/04/2026</h2>'],
    ['the title in a styled <div>', '<div class="page-title">Daily note — 11/04/2026</div>'],
  ] as const) {
    it(`${what}: one visit, Ann's`, () => {
      const page = note('Jane Doe — Signed', 'Tom Roe — Draft').replace('<h1>Daily note — 11/04/2026</h1>', title);
      // First version (the first <h1> only): two visits tagged as patients "Jane Doe" and "Tom Roe".
      expect(visits(read(page)).map((v) => [v.lines, v.patient])).toEqual([[['97110 10', '97110 10'], ANN]]);
    });
  }
  for (const [what, top] of [
    ["the app header's patient context (the last chart opened)", '<header><div class="ctx">Patient: Cole, Eve · MRN 1009</div></header>'],
    ['the patient search box', '<div>Patient: <input value="Cole, Eve"></div>'],
  ] as const) {
    it(`a group note's participants "Lee, Ann" and "Ray, Bob" under ${what}: a visit each, theirs`, () => {
      const page = `${top}<h1>Group note — 11/04/2026</h1>${PAYER}<h2>Lee, Ann</h2>${table(`<tr>${line('97150', 10, 1)}</tr>`)}<h2>Ray, Bob</h2>${table(`<tr>${line('97150', 10, 1)}</tr>`)}`;
      // First version: one visit of Eve Cole's, both patients' 20 minutes.
      expect(visits(read(page)).map((v) => [v.lines, v.patient])).toEqual([
        [['97150 10'], ANN],
        [['97150 10'], BOB],
      ]);
    });
  }
});

describe('near misses: the page field is kept', () => {
  it('the field names the heading\'s patient ("Patient: [Lee, Ann]" over "Lee, Ann — 9:00 AM" and "Lee, Ann — 2:00 PM"): her day is still pooled', () => {
    const page = `<div>Patient: <input value="Lee, Ann"></div><h1>Day sheet 11/02/2026</h1>${PAYER}<h2>Lee, Ann — 9:00 AM</h2>${table(`<tr>${line('97110', 10, 1)}</tr>`)}<h2>Lee, Ann — 2:00 PM</h2>${table(`<tr>${line('97110', 10, 1)}</tr>`)}`;
    const u = read(page);
    expect(visits(u).map((v) => v.patient)).toEqual([ANN, ANN]);
    expect(u.visits.map((v) => v.visit.sameDay?.length ?? 0)).toEqual([0, 1]);
  });
  it('one patient\'s chart, visits headed by their dates: each is the field\'s patient', () => {
    const page = `<div>Patient: <input value="Lee, Ann"></div>${PAYER}<h2>Visit — 11/02/2026</h2>${table(`<tr>${line('97110', 23, 2)}</tr>`)}<h2>Visit — 11/04/2026</h2>${table(`<tr>${line('97110', 40, 3)}</tr>`)}`;
    expect(visits(read(page)).map((v) => [v.date, v.patient])).toEqual([
      ['2026-11-02', ANN],
      ['2026-11-04', ANN],
    ]);
  });
  it('a visit\'s own Patient cell still wins over the field', () => {
    const page = `<div>Patient: <input value="Cole, Eve"></div><h1>Charges 11/02/2026</h1>${PAYER}<table><thead><tr><th>Patient</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>Lee, Ann</td>${line('97110', 23, 2)}</tr><tr><td>Ray, Bob</td>${line('97110', 40, 3)}</tr></tbody></table>`;
    expect(visits(read(page)).map((v) => v.patient)).toEqual([ANN, BOB]);
  });
});
