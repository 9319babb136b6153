import { describe, expect, it } from 'vitest';
import { alwaysOnOrigins, parseDevOrigins } from '../lib/dev-origins';

// UNITWISE_DEV_ORIGINS: the only way a build gets always-on origins (demo and tests).
describe('UNITWISE_DEV_ORIGINS', () => {
  it('none when unset or empty: the shipped build', () => {
    expect(parseDevOrigins(undefined)).toEqual([]);
    expect(parseDevOrigins(' , ')).toEqual([]);
  });
  it('exactly the listed host patterns, once each', () => {
    expect(parseDevOrigins('http://127.0.0.1/*, http://localhost/*,http://localhost/*')).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });
  it.each(['<all_urls>', 'http://*/*', '*://*/*', 'https://*/*', 'localhost', 'http://localhost', 'ftp://x/*'])('refuses %s: a build fails rather than run everywhere', (p) => {
    expect(() => parseDevOrigins(p)).toThrow(/UNITWISE_DEV_ORIGINS: .* is not a match pattern for one host/);
  });
  it('reads the always-on origins from a built manifest', () => {
    expect(alwaysOnOrigins({})).toEqual([]);
    expect(alwaysOnOrigins({ content_scripts: [{ matches: ['http://127.0.0.1/*'] }, { matches: ['http://127.0.0.1/*', 'http://localhost/*'] }] })).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });
});
