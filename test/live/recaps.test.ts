// @vitest-environment happy-dom
// What a daily note shows beside today's lines: the last visit recapped read-only above them, a
// superbill's charge summary (units and fees, no minutes) under them, the morning's session
// already signed. Found by a red-team pass; each case failed on the code before (its comment
// says how).
import { describe, expect, it } from 'vitest';
import { readPage, visitsOf, input, ro, table } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';

const tr = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`;

describe("the last visit's lines recapped read-only above today's grid", () => {
  const today = table(tr('97140', 8, 1));
  const last = ro(['CPT', 'Minutes', 'Units'], [['97110', '30', '2']]);
  const NOTE = '<h1>Daily note — Lee, Ann — 11/04/2026</h1><p>Payer: Medicare Part B</p>';
  // (Passed before with "Previous visit 10/30/2026", "Last visit (10/30/2026)", "Last visit — 10/30/2026".)
  for (const heading of ['Last visit 10/30/2026', 'Last treatment 10/30/2026', 'Last session Oct 30', 'Last visit on 10/30']) {
    it(`"${heading}" then "Treatment": today's visit is 97140 8 alone, dated 11/04`, () => {
      const u = readPage(`${NOTE}<h2>${heading}</h2>${last}<h2>Treatment</h2>${today}`);
      // Before: one visit labelled "${heading}", not history, lines ['97110 30', '97140 8'].
      expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97140 8'], '2026-11-04']]);
    });
  }
  // Left alone by the thirty-seventh pass (red team): a heading that names the last visit by its
  // day only, no "last" or "previous", and no date of service written but the note's title.
  it('"Visit 10/30/2026" then "Treatment" under "Daily note — … — 11/04/2026": today\'s visit is 97140 8 alone, dated 11/04', () => {
    const u = readPage(`${NOTE}<h2>Visit 10/30/2026</h2>${last}<h2>Treatment</h2>${today}`);
    // Before: one visit labelled "Visit 10/30/2026", dated 10/30, lines ['97110 30', '97140 8'].
    expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97140 8'], '2026-11-04']]);
  });
  it('near miss: "Visit 11/04/2026" (the title\'s day) over a read-only line above "Treatment": one visit of both', () => {
    const u = readPage(`${NOTE}<h2>Visit 11/04/2026</h2>${last}<h2>Treatment</h2>${today}`);
    expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97110 30', '97140 8'], '2026-11-04']]);
  });
  // From a review of the rule above (helper session): a date in the first <h1> that is not the note's day.
  for (const [what, h1] of [
    ['a patient banner <h1> with her birth date', '<h1>Lee, Ann · 03/14/1950 · MRN 1001</h1>'],
    ["the app's clock in the <h1>, yesterday's note charted late", '<h1>Thursday, Nov 5, 2026</h1>'],
  ] as const) {
    it(`near miss: ${what} ("${h1.slice(4, -5)}"): today's signed line under "Visit 11/04/2026" stays a line, 22 minutes over-billed`, () => {
      const u = readPage(`${h1}<p>Payer: Medicare Part B</p><h2>Visit 11/04/2026</h2>${ro(['CPT', 'Minutes', 'Units'], [['97110', '12', '1']])}<h2>Treatment</h2>${table(tr('97110', 10, 1))}`);
      // First version: dated by the <h1> (1950-03-14, 2026-11-05), the signed 12 minutes split off as history.
      expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97110 12', '97110 10'], '2026-11-04']]);
      expect(evaluate(u.visits[0]!.visit).findings.map((f) => f.rule)).toContain('units.over-billed');
    });
  }
  it('"Last treatment session — discharge" over today\'s lines is still today\'s', () => {
    const u = readPage(`${NOTE}<h2>Last treatment session — discharge</h2>${today}`);
    expect(visitsOf(u).map((v) => v.lines)).toEqual([['97140 8']]);
  });
});

