import { describe, expect, it } from 'vitest';
import { openPanel, useDemoBrowser } from './session';
import { badges } from './dom';

// One patient's PT (GP) and OT (GO) lines in one table, in Chromium with the built extension
// (test/fixtures/ehr/two-plans.html): each plan's minutes are counted on their own, so the 4
// units entered are right (PT: CPM §20.2 Example 3, 97110 ×2 and 97140 ×1; OT: 97535 ×1 for 10
// minutes). Counted together the panel said "over-billed" and marked 97140.

const env = useDemoBrowser();

describe('PT and OT lines of one visit in the side panel', () => {
  it('the claim keeps each plan’s lines with its modifier, and nothing is over-billed', async () => {
    const page = await env.context.newPage();
    await page.goto(`${env.server.url}/two-plans.html`);
    const panel = await openPanel(env, `${env.server.url}/two-plans.html`, 360);
    const claim = panel.getByRole('table', { name: 'Suggested claim lines' });
    await claim.waitFor({ timeout: 10_000 });
    const text = (await claim.textContent())!;
    expect(text).toMatch(/97110.*2.*GP.*97140.*1.*GP.*97535.*1.*GO/s);
    expect(await panel.locator('.visit-line').textContent()).toBe('Medicare Part B · CMS 8-minute rule · 50 min → 4 units (2 plans of care) · 2026-11-20');
    expect(await panel.locator('[data-rule="units.over-billed"]').count()).toBe(0);
    expect(await panel.locator('[data-rule="units.not-billable"]').count()).toBe(0);
    // No marker on the form asks for a change of units: one note says the visit's 50 minutes
    // for 4 units average 12.5 a unit (said once for the visit, not per plan).
    const marks = await badges(page);
    expect(marks.filter((b) => /^units\./.test(b.rule)).map((b) => b.rule)).toEqual(['units.low-average']);
    expect(marks.find((b) => b.rule === 'units.low-average')!.text).toMatch(/12\.5 minutes per billed timed unit \(50 minutes, 4 units\)/);
    // Each line's units say which plan's minutes they come from.
    await panel.getByText('How units were counted').click();
    const reasons = (await panel.getByRole('list', { name: "Each line's units" }).textContent())!;
    expect(reasons).toMatch(/97110: PT plan of care \(GP lines\): 40 total timed minutes → 3 units/);
    expect(reasons).toMatch(/97535: OT plan of care \(GO lines\): 10 total timed minutes → 1 unit/);
    expect(await panel.locator('.counted dd').nth(2).textContent()).toBe('50 min → 4 units (PT 40 min → 3, OT 10 min → 1, each plan of care counted on its own)');
    expect(await panel.locator('.verdict').textContent()).toMatch(/^✓/);
    if (process.env.UNITWISE_SHOTS) await panel.screenshot({ path: `${process.env.UNITWISE_SHOTS}/two-plans.png`, fullPage: true });
    await panel.close();
    await page.close();
  });
});
