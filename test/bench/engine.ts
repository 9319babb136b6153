import os from 'node:os';
import { checkFiles } from '../../lib/batch/check';
import { parseCsv } from '../../lib/csv';
import { readVisits } from '../../lib/batch/read-visits';
import { builtInRuleData } from '../../lib/rules/data';
import { evaluate } from '../../lib/rules/evaluate';
import { generateVisits, visitsToCsv } from './generate';
import type { Figure } from './report';

// The engine and the biller's batch: evaluate on 100,000 generated visits, and the whole
// `npm run check` pipeline on them as CSV and JSON, beside parsing alone on the same data.

export function benchEngine(): { figures: Figure[]; detail: Record<string, unknown> } {
  const COUNT = Number(process.env.BENCH_VISITS ?? 100_000);
  const RUNS = Number(process.env.BENCH_RUNS ?? 3);

  function best(fn: () => void): number {
    let min = Infinity;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      fn();
      min = Math.min(min, performance.now() - t);
    }
    return min;
  }

  const visits = generateVisits(COUNT);
  const json = JSON.stringify(visits);
  const csv = visitsToCsv(visits);
  const entries = visits.reduce((n, v) => n + v.entries.length, 0);
  builtInRuleData(); // load and validate the tables once, as the worker does

  let sink = 0;
  const quiet = { json: true, write: (chunk: string) => void (sink += chunk.length), warn: () => {} };

  const ms = {
    jsonParse: best(() => void JSON.parse(json)),
    csvParse: best(() => void parseCsv(csv)),
    evaluate: best(() => {
      for (const v of visits) sink += evaluate(v).findings.length;
    }),
    readJson: best(() => void readVisits(json, 'visits.json')),
    readCsv: best(() => void readVisits(csv, 'visits.csv')),
    checkJson: best(() => void checkFiles([{ name: 'visits.json', text: json }], quiet)),
    checkCsv: best(() => void checkFiles([{ name: 'visits.csv', text: csv }], quiet)),
    stringifyOutput: 0,
  };
  // Last, and dropped after: 100,000 evaluations kept alive make every other step pay for
  // the garbage collector walking them (evaluate measured 2.3× slower with them in memory).
  let outputBytes = 0;
  {
    const evaluations = visits.map((v) => evaluate(v));
    ms.stringifyOutput = best(() => {
      outputBytes = 0;
      for (const e of evaluations) outputBytes += JSON.stringify(e).length + 1;
    });
  }


  const perSec = (ms: number) => Math.round((COUNT / ms) * 1000);
  const g = 'engine and batch (100,000 visits)';
  const scale = COUNT === 100_000 ? '' : ` (${COUNT.toLocaleString('en-US')} visits)`;
  const figures: Figure[] = [
    { group: g, measure: `evaluate: visits per second${scale}`, value: perSec(ms.evaluate), unit: 'visits/s' },
    { group: g, measure: 'JSON.parse alone', value: ms.jsonParse, unit: 'ms' },
    { group: g, measure: 'CSV parse alone', value: ms.csvParse, unit: 'ms' },
    { group: g, measure: 'evaluate vs JSON.parse', value: ms.evaluate / ms.jsonParse, unit: '×', budget: 3 },
    { group: g, measure: 'whole check on JSON vs JSON.parse', value: ms.checkJson / ms.jsonParse, unit: '×', budget: 3 },
    { group: g, measure: 'whole check on CSV vs CSV parse', value: ms.checkCsv / ms.csvParse, unit: '×', budget: 3 },
    { group: g, measure: 'JSON Lines output alone (stringify the evaluations) vs JSON.parse', value: ms.stringifyOutput / ms.jsonParse, unit: '×' },
    { group: g, measure: `whole check on the CSV batch${scale}`, value: ms.checkCsv / 1000, unit: 's', budget: 5, strict: true },
  ];
  if (sink < 0) console.log(sink);
  return { figures, detail: { node: process.version, cores: os.cpus().length, visits: COUNT, entries, runs: RUNS, outputBytes, ms } };
}
