// @vitest-environment happy-dom
// Third review of the s49 round: 81a6d33 (review-s49b mended). "Acct #", "Account", "Account
// No.", "Patient Acct" are a new 'account' role: a row's visit key only where no Patient column
// names one and the cell holds digits, never a fact of the visit (rowVisitKey, the row facts'
// loop); a page lists visits (initials, "Lee, A.", name patients) by its h1/h2 above its first
// row outside header, nav, aside, tab lists, dialogs, tooltips and menus, the tab's title only by
// a surname-first name, "Home", "Treatment", "Program", "Plan" no longer one patient's programme,
// "Upcoming", "Next", "Past", "Previous", "Prior", "Recent" no list; a heading's parts split at
// commas and semicolons too (yearHints); "Mon 11.02" whose weekday fits its day is a day;
// "Visit 4 (4/20)" counts an authorisation, no day; "Progress report date" is a visit's date.
// (review-s49's and review-s49b's findings are not repeated here.)
// Mended (now it(), "(mended)"): ten — an account is a row's key only in a table naming no
// patient (a row group's or a spanning Patient cell over her lines keeps them hers), and a row
// header under "Acct #" is one; a page header inside <main> or an article is the page's title;
// "Previous day · Next day" is no title's word, "Plan of care: visits 6 of 12" lists none; the
// tab's title counts unless it names a list; a comma after a weekday does not part a heading
// ("Start of care: Monday, February 23, 2026"); "Wed 9.30" is a day only within a week of the day
// above or the headings'; "Progress report date" is ignored again. Taken out: the bracketed day
// after a visit's number (df45ab8), as one header cannot tell it from a count of visits
// authorised. Left (it.fails): cards told apart by an account only, an account typed live into
// a blank box, and the two bracketed-day flowsheets.
// it(): read right (a pin). it.fails(): a page read wrongly at 81a6d33; "(regression)" where
// 58a9cdf (its parent) read it right, "(not fixed)" where 58a9cdf read it as wrongly.
import { afterEach, describe, expect, it } from 'vitest';
import { onPagesOf } from './clock';
import { OPTIONS } from './read-page';
import { checked, held, linesOf, read } from './vendor-pages';
import { box, datedLines, datesOf, dayRow, flowsheet, grid, notesOf, ONE_VISIT, rulesOf, tbl, TWO_VISITS, twoParts } from './review-pages';
import { PageSession } from '../../lib/live/page-session';

// (The user's clock: 11/04/2026, a Wednesday, as in review-s49 and review-s49b.)
onPagesOf('2026-11-04T12:00:00');
afterEach(() => {
  document.title = '';
});


