// npm run check -- [options] FILE…   (see USAGE)
// Reads visits from a practice system's export (CSV/TSV/semicolon/pipe text, .xlsx, a
// flattened 837P) or Unitwise's own JSON / JSON Lines, prints how each file was read (the
// mapping report, on stderr), then one Evaluation per visit. Files are read in chunks and
// each visit is checked as soon as it is read, so a large export is never held whole.
// Exit 0: no error findings; 1: some visit has an error finding; 2: some input could not be
// read, or a layout asked to be saved or forgotten could not be (scripts/layouts-file.ts).
// Text from the files or the command line goes to the terminal only through lib/batch/format
// (formatTable, formatReadError, the report, visible), which shows control characters instead of sending them.
import { createReadStream, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { BatchCheck, summaryLine } from '../lib/batch/check';
import { findLayout, forgetLayout, layoutChoices, layoutSavable, saveLayout } from '../lib/batch/layouts';
import { visible } from '../lib/batch/format';
import { ROLES, ROLE_NAMES, type ReadError, type ReadOptions, type ReadReport, type Role } from '../lib/batch/report';
import { builtInRuleData, loadRuleData, type RuleData } from '../lib/rules/data';
import { Method } from '../lib/model';
import { defaultLayoutsPath, loadLayouts, writeLayouts } from './layouts-file';
import { ThreadPool, serveChecks, threadSetup } from './check-threads';

const USAGE = `usage: npm run check -- [--json|--table] [--method cms|per-code] [--data PACK.json]
         [--map FIELD="Column name"]… [--sheet NAME] [--encoding utf-8|windows-1252|utf-16le]
         [--delimiter , | ; | tab | pipe] [--date-order mdy|dmy|ymd] [--decimal-comma|--decimal-point]
         [--header-line N] [--accumulate-spend]
         [--save-layout | --forget-layout] [--no-layout] [--layouts FILE] FILE… (use - for stdin)
  --map names the column for a field when the report shows it was not found or read wrongly;
  FIELD is one of ${ROLES.join(', ')}; --map payer=none checks without one;
  --map id=none groups the rows by patient and date of service (each row a visit if no patient).
  --save-layout saves this run's reading (the columns chosen, --map included) for files laid
  out like this one (same format and header): later runs read such a file the same way and say
  so; --map still wins for the fields it names. Only the header's names (as keys) and the
  choices are saved, never a value from the file; a file whose header was not known by its names
  is not saved. --no-layout reads without a saved layout; --forget-layout deletes the one that
  matches the file. --layouts FILE: where layouts are kept (default
  \${XDG_CONFIG_HOME:-~/.config}/unitwise/layouts.json; written whole and renamed, mode 0600).
  A layouts file that cannot be read is ignored with a message and never written over: saving
  or forgetting then fails (exit 2) until it is moved aside or another --layouts is given.
  --accumulate-spend sums each patient's charges (or allowed amounts) per calendar year, in
  date-of-service order, into each visit's year-to-date therapy spend for the KX check: the
  spend seen in this file, not other providers'. Needs patient and charge/allowed columns.`;

const DELIMITERS: Record<string, string> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '|': '|', pipe: '|' };

