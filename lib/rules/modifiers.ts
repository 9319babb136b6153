import type { ClaimLine, Discipline, Finding } from '../model';
import { chartUnits, plural } from './chart';
import { MODIFIER_BY_DISCIPLINE, finding, type Context, type Item } from './context';
import { threshold, thresholdText } from './data';
import type { DraftLine } from './units';

// Medicare's therapy modifiers: GP/GO/GN for the plan of care (CPM Ch. 5 §20.1), CQ/CO for
// assistant time beyond the de minimis share, and KX past the year's threshold (CPM §10.3.3).

const DISCIPLINE_MODS = ['GP', 'GO', 'GN'];
const ASSISTANT_BY_DISCIPLINE: Partial<Record<Discipline, string>> = { PT: 'CQ', OT: 'CO' };
const CPM_20_1 = 'CMS Claims Processing Manual Pub. 100-04 Ch. 5 §20.1';
const DE_MINIMIS = 'CMS Therapy Services page: CQ/CO de minimis standard and its CY2022 exceptions';

/** "a PT", "an OT", "an SLP". */
const an = (d: Discipline | undefined) => `${d === 'PT' ? 'a' : 'an'} ${d}`;
function union(items: Item[]): string[] {
  const out: string[] = [];
  for (const i of items) for (const m of i.entry.modifiers ?? []) if (!out.includes(m)) out.push(m);
  return out;
}

export interface ModifierResult {
  lines: ClaimLine[];
  findings: Finding[];
}

/**
 * Units of a timed service that need CQ/CO, by the de minimis standard and its CY2022 exceptions.
 * The 10% test applies to each billed unit of a timed code, not to the service as a whole
 * (rules-reference §6, APTA quick guide): assistant minutes under 10% of the service can still
 * make up most of a final unit the therapist did not furnish.
 */
export function assistantUnits(minutes: number, assistant: number, units: number, ctx: Context): number {
  const unit = ctx.chart.unitMinutes;
  const share = threshold(ctx.data, 'de-minimis-percent') / 100;
  if (assistant <= 0 || assistant > minutes || units <= 0) return 0;
  const therapist = minutes - assistant;
  // Whole 15-minute units furnished by one person alone go to that person.
  const therapistWhole = Math.min(Math.floor(therapist / unit), units);
  const assistantWhole = Math.min(Math.floor(assistant / unit), units - therapistWhole);
  const left = units - therapistWhole - assistantWhole;
  if (left <= 0) return assistantWhole;
  // Remaining units: the therapist keeps those their leftover minutes earn on the chart
  // (exception 1: ≥8 minutes of a final unit; exception 2: 9–14 minutes each → one with, one without);
  // any other unit needs the modifier when the assistant's part exceeds 10% of a unit.
  const therapistLeft = therapist - Math.floor(therapist / unit) * unit;
  const assistantLeft = assistant - Math.floor(assistant / unit) * unit;
  const therapistKeeps = Math.min(left, chartUnits(therapistLeft, ctx.chart));
  return assistantWhole + (assistantLeft > share * unit ? left - therapistKeeps : 0);
}

/**
 * CQ/CO units for one timed draft line. 97129 and its add-on 97130 are one service split over two
 * lines (units.ts): the de minimis count is made once for the service's units, then given to the
 * add-on line first (an order no source sets; the total is what the standard decides).
 */
function timedAssistantUnits(ctx: Context, drafts: DraftLine[], d: DraftLine, minutes: number, assistant: number): number {
  const siblings = drafts.filter((x) => x.items === d.items && x.kind === 'timed');
  if (siblings.length < 2) return assistantUnits(minutes, assistant, d.units, ctx);
  let left = assistantUnits(minutes, assistant, siblings.reduce((n, x) => n + x.units, 0), ctx);
  const isAddOn = (x: DraftLine) => (ctx.data.catalog.get(x.code)?.addOnTo ? 1 : 0);
  for (const x of [...siblings].sort((p, q) => isAddOn(q) - isAddOn(p))) {
    const take = Math.min(x.units, left);
    if (x === d) return take;
    left -= take;
  }
  return 0;
}

