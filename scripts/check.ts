// npm run check -- [--json|--table] [--method cms|per-code] [--data PACK.json] FILE…
// Reads visits (JSON, JSON Lines or CSV) and prints one Evaluation per visit.
// Exit 0: no error findings; 1: some visit has an error finding; 2: some input could not be read.
// Text from the files or the command line goes to the terminal only through lib/batch/format
// (formatTable, formatReadError, visible), which shows control characters instead of sending them.
import { readFileSync } from 'node:fs';
import { checkFiles, summaryLine } from '../lib/batch/check';
import { visible } from '../lib/batch/format';
import { builtInRuleData, loadRuleData, type RuleData } from '../lib/rules/data';
import { Method } from '../lib/model';

const USAGE = 'usage: npm run check -- [--json|--table] [--method cms|per-code] [--data PACK.json] FILE… (use - for stdin)';

function main(argv: string[]): number {
  let json = !process.stdout.isTTY;
  let method: Method | undefined;
  let data: RuleData = builtInRuleData();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--table') json = false;
    else if (arg === '--method') {
      const m = Method.safeParse(argv[++i]);
      if (!m.success) return usage(`--method must be cms or per-code, not '${argv[i] ?? ''}'`);
      method = m.data;
    } else if (arg === '--data') {
      const path = argv[++i];
      if (!path) return usage('--data needs a data pack file (from npm run import)');
      try {
        data = loadRuleData(JSON.parse(readFileSync(path, 'utf8')));
      } catch (e) {
        process.stderr.write(`${visible(`${path}: cannot use this data pack: ${(e as Error).message}`)}\n`);
        return 2;
      }
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('--')) return usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (!files.length) return usage('no input files');

  const inputs: { name: string; text: string }[] = [];
  let unreadable = false;
  for (const name of files) {
    try {
      inputs.push({ name, text: readFileSync(name === '-' ? 0 : name, 'utf8') });
    } catch (e) {
      process.stderr.write(`${visible(`${name}:0: cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)}\n`);
      unreadable = true;
    }
  }
  const summary = checkFiles(inputs, {
    json,
    color: !json && process.stdout.isTTY,
    settings: method ? { methodOverride: method } : undefined,
    data,
    write: (chunk) => process.stdout.write(chunk),
    warn: (line) => process.stderr.write(`${line}\n`),
  });
  process.stderr.write(`${summaryLine(summary, data)}\n`);
  return unreadable ? 2 : summary.exitCode;
}

function usage(problem: string): number {
  process.stderr.write(`${visible(problem)}\n${USAGE}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
