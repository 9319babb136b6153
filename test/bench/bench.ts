// npm run bench: every performance figure with its budget, side by side in one run, printed
// as a table and written to bench-results.json. Not a test: figures vary by machine; the
// budgets are issue 6's. Needs the built extension (`npm run bench` builds it first).
//   BENCH_ONLY=engine,batch,read,browser,size,live   run some groups only
//   BENCH_VISITS, BENCH_RUNS, BENCH_KEYSTROKES, BENCH_WARNINGS, BENCH_BATCH_VISITS=100000,1000000   smaller runs while iterating
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchBatch } from './batch';
import { benchBrowser } from './browser';
import { benchEngine } from './engine';
import { benchLive, LIVE_GROUPS } from './live';
import { benchReadHappyDom } from './read-happy-dom';
import { table, verdict, type Figure } from './report';
import { benchSize } from './size';

const only = new Set((process.env.BENCH_ONLY ?? 'engine,batch,read,browser,size,live').split(','));
const figures: Figure[] = [];
let engineDetail: Record<string, unknown> | undefined;

if (only.has('live')) figures.push(...(await benchLive()));
if (only.has('browser')) figures.push(...(await benchBrowser()));
if (only.has('read')) figures.push(...(await benchReadHappyDom()));
if (only.has('engine')) {
  const engine = benchEngine();
  figures.push(...engine.figures);
  engineDetail = engine.detail;
}
if (only.has('batch')) figures.push(...(await benchBatch()));
if (only.has('size')) figures.push(...benchSize());

const order = [...LIVE_GROUPS, 'keystroke to warning (demo flowsheet)', 'first read', 'engine and batch (100,000 visits)', 'batch check (`npm run check`, CSV)', 'size and memory'];
figures.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));

console.log(`Unitwise bench, ${new Date().toISOString()}: node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}\n`);
console.log(table(figures));
const failed = figures.filter((f) => verdict(f) === 'FAIL');
console.log(`\n${figures.filter((f) => verdict(f)).length - failed.length} budgets met, ${failed.length} missed${failed.length ? `: ${failed.map((f) => f.measure).join('; ')}` : ''}`);

writeFileSync(
  'bench-results.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: os.cpus().length, figures: figures.map((f) => ({ ...f, result: verdict(f) || undefined })), engine: engineDetail }, null, 2)}\n`,
);
