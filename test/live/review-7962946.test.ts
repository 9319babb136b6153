// @vitest-environment happy-dom
// Review of 7962946: "Today" headings judged without what ticks in them (lib/extract/ticking.ts,
// visits.ts untickedHeading / todayHeading / saysToday), and the day a "Today" visit is given kept
// as the first read's (PageSession #headingToday, reset only by navigated()).
// Problems: each failed on 7962946; mended in the next commit (the day kept per heading element,
// commas, slashes and brackets left by a stripped tick trimmed). Left as judged: a save date
// beside "Today" ("— Last saved 10/30/2026 4:55 PM") is a save's, not the visit's day, and is
// dropped with the status.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { H, T, checked, held } from './vendor-pages';
import { OPTIONS } from './read-page';
import { mutate } from './mutate';
import { PageSession } from '../../lib/live/page-session';
import { saysToday, todayHeading } from '../../lib/extract/visits';

const note = (h: string, min = '23', units = '2') => `<section class="note"><h3 id="th">${h}</h3>${T(H, [['97110', `=${min}`, `=${units}`], ['97140', '=15', '=1']])}</section>`;
const chart = (who: string, ...parts: string[]) => `<h1>${who}</h1><p>Payer: Medicare</p>${parts.join('')}`;

beforeEach(() => {
  document.body.innerHTML = '';
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('7962946: problems (mended in the next commit)', () => {
  it('P1. a single-page app opens the next day\'s chart at the same address (tab left open overnight): its "Today\'s note" is dated the day before', async () => {
    // Biller: Ray Bob's note charted on 11/03 under "Today's note" is the 11/03 visit. The tab
    // was opened on 11/02 (Ann Lee's note read then); the app swaps the chart in place, address
    // unchanged, so PageSession.navigated() never runs and #headingToday (page-session.ts:1928,
    // reset only at :618) still holds 11/02: the new visit is dated 11/02, its claim a day off
    // (and it now shares a day with the visits charted on 11/02).
    vi.setSystemTime(new Date(2026, 10, 2, 17, 50));
    document.body.innerHTML = chart('Lee, Ann', note("Today's note"));
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    expect(held(sent).dates).toEqual(['2026-11-02']);
    vi.setSystemTime(new Date(2026, 10, 3, 8, 15));
    session.mutations(await mutate(() => void (document.body.innerHTML = chart('Ray, Bob', note("Today's note", '38', '3'))), document), () => false);
    sent.push(session.flush());
    const now = held(sent.slice(1));
    expect(now.lines).toEqual([['97110 38/3', '97140 15/1']]);
    expect(now.dates).toEqual(['2026-11-03']);
  });

  it('P1b. the same, the note closed and a new one opened next morning in the same view (the same patient)', async () => {
    // Biller: the 11/03 note is dated 11/03, not the 11/02 note it replaced.
    vi.setSystemTime(new Date(2026, 10, 2, 17, 50));
    document.body.innerHTML = chart('Lee, Ann', '<div id="slot"></div>');
    document.querySelector('#slot')!.innerHTML = note("Today's note");
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    session.mutations(await mutate(() => void (document.querySelector('#slot')!.innerHTML = ''), document), () => false);
    sent.push(session.flush());
    vi.setSystemTime(new Date(2026, 10, 3, 8, 15));
    session.mutations(await mutate(() => void (document.querySelector('#slot')!.innerHTML = note("Today's note", '30', '2')), document), () => false);
    sent.push(session.flush());
    expect(held(sent.slice(2)).dates).toEqual(['2026-11-03']);
  });

  it.each(["Today's note, 38 min", "Today's note / Saving…", "Today's note [38 min]"])('P2. %j after a signed 10/30 note: today\'s lines read as the 10/30 visit (a comma, slash or bracket left by the stripping)', (h) => {
    // Biller: as "Today's note — 38 min": today's two lines apart, dated 11/02, the 10/30 note
    // history. untickedHeading (visits.ts:961) trims only [\s—–|·•:-] and empties "( )", so
    // "Today's note," / "Today's note /" / "Today's note [ ]" fail TODAY_HEADING.
    vi.setSystemTime(new Date(2026, 10, 2, 10, 0));
    const signed = `<section class="note signed"><h3>Treatment Note — 10/30/2026</h3><p>Signed by J. Doe, PT</p>${T(H, [['97110', '30', '2'], ['97140', '8', '1']])}</section>`;
    document.body.innerHTML = chart('Lee, Ann', signed, note(h));
    const u = new PageSession(document, () => OPTIONS).flush()!;
    expect(checked(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 23/2', '97140 15/1']]]);
  });
});

describe('7962946: held', () => {
  it.each([
    ['Today 3 units', true],
    ["Today's note — Units: 4 — Minutes: 38", true],
    ['Today (Units: 3)', true],
    ['Today — 10/30/2026', false],
    ["Today's schedule — 12 patients", false],
    ['Today — 4 units — Lee, Ann', false],
    ['Today (Units: 3) — Medicare', false],
  ])('saysToday(%j) is %s', (h, today) => {
    expect(saysToday(h)).toBe(today);
    expect(todayHeading(h)).toBe(today);
  });
});
