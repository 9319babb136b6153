import type { Plugin } from 'vite';

// papaparse carries a NetworkStreamer (for `download: true`) built on XMLHttpRequest. Unitwise
// never downloads (lib/batch hands papaparse text), and the build audit allows no network API
// in any bundle: this replaces the streamer's request with a throw at build time, so the
// shipped code cannot make one even if called. Applied to the page's and the workers' bundles.

const PAPAPARSE = /[\\/]node_modules[\\/]papaparse[\\/]papaparse(?:\.min)?\.js$/;
export const NETWORK_DISABLED = 'network disabled in Unitwise';
const STUB = `(function(){throw new Error(${JSON.stringify(NETWORK_DISABLED)})})()`;

/** papaparse's source with its one network request replaced; throws if the source changed shape. */
export function stripPapaparseNetwork(code: string): string {
  const out = code.replace(/new XMLHttpRequest(?:\(\))?/g, STUB);
  if (out === code || out.includes('XMLHttpRequest')) {
    // A papaparse upgrade moved it: fail the build rather than ship a network call or silently skip.
    throw new Error('no-network plugin: papaparse no longer has exactly the expected "new XMLHttpRequest"; update scripts/no-network-plugin.ts');
  }
  return out;
}

export function noNetworkPlugin(): Plugin {
  return {
    name: 'unitwise-no-network',
    enforce: 'pre',
    transform(code, id) {
      if (!PAPAPARSE.test(id.split('?')[0]!)) return null;
      return { code: stripPapaparseNetwork(code), map: null };
    },
  };
}
