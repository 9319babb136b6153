import type { Evaluation, Finding, Visit } from './model';
import type { Acknowledgement, StoredEvaluation } from './messages';
import { planModifierIn } from './plan-modifier';

// What the side panel shows and what a biller copies or exports, as pure functions: the claim
// Unitwise suggests beside what the form has entered, the verdict, and plain-text and CSV
// reports that say which rules and data produced them.

/** Stable identity of a finding within one visit (for acknowledgements). */
export function findingKey(f: Pick<Finding, 'rule' | 'codes' | 'fieldKeys'>): string {
  return `${f.rule}|${(f.codes ?? []).join(',')}|${(f.fieldKeys ?? []).join(',')}`;
}

export interface ClaimRow {
  code: string;
  /** GP, GO or GN when the code is billed under two plans of care in the visit (a row per plan); '' otherwise. */
  plan: string;
  suggested: { units: number; modifiers: string[]; reason?: string } | null;
  /** What the form has for the code; units null when the form has no units for it. */
  entered: { units: number | null; modifiers: string[] } | null;
  unitsDiffer: boolean;
  modifiersDiffer: boolean;
  /** A line of the code has no readable minutes (Evaluation.minutesPending): its units are not worked out yet. */
  minutesPending: boolean;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const planOf = (modifiers: readonly string[] | undefined) => planModifierIn(modifiers) ?? '';

/**
 * One row per code on either side: Unitwise's line beside the form's entries. A code the claim
 * bills under two plans of care (97110 GP and 97110 GO, lib/rules/units.ts) has a row per plan,
 * each beside the form's lines with that plan's modifier.
 */
export function claimRows(visit: Visit, evaluation: Evaluation): ClaimRow[] {
  const plans = new Map<string, Set<string>>();
  for (const l of evaluation.lines) {
    const set = plans.get(l.code) ?? new Set();
    set.add(planOf(l.modifiers));
    plans.set(l.code, set);
  }
  // Rows by code, and by plan for a code under two: "97110\0GP", "97110\0" (no plan). (A NUL: a
  // code as entered may hold a space.)
  const keyOf = (code: string, modifiers: readonly string[] | undefined) => `${code}\u0000${(plans.get(code)?.size ?? 0) > 1 ? planOf(modifiers) : ''}`;
  const entered = new Map<string, { units: number | null; modifiers: string[] }>();
  /** Rows whose lines have a modifiers field, even an empty one (a form with no such field has nothing to change there). */
  const modifierField = new Set<string>();
  for (const e of visit.entries) {
    const code = e.code?.trim().toUpperCase();
    if (!code) continue;
    const key = keyOf(code, e.modifiers);
    if (e.modifiers !== undefined) modifierField.add(key);
    const row = entered.get(key) ?? { units: null, modifiers: [] };
    if (e.units !== undefined && e.units !== null) row.units = (row.units ?? 0) + e.units;
    for (const m of e.modifiers ?? []) if (!row.modifiers.includes(m.toUpperCase())) row.modifiers.push(m.toUpperCase());
    entered.set(key, row);
  }
  const suggested = new Map<string, { units: number; modifiers: string[]; reason?: string }>();
  for (const l of evaluation.lines) {
    const key = keyOf(l.code, l.modifiers);
    const s = suggested.get(key);
    if (s) {
      s.units += l.units;
      for (const m of l.modifiers) if (!s.modifiers.includes(m)) s.modifiers.push(m);
    } else suggested.set(key, { units: l.units, modifiers: [...l.modifiers], reason: l.reason });
  }
  const keys = [...suggested.keys(), ...[...entered.keys()].filter((k) => !suggested.has(k))];
  const pending = new Set((evaluation.minutesPending ?? []).map((p) => p.code));
  return keys.map((key) => {
    const s = suggested.get(key) ?? null;
    const e = entered.get(key) ?? null;
    // A form with no units for a code is not a difference in units: nothing was entered yet.
    const unitsDiffer = e?.units != null ? e.units !== (s?.units ?? 0) : false;
    // An empty modifiers field where GP is to be billed is a difference too ("none → GP").
    const modifiersDiffer = !!s && !!e && modifierField.has(key) && !sameSet(s.modifiers, e.modifiers);
    const [code = '', plan = ''] = key.split('\u0000');
    return { code, plan, suggested: s, entered: e, unitsDiffer, modifiersDiffer, minutesPending: pending.has(code) };
  });
}

/** A line as the provisional note names it: its code and the start of its description, "97110 “Ther ex”". */
function pendingName(visit: Visit, entry: number, code: string): string {
  const label = visit.entries[entry]?.label?.trim().replace(/\s+/g, ' ');
  return label ? `${code} “${label.length > 40 ? `${label.slice(0, 39)}…` : label}”` : code;
}

/**
 * Why the suggested claim is not final, and what makes it so, when some timed line has no
 * readable minutes (Evaluation.minutesPending); undefined when every timed line has them. The
 * claim table shows it above the lines and the copied text above the claim: a biller is never
 * handed a claim built on missing minutes as if it were the answer.
 */
export function provisionalText(visit: Visit, evaluation: Pick<Evaluation, 'method' | 'minutesPending'>): string | undefined {
  const pending = evaluation.minutesPending;
  if (!pending?.length) return undefined;
  const list = (unreadable: boolean) => pending.filter((p) => !!p.unreadable === unreadable).map((p) => pendingName(visit, p.entry, p.code));
  const missing = list(false);
  const unreadable = list(true);
  const which = [missing.length ? `No minutes for ${missing.join(', ')}` : '', unreadable.length ? `${missing.length ? 'minutes' : 'Minutes'} not readable for ${unreadable.join(', ')}` : ''].filter(Boolean).join('; ');
  const others = evaluation.method === 'cms' ? " By the CMS 8-minute rule the visit's total timed minutes decide every timed line's units (CPM Pub. 100-04 Ch. 5 §20.2 C), so the other lines may change too." : '';
  return `${which}. ${pending.length === 1 ? 'That line is' : 'Those lines are'} shown with the units entered on the form (or none), not worked out from minutes.${others} Enter the minutes before billing or copying this claim.`;
}

export interface Verdict {
  ready: boolean;
  problems: number;
  errors: number;
  warnings: number;
  /** The counts in words: "2 problems to check (1 error, 1 warning)". */
  text: string;
  /** The line to read at a glance: "2 fixes before billing" / "Ready to bill: 97110 ×3 GP". */
  line: string;
  /** What the line's mark stands for: ✕ errors, ▲ warnings only, ✓ ready, nothing to bill. */
  level: 'error' | 'warning' | 'ready' | 'empty';
}

/** Claim lines as a biller writes them: "97110 ×3 GP". */
export function claimLineText(line: Pick<Evaluation['lines'][number], 'code' | 'units' | 'modifiers'>): string {
  return `${line.code} ×${line.units}${line.modifiers.length ? ` ${line.modifiers.join(' ')}` : ''}`;
}

/**
 * What an acknowledgement remembers of its visit besides its heading: the date of service, the
 * payer and the patient the page names (Visit.patientTag, a hash). A single-page EHR may show the
 * next patient at the same address under the same heading ("Daily note"), and a finding that
 * quotes no numbers ("97110: add GP") says the same for every patient.
 */
export function ackVisitFacts(visit: Pick<Visit, 'dateOfService' | 'payer' | 'patientTag'>): string {
  return `${visit.dateOfService ?? ''}|${(visit.payer ?? '').trim().toLowerCase().slice(0, 200)}|${visit.patientTag ?? ''}`;
}

/** What an acknowledgement names its visit by: the visit's label as the page shows it, and its key (`acks.visit`). */
export function ackVisitName(visitLabel: string | undefined, visitKey: string): string {
  return `${visitLabel ?? ''}|${visitKey}`.slice(0, 200);
}

/** A tab's acknowledgements given for this visit (or for no visit in particular): one given on visit 3 of a day sheet is not visit 4's. */
export function acksOfVisit(all: readonly Acknowledgement[], visitLabel: string | undefined, visitKey: string): Acknowledgement[] {
  const name = ackVisitName(visitLabel, visitKey);
  return all.filter((a) => a.visit === undefined || a.visit === name || (!!visitLabel && a.visit.startsWith(`${visitLabel}|`)));
}

/**
 * A visit's errors and warnings not acknowledged, as its verdict counts them: what the list of
 * the page's visits and the line under the verdict say of it (a visit whose only warning was
 * acknowledged has no problem left).
 */
export function openProblems(record: Pick<StoredEvaluation, 'evaluation' | 'visit'>, visitLabel: string | undefined, visitKey: string, all: readonly Acknowledgement[]): { errors: number; warnings: number } {
  const acks = all.length ? holdingAcks(acksOfVisit(all, visitLabel, visitKey), record.evaluation.findings, ackVisitFacts(record.visit)) : [];
  const { errors, warnings } = verdict(record.evaluation, acks);
  return { errors, warnings };
}

/**
 * The acknowledgements that still hold for `findings` of the visit shown (`facts`,
 * {@link ackVisitFacts}): one holds while its finding says what it said when it was
 * acknowledged, on a visit of the same date and payer. The next patient shown under the same
 * heading, with the same code on the same row, another date or payer, or this visit's minutes
 * changed, bring the finding back to be looked at again: the acknowledgement was for that
 * visit and the numbers it quoted.
 */
export function holdingAcks(acks: readonly Acknowledgement[], findings: readonly Finding[], facts?: string): Acknowledgement[] {
  const said = new Map(findings.map((f) => [findingKey(f), f.message]));
  return acks.filter((a) => sameVisitFacts(a.facts, facts) && (a.message === undefined || !said.has(a.key) || said.get(a.key) === a.message));
}

/** Facts agree part by part; a part not known on either side (a payer read only later) agrees with any. */
function sameVisitFacts(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || a === b) return true;
  // (An acknowledgement kept before the patient was part of its facts has fewer parts: those it lacks agree.)
  const x = a.split('|');
  const y = b.split('|');
  return x.every((part, i) => part === '' || !y[i] || part === y[i]);
}