describe('a units-and-fee charge summary beside the treatment grid', () => {
  const NOTE = '<h1>Daily note — Lee, Ann — 11/04/2026</h1><p>Payer: Medicare Part B</p>';
  const TREATMENT = `<h2>Treatment</h2>${table(tr('97110', 15, 1) + tr('97110', 10, 1) + tr('97140', 8, 1))}`;
  const CHARGES = `<h2>Charges</h2>${ro(['CPT', 'Units', 'Charge'], [['97110', '2', '$64.00'], ['97140', '1', '$30.00']])}`;
  for (const [name, html] of [
    ['summary below the grid', NOTE + TREATMENT + CHARGES],
    ['summary above the grid', NOTE + CHARGES + TREATMENT],
  ] as const) {
    it(`${name}: the visit is the grid's 3 lines, 3 units`, () => {
      const visit = readPage(html).visits[0]!.visit;
      // Before: 5 lines, the summary's "97110 -/2" and "97140 -/1" added to the grid's (6 units
      // billed), and two "minutes.missing" warnings for lines no one charted.
      expect(visit.entries.map((e) => `${e.code} ${e.minutes ?? '-'}/${e.units}`)).toEqual(['97110 15/1', '97110 10/1', '97140 8/1']);
      expect(evaluate(visit).findings.map((f) => f.rule)).not.toContain('minutes.missing');
    });
  }
  it('near miss: read-only lines with other units per code than the grid\'s stay lines of the visit', () => {
    const other = `<h2>Charges</h2>${ro(['CPT', 'Units', 'Charge'], [['97110', '1', '$32.00'], ['97530', '1', '$35.00']])}`;
    const lines = readPage(NOTE + TREATMENT + other).visits[0]!.visit.entries.map((e) => `${e.code} ${e.minutes ?? '-'}/${e.units}`);
    expect(lines).toEqual(['97110 15/1', '97110 10/1', '97140 8/1', '97110 -/1', '97530 -/1']);
  });
});

// Left alone by the thirty-seventh pass (red team): a day sheet's charge summary, one row per
// patient's code, under the patients' own sections.
describe("a day sheet's read-only charge summary with a Patient column", () => {
  const SHEET = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><h2>Lee, Ann</h2>${table(tr('97110', 38, 3))}<h2>Ray, Bob</h2>${table(tr('97140', 8, 1))}`;
  const HEAD = ['Patient', 'CPT', 'Units', 'Charge'];
  it("a fee on every row: each patient's day is checked once", () => {
    const u = readPage(`${SHEET}<h2>Today's charges</h2>${ro(HEAD, [['Lee, Ann', '97110', '3', '$96.00'], ['Ray, Bob', '97140', '1', '$30.00']])}`);
    // Before: two more visits, "Lee, Ann · Today's charges" and "Ray, Bob · Today's charges", lines with no minutes.
    expect(visitsOf(u).map((v) => [v.label, v.lines])).toEqual([
      ['Lee, Ann', ['97110 38']],
      ['Ray, Bob', ['97140 8']],
    ]);
  });
  it("near miss: a summary row of other units than her visit's (97110 × 4 against 3 charted) stays a visit to check", () => {
    const u = readPage(`${SHEET}<h2>Today's charges</h2>${ro(HEAD, [['Lee, Ann', '97110', '4', '$128.00'], ['Ray, Bob', '97140', '1', '$30.00']])}`);
    expect(visitsOf(u).map((v) => v.lines)).toEqual([['97110 38'], ['97140 8'], ['97110 undefined']]);
  });
  // From a review of the first version (helper session), which took any read-only Patient rows for a summary.
  it('near miss: sessions signed this morning (Patient | CPT | Units | Signed), the same units as the afternoon\'s: visits of the day', () => {
    const u = readPage(`${SHEET}<h2>Signed this morning</h2>${ro(['Patient', 'CPT', 'Units', 'Signed'], [['Lee, Ann', '97110', '3', '9:40 AM'], ['Ray, Bob', '97140', '1', '10:15 AM']])}`);
    expect(u.list!.map((l) => [l.label, l.history])).toEqual([
      ['Lee, Ann', false],
      ['Ray, Bob', false],
      ['Lee, Ann · Signed this morning', false],
      ['Ray, Bob · Signed this morning', false],
    ]);
  });
});

