import type { ClaimLine, Evaluation, Finding, Visit } from '../model';
import { planModifierOf } from './plans-of-care';
import { planModifierIn } from '../plan-modifier';

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
  /** This visit's claim lines when the day leaves it fewer units than its own minutes support (lines left with 0 units dropped). */
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
  const unitsOf = (v: Visit, code: string) => v.entries.reduce((n, e) => n + (e.code?.toUpperCase() === code ? (e.units ?? 0) : 0), 0);
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
  const claim = dayClaim(visit, alone, (v, i, last) => (i === last ? day : i === last - 1 ? dayBefore().evaluation : evaluateDay(v)), evaluateDay, timed, underPlan, planOf);
  if (!claim) return { findings: out };
  const enteredOf = (codes: readonly string[]) => visit.entries.reduce((n, e) => n + (e.code && codes.includes(e.code.toUpperCase()) ? (e.units ?? 0) : 0), 0);
  const claimOf = (codes: readonly string[]) => claim.lines.reduce((n, l) => n + (codes.includes(l.code) ? l.units : 0), 0);
  // This visit's own "minutes support more" is not so for the day: the earlier visits' claims
  // take the rest of what the day's minutes support.
  const drop = (f: Finding) => f.rule === 'units.under-billed' && f.codes.some((c) => claim.cut.some((l) => l.code === c)) && enteredOf(f.codes) >= claimOf(f.codes);
  // The form's units fit the day, but an earlier visit's claim bills more than its form (its
  // minutes support more): billed as suggested, the day leaves this visit less than its form.
  const cut = claim.cut.filter((l) => enteredOf([l.code]) > l.units);
  if (cut.length && !out.some((f) => f.rule === 'units.same-day')) {
    const entries = visit.entries.flatMap((e, i) => (cut.some((l) => l.code === e.code?.toUpperCase()) ? [i] : []));
    const keys = entries.map((i) => visit.entries[i]?.fieldKey).filter((k): k is string => !!k);
    const plan = cut.map((l) => `${l.code} ×${l.units}`).join(', ');
    out.push({
      rule: 'units.same-day',
      severity: 'warning',
      codes: [...new Set(cut.map((l) => l.code))],
      headline: `Same day as ${earlier[0]!.id ?? 'another visit'}: bill ${plan} here if it is billed as suggested`.slice(0, 120),
      message: `${lead} (${counting}). The earlier visits' suggested claims bill more units than their forms, and with them the day's minutes leave this visit ${plan}.`,
      action: `Bill ${plan} on this visit with the earlier visits' suggested claims; if an earlier visit is billed as its form has it, this visit's own units stand. Either way, the day's units must be what its minutes support.`,
      source: "CPM Pub. 100-04 Ch. 5 §20.2 (the day's timed minutes counted together); the day's visits counted together",
      ...(entries.length && { entries }),
      ...(keys.length && { fieldKeys: keys }),
    });
  }
  return { findings: out, lines: claim.lines, drop };
}

/**
 * This visit's claim when the day leaves it less than its own lines: each earlier visit's claim
 * is worked out in turn (what the day up to it supports, less the visits before it), and this
 * visit's lines keep only what is left, by plan of care (the CMS method's one count) or by
 * code (the per-code method). Codes the day bills more of come first. Undefined when nothing is cut.
 */
function dayClaim(visit: Visit, alone: Evaluation, dayUpTo: (day: Visit, i: number, last: number) => Evaluation, evaluateDay: (day: Visit) => Evaluation, timed: (code: string) => boolean, underPlan: UnderPlan, planOf: (code: string) => string | undefined): { lines: ClaimLine[]; cut: ClaimLine[] } | undefined {
  const { sameDay: earlier = [], ...rest } = visit;
  const visits = [...earlier.map((v) => ({ ...rest, entries: v.entries })), rest];
  const billed: ClaimLine[] = [];
  let entries: Visit['entries'] = [];
  let last: ClaimLine[] = [];
  let cut: ClaimLine[] = [];
  visits.forEach((v, i) => {
    entries = [...entries, ...v.entries];
    // (The first visit alone is the day up to it: the day before this one when it is the only earlier one.)
    const own = i === visits.length - 1 ? alone : i === 0 ? dayUpTo(v, 0, visits.length - 1) : evaluateDay(v);
    const day = i === 0 ? own : dayUpTo({ ...rest, entries }, i, visits.length - 1);
    const lines = own.lines.map((l) => ({ ...l }));
    cut = [];
    const gain = (code: string) => unitsOf(day.lines, code) - unitsOf(billed, code);
    // Groups counted together: each plan's timed lines (CMS), or each timed code under each plan (per code).
    const plans = [...new Set(lines.map((l) => planOf(l.code) ?? planModifierIn(l.modifiers)))];
    const groups = day.method === 'cms' ? plans.map((plan) => ({ plan, code: undefined as string | undefined })) : lines.flatMap((l) => plans.map((plan) => ({ plan, code: l.code })));
    const seen = new Set<string>();
    for (const { plan, code } of groups) {
      if (seen.has(`${plan}:${code}`) || (code && !timed(code))) continue;
      seen.add(`${plan}:${code}`);
      const picks = (l: ClaimLine) => (code ? l.code === code : timed(l.code)) && underPlan(l.code, l.modifiers, plan);
      const supported = day.lines.filter(picks).reduce((n, l) => n + l.units, 0);
      const before = billed.filter(picks).reduce((n, l) => n + l.units, 0);
      let left = Math.max(0, supported - before);
      for (const l of lines.filter(picks).sort((a, b) => gain(b.code) - gain(a.code))) {
        const keep = Math.min(l.units, left);
        left -= keep;
        if (keep < l.units) {
          l.reason = `${l.reason ? `${l.reason}; ` : ''}same day: the day's ${plan ? `${plan} ` : ''}${code ?? 'timed'} minutes support ${supported} unit${supported === 1 ? '' : 's'}, ${before} on the earlier visits' claims: ${keep} here, not ${l.units}`;
          cut.push({ ...l, units: keep });
          l.units = keep;
        }
      }
    }
    last = lines.filter((l) => l.units > 0);
    billed.push(...last);
  });
  return cut.length ? { lines: last, cut } : undefined;
}

const unitsOf = (lines: readonly ClaimLine[], code: string) => lines.reduce((n, l) => n + (l.code === code ? l.units : 0), 0);


/** `f` from the day's evaluation as a finding of `visit`: its entries and fields are this visit's own (the earlier visits' lines come first in the day). */
function onThisVisit(f: Finding, rule: Finding['rule'], before: number, visit: Visit, text: { message: string; action: string; headline: string }): Finding {
  const out: Finding = { rule, severity: f.severity, codes: f.codes, headline: text.headline.slice(0, 120), message: text.message, action: text.action, source: `${f.source}; ${rule === 'mue.same-day' ? 'the date of service' : 'the day'}'s visits counted together` };
  if (f.fix) out.fix = f.fix;
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
