import type { Finding, FixField, Severity } from '../model';

// Which page element each finding's marker goes on: the field the user must change (the
// line's units for a unit error, its modifiers for a missing GP, the visit's payer field…),
// one marker per element, worst finding first. Pure: the content script passes lookups.

/** Fixes that are facts of the visit, not of one line. */
const VISIT_FACTS: ReadonlySet<FixField> = new Set(['payer', 'dateOfService', 'discipline', 'totalTreatmentMinutes']);

/**
 * A finding that names more lines than this is about the visit as a whole (its total units,
 * its lines' wording): it is marked on its first line only, not with the same marker on every
 * row. On a short visit each line it names keeps its marker.
 */
export const MAX_MARKED_PER_FINDING = 5;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** What a visit's facts are keyed by in the page's field map (PageSession): `visit:payer`, `visit.v2:payer`. */
export const factPrefix = (visitKey: string) => (visitKey === 'v1' ? 'visit' : `visit.${visitKey}`);

/**
 * The key of the field to change on the line that `anchor` (an entry's fieldKey, `v2.r3:minutes`)
 * belongs to: `v2.r3:units` for a unit fix. The anchor itself when the line has no such field
 * (a form without a units column, a line read from note text).
 */
export function fixKeyOnLine(anchor: string, fix: FixField | undefined, has: (key: string) => boolean): string {
  if (!fix || VISIT_FACTS.has(fix)) return anchor;
  const cut = anchor.lastIndexOf(':');
  const key = `${cut > 0 ? anchor.slice(0, cut) : anchor}:${fix}`;
  return has(key) ? key : anchor;
}

export interface Mark<E> {
  /** The field key the marker is drawn for (what "Show on page" and the e2e name it by). */
  key: string;
  element: E;
  /**
   * The page's fields around it (its row's, the rows above and below): a marker never covers
   * one. Looked up when first asked (a marker on screen choosing its side): a page's first draw
   * makes thousands of marks, 36 keys each, and places few.
   */
  near: () => E[];
  /** Worst first. */
  findings: Finding[];
}

export interface MarkLookup<E> {
  field(key: string): E | undefined;
  /** Where the visit starts on the page (its heading or table): for a visit fact with no field. */
  start(): E | undefined;
}

/**
 * The markers for one visit's findings: for each finding the fields it asks to change, one
 * marker per page element (two keys can name one element: a note's text holds both a line's
 * minutes and its description), its findings worst first. In the order the findings come.
 */
export function marksFor<E>(findings: readonly Finding[], visitKey: string, lookup: MarkLookup<E>): Mark<E>[] {
  const byElement = new Map<E, Mark<E>>();
  const has = (key: string) => lookup.field(key) !== undefined;
  const add = (key: string, element: E | undefined, f: Finding) => {
    if (element === undefined) return;
    const mark = byElement.get(element);
    if (!mark) {
      let near: E[] | undefined;
      byElement.set(element, { key, element, near: () => (near ??= neighbourKeys(key).map((k) => lookup.field(k)).filter((e): e is E => e !== undefined && e !== element)), findings: [f] });
    } else if (!mark.findings.includes(f)) mark.findings.push(f);
  };
  for (const f of findings) {
    const anchors = (f.fieldKeys ?? []).filter(has);
    if (f.fix && VISIT_FACTS.has(f.fix)) {
      const key = `${factPrefix(visitKey)}:${f.fix}`;
      if (has(key)) {
        add(key, lookup.field(key), f);
        continue;
      }
      // No such field on the page (no payer field at all): the lines it names, else the visit's start.
      if (!anchors.length) {
        add(`${factPrefix(visitKey)}:start`, lookup.start(), f);
        continue;
      }
    }
    const keys = [...new Set(anchors.map((a) => fixKeyOnLine(a, f.fix, has)))];
    // A note (a visit's average minutes per unit, a tie) is marked once: rows are not covered with it.
    for (const key of keys.length > (f.severity === 'info' ? 1 : MAX_MARKED_PER_FINDING) ? keys.slice(0, 1) : keys) add(key, lookup.field(key), f);
  }
  const marks = [...byElement.values()];
  for (const m of marks) m.findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return marks;
}

/** A line's fields, by role (what PageSession keys them by). */
const LINE_FIELDS = ['label', 'code', 'minutes', 'units', 'modifiers', 'modifiers2', 'modifiers3', 'modifiers4', 'assistantMinutes', 'startTime', 'endTime', 'coTreatment'];

/**
 * The keys of the fields around `key` (`v2.r3:units`): every field of its line and of the lines
 * just above and below (`v2.r2:…`, `v2.r4:…`). Where a marker may not go.
 */
export function neighbourKeys(key: string): string[] {
  // `r3:units` (the 4th row drawn), `g5:units` (a grid's row 5 by aria-rowindex).
  const m = /^(.*?[rg])(\d+):[\w]+$/.exec(key);
  if (!m) return [];
  const [, prefix, row] = m;
  const n = Number(row);
  return [n - 1, n, n + 1].filter((i) => i >= 0).flatMap((i) => LINE_FIELDS.map((f) => `${prefix}${i}:${f}`));
}

/** The key of the field "Show on page" goes to for a finding: its first marked field. */
export function revealKey<E>(anchor: string, fix: FixField | undefined, visitKey: string, lookup: MarkLookup<E>): { key: string; element: E } | undefined {
  const marks = marksFor([{ rule: '', severity: 'error', codes: [], message: '', source: '', fieldKeys: [anchor], fix }], visitKey, lookup);
  return marks[0] ? { key: marks[0].key, element: marks[0].element } : undefined;
}
