// @vitest-environment happy-dom
// A read-only table of earlier care, named as EHRs name it, is listed as history and never added
// to today's visit (from a red-team pass: each of these added it, 83 minutes billed as today's 20).
import { describe, expect, it } from 'vitest';
import { input, line, readPage as read, table } from './read-page';

const BANNER = '<div class="banner">Patient: Lee, Ann · MRN 1001</div><p>Payer: Medicare Part B</p>';
const TODAY = `<h2>Daily note — 11/06/2026</h2>${table(`<tr>${line('97110', 10, 1)}</tr><tr>${line('97140', 10, 1)}</tr>`)}`;
/** Earlier care as printed: 97110 23 min 2 units, 97140 40 min 3 units. */
const EARLIER = `<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td>23</td><td>2</td></tr><tr><td>97140</td><td>40</td><td>3</td></tr></tbody></table>`;
/** Today's visit and the rest, as listed: [history, lines] each, and today's minutes. */
const listed = (html: string) => {
  const u = read(html);
  const today = u.visits.find((v) => !u.list!.find((l) => l.key === v.key)!.history)!;
  return { list: u.list!.map((l) => [l.history, l.entries]), minutes: today.visit.entries.reduce((n, e) => n + (e.minutes ?? 0), 0) };
};
const card = (title: string, body: string, cls = 'card-header') => `<div class="card"><div class="${cls}">${title}</div><div class="card-body">${body}</div></div>`;

describe('earlier care named by its box, not a heading', () => {
  it.each([
    ['<section aria-label="Previous visits">', `<section aria-label="Previous visits">${EARLIER}</section>`],
    ['a tab panel labelled by its "History" tab (hidden until chosen)', `<div role="tablist"><button role="tab" id="t1">Today</button><button role="tab" id="t2">History</button></div><div role="tabpanel" aria-labelledby="t2" hidden>${EARLIER}</div>`],
    ['a card titled by <div class="card-title">', card('Previous visits', EARLIER, 'card-title')],
    ['a card headed by <div class="card-header">', card('Visit history', EARLIER)],
  ])('%s: listed as history, today keeps its 2 lines and 20 minutes', (_, earlier) => {
    expect(listed(BANNER + TODAY + earlier)).toEqual({ list: [[false, 2], [true, 2]], minutes: 20 });
  });

  it("today's visit in a card too: the same", () => {
    expect(listed(BANNER + card('Daily note — 11/06/2026', table(`<tr>${line('97110', 10, 1)}</tr><tr>${line('97140', 10, 1)}</tr>`)) + card('Visit history', EARLIER))).toEqual({ list: [[false, 2], [true, 2]], minutes: 20 });
  });
});

describe('earlier care under headings of other words', () => {
  it.each(['Previous', 'Prior', 'Prior charges', 'Previously billed', 'Last billed', 'Yesterday', "Yesterday's visits", 'Before today', 'Past 30 days', 'Recent treatment', 'Previous day sheet'])('"%s": listed as history, today keeps its 20 minutes', (heading) => {
    expect(listed(`${BANNER}${TODAY}<h2>${heading}</h2>${EARLIER}`)).toEqual({ list: [[false, 2], [true, 2]], minutes: 20 });
  });

  // Over lines being typed, only the words that always meant history do (from a review: each of
  // these turned today's second table into history, its lines left unchecked).
  it.each(['Prior level of function', 'Recent falls', 'Charges not previously billed', 'Not yet billed (already billed lines hidden)', 'Re-assessment — past 2 weeks', 'Recent treatment changes', 'Prior', 'Yesterday', 'Late charges for past DOS'])(
    'not "%s" over a second table of today’s note typed in: one visit of 4 lines',
    (heading) => {
      const more = table(`<tr>${line('97112', 10, 1)}</tr><tr><td>97530</td><td>${input(8)}</td><td>${input(1)}</td></tr>`);
      // (Checked as today's, in one visit or two: never listed as history.)
      const { list } = listed(`${BANNER}${TODAY}<h2>${heading}</h2>${more}`);
      expect(list.filter(([history]) => history)).toEqual([]);
      expect(list.reduce((n, [, lines]) => n + Number(lines), 0)).toBe(4);
    },
  );

  it('not a card titled "Prior" over today’s second table typed in', () => {
    const more = table(`<tr>${line('97112', 10, 1)}</tr><tr><td>97530</td><td>${input(8)}</td><td>${input(1)}</td></tr>`);
    expect(listed(`${BANNER}${TODAY}${card('Prior', more)}`).list).toEqual([[false, 4]]);
  });
});

describe('visits in cards headed by a <div>', () => {
  // From a review: a title that names no visit's day is a part's, not a visit's.
  it.each([
    ['"Printed 11/09/2026" on each printed page', (body: string, n: number) => `<div class="page"><div class="print-header">Printed 11/09/2026${n ? ' page 2' : ''}</div>${body}</div>`],
    ['"Charges" and "Signed 11/07/2026"', (body: string, n: number) => card(n ? 'Signed 11/07/2026' : 'Charges', body)],
    ['"Therapeutic exercise" and "Manual therapy"', (body: string, n: number) => card(n ? 'Manual therapy' : 'Therapeutic exercise', body)],
  ])('one note’s tables under %s: one visit, dated by its heading, labelled by it', (_, part) => {
    const html = `${BANNER}<h2>Daily note 11/06/2026</h2>${part(table(`<tr>${line('97110', 8, 1)}</tr>`), 0)}${part(table(`<tr>${line('97140', 8, 1)}</tr>`), 1)}`;
    const u = read(html);
    expect(u.visits.map((v) => [v.visit.entries.length, v.visit.dateOfService])).toEqual([[2, '2026-11-06']]);
    expect(u.list!.map((l) => l.label)).toEqual(['Daily note 11/06/2026']);
  });

  it('a week of visits, "Visit — 11/02/2026" and "Visit — 11/04/2026": two visits, each dated, not one undated visit of both days', () => {
    const u = read(BANNER + card('Visit — 11/02/2026', table(`<tr>${line('97110', 10, 1)}</tr>`)) + card('Visit — 11/04/2026', table(`<tr>${line('97110', 10, 1)}</tr>`)));
    expect(u.visits.map((v) => [v.visit.entries.length, v.visit.dateOfService])).toEqual([[1, '2026-11-02'], [1, '2026-11-04']]);
    expect(u.list!.map((l) => l.label)).toEqual(['Visit — 11/02/2026', 'Visit — 11/04/2026']);
  });
});