/** At most this many acknowledgements are kept per tab (the stored list's limit is 500). */
const MAX_ACKS = 400;

/**
 * A tab's acknowledgements after acknowledging (`next`) or un-acknowledging the finding `key`
 * of the visit shown, whose acknowledgements in force are `holding`. Every other acknowledgement
 * is kept: another visit's, and this heading's for another patient (another date or payer), so
 * going back to that patient finds them. The oldest go past MAX_ACKS.
 */
export function acksAfter(all: readonly Acknowledgement[], holding: readonly Acknowledgement[], key: string, next?: Acknowledgement): Acknowledgement[] {
  const replaced = new Set(holding.filter((a) => a.key === key));
  const kept = all.filter((a) => !replaced.has(a));
  const out = next ? [...kept, next] : kept;
  return out.length <= MAX_ACKS ? out : [...out].sort((a, b) => a.at - b.at).slice(out.length - MAX_ACKS);
}

/** At most this many claim lines in the ready line; the claim table has the rest. */
const READY_LINES = 3;

/** Errors and warnings not acknowledged are problems; notes are not. */
export function verdict(evaluation: Evaluation, acks: readonly Acknowledgement[]): Verdict {
  const acked = new Set(acks.map((a) => a.key));
  const open = evaluation.findings.filter((f) => f.severity !== 'info' && !acked.has(findingKey(f)));
  const errors = open.filter((f) => f.severity === 'error').length;
  const warnings = open.length - errors;
  if (open.length === 0) {
    // Minutes still missing (their finding acknowledged or turned off): not ready, whatever the cards say.
    const pending = evaluation.minutesPending ?? [];
    if (pending.length) {
      const codes = [...new Set(pending.map((p) => p.code))].join(', ');
      return { ready: false, problems: 0, errors, warnings, text: 'Claim provisional: minutes missing', line: `Enter minutes for ${codes} before billing`, level: 'warning' };
    }
    const billed = evaluation.lines.filter((l) => l.units > 0);
    if (!billed.length) return { ready: true, problems: 0, errors, warnings, text: 'Nothing to bill yet', line: 'Nothing to bill yet', level: 'empty' };
    const more = billed.length > READY_LINES ? ` and ${billed.length - READY_LINES} more` : '';
    return { ready: true, problems: 0, errors, warnings, text: 'Ready to bill', line: `Ready to bill: ${billed.slice(0, READY_LINES).map(claimLineText).join(', ')}${more}`, level: 'ready' };
  }
  const parts = [errors ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : '', warnings ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''].filter(Boolean);
  // An error must be fixed; a warning asks the user to look and decide.
  const toCheck = `${warnings} to check`;
  const line = errors ? `${errors} ${errors === 1 ? 'fix' : 'fixes'} before billing${warnings ? `, ${toCheck}` : ''}` : `${toCheck} before billing`;
  return { ready: false, problems: open.length, errors, warnings, text: `${open.length} ${open.length === 1 ? 'problem' : 'problems'} to check (${parts.join(', ')})`, line, level: errors ? 'error' : 'warning' };
}

