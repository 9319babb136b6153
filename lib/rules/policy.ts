import type { Finding } from '../model';
import { finding, flatten, hasNcciModifier, type Context, shorten } from './context';
import { activePtpRow, pairKey, ptpSource, type ClaimCode } from './pairs';

// The therapy policies of NCCI Policy Manual 2026 Ch. XI (§P.1, §P.3, §P.8, §S). They hold
// whatever the PTP table says; when a PTP row also exists it is named in the source.

const NCCI_XI = 'NCCI Policy Manual 2026 Ch. XI';
const PT_EVALS = ['97161', '97162', '97163', '97164'];
const OT_EVALS = ['97165', '97166', '97167', '97168'];
const REEVALS = ['97164', '97168'];
const TESTS = ['97750', '97755', '97763'];
const ORTHOTIC_INITIAL = ['97760', '97761'];
const CMT = ['98940', '98941', '98942'];
const CMT_PAIRED = ['97112', '97124', '97140'];

export interface PolicyResult {
  findings: Finding[];
  /** Code pairs these rules spoke for, so the generic PTP check does not repeat them. */
  handled: Set<string>;
}

const POLICY_CODES = new Set([...PT_EVALS, ...OT_EVALS, ...TESTS, ...ORTHOTIC_INITIAL, ...CMT]);

