import type { ClaimLine, Evaluation, Finding, Visit } from '../model';
import { planModifierOf } from './plans-of-care';
import { planModifierIn } from '../plan-modifier';
import { dayClaim } from './day-claim';

// A patient seen twice on one date (a morning and an afternoon session an export lists under
// two ids) is billed by the day: CMS counts "the total number of minutes of service … in a
// single day" (CPM Pub. 100-04 Ch. 5 §20.2), and a practitioner MUE adds all units of the date
// of service (NCCI Policy Manual Ch. I §V). Each visit alone may be right while the day is
// not: 10 minutes in each of two visits, 1 unit each, is 20 minutes for the day: 1 unit, not 2;
// and an NCCI pair applies to the date of service, across visits (XE marks a separate encounter).
// The later visit (the one not yet written out) carries the day's finding, and its claim lines
// bill only what the day has left once the earlier visits' lines are billed: a biller who copies
// them, visit by visit or as one claim for the date, bills what the day supports.

/** The day's findings for a later visit, and its claim lines when the day takes units off them. */
export interface SameDay {
  findings: Finding[];
  /** This visit's claim lines when the day makes them other than its own (day-claim.ts). */
  lines?: ClaimLine[];
  /** This visit's own findings the day answers otherwise (its minutes support more units, the day's other visits bill them). */
  drop?: (f: Finding) => boolean;
}


/**
 * The day's findings that each visit alone cannot see, re-pointed at `visit`'s own lines.
 * `planOf`: the GP, GO or GN of a code's own discipline (97161 is PT's, 92507 SLP's), if it has
 * one; other lines are under the plan their own modifier names.
 */
