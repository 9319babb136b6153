// @vitest-environment happy-dom
// A chart's earlier visits above today's note, both in one box (<main>, an app's root <div>):
// today's note starts where a heading of the history's rank that says no history stands, or
// where its own box opens with one (visits.ts historyEnded). Found by the generated pages
// (test/generated): 41 of 47 chart pages in a wrapper had today's minutes billed with the earlier
// visit's lines, on its day.
import { describe, expect, it } from 'vitest';
import { checked, historyLabels, read, T } from './vendor-pages';

const OLD = T(['Date', 'CPT', 'Minutes'], [['10/26/2026', '97535', '16']]);
const TODAY = T(['CPT', 'Minutes'], [['=97110', '=9']]);
const reading = (html: string) => {
  const u = read(html);
  return { today: checked(u).map((v) => [v.date ?? null, v.lines]), history: historyLabels(u) };
};
const RIGHT = { today: [['2026-11-04', ['97110 9/-']]], history: ['Previous visits'] };

describe('today\'s note after "Previous visits" in one box', () => {
  it('in <main>, its heading a sibling ("Daily note — 11/04/2026", or "Daily note" over "Date of service:"): today\'s 9 minutes on 11/04, the 10/26 line history', () => {
    // (Before: one visit "Previous visits" of 97535 16 and 97110 9, dated 10/26, no history.)
    expect(reading(`<main><h2>Previous visits</h2>${OLD}<h2>Daily note — 11/04/2026</h2>${TODAY}</main>`)).toEqual(RIGHT);
    expect(reading(`<div id="root"><h2>Previous visits</h2>${OLD}<h2>Daily note</h2><p>Date of service: 11/04/2026</p>${TODAY}</div>`)).toEqual(RIGHT);
  });

  it('the note in a box of its own (<section>, <div>) opening with its heading', () => {
    // (Before: "Previous visits" checked as a visit to bill beside today's.)
    expect(reading(`<main><h2>Previous visits</h2>${OLD}<section><h2>Daily note — 11/04/2026</h2>${TODAY}</section></main>`)).toEqual(RIGHT);
    expect(reading(`<main><h2>Previous visits</h2><div>${OLD}</div><div class="note"><h2>Daily note — 11/04/2026</h2><div>${TODAY}</div></div></main>`)).toEqual(RIGHT);
  });

  it('the earlier visits under their own dated headings (h3 under the h2, or h2 like it): each history, today checked', () => {
    const printed = (code: string) => T(['CPT', 'Minutes'], [[code, '16']]);
    expect(reading(`<main><h2>Previous visits</h2><h3>10/26/2026</h3>${printed('97535')}<h3>10/28/2026</h3>${printed('97110')}<h2>Daily note — 11/04/2026</h2>${TODAY}</main>`)).toEqual({ today: RIGHT.today, history: ['10/26/2026', '10/28/2026'] });
    expect(reading(`<main><h2>Previous visits</h2><h2>10/26/2026</h2>${printed('97535')}<h2>Daily note — 11/04/2026</h2>${TODAY}</main>`)).toEqual({ today: RIGHT.today, history: ['10/26/2026'] });
  });

  it('pins: a heading of a lower rank inside the history ("<h3>Daily note</h3>" under "<h2>Previous visits</h2>", printed) stays history; so does a printed table after a heading of its rank', () => {
    const u = reading(`<main><h2>Previous visits</h2><h3>Daily note</h3>${OLD}<h2>Daily note — 11/04/2026</h2>${TODAY}</main>`);
    expect(u.today).toEqual(RIGHT.today);
    expect(u.history.length).toBe(1);
    // (A printed table after a heading of the history's rank, before today's: history, as before.)
    expect(reading(`<main><h2>Previous visits</h2>${OLD}<h2>Signed note 10/30/2026</h2>${T(['CPT', 'Minutes'], [['97110', '9']])}<h2>Daily note — 11/04/2026</h2>${TODAY}</main>`)).toEqual({ today: RIGHT.today, history: ['Previous visits', 'Signed note 10/30/2026'] });
  });
});

describe('today\'s heading in a header bar above its note (review s50)', () => {
  it.fails('(not fixed: header bars reverted after review s51c) "<div class=note-header><h2>Daily note — 11/04/2026</h2><button>Sign</button></div><div class=note-body>", or a <header>: today checked, the 10/26 line history', () => {
    // (Before: two visits checked, "Previous visits" 10/26 (97535 16) and today's 97110 9.)
    expect(reading(`<main><h2>Previous visits</h2>${OLD}<div class="note-header"><h2>Daily note — 11/04/2026</h2><button>Sign</button></div><div class="note-body">${TODAY}</div></main>`)).toEqual(RIGHT);
    expect(reading(`<main><h2>Previous visits</h2>${OLD}<header><h2>Daily note — 11/04/2026</h2></header><div>${TODAY}</div></main>`)).toEqual(RIGHT);
  });

  it('pin: a bar whose heading is of a lower rank (an earlier visit\'s "<h3>10/28/2026</h3>" and its Print button, its boxes shown disabled) stays in the history', () => {
    const disabled = `<fieldset disabled>${T(['CPT', 'Minutes'], [['=97535', '=16']])}</fieldset>`;
    const u = reading(`<main><h2>Previous visits</h2>${OLD}<div class="visit-header"><h3>10/28/2026</h3><button>Print</button></div>${disabled}<h2>Daily note — 11/04/2026</h2>${TODAY}</main>`);
    expect(u.today).toEqual(RIGHT.today);
    expect(u.history.length).toBe(2);
  });

  it('titles drawn as <div>s of one kind ("<div class=section-title>Previous visits</div>" … "<div class=section-title>Daily note — 11/04/2026</div>"): today checked, the 10/26 line history', () => {
    // (Before: "Previous visits" checked with both lines, no history.)
    const title = (text: string) => `<div class="section-title">${text}</div>`;
    expect(reading(`<main>${title('Previous visits')}${OLD}${title('Daily note — 11/04/2026')}${TODAY}</main>`)).toEqual(RIGHT);
    expect(reading(`<main>${title('Previous visits')}${OLD}<section>${title('Daily note — 11/04/2026')}${TODAY}</section></main>`)).toEqual(RIGHT);
  });

  it('pin: a title of another kind under a <div> title ("<div class=visit-title>10/28/2026</div>" under "<div class=section-title>Previous visits</div>", boxes shown disabled) stays in the history', () => {
    const disabled = `<fieldset disabled>${T(['CPT', 'Minutes'], [['=97535', '=16']])}</fieldset>`;
    const u = reading(`<main><div class="section-title">Previous visits</div>${OLD}<div class="visit-title">10/28/2026</div>${disabled}<div class="section-title">Daily note — 11/04/2026</div>${TODAY}</main>`);
    expect(u.today).toEqual(RIGHT.today);
    expect(u.history.length).toBe(2);
  });
});
