import type { Discipline, Entry, Finding, FixField, Method, Settings, Severity, Visit } from '../model';
import type { CatalogRow } from './data/schema';
import { threshold, type RuleData } from './data';
import type { Chart } from './chart';
import { RULES, type RuleId } from './registry';
import { words } from './data/phrase-index';
import { countedMinutes, sharedTimes, type SharedTime } from './co-treatment';
import { isMedicareContractor, isMedicarePayer } from '../medicare-payer';

// What every rule family needs to know about a visit, worked out once.

export const CPM_20_2 = 'CMS Claims Processing Manual Pub. 100-04 Ch. 5 §20.2';

export interface Item {
  index: number;
  entry: Entry;
  /** Code as entered, upper-cased; undefined when the row has none. */
  code?: string;
  row?: CatalogRow;
  /** Name for messages: the row's own text, else the code, else its position. */
  name: string;
  /** The free text's words, lower case, for the phrase tables. */
  words: string[];
}

export interface Context {
  visit: Visit;
  settings: Settings;
  data: RuleData;
  chart: Chart;
  method: Method;
  methodReason: string;
  /** Medicare's own rules (GP/GO/GN, CQ/CO, KX, 97010/97014) apply. */
  medicare: boolean;
  discipline?: Discipline;
  disciplineReason?: string;
  /**
   * Each therapy line's plan of care, when the visit's lines are under more than one (GP and GO
   * lines of one patient's day, no discipline set on the visit): timed minutes are then counted
   * per plan (see plansOfCare).
   */
  plans?: Map<Item, Discipline>;
  dos?: string;
  items: Item[];
  /** The form has a units field (some entry carries units): compare what was entered. */
  hasEnteredUnits: boolean;
  /** The form has a modifiers field. */
  hasEnteredModifiers: boolean;
  /** Same-code lines that share the patient's time (co-treatment, CPM §20.3). */
  sharedTime: SharedTime[];
  /** Each shared line's minutes once that time is counted once; other lines are not in it. */
  counted: Map<Item, number>;
}

/**
 * `xs.flatMap(f)`, as a plain loop: in node 20 (V8 11) Array.prototype.flatMap costs a few
 * microseconds a call, ten times or more the loop, and these run for every visit of a batch.
 */
export function flatten<T, U>(xs: readonly T[], f: (x: T) => readonly U[]): U[] {
  const out: U[] = [];
  for (const x of xs) for (const y of f(x)) out.push(y);
  return out;
}

/** A line's minutes as the unit arithmetic counts them (shared time once). */
export const minutesCounted = (ctx: Context, item: Item): number | null | undefined => ctx.counted.get(item) ?? item.entry.minutes;

export function finding(
  rule: RuleId,
  severity: Severity,
  codes: string[],
  message: string,
  action: string,
  source: string,
  items: Item[] = [],
  more: { headline?: string; fix?: FixField; starterData?: Finding['starterData'] } = {},
): Finding {
  const unique = distinct(codes);
  const f: Finding = { rule, severity, codes: unique, headline: shorten(more.headline ?? defaultHeadline(rule, unique), HEADLINE_MAX), fix: more.fix ?? RULES[rule].fix, message, action, source };
  if (more.starterData) f.starterData = more.starterData;
  if (items.length) {
    f.entries = distinct(items.map((i) => i.index));
    const keys = items.map((i) => i.entry.fieldKey).filter((k): k is string => !!k);
    if (keys.length) f.fieldKeys = distinct(keys);
  }
  return f;
}

/**
 * `[...new Set(xs)]`: each value once, in the order first seen. Every finding makes two or three
 * of these, mostly of one to four values, where a scan is about half the cost of a Set.
 */
function distinct<T>(xs: readonly T[]): T[] {
  if (xs.length > 16) return [...new Set(xs)];
  const out: T[] = [];
  for (const x of xs) if (!out.includes(x)) out.push(x);
  return out;
}

/** Longest headline: a line a glance takes in (names from the page can make one longer). */
export const HEADLINE_MAX = 72;

/** How long a headline is cut to by default (shorten), and a list in one is cut before. */
export const HEADLINE_SHORT = 64;
/** A headline cut to about 60 characters (a glance, not the whole story: the message has it). */
export function shorten(text: string, max = HEADLINE_SHORT): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** A line as a headline names it: its code, else the start of its description. */
export const tag = (i: Item) => i.code ?? shorten(i.name, 28);

/** A headline from the rule's title when the rule gives none: "97110, 97112: GP/GO/GN missing". */
function defaultHeadline(rule: RuleId, codes: readonly string[]): string {
  const named = codes.length > 3 ? `${codes.slice(0, 3).join(', ')}…` : codes.join(', ');
  return named ? `${named}: ${RULES[rule].title}` : RULES[rule].title;
}

