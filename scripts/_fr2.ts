import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { serveDemo } from '../test/e2e/server';
import { vocabulary } from './vocabulary-plugin';
const { codes, phrases } = vocabulary();
const result = await build({
  stdin: { contents: `import { vocabularyOptions } from './lib/extract/read';
    import { detectRows } from './lib/extract/detect';
    const base = { profiles: [], ...vocabularyOptions(${JSON.stringify(codes)}, ${JSON.stringify(phrases)}) };
    window.__detect = (vis) => detectRows(document, vis ? { ...base, shown: (el) => el.checkVisibility() } : base).rows.length;`, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true, format: 'iife', write: false, target: 'chrome120' });
const server = await serveDemo();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const q of ['day-sheet.html?visits=20&rows=20', 'huge.html?rows=400&mb=0']) {
  const p = await browser.newPage();
  await p.goto(`${server.url}/${q}`);
  await p.addScriptTag({ content: result.outputFiles[0]!.text });
  const t = await p.evaluate(() => { const a: number[] = []; const b: number[] = []; for (let i = 0; i < 7; i++) { let s = performance.now(); (window as any).__detect(true); a.push(performance.now() - s); s = performance.now(); (window as any).__detect(false); b.push(performance.now() - s); } return { vis: a.map(Math.round), novis: b.map(Math.round) }; });
  console.log(q, JSON.stringify(t));
}
await browser.close(); await server.close();
