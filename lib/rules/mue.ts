import type { Finding } from '../model';
import { finding, starterTable, type Context } from './context';
import type { ClaimCode } from './pairs';

// Medically Unlikely Edits: the most units of a code a practitioner reports for one
// patient on one day. MAI 1 is a per-line edit; MAI 2 and 3 add up the whole day (NCCI Ch. I §V).

const MAI_TEXT: Record<1 | 2 | 3, string> = {
  1: 'MAI 1: claim-line edit; units on each line are compared',
  2: 'MAI 2: date-of-service edit based on policy; all units of the day are added and all are denied if over',
  3: 'MAI 3: date-of-service edit based on clinical benchmarks; all units of the day are added and all are denied if over (the contractor may bypass it on evidence, including on appeal)',
};

export function checkMue(ctx: Context, claim: ClaimCode[], suggested: Map<string, number[]>): Finding[] {
  const out: Finding[] = [];
  const table = ctx.data.tables.find((t) => t.name === 'mue');
  for (const c of claim) {
    const row = ctx.data.mue.get(c.code);
    if (!row) continue;
    // Judge what will be billed: the units entered when the form has them, else Unitwise's own lines.
    const perLine = ctx.hasEnteredUnits ? c.items.map((i) => i.entry.units ?? 0) : suggested.get(c.code) ?? [];
    const day = perLine.reduce((a, b) => a + b, 0);
    const over = row.mai === 1 ? Math.max(0, ...perLine) : day;
    if (over <= row.value) continue;
    // The starter table is a 2017 snapshot (rules-reference §5): say so in the message, not only in the source.
    const caveat = table?.starter
      ? ` This limit comes from Unitwise's built-in STARTER table, not the current CMS file, so it is unconfirmed (${row.source}); import the current CMS practitioner MUE file to be sure.`
      : row.confidence === 'unconfirmed'
        ? ` The data pack marks this row unconfirmed (${row.source}); check it against the current CMS practitioner MUE file.`
        : '';
    out.push(
      finding('mue.exceeded', 'error', [c.code], `${c.code}: ${row.mai === 1 ? `a line has ${over} units` : `${over} units on this date`}, but the practitioner MUE is ${row.value} (${MAI_TEXT[row.mai]}). An ABN cannot be used for MUE denials.${caveat}`, row.mai === 1 ? `Split the units over separate lines only if a modifier (59, X{EPSU}, 76, 77, anatomic) truly applies; otherwise bill at most ${row.value}.` : `Bill at most ${row.value} ${row.value === 1 ? 'unit' : 'units'} of ${c.code} for the day, or be ready to show why more were necessary.`, `MUE table row ${c.code} (${table?.starter ? 'built-in starter' : `data pack ${table?.version}`}): ${row.source} [${row.confidence}]; NCCI Policy Manual Ch. I §V`, c.items, { headline: `${c.code}: ${over} units, daily limit ${row.value}`, starterData: starterTable(ctx, 'mue') }),
    );
  }
  return out;
}
