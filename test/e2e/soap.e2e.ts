import { describe, expect, it } from 'vitest';
import { useDemoBrowser } from './session';
import { detectionCount, expectWellPlaced, hostDom, placements, waitForBadgeCount, waitForBadges } from './dom';

// The built extension in Debian's Chromium on the demo SOAP note (soap.html): minutes live only
// in the Objective section's free text ("…, 10:05-10:28"); the charges grid has CPT, units and
// modifiers but no minutes column. Unitwise puts the note's minutes on the matching charge
// rows, checks them with the payer's method (Aetna → per-code, rules-reference §2), and leaves
// the page exactly as it was.

interface Stored {
  evaluation: { method: string; totalTimedMinutes: number; totalTimedUnits: number; lines: { code: string; units: number; modifiers: string[] }[]; findings: { rule: string; fieldKeys?: string[] }[] };
}

/** The tab's evaluation as the background keeps it in storage.session. */
async function storedEvaluation(): Promise<Stored['evaluation']> {
  const panel = await env.context.newPage();
  await panel.goto(`chrome-extension://${env.extensionId}/sidepanel.html`);
  const all = (await panel.evaluate(async () => {
    // @ts-expect-error chrome is the extension API in extension pages
    return chrome.storage.session.get(null);
  })) as Record<string, Stored>;
  await panel.close();
  const entries = Object.entries(all).filter(([k]) => /^evaluation:\d+$/.test(k));
  expect(entries).toHaveLength(1);
  return entries[0]![1].evaluation;
}

const env = useDemoBrowser();

describe('demo SOAP note in Chromium with the extension', () => {
  it('reads minutes from the note text onto the charge rows, marks over-billed units per code, re-checks as the user edits units and note, and changes nothing', async () => {
    const page = await env.context.newPage();
    await page.goto(`${env.server.url}/soap.html`);
    await waitForBadgeCount(page, 1);
    const before = await hostDom(page);

    // Note: 97530 10:05-10:28 = 23 min, 97535 10:30-10:42 = 12 min, 97110 10:45 AM – 10:53 AM = 8 min.
    // Aetna is not Medicare → per-code method: 2 + 1 + 1 = 4 units (CMS pooling would allow 3 for 43).
    let all = await waitForBadges(page, (a) => a.includes('units.over-billed'), 'units.over-billed on 97110');
    expect(all).toMatch(/\[r2:units\] Error: 97110: bill 1 unit, not 2[^[]*units\.over-billed: 97110 has 2 units entered, but its 8 minutes support 1 unit/);
    expect(all).not.toMatch(/minutes\.(missing|unreadable)|modifier\.|code\.suggest/);
    let evaluation = await storedEvaluation();
    expect(evaluation.method).toBe('per-code');
    expect(evaluation.totalTimedMinutes).toBe(43);
    expect(evaluation.lines.map((l) => `${l.code}x${l.units} ${l.modifiers.join(',')}`)).toEqual(['97530x2 GO', '97535x1 GO', '97110x1 GO']);
    // The error is on the Units field to change, not on the note the minutes were read from;
    // one marker per field, each drawn on top beside its field, none over another input.
    await page.locator('input[name="units-97110"]').scrollIntoViewIfNeeded();
    await expect.poll(async () => (await placements(page)).find((p) => p.rule === 'units.over-billed')?.element).toBe('input[name=units-97110]');
    const marks = await placements(page);
    expect(new Set(marks.map((m) => m.elementIndex)).size).toBe(marks.length);
    expectWellPlaced(marks.filter((m) => m.shown), expect);
    expect(marks.some((m) => m.element === 'textarea#note-o' && m.rule === 'units.over-billed')).toBe(false);

    // The therapist corrects the 97110 units: the over-billing marker goes.
    await page.fill('input[name="units-97110"]', '1');
    all = await waitForBadges(page, (a) => !a.includes('units.over-billed'), 'the over-billing marker to go');
    expect(all).not.toMatch(/units\.(over|under)-billed/);

    // Typing in the note reads the note's box, not the page again: a sentence in the Assessment
    // (no minutes in it), key by key, then the Objective's transfers shortened to 10:05-10:16
    // (11 min): 2 units of 97530 are now too many.
    const detected = (await detectionCount(page))!;
    await page.locator('#note-a').press('Control+End');
    await page.locator('#note-a').pressSequentially(' Good rehab potential.', { delay: 20 });
    const objective = await page.inputValue('#note-o');
    await page.fill('#note-o', objective.replace('10:05-10:28', '10:05-10:16'));
    all = await waitForBadges(page, (a) => a.includes('units.over-billed: 97530'), 'units.over-billed on 97530');
    expect(all).toMatch(/\[r0:units\][^[]*units\.over-billed: 97530 has 2 units entered, but its 11 minutes support 1 unit/);
    evaluation = await storedEvaluation();
    expect(evaluation.totalTimedMinutes).toBe(31);
    expect((await detectionCount(page))! - detected).toBe(0);

    // Only the two values the test typed differ; nothing was added to or changed on the page.
    const after = await hostDom(page);
    expect(after.length).toBe(before.length);
    const changed = after.map((a, i) => [before[i]!, a] as const).filter(([b, a]) => a !== b && !/id=note-a /.test(a));
    expect(changed).toHaveLength(2);
    expect(after.find((a) => /id=note-a /.test(a))).toMatch(/requires min verbal cues for sequencing of LE dressing\. Good rehab potential\.>?$/);
    expect(changed[0]![0]).toMatch(/id=note-o .* value=Therapeutic activities: functional transfers sit to stand x10 for safe return home, 10:05-10:28\n/);
    expect(changed[0]![1]).toMatch(/id=note-o .* value=Therapeutic activities: functional transfers sit to stand x10 for safe return home, 10:05-10:16\n/);
    expect(changed[1]![0]).toMatch(/name=units-97110 value=2 value=2>$/);
    expect(changed[1]![1]).toMatch(/name=units-97110 value=2 value=1>$/);

    const external = env.requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('chrome-extension://'));
    expect(external).toEqual([]);
    await page.close();
  });
});
