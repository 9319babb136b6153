import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateVisits, visitsToCsv } from './generate';
import { median, type Figure } from './report';

// The biller's batch check as a biller runs it (issue 14): `npm run check` on a CSV export of
// 100,000 and 1,000,000 visits, in its own process, beside a plain streaming papaparse parse of
// the same file in its own process. CPU time (user + system) and peak memory (max RSS) as
// /usr/bin/time reports them for each process, so start-up counts too. The check runs as
// `npm run check` does (node scripts/check.mjs: the CLI bundled once by esbuild), without npm's
// own start; its bundle is built before the first timed run.

const SIZES = (process.env.BENCH_BATCH_VISITS ?? '100000,1000000').split(',').map(Number);
/** Runs of each process per size, papaparse and the check in turn (so drift falls on both): medians are reported. */
const RUNS = Number(process.env.BENCH_BATCH_RUNS ?? 3);
const GROUP = 'batch check (`npm run check`, CSV)';
/** Visits generated per chunk: the generator holds only this many in memory. */
const CHUNK = 20_000;

/** A CSV export of `count` visits (the generator's layout), written chunk by chunk. */
async function writeExport(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  for (let done = 0, chunk = 0; done < count; done += CHUNK, chunk++) {
    const visits = generateVisits(Math.min(CHUNK, count - done), 42 + chunk);
    // Ids unique across chunks (the generator numbers each chunk from 0).
    for (const v of visits) v.id = `C${chunk}-${v.id}`;
    const text = visitsToCsv(visits);
    if (!out.write(chunk === 0 ? text : text.slice(text.indexOf('\n') + 1))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  ok: boolean;
}

/** Runs a command under /usr/bin/time: wall, CPU and peak memory of that process alone. */
function timed(command: string[], env?: Record<string, string>): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...command], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, user, sys, rss] = last.split(' ').map(Number);
  return { seconds: wall!, cpuSeconds: user! + sys!, maxRssMb: rss! / 1024, ok: r.status === 0 || r.status === 1 };
}

/** papaparse streaming the file, every row handed to a callback that keeps nothing. */
const PAPA = `const Papa = require('papaparse'); const fs = require('fs'); let n = 0;
  Papa.parse(fs.createReadStream(process.argv[1]), { step: () => { n++; }, complete: () => { if (n < 1) process.exit(3); } });`;

export async function benchBatch(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'unitwise-batch-'));
  const figures: Figure[] = [];
  // Builds the CLI's bundle if a source changed, so no timed run pays for it.
  if (spawnSync(process.execPath, ['scripts/check.mjs', '--help'], { stdio: 'ignore' }).status !== 0) throw new Error('batch bench: node scripts/check.mjs --help failed');
  try {
    for (const count of SIZES) {
      const file = join(dir, `visits-${count}.csv`);
      await writeExport(file, count);
      const mb = statSync(file).size / 1e6;
      const label = `${count.toLocaleString('en-US')} visits (${mb.toFixed(0)} MB)`;
      const papas: Run[] = [];
      const checks: Run[] = [];
      // The same check kept to one thread (UNITWISE_CHECK_THREADS=0), interleaved, at the smaller
      // size only: what the worker threads gain in wall time and cost in CPU.
      const single: Run[] = [];
      const oneThread = count === SIZES[0];
      for (let run = 0; run < RUNS; run++) {
        papas.push(timed([process.execPath, '-e', PAPA, file]));
        checks.push(timed([process.execPath, 'scripts/check.mjs', '--json', file]));
        if (oneThread) single.push(timed([process.execPath, 'scripts/check.mjs', '--json', file], { UNITWISE_CHECK_THREADS: '0' }));
      }
      if (![...papas, ...checks, ...single].every((r) => r.ok)) throw new Error('batch bench: a run failed');
      const mid = (runs: Run[], key: 'seconds' | 'cpuSeconds' | 'maxRssMb') => median(runs.map((r) => r[key]));
      const range = (runs: Run[], key: 'seconds' | 'cpuSeconds' | 'maxRssMb', unit: string) => {
        const values = runs.map((r) => r[key]).sort((a, b) => a - b);
        return `median of ${runs.length}, ${values[0]!.toFixed(2)}–${values.at(-1)!.toFixed(2)} ${unit}`;
      };
      const ratios = checks.map((c, i) => c.cpuSeconds / papas[i]!.cpuSeconds);
      figures.push(
        { group: GROUP, measure: `${label}: papaparse alone, CPU (its own process)`, value: mid(papas, 'cpuSeconds'), unit: 's', note: range(papas, 'cpuSeconds', 's') },
        { group: GROUP, measure: `${label}: whole check, CPU`, value: mid(checks, 'cpuSeconds'), unit: 's', note: range(checks, 'cpuSeconds', 's') },
        { group: GROUP, measure: `${label}: whole check, wall time`, value: mid(checks, 'seconds'), unit: 's', budget: count <= 100_000 ? 5 : undefined, note: range(checks, 'seconds', 's') },
        { group: GROUP, measure: `${label}: whole check vs papaparse, CPU`, value: median(ratios), unit: '×', budget: 3, note: `median of each run's ratio, ${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)} ×` },
        { group: GROUP, measure: `${label}: whole check, peak memory`, value: mid(checks, 'maxRssMb'), unit: 'MB', note: range(checks, 'maxRssMb', 'MB') },
        ...(single.length
          ? [
              { group: GROUP, measure: `${label}: on one thread (UNITWISE_CHECK_THREADS=0), wall time`, value: mid(single, 'seconds'), unit: 's', note: `${range(single, 'seconds', 's')}; CPU ${mid(single, 'cpuSeconds').toFixed(2)} s, ${mid(single, 'maxRssMb').toFixed(0)} MB` },
            ]
          : []),
        { group: GROUP, measure: `${label}: papaparse alone, peak memory`, value: mid(papas, 'maxRssMb'), unit: 'MB' },
      );
      rmSync(file);
    }
    // Constant memory: the peak at the largest size over the peak at the smallest.
    const peaks = figures.filter((f) => f.measure.endsWith('whole check, peak memory')).map((f) => f.value);
    if (peaks.length > 1) figures.push({ group: GROUP, measure: `peak memory at ${SIZES.at(-1)!.toLocaleString('en-US')} vs ${SIZES[0]!.toLocaleString('en-US')} visits (1 = constant)`, value: peaks.at(-1)! / peaks[0]!, unit: '×', budget: 1.5 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