export function applyModifiers(ctx: Context, drafts: DraftLine[]): ModifierResult {
  const findings: Finding[] = [];
  const lines: ClaimLine[] = [];
  const assistantFrom = thresholdText(ctx.data, 'assistant-modifiers-from');
  const dosYear = ctx.dos ? Number(ctx.dos.slice(0, 4)) : undefined;
  const kx = dosYear ? ctx.data.kx.find((k) => k.year === dosYear) : undefined;
  const reportedDiscipline = new Set<string>();
  let kxReported = false;

  // (Lines under two plans of care each say theirs: Context.plans.)
  if (ctx.medicare && !ctx.discipline && !ctx.plans && drafts.some((d) => ctx.data.catalog.get(d.code)?.therapy && !ctx.data.catalog.get(d.code)?.discipline)) {
    findings.push(finding('modifier.discipline-missing', 'warning', [], 'The visit does not say which plan of care it is under (PT, OT or SLP), so Unitwise cannot choose GP, GO or GN for the claim lines.', 'Set the discipline of the visit; each therapy line needs GP (PT), GO (OT) or GN (SLP).', `${CPM_20_1} (GN/GO/GP)`, [], { headline: 'Set the discipline (PT, OT or SLP) for GP/GO/GN', fix: 'discipline' }));
  }

  for (const d of drafts) {
    const row = ctx.data.catalog.get(d.code);
    const entered = union(d.items);
    const enteredAny = d.items.some((i) => i.entry.modifiers !== undefined);
    if (!ctx.medicare || !row?.therapy) {
      lines.push({ code: d.code, units: d.units, modifiers: entered, reason: d.reason });
      continue;
    }
    const discipline = row.discipline ?? d.discipline ?? ctx.discipline;
    const needed = discipline ? MODIFIER_BY_DISCIPLINE[discipline] : undefined;
    const disciplineMods = entered.filter((m) => DISCIPLINE_MODS.includes(m));

    if (row.discipline && ctx.discipline && row.discipline !== ctx.discipline && !reportedDiscipline.has(d.code)) {
      reportedDiscipline.add(d.code);
      findings.push(finding('modifier.discipline-mismatch', 'error', [d.code], `${d.code} (${row.name}) belongs to ${row.discipline}, but the visit is under ${an(ctx.discipline)} plan of care. Each discipline needs its own plan of care.`, `Bill ${d.code} under the ${row.discipline} plan of care with ${MODIFIER_BY_DISCIPLINE[row.discipline]}, or correct the code.`, `${CPM_20_1}; CMS Benefit Policy Manual Pub. 100-02 Ch. 15 §220.1.2`, d.items, { headline: `${d.code} is ${row.discipline}, the visit is ${ctx.discipline}`, fix: 'code' }));
    } else if (enteredAny && needed) {
      if (disciplineMods.length === 0) {
        findings.push(finding('modifier.discipline-missing', 'error', [d.code], `${d.code} has no therapy modifier; Medicare claims must show the plan of care with GP, GO or GN on every therapy line.`, `Add ${needed} to ${d.code} (${discipline} plan of care${ctx.disciplineReason && !row.discipline ? `, ${ctx.disciplineReason}` : ''}).`, `${CPM_20_1} (GN/GO/GP)`, d.items, { headline: `${d.code}: add ${needed}` }));
      } else if (disciplineMods.length > 1 || disciplineMods[0] !== needed) {
        findings.push(finding('modifier.discipline-mismatch', 'error', [d.code], `${d.code} has ${disciplineMods.join(' and ')}, but ${row.discipline ? `${d.code} is ${an(discipline)} code` : `the visit is under ${an(discipline)} plan of care`}: it needs ${needed}, and only one of GP/GO/GN per line.`, `Use ${needed} on ${d.code}.`, `${CPM_20_1} (GN/GO/GP; one per line)`, d.items, { headline: `${d.code}: use ${needed}, not ${disciplineMods.join('/')}` }));
      }
    }

    // CQ goes only with GP and CO only with GO (CPM §20.1), whatever the minutes say.
    const aMod = discipline ? ASSISTANT_BY_DISCIPLINE[discipline] : undefined;
    const wrongAssistant = entered.filter((m) => (m === 'CQ' || m === 'CO') && m !== aMod);
    if (wrongAssistant.length && discipline && !reportedDiscipline.has(d.code)) {
      reportedDiscipline.add(d.code);
      const wrong = wrongAssistant.join(' and ');
      findings.push(finding('modifier.discipline-mismatch', 'error', [d.code], `${d.code} carries ${wrong} under ${an(discipline)} plan of care (${needed}): CQ pairs only with GP and CO only with GO, and claims with an unpaired assistant modifier are rejected.`, aMod ? `Use ${aMod} with ${needed} on ${d.code} for assistant time (the suggested claim does), or remove ${wrong}.` : `Remove ${wrong} from ${d.code}: there is no assistant modifier for ${discipline}.`, `${CPM_20_1} (CQ with GP, CO with GO); CMS Therapy Services page`, d.items, { headline: `${d.code}: ${wrong} does not pair with ${needed}` }));
    }

    // CQ/CO: assistant-furnished parts beyond the de minimis share.
    const hasAssistantData = d.items.some((i) => i.entry.assistantMinutes !== undefined);
    const assistantChecked = !!aMod && hasAssistantData && (!ctx.dos || ctx.dos >= assistantFrom);
    let withAssistant = 0;
    if (assistantChecked) {
      const a = d.assistantMinutes ?? d.items.reduce((n, i) => n + (i.entry.assistantMinutes ?? 0), 0);
      const m = d.minutes ?? d.items.reduce((n, i) => n + (i.entry.minutes ?? 0), 0);
      // (More assistant minutes than the service's is an error of the minutes, said as one: no CQ/CO advice from them.)
      if (a <= m) {
        if (d.kind === 'timed') withAssistant = timedAssistantUnits(ctx, drafts, d, m, a);
        else if (a > (threshold(ctx.data, 'de-minimis-percent') / 100) * m) withAssistant = d.units;
        const enteredAssistant = entered.includes(aMod!);
        if (withAssistant > 0 && enteredAny && !enteredAssistant) {
          findings.push(finding('modifier.assistant', 'error', [d.code], `The assistant furnished ${plural(a, 'minute')} of ${d.code}'s ${plural(m, 'minute')} on their own, more than the 10% de minimis share of a billed unit the therapist did not furnish: ${plural(withAssistant, 'unit')} of ${d.units} ${withAssistant === 1 ? 'needs' : 'need'} ${aMod} (paid at 85% from 2022).`, `Bill ${d.code} as ${withAssistant} ×${aMod}${d.units - withAssistant ? ` and ${d.units - withAssistant} without` : ''}, as in the suggested claim.`, `${DE_MINIMIS}; ${CPM_20_1}`, d.items, { headline: `${d.code}: ${aMod} needed on ${plural(withAssistant, 'unit')}` }));
        } else if (withAssistant === 0 && enteredAssistant) {
          findings.push(finding('modifier.assistant', 'warning', [d.code], `${d.code} carries ${aMod}, but the assistant's ${plural(a, 'minute')} of ${plural(m, 'minute')} fall within the de minimis standard (or the therapist furnished each unit), so no unit needs it; ${aMod} cuts payment to 85%.`, `Remove ${aMod} from ${d.code} if the minutes are right.`, DE_MINIMIS, d.items, { headline: `${d.code}: remove ${aMod} (within de minimis)` }));
        } else if (withAssistant > 0 && !enteredAny) {
          findings.push(finding('modifier.assistant', 'info', [d.code], `The assistant furnished ${plural(a, 'minute')} of ${d.code}'s ${plural(m, 'minute')} on their own: ${plural(withAssistant, 'unit')} of ${d.units} ${withAssistant === 1 ? 'needs' : 'need'} ${aMod}.`, `Bill ${d.code} with ${aMod} on ${withAssistant === 1 ? 'that unit' : 'those units'}, as in the suggested claim.`, `${DE_MINIMIS}; ${CPM_20_1}`, d.items, { headline: `${d.code}: ${aMod} on ${plural(withAssistant, 'unit')}` }));
        }
      }
    }

    // KX: only this clinic's spend is known to Unitwise: the visit's own figure, else the setting.
    const known = knownSpend(ctx, discipline);
    const spend = known?.dollars;
    let addKx: boolean | undefined;
    if (spend !== undefined && kx) {
      const limit = discipline === 'OT' ? kx.ot : kx.ptSlp;
      addKx = spend >= limit;
      const label = discipline === 'OT' ? 'OT' : 'PT and SLP combined';
      const note = ` This is this clinic's known spend (${known!.from}); therapy from other providers this year counts too.`;
      if (addKx && enteredAny && !entered.includes('KX') && !kxReported) {
        kxReported = true;
        findings.push(finding('modifier.kx', 'error', [d.code], `This clinic's known ${kx.year} therapy spend for the patient, $${spend.toLocaleString('en-US')}, reaches the ${kx.year} KX threshold of $${limit.toLocaleString('en-US')} (${label}); therapy lines above it without KX are denied.${note}`, 'Add KX to the therapy lines if the services are medically necessary, and document why.', `CMS Claims Processing Manual Pub. 100-04 Ch. 5 §10.3.3; thresholds.json KX ${kx.year}: ${kx.source} [${kx.confidence}]`, d.items, { headline: `${d.code}: add KX (spend over $${limit.toLocaleString('en-US')})` }));
      } else if (!addKx && entered.includes('KX') && !kxReported) {
        kxReported = true;
        findings.push(finding('modifier.kx', 'warning', [d.code], `KX is entered, but this clinic's known ${kx.year} therapy spend for the patient, $${spend.toLocaleString('en-US')}, is below the ${kx.year} threshold of $${limit.toLocaleString('en-US')} (${label}). KX where the threshold is not likely to be exceeded is abusive.${note}`, 'Remove KX unless this visit\'s own charges or other providers\' therapy this year take the patient over the threshold.', `CMS Claims Processing Manual Pub. 100-04 Ch. 5 §10.3.3 ("Use of the KX modifier when there is no indication that the cap is likely to be exceeded is abusive")`, d.items, { headline: `${d.code}: remove KX (spend below threshold)` }));
      }
    } else if (spend !== undefined && dosYear && !kx && !kxReported) {
      kxReported = true;
      findings.push(finding('modifier.kx', 'info', [], `The rule data has no KX threshold for ${dosYear}, so Unitwise cannot say whether KX is needed.`, 'Check the year\'s KX threshold on the CMS Therapy Services page and update the rule data.', 'thresholds.json (KX thresholds by year)', [], { headline: `No KX threshold for ${dosYear} in the rule data`, fix: 'dateOfService' }));
    }

    const kept = entered.filter((m) => !DISCIPLINE_MODS.includes(m) && m !== 'CQ' && m !== 'CO' && (addKx === undefined || m !== 'KX'));
    // Without assistant minutes Unitwise cannot judge CQ/CO: keep the clinician's, paired to the discipline.
    const keepAssistant = !assistantChecked && !!aMod && entered.some((m) => m === 'CQ' || m === 'CO');
    const base = [...(needed ? [needed] : []), ...(keepAssistant ? [aMod!] : []), ...kept.filter((m) => m !== 'KX'), ...(addKx || (addKx === undefined && kept.includes('KX')) ? ['KX'] : [])];
    const assistantLine = () => [...base.slice(0, needed ? 1 : 0), aMod!, ...base.slice(needed ? 1 : 0)];
    if (withAssistant > 0 && aMod) {
      const reason = `${d.reason}; ${withAssistant} of ${d.units} by the assistant beyond the de minimis share → ${aMod}`;
      lines.push({ code: d.code, units: withAssistant, modifiers: assistantLine(), reason });
      if (d.units - withAssistant > 0) lines.push({ code: d.code, units: d.units - withAssistant, modifiers: base, reason });
    } else {
      lines.push({ code: d.code, units: d.units, modifiers: base, reason: d.reason });
    }
  }
  return { lines, findings };
}

/**
 * This clinic's known year-to-date spend for the visit's discipline: the visit's own figure
 * (an export or the form says it, for the year of its date of service), else the setting.
 */
function knownSpend(ctx: Context, discipline: Discipline | undefined): { dollars: number; from: string } | undefined {
  const key = discipline === 'OT' ? 'ot' : 'ptSlp';
  const own = ctx.visit.ytdTherapySpend?.[key];
  if (own !== undefined) return { dollars: own, from: ctx.visit.ytdTherapySpendFrom ?? 'as given with this visit' };
  const set = ctx.settings.ytdTherapySpend[key];
  return set === undefined ? undefined : { dollars: set, from: 'as entered in settings' };
}
