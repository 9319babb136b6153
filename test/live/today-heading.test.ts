// @vitest-environment happy-dom
// A visit whose heading says "Today" on a page that states no date of service: dated today by the
// user's clock, and said so; never over a date the page does state. (R10 of review-d99ec8d.)
import { describe, expect, it } from 'vitest';
import { H, NOV_2, T, checked, historyLabels, read } from './vendor-pages';
import { onPagesOf } from './clock';

const signedNote = (h: string) => `<section class="note signed"><h3>${h}</h3><p>Signed by J. Doe, PT</p>${T(H, [['97110', '30', '2'], ['97140', '8', '1']])}</section>`;
const note = (h: string) => `<section class="note"><h3>${h}</h3>${T(H, [['97110', '=23', '=2'], ['97140', '=15', '=1']])}</section>`;
const chart = (...parts: string[]) => `<h1>Lee, Ann</h1><p>Payer: Medicare</p>${parts.join('')}`;
const notesOf = (u: ReturnType<typeof read>) => u.visits.filter((v) => !u.list!.find((l) => l.key === v.key)?.history).flatMap((v) => v.notes);

onPagesOf(NOV_2);

describe('a visit headed "Today" with no date of service on the page', () => {
  it.each(['Today', "Today's note", 'Todays Treatment Note'])('"%s" after a signed note of 10/30: today\'s visit, dated 11/02/2026 (the user\'s clock), the 10/30 note history', (h) => {
    const u = read(chart(signedNote('Treatment Note — 10/30/2026'), note(h)));
    const [today, ...more] = checked(u);
    expect(more).toEqual([]);
    expect(today!.date).toBe('2026-11-02');
    expect(today!.lines).toEqual(['97110 23/2', '97140 15/1']);
    expect(historyLabels(u)).toHaveLength(1);
    // The user sees where the date came from.
    expect(notesOf(u).some((n) => n.includes('2026-11-02') && n.includes(h))).toBe(true);
  });

  it('alone on the page: dated today, so the rules of the day apply (no "no date of service" finding)', () => {
    const u = read(chart(note("Today's note")));
    expect(checked(u).map((v) => [v.date, v.rules.includes('dos.missing')])).toEqual([['2026-11-02', false]]);
  });

  it('a heading that does not say "today" ("New Progress Note", "Current visit") is not dated by the clock', () => {
    for (const h of ['New Progress Note', 'Current visit']) {
      const u = read(chart(signedNote('Treatment Note — 10/30/2026'), note(h)));
      expect(checked(u).map((v) => v.date), h).toEqual([undefined]);
    }
  });

  it('a date of service the page states wins over the clock, and no note says "today"', () => {
    const u = read(`<h1>Lee, Ann</h1><p>Payer: Medicare</p><label>Date of service <input value="11/05/2026"></label>${note('Today')}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2026-11-05']);
    expect(notesOf(u).some((n) => n.includes('(today)'))).toBe(false);
  });

  it('a date of service the page states that cannot be read ("13/45/2026") is not replaced by the clock', () => {
    const u = read(`<h1>Lee, Ann</h1><p>Payer: Medicare</p><label>Date of service <input value="13/45/2026"></label>${note('Today')}`);
    expect(checked(u).map((v) => v.date)).toEqual([undefined]);
    expect(notesOf(u).some((n) => n.includes('(today)'))).toBe(false);
  });
});
