import { describe, expect, it } from 'vitest';
import { auditBuild } from '../../scripts/audit-build';

// The shipped builds themselves (run after `wxt build` and `wxt build -b firefox`): manifests
// no broader than needed, and no network API anywhere in the bundled JavaScript.
describe('the built extensions', () => {
  it('Chrome and Firefox manifests are least privilege and no bundle holds a network call', () => {
    expect(auditBuild('.')).toEqual([]);
  });
});
