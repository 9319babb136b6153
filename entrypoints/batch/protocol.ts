// Every message between the Batch page and its check worker, typed and validated with zod
// where it is received: the worker checks what the page asks, the page checks what the worker
// answers (a message event carries `any`; a bad one is dropped with a console error, not
// rendered).

import { z } from 'zod';
import { Discipline, Evaluation, Finding, Method, Visit } from '@/lib/model';
import { ROLES, SKIP_REASONS } from '@/lib/batch/report';
import { Mapping } from '@/lib/batch/layouts';

const Role = z.enum(ROLES);
export { Mapping };

const FileLike = z.custom<Blob>((v) => typeof Blob !== 'undefined' && v instanceof Blob, 'a file');

export const ToWorker = z.discriminatedUnion('type', [
  /** Read the file's start: the mapping report and the first visits as read. */
  z.object({ type: z.literal('preview'), file: FileLike, name: z.string().max(500), mapping: Mapping, sheet: z.string().max(200).optional(), accumulateSpend: z.boolean().optional() }),
  /**
   * Read and check the whole file, with the practice's settings, policy and imported rule data
   * as stored (validated where they are used, by lib/rule-context, as in the background).
   */
  z.object({ type: z.literal('run'), file: FileLike, name: z.string().max(500), mapping: Mapping, sheet: z.string().max(200).optional(), accumulateSpend: z.boolean().optional(), rules: z.object({ local: z.unknown(), managed: z.unknown(), pack: z.unknown() }).optional() }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

const Column = z.object({
  index: z.number().int(),
  name: z.string(),
  role: Role.optional(),
  item: z.number().int().optional(),
  how: z.enum(['name', 'content', 'chosen']).optional(),
  note: z.string().optional(),
});
const Skip = z.object({ reason: z.enum(SKIP_REASONS), count: z.number(), lines: z.array(z.number()), examples: z.array(z.string()) });

/** The mapping report (lib/batch/report.ts ReadReport): the fields the page shows. */
export const Report = z.object({
  file: z.string(),
  format: z.enum(['csv', 'xlsx', '837p', 'json', 'jsonl']),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
  sheet: z.string().optional(),
  /** An .xlsx's worksheets, in order (the page offers the others). */
  sheets: z.array(z.string()).optional(),
  headerLine: z.number().optional(),
  layout: z.enum(['long', 'wide']).optional(),
  columns: z.array(Column),
  skipped: z.array(Skip),
  notes: z.array(z.string()),
  rows: z.object({ total: z.number(), checked: z.number(), skipped: z.number(), refused: z.number() }),
  visits: z.number(),
  minutes: z.boolean(),
});
export type Report = z.infer<typeof Report>;

const ReadError = z.object({ file: z.string(), line: z.number(), reason: z.string() });
export type ReadErrorMsg = z.infer<typeof ReadError>;
/** A checked visit's JSON as the worker sends it (results-wire.ts): a finding's source and what to do are indexes into the run's texts. */
const WireFinding = Finding.omit({ source: true, action: true, entries: true, fieldKeys: true }).extend({ source: z.number().int().nonnegative(), action: z.number().int().nonnegative().optional() });
/**
 * A visit's facts as the page shows them: their types, not the reader's input limits. The page
 * shows what the worker checked; a visit is never hidden from the table for a limit that only
 * the reader's input is held to (a year-to-date spend the reader summed once passed one).
 */
const ShownVisit = z.looseObject({
  id: z.string().optional(),
  payer: z.string().optional(),
  method: Method.optional(),
  discipline: Discipline.optional(),
  dateOfService: z.string().optional(),
  clinicians: z.array(z.string()).optional(),
});
export const WireChecked = z.object({ line: z.number(), visit: ShownVisit, evaluation: Evaluation.extend({ findings: z.array(WireFinding) }) });

/** What the page keeps of a checked visit besides its JSON (results-wire.ts ResultRow). */
export const ResultRow = z.object({
  chunk: z.number().int().nonnegative(),
  at: z.number().int().nonnegative(),
  line: z.number(),
  id: z.string().optional(),
  date: z.string().optional(),
  payer: z.string().optional(),
  clinicians: z.array(z.string()).optional(),
  worst: z.number().int().min(0).max(3),
  severities: z.number().int().min(0).max(7),
  rules: z.array(z.number().int().nonnegative()),
});

/** The worker's answers, the rows of a batch of results checked by `rows`. */
const answers = <R extends z.ZodType>(rows: R) =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('preview'), report: Report, visits: z.array(z.object({ line: z.number(), visit: Visit })), errors: z.array(ReadError), complete: z.boolean() }),
    z.object({ type: z.literal('progress'), bytes: z.number(), total: z.number(), visits: z.number() }),
    /** Checked visits, in batches (one message per visit would flood the page), encoded by results-wire.ts. */
    z.object({ type: z.literal('results'), chunk: z.number().int().nonnegative(), texts: z.array(z.string()), rules: z.array(z.string()), rows, bytes: z.instanceof(Uint8Array), ends: z.instanceof(Uint32Array) }),
    /** `stopped`: the page's limit of visits was reached (run-check.ts MAX_PAGE_VISITS); the visits from `line` on, at the latest, were not checked. */
    z.object({ type: z.literal('done'), report: Report, errors: z.array(ReadError), warnings: z.array(z.string()), stopped: z.object({ visits: z.number(), line: z.number() }).optional() }),
    z.object({ type: z.literal('failed'), message: z.string() }),
  ]);

/** What the worker sends, in full: every message it posts is checked against this in the tests (test/batch/run-check.test.ts). */
export const FromWorker = answers(z.array(ResultRow));
export type FromWorker = z.infer<typeof FromWorker>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, type: string) => v === undefined || typeof v === type;
/** Every element, holes included (`every` skips the holes a structured clone keeps). */
const all = (v: unknown, test: (item: unknown) => boolean) => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!test(v[i])) return false;
  return true;
};
const isRow = (v: unknown) =>
  isRecord(v) &&
  typeof v.chunk === 'number' &&
  typeof v.at === 'number' &&
  typeof v.line === 'number' &&
  typeof v.worst === 'number' &&
  typeof v.severities === 'number' &&
  optional(v.id, 'string') &&
  optional(v.date, 'string') &&
  optional(v.payer, 'string') &&
  (v.clinicians === undefined || all(v.clinicians, (c) => typeof c === 'string')) &&
  all(v.rules, (r) => Number.isInteger(r) && (r as number) >= 0);

/**
 * What the page checks on receipt: every message in full, except the rows of a batch of results,
 * checked by a plain loop instead of a schema parse (100,000 of them), and their JSON, checked
 * against the full schema when a row is shown (result-store.ts) and for its shape when exported.
 * They come from the page's own dedicated worker, built from the same bundle, which nothing else
 * can post to; the page shows them through React (text, never markup) and escapes them in its CSV.
 */
export const FromWorkerReceived = answers(z.custom<z.infer<typeof ResultRow>[]>((v) => all(v, isRow), 'rows of checked visits'));
