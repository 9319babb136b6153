import { describe, expect, it, vi } from 'vitest';
import { TabUrls, pageAddress } from '../lib/tab-urls';

describe('TabUrls', () => {
  it('asks the browser once per tab while nothing changes, and again after the tab loads or changes address', async () => {
    let url = 'https://ehr.example/visit/1';
    const lookup = vi.fn(async (id: number) => (id === 7 ? { url } : undefined));
    const tabs = new TabUrls(lookup);
    expect(await tabs.get(7)).toEqual({ url });
    expect(await tabs.get(7)).toEqual({ url });
    expect(lookup).toHaveBeenCalledTimes(1);
    url = 'https://ehr.example/visit/2';
    tabs.changed(7);
    expect(await tabs.get(7)).toEqual({ url: 'https://ehr.example/visit/2' });
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('a tab that does not exist is never remembered; a closed tab is asked about again', async () => {
    const open = new Set([1]);
    const lookup = vi.fn(async (id: number) => (open.has(id) ? { url: 'https://a.example/' } : undefined));
    const tabs = new TabUrls(lookup);
    expect(await tabs.get(2)).toBeUndefined();
    expect(await tabs.get(2)).toBeUndefined();
    expect(lookup).toHaveBeenCalledTimes(2);
    expect(await tabs.get(1)).toBeDefined();
    open.delete(1);
    tabs.removed(1);
    expect(await tabs.get(1)).toBeUndefined();
  });

  it('an answer asked for before the tab changed is used for that call only, not kept', async () => {
    let answer!: (v: { url: string }) => void;
    const lookup = vi.fn(() => new Promise<{ url: string }>((r) => (answer = r)));
    const tabs = new TabUrls(lookup);
    const pending = tabs.get(3);
    tabs.changed(3); // the tab navigated while the browser was answering
    answer({ url: 'https://old.example/' });
    expect(await pending).toEqual({ url: 'https://old.example/' });
    const again = tabs.get(3);
    expect(lookup).toHaveBeenCalledTimes(2);
    answer({ url: 'https://new.example/' });
    expect(await again).toEqual({ url: 'https://new.example/' });
  });

  it('a lookup that fails reads as no tab', async () => {
    const tabs = new TabUrls(async () => {
      throw new Error('No tab with id: 9');
    });
    expect(await tabs.get(9)).toBeUndefined();
  });
});

describe('pageAddress', () => {
  it("keeps a single-page app's route (#/…, #…/…, #!…), drops an anchor", () => {
    expect(pageAddress('https://ehr.example/app#/patient/42/visit/7')).toBe('https://ehr.example/app#/patient/42/visit/7');
    expect(pageAddress('https://ehr.example/app#!/patient/42')).toBe('https://ehr.example/app#!/patient/42');
    expect(pageAddress('https://ehr.example/app#patient/42')).toBe('https://ehr.example/app#patient/42');
    expect(pageAddress('https://ehr.example/app#!patient')).toBe('https://ehr.example/app#!patient');
    expect(pageAddress('https://ehr.example/note.html#row-3')).toBe('https://ehr.example/note.html');
    expect(pageAddress('https://ehr.example/note.html#')).toBe('https://ehr.example/note.html');
    expect(pageAddress('https://ehr.example/note.html')).toBe('https://ehr.example/note.html');
    expect(pageAddress(undefined)).toBe('');
  });
});
