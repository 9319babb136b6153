// The Batch page's checked visits, as results-wire.ts sends them: a row of facts per visit (what
// the filters, sort and charts use) and each visit's JSON in its batch's bytes, decoded only for
// the rows on screen and for the CSV exports.

import type { CheckedVisit } from '@/lib/batch/export-csv';
import type { Finding } from '@/lib/model';
import { WireChecked, type FromWorker } from './protocol';
import type { ResultRow, WireChecked as Wire, WireFinding } from './results-wire';

type Batch = Omit<Extract<FromWorker, { type: 'results' }>, 'type'>;

const utf8 = new TextDecoder();

export class ResultStore {
  /** Every checked visit's row, in file order. */
  readonly rows: ResultRow[] = [];
  /** Rule names the rows' `rules` index. */
  readonly ruleNames: string[] = [];
  #ruleIds = new Map<string, number>();
  #chunks: { bytes: Uint8Array; ends: Uint32Array; texts: string[] }[] = [];

  /** Takes the next batch, or says why it cannot (then nothing of it is kept). */
  add(batch: Batch): string | undefined {
    const { chunk, texts, rules, rows, bytes, ends } = batch;
    if (chunk !== this.#chunks.length) return `batch ${chunk} came where batch ${this.#chunks.length} was expected`;
    if (ends.length !== rows.length) return `batch ${chunk} has ${rows.length} visits but ${ends.length} results`;
    for (let i = 0, start = 0; i < ends.length; start = ends[i++]!) {
      if (ends[i]! < start || ends[i]! > bytes.length) return `batch ${chunk}: result ${i} is out of its bytes`;
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!row) return `batch ${chunk}: visit ${i} has no row`;
      if (row.chunk !== chunk || row.at !== i) return `line ${row.line}: its row points to another result`;
      for (const r of row.rules) if (r >= rules.length) return `line ${row.line}: a finding's rule is missing`;
    }
    // The batch's rule numbers become the page's.
    const mine = rules.map((name) => {
      let id = this.#ruleIds.get(name);
      if (id === undefined) this.#ruleIds.set(name, (id = this.ruleNames.push(name) - 1));
      return id;
    });
    for (const row of rows) {
      for (let j = 0; j < row.rules.length; j++) row.rules[j] = mine[row.rules[j]!]!;
      this.rows.push(row);
    }
    this.#chunks.push({ bytes, ends, texts });
    return undefined;
  }

  #json(row: ResultRow): unknown {
    const { bytes, ends } = this.#chunks[row.chunk]!;
    return JSON.parse(utf8.decode(bytes.subarray(row.at ? ends[row.at - 1]! : 0, ends[row.at]!)));
  }

  #withTexts(row: ResultRow, findings: readonly WireFinding[]): Finding[] | string {
    const { texts } = this.#chunks[row.chunk]!;
    const { line } = row;
    const out: Finding[] = [];
    for (const { source: s, action: a, ...rest } of findings) {
      const source = texts[s];
      const action = a === undefined ? undefined : texts[a];
      if (typeof source !== 'string' || (a !== undefined && typeof action !== 'string')) return `line ${line}: a finding's text is missing`;
      out.push({ ...rest, source, ...(action !== undefined && { action }) });
    }
    return out;
  }

  /** One visit's result in full, checked against the schema: what the table shows. */
  decode(row: ResultRow): CheckedVisit | { line: number; problem: string } {
    let parsed;
    try {
      parsed = WireChecked.safeParse(this.#json(row));
    } catch (e) {
      return { line: row.line, problem: `line ${row.line}: its result is not JSON (${e instanceof Error ? e.message : String(e)})` };
    }
    if (!parsed.success) return { line: row.line, problem: `line ${row.line}: its result cannot be read (${parsed.error.issues[0]?.message})` };
    const { line, visit, evaluation } = parsed.data;
    const findings = this.#withTexts(row, evaluation.findings);
    return typeof findings === 'string' ? { line, problem: findings } : { line, visit, evaluation: { ...evaluation, findings } };
  }

  /**
   * Every visit's result, in file order, for the CSV exports: checked for its shape (a schema
   * parse of 100,000 visits would hold the page for seconds). One that cannot be read throws
   * with its line, so an export is never silently short.
   */
  *all(): Generator<CheckedVisit> {
    for (const row of this.rows) {
      const value = this.#json(row) as Wire;
      const ok = typeof value === 'object' && value !== null && typeof value.visit === 'object' && value.visit !== null && typeof value.evaluation === 'object' && value.evaluation !== null && Array.isArray(value.evaluation.lines) && Array.isArray(value.evaluation.findings);
      if (!ok) throw new Error(`line ${row.line}: its result cannot be read`);
      const findings = this.#withTexts(row, value.evaluation.findings);
      if (typeof findings === 'string') throw new Error(findings);
      yield { line: row.line, visit: value.visit, evaluation: { ...value.evaluation, findings } };
    }
  }
}
