import type { Finding, FixField } from '@/lib/model';

// How a finding is named on its card: its headline, the button named for its fix, and a
// short subject that tells one card's buttons from another's for a screen reader.

const FIX_WORDS: Record<FixField, string> = {
  code: 'code',
  units: 'units',
  minutes: 'minutes',
  modifiers: 'modifiers',
  label: 'description',
  payer: 'payer',
  dateOfService: 'date of service',
  discipline: 'discipline',
  totalTreatmentMinutes: 'total minutes',
};

export { headlineOf } from '@/lib/finding-headline';
import { codesText, title } from '@/lib/finding-headline';

/** Fields of the visit itself (its header), found on the page without a line's field key. */
const VISIT_FIELDS: ReadonlySet<FixField> = new Set(['payer', 'dateOfService', 'discipline', 'totalTreatmentMinutes']);

/** Whether the page can show the field: a line's field, or one of the visit's facts. */
export const canShow = (f: Pick<Finding, 'fieldKeys' | 'fix'>): boolean => !!f.fieldKeys?.[0] || (!!f.fix && VISIT_FIELDS.has(f.fix));

/** The primary action's visible text: named for the field to change. */
export const actionText = (f: Pick<Finding, 'fix'>): string => (f.fix ? `Show ${FIX_WORDS[f.fix]} field` : 'Show on page');

/**
 * For each finding, the words that make its buttons' names unique in the panel: "97110", or
 * "97110 (Daily unit limit (MUE) exceeded)" when another finding names the same codes.
 */
export function subjectsOf(findings: readonly Finding[]): string[] {
  const base = findings.map((f) => codesText(f.codes ?? []) || title(f) || f.rule);
  const count = (s: string, list: readonly string[]) => list.filter((x) => x === s).length;
  const second = base.map((s, i) => (count(s, base) > 1 ? `${s} (${title(findings[i]!) ?? findings[i]!.rule})` : s));
  // Still the same (one rule twice on the same codes): number them.
  return second.map((s, i) => (count(s, second) > 1 ? `${s} #${second.slice(0, i + 1).filter((x) => x === s).length}` : s));
}

/** subjectsOf as a lookup, over every finding of the visit (cards and notes alike). */
export const subjectMap = (findings: readonly Finding[]): ReadonlyMap<Finding, string> => {
  const names = subjectsOf(findings);
  return new Map(findings.map((f, i) => [f, names[i]!]));
};

/** What a finding resting on a built-in STARTER table (Finding.starterData) asks of the user. */
export { STARTER_DATA } from '@/lib/starter-data';

export const SEVERITY: Record<Finding['severity'], { mark: string; word: string }> = {
  error: { mark: '✕', word: 'Error' },
  warning: { mark: '▲', word: 'Warning' },
  info: { mark: 'i', word: 'Note' },
};
