// @vitest-environment happy-dom
// From a review (helper session) of long visit labels cut keeping their start and end: each case failed on the first version, or is a near miss it checked.
import { describe, expect, it } from 'vitest';
import { OPTIONS, line, readPage, sentVisits, table, visitsOf } from './read-page';
import { mutate } from './mutate';
import { PageSession } from '../../lib/live/page-session';

const NAME = 'Maximilian Alexander Rodriguez-Featherstonehaugh-Vandenberghe';

describe('review: long visit labels', () => {
  it("L2 a long heading ending in the page's running total: the visit's label does not change as minutes are typed", () => {
    const page = (total: number) => `<h1>Day sheet</h1>
        <h2>${NAME} — Outpatient Physical Therapy Daily Note — Total: ${total} min</h2>${table(`<tr>${line('97110', total, 2)}</tr>`)}
        <h2>Lee, Ann — Daily note</h2>${table(`<tr>${line('97140', 15, 1)}</tr>`)}`;
    const before = visitsOf(readPage(page(23)))[0]!.label;
    const after = visitsOf(readPage(page(24)))[0]!.label;
    // Observed: '…Daily Note — Total: 23 min' then '…Total: 24 min' (before the change, cut at 80, the total was not in the label).
    expect(after).toBe(before);
  });
  it('L3 a long heading renamed live (the visit type picked after the form is read): the label follows, as a fresh read names it', async () => {
    const head = (kind: string) => `${NAME} — Outpatient Physical Therapy ${kind} — 2026-11-02`;
    document.body.innerHTML = `<h1>Day sheet</h1><h2 id="h">${head('Daily Note')}</h2>${table(`<tr>${line('97110', 23, 2)}</tr>`)}
        <h2>Lee, Ann — Daily note</h2>${table(`<tr>${line('97140', 15, 1)}</tr>`)}`;
    const s = new PageSession(document, () => OPTIONS);
    const sent = [s.flush()];
    s.mutations(await mutate(() => (document.querySelector('#h')!.textContent = head('Re-evaluation')), document), () => false);
    s.changedValues();
    sent.push(s.flush());
    const live = sentVisits(sent).map((v) => v.label);
    const fresh = visitsOf(readPage(document.body.innerHTML)).map((v) => v.label);
    // Observed: the live label still ends "… Daily Note — 2026-11-02" (before the change, relabel matched the label's first 80 characters).
    expect(live).toEqual(fresh);
  });
});
