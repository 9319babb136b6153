// A code cell as exports write it: the code ("97110"), or the code and its description in one
// cell ("97110 - THERAPEUTIC EXERCISES", "97161 PT EVAL LOW COMPLEX"). The leading code is read
// only when what follows it, after a space or a dash, is words (one of four letters or more):
// "97110-GP" and "97110 GP KX" are a code with modifiers, not a description, and are left as
// they are. A cell too long to be any code gets a reason in words, not the schema's limit.

const CODE_AND_WORDS = /^(\d{4}[0-9A-Z]|[A-V]\d{4})(?:\s+[-–—:]?\s*|\s*[-–—:]\s+)([A-Za-z(].*)$/i;
const WORD = /(?:^|[^A-Za-z])(?=[A-Za-z]*[AEIOUaeiou])[A-Za-z]{4,}(?![A-Za-z])/;
/** Entry.code's limit. */
const CODE_MAX = 16;

/** The code of a code cell and the description written after it; or why the cell is not a code. */
export function readCodeCell(text: string): { code: string; label?: string } | string {
  const m = CODE_AND_WORDS.exec(text);
  if (m && WORD.test(m[2]!)) return { code: m[1]!.toUpperCase(), label: m[2]!.trim() };
  if (text.length > CODE_MAX) return `code ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)} is not a procedure code (a CPT or HCPCS code is 5 characters, like 97110)`;
  return { code: text };
}
