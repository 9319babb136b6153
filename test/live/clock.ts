// The content script's 1 s clock and its observer, as the mount-point tests drive them
// (lib/live/late-roots.ts): a tick reads the page whole when componentsUpgraded says so; a
// mutation is told as the observer tells it.
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { PageSession } from '../../lib/live/page-session';
import { freshFacts, sentFacts } from './read-page';
import { mutate } from './mutate';

export type Update = ReturnType<PageSession['flush']>;

/** The first visit's charges in what was sent ("97110 24"). */
export const charges = (sent: readonly Update[]) => sentFacts(sent)[0]?.[3] ?? [];

/** The clock's tick: a whole read when componentsUpgraded says so. */
export function tick(session: PageSession, sent: Update[]): boolean {
  if (!session.componentsUpgraded()) return false;
  sent.push(session.flush());
  return true;
}

/** A page mutation, told as the content script's observer does (a read when it says so). */
export async function told(session: PageSession, sent: Update[], change: () => void): Promise<void> {
  if (session.mutations(await mutate(change, document), () => false)) sent.push(session.flush());
}

/** The page as it is now, read afresh, shows the visit (97110 24), and so did what the session sent. */
export function expectVisitRead(sent: readonly Update[]): void {
  expect(freshFacts()[0]?.[3]).toEqual(['97110 24']);
  expect(charges(sent)).toEqual(['97110 24']);
}

/** The user's clock at `at` (Date only: timers run as they do). */
export function pinClock(at: Date): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

/** Each test of the file on an empty page, the user's clock at `at` (an age printed, a "Today" heading are read by it): call at the file's top. */
export function onPagesOf(at: string | Date): void {
  beforeEach(() => {
    document.body.innerHTML = '';
    pinClock(new Date(at));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
