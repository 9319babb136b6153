// @vitest-environment happy-dom
// The chart's patient is the one the user sees in it: not a line the page keeps hidden (a chart
// opened before, kept by a single-page app) nor a schedule's in a side bar (from a red-team pass:
// both named the visit's patient over the chart's own banner).
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { OPTIONS, line, table } from './read-page';
import { patientTag } from '../../lib/extract/read';

const ANN = patientTag('ann lee');
const BOB = patientTag('bob ray');
const NOTE = `<p>Payer: Medicare Part B</p><h2>Daily note 11/02/2026</h2>${table(`<tr>${line('97110', 10, 1)}</tr>`)}`;
/**
 * Each visit's patient tag, read as the content script reads: with the browser's own visibility
 * test (`checkVisibility`; happy-dom's does not apply the `hidden` attribute's style, which a
 * browser does, so that is asked too).
 */
const shown = (el: Element) => el.checkVisibility() && !el.closest('[hidden]');
const patients = (html: string) => {
  document.body.innerHTML = html;
  return new PageSession(document, () => ({ ...OPTIONS, shown })).flush()!.visits.map((v) => v.visit.patientTag);
};

describe('two "Patient:" lines on the page', () => {
  it.each([
    ['kept hidden (display: none) above the chart’s banner', '<div style="display:none"><div class="banner">Patient: Ray, Bob</div></div><div class="banner">Patient: Lee, Ann · DOS 11/02/2026</div>'],
    ['kept hidden by the hidden attribute', '<div hidden><div class="banner">Patient: Ray, Bob · MRN 100</div></div><div class="banner">Patient: Lee, Ann · MRN 1001</div>'],
    ['hidden below the banner', '<div class="banner">Patient: Lee, Ann · MRN 1001</div><div style="display:none">Patient: Ray, Bob</div>'],
    ['in a schedule side bar before the banner', '<aside><h3>Today</h3><ul><li>Patient: Ray, Bob — 9:00</li><li>Patient: Lee, Ann — 9:45</li></ul></aside><div class="banner">Patient: Lee, Ann · MRN 1001</div>'],
    ['in the page’s navigation', '<nav><a href="#">Patient: Ray, Bob</a></nav><div class="banner">Patient: Lee, Ann · MRN 1001</div>'],
  ])('one %s: the visit is the one in view, Ann’s', (_, top) => {
    expect(patients(top + NOTE)).toEqual([ANN]);
  });

  // From a review: a side bar holding her own details is her chart's summary, not a schedule.
  it('her summary in a side bar, the main area naming another payer line: her payer stands', () => {
    document.body.innerHTML = `<aside><p>Patient: Lee, Ann</p><p>Payer: Medicare Part B</p></aside><main><p>Insurance: BCBS (secondary)</p><h2>Daily note 11/02/2026</h2>${table(`<tr>${line('97110', 23, 2)}</tr>`)}</main>`;
    expect(new PageSession(document, () => ({ ...OPTIONS, shown })).flush()!.visits.map((v) => v.visit.payer)).toEqual(['Medicare Part B']);
  });
  it.each(['Member ID: XQ123456', 'MRN: 1001', 'Patient ID: 55521'])('her name in a side bar, "%s" in the main area: tagged by her name', (id) => {
    expect(patients(`<aside><p>Patient: Lee, Ann</p></aside><main><p>Payer: Medicare Part B</p><p>${id}</p><h2>Daily note 11/02/2026</h2>${table(`<tr>${line('97110', 23, 2)}</tr>`)}</main>`)).toEqual([ANN]);
  });

  it('unchanged: the only "Patient:" line, hidden, still names her (a collapsed banner)', () => {
    expect(patients('<div hidden>Patient: Lee, Ann · MRN 1001</div>' + NOTE)).toEqual([ANN]);
  });

  it('unchanged: two visits, each under its own patient line, one of them collapsed: each its own', () => {
    const visit = (who: string, hidden: boolean) => `<section${hidden ? ' hidden' : ''}><p>Patient: ${who} · MRN 1</p><h2>Daily note 11/02/2026</h2>${table(`<tr>${line('97110', 10, 1)}</tr>`)}</section>`;
    expect(patients(`<p>Payer: Medicare Part B</p>${visit('Lee, Ann', false)}${visit('Ray, Bob', true)}`)).toEqual([ANN, BOB]);
  });
});

describe("a visit's label", () => {
  // From a review: aria-hidden hides from screen readers only; what it marks is on screen.
  it('keeps a part marked aria-hidden (shown, read aloud otherwise): the date in "Visit <span aria-hidden>11/02/2026</span>" is the visit’s', () => {
    const visit = (d: string, spoken: string) => `<h2>Visit <span aria-hidden="true">${d}</span><span class="sr-only">${spoken}</span></h2>${table(`<tr>${line('97110', 10, 1)}</tr>`)}`;
    document.body.innerHTML = `<div class="banner">Patient: Lee, Ann · MRN 1001</div><p>Payer: Medicare Part B</p>${visit('11/02/2026', 'November 2nd')}${visit('11/04/2026', 'November 4th')}`;
    const u = new PageSession(document, () => ({ ...OPTIONS, shown })).flush()!;
    expect(u.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-11-02', '2026-11-04']);
  });

  it.each([
    ['the hidden attribute', '<span hidden>Ray, Bob</span>'],
    ['an inline display: none', '<span style="display: none">Ray, Bob</span>'],
  ])('leaves out a part of its heading hidden by %s: the panel does not name another patient', (_, part) => {
    document.body.innerHTML = `<div class="banner">Patient: Lee, Ann · MRN 1001</div>${NOTE.replace('<h2>Daily note 11/02/2026</h2>', `<h2>Daily note 11/02/2026 ${part}</h2>`)}`;
    const u = new PageSession(document, () => ({ ...OPTIONS, shown })).flush()!;
    expect(u.list!.map((l) => l.label)).toEqual(['Daily note 11/02/2026']);
    expect(u.visits.map((v) => v.visit.patientTag)).toEqual([ANN]);
  });
});