// CPM Pub. 100-04 Ch. 5 §20.2 bills timed units over the day: 10 + 10 minutes of 97110 is 1 unit
// for the day (8–22 minutes), not 2.
describe("the morning's signed session and the afternoon's being charted", () => {
  const editable = table(tr('97110', 10, 1));
  const signed = ro(['CPT', 'Minutes', 'Units'], [['97110', '10', '1']]);
  const NOTE = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>';
  it('both editable (for contrast): the PM visit carries the AM one and the day is over-billed', () => {
    const u = readPage(`${NOTE}<h3>AM session 9:00</h3>${editable}<h3>PM session 2:00</h3>${editable}`);
    const pm = u.visits[u.visits.length - 1]!.visit;
    expect(pm.sameDay).toHaveLength(1);
    expect(evaluate(pm).findings.map((f) => f.rule)).toContain('units.same-day');
  });

  it("AM signed: still history (not billed again), yet the PM visit carries its lines, and 2 units for the day's 20 minutes are found", () => {
    const u = readPage(`${NOTE}<h3>AM session 9:00</h3>${signed}<h3>PM session 2:00</h3>${editable}`);
    expect(u.list!.map((l) => [l.label, l.history])).toEqual([['AM session 9:00', true], ['PM session 2:00', false]]);
    // Before: the PM visit was checked alone, with no sameDay and no units.same-day finding.
    const pm = u.visits[u.visits.length - 1]!.visit;
    expect(pm.sameDay).toHaveLength(1);
    expect(evaluate(pm).findings.map((f) => f.rule)).toContain('units.same-day');
  });

  it('near miss: an earlier date\'s session listed as history is not carried ("Nov 1 — PM session")', () => {
    const u = readPage(`${NOTE}<h3>Nov 1 — PM session</h3>${signed}<h3>PM session 2:00</h3>${editable}`);
    expect(u.visits[u.visits.length - 1]!.visit.sameDay).toBeUndefined();
  });
});

// Found by a review of the fixes above: an earlier visit's session, and today's signed lines with units and no minutes.
describe("an earlier visit's sessions recapped above today's", () => {
  const editable = table(tr('97110', 10, 1));
  const signed = ro(['CPT', 'Minutes', 'Units'], [['97110', '10', '1']]);
  const NOTE = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>';
  for (const prev of ['Previous visit — 10/30/2026', 'Last visit 10/30/2026', '10/30/2026']) {
    it(`"${prev}" over "AM session 9:00" (signed), then today's "PM session 2:00": nothing carried, no same-day finding`, () => {
      const u = readPage(`${NOTE}<h2>${prev}</h2><h3>AM session 9:00</h3>${signed}<h2>Today</h2><h3>PM session 2:00</h3>${editable}`);
      const pm = u.visits[u.visits.length - 1]!.visit;
      expect(pm.sameDay).toBeUndefined();
      expect(evaluate(pm).findings.map((f) => f.rule)).not.toContain('units.same-day');
    });
  }

  it('"97110 · 1 · Signed 9:40 AM" (no fee) above a new 97110 10 min line: both are the visit\'s', () => {
    const u = readPage(`<h1>Daily note — Lee, Ann — 11/04/2026</h1><p>Payer: Medicare Part B</p><h2>Treatment</h2>${ro(['CPT', 'Units', 'Status'], [['97110', '1', 'Signed 9:40 AM']])}${table(tr('97110', 10, 1))}`);
    expect(u.visits[0]!.visit.entries.map((e) => `${e.code} ${e.minutes ?? '-'}/${e.units}`)).toEqual(['97110 -/1', '97110 10/1']);
  });
});

const NOTE2 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>';
const TREATMENT2 = `<h2>Treatment</h2>${table(tr('97110', 15, 1) + tr('97110', 10, 1) + tr('97140', 8, 1))}`;
const signed2 = ro(['CPT', 'Minutes', 'Units'], [['97110', '10', '1']]);
const editable2 = table(tr('97110', 10, 1));

describe('found by a second review: a charge summary whose amounts carry no dollar sign', () => {
  const summaries: [string, string[], string[][]][] = [
    ['"Charge" 64.00', ['CPT', 'Units', 'Charge'], [['97110', '2', '64.00'], ['97140', '1', '30.00']]],
    ['"Charge ($)" 64.00', ['CPT', 'Units', 'Charge ($)'], [['97110', '2', '64.00'], ['97140', '1', '30.00']]],
    ['"CPT | Description | Units | Amount"', ['CPT', 'Description', 'Units', 'Amount'], [['97110', 'Therapeutic exercise', '2', '128.00'], ['97140', 'Manual therapy', '1', '45.00']]],
  ];
  for (const [name, head, rows] of summaries) {
    it(`${name}: the visit is the grid's 3 lines, 3 units`, () => {
      const visit = readPage(`${NOTE2}${TREATMENT2}<h2>Charges</h2>${ro(head, rows)}`).visits[0]!.visit;
      // On d66a102: ['97110 15/1','97110 10/1','97140 8/1','97110 -/2','97140 -/1'] — 6 units, minutes.missing ×2.
      expect(visit.entries.map((e) => `${e.code} ${e.minutes ?? '-'}/${e.units}`)).toEqual(['97110 15/1', '97110 10/1', '97140 8/1']);
      expect(evaluate(visit).findings.map((f) => f.rule)).not.toContain('minutes.missing');
    });
  }
});

