// @vitest-environment happy-dom
// A day sheet that names its patients by surname and initials ("Lee, A.", "RAY, B"): each
// patient's table is her own visit, never one visit holding both patients' lines (their units
// pooled, an NCCI pair made across two people). Before: one visit "Lee, A." with both lines.
import { describe, expect, it } from 'vitest';
import { input, readPage, table, visitsOf } from './read-page';
import { personName } from '../../lib/extract/visits';

const row = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`;
const sheet = (a: string, b: string) => `<h1>Day sheet — 11/02/2026</h1><p>Payer: Aetna</p><h2>${a}</h2>${table(row('97110', 24, 2))}<h2>${b}</h2>${table(row('97112', 30, 2))}`;
const lines = (a: string, b: string) => visitsOf(readPage(sheet(a, b))).map((v) => [v.label, v.lines]);

describe('patients named by surname and initials', () => {
  it.each([
    ['Lee, A.', 'Ray, B.'],
    ['LEE, A', 'RAY, B'],
    ['Lee, A. M.', 'Lee, B.'],
    ['O\'Brien, K', 'Van Buren, J.'],
  ])('"%s" and "%s" head two visits, each with its own line', (a, b) => {
    expect(lines(a, b)).toEqual([[a, ['97110 24']], [b, ['97112 30']]]);
  });

  it('a name with initials is compared as written: "Lee, A." is "a lee", not "Lee, Ann"', () => {
    expect(personName('Lee, A.')).toBe('a lee');
    expect(personName('LEE, A M')).toBe('a m lee');
    expect(personName('Lee, Ann')).toBe('ann lee');
  });

  it('sections of one visit named by a form word and a letter ("Balance, A", "Exercises, B.") stay one visit; a letter without a comma is no name', () => {
    expect(lines('Balance, A', 'Gait, B')).toEqual([['Balance, A', ['97110 24', '97112 30']]]);
    expect(lines('Exercises, A.', 'Exercises, B.')).toEqual([['Exercises, A.', ['97110 24', '97112 30']]]);
    for (const t of ['Station A', 'Part B.', 'Plan B', 'Set A', 'A. Lee']) expect(personName(t)).toBeUndefined();
  });
});
