// npm run bench: how fast the engine and the batch check are, beside parsing alone on the
// same data. Prints a table and writes bench-results.json. Not a test: figures vary by machine.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { checkFiles } from '../../lib/batch/check';
import { parseCsv } from '../../lib/csv';
import { readVisits } from '../../lib/batch/read-visits';
import { builtInRuleData } from '../../lib/rules/data';
import { evaluate } from '../../lib/rules/evaluate';
import { generateVisits, visitsToCsv } from './generate';

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

const evaluations = visits.map((v) => evaluate(v));
let outputBytes = 0;
const figures = {
  stringifyOutput: best(() => {
    outputBytes = 0;
    for (const e of evaluations) outputBytes += JSON.stringify(e).length + 1;
  }),
  jsonParse: best(() => void JSON.parse(json)),
  csvParse: best(() => void parseCsv(csv)),
  evaluate: best(() => {
    for (const v of visits) sink += evaluate(v).findings.length;
  }),
  readJson: best(() => void readVisits(json, 'visits.json')),
  readCsv: best(() => void readVisits(csv, 'visits.csv')),
  checkJson: best(() => void checkFiles([{ name: 'visits.json', text: json }], quiet)),
  checkCsv: best(() => void checkFiles([{ name: 'visits.csv', text: csv }], quiet)),
};

const perSec = (ms: number) => Math.round((COUNT / ms) * 1000);
const TARGET = 3;
const rows = [
  { what: 'JSON.parse alone (JSON array)', ms: figures.jsonParse },
  { what: 'CSV parse alone (parseCsv)', ms: figures.csvParse },
  { what: 'evaluate only (parsed visits)', ms: figures.evaluate, vs: figures.jsonParse, vsName: 'JSON.parse' },
  { what: 'read + validate JSON (no rules)', ms: figures.readJson, vs: figures.jsonParse, vsName: 'JSON.parse' },
  { what: 'read CSV into visits (no rules)', ms: figures.readCsv, vs: figures.csvParse, vsName: 'CSV parse' },
  { what: 'JSON Lines output alone (stringify the evaluations)', ms: figures.stringifyOutput, vs: figures.jsonParse, vsName: 'JSON.parse' },
  { what: 'check pipeline on JSON (read, validate, evaluate, JSON Lines out)', ms: figures.checkJson, vs: figures.jsonParse, vsName: 'JSON.parse' },
  { what: 'check pipeline on CSV (read, evaluate, JSON Lines out)', ms: figures.checkCsv, vs: figures.csvParse, vsName: 'CSV parse' },
];

console.log(`Unitwise bench: ${COUNT.toLocaleString('en-US')} generated visits, ${entries.toLocaleString('en-US')} entries; JSON ${(json.length / 1e6).toFixed(1)} MB, CSV ${(csv.length / 1e6).toFixed(1)} MB; best of ${RUNS}; node ${process.version}, ${os.cpus().length} cores`);
console.log('');
console.log(`${'step'.padEnd(68)} ${'ms'.padStart(8)} ${'visits/s'.padStart(10)}  × parsing`);
for (const r of rows) {
  const ratio = r.vs ? `${(r.ms / r.vs).toFixed(2)}× ${r.vsName}` : '';
  console.log(`${r.what.padEnd(68)} ${r.ms.toFixed(0).padStart(8)} ${perSec(r.ms).toLocaleString('en-US').padStart(10)}  ${ratio}`);
}
const evalRatio = figures.evaluate / figures.jsonParse;
const csvRatio = figures.checkCsv / figures.csvParse;
const jsonRatio = figures.checkJson / figures.jsonParse;
console.log(`\noutput: ${(outputBytes / 1e6).toFixed(0)} MB of JSON Lines (${(outputBytes / json.length).toFixed(1)}× the JSON input): every finding carries its message, action and source`);
console.log('');
console.log(`target: checking costs no more than ${TARGET}× parsing`);
console.log(`  evaluate vs JSON.parse:            ${evalRatio.toFixed(2)}×  ${evalRatio <= TARGET ? 'PASS' : 'FAIL'}`);
console.log(`  whole check on CSV vs CSV parse:   ${csvRatio.toFixed(2)}×  ${csvRatio <= TARGET ? 'PASS' : 'FAIL'}`);
console.log(`  whole check on JSON vs JSON.parse: ${jsonRatio.toFixed(2)}×  ${jsonRatio <= TARGET ? 'PASS' : 'FAIL'}`);

writeFileSync(
  'bench-results.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: os.cpus().length, visits: COUNT, entries, runs: RUNS, outputBytes, ms: figures, visitsPerSecond: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, perSec(v)])), ratios: { evaluateVsJsonParse: evalRatio, checkCsvVsCsvParse: csvRatio, checkJsonVsJsonParse: jsonRatio }, target: TARGET }, null, 2)}\n`,
);
if (sink < 0) console.log(sink);
