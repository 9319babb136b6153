// npm run import -- FILES… [--out FILE]
//
// Builds a Unitwise data pack from the practice's copies of the CMS quarterly files (the four
// practitioner PTP files ccipra-vNNNrN-f1…f4.TXT and/or the practitioner MUE CSV), keeping only
// rows that involve a code in lib/rules/data/catalog.json. The parsing is lib/import, the same
// code the options page can run in the browser.
//
// Exit codes: 0 pack written; 1 usage error or internal error; 2 a file could not be read, was
// not recognised or yielded no rows (no pack is written: an incomplete pack would silently
// replace the built-in tables with less).

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataPack, catalogCodes, problemText, type ImportFile } from '../lib/import/pack';
import { DataPack } from '../lib/rules/data/schema';

const USAGE = `usage: npm run import -- FILE… [--out FILE]

  FILE   CMS practitioner PTP text files (ccipra-vNNNrN-f1.TXT … f4.TXT, unzipped)
         and/or the practitioner MUE table (MCR_MUE_PractitionerServices_Eff_MM-DD-YYYY.csv)
  --out  where to write the pack (default: unitwise-data-pack.json)`;

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

function parseArgs(argv: string[]): { files: string[]; out: string } {
  const files: string[] = [];
  let out = 'unitwise-data-pack.json';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--out' || a === '-o') {
      const v = argv[++i];
      if (!v) fail(1, `--out needs a file name\n\n${USAGE}`);
      out = v;
    } else if (a.startsWith('--out=')) out = a.slice('--out='.length);
    else if (a === '--') continue;
    else if (a.startsWith('-')) fail(1, `unknown option ${a}\n\n${USAGE}`);
    else files.push(a);
  }
  if (files.length === 0) fail(1, USAGE);
  return { files, out };
}

function loadKeepSet(): Set<string> {
  const path = resolve(dirname(fileURLToPath(import.meta.url)), '../lib/rules/data/catalog.json');
  let catalog: unknown;
  try {
    catalog = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(1, `cannot read the code catalog ${path}: ${(e as Error).message}`);
  }
  const codes = catalogCodes(catalog);
  if (codes.size === 0) fail(1, `the code catalog ${path} lists no codes`);
  return codes;
}

function main(): void {
  const { files, out } = parseArgs(process.argv.slice(2));
  const keepSet = loadKeepSet();

  const inputs: ImportFile[] = [];
  const unreadable: string[] = [];
  for (const path of files) {
    try {
      inputs.push({ name: basename(path), bytes: readFileSync(path) });
    } catch (e) {
      unreadable.push(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  if (unreadable.length) fail(2, `${unreadable.join('\n')}\nno pack written`);

  const { pack, problems, summary, failedFiles } = buildDataPack(inputs, (code) => keepSet.has(code));
  console.log(summary);
  if (problems.length) {
    console.log(`\nproblems:`);
    for (const p of problems) console.log(`  ${problemText(p)}`);
  }

  if (failedFiles.length) fail(2, `\nno pack written: ${failedFiles.join(', ')} yielded no rows`);
  if (!pack.ptp?.length && !pack.mue?.length) fail(2, '\nno pack written: no row involves a code in the catalog');

  const checked = DataPack.safeParse(pack);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    fail(1, `internal error: the pack does not match the DataPack schema at ${issue.path.join('.')}: ${issue.message}`);
  }
  writeFileSync(out, `${JSON.stringify(pack)}\n`);
  console.log(`\nwrote ${out}`);
}

main();
