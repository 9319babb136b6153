import { describe, expect, it } from 'vitest';
import { useDemoBrowser } from './session';
import { badges, hostDom, waitForBadgeCount, waitForBadges } from './dom';

// The built extension in Debian's Chromium on the demo flowsheet: it reads the form, shows
// markers from the rules engine, and leaves the page exactly as it was.

const env = useDemoBrowser();

describe('demo flowsheet in Chromium with the extension', () => {
  it('shows markers for a mis-coded row and a row without minutes, re-checks as the user types, and changes nothing on the page', async () => {
    const page = await env.context.newPage();
    await page.goto(`${env.server.url}/flowsheet.html`);
    await waitForBadgeCount(page, 4);
    const before = await hostDom(page);
    const marks = await badges(page);
    const all = marks.map((m) => m.text).join('\n');
    expect(all).toMatch(/code\.suggest.*"balance", "proprioception", "foam".*97112/);
    // Without the gait minutes the visit's total of units cannot be judged, and Unitwise says so;
    // but 47 minutes of 97110 earn 3 units whatever they are (CPM §20.2 C), not the 4 entered.
    expect(all).toMatch(/minutes\.missing: Gait training/);
    expect(marks.filter((m) => /units\./.test(m.text)).map((m) => m.text.match(/units\.[a-z-]+/)![0])).toEqual(['units.over-billed', 'units.over-billed']);
    expect(all).toMatch(/97110 has 3 whole units.*whatever minutes are entered for 97116/);

    // Typing the minutes re-evaluates: 57 timed minutes → 4 units, but 4 units on 97110 and none
    // on 97116 is the wrong split (CPM §20.2 C), and the missing-minutes marker goes away.
    await page.fill('input[name="min-3"]', '10');
    await waitForBadges(page, (t) => t.includes('units.allocation') && !t.includes('minutes.missing'), 'the allocation marker, without the missing-minutes one');
    const after = await hostDom(page);
    // Only the value the test typed differs; no attribute, class, style or child was added.
    expect(after.length).toBe(before.length);
    const changed = after.map((a, i) => [before[i]!, a] as const).filter(([b, a]) => a !== b);
    expect(changed).toHaveLength(1);
    expect(changed[0]![0]).toMatch(/name=min-3.* value=>$/);
    expect(changed[0]![1]).toMatch(/name=min-3.* value=10>$/);
    expect(after.length).toBe(before.length);
    await page.close();
  });

  it('the background keeps the evaluation in storage.session and makes no network request', async () => {
    const page = await env.context.newPage();
    await page.goto(`${env.server.url}/flowsheet.html`);
    await waitForBadgeCount(page, 1);
    const panel = await env.context.newPage();
    await panel.goto(`chrome-extension://${env.extensionId}/sidepanel.html`);
    const stored = await panel.evaluate(async () => {
      // @ts-expect-error chrome is the extension API in extension pages
      const all = await chrome.storage.session.get(null);
      // @ts-expect-error same
      const local = await chrome.storage.local.get(null);
      return { keys: Object.keys(all), local };
    });
    expect(stored.keys.some((k) => /^evaluation:\d+$/.test(k))).toBe(true);
    expect(stored.local).toEqual({});
    const external = env.requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('chrome-extension://'));
    expect(external).toEqual([]);
    await page.close();
    await panel.close();
  });
});
