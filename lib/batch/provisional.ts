// A checked visit's claim while some timed line's minutes are missing or unreadable
// (Evaluation.minutesPending): provisional, as the side panel says it (lib/report.ts
// provisionalText), for the batch check's table, the Batch page and its claim-lines CSV.
// An input that carries no minutes at all (an 837P, an export with no minutes column) is
// said once in the mapping report ("units are taken as billed"), not on every visit, as
// minutes.missing is not (lib/batch/check.ts dropForInput).

import type { Evaluation, Visit } from '../model';
import { provisionalText } from '../report';

export interface ProvisionalClaim {
  /** Which lines wait on minutes and what that means (provisionalText). */
  text: string;
  /** Codes of the lines whose minutes are missing or unreadable. */
  codes: ReadonlySet<string>;
  /** The CMS method: the other timed lines' units come from the total, so they may change too. */
  others: boolean;
  /** Codes waiting on their minutes with no units entered: on no claim line yet, named rather than left out. */
  unbilled: string[];
}

/** The claim's provisional state, or undefined when it is final (every timed line has minutes, or the input has none at all). */
export function provisionalClaim(visit: Omit<Visit, 'entries'> & { entries?: Visit['entries'] }, evaluation: Pick<Evaluation, 'method' | 'minutesPending' | 'lines'>, inputHasMinutes = true): ProvisionalClaim | undefined {
  if (!inputHasMinutes) return undefined;
  const text = provisionalText({ ...visit, entries: visit.entries ?? [] }, evaluation);
  if (!text) return undefined;
  const codes = new Set(evaluation.minutesPending!.map((p) => p.code));
  return { text, codes, others: evaluation.method === 'cms', unbilled: [...codes].filter((code) => !evaluation.lines.some((l) => l.code === code)) };
}
