import { DEFAULT_SETTINGS, Settings, type Evaluation, type Finding, type Visit } from '../model';
import { checkCodes } from './codes';
import { MODIFIER_BY_DISCIPLINE, billingCode, buildContext, finding, type Context } from './context';
import { builtInRuleData, type RuleData } from './data';
import { checkMinutes } from './minutes';
import { applyModifiers } from './modifiers';
import { checkMue } from './mue';
import { checkPayerPolicies, checkPtp, type ClaimCode } from './pairs';
import { checkPolicies } from './policy';
import { sameDayFindings } from './same-day';
import { checkDocumentation, checkSuggestions } from './suggest';
import { computeUnits } from './units';

// One visit in, one Evaluation out. The background worker, the tests and `npm run check`
// all call this, so a biller's batch and a live form get the same answer.

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function inSeverityOrder(findings: readonly Finding[]): boolean {
  for (let i = 1; i < findings.length; i++) if (SEVERITY_ORDER[findings[i - 1]!.severity] > SEVERITY_ORDER[findings[i]!.severity]) return false;
  return true;
}

// A batch evaluates every visit with the same settings object: parsed once, not per visit (in
// the extension's jitless zod, 5 µs a parse: half a second of a 100,000-visit Batch page check).
// Settings objects are built fresh by their callers and never changed after.
const resolved = new WeakMap<Partial<Settings>, Settings>();

export function resolveSettings(settings?: Partial<Settings>): Settings {
  if (!settings) return DEFAULT_SETTINGS;
  let out = resolved.get(settings);
  if (!out) resolved.set(settings, (out = Settings.parse(settings)));
  return out;
}

function visitFindings(ctx: Context): Finding[] {
  const out: Finding[] = [];
  // A visit read only in part is never shown as ready to bill.
  if (ctx.visit.incomplete) {
    const last = ctx.items.at(-1);
    out.push(finding('visit.incomplete', 'warning', [], `${ctx.visit.incomplete} The units and findings here cover only the lines read.`, 'Bring the rest of the visit into view so Unitwise reads it (scroll the grid through), or check the lines not read by hand before billing.', "Unitwise's reader (what it could read on the page)", last ? [last] : [], { headline: 'Visit read only in part: check the rest' }));
  }
  if (!ctx.visit.payer?.trim()) {
    out.push(finding('payer.missing', 'info', [], `No payer on this visit: Unitwise used the ${ctx.method === 'cms' ? 'CMS 8-minute rule (total time) and Medicare modifier rules' : 'per-code method'}.`, 'Set the payer so the right unit method applies (Medicare: CMS total-time method; many commercial plans: per code).', 'Unitwise settings (method when no payer is named); rules-reference §2 (which payer uses which method)', [], { headline: `No payer: ${ctx.method === 'cms' ? 'CMS 8-minute rule' : 'per-code method'} assumed` }));
  }
  // Said, not assumed in silence: the date decides which codes, pairs and KX threshold apply.
  if (!ctx.dos) {
    out.push(finding('dos.missing', 'info', [], 'No date of service was read for this visit: its codes, NCCI pairs and KX threshold were checked by the rule data in force now, and no other visit of its day can be found.', 'Set or show the date of service so the visit is checked by the rules of its day.', "Unitwise's reader (what it could read on the page or in the file)", [], { headline: 'No date of service: checked by the rules in force now' }));
  } else {
    for (const t of ctx.data.tables) {
      if (t.name === 'phrases' || t.name === 'payer-policies') continue;
      if (ctx.dos < t.effective.from || (t.effective.to && ctx.dos > t.effective.to)) {
        out.push(finding('data.out-of-range', 'warning', [], `The ${t.name} data (${t.version}) covers ${t.effective.from} to ${t.effective.to ?? 'now'}, but the date of service is ${ctx.dos}: its answers may not match the rules in force then.`, t.name === 'ptp' || t.name === 'mue' ? `Import the CMS ${t.name.toUpperCase()} files for the quarter of ${ctx.dos} (npm run import, or the options page).` : 'Update Unitwise to get rule data for this date.', `${t.name} data ${t.version}: ${t.description.slice(0, 120)}`, [], { headline: `${t.name} data does not cover ${ctx.dos}` }));
      }
    }
  }
  return out;
}

