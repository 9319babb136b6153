// @vitest-environment happy-dom
// A date the page gives only by where a visit's lines are (from the red-team pass: each visit
// below had no date of service, so it was checked by the rules in force today and its claim had
// no date): a week flowsheet's column per day, today's typed in; several days' sessions under
// their days' headings.
import { describe, expect, it } from 'vitest';
import { readPage as read } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';

const P = '<p>Payer: Medicare Part B</p>';
const BANNER = '<div class="banner">Patient: Lee, Ann · MRN 1001</div>' + P;
const I = (v: string | number) => `<input value="${v}">`;
const T = (rows: string[][], head = ['CPT', 'Minutes', 'Units']) =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
const typed = (...r: [string, number, number][]) => T(r.map(([c, m, u]) => [I(c), I(m), I(u)]));
const visits = (html: string) => read(html).visits.map((v) => ({ dos: v.visit.dateOfService, minutes: v.visit.entries.map((e) => e.minutes), notes: v.notes, visit: v.visit }));

describe('a week flowsheet: the day of the column read', () => {
  const week = (head: string[], cells: (m: number) => string[]) => T([['97110 Ther ex (min)', ...cells(10)], ['97140 Manual (min)', ...cells(10)]], ['Intervention', ...head]);

  it('today\'s column typed in under "11/06/2026", 11/04 printed beside it: the visit is 11/06, said', () => {
    const [v] = visits(BANNER + '<h2>Flowsheet</h2>' + week(['11/04/2026', '11/06/2026'], (m) => ['23', I(m)]));
    expect(v!.dos).toBe('2026-11-06');
    expect(v!.minutes).toEqual([10, 10]);
    expect(v!.notes).toContain('Date of service 2026-11-06 taken from the column its minutes were read from ("11/06/2026").');
    expect(evaluate(v!.visit).findings.map((f) => f.rule)).not.toContain('dos.missing');
  });

  it('"Mon 11/02 | Wed 11/04": the year of the page\'s other dates, else this year', () => {
    const [v] = visits(BANNER + '<p>Certification: 10/01/2026–12/30/2026</p>' + week(['Mon 11/02', 'Wed 11/04'], (m) => ['23', I(m)]));
    expect(v!.dos).toBe('2026-11-04');
  });

  it('a date the page writes for the visit wins over the column\'s', () => {
    const [v] = visits('<div class="banner">Patient: Lee, Ann · MRN 1001 · DOS: 11/07/2026</div>' + P + week(['11/04/2026', '11/06/2026'], (m) => ['23', I(m)]));
    expect(v!.dos).toBe('2026-11-07');
  });

  it('columns that name no day ("Today", "Current") give none', () => {
    const [v] = visits(BANNER + week(['Last visit', 'Today'], (m) => ['23', I(m)]));
    expect(v!.dos).toBeUndefined();
  });

  it('lines read from two different days\' columns give none', () => {
    const html = BANNER + T([['97110 Ther ex (min)', I(10), ''], ['97140 Manual (min)', '', I(10)]], ['Intervention', '11/04/2026', '11/06/2026']);
    for (const v of visits(html)) expect(v.dos).toBeUndefined();
  });
});