const hd = (level: number, t: string) => `<div role="heading" aria-level="${level}">${t}</div>`;
const pm = (html: string) => {
  const u = readPage(html);
  const v = u.visits[u.visits.length - 1]!.visit;
  return { sameDay: v.sameDay?.length ?? 0, sameDayFinding: evaluate(v).findings.some((f) => f.rule === 'units.same-day') };
};

describe("found by a second review: an earlier visit's session, under a heading that is not h1–h6: not carried", () => {
  const pages: [string, string][] = [
    ['role="heading" aria-level', `${NOTE2}${hd(2, 'Previous visit — 10/30/2026')}${hd(3, 'AM session 9:00')}${signed2}${hd(2, 'Today')}${hd(3, 'PM session 2:00')}${editable2}`],
    ['card header divs', `${NOTE2}<div class="card"><div class="card-header">Previous visit — 10/30/2026</div><div class="card-body"><h3>AM session 9:00</h3>${signed2}</div></div><div class="card"><div class="card-header">Today</div><div class="card-body"><h3>PM session 2:00</h3>${editable2}</div></div>`],
    ['<details> summary', `${NOTE2}<details open><summary>Previous visit — 10/30/2026</summary><h3>AM session 9:00</h3>${signed2}</details><h3>PM session 2:00</h3>${editable2}`],
  ];
  for (const [name, html] of pages) {
    it(name, () => {
      // On d66a102: { sameDay: 1, sameDayFinding: true } — 10/30's 10 min of 97110 added to today's.
      expect(pm(html)).toEqual({ sameDay: 0, sameDayFinding: false });
    });
  }
});

describe("found by a second review: today's signed AM session beside the PM session being charted: carried", () => {
  const pages: [string, string][] = [
    ['AM in a read-only <fieldset><legend>', `${NOTE2}<fieldset disabled><legend>AM session 9:00</legend>${signed2}</fieldset><h3>PM session 2:00</h3>${editable2}`],
    ['AM table <caption>', `${NOTE2}<table><caption>AM session 9:00</caption><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td>10</td><td>1</td></tr></tbody></table><h3>PM session 2:00</h3>${editable2}`],
    ['h2 "Signed" over AM, h2 "In progress" over PM', `${NOTE2}<h2>Signed</h2><h3>AM session 9:00</h3>${signed2}<h2>In progress</h2><h3>PM session 2:00</h3>${editable2}`],
    ["PM's card has its own h2 \"Treatment\"", `${NOTE2}<div><h3>AM session 9:00</h3>${signed2}</div><div><h2>Treatment</h2><h3>PM session 2:00</h3>${editable2}</div>`],
  ];
  for (const [name, html] of pages) {
    it(name, () => {
      // On d66a102: { sameDay: 0, sameDayFinding: false } — 10 + 10 min of 97110 billed as 2 units, not found.
      expect(pm(html)).toEqual({ sameDay: 1, sameDayFinding: true });
    });
  }
});