/** A table under `head`, headed `heads`, each row's first cell `first` (its own markup), the rest as `grid`'s. */
const headed = (head: string, heads: string[], rows: [string, ...string[]][]) =>
  `${head}<table><thead><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map(([first, ...r]) => `<tr>${first}${r.map((c) => `<td>${c.startsWith('=') ? box(c.slice(1)) : c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
const CHARGES = '<h1>Charges 11/02/2026</h1><p>Payer: Medicare Part B</p>';
/** The banner a chart draws as a div, no h1 and no "Patient:" fact (review-s49's Epic-like note). */
const BANNER = '<div class="banner">LEE, ANN · MRN 1001</div>';

// ---- 'account': a row's key only, never a visit's fact ----------------------------------------

describe("81a6d33: an account is a row's key only", () => {
  it('(mended) (regression) an accessible day sheet whose first column is a row header, <th scope="row">1001</th> under "Acct #": Ann\'s and Bob\'s lines two visits', () => {
    // detect.ts rowHeaderPatient takes a row header as the row's key only under a header whose
    // role is 'patient' or 'appointment': "Acct #" is now 'account', so the header cell is no
    // fact and the rows name no visit. Read: one visit "Charges 11/02/2026" of 97110 23/2 +
    // 97110 10/1, two patients' 33 minutes billed as one (units.over-billed). 58a9cdf ("Acct #"
    // a Patient key): "1001" and "1002", two visits. Biller: two patients, two visits. (A
    // role="grid" sheet whose account cell is role="rowheader": one visit at 58a9cdf as now.)
    const u = read(headed(CHARGES, ['Acct #', 'CPT', 'Min', 'Units'], [['<th scope="row">1001</th>', '97110', '=23', '=2'], ['<th scope="row">1002</th>', '97110', '=10', '=1']]));
    expect(linesOf(u)).toEqual([['97110 23/2'], ['97110 10/1']]);
  });

  it.fails('(regression) a charge-review queue of cards, each "Acct # 1001" / "Date of service 11/02/2026" (a <dl>) over its charges: two patients, two visits', () => {
    // The account is no fact of a visit now, so nothing tells the cards apart (sectionKeyFacts
    // asks the facts). Read: one visit "Charge review — 11/02/2026" of 97110 24/2 + 97140 10/1,
    // units.over-billed on both patients' minutes added together. 58a9cdf: two visits, each
    // card's account its patient. (So too cards of "<p>Account #: 1001</p>" under "Day Sheet
    // 11/02/2026". Cards naming the patient as well, "<strong>Ann Lee</strong> · Account #: 1001":
    // two visits, as at 58a9cdf.)
    const card = (acct: string, table: string) => `<div class="card"><dl><dt>Acct #</dt><dd>${acct}</dd><dt>Date of service</dt><dd>11/02/2026</dd></dl>${table}</div>`;
    const u = read(`<h1>Charge review — 11/02/2026</h1><p>Payer: Medicare Part B</p>${card('1001', tbl('97110', 24, 2))}${card('1002', tbl('97140', 10, 1))}`);
    expect(linesOf(u)).toEqual(TWO_VISITS);
  });

  it('(mended) (regression) "Patient | Acct #" with the patient a row group\'s header (<th scope="rowgroup" rowspan="2">Lee, Ann</th>) over her two lines: one visit', () => {
    // The second row has no Patient cell of its own, so its account is its key ("acct 1001"),
    // while the first row's key is the row group's "Lee, Ann": two keys, two visits. Read: "Lee,
    // Ann" 97110 24/2 and "acct 1001" 97140 10/1 (no patient tag), 3 units on 34 minutes not
    // flagged. 58a9cdf: one visit, units.over-billed. Biller: Ann's one visit.
    const u = read(headed(CHARGES, ['Patient', 'Acct #', 'CPT', 'Min', 'Units'], [['<th scope="rowgroup" rowspan="2">Lee, Ann</th><td>1001</td>', '97110', '=24', '=2'], ['<td>1001</td>', '97140', '=10', '=1']]));
    expect(linesOf(u)).toEqual(ONE_VISIT);
    expect(rulesOf(u)).toContain('units.over-billed');
  });

  it('(mended) (not fixed) "Patient | Acct #" with the patient\'s cell spanning her two lines (<td rowspan="2">Lee, Ann</td>): one visit', () => {
    // As above with a plain cell: the second row's own key is its account. Read: "Lee, Ann"
    // 97110 24/2 and "acct 1001" 97140 10/1, units.over-billed lost. 58a9cdf: "Lee, Ann" and
    // "1001", as wrongly. (So too one patient's account written "A-1001" by the registration and
    // "1001" in the box of a charge line added by hand: 97110 5/0 and 97110 5/1 two visits, a
    // false units.over-billed on the second, at 58a9cdf as now.)
    const u = read(headed(CHARGES, ['Patient', 'Acct #', 'CPT', 'Min', 'Units'], [['<td rowspan="2">Lee, Ann</td><td>1001</td>', '97110', '=24', '=2'], ['<td>1001</td>', '97140', '=10', '=1']]));
    expect(linesOf(u)).toEqual(ONE_VISIT);
  });

  it('(mended) (regression, live) a charge-entry sheet by account, the user typing "1002" into the blank Acct # box of the line added under patient 1001\'s: the panel splits the two patients', () => {
    // A blank account box gives its row no key (rowVisitKey: no patient, no Patient column, no
    // date), so the session, which asked again only rows that had a key, never saw the account
    // typed: the line stayed in 1001's visit (mended: a row that now has a key is news too). First read: one visit of 97110 23/2 + 97110 10/1
    // (right, a blank cell continues the row above). After: the same, units.over-billed on two
    // patients' 33 minutes. 58a9cdf (a blank Patient box is a key, ''): two visits after. (A
    // fresh read of the page after: two visits. An account <select> changed: two, both revisions.)
    document.body.innerHTML = grid(CHARGES, ['Acct #', 'CPT', 'Min', 'Units'], [['=1001', '97110', '=23', '=2'], ['=', '97110', '=10', '=1']]);
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    const first = held(sent).lines;
    const acct = document.querySelectorAll('tbody tr')[1]!.querySelector('input')!;
    acct.value = '1002';
    session.edit(acct);
    sent.push(session.flush());
    expect([first, held(sent).lines]).toEqual([[['97110 23/2', '97110 10/1']], [['97110 23/2'], ['97110 10/1']]]);
  });

  it('pins: "Acct # | Appointment" naming two siblings two visits; account boxes and a role="grid" sheet by account split; a blank account cell continues the row above; a note\'s charge lines all of account 1001 one visit', () => {
    // (58a9cdf: the siblings one visit, the family's account taken over the appointment's name.)
    const siblings = read(grid(CHARGES, ['Acct #', 'Appointment', 'CPT', 'Min', 'Units'], [['G-5001', '9:00 AM — Nguyen, Anh', '97110', '=23', '=2'], ['G-5001', '9:45 AM — Nguyen, Bao', '97110', '=10', '=1']]));
    expect(linesOf(siblings)).toEqual([['97110 23/2'], ['97110 10/1']]);
    expect(linesOf(read(grid(CHARGES, ['Acct #', 'CPT', 'Min', 'Units'], [['=1001', '97110', '=23', '=2'], ['=1002', '97110', '=10', '=1']])))).toEqual([['97110 23/2'], ['97110 10/1']]);
    const cell = (c: string) => `<div role="gridcell">${c.startsWith('=') ? box(c.slice(1)) : c}</div>`;
    const ariaGrid = `${CHARGES}<div role="grid"><div role="row">${['Acct #', 'CPT', 'Min', 'Units'].map((h) => `<div role="columnheader">${h}</div>`).join('')}</div>${[['1001', '97110', '=23', '=2'], ['1002', '97110', '=10', '=1']].map((r) => `<div role="row">${r.map(cell).join('')}</div>`).join('')}</div>`;
    expect(linesOf(read(ariaGrid))).toEqual([['97110 23/2'], ['97110 10/1']]);
    const blank = read(grid(CHARGES, ['Acct #', 'CPT', 'Min', 'Units'], [['1001', '97110', '=24', '=2'], ['', '97140', '=10', '=1'], ['1002', '97110', '=10', '=1']]));
    expect(linesOf(blank)).toEqual([['97110 24/2', '97140 10/1'], ['97110 10/1']]);
    const note = read(grid('<h1>Daily Note — Lee, Ann — 11/02/2026</h1><p>Payer: Medicare Part B</p>', ['CPT', 'Account', 'Min', 'Units'], [['97110', '1001', '=24', '=2'], ['97140', '1001', '=10', '=1']]));
    expect([linesOf(note), rulesOf(note).includes('units.over-billed')]).toEqual([ONE_VISIT, true]);
  });
});

