// @vitest-environment happy-dom
// A clock time in a Minutes field (from a red-team pass: "9:05" was read as 545 minutes, and the
// visit was told "2 units entered, 545 minutes support 36 units": a guess shown as a fact).
import { describe, expect, it } from 'vitest';
import { input, readPage as read } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';

const page = (minutes: string, head = 'Minutes') =>
  `<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>CPT</th><th>${head}</th><th>Units</th></tr></thead><tbody><tr><td>${input('97110')}</td><td>${input(minutes)}</td><td>${input(2)}</td></tr></tbody></table>`;
const first = (html: string) => {
  const u = read(html);
  const v = u.visits[0]!;
  return { minutes: v.visit.entries[0]!.minutes, notes: v.notes, rules: evaluate(v.visit).findings.map((f) => f.rule) };
};

describe('a clock-shaped value of two hours or more', () => {
  it.each([['9:05', '9 h 05 min'], ['09:05', '9 h 05 min'], ['12:30', '12 h 30 min'], ['2:00', '2 h 00 min']])('"%s": not read, said why, and no units suggested from it', (raw, said) => {
    const got = first(page(raw));
    expect(got.minutes).toBeNull();
    expect(got.notes.join(' ')).toContain(`'${raw}' would be ${said} for one line, more likely a time of day`);
    expect(got.rules).toContain('minutes.unreadable');
    expect(got.rules).not.toContain('units.under-billed');
  });
});

describe('durations, as before', () => {
  it.each([['0:38', 38], ['1:15', 75], ['1:59', 119], ['9:05-9:28', 23], ['2 h', 120]])('"%s": %d minutes', (raw, minutes) => {
    expect(first(page(raw)).minutes).toBe(minutes);
  });

  it('a stopwatch column ("mm:ss"): "23:40" is 23 minutes 40 seconds', () => {
    expect(first(page('23:40', 'Time (mm:ss)')).minutes).toBeCloseTo(23.67, 2);
  });
});
