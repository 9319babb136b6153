// A code cell as exports write it: the code ("97110"), or the code and its description in one
// cell ("97110 - THERAPEUTIC EXERCISES", "97161 PT EVAL LOW COMPLEX", "97112 NMR"), or the code
// and its modifiers ("97110-GP", "97110 GP 59"). Two characters after a code are read as
// modifiers only when written onto the code ("97110-GP") or when each is a modifier a therapy
// claim uses (KNOWN_MODIFIERS): "97110 TE" and "97140 MT" are abbreviations of the line's
// description (therapeutic exercise, manual therapy), and the report says a modifier was not
// read, in case one was meant. A cell too long to be any code gets a reason in words, not the
// schema's limit. A code written as a number with a zero decimal ("97110.0") is the code.

import { KNOWN_MODIFIERS } from './cells';

const CODE_AND_WORDS = /^(\d{4}[0-9A-Z]|[A-V]\d{4})(?:\s+[-–—:]?\s*|\s*[-–—:]\s+)([A-Za-z(].*)$/i;
const WORD = /(?:^|[^A-Za-z])(?=[A-Za-z]*[AEIOUaeiou])[A-Za-z]{4,}(?![A-Za-z])/;
// "97110 GP 59", "97110-GP", "97140 - MT": two-character tokens after the code (as a combined cell writes modifiers).
const CODE_AND_PAIRS = /^(\d{4}[0-9A-Z]|[A-V]\d{4})((?:[\s:,;/\\+&-]+[0-9A-Z]{2})+)$/i;
// A quantity or minutes after the code ("97110 x2", "97110-GP ×2", "97110 15"): not a modifier, not a description.
const QUANTITY = /^(?:[x×*]\s*\d+|\d+(?:\s*(?:min|mins|minutes|u|units?))?)$/i;
/** A token after the code that is a count, not a modifier written in digits (59, 76, 25). */
const isCount = (t: string) => QUANTITY.test(t) && !KNOWN_MODIFIERS.has(t.toUpperCase());
// Units written after the code in the forms that can only mean units: "97110 x2", "97110-GP ×2",
// "97110 x 2" (not "*2", nor a bare number: minutes?). The x stands apart or right after the code:
// in "3x10" (sets of reps) or "BOX2" it is not units.
const UNITS_AFTER = /(?<=\s|^(?:\d{4}[0-9A-Z]|[A-V]\d{4}))[x×]\s*(\d{1,2})$/i;
// "97112 NMR", "97110 THER EX": a description abbreviated to letters only.
const ABBREVIATION = /^[A-Za-z]+(?:[\s/&.,+-]+[A-Za-z]+)*\.?$/;
const FLOAT_CODE = /^(\d{5})\.0{1,2}$/;
// "97110GP", "97110GP59": modifiers typed onto the code with nothing between (the first one a
// letter pair: "9711059" may be a mistyped code), read only when each pair is a known modifier.
// (Letter-first, G-codes only: "S8301XS" is a diagnosis code's sequela as likely as S8301 with XS.)
const CODE_GLUED = /^(\d{4}[0-9A-Z]|G\d{4})([A-Z][A-Z0-9](?:[A-Z0-9]{2}){0,3})$/i;
/** Entry.code's limit. */
const CODE_MAX = 16;

export interface CodeCell {
  code: string;
  label?: string;
  modifiers?: string[];
  /** What the report should say about how the cell was read (a modifier-like word not taken as one). */
  note?: string;
}

/** The code of a code cell, the description or modifiers written after it; or why the cell is not a code. */
export function readCodeCell(text: string): CodeCell | string {
  if (text.length <= 5) return { code: text };
  // 97110.0: a code column typed as numbers (pandas writes floats so); only a zero tail on 5 digits.
  const float = FLOAT_CODE.exec(text);
  if (float) return { code: float[1]! };
  const glued = CODE_GLUED.exec(text);
  const onto = glued?.[2]!.toUpperCase().match(/../g);
  if (onto?.every((t) => KNOWN_MODIFIERS.has(t))) return { code: glued![1]!.toUpperCase(), modifiers: onto };
  const pairs = CODE_AND_PAIRS.exec(text);
  if (pairs) {
    const code = pairs[1]!.toUpperCase();
    const tail = pairs[2]!;
    const tokens = tail.split(/[\s:,;/\\+&-]+/).filter(Boolean).map((t) => t.toUpperCase());
    // (59, 76, 25: modifiers, not counts.)
    if (tokens.some(isCount)) return quantityReason(text, code);
    // Written onto the code ("97110-GP"): a modifier as claims print it, whatever it is.
    const attached = /^[-:][0-9A-Z]/i.test(tail);
    const known = tokens.filter((t) => KNOWN_MODIFIERS.has(t));
    if (attached || known.length === tokens.length) return { code, modifiers: tokens };
    if (known.length > 0) {
      const other = tokens.filter((t) => !KNOWN_MODIFIERS.has(t));
      return `code ${JSON.stringify(text)} mixes modifiers (${known.join(' ')}) with ${other.join(' ')}, which is not a modifier a therapy claim uses: it is not clear whether ${other.join(' ')} is a modifier or the description; put the modifiers in a modifier column or write them onto the code (${code}-${known.join('-')}), and the description in its own column`;
    }
    const label = tail.replace(/^[\s:-]+/, '');
    const what = tokens.length === 1 ? `${tokens[0]} is` : `${tokens.join(', ')} are`;
    return {
      code,
      label,
      note: `read as ${code} with the description ${JSON.stringify(label)}, no modifier: ${what} not a modifier a therapy claim uses (such as GP, GO, GN, CQ, CO, KX, 59, XU); if a modifier was meant, write it onto the code (${code}-${tokens[0]}) or in a modifier column`,
    };
  }
  const m = CODE_AND_WORDS.exec(text);
  if (m && (WORD.test(m[2]!) || ABBREVIATION.test(m[2]!))) return { code: m[1]!.toUpperCase(), label: m[2]!.trim() };
  const counted = holdsCount(text);
  if (counted) return quantityReason(text, counted);
  if (text.length > CODE_MAX) return `code ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)} is not a procedure code (a CPT or HCPCS code is 5 characters, like 97110)`;
  return { code: text };
}

/** The code of a cell that holds a number after it that is not a modifier ("97110 15", "97110 *2"): units or minutes, it does not say which. */
export function holdsCount(text: string): string | undefined {
  const m = /^(\d{4}[0-9A-Z]|[A-V]\d{4})\b(.*)$/i.exec(text);
  return m && m[2]!.split(/[\s:,;/\\+&-]+/).some((t) => t && isCount(t)) ? m[1]!.toUpperCase() : undefined;
}

/**
 * A code cell with the units written after the code ("97110 x2", "97110-GP ×2"): what is before
 * them read as readCodeCell reads a cell, and the units. Any other cell as readCodeCell reads it.
 */
export function readCodeAndUnits(text: string): (CodeCell & { units?: number }) | string {
  // (A code alone, as most cells of an export are, is not searched: this runs for every line.)
  const tail = text.length > 6 ? UNITS_AFTER.exec(text) : null;
  const cell = tail ? readCodeCell(text.slice(0, tail.index).trimEnd()) : undefined;
  return cell && typeof cell === 'object' ? { ...cell, units: Number(tail![1]) } : readCodeCell(text);
}

/** A code cell that also holds a count ("97110 x2", "97110-GP 15"): read as neither a modifier nor a description, said. */
function quantityReason(text: string, code: string): string {
  return `code ${JSON.stringify(text)} holds ${code} and a number (units or minutes?): Unitwise does not guess which; write units after the code with an x ("${code} x2"), put units and minutes in their own columns, or name this column as a combined cell ("97110-GP x2 (33 min)") with --map combined=<column>`;
}