export function checkPolicies(ctx: Context, claim: ClaimCode[]): PolicyResult {
  const findings: Finding[] = [];
  const handled = new Set<string>();
  // Every policy here needs an evaluation, a test, an orthotic code or a manipulation on the claim.
  if (!claim.some((c) => POLICY_CODES.has(c.code))) return { findings, handled };
  const byCode = new Map(claim.map((c) => [c.code, c]));
  const present = (codes: string[]) => codes.map((c) => byCode.get(c)).filter((c): c is ClaimCode => !!c);
  const withRow = (source: string, a: string, b: string) => {
    const row = activePtpRow(ctx, a, b) ?? activePtpRow(ctx, b, a);
    return row ? `${source}; ${ptpSource(ctx, row)}` : source;
  };

  // §P.1: one evaluation or re-evaluation per discipline per date of service.
  for (const [discipline, codes] of [['PT', PT_EVALS], ['OT', OT_EVALS]] as const) {
    const evals = present(codes);
    const units = evals.reduce((n, c) => n + c.items.reduce((m, i) => m + (i.entry.units ?? 1), 0), 0);
    if (evals.length > 1 || units > 1) {
      evals.forEach((a) => evals.forEach((b) => a !== b && handled.add(pairKey(a.code, b.code))));
      findings.push(finding('pair.one-eval-per-day', 'error', evals.map((c) => c.code), `A ${discipline === 'PT' ? 'physical' : 'occupational'} therapist may report only one evaluation or re-evaluation on a date of service; this visit has ${evals.map((c) => c.code).join(' and ')}${evals.length === 1 ? ` ×${units}` : ''}.`, 'Bill one evaluation or re-evaluation (the one that was done) and remove the other.', `${NCCI_XI} §P.1`, flatten(evals, (c) => c.items), { headline: shorten(`One evaluation a day: ${evals.map((c) => c.code).join(' and ')}`) }));
    }
  }
  const pt = present(PT_EVALS);
  const ot = present(OT_EVALS);
  if (pt.length && ot.length) {
    findings.push(finding('pair.one-eval-per-day', 'warning', [...pt, ...ot].map((c) => c.code), `A PT evaluation (${pt.map((c) => c.code).join(', ')}) and an OT evaluation (${ot.map((c) => c.code).join(', ')}) on the same date may both be reported only when two different practitioners performed them.`, 'Bill both only if a PT and an OT each did their own evaluation.', `${NCCI_XI} §P.1`, flatten([...pt, ...ot], (c) => c.items), { headline: 'PT and OT evaluations: two practitioners?' }));
  }

  // §P.3: re-evaluations are column 2 to the therapy services.
  for (const re of present(REEVALS)) {
    const therapy = claim.filter((c) => {
      const row = ctx.data.catalog.get(c.code);
      return row?.kind === 'timed' && row.therapy === 'always';
    });
    if (!therapy.length) continue;
    therapy.forEach((t) => handled.add(pairKey(t.code, re.code)));
    const mod = hasNcciModifier(re.modifiers);
    const source = withRow(`${NCCI_XI} §P.3`, therapy[0]!.code, re.code);
    if (mod && mod !== '59' && mod !== 'XU') {
      findings.push(finding('pair.reevaluation', 'warning', [re.code, ...therapy.map((t) => t.code)], `Re-evaluation ${re.code} carries ${mod} with ${therapy.map((t) => t.code).join(', ')} on the same day, but NCCI names 59 or XU for a medically necessary re-evaluation; ${mod} describes something else.`, `If the patient's status changed and the re-evaluation was necessary, use XU (or 59) on ${re.code}; otherwise remove it.`, source, [...re.items, ...flatten(therapy, (t) => t.items)], { headline: `${re.code}: use XU or 59, not ${mod}`, fix: 'modifiers' }));
    } else if (mod) {
      findings.push(finding('pair.reevaluation', 'info', [re.code, ...therapy.map((t) => t.code)], `Re-evaluation ${re.code} carries ${mod} with ${therapy.map((t) => t.code).join(', ')} on the same day: valid only if the patient's status changed and the re-evaluation was medically necessary.`, 'Make sure the note says what changed; routine re-evaluations during a planned course are not reported.', source, [...re.items, ...flatten(therapy, (t) => t.items)], { headline: `${re.code} with ${mod}: note must say what changed`, fix: 'modifiers' }));
    } else {
      findings.push(finding('pair.reevaluation', 'error', [re.code, ...therapy.map((t) => t.code)], `Re-evaluation ${re.code} is billed with ${therapy.map((t) => t.code).join(', ')}. NCCI edits make the re-evaluation column 2 to the therapy services, so without a modifier it is denied; routine re-evaluations during a planned course are not reported at all.`, `If the patient's status changed and the re-evaluation was necessary, append 59 or XU to ${re.code}; otherwise remove it.`, source, [...re.items, ...flatten(therapy, (t) => t.items)], { headline: `${re.code} with therapy: denied without XU/59` }));
    }
  }

  // §P.8: tests and orthotic/prosthetic services on the same date as an evaluation.
  const p8 = (services: string[], evals: string[]) => {
    for (const s of present(services)) {
      for (const e of present(evals)) {
        handled.add(pairKey(s.code, e.code));
        const mod = hasNcciModifier(s.modifiers) ?? hasNcciModifier(e.modifiers);
        findings.push(finding('pair.eval-with-test', mod ? 'info' : 'warning', [s.code, e.code], `${s.code} (${ctx.data.catalog.get(s.code)?.name}) is not separately reportable on the same date as ${e.code} (${ctx.data.catalog.get(e.code)?.name}) when one practitioner, or two of the same specialty, did both. A PT and an OT may each report theirs with a modifier; two PTs may not.${mod ? ` ${mod} is entered.` : ''}`, mod ? 'Keep the modifier only if practitioners of different specialties did the two services.' : `Remove ${s.code} unless a practitioner of another specialty did it; then add the NCCI modifier.`, withRow(`${NCCI_XI} §P.8`, s.code, e.code), [...s.items, ...e.items], { headline: `${s.code} with ${e.code}: not separately billable` }));
      }
    }
  };
  p8(TESTS, [...PT_EVALS, ...OT_EVALS]);
  p8(ORTHOTIC_INITIAL, REEVALS);

  // §S: chiropractic manipulation with 97112/97124/97140.
  for (const m of present(CMT)) {
    for (const t of present(CMT_PAIRED)) {
      handled.add(pairKey(m.code, t.code));
      const mod = t.modifiers.find((x) => x === '59' || x === 'XS');
      findings.push(finding('pair.cmt-region', mod ? 'info' : 'error', [m.code, t.code], mod ? `${t.code} carries ${mod} with manipulation ${m.code}: valid only when it was done in a different region than the manipulation.` : `${t.code} is not separately reportable when done in a spinal region that received manipulation (${m.code}).`, mod ? 'Make sure the note names the two regions.' : `If ${t.code} was done in a different region, append XS (or 59) to it; otherwise do not bill it.`, withRow(`${NCCI_XI} §S`, m.code, t.code), [...m.items, ...t.items], { headline: mod ? `${t.code} with ${m.code}: note must name two regions` : `${t.code} with manipulation ${m.code}: not billable` }));
    }
  }
  return { findings, handled };
}