export function sameDayFindings(visit: Visit, alone: Evaluation, evaluateDay: (day: Visit) => Evaluation, timed: (code: string) => boolean, planOf: (code: string) => string | undefined = () => undefined): SameDay {
  const earlier = visit.sameDay;
  if (!earlier?.length) return { findings: [] };
  const before = earlier.reduce((n, v) => n + v.entries.length, 0);
  if (before + visit.entries.length > 200) return { findings: [] }; // (Visit.entries' limit: such a day is not a therapy day)
  const { sameDay: _, ...rest } = visit;
  const earlierEntries = earlier.flatMap((v) => v.entries);
  const dayVisit: Visit = { ...rest, entries: [...earlierEntries, ...visit.entries] };
  const day = evaluateDay(dayVisit);
  // What the earlier visits already show (each alone, or an earlier visit's own day finding):
  // only what this visit adds to the day is this visit's to fix, and said once.
  let prefix: { visit: Visit; evaluation: Evaluation } | undefined;
  const dayBefore = () => {
    if (!prefix) {
      const v: Visit = { ...rest, entries: earlierEntries };
      prefix = { visit: v, evaluation: evaluateDay(v) };
    }
    return prefix;
  };
  const others = earlier.map((v) => `${v.id ? JSON.stringify(v.id) : 'a visit'}${v.line ? ` (line ${v.line})` : ''}`).join(', ');
  const date = visit.dateOfService ?? 'the same date';
  const lead = `This patient has ${earlier.length === 1 ? 'another visit' : `${earlier.length} other visits`} on ${date}: ${others}. The day's lines are billed together`;
  const out: Finding[] = [];
  // Units over what the minutes support: the timed total (the CMS method's one count), or one
  // code's (the per-code method, an untimed code): only what this visit adds is its to say.
  // (Of one plan of care's lines, GP, GO or GN, when the day's finding is about one: units.ts counts each plan's minutes on their own.)
  const underPlan = (code: string, modifiers: readonly string[] | undefined, plan: string | undefined) => !plan || (planOf(code) ?? planModifierIn(modifiers)) === plan;
  const excess = (v: Visit, e: Evaluation, code?: string, plan?: string) => Math.max(0, entered(v, timed, code, plan, underPlan) - suggested(e, timed, code, plan, underPlan));
  const adds = (code?: string, plan?: string) => excess(dayVisit, day, code, plan) - excess(dayBefore().visit, dayBefore().evaluation, code, plan) - excess(visit, alone, code, plan) > 0;
  const counting = day.method === 'cms' ? "CMS counts a day's timed minutes together, CPM §20.2" : "each code's minutes of the day are counted together";
  const mine = new Set(visit.entries.map((e) => e.code?.toUpperCase()).filter(Boolean));
  const earlierCodes = new Set(earlier.flatMap((v) => v.entries.map((e) => e.code?.toUpperCase())).filter(Boolean));
  for (const f of day.findings) {
    const total = day.method === 'cms' && f.codes.every(timed) && f.codes.length > 0 && /total timed minutes/.test(f.message);
    // A code billed once a day with its add-on for the rest (97129 → 97130): the day's split.
    const split = f.rule === 'units.allocation' && mine.has(f.codes[0]) && adds(f.codes[0]);
    const plan = planModifierOf(f);
    if (split || (f.rule === 'units.over-billed' && (total ? adds(undefined, plan) : f.codes.length === 1 && mine.has(f.codes[0]) && adds(f.codes[0], plan)))) {
      out.push(
        onThisVisit(f, 'units.same-day', before, visit, {
          message: `${lead} (${counting}). For the day: ${f.message}`,
          action: `For the day, across these visits: ${f.action ?? 'bill the units the day supports.'} That plan is the day's: take the extra units off this visit or an earlier one of the day, or check that every visit's minutes are complete.`,
          headline: `Same day as ${earlier[0]!.id ?? 'another visit'}: ${f.headline ?? 'too many units'}`,
        }),
      );
    } else if ((f.rule === 'pair.modifier-required' || f.rule === 'pair.not-allowed') && f.severity === 'error' && f.codes.length === 2 && across(f.codes, mine, earlierCodes)) {
      // An NCCI edit applies to the date of service, visit or not. Codes [column 1, column 2].
      const [one, two] = f.codes as [string, string];
      const separate = f.rule === 'pair.modifier-required';
      out.push(
        onThisVisit(f, 'pair.same-day', before, visit, {
          message: `${lead} (NCCI edits apply to every service of the date of service). ${one} and ${two} are an NCCI pair: ${f.message}${separate ? ' A visit at another time of day is a separate encounter: XE (or 59) marks it.' : ''}`,
          action: separate ? `If the visits were separate encounters and the note shows both times, append XE (or 59) to ${two}; if not, do not bill ${two} with ${one} on this date.` : (f.action ?? `Bill ${one} only on this date.`),
          headline: `Same day as ${earlier[0]!.id ?? 'another visit'}: ${separate ? `${two} needs XE with ${one}` : `${two} never with ${one}`}`,
        }),
      );
    } else if (f.rule === 'pair.one-eval-per-day' && f.severity === 'error' && f.codes.length === 2 && across(f.codes, mine, earlierCodes)) {
      // One evaluation or re-evaluation a discipline a date of service, visit or not (NCCI Policy Manual Ch. XI §P.1).
      const theirs = f.codes.find((c) => !mine.has(c))!;
      const own = f.codes.find((c) => mine.has(c))!;
      out.push(
        onThisVisit(f, 'pair.same-day', before, visit, {
          message: `${lead}. ${f.message.replace('this visit has', 'the date has')} ${theirs} is on ${others}.`,
          action: `Bill one evaluation or re-evaluation for the date (the one that was done): remove ${own} here, or ${theirs} from the earlier visit.`,
          headline: `Same day as ${earlier[0]!.id ?? 'another visit'}: one evaluation a day (${theirs} there, ${own} here)`,
        }),
      );
    } else if (f.rule === 'mue.exceeded' && f.codes.length === 1 && mine.has(f.codes[0]) && unitsOf(visit, f.codes[0]!) > 0 && !overMue(alone.findings, f.codes)) {
      // This visit's units of the code put the date over its limit, or further over: all of the
      // date's units are denied (MAI 3), so the day total is this visit's to know too.
      out.push(
        onThisVisit(f, 'mue.same-day', before, visit, {
          message: `${lead} (an MUE adds all units of the date of service). For the day: ${f.message}`,
          action: `For the day, across these visits: ${f.action ?? 'bill no more than the limit.'}`,
          headline: `Same day as ${earlier[0]!.id ?? 'another visit'}: ${f.headline ?? 'over the daily limit'}`,
        }),
      );
    }
  }
  // (The whole day and the day before this visit are evaluated already.)
  const claim = dayClaim(visit, alone, { dayUpTo: (v, i, last) => (i === last ? day : i === last - 1 ? dayBefore().evaluation : evaluateDay(v)), alone: evaluateDay }, { timed, planOf });
  if (!claim) return { findings: out };
  // This visit's own "bill more" or "bill less" is the day's to say now: its claim is what the
  // day leaves it (a timed code, or one whose units the day changed).
  const changed = new Set([...alone.lines, ...claim].map((l) => l.code).filter((c) => units(claim, c) !== units(alone.lines, c)));
  const drop = (f: Finding) => (f.rule === 'units.over-billed' || f.rule === 'units.under-billed') && f.codes.every((c) => timed(c) || changed.has(c));
  // One finding says what to bill here, as the claim does: the day's own units finding (its
  // plan may name codes billed on an earlier visit) becomes its reason.
  const dayUnits = out.filter((f) => f.rule === 'units.same-day');
  const kept = out.filter((f) => f.rule !== 'units.same-day');
  // (A timed line of the day with no minutes: the day's total is not known, so its forms are not said to be over.)
  const known = dayVisit.entries.every((e) => !e.code || !timed(e.code.toUpperCase()) || e.minutes !== undefined);
  kept.push(claimFinding(visit, claim, { lead, counting, formsOver: known && excess(dayVisit, day) > 0, day: dayUnits }));
  return { findings: kept, lines: claim, drop };
}

