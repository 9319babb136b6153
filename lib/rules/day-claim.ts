import type { ClaimLine, Evaluation, Visit } from '../model';
import { planModifierIn } from '../plan-modifier';

// The claim of a later visit of a day: what the day's lines bill beyond the earlier visits'
// claims. CMS counts "the total number of minutes of service … in a single day" (CPM Pub.
// 100-04 Ch. 5 §20.2), so a biller who copies each visit's suggested claim (visit by visit, or
// as one claim for the date) bills what the day's minutes support, never the sum of what each
// visit's minutes support alone. Each earlier visit's claim is worked out the same way in turn.

/** What the day-claim needs of the rules. */
export interface DayRules {
  /** A timed code (counted by the 8-minute rule). */
  timed(code: string): boolean;
  /** The GP, GO or GN of a code's own discipline, if it has one. */
  planOf(code: string): string | undefined;
}

/** How a later visit's evaluations are had: the day up to visit `i` of `last` (the earlier ones first), and one visit alone. */
export interface DayEvaluations {
  dayUpTo(day: Visit, i: number, last: number): Evaluation;
  alone(visit: Visit): Evaluation;
}

/**
 * The last visit's claim lines (visit.sameDay the earlier ones), or undefined when they are its
 * own (`alone.lines`). Per code and plan of care: the day's units less the earlier claims'. Under
 * the CMS method a plan's timed units are one count: this visit gets at most the day's less the
 * earlier claims', the codes with most left first (a code the day ranks first may have been
 * billed by an earlier visit as another). A code the earlier visits billed (an evaluation, a
 * once-a-day code) is not billed again; the day's add-on units (97130 after 97129) are.
 */
export function dayClaim(visit: Visit, alone: Evaluation, get: DayEvaluations, rules: DayRules): ClaimLine[] | undefined {
  const { sameDay: earlier = [], ...rest } = visit;
  const visits: Visit[] = [...earlier.map((v) => ({ ...rest, entries: v.entries })), rest];
  const last = visits.length - 1;
  const billed: ClaimLine[] = [];
  let entries: Visit['entries'] = [];
  let claim: ClaimLine[] = [];
  visits.forEach((v, i) => {
    entries = [...entries, ...v.entries];
    const own = i === last ? alone : i === 0 ? get.dayUpTo(v, 0, last) : get.alone(v);
    const day = i === 0 ? own : get.dayUpTo({ ...rest, entries }, i, last);
    claim = i === 0 ? own.lines.map((l) => ({ ...l })) : remainder(v.entries, own, day, billed, rules);
    billed.push(...claim);
  });
  return sameLines(claim, alone.lines) ? undefined : claim;
}

const planKey = (l: ClaimLine, rules: DayRules) => rules.planOf(l.code) ?? planModifierIn(l.modifiers) ?? '';

function byKey(lines: readonly ClaimLine[], rules: DayRules): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) {
    const k = `${l.code}|${planKey(l, rules)}`;
    out.set(k, (out.get(k) ?? 0) + l.units);
  }
  return out;
}

