// Checked visits as the worker sends them to the page. Left out: what the page never shows (a
// visit's input lines, a finding's field keys and line indexes). Each finding's source and
// "what to do" go as an index into the message's own list of texts: they repeat from visit to
// visit (an NCCI edit's source, 250 characters, is the same for every visit with the pair), and
// each copy would be copied again between the worker and the page, and kept. 20,000 visits:
// 73 → 41 MB of JSON, structured cloning 0.9–1.2 → 0.6 s (tmp measure, node 20).

import type { CheckedVisit } from '@/lib/batch/export-csv';
import type { Evaluation, Finding, Visit } from '@/lib/model';

export type WireFinding = Omit<Finding, 'source' | 'action' | 'entries' | 'fieldKeys'> & { source: number; action?: number };
export interface WireChecked {
  line: number;
  visit: Omit<Visit, 'entries'>;
  evaluation: Omit<Evaluation, 'findings'> & { findings: WireFinding[] };
}
export interface WireResults {
  strings: string[];
  items: WireChecked[];
}

/** One batch of checked visits, encoded for the page. */
export function encodeResults(checked: readonly { line: number; visit: Visit; evaluation: Evaluation }[]): WireResults {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (text: string) => {
    let i = index.get(text);
    if (i === undefined) index.set(text, (i = strings.push(text) - 1));
    return i;
  };
  const items = checked.map(({ line, visit, evaluation }): WireChecked => {
    const { entries: _lines, ...facts } = visit;
    const findings = evaluation.findings.map(({ source, action, entries: _e, fieldKeys: _k, ...rest }): WireFinding => ({ ...rest, source: ref(source), ...(action !== undefined && { action: ref(action) }) }));
    return { line, visit: facts, evaluation: { ...evaluation, findings } };
  });
  return { strings, items };
}

/** The page's checked visits from one batch, or why the batch cannot be read (a text index out of range). */
export function decodeResults(wire: WireResults): CheckedVisit[] | { problem: string } {
  const text = (i: unknown) => (Number.isInteger(i) && (i as number) >= 0 && (i as number) < wire.strings.length ? wire.strings[i as number]! : undefined);
  const out: CheckedVisit[] = [];
  for (const { line, visit, evaluation } of wire.items) {
    const findings: Finding[] = [];
    for (const { source: s, action: a, ...rest } of evaluation.findings) {
      const source = text(s);
      const action = a === undefined ? undefined : text(a);
      if (source === undefined || (a !== undefined && action === undefined)) return { problem: `line ${line}: a finding's text is missing` };
      findings.push({ ...rest, source, ...(action !== undefined && { action }) });
    }
    out.push({ line, visit, evaluation: { ...evaluation, findings } });
  }
  return out;
}