describe('sessions under their days\' headings', () => {
  it('date <h2> over time <h3>, two days: each session its day', () => {
    const got = visits(BANNER + '<h2>11/04/2026</h2><h3>9:00 AM</h3>' + typed(['97110', 10, 1]) + '<h2>11/06/2026</h2><h3>10:30 AM</h3>' + typed(['97110', 10, 1]));
    expect(got.map((v) => v.dos)).toEqual(['2026-11-04', '2026-11-06']);
  });

  it('two sessions of 11/04 (past a table) and one of 11/06', () => {
    const got = visits(BANNER + '<h2>11/04/2026</h2><h3>9:00 AM</h3>' + typed(['97110', 10, 1]) + '<h3>2:00 PM</h3>' + typed(['97140', 10, 1]) + '<h2>11/06/2026</h2><h3>10:30 AM</h3>' + typed(['97110', 10, 1]));
    expect(got.map((v) => v.dos)).toEqual(['2026-11-04', '2026-11-04', '2026-11-06']);
  });

  it('patients under their days\' headings', () => {
    const got = visits(P + '<h2>11/04/2026</h2><h3>Lee, Ann</h3>' + typed(['97110', 10, 1]) + '<h3>Ray, Bob</h3>' + typed(['97110', 40, 3]) + '<h2>11/06/2026</h2><h3>Lee, Ann</h3>' + typed(['97110', 10, 1]));
    expect(got.map((v) => [v.dos, v.minutes[0]])).toEqual([['2026-11-04', 10], ['2026-11-04', 40], ['2026-11-06', 10]]);
  });

  it('AM and PM sessions under one note\'s dated title: both that day, as before', () => {
    const got = visits(BANNER + '<h1>Daily note 11/06/2026</h1><h2>AM session 9:00</h2>' + typed(['97110', 10, 1]) + '<h2>PM session 2:00</h2>' + typed(['97110', 10, 1]));
    expect(got.map((v) => v.dos)).toEqual(['2026-11-06', '2026-11-06']);
  });

  it('a section heading naming a person and a birth date gives no date', () => {
    const got = visits(P + '<h2>Lee, Ann — DOB 03/04/1950</h2><h3>9:00 AM</h3>' + typed(['97110', 10, 1]) + '<h2>Ray, Bob — DOB 05/06/1948</h2><h3>9:00 AM</h3>' + typed(['97110', 10, 1]));
    for (const v of got) expect(v.dos).toBeUndefined();
  });
});

describe('sections: what a review found', () => {
  it('a visit whose lines run on under the next day\'s heading (an earlier printed line read with today\'s) is dated by neither', () => {
    const printed = '<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td>38</td><td>3</td></tr></tbody></table>';
    const got = visits(`<h1>Day sheet</h1>${P}<h2>11/04/2026</h2><h3>Lee, Ann</h3><p>Signed</p>${printed}<h2>11/06/2026</h2><h3>Lee, Ann</h3>${typed(['97110', 23, 2])}<h3>Ray, Bob</h3>${typed(['97110', 40, 3])}`);
    expect(got.find((v) => v.minutes.includes(23))!.dos).not.toBe('2026-11-04');
  });

  it.each(['11/02-11/08/2026', '11/02 – 11/08/2026', 'Week of 11/02/2026'])('a week\'s heading ("%s") dates no patient under it', (h) => {
    const got = visits(`${P}<h2>${h}</h2><h3>Lee, Ann</h3>${typed(['97110', 10, 1])}<h3>Ray, Bob</h3>${typed(['97110', 40, 3])}`);
    for (const v of got) expect(v.dos).toBeUndefined();
  });

  it('a day\'s heading in its own box (with a Print button) heads the sessions after it', () => {
    const got = visits(`${P}<h2>11/04/2026</h2><h3>Lee, Ann</h3>${typed(['97110', 10, 1])}<div><div class="hdr"><h2>11/06/2026</h2><button>Print</button></div><h3>Ray, Bob</h3>${typed(['97110', 40, 3])}<h3>Kim, Joe</h3>${typed(['97140', 10, 1])}</div>`);
    expect(got.map((v) => v.dos)).toEqual(['2026-11-04', '2026-11-06', '2026-11-06']);
  });
});

