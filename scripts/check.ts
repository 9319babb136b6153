// npm run check -- [options] FILE…   (see USAGE)
// Reads visits from a practice system's export (CSV/TSV/semicolon/pipe text, .xlsx, a
// flattened 837P) or Unitwise's own JSON / JSON Lines, prints how each file was read (the
// mapping report, on stderr), then one Evaluation per visit. Files are read in chunks and
// each visit is checked as soon as it is read, so a large export is never held whole.
// Exit 0: no error findings; 1: some visit has an error finding; 2: some input could not be read.
// Text from the files or the command line goes to the terminal only through lib/batch/format
// (formatTable, formatReadError, the report, visible), which shows control characters instead of sending them.
import { createReadStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { BatchCheck, summaryLine } from '../lib/batch/check';
import { visible } from '../lib/batch/format';
import { ROLES, ROLE_NAMES, type ReadError, type ReadOptions, type Role } from '../lib/batch/report';
import { builtInRuleData, loadRuleData, type RuleData } from '../lib/rules/data';
import { Method } from '../lib/model';

const USAGE = `usage: npm run check -- [--json|--table] [--method cms|per-code] [--data PACK.json]
         [--map FIELD="Column name"]… [--sheet NAME] [--encoding utf-8|windows-1252|utf-16le]
         [--delimiter , | ; | tab | pipe] [--date-order mdy|dmy|ymd] [--decimal-comma|--decimal-point]
         [--header-line N] [--accumulate-spend] FILE… (use - for stdin)
  --map names the column for a field when the report shows it was not found or read wrongly;
  FIELD is one of ${ROLES.join(', ')}; --map payer=none checks without one.
  --accumulate-spend sums each patient's charges (or allowed amounts) per calendar year, in
  date-of-service order, into each visit's year-to-date therapy spend for the KX check: the
  spend seen in this file, not other providers'. Needs patient and charge/allowed columns.`;

const DELIMITERS: Record<string, string> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '|': '|', pipe: '|' };

async function main(argv: string[]): Promise<number> {
  let json = !process.stdout.isTTY;
  let method: Method | undefined;
  let data: RuleData = builtInRuleData();
  const read: ReadOptions = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i];
    if (arg === '--json') json = true;
    else if (arg === '--table') json = false;
    else if (arg === '--method') {
      const m = Method.safeParse(value());
      if (!m.success) return usage(`--method must be cms or per-code, not '${argv[i] ?? ''}'`);
      method = m.data;
    } else if (arg === '--data') {
      const path = value();
      if (!path) return usage('--data needs a data pack file (from npm run import)');
      try {
        data = loadRuleData(JSON.parse(readFileSync(path, 'utf8')));
      } catch (e) {
        process.stderr.write(`${visible(`${path}: cannot use this data pack: ${(e as Error).message}`)}\n`);
        return 2;
      }
    } else if (arg === '--map') {
      const spec = value() ?? '';
      const eq = spec.indexOf('=');
      const role = spec.slice(0, eq).trim() as Role;
      if (eq < 1 || !(ROLES as readonly string[]).includes(role)) return usage(`--map needs FIELD="Column name" with FIELD one of ${ROLES.join(', ')}, not '${spec}'`);
      const column = spec.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
      read.mapping = { ...read.mapping, [role]: /^none$/i.test(column) ? null : column };
    } else if (arg === '--sheet') read.sheet = value();
    else if (arg === '--encoding') {
      const e = value()?.toLowerCase();
      if (e !== 'utf-8' && e !== 'windows-1252' && e !== 'utf-16le' && e !== 'utf-16be') return usage(`--encoding must be utf-8, windows-1252, utf-16le or utf-16be, not '${e ?? ''}'`);
      read.encoding = e;
    } else if (arg === '--delimiter') {
      const name = value() ?? '';
      const d = Object.hasOwn(DELIMITERS, name) ? DELIMITERS[name] : undefined;
      if (!d) return usage(`--delimiter must be , ; tab or pipe, not '${argv[i] ?? ''}'`);
      read.delimiter = d;
    } else if (arg === '--date-order') {
      const o = value();
      if (o !== 'mdy' && o !== 'dmy' && o !== 'ymd') return usage(`--date-order must be mdy, dmy or ymd, not '${o ?? ''}'`);
      read.dateOrder = o;
    } else if (arg === '--accumulate-spend') read.accumulateSpend = true;
    else if (arg === '--decimal-comma') read.decimalComma = true;
    else if (arg === '--decimal-point') read.decimalComma = false;
    else if (arg === '--header-line') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) return usage(`--header-line needs a line number, not '${argv[i] ?? ''}'`);
      read.headerLine = n;
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('--')) return usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (!files.length) return usage('no input files');

  // Backpressure: when the terminal or pipe is full, wait before reading the next chunk,
  // so output does not pile up in memory either.
  let full = false;
  const check = new BatchCheck({
    json,
    color: !json && process.stdout.isTTY,
    settings: method ? { methodOverride: method } : undefined,
    data,
    read,
    write: (chunk) => {
      if (!process.stdout.write(chunk)) full = true;
    },
    writeBytes: (chunk) => {
      if (!process.stdout.write(chunk)) full = true;
    },
    warn: (line) => process.stderr.write(`${line}\n`),
    explain,
  });
  let unreadable = false;
  for (const name of files) {
    const file = check.open(name);
    try {
      const stream = name === '-' ? process.stdin : createReadStream(name, { highWaterMark: 256 * 1024 });
      for await (const chunk of stream) {
        file.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (full) {
          full = false;
          await once(process.stdout, 'drain');
        }
      }
    } catch (e) {
      process.stderr.write(`${visible(`${name}:0: cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)}\n`);
      unreadable = true;
      continue;
    }
    file.end();
  }
  const summary = check.finish();
  process.stderr.write(`${summaryLine(summary, data)}\n`);
  return unreadable ? 2 : summary.exitCode;
}

/** After a mapping refusal: how to name the columns it could not find. */
function explain(error: ReadError): string | undefined {
  if (!error.missing?.length) return undefined;
  const examples = error.missing.map((r) => `--map ${r}="…"`).join(' ');
  const optional = error.missing.filter((r) => r === 'payer' || r === 'date' || r === 'id');
  return `  name ${error.missing.length === 1 ? 'it' : 'them'} with ${examples}${optional.length ? ` (or ${optional.map((r) => `--map ${r}=none`).join(', ')} to check without ${optional.map((r) => (r === 'id' ? 'visit ids: each row one visit' : `a ${ROLE_NAMES[r]}`)).join(' or ')})` : ''}`;
}

function usage(problem: string): number {
  process.stderr.write(`${visible(problem)}\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`${visible(`unitwise check: ${(e as Error).stack ?? String(e)}`)}\n`);
    process.exitCode = 2;
  },
);
