import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { serveDemo } from '../test/e2e/server';
import { vocabulary } from './vocabulary-plugin';
const { codes, phrases } = vocabulary();
const result = await build({
  stdin: { contents: `import { PageSession } from './lib/live/page-session'; import { vocabularyOptions } from './lib/extract/read';
    import { detectRows } from './lib/extract/detect';
    const options = { profiles: [], shown: (el) => el.checkVisibility(), ...vocabularyOptions(${JSON.stringify(codes)}, ${JSON.stringify(phrases)}) };
    window.__read = () => { const s = new PageSession(document, () => options); const u = s.flush(); return u.visits.length; };
    window.__detect = () => detectRows(document, options).rows.length;`, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true, format: 'iife', write: false, target: 'chrome120' });
const server = await serveDemo();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const q of ['visits=20&rows=20', 'visits=100&rows=40']) {
  const p = await browser.newPage();
  await p.goto(`${server.url}/day-sheet.html?${q}`);
  await p.addScriptTag({ content: result.outputFiles[0]!.text });
  const t = await p.evaluate(() => { const out: number[] = []; const d: number[] = []; for (let i = 0; i < 7; i++) { let s = performance.now(); (window as any).__read(); out.push(performance.now() - s); s = performance.now(); (window as any).__detect(); d.push(performance.now() - s); } return { read: out.map((x) => Math.round(x)), detect: d.map((x) => Math.round(x)) }; });
  console.log(q, JSON.stringify(t));
}
await browser.close(); await server.close();