const CODE_SHAPE = /^[0-9A-Z]{4}[0-9A-Z]$/;
export const looksLikeCode = (code: string) => CODE_SHAPE.test(code);

function itemName(entry: Entry, index: number): string {
  const label = entry.label?.trim().replace(/\s+/g, ' ');
  if (label) {
    const short = label.length > 60 ? `${label.slice(0, 57)}…` : label;
    return entry.code ? `${short} (${entry.code.toUpperCase()})` : short;
  }
  return entry.code ? entry.code.toUpperCase() : `line ${index + 1}`;
}

function resolveMethod(visit: Visit, settings: Settings): { method: Method; reason: string; medicare: boolean } {
  const payer = visit.payer?.trim();
  const contractor = !!payer && isMedicareContractor(payer);
  const medicarePayer = !!payer && isMedicarePayer(payer);
  if (visit.method) return { method: visit.method, reason: 'method set for this visit', medicare: payer ? medicarePayer : visit.method === 'cms' };
  if (settings.methodOverride) {
    const m = settings.methodOverride;
    return { method: m, reason: `method ${m} chosen for this check`, medicare: payer ? medicarePayer : m === 'cms' };
  }
  if (!payer) return { method: settings.noPayerMethod, reason: 'no payer on the visit', medicare: settings.noPayerMethod === 'cms' };
  const lower = payer.toLowerCase();
  const rule = settings.payerMethods.find((r) => lower.includes(r.contains.toLowerCase()));
  if (rule) return { method: rule.method, reason: `payer "${payer}" matches the setting "${rule.contains}"`, medicare: medicarePayer };
  if (medicarePayer) return { method: 'cms', reason: `Medicare payer "${payer}"${contractor ? ' (a Medicare Administrative Contractor)' : ''} → CMS 8-minute rule`, medicare: true };
  return { method: settings.defaultMethod, reason: `payer "${payer}" → default ${settings.defaultMethod} method`, medicare: false };
}

const DISCIPLINE_BY_MODIFIER: Record<string, Discipline> = { GP: 'PT', GO: 'OT', GN: 'SLP' };
export const MODIFIER_BY_DISCIPLINE: Record<Discipline, string> = { PT: 'GP', OT: 'GO', SLP: 'GN' };

function inferDiscipline(visit: Visit, items: Item[]): { discipline?: Discipline; reason?: string } {
  if (visit.discipline) return { discipline: visit.discipline, reason: 'set on the visit' };
  const byCode = new Set(items.map((i) => i.row?.discipline).filter((d): d is Discipline => !!d));
  if (byCode.size === 1) {
    const d = [...byCode][0]!;
    return { discipline: d, reason: `inferred from ${items.find((i) => i.row?.discipline === d)!.code}` };
  }
  if (byCode.size > 1) return {};
  const byModifier = new Set(
    flatten(items, (i) => i.entry.modifiers ?? []).map((m) => DISCIPLINE_BY_MODIFIER[m]).filter((d): d is Discipline => !!d),
  );
  if (byModifier.size === 1) {
    const d = [...byModifier][0]!;
    return { discipline: d, reason: `inferred from the ${MODIFIER_BY_DISCIPLINE[d]} modifier entered` };
  }
  return {};
}

/**
 * The plan of care of each therapy line, when the lines are under two or more: a line's code
 * names its discipline (97161 is PT), else its one GP, GO or GN does. Undefined when the lines
 * are under one plan, or when a therapy line says none (then the modifiers rules ask for it, and
 * minutes are counted together as before).
 *
 * Why per plan: each discipline treats under its own plan of care (BPM Pub. 100-02 Ch. 15
 * §220.1.2: "a physical therapist may not provide services under an occupational therapist plan
 * of care"), and GP/GO/GN say which plan a line is billed under (CPM Pub. 100-04 Ch. 5 §20.1).
 * The rules reference has no CMS sentence on counting one day's PT and OT minutes; counting
 * them per discipline is the reading practices use (physicaltherapy.com, Weissberg 2018: "total
 * the minutes … on a single date of service for a single discipline"), and the batch's
 * same-day check already keeps disciplines apart (lib/batch/same-day.ts).
 */