/** A visit's claim: the day's lines less what `billed` (the earlier claims) has. */
function remainder(entries: Visit['entries'], own: Evaluation, day: Evaluation, billed: readonly ClaimLine[], rules: DayRules): ClaimLine[] {
  const dayBy = byKey(day.lines, rules);
  const billedBy = byKey(billed, rules);
  const ownLine = new Map(own.lines.map((l) => [`${l.code}|${planKey(l, rules)}`, l]));
  const dayLine = new Map(day.lines.map((l) => [`${l.code}|${planKey(l, rules)}`, l]));
  // Each code and plan the day bills more of than the earlier claims, this visit's own codes first.
  const keys = [...new Set([...ownLine.keys(), ...dayLine.keys()])];
  const more = new Map(keys.map((k) => [k, (dayBy.get(k) ?? 0) - (billedBy.get(k) ?? 0)]));
  const out = new Map<string, ClaimLine>();
  for (const k of keys) {
    const n = more.get(k)!;
    if (n <= 0) continue;
    const base = ownLine.get(k) ?? dayLine.get(k)!;
    out.set(k, { ...base, units: n });
  }
  // The CMS method counts a plan's timed minutes once: at most the day's timed units less the
  // earlier claims'. This visit's own lines keep theirs first (which code of the day gets a
  // unit is the day's tie to break; the one performed here is billed here), then the day's
  // other codes with units left.
  if (day.method === 'cms') {
    const timedPlans = new Set([...own.lines, ...day.lines].filter((l) => rules.timed(l.code)).map((l) => planKey(l, rules)));
    for (const plan of timedPlans) {
      const inPlan = (l: ClaimLine) => rules.timed(l.code) && planKey(l, rules) === plan;
      const supported = day.lines.filter(inPlan).reduce((s, l) => s + l.units, 0);
      const before = billed.filter(inPlan).reduce((s, l) => s + l.units, 0);
      let left = Math.max(0, supported - before);
      const why = `the day's ${plan ? `${plan} ` : ''}timed minutes support ${supported} unit${supported === 1 ? '' : 's'}, ${before} on the earlier visits' claims`;
      for (const k of keys) if (inPlan(ownLine.get(k) ?? dayLine.get(k)!)) out.delete(k);
      const ownFirst = own.lines.filter(inPlan).sort((a, b) => (more.get(`${b.code}|${plan}`) ?? 0) - (more.get(`${a.code}|${plan}`) ?? 0));
      for (const l of ownFirst) {
        // As many as the day has left of its code when the earlier claims bill it too (the day's
        // 97129 is once: the rest is 97130), else its own, or more when the day leaves more.
        const k = `${l.code}|${plan}`;
        const keep = Math.min(billedBy.has(k) ? Math.max(0, more.get(k) ?? 0) : Math.max(l.units, more.get(k) ?? 0), left);
        left -= keep;
        if (keep) out.set(`${l.code}|${plan}`, { ...l, units: keep, reason: reasonFor({ ...l, units: keep }, l, why) });
      }
      // Units the day still has go to codes performed here first, a unit each in turn, most
      // minutes first (their minutes made the day's), then to the day's others (its add-on:
      // 97130 after 97129).
      const performed = [...new Map(entries.filter((e) => e.code && (e.minutes ?? 0) > 0).map((e) => [e.code!.toUpperCase(), e])).values()]
        .filter((e) => {
          const l: ClaimLine = { code: e.code!.toUpperCase(), units: 0, modifiers: e.modifiers ?? [] };
          return inPlan(l) && !billedBy.has(`${l.code}|${plan}`);
        })
        .sort((a, b) => (b.minutes ?? 0) - (a.minutes ?? 0));
      for (let i = 0; left > 0 && performed.length && i < 100; i++) {
        const e = performed[i % performed.length]!;
        const k = `${e.code!.toUpperCase()}|${plan}`;
        const line = out.get(k) ?? { code: e.code!.toUpperCase(), units: 0, modifiers: [...(e.modifiers ?? [])] };
        line.units += 1;
        line.reason = reasonFor(line, ownLine.get(k), why);
        out.set(k, line);
        left -= 1;
      }
      for (const k of keys) {
        const l = dayLine.get(k);
        if (!l || !inPlan(l) || ownLine.has(k) || out.has(k) || left <= 0 || (more.get(k) ?? 0) <= 0) continue;
        const keep = Math.min(more.get(k)!, left);
        left -= keep;
        out.set(k, { ...l, units: keep, reason: reasonFor({ ...l, units: keep }, undefined, why) });
      }
    }
  }
  for (const [k, l] of out) if (!(day.method === 'cms' && rules.timed(l.code))) l.reason = reasonFor(l, ownLine.get(k), `the day bills ${dayBy.get(k)} ${l.code}, ${billedBy.get(k) ?? 0} on the earlier visits' claims`);
  // This visit's own lines in their order, then the day's others.
  return [...out.values()];
}

/** A line's reason: its own when the day leaves it as it is, else why the day makes it what it is. */
function reasonFor(line: ClaimLine, own: ClaimLine | undefined, why: string): string | undefined {
  if (own && own.units === line.units) return own.reason;
  return `${own?.reason ? `${own.reason}; ` : ''}same day: ${why}: ${line.units} here${own ? `, not ${own.units}` : ''}`;
}

function sameLines(a: readonly ClaimLine[], b: readonly ClaimLine[]): boolean {
  const key = (l: ClaimLine) => `${l.code}|${l.units}|${l.modifiers.join(' ')}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
}