const units = (lines: readonly ClaimLine[], code: string) => lines.reduce((n, l) => n + (l.code === code ? l.units : 0), 0);
/** Units of `code` the visit's form has. */
const unitsOf = (v: Visit, code: string) => v.entries.reduce((n, e) => n + (e.code?.toUpperCase() === code ? (e.units ?? 0) : 0), 0);

/**
 * What this visit's claim is for the day, against its form: an error when the form bills more
 * and the day's forms are over, a warning when they differ otherwise, a note when the form is
 * right but this visit's own minutes alone would say otherwise (its claim is what the day leaves).
 */
function claimFinding(visit: Visit, claim: readonly ClaimLine[], text: { lead: string; counting: string; formsOver: boolean; day: readonly Finding[] }): Finding {
  const entered = (code: string) => unitsOf(visit, code);
  const codes = [...new Set([...visit.entries.map((e) => e.code?.toUpperCase()).filter((c): c is string => !!c), ...claim.map((l) => l.code)])];
  const differ = codes.filter((c) => entered(c) !== units(claim, c));
  const form = codes.reduce((n, c) => n + entered(c), 0);
  const billed = claim.reduce((n, l) => n + l.units, 0);
  const plan = claim.length ? claim.map((l) => `${l.code} ×${l.units}`).join(', ') : 'nothing';
  const earlier = visit.sameDay ?? [];
  const who = earlier.length === 1 ? (earlier[0]!.id ?? 'another visit') : `${earlier.length} earlier visits`;
  const entries = visit.entries.flatMap((e, i) => (e.code && differ.includes(e.code.toUpperCase()) ? [i] : []));
  const keys = entries.map((i) => visit.entries[i]?.fieldKey).filter((k): k is string => !!k);
  // An error when the day's forms together bill more than its minutes support; when only an
  // earlier visit's suggested claim (more than its form) leaves this one less, a warning.
  const severity = (form > billed && text.formsOver) || text.day.some((f) => f.severity === 'error') ? 'error' : differ.length ? 'warning' : 'info';
  // "For the day: 2 timed units entered, but 20 total timed minutes support 1 unit."
  const why = text.day.map((f) => f.message.replace(/^.*?For the day: /, '')).join(' ');
  const bill = differ.filter((c) => units(claim, c) > 0).map((c) => `${c} ×${units(claim, c)}`);
  const not = differ.filter((c) => units(claim, c) === 0);
  const fix = [bill.length ? `bill ${bill.join(', ')}` : '', not.length ? `do not bill ${not.join(', ')}` : ''].filter(Boolean).join('; ');
  return {
    rule: 'units.same-day',
    severity,
    // (On the units field: the registry's fix for the rule.)
    fix: 'units',
    codes: differ.length ? differ : claim.map((l) => l.code),
    headline: (severity === 'error' ? `Same day as ${who}: ${fix} here` : severity === 'warning' ? `If ${who} bills as suggested: ${fix} here` : `Same day as ${who}: this visit bills what the day leaves`).slice(0, 120),
    message: `${text.lead} (${text.counting}).${why ? ` For the day: ${why}` : ''} With the earlier visits billed as their suggested claims, the day's minutes leave this visit ${plan}${differ.length ? `; its form has ${differ.map((c) => `${c} ×${entered(c)}`).join(', ')}` : ''}.`,
    action: differ.length
      ? `Bill ${plan} on this visit. If an earlier visit is billed otherwise than its suggested claim, bill this one so that the day's units are what its minutes support.`
      : 'Nothing to change on this form; bill the earlier visits as suggested.',
    source: "CPM Pub. 100-04 Ch. 5 §20.2 (the day's timed minutes counted together); the day's visits counted together",
    ...(entries.length && { entries }),
    ...(keys.length && { fieldKeys: keys }),
  };
}

