// @vitest-environment happy-dom
// A patient's total row on a day sheet is no line and no visit (from a red-team pass: "Total Ann
// Lee" was a visit of a patient named so, with an uncoded 20-minute line; "Ann Lee | Total" an
// uncoded line in her visit, "Total has no code").
import { describe, expect, it } from 'vitest';
import { HEAD, reset, row } from './day-sheet-rows';
import { readPage as read } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';

const P = '<p>Payer: Medicare Part B</p>';
const sheet = (rows: string) => {
  reset();
  return read(`<h1>Day sheet — 11/02/2026</h1>${P}<table>${HEAD('Patient')}<tbody>${rows}</tbody></table>`);
};
const rulesOf = (u: ReturnType<typeof read>) => u.visits.flatMap((v) => evaluate(v.visit).findings.map((f) => f.rule));

describe("a patient's total row", () => {
  it.each([
    ['"Total Ann Lee" across the first columns', (n: string, m: number, u: number) => `<tr><td colspan="3">Total ${n}</td><td>${m}</td><td>${u}</td><td></td></tr>`],
    ['"Total for Lee, Ann"', (n: string, m: number, u: number) => `<tr><td colspan="3">Total for ${n.split(' ').reverse().join(', ')}</td><td>${m}</td><td>${u}</td><td></td></tr>`],
    ['"Ann Lee total"', (n: string, m: number, u: number) => `<tr><td>${n} total</td><td></td><td></td><td>${m}</td><td>${u}</td><td></td></tr>`],
    ['"Ann Lee | Total"', (n: string, m: number, u: number) => `<tr><td>${n}</td><td>Total</td><td></td><td>${m}</td><td>${u}</td><td></td></tr>`],
  ])('%s: two visits, Ann 2 lines and Bob 1, and no line without a code', (_, total) => {
    const u = sheet(`${row('Ann Lee', '97110', 10, 1)}${row('Ann Lee', '97140', 10, 1)}${total('Ann Lee', 20, 2)}${row('Bob Ray', '97110', 40, 3)}${total('Bob Ray', 40, 3)}`);
    expect(u.list!.map((l) => [l.label.split(' · ')[0], l.entries])).toEqual([['Ann Lee', 2], ['Bob Ray', 1]]);
    expect(rulesOf(u)).not.toContain('code.missing');
  });

  it.each([
    ['"Total Gym squats" with its code', '<tr><td>Ann Lee</td><td>Total Gym squats</td><td>97110</td><td>10</td><td>1</td><td>GP</td></tr>'],
    ['"Total body conditioning" with its code', '<tr><td>Ann Lee</td><td>Total body conditioning</td><td>97530</td><td>12</td><td>1</td><td>GP</td></tr>'],
    // From a review: "Total" assistance in an Assist column is a value, not a totals row.
    ['an uncoded line whose Assist cell says "Total"', '<tr><td>Ann Lee</td><td>Bed mobility</td><td></td><td>12</td><td>1</td><td>Total</td></tr>'],
    ['an uncoded line whose Assist cell, before its minutes, says "Total"', '<tr><td>Ann Lee</td><td>Transfers</td><td></td><td>Total</td><td>10</td><td>1</td></tr>'],
  ])('unchanged: %s is a line of her visit', (_, line) => {
    const u = sheet(`${row('Ann Lee', '97110', 10, 1)}${line}`);
    expect(u.list!.map((l) => l.entries)).toEqual([2]);
  });
});