/** Total treatment minutes: as the form states them, else every line's minutes added up. */
export function treatmentMinutes(visit: Visit): number {
  return visit.totalTreatmentMinutes ?? visit.entries.reduce((sum, e) => sum + (e.minutes ?? 0), 0);
}

/** Each plan's timed minutes and units when the visit is under two: " (PT 40 min → 3, OT 10 min → 1, …)"; '' otherwise. */
export function plansText(evaluation: Pick<Evaluation, 'plans'>): string {
  return evaluation.plans?.length ? ` (${evaluation.plans.map((p) => `${p.discipline} ${p.minutes} min → ${p.units}`).join(', ')}, each plan of care counted on its own)` : '';
}

/** "50 min → 4 units", then each plan's (plansText). */
export function timedText(evaluation: Pick<Evaluation, 'totalTimedMinutes' | 'totalTimedUnits' | 'plans'>): string {
  const n = evaluation.totalTimedUnits;
  return `${evaluation.totalTimedMinutes} min → ${n} ${n === 1 ? 'unit' : 'units'}${plansText(evaluation)}`;
}

/** A later visit of a day whose claim bills what the day has left: its own minutes' units are not its claim's. */
export const dayLimited = (evaluation: Pick<Evaluation, 'findings'>) => evaluation.findings.some((f) => f.rule === 'units.same-day');

