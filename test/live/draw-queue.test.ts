import { describe, expect, it } from 'vitest';
import { DrawQueue } from '../../lib/live/draw-queue';

describe('DrawQueue: the visits a draw in steps has left', () => {
  it('gives each visit once, in order, and says when the draw is over', () => {
    const q = new DrawQueue();
    expect(q.add(['v1', 'v2', 'v2', 'v3'])).toBe(true);
    expect(q.running).toBe(true);
    expect([q.next(), q.next(), q.next()]).toEqual(['v1', 'v2', 'v3']);
    expect(q.more).toBe(false);
    expect(q.next()).toBeUndefined();
    expect(q.running).toBe(false);
  });

  it('a draw of a few visits asked for meanwhile joins the one under way: none of the first is dropped', () => {
    const q = new DrawQueue();
    q.add(['v1', 'v2', 'v3', 'v4']);
    expect(q.next()).toBe('v1');
    // An edit's answer for v1 and v3: v3 is still due (once), v1 is drawn again.
    expect(q.add(['v1', 'v3'])).toBe(false);
    const rest: string[] = [];
    for (let k = q.next(); k !== undefined; k = q.next()) rest.push(k);
    expect(rest).toEqual(['v2', 'v3', 'v4', 'v1']);
  });

  it('stopped (a whole read begun), the next draw starts anew', () => {
    const q = new DrawQueue();
    q.add(['v1', 'v2']);
    q.stop();
    expect(q.running).toBe(false);
    expect(q.add(['v2'])).toBe(true);
    expect(q.next()).toBe('v2');
  });
});
