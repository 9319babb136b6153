// @vitest-environment happy-dom
// A visit's table under a part's heading ("Charges", "Billing", "9:00 AM") right below its day's
// heading is that day's (from a red-team pass: a week's visits, each with the same inner
// heading, were one visit, the earlier day's 23 minutes and 2 units added to today's 10 and 1,
// "3 units entered, 33 minutes support 2": a unit cut that was rightly billed).
import { describe, expect, it } from 'vitest';
import { input, readPage as read, visitsOf } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';

const BAN = '<div class="banner">Patient: Lee, Ann · MRN 1001 · DOS: 11/06/2026</div><p>Payer: Medicare Part B</p>';
const HEAD = '<thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead>';
const printed = `<table>${HEAD}<tbody><tr><td>97110</td><td>23</td><td>2</td></tr></tbody></table>`;
const typed = `<table>${HEAD}<tbody><tr><td>${input('97110')}</td><td>${input(10)}</td><td>${input(1)}</td></tr></tbody></table>`;
const listed = (html: string) => {
  const u = read(html);
  const today = u.visits.find((v) => !u.list!.find((l) => l.key === v.key)!.history)!;
  return { list: u.list!.map((l) => [l.label, l.history, l.entries]), today: evaluate(today.visit).findings.map((f) => f.rule) };
};

describe('a week’s visits, each with the same inner heading', () => {
  it.each([
    ['in articles', `<article><h2>Visit 11/04/2026</h2><h3>Charges</h3>${printed}</article><article><h2>Visit 11/06/2026</h2><h3>Charges</h3>${typed}</article>`, ['Visit 11/04/2026', 'Visit 11/06/2026']],
    ['in cards with a title box', `<div class="card"><div class="card-header">Visit — 11/04/2026</div><h4>Charges</h4>${printed}</div><div class="card"><div class="card-header">Visit — 11/06/2026</div><h4>Charges</h4>${typed}</div>`, ['Visit — 11/04/2026', 'Visit — 11/06/2026']],
    ['in <details>', `<details><summary>11/04/2026 — Daily note (signed)</summary><h4>Billing</h4>${printed}</details><details open><summary>11/06/2026 — Daily note</summary><h4>Billing</h4>${typed}</details>`, ['11/04/2026 — Daily note (signed)', '11/06/2026 — Daily note']],
    ['flat, a part under each date', `<h2>11/04/2026</h2><h3>Charges</h3>${printed}<h2>11/06/2026</h2><h3>Charges</h3>${typed}`, ['11/04/2026', '11/06/2026']],
  ])('%s: the earlier day listed as history, today 10 minutes and 1 unit, not over-billed', (_, body, labels) => {
    const got = listed(BAN + body);
    expect(got.list).toEqual([[labels[0], true, 1], [labels[1], false, 1]]);
    expect(got.today).not.toContain('units.over-billed');
  });

  it('two typed days in articles: two visits, each dated by its heading', () => {
    const u = read(`<p>Patient: Lee, Ann</p><p>Payer: Medicare Part B</p><article><h2>Visit 11/04/2026</h2><h3>Charges</h3>${typed}</article><article><h2>Visit 11/06/2026</h2><h3>Charges</h3>${typed}</article>`);
    expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97110 10'], '2026-11-04'], [['97110 10'], '2026-11-06']]);
  });
});

describe('one visit’s parts under its heading, as before', () => {
  it('a note’s "Charges" and "Untimed" under its dated heading: one visit named by it', () => {
    const got = listed(`${BAN}<h2>Daily note 11/06/2026</h2><h3>Charges</h3>${typed}<h3>Untimed</h3><table>${HEAD}<tbody><tr><td>${input('97010')}</td><td>${input(10)}</td><td>${input(1)}</td></tr></tbody></table>`);
    expect(got.list).toEqual([['Daily note 11/06/2026', false, 2]]);
  });

  it('AM and PM sessions under the note’s title with a payer line between: two sessions, named by their own headings', () => {
    const u = read(`<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><h2>AM session 9:00</h2>${typed}<h2>PM session 2:00</h2>${typed}`);
    expect(visitsOf(u).map((v) => [v.label, v.date])).toEqual([['AM session 9:00', '2026-11-02'], ['PM session 2:00', '2026-11-02']]);
  });

  // (From a review: the heading above must name the visit's day, and the day alone tells visits apart.)
  it('two sections of one note each repeating its date ("Daily note — 11/06" over "Exercises", "Billing — DOS 11/06" over "Charges"): one visit, over-billed', () => {
    const u = read(`${BAN}<h2>Daily note — 11/06/2026</h2><h3>Exercises</h3>${typed}<h2>Billing — DOS 11/06/2026</h2><h3>Charges</h3>${typed}`);
    expect(u.list!.map((l) => [l.history, l.entries])).toEqual([[false, 2]]);
    expect(evaluate(u.visits[0]!.visit).findings.map((f) => f.rule)).toContain('units.over-billed');
  });

  it('an undated "Flowsheet" then "Billing — 11/06/2026" over "Timed codes": one visit', () => {
    expect(listed(`${BAN}<h2>Flowsheet</h2>${typed}<h2>Billing — 11/06/2026</h2><h3>Timed codes</h3>${typed}`).list.map((l) => l.slice(1))).toEqual([[false, 2]]);
  });

  it('AM and PM sessions right under the day’s heading: both dated, the day’s units pooled (units.same-day)', () => {
    const u = read(`<div class="banner">Patient: Lee, Ann · MRN 1001</div><p>Payer: Medicare Part B</p><h2>Daily note — 11/06/2026</h2><h3>AM session 9:00</h3>${typed}<h3>PM session 2:00</h3>${typed}`);
    expect(visitsOf(u).map((v) => [v.label, v.date])).toEqual([['AM session 9:00', '2026-11-06'], ['PM session 2:00', '2026-11-06']]);
    expect(u.visits.flatMap((v) => evaluate(v.visit).findings.map((f) => f.rule))).toContain('units.same-day');
  });

  it.each([['Last visit 11/04/2026'], ['Episode of care 10/01/2026'], ['Certification period 10/01/2026 – 12/30/2026']])('"%s" over today’s "Charges" does not name today’s visit', (above) => {
    expect(listed(`${BAN}<h2>${above}</h2><h3>Charges</h3>${typed}`).list[0]![0]).toBe('Charges');
  });
});
