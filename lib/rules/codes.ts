import type { Finding } from '../model';
import { finding, isDeletedOn, looksLikeCode, shorten, tag, type Context } from './context';
import { suggestFromText } from './suggest';

// Is each code one that can be billed on this date, for this payer?

/** A code with a letter typed for a digit ("9711O", "971I0"): the code meant, when only such letters differ; else undefined. */
function lookalike(code: string): string | undefined {
  if (code.length !== 5 || !/^\d+[OIL]/i.test(code)) return undefined;
  const digits = code.replace(/[Oo]/g, '0').replace(/[IiLl]/g, '1');
  return /^\d{5}$/.test(digits) && digits !== code ? digits : undefined;
}

export function checkCodes(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const catalogVersion = ctx.data.tables.find((t) => t.name === 'catalog')?.version ?? '';
  for (const item of ctx.items) {
    const { code, row } = item;
    if (!code) {
      const hint = item.entry.label ? suggestFromText(ctx.data, item.entry.label) : undefined;
      const why = hint ? ` Its words (${hint.words.map((w) => `"${w}"`).join(', ')}) suggest ${hint.code} (${ctx.data.catalog.get(hint.code)?.name}).` : '';
      out.push(finding('code.missing', 'warning', hint ? [hint.code] : [], `${item.name} has no code, so it is left off the suggested claim.${why}`, hint ? `Enter the code for what was done; ${hint.code} fits the description, but check it.` : 'Enter the code for what was done.', hint ? `phrases.json row ${hint.code} (${hint.source})` : 'Unitwise input check', [item], { headline: hint ? shorten(`${tag(item)}: no code (${hint.code} fits?)`) : shorten(`${tag(item)}: no code`) }));
      continue;
    }
    if (!row) {
      const meant = lookalike(code);
      const known = meant ? ctx.data.catalog.get(meant) : undefined;
      if (known) {
        out.push(finding('code.unknown', 'warning', [code], `${code} is not a code: it reads as ${meant} (${known.name}) with a letter typed for a digit, so its units, pairs and modifiers are not checked.`, `Correct the code to ${meant} if that was meant.`, `catalog.json ${catalogVersion}`, [item], { headline: `${code}: ${meant} mistyped?` }));
        continue;
      }
      const shape = looksLikeCode(code) ? '' : " and does not look like a CPT/HCPCS code (5 characters, e.g. 97110)";
      out.push(finding('code.unknown', 'warning', [code], `${code} is not in Unitwise's therapy code catalog (${catalogVersion})${shape}, so its units, pairs and modifiers are not checked.`, shape ? 'Correct the code.' : 'Check this line by hand, or tell the practice lead so the catalog can be extended.', `catalog.json ${catalogVersion}`, [item], { headline: `${code}: not a therapy code Unitwise knows` }));
      continue;
    }
    if (row.deleted && isDeletedOn(row, ctx.dos)) {
      const repl = row.deleted.replacedBy.join(', ');
      out.push(finding('code.deleted', 'error', [code], `${code} (${row.name}) was deleted on ${row.deleted.on}. ${row.deleted.note}`, `Use ${repl} instead${row.deleted.replacedBy.length > 1 ? ' (choose the one that fits)' : ''}; ${code} is left off the suggested claim.`, `catalog.json row ${code}: ${row.source} [${row.confidence}]`, [item], { headline: `${code} was deleted: use ${repl}` }));
      continue;
    }
    if (row.validFrom && ctx.dos && ctx.dos < row.validFrom) {
      out.push(finding('code.unknown', 'warning', [code], `${code} (${row.name}) only exists from ${row.validFrom}; the date of service is ${ctx.dos}.`, 'Check the code and the date of service.', `catalog.json row ${code}: ${row.source}`, [item], { headline: `${code}: not valid until ${row.validFrom}` }));
    }
    if (ctx.medicare && row.medicare?.status === 'bundled') {
      out.push(finding('code.bundled', 'warning', [code], `${code} (${row.name}) is bundled under Medicare: ${row.medicare.note}`, `Leave ${code} off the Medicare claim (it is left off the suggested claim); its minutes still count toward total treatment time.`, `catalog.json row ${code}: ${row.source} [${row.confidence}]`, [item], { headline: `${code}: bundled, leave off the Medicare claim` }));
    }
    if (ctx.medicare && row.medicare?.status === 'not-recognized' && row.medicare.useInstead) {
      const alt = row.medicare.useInstead;
      out.push(finding('code.payer-equivalent', 'warning', [code, alt], `${row.medicare.note}`, `Bill ${alt} instead of ${code} for this Medicare visit (the suggested claim does).`, `catalog.json row ${code}: ${row.source} [${row.confidence}]`, [item], { headline: `Bill ${alt} instead of ${code} for Medicare` }));
    }
  }
  return out;
}
