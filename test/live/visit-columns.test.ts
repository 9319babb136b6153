// @vitest-environment happy-dom
// Two ways a page names its visits that were not read (found by probing common layouts):
// a day sheet's "Acct #" column (the patient's account: now read where no Patient column names
// one), and a flowsheet's columns headed by the visit's number with its day in brackets ("Visit
// 12 (11/02)": left, as ambiguous with a count of visits authorised).
import { describe, expect, it } from 'vitest';
import { onPagesOf } from './clock';
import { checked, read } from './vendor-pages';

onPagesOf('2026-11-04T12:00:00');

const box = (v: string | number) => `<input value="${v}">`;
const lines = (html: string) => checked(read(html)).map((v) => [v.date, v.lines]);

describe("a day sheet's account column", () => {
  const sheet = (head: string) =>
    `<h1>Charges 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>${head}</th><th>CPT</th><th>Min</th><th>Units</th></tr></thead><tbody>` +
    `<tr><td>A-1001</td><td>97110</td><td>${box(23)}</td><td>${box(2)}</td></tr><tr><td>A-1002</td><td>97110</td><td>${box(10)}</td><td>${box(1)}</td></tr></tbody></table>`;

  it.each(['Acct #', 'Account', 'Account No.', 'Patient Acct', 'Acct Number'])('"%s": each account its own visit (before: one visit of 33 minutes, two patients\' lines billed together)', (head) => {
    expect(lines(sheet(head))).toEqual([
      ['2026-11-02', ['97110 23/2']],
      ['2026-11-02', ['97110 10/1']],
    ]);
  });

  it('"Guarantor account" is no patient\'s: the lines stay as they were read before (one visit)', () => {
    expect(lines(sheet('Guarantor account'))).toEqual([['2026-11-02', ['97110 23/2', '97110 10/1']]]);
  });
});

describe('a flowsheet column headed by the visit\'s number, its day in brackets', () => {
  const sheet = (a: string, b: string) =>
    `<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p><table><thead><tr><th>Intervention</th><th>${a}</th><th>${b}</th></tr></thead><tbody><tr><td>97110 Ther Ex (min)</td><td>25</td><td>${box(18)}</td></tr></tbody></table>`;

  // Left: a bracketed "a/b" after the visit's number is as often a count against an
  // authorisation ("Visit 4 (4/20)", the 4th of 20) as a day (review-s49c), and one header
  // alone cannot tell. Read: the printed 25, undated (dos.missing), as before.
  it.fails('"Visit 11 (10/30) | Visit 12 (11/02)": today\'s 18 minutes, dated 11/02', () => {
    expect(lines(sheet('Visit 11 (10/30)', 'Visit 12 (11/02)'))).toEqual([['2026-11-02', ['97110 18/-']]]);
  });

  it('with the year: "Visit 11 (10/30/2026) | Visit 12 (11/02/2026)"', () => {
    expect(lines(sheet('Visit 11 (10/30/2026)', 'Visit 12 (11/02/2026)'))).toEqual([['2026-11-02', ['97110 18/-']]]);
  });
});