export function evaluate(visit: Visit, settings?: Partial<Settings>, data: RuleData = builtInRuleData()): Evaluation {
  const s = resolveSettings(settings);
  const ctx = buildContext(visit, s, data);
  const findings: Finding[] = [];

  findings.push(...visitFindings(ctx));
  findings.push(...checkMinutes(ctx));
  findings.push(...checkCodes(ctx));
  findings.push(...checkSuggestions(ctx));
  findings.push(...checkDocumentation(ctx));

  const units = computeUnits(ctx);
  findings.push(...units.findings);
  const mods = applyModifiers(ctx, units.lines);
  findings.push(...mods.findings);

  // Pair and MUE checks look at the codes that will be on the claim.
  const claim = new Map<string, ClaimCode>();
  const suggested = new Map<string, number[]>();
  for (const line of mods.lines) {
    if (line.units <= 0) continue;
    const list = suggested.get(line.code);
    if (list) list.push(line.units);
    else suggested.set(line.code, [line.units]);
  }
  for (const item of ctx.items) {
    const code = billingCode(ctx, item);
    if (!code) continue;
    const onClaim = suggested.has(code) || (ctx.hasEnteredUnits && (item.entry.units ?? 0) > 0);
    if (!onClaim) continue;
    const c = claim.get(code) ?? { code, items: [], modifiers: [] };
    c.items.push(item);
    for (const m of item.entry.modifiers ?? []) if (!c.modifiers.includes(m)) c.modifiers.push(m);
    claim.set(code, c);
  }
  const claimCodes = [...claim.values()];
  const policy = checkPolicies(ctx, claimCodes);
  findings.push(...policy.findings);
  findings.push(...checkPtp(ctx, claimCodes, policy.handled));
  findings.push(...checkPayerPolicies(ctx, claimCodes));
  findings.push(...checkMue(ctx, claimCodes, suggested));

  // Practice settings may turn rules off or change their severity.
  const shown: Finding[] = [];
  const hasOverrides = Object.keys(s.rules).length > 0;
  const show = (list: readonly Finding[]) => {
    for (const f of list) {
      const o = hasOverrides ? s.rules[f.rule] : undefined;
      if (o && o.enabled === false) continue;
      shown.push(o?.severity ? { ...f, severity: o.severity } : f);
    }
  };
  show(findings);

  const evaluation: Evaluation = {
    method: ctx.method,
    methodReason: ctx.methodReason,
    totalTimedMinutes: units.totalTimedMinutes,
    totalTimedUnits: units.totalTimedUnits,
    ...(units.plans && { plans: units.plans }),
    // A line with no units is not a claim line; units.not-billable says why it is missing.
    lines: mods.lines.filter((l) => l.units > 0),
    ...(units.pending.length && {
      minutesPending: units.pending
        .sort((a, b) => a.index - b.index)
        .map((i) => ({ entry: i.index, code: billingCode(ctx, i)!, ...(i.entry.minutes === null && { unreadable: true }) })),
    }),
    findings: shown,
    data: { version: data.version, builtIn: data.builtIn },
  };
  if (visit.id !== undefined) evaluation.id = visit.id;
  // The same patient's earlier visits that day (a batch export): the day's units, MUEs and pairs,
  // beyond what this visit and the earlier ones show alone. The day is judged by the rules as
  // they are (a practice that turned units.over-billed off or down turns units.same-day off or
  // down itself, by its own id).
  if (visit.sameDay?.length) {
    const plain = hasOverrides ? { ...s, rules: {} } : s;
    const planOf = (code: string) => {
      const d = data.catalog.get(code)?.discipline;
      return d ? MODIFIER_BY_DISCIPLINE[d] : undefined;
    };
    const day = sameDayFindings(visit, evaluation, (v) => evaluate(v, plain, data), (code) => data.catalog.get(code)?.kind === 'timed', planOf);
    show(day.findings);
    // The claim bills what the day has left, and "minutes support more" is the day's to say
    // (unless the practice turned the day's rule off: its finding, which says so, is not shown).
    if (day.lines && shown.some((f) => f.rule === 'units.same-day')) {
      evaluation.lines = day.lines;
      const drop = day.drop;
      if (drop) for (let i = shown.length - 1; i >= 0; i--) if (drop(shown[i]!)) shown.splice(i, 1);
    }
  }
  // Stable: equal severities keep the order the rules gave them (most visits' are in order already).
  if (!inSeverityOrder(shown)) shown.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return evaluation;
}
