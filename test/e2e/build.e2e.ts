import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditBuild } from '../../scripts/audit-build';
import { DEV_ORIGINS_ENV, DEV_OUT_DIR, alwaysOnOrigins, parseDevOrigins } from '../../lib/dev-origins';

// The builds under test (made by `npm test` with UNITWISE_DEV_ORIGINS after the shipped build
// was audited without it): manifests no broader than needed, and no network API anywhere in
// the bundled JavaScript. The shipped build's own audit (no fixed host at all) runs in
// scripts/test.sh before this build replaces it.
describe('the built extensions', () => {
  it('Chrome and Firefox manifests are least privilege and no bundle holds a network call', () => {
    expect(auditBuild('.')).toEqual([]);
  });

  it('the content script is always on exactly the dev origins this build was made with, and nowhere else', () => {
    const dev = parseDevOrigins(process.env[DEV_ORIGINS_ENV]);
    for (const dir of [`${DEV_OUT_DIR}/chrome-mv3`, `${DEV_OUT_DIR}/firefox-mv2`]) {
      const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8'));
      expect(alwaysOnOrigins(manifest).sort(), dir).toEqual([...dev].sort());
    }
  });

  it('the built content scripts hold no zod (the rules and their schemas are the worker\'s)', () => {
    // The built bundles, as WXT makes them (test/audit/content-bundle.test.ts asks esbuild, which
    // would not see a module WXT adds itself).
    for (const dir of [`${DEV_OUT_DIR}/chrome-mv3`, `${DEV_OUT_DIR}/firefox-mv2`]) {
      const content = readFileSync(`${dir}/content-scripts/content.js`, 'utf8');
      expect(content.length, dir).toBeGreaterThan(10_000);
      for (const mark of ['ZodError', '$ZodType', 'safeParse']) expect(content.includes(mark), `${dir}: ${mark}`).toBe(false);
    }
    // The worker does validate with zod: the marks are zod's.
    expect(readFileSync(`${DEV_OUT_DIR}/chrome-mv3/background.js`, 'utf8')).toContain('ZodError');
  });
});