describe('flowsheet columns: what a review found', () => {
  const week = (head: string[], rows: string[][]) => T(rows, ['Intervention', ...head]);
  it('the minutes read from a printed day (today\'s column blank) give no date', () => {
    const [v] = visits(BANNER + week(['11/02/2026', '11/04/2026', 'This visit'], [['97110 Ther ex (min)', '20', '23', I('')], ['97140 Manual (min)', '10', '15', I('')]]));
    expect(v!.dos).toBeUndefined();
  });

  it('a column of blank fields (a day to come) gives no date', () => {
    // (Nor any line: a flowsheet's row left blank in the day's column was not given that day.)
    const read = visits(BANNER + week(['11/04/2026', '11/06/2026'], [['97110 Ther ex (min)', '23', I('')], ['97140 Manual (min)', '15', I('')]]));
    expect(read.map((v) => v.dos)).toEqual(read.map(() => undefined));
  });

  it('a day after today is no date of service', () => {
    const next = new Date(Date.now() + 3 * 86_400_000);
    const head = `${String(next.getMonth() + 1).padStart(2, '0')}/${String(next.getDate()).padStart(2, '0')}/${next.getFullYear()}`;
    const [v] = visits(BANNER + week(['11/04/2026', head], [['97110 Ther ex (min)', '23', I(10)], ['97140 Manual (min)', '15', I(10)]]));
    expect(v!.dos).toBeUndefined();
  });
});

describe('what a second review found', () => {
  it.each(['Daily note — Visit 5/12 — 11/04/2026', 'Visit #5/12 - 11/04/2026', 'Progress note 2/10 – 11/04/2026'])('a visit\'s count before its date ("%s"): dated', (h) => {
    expect(visits(`${BANNER}<h1>${h}</h1>${typed(['97110', 10, 1])}`).map((v) => v.dos)).toEqual(['2026-11-04']);
  });

  it.each(['11/04/2026 (2)', '11/04/2026 (2 visits)', 'Wednesday, 11/04/2026 · 3 visits'])('a day\'s heading with a count ("%s") dates its sessions', (h) => {
    const got = visits(`${BANNER}<h2>${h}</h2><h3>9:00 AM</h3>${typed(['97110', 10, 1])}<h2>11/06/2026</h2><h3>10:30 AM</h3>${typed(['97110', 10, 1])}`);
    expect(got.map((v) => v.dos)).toEqual(['2026-11-04', '2026-11-06']);
  });
});

describe('what a third review found', () => {
  it.each(['Session 11/02 – 11/08/2026', 'Visit 11/02 - 11/08/2026', 'Nov 2 – 11/08/2026', 'Daily note Nov 2 – 11/08/2026', 'Oct 28 – 11/03/2026', 'Treatment 10/01 – 12/30/2026'])('a range\'s end ("%s") dates no visit', (h) => {
    expect(visits(`${BANNER}<h1>${h}</h1><h2>AM session 9:00</h2>${typed(['97110', 10, 1])}<h2>PM session 2:00</h2>${typed(['97110', 10, 1])}`).map((v) => v.dos)).toEqual([undefined, undefined]);
  });

  const printed = '<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td>38</td><td>3</td></tr></tbody></table>';
  it.each([
    ['a day\'s heading over printed lines', `<h1>Daily note 11/06/2026</h1><h2>11/04/2026</h2>${printed}<h3>AM session 9:00</h3>${typed(['97110', 10, 1])}<h3>PM session 2:00</h3>${typed(['97110', 10, 1])}`],
    ['an earlier visit in its own section', `<h1>Daily note 11/06/2026</h1><section><h2>Visit 11/04/2026</h2>${printed}</section><section><h3>AM session 9:00</h3>${typed(['97110', 10, 1])}<h3>PM session 2:00</h3>${typed(['97110', 10, 1])}</section>`],
    ['"Tx 11/04/2026" over prior lines', `<h1>Daily note 11/06/2026</h1><h2>Tx 11/04/2026</h2><p>Prior visit</p>${printed}<h3>AM session 9:00</h3>${typed(['97110', 10, 1])}<h3>PM session 2:00</h3>${typed(['97110', 10, 1])}`],
  ])('today\'s sessions after %s: the note\'s day, 11/06', (_, body) => {
    const got = visits(BANNER + body).filter((v) => v.minutes.includes(10));
    expect(got.map((v) => v.dos)).toEqual(['2026-11-06', '2026-11-06']);
  });
});
