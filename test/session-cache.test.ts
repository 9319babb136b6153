import { describe, expect, it, vi } from 'vitest';
import { SessionCache, type SessionArea } from '../lib/session-cache';

function area(initial: Record<string, unknown> = {}) {
  const data = { ...initial };
  const a: SessionArea = {
    get: vi.fn(async (keys) => (keys === null ? { ...data } : Object.fromEntries([keys].flat().filter((k) => k in data).map((k) => [k, data[k]])))),
    set: vi.fn(async (items) => void Object.assign(data, items)),
    remove: vi.fn(async (keys) => [keys].flat().forEach((k) => delete data[k])),
  };
  return { a, data };
}

const num = (raw: unknown) => (typeof raw === 'number' ? raw : undefined);

describe('SessionCache', () => {
  it('reads a key from storage once, then from memory; what it writes is what it reads back', async () => {
    const { a, data } = area({ k: 1 });
    const cache = new SessionCache(a);
    expect(await cache.read('k', num)).toBe(1);
    expect(await cache.read('k', num)).toBe(1);
    expect(a.get).toHaveBeenCalledTimes(1);
    await cache.write({ k: 2 });
    expect([await cache.read('k', num), data.k]).toEqual([2, 2]);
    await cache.remove(['k']);
    expect([await cache.read('k', num), 'k' in data]).toEqual([undefined, false]);
    expect(a.get).toHaveBeenCalledTimes(1);
  });

  it('a value that does not parse reads as absent; a new cache (a restarted worker) reads storage again', async () => {
    const { a } = area({ k: 'not a number', n: 5 });
    expect(await new SessionCache(a).read('k', num)).toBeUndefined();
    expect(await new SessionCache(a).read('n', num)).toBe(5);
    expect(await new SessionCache(a).keys()).toEqual(['k', 'n']);
  });
});
