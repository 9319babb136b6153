import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';

// The content script runs on every page a practice grants, and is evaluated at every load: it
// holds the reader and the overlay, not the rules. The rule data and its zod schemas are the
// worker's (it validates every message and file); pulled in by one pure helper (a payer's name),
// they made the content script three times as big and added zod's schema building and the data
// files' validation to every page load.

async function contentInputs(): Promise<string[]> {
  const result = await build({
    entryPoints: ['entrypoints/content/index.ts'],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    outfile: 'content.js',
    alias: { '@': '.' },
    external: ['virtual:unitwise-vocabulary', 'wxt/*'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile!.outputs['content.js']!.inputs);
}

describe('the content script bundle', () => {
  it('holds no zod and none of the rules or their data files', async () => {
    const inputs = await contentInputs();
    expect(inputs.some((i) => i.startsWith('lib/extract/'))).toBe(true);
    expect(inputs.filter((i) => i.includes('node_modules/zod/'))).toEqual([]);
    // A data file read as plain JSON (a threshold the reader names) is no rule.
    expect(inputs.filter((i) => i.startsWith('lib/rules/') && !i.endsWith('.json'))).toEqual([]);
  });
});
