import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { serveDemo } from '../test/e2e/server';
import { vocabulary } from './vocabulary-plugin';
const { codes, phrases } = vocabulary();
const result = await build({
  stdin: { contents: `import { vocabularyOptions } from './lib/extract/read';
    import { PageSession } from './lib/live/page-session';
    const base = { profiles: [], shown: (el) => el.checkVisibility(), ...vocabularyOptions(${JSON.stringify(codes)}, ${JSON.stringify(phrases)}) };
    window.__read = () => new PageSession(document, () => base).flush();`, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true, format: 'iife', write: false, target: 'chrome120', keepNames: true });
const server = await serveDemo();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await browser.newPage();
await p.goto(`${server.url}/day-sheet.html?visits=20&rows=20`);
await p.addScriptTag({ content: result.outputFiles[0]!.text });
await p.evaluate(() => { for (let i = 0; i < 5; i++) (window as any).__read(); });
const cdp = await p.context().newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const ms = await p.evaluate(() => { const s = performance.now(); for (let i = 0; i < 20; i++) (window as any).__read(); return (performance.now() - s) / 20; });
const { profile } = await cdp.send('Profiler.stop') as any;
console.log('ms per read', ms.toFixed(1));
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const counts = new Map<number, number>();
for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
for (const [id, c] of counts) { const n: any = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + c); }
const total = profile.samples.length;
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / total * 100).toFixed(1)}% ${k}`).join('\n'));
await browser.close(); await server.close();