export function methodText(evaluation: Evaluation): string {
  return evaluation.method === 'cms' ? 'CMS 8-minute rule (total time)' : 'Per code (each service on its own)';
}

/** "ptp 2026q3 (2026-07-01 to 2026-09-30)": the data a finding's source came from. */
export function dataText(stored: Pick<StoredEvaluation, 'tables' | 'evaluation'>): string {
  const tables = stored.tables
    .filter((t) => t.name === 'ptp' || t.name === 'mue')
    .map((t) => `${t.name.toUpperCase()} ${t.version}${t.starter ? ' (starter set)' : ''}, effective ${t.effective.from} to ${t.effective.to ?? 'now'}`);
  return [stored.evaluation.data?.version ?? 'built-in data', ...tables].join('; ');
}

const SEVERITY_WORD: Record<Finding['severity'], string> = { error: 'ERROR', warning: 'WARNING', info: 'NOTE' };

/** The claim and findings as plain text, for pasting into a billing system's note or an email. */
export function reportText(stored: StoredEvaluation, acks: readonly Acknowledgement[], rulesVersion: string): string {
  const { visit, evaluation } = stored;
  const ackBy = new Map(acks.map((a) => [a.key, a]));
  const lines: string[] = [];
  const head = [visit.dateOfService ? `Date of service ${visit.dateOfService}` : 'Date of service not on the form', visit.payer ? `payer ${visit.payer}` : 'no payer on the form', visit.discipline].filter(Boolean);
  lines.push(`Unitwise billing check: ${head.join(', ')}`);
  lines.push(`Method: ${methodText(evaluation)}${evaluation.methodReason ? ` (${evaluation.methodReason})` : ''}`);
  lines.push(`Timed minutes ${evaluation.totalTimedMinutes} → ${evaluation.totalTimedUnits} timed units${plansText(evaluation)}${dayLimited(evaluation) ? " on this visit alone (the claim bills what the day's other visits leave)" : ''}; treatment minutes ${treatmentMinutes(visit)}`);
  const provisional = provisionalText(visit, evaluation);
  lines.push('', provisional ? `Suggested claim, PROVISIONAL until the minutes are entered: ${provisional}` : 'Suggested claim:');
  for (const r of claimRows(visit, evaluation)) {
    const s = r.suggested ? `${r.code} × ${r.suggested.units}${r.suggested.modifiers.length ? ` ${r.suggested.modifiers.join(' ')}` : ''}` : r.minutesPending ? `${r.code} × ? (enter its minutes)` : `${r.code} × 0 (not billable)`;
    const e = r.entered && (r.unitsDiffer || r.modifiersDiffer) ? `  [form has ${r.entered.units ?? '–'}${r.entered.modifiers.length ? ` ${r.entered.modifiers.join(' ')}` : r.modifiersDiffer ? ', no modifier' : ''}]` : '';
    lines.push(`  ${s}${e}${r.minutesPending ? ' [PROVISIONAL: minutes missing or unreadable]' : ''}${r.suggested?.reason ? ` — ${r.suggested.reason}` : ''}`);
  }
  lines.push('', evaluation.findings.length ? 'Findings:' : 'Findings: none');
  for (const f of evaluation.findings) {
    const ack = ackBy.get(findingKey(f));
    lines.push(`  ${SEVERITY_WORD[f.severity]} ${f.rule}${f.starterData ? ' [STARTER DATA, verify]' : ''}: ${f.message}`);
    if (f.action) lines.push(`    What to do: ${f.action}`);
    lines.push(`    Source: ${f.source}`);
    if (ack) lines.push(`    Acknowledged: ${ack.reason}`);
  }
  lines.push('', `Checked by Unitwise ${rulesVersion}; data: ${dataText(stored)}`);
  return lines.join('\n');
}