function plansOfCare(ctx: Context): Map<Item, Discipline> | undefined {
  const plans = new Map<Item, Discipline>();
  const seen = new Set<Discipline>();
  for (const item of ctx.items) {
    // (A line not billed, 97010 bundled under Medicare, needs no plan.)
    if (!item.row?.therapy || !billingCode(ctx, item)) continue;
    let d = item.row.discipline;
    if (!d) {
      const own = new Set((item.entry.modifiers ?? []).map((m) => DISCIPLINE_BY_MODIFIER[m]).filter((x): x is Discipline => !!x));
      if (own.size !== 1) return undefined;
      d = [...own][0]!;
    }
    plans.set(item, d);
    seen.add(d);
  }
  if (seen.size < 2) return undefined;
  // Two disciplines treating at the same time (co-treatment, CPM §20.3): the patient's time counts
  // once, and how the units go between the plans is the therapists' to agree, not a split to
  // judge: such a day is counted together, as before.
  if (ctx.sharedTime.some((s) => new Set(s.items.map((i) => plans.get(i))).size > 1)) return undefined;
  // A code billed once a day with an add-on for the rest (97129, then 97130) under two plans: once
  // a day for the patient, whoever bills it, and which plan's units go on the add-on is not a
  // split to judge either: counted together, as before.
  const family = new Map<string, Set<Discipline>>();
  for (const [item, d] of plans) {
    const code = billingCode(ctx, item)!;
    const base = ctx.data.addOns.has(code) ? code : ctx.data.catalog.get(code)?.addOnTo;
    if (!base) continue;
    const set = family.get(base) ?? new Set();
    family.set(base, set.add(d));
    if (set.size > 1) return undefined;
  }
  return plans;
}

/** An Item whose display name is only worked out when a finding needs it. */
class ItemImpl implements Item {
  #name?: string;
  #words?: string[];
  constructor(
    readonly index: number,
    readonly entry: Entry,
    readonly code: string | undefined,
    readonly row: CatalogRow | undefined,
  ) {}
  get name(): string {
    return (this.#name ??= itemName(this.entry, this.index));
  }
  get words(): string[] {
    return (this.#words ??= words(this.entry.label ?? ''));
  }
}

export function buildContext(visit: Visit, settings: Settings, data: RuleData): Context {
  const items: Item[] = [];
  visit.entries.forEach((entry, index) => {
    const code = entry.code?.trim().toUpperCase() || undefined;
    // Blank rows (no code, no text, no minutes) are layout, not services.
    if (!code && !entry.label?.trim() && entry.minutes === undefined && entry.rawMinutes === undefined && entry.units === undefined && entry.rawUnits === undefined) return;
    items.push(new ItemImpl(index, entry, code, code ? data.catalog.get(code) : undefined));
  });
  const { method, reason, medicare } = resolveMethod(visit, settings);
  const d = inferDiscipline(visit, items);
  const ctx: Context = {
    visit,
    settings,
    data,
    chart: { unitMinutes: threshold(data, 'unit-minutes'), minimumMinutes: threshold(data, 'minimum-minutes') },
    method,
    methodReason: reason,
    medicare,
    discipline: d.discipline,
    disciplineReason: d.reason,
    dos: visit.dateOfService,
    items,
    hasEnteredUnits: visit.entries.some((e) => e.units !== undefined || e.rawUnits !== undefined),
    hasEnteredModifiers: visit.entries.some((e) => e.modifiers !== undefined),
    sharedTime: [],
    counted: new Map(),
  };
  ctx.sharedTime = sharedTimes(items, (item) => billingCode(ctx, item));
  ctx.counted = countedMinutes(ctx.sharedTime);
  // Lines under two plans of care, and no discipline set on the visit: each line's is its own.
  const plans = visit.discipline ? undefined : plansOfCare(ctx);
  if (plans) {
    ctx.plans = plans;
    delete ctx.discipline;
    delete ctx.disciplineReason;
  }
  return ctx;
}

/** The table's name when the rule data in force has only Unitwise's built-in STARTER set of it (Finding.starterData). */
export function starterTable(ctx: Context, name: 'ptp' | 'mue'): 'ptp' | 'mue' | undefined {
  return ctx.data.tables.find((t) => t.name === name)?.starter ? name : undefined;
}

/** True when the code may not be billed on this date: deleted by then, or not valid yet. */
export function isDeletedOn(row: CatalogRow | undefined, dos: string | undefined): boolean {
  return !!row?.deleted && (!dos || dos >= row.deleted.on);
}

/**
 * The code Unitwise would put on the claim for an item, or undefined when it should not
 * be billed (bundled under Medicare, deleted, or no code).
 */
export function billingCode(ctx: Context, item: Item): string | undefined {
  if (!item.code) return undefined;
  const row = item.row;
  if (!row) return looksLikeCode(item.code) ? item.code : undefined;
  if (isDeletedOn(row, ctx.dos)) return undefined;
  if (row.validFrom && ctx.dos && ctx.dos < row.validFrom) return undefined;
  if (ctx.medicare && row.medicare?.status === 'bundled') return undefined;
  if (ctx.medicare && row.medicare?.status === 'not-recognized' && row.medicare.useInstead) return row.medicare.useInstead;
  return item.code;
}

export const NCCI_MODIFIERS = ['59', 'XE', 'XS', 'XP', 'XU'] as const;
export function hasNcciModifier(modifiers: readonly string[] | undefined): string | undefined {
  return modifiers?.find((m) => (NCCI_MODIFIERS as readonly string[]).includes(m));
}
