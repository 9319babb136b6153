import type { Finding } from '../model';
import { finding, hasNcciModifier, shorten, starterTable, type Context, type Item } from './context';
import type { PtpRow } from './data/schema';
import type { PayerPolicyRow } from './data';

// NCCI procedure-to-procedure edits and payer pair policies, on the codes of the claim.

/** Codes on the claim, with the rows that produced them and the modifiers entered there. */
export interface ClaimCode {
  code: string;
  items: Item[];
  modifiers: string[];
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function inForce(row: { effective: string; deleted: string | null }, dos: string | undefined): boolean {
  if (!dos) return row.deleted === null;
  return row.effective <= dos && (row.deleted === null || dos <= row.deleted);
}

/** The PTP row in force for column1/column2 on the date, skipping indicator 9 (not applicable). */
export function activePtpRow(ctx: Context, column1: string, column2: string): PtpRow | undefined {
  return ctx.data.ptpIndex.get(`${column1}|${column2}`)?.find((r) => r.modifierIndicator !== 9 && inForce(r, ctx.dos));
}

export function ptpSource(ctx: Context, row: PtpRow): string {
  const table = ctx.data.tables.find((t) => t.name === 'ptp');
  const starter = table?.starter ? 'built-in STARTER table, not checked against the CMS file' : `CMS data pack ${table?.version}`;
  return `NCCI PTP edit ${row.column1}/${row.column2} (indicator ${row.modifierIndicator}, effective ${row.effective}${row.deleted ? `, deleted ${row.deleted}` : ''}; ${starter}): ${row.source} [${row.confidence}]`;
}

const DEFAULT_HINT = { modifiers: ['XU', '59'], when: 'only when the two services were performed in separate 15-minute time intervals (NCCI Ch. XI §P.2); never for the same time block' };
const CMT = new Set(['98940', '98941', '98942']);

export function checkPtp(ctx: Context, claim: ClaimCode[], handled: Set<string>): Finding[] {
  const out: Finding[] = [];
  // Only codes that appear in some PTP row can pair; most claims have two or three of them.
  const paired = claim.filter((c) => ctx.data.ptpCodes.has(c.code));
  if (paired.length < 2) return out;
  const starterData = starterTable(ctx, 'ptp');
  for (const a of paired) {
    for (const b of paired) {
      if (a === b || handled.has(pairKey(a.code, b.code))) continue;
      const row = activePtpRow(ctx, a.code, b.code);
      if (!row) continue;
      const source = ptpSource(ctx, row);
      // The column 2 code's lines are the ones to change (its modifier, or dropping it): only
      // they are marked and shown. Its column 1 code is named in the text; XU put on the column 1
      // line leaves the edit in place.
      const items = b.items;
      if (row.modifierIndicator === 0) {
        out.push(finding('pair.not-allowed', 'error', [a.code, b.code], `NCCI does not allow ${b.code} with ${a.code} on the same day (${row.rationale}); no modifier bypasses this edit. ${b.code}, the column 2 code, would be denied.`, `Bill ${a.code} only, or check that both were really done and coded right.`, source, items, { headline: `${b.code} never with ${a.code}: bill ${a.code} only`, fix: 'code', starterData }));
        continue;
      }
      const hint = row.modifierHint ?? (CMT.has(a.code) ? { modifiers: ['XS', '59'], when: 'only when done in a different spinal region than the manipulation (NCCI Ch. XI §S)' } : DEFAULT_HINT);
      const present = hasNcciModifier(b.modifiers);
      if (present) {
        // Any NCCI-associated modifier bypasses the edit, but each X modifier says something different
        // (NCCI Ch. I §E); when the row names the modifiers that fit and this is not one, say so.
        const fits = !row.modifierHint || hint.modifiers.includes(present);
        const note = fits ? '' : ` The table names ${hint.modifiers.join(' or ')} for this pair; check that ${present} describes what was done.`;
        out.push(finding('pair.modifier-required', 'info', [a.code, b.code], `${b.code} carries ${present}, which bypasses the NCCI edit pairing it with ${a.code}. That is valid ${hint.when}.${note}`, fits ? 'Make sure the note shows it (separate times or regions); otherwise remove the modifier and do not bill both.' : `Use ${hint.modifiers[0]} instead of ${present} on ${b.code} if that describes the service; modifiers must not be used to bypass an edit unless their criteria are met.`, fits ? source : `${source}; NCCI Policy Manual Ch. I §E (59 and X{EPSU})`, items, { headline: `${b.code}: ${present} bypasses the edit with ${a.code}; check note`, starterData }));
      } else {
        out.push(finding('pair.modifier-required', 'error', [a.code, b.code], `NCCI pairs ${a.code} (column 1) with ${b.code} (column 2), modifier indicator 1: without a modifier, ${b.code} is denied. ${hint.modifiers.join(' or ')} on ${b.code} is valid ${hint.when}.`, `If that is true and documented, append ${hint.modifiers[0]} to ${b.code}; if not, do not bill ${b.code} with ${a.code}. Never add the modifier just to get paid.`, source, items, { headline: `${b.code}: add ${hint.modifiers[0]} if separate from ${a.code}, else drop`, starterData }));
      }
    }
  }
  return out;
}

export function checkPayerPolicies(ctx: Context, claim: ClaimCode[]): Finding[] {
  const payer = ctx.visit.payer?.toLowerCase();
  if (!payer) return [];
  const out: Finding[] = [];
  const byCode = new Map(claim.map((c) => [c.code, c]));
  const rows: PayerPolicyRow[] = [...ctx.data.payerPolicies, ...ctx.settings.payerPolicies];
  for (const row of rows) {
    if (!payer.includes(row.payerContains.toLowerCase()) || !inForce(row, ctx.dos)) continue;
    const a = byCode.get(row.column1);
    const b = byCode.get(row.column2);
    if (!a || !b) continue;
    const present = hasNcciModifier(b.modifiers);
    if (row.policy === 'modifier-required' && present) continue;
    const what = row.policy === 'deny-together' ? `denies ${row.column2} with ${row.column1} on the same day, even with modifier 59 or X{EPSU}` : `requires a modifier on ${row.column2} when billed with ${row.column1}`;
    out.push(finding('pair.payer-policy', 'error', [row.column1, row.column2], `${ctx.visit.payer} ${what}. ${row.note}`, row.policy === 'deny-together' ? `Bill only one of them for this payer, or check the payer's current policy.` : `Append the modifier to ${row.column2} if the services were separate.`, `payer policy "${row.payerContains}" ${row.column1}/${row.column2}: ${row.source} [${row.confidence}]`, b.items, { headline: shorten(`${row.column2} with ${row.column1}: ${ctx.visit.payer} policy`) }));
  }
  return out;
}
