import type { Discipline, Finding } from '../model';
import { chartRange, chartUnits, plural } from './chart';
import { CPM_20_2, HEADLINE_MAX, HEADLINE_SHORT, MODIFIER_BY_DISCIPLINE, billingCode, finding, flatten, minutesCounted, shorten, tag, type Context, type Item } from './context';
import { threshold } from './data';
import { overTreatmentTime, planPrefix, type PlanLines } from './plans-of-care';

// Units for timed and untimed codes, the way CPM Pub. 100-04 Ch. 5 §20.2 explains them:
// 1. add up the minutes of all 15-minute timed services and read the chart;
// 2. give each service its whole 15-minute units;
// 3. give the units left over to the services with the most remaining minutes;
// 4. equal remainders are the clinician's choice (Examples 2 and 5).
// The per-code ("substantial portion") method reads the chart for each code on its own.

/** A claim line before modifiers are decided. */
export interface DraftLine {
  code: string;
  units: number;
  reason: string;
  kind: 'timed' | 'untimed' | 'rtm' | 'unknown';
  items: Item[];
  /** Minutes and assistant minutes of the service (timed lines). */
  minutes?: number;
  assistantMinutes?: number;
  /** The plan of care the line is counted under, in a visit with lines under two or more (Context.plans). */
  discipline?: Discipline;
}

export interface UnitsResult {
  lines: DraftLine[];
  totalTimedMinutes: number;
  totalTimedUnits: number;
  findings: Finding[];
  /** Each plan's timed minutes and units, in a visit under two or more (Context.plans). */
  plans?: { discipline: Discipline; minutes: number; units: number }[];
  /** Timed lines whose minutes are missing or unreadable: the units above are provisional until they are entered. */
  pending: Item[];
}