// ---- listsVisits: the page's titles above its first row ----------------------------------------

describe("81a6d33: a page's titles, above its first row and outside its app's header", () => {
  it('(mended) (regression) a day sheet whose title is in its page header inside <main> (<main><header class="page-header"><h1>Day Sheet 11/02/2026</h1></header>): "Lee, A." and "Ray, B." two visits', () => {
    // NOT_THE_PAGES asks h.closest('header'): a <header> inside <main> or <article> is the
    // page's (or the article's) own header, not the app's banner (a <header> is a banner only
    // outside main, article, aside, nav and section: HTML-AAM). Read: one visit "Lee, A." of both patients' lines,
    // units.over-billed. 58a9cdf (the first four h1/h2 wherever they are): two visits. (So too
    // <article><header><h1>Visits 11/02/2026</h1>, and a title drawn after the rows in the
    // DOM, a layout placing its title bar with CSS.)
    expect(linesOf(read(twoParts('<header class="app"><span>Clinic EHR</span></header><main><header class="page-header"><h1>Day Sheet 11/02/2026</h1></header>', 'Lee, A.', 'Ray, B.') + '</main>'))).toEqual(TWO_VISITS);
  });

  it('(mended) (regression) a day sheet whose title holds its day pager ("Day Sheet « Previous day · Next day »"): two visits', () => {
    // NOT_A_LIST's "previous" and "next" (meant for "Upcoming appointments", "Next visits") are
    // asked of the title's whole text, the pager's links with it: the only list title is
    // refused. Read: one visit "Lee, A." of both patients' lines, units.over-billed. 58a9cdf:
    // two visits. (So too "<button>Previous</button> Schedule — 11/02/2026 <button>Next</button>".)
    const u = read(twoParts('<h1>Day Sheet <span class="pager"><a href="#">« Previous day</a> · <a href="#">Next day »</a></span></h1><p>Date of service: 11/02/2026</p>', 'Lee, A.', 'Ray, B.'));
    expect(linesOf(u)).toEqual(TWO_VISITS);
  });

  it('(mended) (regression) one patient\'s note (banner div, "Daily Note 11/02/2026") with a "Plan of care: visits 6 of 12" h2 above its co-treatment parts "Kim, J." and "Park, S.": one visit', () => {
    // ONE_PATIENTS_PLAN ("plan", "treatment", "home", "program") is gone: the plan of care's
    // visit count is a list title. Read: two visits "Kim, J." 97110 24/2 and "Park, S." 97140
    // 10/1, units.over-billed lost. 58a9cdf: one visit, units.over-billed. (So too an h2
    // "Treatment schedule" over "2x/week for 6 weeks", and "Home program schedule".) Biller:
    // Ann's one visit, 3 units on 34 minutes flagged.
    const u = read(twoParts(`${BANNER}<h1>Daily Note 11/02/2026</h1><h2>Plan of care: visits 6 of 12</h2>`, 'Kim, J.', 'Park, S.'));
    expect(linesOf(u)).toEqual(ONE_VISIT);
    expect(rulesOf(u)).toContain('units.over-billed');
  });

  it('(mended) (regression) a chart\'s "Encounters" section (h2) holding the note, the tab titled "Ann Lee | Daily Note 11/02/2026 | Clinic EHR": the clinicians\' parts one visit', () => {
    // The tab's title now counts only by a part holding a comma (a surname-first name): "Ann
    // Lee" names no one, and the chart's "Encounters" h2 says the page lists visits. Read: two
    // visits "Kim, J." and "Park, S.", units.over-billed lost. 58a9cdf (the tab's title named
    // her): one visit. (So too "LEE ANN | Encounter 11/02/2026". Without a tab title both
    // revisions split it, not fixed; "Lee, Ann | Encounter 11/02/2026": one visit, pinned below.)
    document.title = 'Ann Lee | Daily Note 11/02/2026 | Clinic EHR';
    const u = read(twoParts(`${BANNER}<h2>Encounters</h2><h1>Daily Note 11/02/2026</h1>`, 'Kim, J.', 'Park, S.'));
    expect(linesOf(u)).toEqual(ONE_VISIT);
  });

  it('pins: a "Patients" h2 in the app\'s menu (role="menu") over a note; a "Visit Note" h1; a surname-first tab title: one visit', () => {
    // (58a9cdf: the menu's "Patients" split the note, two visits.)
    expect(linesOf(read(twoParts(`<div role="menu"><h2>Patients</h2></div><h1>Daily Note 11/02/2026</h1>${BANNER}`, 'Kim, J.', 'Park, S.')))).toEqual(ONE_VISIT);
    expect(linesOf(read(twoParts(`${BANNER}<h1>Visit Note 11/02/2026</h1>`, 'Kim, J.', 'Park, S.')))).toEqual(ONE_VISIT);
    document.title = 'Lee, Ann | Encounter 11/02/2026';
    expect(linesOf(read(twoParts(`${BANNER}<h2>Encounters</h2>`, 'Kim, J.', 'Park, S.')))).toEqual(ONE_VISIT);
  });
});

