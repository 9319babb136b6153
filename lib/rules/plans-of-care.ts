import type { Discipline, Finding } from '../model';
import { plural } from './chart';
import { CPM_20_2, billingCode, finding, flatten, type Context, type Item } from './context';
import type { DraftLine } from './units';

// A visit with lines under two or more plans of care (Context.plans): units.ts counts each
// plan's timed minutes on its own. What is still judged across the plans lives here: the
// visit's total treatment time, and the codes billed once a day whoever bills them.

export const MODIFIER_OF: Record<Discipline, string> = { PT: 'GP', OT: 'GO', SLP: 'GN' };

/** What a plan's lines and findings start with: "PT plan of care (GP lines): ". */
export const planPrefix = (d: Discipline) => `${d} plan of care (${MODIFIER_OF[d]} lines): `;

/** The GP, GO or GN of the plan a finding is about (its message's planPrefix), if it is about one. */
export function planModifierOf(f: Pick<Finding, 'message'>): string | undefined {
  return /^(?:PT|OT|SLP) plan of care \((G[PON]) lines\): /.exec(f.message)?.[1];
}

/** Timed units entered on a plan's lines (15-minute timed codes, as units.ts counts them). */
function enteredTimed(ctx: Context, items: readonly Item[]): number {
  let n = 0;
  for (const item of items) {
    const code = billingCode(ctx, item);
    const row = code ? ctx.data.catalog.get(code) : undefined;
    if (row?.kind === 'timed' && (row.unitMinutes ?? 15) === ctx.chart.unitMinutes) n += item.entry.units ?? 0;
  }
  return n;
}

/**
 * Without each line's minutes, the visit's total treatment time still bounds its timed units
 * (BPM Ch. 15 §220.3; CPM §20.2 C). Per plan: u units of a plan need at least the chart's first
 * unit (8 minutes) and 15 for each unit after, so the plans' least minutes together must fit the
 * total. (Each plan checked alone against the whole total would let 3 PT and 3 OT units pass
 * in 45 minutes.)
 */
export function overTreatmentTime(ctx: Context, plans: ReadonlyMap<Discipline | undefined, readonly Item[]>): Finding[] {
  const total = ctx.visit.totalTreatmentMinutes;
  if (ctx.method !== 'cms' || !ctx.hasEnteredUnits || total === undefined) return [];
  const { unitMinutes, minimumMinutes } = ctx.chart;
  const parts: string[] = [];
  let least = 0;
  let units = 0;
  const billed: Item[] = [];
  for (const [d, items] of plans) {
    const u = enteredTimed(ctx, items);
    if (u <= 0) continue;
    const m = minimumMinutes + unitMinutes * (u - 1);
    least += m;
    units += u;
    parts.push(`${d ?? 'lines without a plan'}: ${plural(u, 'unit')} need at least ${m} minutes`);
    for (const i of items) if ((i.entry.units ?? 0) > 0 && i.row?.kind === 'timed') billed.push(i);
  }
  if (least <= total) return [];
  const codes = [...new Set(billed.map((i) => billingCode(ctx, i) ?? ''))].filter(Boolean);
  return [
    finding(
      'units.over-billed',
      'error',
      codes,
      `${plural(units, 'timed unit')} entered under ${plural(parts.length, 'plan')} of care, but the visit's ${plural(total, 'minute')} of total treatment time cannot hold them (${parts.join('; ')}: ${least} in all); each service's minutes are not known, so the split between codes is not checked.`,
      `Bill fewer timed units, or correct the total treatment time.`,
      `${CPM_20_2} C (unit chart; "the total number of timed units … is constrained by the total treatment minutes"); CMS Benefit Policy Manual Pub. 100-02 Ch. 15 §220.3 (total treatment time); minutes counted per plan of care (§220.1.2)`,
      billed,
      { headline: `${plural(units, 'timed unit')} do not fit ${total} minutes of treatment` },
    ),
  ];
}

/**
 * A code reported once a day with an add-on for the rest (97129, then 97130): once a day for the
 * patient, whichever plan bills it. Each plan's lines were made alone, each with its own 97129;
 * the plans after the first bill theirs on the add-on. Units entered on it under more than one
 * plan are said.
 */
export function oncePerDay(ctx: Context, lines: DraftLine[]): Finding[] {
  const findings: Finding[] = [];
  for (const [base, addOn] of ctx.data.addOns) {
    const bases = lines.filter((l) => l.code === base && l.units > 0);
    if (new Set(bases.map((l) => l.discipline)).size < 2) continue;
    for (const line of bases.slice(1)) {
      // Its plan's add-on line, when it has one (same service: same lines charted).
      const more = lines.find((l) => l.code === addOn && l.items === line.items);
      const note = `; ${base} is reported once a day, and is on the ${MODIFIER_OF[bases[0]!.discipline!]} lines: this plan's first unit goes on ${addOn}`;
      if (more) {
        // (Left with no units: not a claim line.)
        more.units += line.units;
        more.reason += note;
        line.units = 0;
      } else {
        line.code = addOn;
        line.reason += note;
      }
    }
    const items = flatten(bases, (l) => l.items.filter((i) => billingCode(ctx, i) === base));
    const entered = items.reduce((n, i) => n + (i.entry.units ?? 0), 0);
    if (entered > 1 && new Set(items.filter((i) => (i.entry.units ?? 0) > 0).map((i) => ctx.plans?.get(i))).size > 1)
      findings.push(
        finding('units.allocation', 'error', [base, addOn], `${base} is reported once a day for the patient, but ${entered} units were entered on it, under more than one plan of care.`, `Bill ${base} ×1 under one plan and the other units as ${addOn}.`, 'CPT parenthetical for 97129 (once per day), quoted by htstherapy.com 2020-01-27', items, { headline: `${base}: once a day, the rest as ${addOn}` }),
      );
  }
  return findings;
}
