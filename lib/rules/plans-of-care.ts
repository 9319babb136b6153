import type { Discipline, Finding } from '../model';
import { plural } from './chart';
import { CPM_20_2, MODIFIER_BY_DISCIPLINE, billingCode, finding, type Context, type Item } from './context';

// A visit with lines under two or more plans of care (Context.plans): units.ts counts each
// plan's timed minutes on its own. What is still judged across the plans lives here: the
// visit's total treatment time.

/** What a plan's lines and findings start with: "PT plan of care (GP lines): ". */
export const planPrefix = (d: Discipline) => `${d} plan of care (${MODIFIER_BY_DISCIPLINE[d]} lines): `;

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

/** A plan's lines, and its timed minutes when every one of its lines' minutes is known. */
export interface PlanLines {
  items: readonly Item[];
  minutes?: number;
}

/**
 * Without each line's minutes, the visit's total treatment time still bounds its timed units
 * (BPM Ch. 15 §220.3; CPM §20.2 C). Per plan: its timed minutes when known, else what its units
 * need at least (the chart's first unit, 8 minutes, and 15 for each unit after); the plans'
 * minutes together must fit the total. (Each plan checked alone against the whole total would
 * let 3 PT and 3 OT units pass in 45 minutes.)
 */
export function overTreatmentTime(ctx: Context, plans: ReadonlyMap<Discipline | undefined, PlanLines>): Finding[] {
  const total = ctx.visit.totalTreatmentMinutes;
  if (ctx.method !== 'cms' || !ctx.hasEnteredUnits || total === undefined) return [];
  const { unitMinutes, minimumMinutes } = ctx.chart;
  const parts: string[] = [];
  let least = 0;
  let units = 0;
  const billed: Item[] = [];
  for (const [d, { items, minutes }] of plans) {
    const u = enteredTimed(ctx, items);
    const name = d ?? 'lines without a plan';
    if (minutes !== undefined) {
      least += minutes;
      if (minutes > 0) parts.push(`${name}: ${plural(minutes, 'timed minute')}`);
    } else if (u > 0) {
      const m = minimumMinutes + unitMinutes * (u - 1);
      least += m;
      parts.push(`${name}: ${plural(u, 'unit')} need at least ${m} minutes`);
    }
    units += u;
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
