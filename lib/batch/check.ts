import type { Evaluation, Settings, Visit } from '../model';
import { evaluate } from '../rules/evaluate';
import type { RuleData } from '../rules/data';
import { threshold } from '../rules/data';
import { formatJsonLine, formatReadError, formatTable } from './format';
import { readVisits, type ReadError } from './read-visits';

// The biller's batch check as a pure function: files' text in, output text and exit code out.
// scripts/check.ts only does the file system and the terminal. Everything written to `write`
// and `warn` comes from ./format (formatTable, formatJsonLine, formatReadError), which shows
// control characters in the input instead of passing them to the terminal: keep it that way.

export interface CheckOptions {
  json: boolean;
  color?: boolean;
  settings?: Partial<Settings>;
  data?: RuleData;
  /** Where each chunk of output goes (stdout); called often, so keep it cheap. */
  write: (chunk: string) => void;
  /** Errors and the summary (stderr). */
  warn: (line: string) => void;
}

export interface CheckSummary {
  visits: number;
  withErrors: number;
  withWarnings: number;
  lowAverage: number;
  readErrors: ReadError[];
  exitCode: 0 | 1 | 2;
}

export const EXIT = { clean: 0, errors: 1, unreadable: 2 } as const;

export function checkFiles(files: { name: string; text: string }[], options: CheckOptions): CheckSummary {
  const summary: CheckSummary = { visits: 0, withErrors: 0, withWarnings: 0, lowAverage: 0, readErrors: [], exitCode: 0 };
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.length) options.write(buffer.join(''));
    buffer = [];
  };
  for (const file of files) {
    const read = readVisits(file.text, file.name);
    for (const error of read.errors) {
      summary.readErrors.push(error);
      options.warn(formatReadError(error));
    }
    for (const { visit } of read.visits) {
      const evaluation = checkVisit(visit, options);
      summary.visits += 1;
      if (evaluation.findings.some((f) => f.severity === 'error')) summary.withErrors += 1;
      else if (evaluation.findings.some((f) => f.severity === 'warning')) summary.withWarnings += 1;
      if (evaluation.findings.some((f) => f.rule === 'units.low-average')) summary.lowAverage += 1;
      buffer.push(options.json ? `${formatJsonLine(evaluation)}\n` : `${formatTable(visit, evaluation, { color: options.color })}\n\n`);
      if (buffer.length >= 512) flush();
    }
  }
  flush();
  summary.exitCode = summary.readErrors.length ? EXIT.unreadable : summary.withErrors ? EXIT.errors : EXIT.clean;
  return summary;
}

function checkVisit(visit: Visit, options: CheckOptions): Evaluation {
  return evaluate(visit, options.settings, options.data);
}

/** One line for stderr: counts, and the CMS note on low averages across the batch. */
export function summaryLine(s: CheckSummary, data?: RuleData): string {
  const parts = [`checked ${s.visits} visit${s.visits === 1 ? '' : 's'}: ${s.withErrors} with errors, ${s.withWarnings} with warnings only`];
  if (s.readErrors.length) parts.push(`${s.readErrors.length} input problem${s.readErrors.length === 1 ? '' : 's'} (see above)`);
  if (s.lowAverage && s.visits) {
    const low = data ? threshold(data, 'low-average-minutes') : 15;
    parts.push(`${s.lowAverage} (${Math.round((100 * s.lowAverage) / s.visits)}%) average under ${low} minutes per timed unit; a consistent practice is highlighted for review (CPM Pub. 100-04 Ch. 5 §20.2 C)`);
  }
  return parts.join('; ');
}
