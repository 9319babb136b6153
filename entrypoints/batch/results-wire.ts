// Checked visits as the worker sends them to the page, and as the page keeps them.
//
// A page that kept every checked visit as objects (some 50 a visit: facts, claim lines, findings,
// their arrays) spent 38% of its main thread collecting garbage during a 100,000-visit check, each
// major collection marking all of them again (docs/performance.md §6). So each visit's result
// travels and stays as UTF-8 JSON, one buffer per batch (transferred, not copied), and the page
// keeps per visit only what its filters, sort and charts need (ResultRow): a few objects instead
// of fifty. The rows on screen and the CSV exports are decoded from the bytes when asked for
// (result-store.ts).
//
// Left out of the JSON: what the page never shows (a visit's input lines, a finding's field keys
// and line indexes). A finding's source and "what to do" go as an index into its batch's list of
// texts: they repeat from visit to visit (an NCCI edit's source, 250 characters, is the same for
// every visit with the pair). Rule names in the rows are indexes into the batch's too; the page
// turns them into its own (result-store.ts).

import type { Evaluation, Finding, Visit } from '@/lib/model';

/** A finding as its JSON holds it: source and action are indexes into its batch's texts. */
export type WireFinding = Omit<Finding, 'source' | 'action' | 'entries' | 'fieldKeys'> & { source: number; action?: number };
/** One visit's result as its JSON holds it. */
export interface WireChecked {
  line: number;
  visit: Omit<Visit, 'entries'>;
  evaluation: Omit<Evaluation, 'findings'> & { findings: WireFinding[] };
}

/** Severity bits of {@link ResultRow.severities}. */
export const SEVERITY_BIT = { info: 1, warning: 2, error: 4 } as const;
const RANK = { info: 1, warning: 2, error: 3 } as const;

/** What the page keeps of one checked visit besides its JSON: the facts it filters, sorts and counts by. */
export interface ResultRow {
  /** The batch the visit's JSON is in, and its place there. */
  chunk: number;
  at: number;
  /** 1-based line the visit starts on in the export. */
  line: number;
  id?: string;
  date?: string;
  payer?: string;
  clinicians?: string[];
  /** Worst severity of its findings: 3 error, 2 warning, 1 info, 0 none. */
  worst: number;
  /** Which severities its findings have ({@link SEVERITY_BIT}). */
  severities: number;
  /** Each finding's rule, one entry per finding: an index into its batch's rule names as sent, into the page's (ResultStore.ruleNames) once kept. */
  rules: number[];
}

/** One batch of checked visits: its texts and rule names, each visit's row, and their JSON back to back (`ends[i]` is where visit i's ends). */
export interface WireBatch {
  chunk: number;
  texts: string[];
  rules: string[];
  rows: ResultRow[];
  bytes: Uint8Array<ArrayBuffer>;
  ends: Uint32Array<ArrayBuffer>;
}

interface Checked {
  line: number;
  visit: Visit;
  evaluation: Evaluation;
}

// Scratch space for encodeBatch: a batch's JSON is encoded here, then copied out at its size.
let scratch: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 20);
const utf8 = new TextEncoder();

/**
 * The worker's side: one batch, with its own texts and rule names, so batches can be encoded on
 * any thread in any order (`chunk` says where this one goes).
 */
export function encodeBatch(checked: readonly Checked[], chunk: number): WireBatch {
  const texts: string[] = [];
  const rules: string[] = [];
  const textIds = new Map<string, number>();
  const ruleIds = new Map<string, number>();
  const text = (t: string) => {
    let i = textIds.get(t);
    if (i === undefined) textIds.set(t, (i = texts.push(t) - 1));
    return i;
  };
  const rule = (r: string) => {
    let i = ruleIds.get(r);
    if (i === undefined) ruleIds.set(r, (i = rules.push(r) - 1));
    return i;
  };
  const rows: ResultRow[] = [];
  const ends = new Uint32Array(checked.length);
  let used = 0;
  for (let at = 0; at < checked.length; at++) {
    const { line, visit, evaluation } = checked[at]!;
    const visitRules: number[] = [];
    let worst = 0;
    let severities = 0;
    // Each field named, not an object rest (`{ entries, ...rest }`): V8's rest copy cost 1.5 s
    // of the worker's 12 s on 100,000 visits. JSON leaves out the fields that are undefined.
    const findings = evaluation.findings.map((f): WireFinding => {
      visitRules.push(rule(f.rule));
      worst = Math.max(worst, RANK[f.severity]);
      severities |= SEVERITY_BIT[f.severity];
      return { rule: f.rule, severity: f.severity, codes: f.codes, headline: f.headline, fix: f.fix, message: f.message, action: f.action === undefined ? undefined : text(f.action), source: text(f.source), starterData: f.starterData };
    });
    const json = JSON.stringify({ line, visit: { ...visit, entries: undefined }, evaluation: { ...evaluation, findings } });
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (used + json.length * 3 > scratch.length) {
      const grown = new Uint8Array(Math.max(scratch.length * 2, used + json.length * 3));
      grown.set(scratch.subarray(0, used));
      scratch = grown;
    }
    used += utf8.encodeInto(json, scratch.subarray(used)).written;
    ends[at] = used;
    rows.push({ chunk, at, line, id: visit.id, date: visit.dateOfService, payer: visit.payer, clinicians: visit.clinicians, worst, severities, rules: visitRules });
  }
  return { chunk, texts, rules, rows, bytes: scratch.slice(0, used), ends };
}