describe("found by a third review: the note's title, not a side bar's or a banner's (helper session)", () => {
  const signed = ro(['CPT', 'Minutes', 'Units'], [['97110', '12', '1']]);
  const recap = ro(['CPT', 'Minutes', 'Units'], [['97110', '30', '2']]);
  const NOTE = '<h1>Daily note — Lee, Ann — 11/04/2026</h1><p>Payer: Medicare Part B</p>';
  const RECENT = '<aside class="recent"><h3>Recent notes</h3><ul><li><a class="note-title" href="#">Daily note — 10/30/2026</a></li><li><a class="note-title" href="#">Daily note — 10/28/2026</a></li></ul></aside>';
  it('a "Recent notes" side bar (class="note-title") before the note: today\'s signed 12 min under "Visit 11/04/2026" stay lines, over-billing flagged', () => {
    const u = readPage(`${RECENT}<main>${NOTE}<h2>Visit 11/04/2026</h2>${signed}<h2>Treatment</h2>${table(tr('97110', 10, 1))}</main>`);
    // 949d613: [['97110 10'], '2026-11-04'] and the 12 min split off as history "Visit 11/04/2026 in …": no units.over-billed.
    // 66d6057 and 099d19d: passes.
    expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97110 12', '97110 10'], '2026-11-04']]);
    expect(evaluate(u.visits[0]!.visit).findings.map((f) => f.rule)).toContain('units.over-billed');
  });
  it('the same side bar: the last visit\'s recap under "Visit 10/30/2026" is not today\'s', () => {
    const u = readPage(`${RECENT}<main>${NOTE}<h2>Visit 10/30/2026</h2>${recap}<h2>Treatment</h2>${table(tr('97140', 8, 1))}</main>`);
    // 949d613: [['97110 30', '97140 8'], '2026-10-30'], one visit labelled "Visit 10/30/2026". 66d6057: passes. 099d19d: fails the same way (rule absent).
    expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97140 8'], '2026-11-04']]);
  });
  it('an app nav of nine "…-title" items above the note\'s <h1>: the recap under "Visit 10/30/2026" is not today\'s', () => {
    const NAV = `<nav class="app-nav">${['Schedule', 'Patients', 'Notes', 'Billing', 'Reports', 'Messages', 'Tasks', 'Settings', 'Help'].map((t) => `<a class="nav-item"><span class="nav-item-title">${t}</span></a>`).join('')}</nav>`;
    const u = readPage(`${NAV}${NOTE}<h2>Visit 10/30/2026</h2>${recap}<h2>Treatment</h2>${table(tr('97140', 8, 1))}`);
    // 949d613: [['97110 30', '97140 8'], '2026-10-30'] (noteTitle gives up after 8 title-likes). 66d6057: passes. 099d19d: fails the same way (rule absent).
    expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97140 8'], '2026-11-04']]);
  });
  it('a note title with her birth date in brackets ("Daily note — Lee, Ann (03/14/1950)"): today\'s signed line stays, the visit is not dated 1950', () => {
    const u = readPage(`<h1>Daily note — Lee, Ann (03/14/1950)</h1><p>Payer: Medicare Part B</p><h2>Visit 11/04/2026</h2>${signed}<h2>Treatment</h2>${table(tr('97110', 10, 1))}`);
    // 949d613 and 66d6057: [['97110 10'], '1950-03-14'] (+ data.out-of-range), the 12 min hidden as history. 099d19d: passes.
    expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97110 12', '97110 10'], '2026-11-04']]);
  });
  it('near miss: the note\'s title in an <h2 class="page-title"> under the app\'s brand <h1>: the recap under "Visit 10/30/2026" is split off', () => {
    const recap = ro(['CPT', 'Minutes', 'Units'], [['97110', '30', '2']]);
    const u = readPage(`<h1>Acme EHR</h1><h2 class="page-title">Daily note — Lee, Ann — 11/04/2026</h2><p>Payer: Medicare Part B</p><h3>Visit 10/30/2026</h3>${recap}<h3>Treatment</h3>${table(tr('97140', 8, 1))}`);
    // (66d6057 and 099d19d: [['97110 30', '97140 8'], '2026-10-30']: fixed by 949d613.)
    expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97140 8'], '2026-11-04']]);
  });
});

describe("found by a third review: a summary's fees in whole dollars (helper session)", () => {
  it('a day sheet\'s "Today\'s charges" with a "Charge ($)" column in whole dollars: each patient\'s day is checked once', () => {
    const SHEET = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><h2>Lee, Ann</h2>${table(tr('97110', 38, 3))}<h2>Ray, Bob</h2>${table(tr('97140', 8, 1))}`;
    const u = readPage(`${SHEET}<h2>Today's charges</h2>${ro(['Patient', 'CPT', 'Units', 'Charge ($)'], [['Lee, Ann', '97110', '3', '96'], ['Ray, Bob', '97140', '1', '30']])}`);
    // 949d613 and 099d19d: two more visits "Lee, Ann · Today's charges", "Ray, Bob · Today's charges" (97110/97140 with no minutes: minutes.missing). 66d6057: passes.
    expect(visitsOf(u).map((v) => [v.label, v.lines])).toEqual([
      ['Lee, Ann', ['97110 38']],
      ['Ray, Bob', ['97140 8']],
    ]);
  });
});

