import type { Finding } from '../model';
import { finding, shorten, type Context } from './context';
import type { RuleData } from './data';

// The intervention's own words against its code, from the phrase table in phrases.json.
// A suggestion is a prompt to check, never a verdict: it names the words that led there.

export interface TextHint {
  code: string;
  words: string[];
  source: string;
}

/**
 * Which codes the text's words point to, most words first. One pass of the combined phrase
 * pattern (longest phrase first), so a phrase inside a longer one ("mobilisation" in "joint
 * mobilisation") or a spelling variant of the same words ("sit to stand", "sit-to-stand")
 * counts once, not twice.
 */
function scores(data: RuleData, text: string | string[]): TextHint[] {
  const byCode = new Map<string, { words: string[]; keys: Set<string> }>();
  for (const { key, value } of data.phraseScan.scan(text)) {
    for (const { code, text: phrase } of value) {
      let hit = byCode.get(code);
      if (!hit) byCode.set(code, (hit = { words: [], keys: new Set() }));
      if (hit.keys.has(key)) continue;
      hit.keys.add(key);
      hit.words.push(phrase);
    }
  }
  const hits: TextHint[] = [];
  for (const [code, { words }] of byCode) hits.push({ code, words, source: data.phrases.find((p) => p.code === code)?.source ?? 'phrases.json' });
  return hits.sort((a, b) => b.words.length - a.words.length);
}

/** The code the text points to most clearly, if one code leads. */
export function suggestFromText(data: RuleData, text: string): TextHint | undefined {
  const [best, second] = scores(data, text);
  if (!best || (second && second.words.length === best.words.length)) return undefined;
  return best;
}

export function checkSuggestions(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const suggestable = new Set(ctx.data.phrases.map((p) => p.code));
  for (const item of ctx.items) {
    const label = item.entry.label?.trim();
    if (!item.code || !label || !suggestable.has(item.code)) continue;
    const hits = scores(ctx.data, item.words);
    const best = hits[0];
    if (!best || best.code === item.code) continue;
    const own = hits.find((h) => h.code === item.code)?.words.length ?? 0;
    if (own >= best.words.length) continue;
    // Two other codes equally likely: no single code to point to.
    if (hits[1] && hits[1].code !== item.code && hits[1].words.length === best.words.length) continue;
    const cat = ctx.data.catalog;
    out.push(
      finding('code.suggest', 'warning', [item.code, best.code], `"${label}" is coded ${item.code} (${cat.get(item.code)?.name}), but its words ${best.words.map((w) => `"${w}"`).join(', ')} describe ${cat.get(best.code)?.name?.toLowerCase()} (${best.code}).`, `If that is what was done, code ${best.code}; if ${item.code} is right, say in the note what made it ${cat.get(item.code)?.name?.toLowerCase()}.`, `phrases.json row ${best.code} (${best.source})`, [item], { headline: shorten(`${item.code} → ${best.code}? "${best.words[0]}" suggests it`) }),
    );
  }
  return out;
}

export function checkDocumentation(ctx: Context): Finding[] {
  const source = `phrases.json documentation terms (${ctx.data.documentation[0]?.source ?? ''})`;
  // Only free text that exists can be thin; a form without a description field says nothing.
  // Thin only when it names neither a region or target nor a purpose (any term of the three kinds).
  const thin = ctx.items.filter((item) => item.row?.kind === 'timed' && item.entry.label !== undefined && !ctx.data.documentationAny.test(item.words));
  if (!thin.length) return [];
  const action = 'Say in the note which body region or function was treated and the goal (e.g. "step-ups, R knee, to improve stair climbing").';
  const why = 'Auditors look for what was treated, why, and the progress made.';
  const name = (item: (typeof thin)[number]) => item.entry.label!.trim();
  if (thin.length === 1) {
    const item = thin[0]!;
    return [finding('documentation.thin', 'info', [item.code!], name(item) ? `"${name(item)}" names no body region or target and no purpose. ${why}` : `${item.code} has no description of what was done.`, action, source, [item], { headline: `${item.code}: say the body region and purpose` })];
  }
  // One finding for the visit, not one per line: the same advice twenty times hides the rest.
  const shown = thin.slice(0, 4).map((item) => (name(item) ? `"${name(item)}"` : `${item.code} (no description)`));
  const more = thin.length > shown.length ? ` and ${thin.length - shown.length} more` : '';
  return [finding('documentation.thin', 'info', [...new Set(thin.map((item) => item.code!))], `${thin.length} lines name no body region or target and no purpose: ${shown.join(', ')}${more}. ${why}`, action, source, thin, { headline: `${thin.length} lines: say the body region and purpose` })];
}
