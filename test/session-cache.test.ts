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

  it('asks the browser to remove only keys that may be there: a key never written, read as absent, or removed already is not sent again', async () => {
    const { a, data } = area({ there: 1, bad: 'x' });
    const cache = new SessionCache(a);
    expect(await cache.read('gone', num)).toBeUndefined(); // absent in storage
    expect(await cache.read('bad', num)).toBeUndefined(); // present but invalid: still removed
    await cache.remove(['gone', 'bad', 'there', 'unknown']);
    expect(a.remove).toHaveBeenCalledTimes(1);
    expect(a.remove).toHaveBeenLastCalledWith(['bad', 'there', 'unknown']);
    expect(Object.keys(data)).toEqual([]);
    await cache.remove(['gone', 'bad', 'there', 'unknown']);
    expect(a.remove).toHaveBeenCalledTimes(1);
    // Written again: removable again.
    await cache.write({ there: 2 });
    await cache.remove(['there', 'gone']);
    expect(a.remove).toHaveBeenLastCalledWith(['there']);
    expect(data).toEqual({});
  });

  it('a key other parts write too (the panel\'s acknowledgements) is always removed, whatever the cache saw', async () => {
    const { a, data } = area();
    const cache = new SessionCache(a, (k) => k.startsWith('acks:'));
    await cache.remove(['acks:7', 'evaluation:7']);
    data['acks:7'] = ['written by the panel'];
    await cache.remove(['acks:7', 'evaluation:7']);
    expect(a.remove).toHaveBeenLastCalledWith(['acks:7']);
    expect(data).toEqual({});
  });
});