/** A timed service: one code, or 97129 with its add-on 97130, with all its rows' minutes. */
interface Service {
  code: string;
  name: string;
  items: Item[];
  minutes: number;
  assistantMinutes: number;
  minutesKnown: boolean;
  entered: number;
  /** Units entered on the base code alone (97129 is once a day). */
  enteredBase: number;
  addOn?: string;
  whole: number;
  remainder: number;
  units: number;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const codeList = (codes: string[], last = 'and') =>
  codes.length <= 1 ? codes.join('') : `${codes.slice(0, -1).join(', ')} ${last} ${codes[codes.length - 1]}`;

/**
 * Units for the visit; in a visit with lines under two or more plans of care (Context.plans),
 * for each plan on its own: a PT line's minutes never earn an OT line a unit. Each plan's lines,
 * reasons and findings say which plan they are about.
 */
export function computeUnits(ctx: Context): UnitsResult {
  const { plans } = ctx;
  if (!plans) return unitsOf(ctx);
  const groups = new Map<Discipline | undefined, Item[]>();
  for (const item of ctx.items) {
    const d = plans.get(item);
    const list = groups.get(d);
    if (list) list.push(item);
    else groups.set(d, [item]);
  }
  const out: UnitsResult = { lines: [], totalTimedMinutes: 0, totalTimedUnits: 0, findings: [], plans: [], pending: [] };
  const average: Average = { entered: 0, codes: [], items: [], whole: true };
  // (The visit's total treatment time holds every plan's minutes: judged across them, below.)
  const { totalTreatmentMinutes: _, ...visit } = ctx.visit;
  const planLines = new Map<Discipline | undefined, PlanLines>();
  // A line with no minutes yet may share its time with another plan's line of its code (marked
  // co-treatment, or clock times): once entered, the plans are counted together, so no unit
  // bound holds per plan while it is blank.
  const blank = (i: Item) => typeof minutesCounted(ctx, i) !== 'number';
  const mayShare = (i: Item, o: Item) => o !== i && billingCode(ctx, o) === billingCode(ctx, i) && plans.get(o) !== plans.get(i) && (!!i.entry.coTreatment || !!o.entry.coTreatment || !!(i.entry.startTime || o.entry.startTime));
  const mayJoin = ctx.items.some((i) => blank(i) && ctx.items.some((o) => mayShare(i, o)));
  for (const [d, items] of groups) {
    const r = unitsOf({ ...ctx, visit, items, ...(d && { discipline: d, disciplineReason: `its ${MODIFIER_BY_DISCIPLINE[d]} lines` }), plans: undefined }, false, !mayJoin);
    out.totalTimedMinutes += r.totalTimedMinutes;
    out.totalTimedUnits += r.totalTimedUnits;
    out.pending.push(...r.pending);
    average.entered += r.average.entered;
    average.codes.push(...r.average.codes);
    average.items.push(...r.average.items);
    average.whole &&= r.average.whole;
    planLines.set(d, r.average.whole ? { items, minutes: r.totalTimedMinutes } : { items });
    if (d && (r.totalTimedMinutes > 0 || r.totalTimedUnits > 0)) out.plans!.push({ discipline: d, minutes: r.totalTimedMinutes, units: r.totalTimedUnits });
    if (!d) {
      out.lines.push(...r.lines);
      out.findings.push(...r.findings);
      continue;
    }
    const plan = planPrefix(d);
    for (const line of r.lines) out.lines.push({ ...line, discipline: d, reason: `${plan}${line.reason}` });
    for (const f of r.findings)
      out.findings.push({
        ...f,
        message: `${plan}${f.message}`,
        ...(f.headline && { headline: `${shorten(f.headline, HEADLINE_MAX - 12)} (${MODIFIER_BY_DISCIPLINE[d]} lines)` }),
        source: `${f.source}; minutes counted per plan of care (CMS Benefit Policy Manual Pub. 100-02 Ch. 15 §220.1.2, each discipline its own plan)`,
      });
  }
  // Lines whose minutes are not known: the total treatment time bounds all the plans' units together.
  if (!average.whole) out.findings.push(...overTreatmentTime(ctx, planLines));
  // Each plan's figures are worth saying when two plans have timed minutes.
  if (out.plans!.length < 2) delete out.plans;
  // Whether the visit's units average what CMS expects is said of the visit, once.
  else if (ctx.hasEnteredUnits && !ctx.items.some(unitsUnread)) out.findings.push(...lowAverage(ctx, out.totalTimedMinutes, average));
  return out;
}

/**
 * Units for the lines of one plan of care. `whole`: they are the visit's lines (else one plan's
 * of several: the visit's average minutes per unit is said once, over all of them).
 */
function unitsOf(ctx: Context, whole = true, bound = true): UnitsResult & { average: Average } {
  const findings: Finding[] = [];
  const { chart } = ctx;
  const services = new Map<string, Service>();
  const others = new Map<string, { code: string; kind: DraftLine['kind']; items: Item[] }>();

  for (const item of ctx.items) {
    const code = billingCode(ctx, item);
    if (!code) continue;
    const row = ctx.data.catalog.get(code);
    if (row?.kind === 'timed' && (row.unitMinutes ?? 15) === chart.unitMinutes) {
      const base = row.addOnTo ?? code;
      let s = services.get(base);
      if (!s) {
        const addOn = ctx.data.addOns.get(base);
        s = { code: base, name: ctx.data.catalog.get(base)?.name ?? base, items: [], minutes: 0, assistantMinutes: 0, minutesKnown: true, entered: 0, enteredBase: 0, addOn, whole: 0, remainder: 0, units: 0 };
        services.set(base, s);
      }
      s.items.push(item);
      // Co-treatment: the patient's shared time counts once (CPM §20.3).
      const m = minutesCounted(ctx, item);
      if (typeof m === 'number') s.minutes += m;
      else s.minutesKnown = false;
      s.assistantMinutes += item.entry.assistantMinutes ?? 0;
      s.entered += item.entry.units ?? 0;
      if (code === base) s.enteredBase += item.entry.units ?? 0;
    } else {
      const kind: DraftLine['kind'] = row ? (row.kind === 'timed' ? 'unknown' : row.kind) : 'unknown';
      const o = others.get(code) ?? { code, kind, items: [] };
      o.items.push(item);
      others.set(code, o);
    }
  }

  const all = [...services.values()];
  // Units written but not read ("2?", "1.5"): each is said, and no total of units is judged
  // while one is unknown (a line counted as no units would look under-billed).
  const unread = ctx.items.filter(unitsUnread);
  for (const item of unread) findings.push(unitsUnreadable(item));
  const timedUnread = all.some((s) => s.items.some(unitsUnread));
  const known = all.filter((s) => s.minutesKnown);
  const unknown = all.filter((s) => !s.minutesKnown);
  const totalTimedMinutes = sum(known.map((s) => s.minutes));
  const lines: DraftLine[] = [];
  let totalTimedUnits = 0;

  for (const s of all) {
    s.whole = Math.floor(s.minutes / chart.unitMinutes);
    s.remainder = s.minutes - s.whole * chart.unitMinutes;
  }

  if (ctx.method === 'cms') {
    const n = chartUnits(totalTimedMinutes, chart);
    totalTimedUnits = n;
    for (const s of known) s.units = s.whole;
    let left = n - sum(known.map((s) => s.whole));
    // Largest remainders first; among equals, more minutes, then the order charted.
    const order = known
      .filter((s) => s.remainder > 0)
      .sort((a, b) => b.remainder - a.remainder || b.minutes - a.minutes || a.items[0]!.index - b.items[0]!.index);
    const extra = new Set<Service>();
    for (const s of order) {
      if (left <= 0) break;
      s.units += 1;
      extra.add(s);
      left -= 1;
    }
    // A tie: the last service to get an extra unit and the first left without one have equal remainders.
    const cut = extra.size;
    if (cut > 0 && cut < order.length && order[cut - 1]!.remainder === order[cut]!.remainder) {
      const r = order[cut]!.remainder;
      const tied = order.filter((s) => s.remainder === r);
      const chosen = tied.filter((s) => extra.has(s));
      findings.push(
        finding(
          'units.tie',
          'info',
          tied.map((s) => s.code),
          `${codeList(tied.map((s) => s.code))} each have ${plural(r, 'minute')} left after their whole units, and only ${plural(chosen.length, 'extra unit')} can go to them: the clinician chooses which (CPM §20.2 Examples 2 and 5). Unitwise put it on ${codeList(chosen.map((s) => s.code))}.`,
          `Keep Unitwise's choice or move the extra unit to ${codeList(tied.filter((s) => !extra.has(s)).map((s) => s.code), 'or')}; either is correct. Never give one code all the units.`,
          `${CPM_20_2} C, Examples 2 and 5`,
          flatten(tied, (s) => s.items),
          { headline: `Extra unit: ${codeList(tied.map((s) => s.code), 'or')}, clinician's choice` },
        ),
      );
    }
    const head = `${totalTimedMinutes} total timed minutes → ${plural(n, 'unit')} (${chartRange(n, chart)}); `;
    for (const s of known) {
      const parts = [`${plural(s.minutes, 'minute')}: ${plural(s.whole, 'whole unit')}`];
      if (extra.has(s)) parts.push(`+1 for the ${s.remainder} remaining minutes (largest remainder)`);
      else if (s.remainder > 0) parts.push(`${s.remainder} remaining minutes earn no further unit`);
      const reason = head + parts.join(', ');
      pushServiceLines(lines, s, reason);
    }
  } else {
    for (const s of known) {
      s.units = chartUnits(s.minutes, chart);
      totalTimedUnits += s.units;
      pushServiceLines(lines, s, `${plural(s.minutes, 'minute')} of this code alone → ${plural(s.units, 'unit')} (${chartRange(s.units, chart)})`);
    }
  }

  // Untimed, RTM and unknown codes: never part of the 8-minute arithmetic.
  for (const o of others.values()) {
    const row = ctx.data.catalog.get(o.code);
    const entered = o.items.some((i) => i.entry.units !== undefined) ? sum(o.items.map((i) => i.entry.units ?? 0)) : undefined;
    if (o.kind === 'untimed') {
      const max = row?.maxUnitsPerDay ?? 1;
      lines.push({ code: o.code, units: 1, kind: 'untimed', items: o.items, reason: `untimed code: 1 unit whatever the minutes (CPM §20.2 B)` });
      if (o.items.some(unitsUnread)) {
        // (Said by units.unreadable.)
      } else if (ctx.hasEnteredUnits && entered !== undefined && entered > max) {
        findings.push(
          finding('units.over-billed', 'error', [o.code], `${o.code} (${row?.name}) is untimed: it is billed as 1 unit on a day, whatever the minutes, but ${entered} units were entered.`, `Bill 1 unit of ${o.code}.`, `${CPM_20_2} B ("Regardless of the number of minutes … only one unit")`, o.items, { headline: `${o.code}: bill 1 unit, not ${entered}` }),
        );
      } else if (ctx.hasEnteredUnits && (entered ?? 0) === 0) {
        findings.push(finding('units.under-billed', 'warning', [o.code], `${o.code} (${row?.name}) is charted but no unit was entered; an untimed code is billed as 1 unit.`, `Enter 1 unit of ${o.code}, or remove the row if it was not done.`, `${CPM_20_2} B`, o.items, { headline: `${o.code}: enter 1 unit` }));
      }
    } else if (o.kind === 'rtm') {
      const units = entered && entered > 0 ? entered : 1;
      lines.push({ code: o.code, units, kind: 'rtm', items: o.items, reason: 'remote monitoring: billed per 30-day period or 20-minute monthly block, not by the 8-minute rule; units as entered' });
      findings.push(
        finding('units.rtm', 'info', [o.code], `${o.code} (${row?.name}) is a remote therapeutic monitoring code: its units are days of data per 30-day period or 20-minute blocks per calendar month, so the 8-minute rule does not apply and its minutes are not counted as timed minutes.`, 'Check the month\'s device days or management minutes for this patient before billing.', `${row?.source ?? 'rules-reference §3'} (RTM rules)`, o.items, { headline: `${o.code}: monitoring code, not 15-minute units` }),
      );
    } else {
      const units = entered ?? 1;
      lines.push({ code: o.code, units, kind: 'unknown', items: o.items, reason: entered === undefined ? 'not in the therapy catalog: 1 unit shown, not checked' : 'not in the therapy catalog: units as entered, not checked' });
    }
  }

  if (unknown.length) {
    // Minutes missing or unreadable: keep what was entered on the claim (so pairs and MUEs are
    // still checked) but judge no units for the visit; the minutes findings say why.
    for (const s of unknown) {
      if (s.entered > 0)
        lines.push({ code: s.code, units: s.entered, kind: 'timed', items: s.items, reason: 'minutes missing or unreadable: units as entered, not checked' });
    }
    findings.push(...overTotalTreatment(ctx, all));
    const pending = flatten(unknown, (s) => s.items.filter((i) => typeof minutesCounted(ctx, i) !== 'number'));
    if (ctx.hasEnteredUnits && bound) findings.push(...overWhateverPending(ctx, known, unknown, pending));
    return { lines, totalTimedMinutes, totalTimedUnits, findings, pending, average: { entered: 0, codes: [], items: [], whole: false } };
  }

  findings.push(...notBillable(ctx, known, totalTimedMinutes, totalTimedUnits));
  if (ctx.hasEnteredUnits && !timedUnread) findings.push(...compareEntered(ctx, known, totalTimedMinutes, totalTimedUnits));
  // Units not read count at least 0: more units than the minutes support without them is over-billing all the same.
  else if (ctx.hasEnteredUnits && ctx.method === 'cms' && sum(known.map((s) => s.entered)) > totalTimedUnits)
    for (const f of compareEntered(ctx, known, totalTimedMinutes, totalTimedUnits))
      if (f.rule === 'units.over-billed') findings.push({ ...f, message: f.message.replace(/ entered, but /, ' entered (not counting the units that could not be read), but ') });
  const average: Average = { entered: sum(known.map((s) => s.entered)), codes: known.map((s) => s.code), items: flatten(known, (s) => s.items), whole: true };
  if (ctx.hasEnteredUnits && whole && !timedUnread) findings.push(...lowAverage(ctx, totalTimedMinutes, average));
  return { lines, totalTimedMinutes, totalTimedUnits, findings, pending: [], average };
}

/**
 * The most units `s` (its minutes known) can earn whatever the minutes not yet entered turn out
 * to be. Per code, its own minutes decide. By the total (CPM §20.2 C), it keeps its whole units
 * and can earn one more only from a unit left over for the largest remaining minutes; each
 * service without minutes may have any remainder (0–14), and equal remainders are the
 * clinician's choice (Examples 2 and 5), so a tie counts as earned. Undefined: too many
 * services without minutes to try every remainder (no bound said).
 */
export function mostUnits(ctx: Context, s: Service, known: readonly Service[], unknown: readonly Service[]): number | undefined {
  const { chart } = ctx;
  if (ctx.method !== 'cms') return chartUnits(s.minutes, chart);
  if (s.remainder === 0) return s.whole;
  if (unknown.length > 3) return undefined;
  const knownMinutes = sum(known.map((k) => k.minutes));
  const knownWhole = sum(known.map((k) => k.whole));
  const ahead = known.filter((k) => k !== s && k.remainder > s.remainder).length;
  const u = chart.unitMinutes;
  // Each pending service's minutes: the fewest with that remainder, at least what it has entered.
  const least = (p: Service, r: number) => r + u * Math.max(0, Math.ceil((p.minutes - r) / u));
  const remainders = unknown.map(() => 0);
  for (;;) {
    let minutes = knownMinutes;
    let whole = knownWhole;
    let before = ahead;
    unknown.forEach((p, k) => {
      const m = least(p, remainders[k]!);
      minutes += m;
      whole += Math.floor(m / u);
      if (remainders[k]! > s.remainder) before++;
    });
    if (chartUnits(minutes, chart) - whole > before) return s.whole + 1;
    // The next combination of remainders, 0–14 each.
    let k = 0;
    while (k < remainders.length && remainders[k] === u - 1) remainders[k++] = 0;
    if (k === remainders.length) return s.whole;
    remainders[k]!++;
  }
}

/**
 * Services with more units entered than their minutes can support whatever the minutes still
 * missing turn out to be (mostUnits): over-billed already. 47 minutes of 97110 beside a Gait
 * training row with no minutes yet earn 3 units at most, never 4.
 */
function overWhateverPending(ctx: Context, known: readonly Service[], unknown: readonly Service[], pending: readonly Item[]): Finding[] {
  const out: Finding[] = [];
  const tags = [...new Set(pending.map(tag))];
  const missing = tags.length > 5 ? `${tags.slice(0, 4).join(', ')} and ${tags.length - 4} more` : codeList(tags);
  for (const s of known) {
    if (s.items.some(unitsUnread)) continue;
    const most = mostUnits(ctx, s, known, unknown);
    if (most === undefined || s.entered <= most) continue;
    // (Its whole units it keeps whatever the rest: the bound is its units, or one more.)
    const exact = ctx.method !== 'cms' || most === s.whole;
    const name = s.addOn ? `${s.code} and ${s.addOn}` : s.code;
    const left = plural(s.remainder, 'remaining minute');
    const lost = s.whole ? `; its ${left} can earn no further unit, since` : ', and cannot earn one:';
    const why =
      ctx.method !== 'cms'
        ? `${name}'s ${plural(s.minutes, 'minute')} support ${plural(most, 'unit')} on their own`
        : `With ${plural(s.minutes, 'minute')}, ${name} ${s.addOn ? 'have' : 'has'} ${s.whole ? plural(s.whole, 'whole unit') : 'no whole unit'}` +
          (most > s.whole ? `, and can earn ${s.whole ? '1 more' : '1 unit'} at most, for its ${left}` : s.remainder > 0 ? `${lost} a unit left over goes to the largest remaining minutes` : '');
    /** "97110 ×3", or a once-a-day code and its add-on ("97129 ×1 and 97130 ×2"). */
    const bill = (n: number) => (s.addOn && n > 1 ? `${s.code} ×1 and ${s.addOn} ×${n - 1}` : `${s.code} ×${n}`);
    const rows = s.items.length > 1 && !s.addOn ? ` in all (${s.items.map((i) => i.entry.units ?? 0).join(' + ')} entered on its rows)` : '';
    const action =
      most === 0
        ? `Take ${s.code}'s units off: its minutes earn none.`
        : exact
          ? `Bill ${bill(most)}${rows}.`
          : s.whole === 0
            ? `Bill ${s.code} ×1 at most: enter the missing minutes to see whether its minutes earn it.`
            : `Bill ${bill(s.whole)} or ${bill(most)}: enter the missing minutes to see which.`;
    const headline = most === 0 ? `${s.code}: its minutes earn no unit, ${s.entered} entered` : `${name}: ${exact ? 'bill' : 'at most'} ${plural(most, 'unit')}, not ${s.entered}`;
    out.push(
      finding(
        'units.over-billed',
        'error',
        s.addOn ? [s.code, s.addOn] : [s.code],
        `${plural(s.entered, 'unit')} entered on ${name}. ${why}. That holds whatever minutes are entered for ${missing}.`,
        action,
        CPM_20_2 + (ctx.method === 'cms' ? ' C (units left over go to the largest remaining minutes)' : ''),
        s.items,
        { headline },
      ),
    );
  }
  return out;
}

/**
 * Without each service's minutes, the visit's total treatment time still bounds its units: it
 * holds the timed minutes and the untimed ones (BPM Ch. 15 §220.3), so more timed units than the
 * chart gives for it are more than the timed minutes support (CPM §20.2 C, "constrained by the
 * total treatment minutes"). Fewer units, or their split between codes, cannot be judged from it.
 * CMS method only: per code, units are read code by code and may add up to more.
 */
function overTotalTreatment(ctx: Context, all: Service[]): Finding[] {
  const total = ctx.visit.totalTreatmentMinutes;
  if (ctx.method !== 'cms' || !ctx.hasEnteredUnits || total === undefined) return [];
  const entered = sum(all.map((s) => s.entered));
  const n = chartUnits(total, ctx.chart);
  if (entered <= n) return [];
  const billed = all.filter((s) => s.entered > 0);
  return [
    finding(
      'units.over-billed',
      'error',
      billed.map((s) => s.code),
      `${plural(entered, 'timed unit')} entered, but the visit's ${plural(total, 'minute')} of total treatment time (timed and untimed services together) support at most ${plural(n, 'unit')} (${chartRange(n, ctx.chart)} → ${n}); each service's minutes are not known, so the split between codes is not checked.`,
      `Bill at most ${plural(n, 'timed unit')}, or correct the total treatment time.`,
      `${CPM_20_2} C (unit chart; "the total number of timed units … is constrained by the total treatment minutes"); CMS Benefit Policy Manual Pub. 100-02 Ch. 15 §220.3 (total treatment time includes untimed services)`,
      flatten(billed, (s) => s.items),
      { headline: `Bill at most ${plural(n, 'timed unit')}, not ${entered}` },
    ),
  ];
}

/** A line whose units were written but are not a whole number (Entry.rawUnits). */
const unitsUnread = (i: Item) => i.entry.units === undefined && i.entry.rawUnits !== undefined;

function unitsUnreadable(item: Item): Finding {
  const raw = item.entry.rawUnits!;
  const timed = item.row?.kind === 'timed';
  return finding(
    'units.unreadable',
    'error',
    item.code ? [item.code] : [],
    // ('' : a box holding what the browser does not accept, which it does not let Unitwise see: FieldRead.unreadable.)
    raw ? `Could not read units '${raw}' for ${item.name}: units are billed as a whole number.` : `Could not read units for ${item.name}: its box holds something the browser does not accept as a number, and the browser does not let Unitwise see it; units are billed as a whole number.`,
    `Enter the units as a whole number (2). Until then Unitwise cannot compare ${timed ? "this visit's timed units with its minutes" : "this line's units"}.`,
    `${CPM_20_2} (units are whole 15-minute units)`,
    [item],
    { headline: shorten(raw ? `${tag(item)}: units '${raw}' unreadable; enter a number` : `${tag(item)}: units unreadable; retype the marked box`) },
  );
}

function pushServiceLines(lines: DraftLine[], s: Service, reason: string) {
  const shared = { kind: 'timed' as const, items: s.items, minutes: s.minutes, assistantMinutes: s.assistantMinutes };
  if (s.addOn && s.units > 1) {
    // 97129 is reported once a day; further units of the same service go on its add-on code.
    lines.push({ code: s.code, units: 1, reason: `${reason}; first unit on ${s.code} (once a day)`, ...shared });
    lines.push({ code: s.addOn, units: s.units - 1, reason: `${reason}; further units on the add-on ${s.addOn}`, ...shared });
  } else {
    lines.push({ code: s.code, units: s.units, reason, ...shared });
  }
}

function notBillable(ctx: Context, services: Service[], total: number, n: number): Finding[] {
  const out: Finding[] = [];
  for (const s of services) {
    if (s.units > 0 || s.minutes <= 0) continue;
    if (ctx.method === 'cms') {
      // A tied service left without the unit is a choice, reported by units.tie.
      const tiedWithWinner = services.some((o) => o !== s && o.units > o.whole && o.remainder === s.remainder);
      if (tiedWithWinner) continue;
      out.push(
        finding('units.not-billable', 'info', [s.code], `${s.code} (${s.name}, ${plural(s.minutes, 'minute')}) gets no unit: ${total} total timed minutes support only ${plural(n, 'unit')}, and they go to the services with more minutes.`, `Do not bill ${s.code} today, but still document it in the treatment note (CPM §20.2 Example 4).`, `${CPM_20_2} C, Example 4`, s.items, { headline: `${s.code}: no unit today (${plural(s.minutes, 'minute')})` }),
      );
    } else {
      out.push(
        finding('units.not-billable', 'info', [s.code], `${s.code} (${s.name}) was done for ${plural(s.minutes, 'minute')}: under ${ctx.chart.minimumMinutes} minutes a code earns no unit when each code is counted on its own.`, `Do not bill ${s.code} today, but still document it in the treatment note.`, 'Per-code (AMA "substantial portion") method: rules-reference §2; CPT time rule (mid-point passed)', s.items, { headline: `${s.code}: no unit today (${plural(s.minutes, 'minute')})` }),
      );
    }
  }
  return out;
}

/**
 * A service left without the extra unit it tied for, with the services that got it and have it
 * entered (equal minutes left after their whole units): any of them may give the unit up.
 * Empty when `s` lost no tie.
 */
function tiedForTheUnit(s: Service, services: readonly Service[]): Service[] {
  if (s.units !== s.whole) return [];
  const winners = services.filter((o) => o !== s && o.units > o.whole && o.remainder === s.remainder && o.entered >= o.units);
  return winners.length ? [...winners, s] : [];
}

/**
 * Over-billing on several codes, what each should be: "Bill 5 timed units, not 7: 97110 ×2, 97140
 * ×2, 97530 ×1". The codes over first (their markers read it), then the rest of the day's plan so
 * the units add up to the total; cut between whole codes, "…" for the rest.
 */
function overHeadline(n: number, enteredTotal: number, over: Service[], services: Service[]): string {
  const head = `Bill ${plural(n, 'timed unit')}, not ${enteredTotal}: `;
  const parts = [...over, ...services.filter((s) => !over.includes(s) && s.units > 0)].map((s) => `${s.code} ×${s.units}`);
  let text = head + parts.join(', ');
  while (text.length > HEADLINE_SHORT && parts.length > 1) {
    parts.pop();
    text = `${head}${parts.join(', ')}, …`;
  }
  return text;
}

function compareEntered(ctx: Context, services: Service[], total: number, n: number): Finding[] {
  const out: Finding[] = [];
  const enteredTotal = sum(services.map((s) => s.entered));
  // Only findings need the plan as text.
  const plan = () => services.map((s) => `${s.code} ×${s.units}`).join(', ');
  const items = (ss: Service[]) => flatten(ss, (s) => s.items);
  // The lines over: the service furthest over first, and in it the line with the most units,
  // so a finding about many lines is marked on the field most likely to be the one to change
  // (lib/live/marks.ts marks such a finding on its first line only).
  const overFirst = (ss: Service[]) =>
    flatten(
      [...ss].sort((a, b) => b.entered - b.units - (a.entered - a.units)),
      (s) => [...s.items].sort((a, b) => (b.entry.units ?? 0) - (a.entry.units ?? 0)),
    );

  if (ctx.method === 'cms') {
    const source = `${CPM_20_2} C (unit chart; "the total number of timed units … is constrained by the total treatment minutes")`;
    if (enteredTotal > n) {
      const over = services.filter((s) => s.entered > s.units);
      // The one over lost a tie for the last unit (equal minutes left, CPM §20.2 Examples 2 and
      // 5): which code gives the unit up is the clinician's choice, so all of them are named,
      // not the one Unitwise happened to leave without it.
      const choice = over.length === 1 ? tiedForTheUnit(over[0]!, services) : [];
      if (choice.length > 1) {
        const codes = codeList(choice.map((s) => s.code), 'or');
        out.push(
          finding('units.over-billed', 'error', choice.map((s) => s.code), `${plural(enteredTotal, 'timed unit')} entered, but ${total} total timed minutes support ${plural(n, 'unit')} (${chartRange(n, ctx.chart)} → ${n}). ${codeList(choice.map((s) => s.code))} have equal minutes left for the last unit: either may keep it.`, `Bill ${plural(n, 'timed unit')}: take one off ${codes}, the clinician's choice (for example ${plan()}).`, `${source}; Examples 2 and 5 (choose either code)`, overFirst(choice), { headline: shorten(`Bill ${plural(n, 'timed unit')}, not ${enteredTotal}: one off ${codes}`) }),
        );
      } else
      out.push(
        finding('units.over-billed', 'error', over.map((s) => s.code), `${plural(enteredTotal, 'timed unit')} entered, but ${total} total timed minutes support ${plural(n, 'unit')} (${chartRange(n, ctx.chart)} → ${n}).`, `Bill ${plural(n, 'timed unit')}: ${plan()}.`, source, overFirst(over), { headline: over.length === 1 ? `${over[0]!.code}: bill ${plural(over[0]!.units, 'unit')}, not ${over[0]!.entered}` : overHeadline(n, enteredTotal, over, services) }),
      );
    } else if (enteredTotal < n) {
      const under = services.filter((s) => s.entered < s.units);
      out.push(
        finding('units.under-billed', 'warning', under.map((s) => s.code), `${plural(enteredTotal, 'timed unit')} entered, but ${total} total timed minutes support ${plural(n, 'unit')} (${chartRange(n, ctx.chart)} → ${n}).`, `Bill ${plural(n, 'timed unit')}: ${plan()}, unless some minutes were not direct treatment (CPM §20.3).`, source, items(under), { headline: under.length === 1 ? `${under[0]!.code}: minutes support ${under[0]!.units}, ${under[0]!.entered} entered` : `Minutes support ${plural(n, 'timed unit')}, ${enteredTotal} entered` }),
      );
    } else if (!validCmsSplit(services)) {
      const wrong = services.filter((s) => s.entered !== s.units);
      const detail = wrong.map((s) => `${s.code} has ${plural(s.entered, 'unit')} for ${plural(s.minutes, 'minute')}`).join('; ');
      out.push(
        finding('units.allocation', 'error', wrong.map((s) => s.code), `The total of ${plural(n, 'unit')} is right, but the split is not: ${detail}. Each service of 15+ minutes keeps its whole units, and units left over go to the largest remaining minutes; one code must not absorb the minutes of the others.`, `Bill ${plan()}.`, `${CPM_20_2} C, Examples 1–3 ("Do not bill 3 units for either one of the codes")`, items(wrong), { headline: shorten(`Split: ${wrong.map((s) => `${s.code} ×${s.units}, not ×${s.entered}`).join('; ')}`) }),
      );
    }
  } else {
    const source = 'Per-code (AMA "substantial portion") method: each code read on the §20.2 chart on its own (rules-reference §2)';
    for (const s of services) {
      if (s.entered > s.units)
        out.push(finding('units.over-billed', 'error', [s.code], `${s.code} has ${plural(s.entered, 'unit')} entered, but its ${plural(s.minutes, 'minute')} support ${plural(s.units, 'unit')} on their own.`, `Bill ${s.code} ×${s.units}.`, source, s.items, { headline: `${s.code}: bill ${plural(s.units, 'unit')}, not ${s.entered}` }));
      else if (s.entered < s.units)
        out.push(finding('units.under-billed', 'warning', [s.code], `${s.code} has ${plural(s.entered, 'unit')} entered, but its ${plural(s.minutes, 'minute')} support ${plural(s.units, 'unit')}.`, `Bill ${s.code} ×${s.units}, unless some minutes were not direct treatment.`, source, s.items, { headline: `${s.code}: minutes support ${s.units}, ${s.entered} entered` }));
    }
  }

  // 97129 once a day, even when the total is right.
  for (const s of services) {
    if (s.addOn && s.enteredBase > 1) {
      out.push(finding('units.allocation', 'error', [s.code, s.addOn], `${s.code} is reported once a day, but ${s.enteredBase} units were entered on it.`, `Bill ${s.code} ×1 and the further units as ${s.addOn}.`, 'CPT parenthetical for 97129 (once per day), quoted by htstherapy.com 2020-01-27', s.items, { headline: `${s.code}: bill ×1, the rest as ${s.addOn}` }));
    }
  }

  return out;
}

/** Timed units entered, and the services' codes and lines, for the visit's average minutes per unit. */
interface Average {
  entered: number;
  codes: string[];
  items: Item[];
  /** Every service's minutes known (else the average is not said: the minutes findings say why). */
  whole: boolean;
}

/**
 * The visit's timed minutes per billed timed unit, when under what CMS expects a unit to average.
 * Said only where Medicare's rules apply (Context.medicare: a Medicare payer, or no payer with the
 * CMS method assumed): the expectation is CMS's, in the Medicare manual (CPM §20.2 C), for
 * Medicare's review. A commercial plan's visit is not held to it: under the per-code method most
 * such plans use (rules-reference §2) 8 minutes of a code is a unit of its own, so averages under
 * 15 are the method working, and a plan that counts units the CMS way adopts the counting, which
 * the rules reference does not say extends to Medicare's review expectation.
 */
function lowAverage(ctx: Context, total: number, { entered: enteredTotal, codes, items }: Average): Finding[] {
  if (!ctx.medicare) return [];
  const low = threshold(ctx.data, 'low-average-minutes');
  if (!(enteredTotal > 0 && total / enteredTotal < low)) return [];
  return [
    finding('units.low-average', 'info', codes, `This visit averages ${(total / enteredTotal).toFixed(1)} minutes per billed timed unit (${total} minutes, ${plural(enteredTotal, 'unit')}). The chart allows it, but CMS expects direct contact to average ${low} minutes per unit; a consistent practice below that is highlighted for review.`, 'No change needed for one visit; if most visits look like this, review how minutes are counted.', `${CPM_20_2} C ("average 15 minutes in length")`, items, { headline: `${(total / enteredTotal).toFixed(1)} minutes per unit (CMS expects ${low})` }),
  ];
}

/** Whether an entered split follows §20.2: whole units kept, extras only on the largest remainders. */
function validCmsSplit(services: Service[]): boolean {
  const extra = services.filter((s) => s.entered === s.whole + 1);
  const without = services.filter((s) => s.entered === s.whole);
  if (extra.length + without.length !== services.length) return false;
  if (extra.some((s) => s.remainder === 0)) return false;
  const minExtra = Math.min(...extra.map((s) => s.remainder));
  return without.every((s) => s.remainder === 0 || s.remainder <= minExtra);
}
