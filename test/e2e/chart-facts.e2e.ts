// The chart's patient and payer are the ones in view, in Chromium's own layout: a banner the
// page keeps hidden by a class (a chart opened before) or a schedule in a side bar must not name
// the visit (lib/live/chart-facts.ts; found by a red-team pass).
import { describe, expect, it } from 'vitest';
import { extensionReady, storedFor, tabIdOf, useDemoBrowser } from './session';
import { patientTag } from '../../lib/extract/read';

const env = useDemoBrowser();

describe('a banner kept hidden and a schedule beside the chart (test/fixtures/ehr/stale-banner.html)', () => {
  it('the stored visit is Ann’s, billed to Medicare, not Bob’s or Aetna', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/stale-banner.html`;
    await page.goto(url);
    const ext = await extensionReady(env);
    const tabId = await tabIdOf(ext, url);
    const stored = async () => {
      const s = await storedFor<{ visit?: { patientTag?: string; payer?: string; entries?: unknown[] } }>(ext, tabId);
      return s?.visit?.entries?.length ? { patient: s.visit.patientTag, payer: s.visit.payer } : null;
    };
    await expect.poll(stored, { timeout: 10_000 }).toEqual({ patient: patientTag('ann lee'), payer: 'Medicare Part B' });
    await ext.close();
    await page.close();
  });
});