async function main(argv: string[]): Promise<number> {
  let json = !process.stdout.isTTY;
  let method: Method | undefined;
  let data: RuleData = builtInRuleData();
  let dataPack: string | undefined;
  const read: ReadOptions = {};
  const files: string[] = [];
  let layouts = { path: '', use: true, save: false, forget: false };
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
        dataPack = readFileSync(path, 'utf8');
        data = loadRuleData(JSON.parse(dataPack));
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
    } else if (arg === '--save-layout') layouts.save = true;
    else if (arg === '--forget-layout') layouts.forget = true;
    else if (arg === '--no-layout') layouts.use = false;
    else if (arg === '--layouts') {
      const path = value();
      if (!path) return usage('--layouts needs the file saved layouts are kept in');
      layouts.path = path;
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
  if (layouts.save && layouts.forget) return usage('--save-layout and --forget-layout go in separate runs');
  layouts = { ...layouts, path: layouts.path || defaultLayoutsPath() };
  // Read with a saved layout unless told not to (forgetting one reads without it).
  if (layouts.use && !layouts.forget) {
    const loaded = loadLayouts(layouts.path);
    if (loaded.problem) process.stderr.write(`${visible(`could not read saved layouts in ${layouts.path}: ${loaded.problem}; ignoring it`)}\n`);
    if (loaded.layouts.length) read.layouts = loaded.layouts;
  }

  // Backpressure: when the terminal or pipe is full, wait before reading the next chunk (and,
  // for batches checked on other threads, before writing the next), so output does not pile
  // up in memory either. The reader of the output may go away (`npm run check … | head`):
  // then reading stops and the run says so, rather than a stack trace from a later write.
  let closed = false;
  /** The output could not be written (a full disk, `>/dev/full`): said at the end, exit 2. */
  let writeFailed: string | undefined;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') writeFailed ??= e.code ?? e.message;
    closed = true;
  });
  const drained = (): Promise<void> => {
    if (closed || !process.stdout.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        for (const event of ['drain', 'close', 'error']) process.stdout.off(event, done);
        resolve();
      };
      for (const event of ['drain', 'close', 'error']) process.stdout.once(event, done);
    });
  };
  const color = !json && Boolean(process.stdout.isTTY);
  const settings = method ? { methodOverride: method } : undefined;
  // Large files are checked on worker threads too (check-threads.ts): an eighth to a fifth less wall
  // time for 100,000 visits on 2 cores. UNITWISE_CHECK_THREADS=N sets how many, 0 none (the
  // tests compare both). Only from the bundle (npm run check): a worker cannot load this file
  // through tsx's loader.
  // (At most one a core: each is a heap of its own. One core: a worker would only take turns
  // with this thread.)
  const asked = Number(process.env.UNITWISE_CHECK_THREADS?.trim() || NaN);
  const threads = Number.isInteger(asked) && asked >= 0 ? Math.min(asked, availableParallelism()) : availableParallelism() > 1 ? undefined : 0;
  const entry = new URL(import.meta.url);
  const pool = threads === 0 || !entry.pathname.endsWith('.mjs') ? undefined : new ThreadPool(entry, { json, color, settings, dataPack }, threads);
  const check = new BatchCheck({
    json,
    color,
    settings,
    data,
    offload: pool,
    read,
    write: (chunk) => {
      if (!closed) process.stdout.write(chunk);
    },
    writeBytes: (chunk) => {
      if (!closed) process.stdout.write(chunk);
    },
    drained,
    warn: (line) => process.stderr.write(`${line}\n`),
    explain,
    layoutSaid: (report) =>
      report.savedLayout && visible(`  Read with the layout saved on ${report.savedLayout.savedAt} (${layouts.path}); --no-layout to read without it, --forget-layout to delete it`),
  });
  try {
    let unreadable = false;
    for (const name of files) {
      const errorsBefore = check.summary.readErrors.length;
      const file = check.open(name);
      try {
        const stream = name === '-' ? process.stdin : createReadStream(name, { highWaterMark: 256 * 1024 });
        for await (const chunk of stream) {
          if (closed) break;
          file.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          await drained();
          await check.ready();
        }
      } catch (e) {
        if (check.failed) throw e; // a checking thread, not the file
        if ((e as NodeJS.ErrnoException).code === 'EPIPE') closed = true;
        if (closed) break;
        await check.idle(); // after what was read before it
        process.stderr.write(`${visible(`${name}:0: cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)}\n`);
        unreadable = true;
        continue;
      }
      if (closed) break;
      const report = file.end();
      if (layouts.save || layouts.forget) {
        await check.idle(); // the file's report first
        // A mapping refusal (or no header found) leaves nothing worth saving.
        const refused = check.summary.readErrors.slice(errorsBefore).some((e) => e.missing !== undefined);
        const done = layouts.save ? saveReading(report, refused, layouts.path) : forgetReading(report, layouts.path);
        process.stderr.write(`${visible(done.said)}\n`);
        if (!done.ok) unreadable = true;
      }
    }
    const summary = await check.settle();
    // (A write's EPIPE is reported on the next tick: the stream says so at once.)
    const errored = process.stdout.errored as NodeJS.ErrnoException | null;
    if (errored && errored.code !== 'EPIPE') writeFailed ??= errored.code ?? errored.message;
    if (writeFailed) {
      process.stderr.write(`${visible(`could not write the output: ${writeFailed}`)}; the rest of the input was not checked\n`);
      return 2;
    }
    if (closed || errored) {
      process.stderr.write('stopped: the output was closed before the end; the rest of the input was not checked\n');
      return 2;
    }
    process.stderr.write(`${summaryLine(summary, data)}\n`);
    return unreadable ? 2 : summary.exitCode;
  } finally {
    pool?.close(); // also when something above threw: the threads would keep the process alive
  }
}

/** --save-layout, after a file was read: its reading saved for files laid out like it, or why not. */
function saveReading(report: ReadReport, refused: boolean, path: string): { ok: boolean; said: string } {
  const not = (why: string) => ({ ok: false, said: `  Not saved as a layout: ${why}` });
  if (report.format !== 'csv' && report.format !== 'xlsx') return not('only tables (CSV, spreadsheets) have columns to save');
  if (refused || !report.columns.length) return not('the columns could not be read as they are (see above); fix the reading (--map) and save again');
  if (!layoutSavable(report)) {
    return not('fewer than two of its columns were known by their names, so the first row may be data rather than a header, and a layout would keep it; give --map each run instead');
  }
  const stored = loadLayouts(path);
  if (stored.problem) return not(`could not read saved layouts in ${path}: ${stored.problem}; it is left as it is: move it aside or delete it, or choose another file with --layouts FILE`);
  const header = report.columns.map((c) => c.name);
  try {
    writeLayouts(path, saveLayout(stored.layouts, report, layoutChoices(report.chosen, header)));
  } catch (e) {
    return not(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { ok: true, said: `  Saved this reading for files laid out like this: ${path}` };
}

/** --forget-layout, after a file was read: the layout saved for files laid out like it deleted. */
function forgetReading(report: ReadReport, path: string): { ok: boolean; said: string } {
  const stored = loadLayouts(path);
  if (stored.problem) return { ok: false, said: `  Not forgotten: could not read saved layouts in ${path}: ${stored.problem}; it is left as it is` };
  const saved = report.columns.length ? findLayout(stored.layouts, report) : undefined;
  if (!saved) return { ok: true, said: `  No layout saved in ${path} matches this file: nothing to forget` };
  try {
    writeLayouts(path, forgetLayout(stored.layouts, report));
  } catch (e) {
    return { ok: false, said: `  Not forgotten: cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  return { ok: true, said: `  Forgot the layout saved on ${saved.savedAt} for files laid out like this (${path})` };
}

/** After a mapping refusal: how to name the columns it could not find; after a visit id spanning dates: how to set it aside. */
function explain(error: ReadError): string | undefined {
  if (error.regroup) return '  to check each date as its own visit, its rows grouped by patient and date of service, add --map id=none';
  if (!error.missing?.length) return undefined;
  const examples = error.missing.map((r) => `--map ${r}="…"`).join(' ');
  const optional = error.missing.filter((r) => r === 'payer' || r === 'date' || r === 'id');
  return `  name ${error.missing.length === 1 ? 'it' : 'them'} with ${examples}${optional.length ? ` (or ${optional.map((r) => `--map ${r}=none`).join(', ')} to check without ${optional.map((r) => (r === 'id' ? 'visit ids: each row one visit' : `a ${ROLE_NAMES[r]}`)).join(' or ')})` : ''}`;
}

function usage(problem: string): number {
  process.stderr.write(`${visible(problem)}\n${USAGE}\n`);
  return 2;
}

const setup = threadSetup();
if (setup) serveChecks(setup);
else
  main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`${visible(`unitwise check: ${(e as Error).stack ?? String(e)}`)}\n`);
    process.exitCode = 2;
  },
);