// Spreadsheets run a cell as a formula when it starts with `=`, `+`, `-` or `@`, or with a tab,
// CR (OWASP, CSV Injection) or NUL (ASVS 5.0 1.2.10) before one. Spaces and quotes in front
// are skipped here too, in case a reader trims them.
const FORMULA_AT_START = /^(?=[ "]*[=+\-@\t\r\0])/;
const FORMULA_AFTER_SEPARATOR = /[,;\t\r\n]+(?=[ "]*[=+\-@\0])/g;

/**
 * One CSV cell that a spreadsheet will not run as a formula, whatever list separator it
 * uses: always quoted (RFC 4180, `"` doubled), with `'` (OWASP's prefix) put before any
 * formula start.
 *
 * A formula start is checked at the beginning of the value and also after each `,`, `;`, tab
 * or line break inside it, because quoting alone does not cover those. OWASP warns that the
 * field separator (`,` or `;`) and quotes can start a new cell mid-value, and a quoted cell is
 * one field only to a reader that splits on our `,` and honours our quotes. Excel in a locale
 * whose list separator is `;` splits these lines at `;`, where our quotes are not at the start
 * of its fields (honouring a quote mid-field is not something to rely on); a tab-separated or
 * line-by-line reader likewise. There an unguarded payer `Aetna;=cmd|' /C calc'!A0` is a
 * field `=cmd|' /C calc'!A0`; here it is written `Aetna;'=cmd|…`. Text such as "3 - 2" or
 * "a; b" is left alone.
 *
 * Numbers are written as their digits (`3` → `"3"`, which a spreadsheet still reads as a
 * number) and never prefixed: `String(number)` cannot spell a formula.
 */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string') s = s.replace(FORMULA_AT_START, "'").replace(FORMULA_AFTER_SEPARATOR, "$&'");
  return `"${s.replace(/"/g, '""')}"`;
}

export const CSV_HEADER = ['type', 'code', 'units', 'modifiers', 'entered_units', 'entered_modifiers', 'severity', 'rule', 'message', 'action', 'source', 'acknowledged', 'date_of_service', 'payer', 'method', 'rules_version', 'data_version'];

/** One row per claim line and per finding, each carrying the visit, method and versions. */
export function reportCsv(stored: StoredEvaluation, acks: readonly Acknowledgement[], rulesVersion: string): string {
  const { visit, evaluation } = stored;
  const ackBy = new Map(acks.map((a) => [a.key, a]));
  const tail = [visit.dateOfService, visit.payer, evaluation.method, rulesVersion, dataText(stored)];
  const rows: (string | number | null | undefined)[][] = [CSV_HEADER];
  for (const r of claimRows(visit, evaluation)) {
    const reason = r.minutesPending ? `PROVISIONAL (minutes missing or unreadable: units not worked out)${r.suggested?.reason ? `; ${r.suggested.reason}` : ''}` : r.suggested?.reason;
    rows.push(['claim', r.code, r.suggested?.units ?? 0, r.suggested?.modifiers.join(' '), r.entered?.units, r.entered?.modifiers.join(' '), '', '', reason, '', '', '', ...tail]);
  }
  for (const f of evaluation.findings) {
    rows.push(['finding', (f.codes ?? []).join(' '), '', '', '', '', f.severity, f.rule, f.message, f.action, f.source, ackBy.get(findingKey(f))?.reason, ...tail]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