// ---- header dates: commas, dotted weekdays, "Visit N (M/D)", "Progress report date" ---------

const daySheet = (rows: string, head: string) =>
  `${head}<table><thead><tr><th>Date</th><th>Patient</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;

describe("81a6d33: a heading's parts at commas, dotted weekdays, visit counts, progress report dates", () => {
  it('(mended) (regression) a weekly log headed "Lee, Ann · Start of care: Monday, February 23, 2026" over days written "11/02", "11/03": no day dated a year back', () => {
    // The comma after the weekday now parts "Start of care: Monday" from "February 23, 2026":
    // the date's part says no other kind of date, so it gives the year (yearHints), and 11/02
    // within 120 days of it is 2025-11-02. Read: 2025-11-02 and 2025-11-03, nothing said.
    // 58a9cdf: both undated, "Date of service '11/02' is not a date." (said). Biller: this
    // week's visits, or none dated and said; never last year's. (So too "Surgery: Tuesday,
    // December 15, 2025": 2025; and a log reprinted for an audit, "Printed: Friday, 11/05/2027":
    // 2027-11-02, a year ahead.)
    for (const h2 of ['Lee, Ann · Start of care: Monday, February 23, 2026', 'Lee, Ann · Printed: Friday, 11/05/2027']) {
      const u = read(daySheet(dayRow('11/02', 'Ann Lee', '97110') + dayRow('11/03', 'Ann Lee', '97112'), `<h1>Weekly therapy log</h1><h2>${h2}</h2><p>Payer: Medicare Part B</p>`));
      expect(datesOf(u).filter((d) => d && !d.startsWith('2026-11')), h2).toEqual([]);
    }
  });

  it('(mended) (regression) a treatment log of 11/04/2026 whose second session is written by weekday and clock ("Wed 9.30" under "Date/Time"): not dated 09/30', () => {
    // The dotted-weekday rule reads "Wed 9.30" as 9/30 because 2026-09-30 is a Wednesday too (as
    // 11/04 is: one weekday in seven fits by chance). Read: a visit 97140 8/1 dated 2026-09-30,
    // five weeks back, nothing said. 58a9cdf: kept apart, undated, "'Wed 9.30' is not a date: it
    // may be a time (9:30) or a day (9/30)." Biller: a time on 11/04 (Ann's day), or said.
    const u = read(grid('<h1>Treatment log — Lee, Ann — 11/04/2026</h1><p>Payer: Medicare Part B</p>', ['Date/Time', 'CPT', 'Min', 'Units'], [['11/04/2026', '97110', '=10', '=1'], ['Wed 9.30', '97140', '=8', '=1']]));
    expect(datesOf(u)).not.toContain('2026-09-30');
  });

  // (Mend: the bracketed day after a visit's number, df45ab8's, is taken out whole: one header
  // cannot tell "Visit 4 (4/20)", the 4th of 20 authorised, from a day. This page is read as at
  // 7996d8f, before the s49 round: the printed 25, undated and said. Left, not fixed.)
  it.fails('(regression, then left as at 7996d8f) a flowsheet of "Visit 10 (10/30) | Visit 11 (11/04)", the 10th visit on 10/30 and the 11th today: 18 minutes of 11/04', () => {
    // columnDay refuses a bracketed day starting with the visit's number ("Visit 4 (4/20)", 4 of
    // 20): "Visit 10 (10/30)" and "Visit 11 (11/04)" both, as in October to December any visit
    // numbered as its month. No column is dated, and the printed column is read. Read: 97110
    // 25/- undated (10/30's minutes), dos.missing. 58a9cdf: 97110 18/- dated 2026-11-04 ("taken
    // from the column its minutes were read from"). ("Visit 11 (11/02) | Visit 12 (11/04)":
    // 11/04, pinned below; "Visit 11 (11/04/2026)" with its year: 11/04.)
    const u = read(flowsheet('<tr><th>Intervention</th><th>Visit 10 (10/30)</th><th>Visit 11 (11/04)</th></tr>', [['97110 Ther Ex (min)', '25', '=18']]));
    expect(datedLines(u)).toEqual([['2026-11-04', ['97110 18/-']]]);
  });

  it('(mended) (regression) a daily note dated by its heading ("Daily Note — Lee, Ann — 11/02/2026") whose Medicare box says "Progress report date: 10/12/2026": dated 11/02', () => {
    // The note shows when its last progress report was written (one is due every 10 visits):
    // "Progress report date" is now a date of service, and outranks the heading's. Read: dated
    // 2026-10-12, nothing said. 58a9cdf: 2026-11-02. (So too above "Date of service:
    // 11/02/2026": 2026-10-12; below it: 11/02, the first fact winning. Two dates of service
    // that differ are not said either way.)
    const u = read(`<h1>Daily Note — Lee, Ann — 11/02/2026</h1><p>Visits since progress report: 6</p><p>Progress report date: 10/12/2026</p><p>Payer: Medicare Part B</p>${tbl('97110', 24, 2)}`);
    expect(datesOf(u)).toEqual(['2026-11-02']);
  });

  it('pins: "Week of Nov 2, 2026, Lee, Ann" dates the week\'s days', () => {
    const week = read(daySheet(dayRow('11/02', 'Ann Lee', '97110') + dayRow('11/03', 'Ann Lee', '97112'), '<h1>Weekly therapy log</h1><h2>Week of Nov 2, 2026, Lee, Ann</h2><p>Payer: Medicare Part B</p>'));
    expect([datesOf(week), notesOf(week)]).toEqual([['2026-11-02', '2026-11-03'], []]);
  });

  it.fails('(left, as at 7996d8f) "Visit 11 (11/02) | Visit 12 (11/04)" dates 11/04 (see above: the bracketed day taken out)', () => {
    const twelfth = read(flowsheet('<tr><th>Intervention</th><th>Visit 11 (11/02)</th><th>Visit 12 (11/04)</th></tr>', [['97110 Ther Ex (min)', '25', '=18']]));
    expect(datedLines(twelfth)).toEqual([['2026-11-04', ['97110 18/-']]]);
  });
});
