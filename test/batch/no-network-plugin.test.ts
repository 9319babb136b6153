import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { networkCalls } from '../../lib/audit/build-audit';
import { NETWORK_DISABLED, noNetworkPlugin, stripPapaparseNetwork } from '../../scripts/no-network-plugin';

// papaparse's download streamer is the only network API in the Batch page's dependencies; the
// build plugin replaces it with a throw (the built bundles are checked in test/e2e/batch.e2e.ts).

describe('no-network plugin', () => {
  it.each(['papaparse.js', 'papaparse.min.js'])('removes the XMLHttpRequest from %s and nothing else', (file) => {
    const code = readFileSync(`node_modules/papaparse/${file}`, 'utf8');
    expect(networkCalls(code).map((c) => c.api)).toEqual(['XMLHttpRequest']);
    const out = stripPapaparseNetwork(code);
    expect(networkCalls(out)).toEqual([]);
    expect(out).toContain(NETWORK_DISABLED);
    // Only the request was touched: the rest of the source is the same length give or take the stub.
    expect(Math.abs(out.length - code.length)).toBeLessThan(100);
  });

  it('the stub throws when reached', () => {
    const stubbed = stripPapaparseNetwork('function load(){ var xhr = new XMLHttpRequest(); return xhr; }');
    expect(() => new Function(`${stubbed}; return load();`)()).toThrow(NETWORK_DISABLED);
  });

  it('fails the build if papaparse changes shape, rather than shipping or skipping silently', () => {
    expect(() => stripPapaparseNetwork('var x = 1;')).toThrow(/no longer has/);
    expect(() => stripPapaparseNetwork('new XMLHttpRequest(); XMLHttpRequest.DONE')).toThrow(/no longer has/);
  });

  it('transforms papaparse only', () => {
    const plugin = noNetworkPlugin();
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
    expect(transform('new XMLHttpRequest()', '/x/node_modules/papaparse/papaparse.min.js')?.code).toContain(NETWORK_DISABLED);
    expect(transform('new XMLHttpRequest()', '/x/lib/other.js')).toBeNull();
  });
});