/** `f` from the day's evaluation as a finding of `visit`: its entries and fields are this visit's own (the earlier visits' lines come first in the day). */
function onThisVisit(f: Finding, rule: Finding['rule'], before: number, visit: Visit, text: { message: string; action: string; headline: string }): Finding {
  const out: Finding = { rule, severity: f.severity, codes: f.codes, headline: text.headline.slice(0, 120), message: text.message, action: text.action, source: `${f.source}; ${rule === 'mue.same-day' ? 'the date of service' : 'the day'}'s visits counted together` };
  if (f.fix) out.fix = f.fix;
  if (f.starterData) out.starterData = f.starterData;
  const entries = (f.entries ?? []).filter((i) => i >= before).map((i) => i - before);
  if (entries.length) {
    out.entries = entries;
    const keys = entries.map((i) => visit.entries[i]?.fieldKey).filter((k): k is string => !!k);
    if (keys.length) out.fieldKeys = keys;
  }
  return out;
}

/** One code of the pair is only this visit's and the other only an earlier one's: the pair spans the visits (within one, the visit's own check says it). */
function across(codes: readonly string[], mine: ReadonlySet<string | undefined>, earlier: ReadonlySet<string | undefined>): boolean {
  const [a, b] = codes;
  return (mine.has(a) && !mine.has(b) && earlier.has(b) && !earlier.has(a)) || (mine.has(b) && !mine.has(a) && earlier.has(a) && !earlier.has(b));
}

const overMue = (findings: readonly Finding[], codes: readonly string[]) => findings.some((a) => a.rule === 'mue.exceeded' && a.codes.some((c) => codes.includes(c)));

type UnderPlan = (code: string, modifiers: readonly string[] | undefined, plan: string | undefined) => boolean;

/** Units entered on the visit's lines: of `code`, or of every timed code; of the lines under `plan` (GP, GO or GN) when given. */
function entered(visit: Visit, timed: (code: string) => boolean, code: string | undefined, plan: string | undefined, underPlan: UnderPlan): number {
  let n = 0;
  for (const e of visit.entries) {
    const c = e.code?.toUpperCase();
    if (c && (code ? c === code : timed(c)) && underPlan(c, e.modifiers, plan)) n += e.units ?? 0;
  }
  return n;
}

/** Units on the suggested claim: of `code`, or of every timed code; of the lines under `plan` when given. */
function suggested(e: Evaluation, timed: (code: string) => boolean, code: string | undefined, plan: string | undefined, underPlan: UnderPlan): number {
  let n = 0;
  for (const l of e.lines) if ((code ? l.code === code : timed(l.code)) && underPlan(l.code, l.modifiers, plan)) n += l.units;
  return n;
}
