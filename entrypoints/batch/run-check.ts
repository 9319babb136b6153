// The worker's job, apart from the worker's message plumbing so it can be tested without one:
// read a File a slice at a time into the shared ExportReader, evaluate each visit as it is
// read, and hand results out in batches with progress. Memory: one slice plus the rows of
// the visits still open, plus the results the page keeps.

import { dropForInput } from '@/lib/batch/check';
import { ExportReader } from '@/lib/batch/reader';
import type { ReadError, ReadOptions, ReadReport, ReadVisit } from '@/lib/batch/report';
import type { Evaluation, Visit } from '@/lib/model';
import { evaluate } from '@/lib/rules/evaluate';
import { ruleContext } from '@/lib/rule-context';
import type { FromWorker } from './protocol';
import { encodeBatch } from './results-wire';

const SLICE = 1024 * 1024;
/** The preview reads this much of the file's start: enough for the header and first visits. */
export const PREVIEW_BYTES = 256 * 1024;
const PREVIEW_VISITS = 10;
const BATCH = 500;

/** The report as plain data (the reader keeps adding to its own object). */
const snapshot = (r: ReadReport): ReadReport => structuredClone(r);

export async function previewFile(file: Blob, name: string, options: ReadOptions): Promise<Extract<FromWorker, { type: 'preview' }>> {
  const visits: ReadVisit[] = [];
  const errors: ReadError[] = [];
  const reader = new ExportReader(name, options, { visit: (v) => void (visits.length < PREVIEW_VISITS && visits.push(v)), error: (e) => errors.push(e) });
  const complete = file.size <= PREVIEW_BYTES;
  reader.push(new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer()));
  const report = reader.end();
  return { type: 'preview', report: snapshot(report), visits, errors: errors.slice(0, 20), complete };
}

/** The stored settings, policy and rule data pack, as the background reads them (none: built-in defaults). */
export interface StoredRules {
  local?: unknown;
  managed?: unknown;
  pack?: unknown;
}

/**
 * Visits the Batch page checks in one file at most. The page keeps every result in the tab's
 * memory (about 2 kB of JSON and a small row a visit: some 220 MB for a 100,000-visit export),
 * and a tab that runs out of memory is lost with all of it; the command line streams any size
 * in constant memory.
 */
export const MAX_PAGE_VISITS = 200_000;

/** `post` sends a message; `transfer`: buffers it hands over instead of copying (a batch's bytes). */
export async function checkFile(file: Blob, name: string, options: ReadOptions, post: (m: FromWorker, transfer?: Transferable[]) => void, rules: StoredRules = {}, maxVisits = MAX_PAGE_VISITS): Promise<void> {
  // The same settings and tables as the side panel, so a visit gets the same answer in both.
  const ctx = ruleContext(rules.local ?? {}, rules.managed ?? {}, rules.pack ?? null);
  const errors: ReadError[] = [];
  let batch: { line: number; visit: Visit; evaluation: Evaluation }[] = [];
  let visits = 0;
  /** Past the limit: the first line of the visits read but not checked. */
  let stoppedAt: number | undefined;
  const reader: ExportReader = new ExportReader(name, options, {
    error: (e) => errors.push(e),
    visit: ({ visit, line }) => {
      if (visits >= maxVisits) {
        stoppedAt = Math.min(stoppedAt ?? line, line);
        return;
      }
      visits++;
      batch.push({ line, visit, evaluation: dropForInput(evaluate(visit, ctx.settings, ctx.data), reader.report.minutes) });
      if (batch.length >= BATCH) flush();
    },
  });
  let chunk = 0;
  const flush = () => {
    if (!batch.length) return;
    const results = encodeBatch(batch, chunk++);
    post({ type: 'results', ...results }, [results.bytes.buffer]);
    batch = [];
  };
  for (let at = 0; at < file.size && stoppedAt === undefined; at += SLICE) {
    reader.push(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()));
    flush();
    post({ type: 'progress', bytes: Math.min(file.size, at + SLICE), total: file.size, visits });
  }
  const report = reader.end();
  flush();
  // Stopped: what was read past the stop (its rows' errors, and a last line cut off by the
  // slice) belongs to visits not checked.
  const said = stoppedAt === undefined ? errors : errors.filter((e) => e.line < stoppedAt!);
  said.sort((a, b) => a.line - b.line);
  post({ type: 'progress', bytes: file.size, total: file.size, visits });
  const stopped = stoppedAt === undefined ? undefined : { visits, line: stoppedAt };
  post({ type: 'done', report: snapshot(report), errors: said, warnings: ctx.warnings, ...(stopped && { stopped }) });
}
