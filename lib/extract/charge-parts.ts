// Modifiers and units as a page writes them beside a code: a modifiers field ("GP,KX", "GP-XU"),
// a charge line in text ("97110 THER EXERCISES — 2 units — 25 min — GP").
//
// Runs in the content script: no zod.

import { KNOWN_MODIFIERS } from '../batch/cells';
import { readCodeAndUnits } from '../batch/code-cell';

/** A choice of no modifier, as a list or a field may write it. */
export const NO_MODIFIER: ReadonlySet<string> = new Set(['NONE', '--', 'NA', 'N/A', 'NO']);

const SEPARATORS = /[\s,;/|+:&.\\]+/;
/** Punctuation around a token ("-GP", "GP.", "(GP)", "'GP'", "GP*"): not part of it. */
const AROUND = /^[-–—'"(*[]+|[-–—'"()*\]]+$/g;
/** "Mod:", "Modifiers:" before the list, and "and" in it, name no modifier. */
const NAMED = /^\s*mod(?:ifiers?|s)?\s*[.:]?\s*/i;
const FILLER = new Set(['AND', '&']);
const MODIFIER = /^[A-Z0-9]{2}$/;
const DASHES = /^[-–—]+$/;
// "GP-XU": two-character pieces joined by hyphens or dashes, as some EHRs print a line's modifiers.
const JOINED = /^[A-Z0-9]{2}(?:[-–—][A-Z0-9]{2})+$/;

/** A token of a modifiers field that is not read as modifiers, and why. */
export interface NotModifier {
  token: string;
  why?: string;
}

/**
 * "GP-XU" → ["GP", "XU"]: split only when every piece is a modifier a therapy claim uses, since a
 * hyphen also joins words ("CO-TX" is co-treatment, not the OT assistant's CO; "PT-OT").
 */
export function hyphenJoined(token: string): string[] | undefined {
  if (!JOINED.test(token)) return undefined;
  const pieces = token.split(/[-–—]/);
  return pieces.every((p) => KNOWN_MODIFIERS.has(p)) ? pieces : undefined;
}

/** "GP59", "GPKX59" → its pairs, when every pair is a modifier a therapy claim uses (as the batch reads a cell: splitModifiers). */
function glued(token: string): string[] | undefined {
  // (Letters in it: "2559" is a mistyped number as likely as 25 and 59.)
  if (!/^(?:[A-Z0-9]{2}){2,4}$/.test(token) || !/[A-Z]/.test(token)) return undefined;
  const pieces = token.match(/../g)!;
  return pieces.every((p) => KNOWN_MODIFIERS.has(p)) ? pieces : undefined;
}

/**
 * The modifiers in a modifiers field's text, in capitals: "GP,KX", "GP/59", "GP 59 KX", "GP-XU",
 * "GP - KX"; "N/A" or "None" is none. The tokens that are not modifiers are returned to be said.
 */
export function modifiersIn(text: string): { modifiers: string[]; not: NotModifier[] } {
  const modifiers: string[] = [];
  const not: NotModifier[] = [];
  // ("N/A" as a whole, before "/" splits it into an "N" and an "A".)
  if (NO_MODIFIER.has(text.trim())) return { modifiers, not };
  for (const raw of text.replace(NAMED, '').split(SEPARATORS)) {
    // (A dash standing alone separates, as in "GP - KX".)
    if (!raw || DASHES.test(raw)) continue;
    const token = raw.replace(AROUND, '');
    if (!token || NO_MODIFIER.has(token) || FILLER.has(token)) continue;
    // (Punctuation taken off, a known modifier only: "(PT)" beside "GP" names the discipline.)
    if (token !== raw && MODIFIER.test(token) && !KNOWN_MODIFIERS.has(token)) {
      not.push({ token: raw });
      continue;
    }
    if (MODIFIER.test(token)) {
      modifiers.push(token);
      continue;
    }
    const pieces = hyphenJoined(token) ?? glued(token);
    if (pieces) modifiers.push(...pieces);
    else if (JOINED.test(token)) {
      const unknown = token.split(/[-–—]/).filter((p) => !KNOWN_MODIFIERS.has(p));
      not.push({ token, why: `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a modifier' : 'are not modifiers'} a therapy claim uses, so the hyphen was not read as separating modifiers; if they are, write them apart (${token.replace(/[-–—]/g, ' ')})` });
    } else not.push({ token });
  }
  return { modifiers, not };
}

// A charge line's parts: "97110 THER EX — 2 units — 25 min — GP", "97110 x2 | 25 min | Mod: GP, KX".
// (A hyphen separates only with spaces around it: "GP-KX" and "10:05-10:28" are one part.)
const PARTS = /\s*[—–|•·,]\s*|\s+-\s+/;
const UNITS_IN_TEXT = /(?<![\d.])(\d{1,2})\s*units?\b/gi;
const MODIFIERS_NAMED = /^mod(?:ifiers?|s)?\.?\s*:?\s*/i;
// Modifiers as a part of their own, in capitals as claims print them (a word like "go" is not GO).
const MODIFIER_PART = /^[A-Z0-9]{2}(?:[\s/+-]+[A-Z0-9]{2})*$/;
const MODIFIERS_AFTER_MEASURE = /\b\d+(?:\.\d+)?\s*(?:min|mins|minutes|units?)\s+([A-Z][A-Z0-9](?:[\s/+]+[A-Z0-9]{2})*)$/;

/**
 * The units and modifiers a line of text gives for its code: "2 units" anywhere, units after the
 * code ("97110 x2"), and a part that is only modifiers a therapy claim uses ("— GP", "Mod: GP, KX").
 * A part of digits only ("— 59") may be a count, and "PT" names the discipline: neither is read.
 * Every count of units is returned, so that two different ones are said rather than one picked.
 */
export function chargeParts(text: string, code: string | undefined): { units: number[]; modifiers: string[] } {
  const units = [...text.matchAll(UNITS_IN_TEXT)].map((m) => Number(m[1]));
  const modifiers: string[] = [];
  for (const raw of text.split(PARTS)) {
    const part = raw.replace(MODIFIERS_NAMED, '');
    if (code && part.startsWith(code)) {
      const cell = readCodeAndUnits(part);
      if (typeof cell === 'object' && cell.code === code && cell.units !== undefined) units.push(cell.units);
    }
    if (!(code && part.startsWith(code)) && MODIFIER_PART.test(part) && /[A-Z]/.test(part)) {
      const tokens = part.split(/[\s/+-]+/);
      if (tokens.every((t) => KNOWN_MODIFIERS.has(t))) modifiers.push(...tokens);
    } else {
      // Modifiers at the end of a part, after its minutes or units with no separator: "25 min GP",
      // "2 units GP KX" (after a figure and its measure only: "Ther ex GO over the HEP" is prose).
      const tail = MODIFIERS_AFTER_MEASURE.exec(part);
      const tokens = tail?.[1]!.split(/[\s/+]+/) ?? [];
      if (tokens.length && tokens.every((t) => KNOWN_MODIFIERS.has(t))) modifiers.push(...tokens);
    }
  }
  return { units: [...new Set(units)], modifiers: [...new Set(modifiers)] };
}
