// An intervention's text as words, each with what separated it from the word before. The phrase
// tables match on the words (as lib/rules/data/phrase-index.ts `words` cuts them: runs of ASCII
// letters and digits, lower case); the separators say where one service or clause ends.

/**
 * What stands between a word and the one before it:
 * clause: ; . ! ? | a line break or a spaced dash ("MT deferred - TherEx"): another sentence;
 * comma: , ( ): another part of the sentence;
 * join: + & / : (two things side by side: "TherEx/NMR", "HP + IFC");
 * none: a space, a hyphen or an apostrophe inside a term ("sit-to-stand", "d/c'd" is "d c d").
 */
export type Gap = 'none' | 'join' | 'comma' | 'clause';

export interface Token {
  /** Lower case, as the phrase tables match it. */
  lower: string;
  /** As written (abbreviations such as "US" or "MT" only count in capitals). */
  raw: string;
  /** The separator before this word (the first word's is "clause"). */
  gap: Gap;
  /** A colon stands before this word ("PT re-eval: pt fell last wk"): what comes before it is a heading. */
  colon?: boolean;
}

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

function gapOf(between: string): Gap {
  // A full stop ends a sentence only when a space follows it ("1.5 W/cm2" is one measure).
  if (/[;!?|\n\r]/.test(between) || /\.\s/.test(between)) return 'clause';
  // A dash with a space beside it ("Estim held today - TA"), not inside a term ("L4-5", "sit-to-stand").
  if (/\s[-–—]+|[-–—]+\s/.test(between)) return 'clause';
  if (/[,()[\]]/.test(between)) return 'comma';
  if (/[+&/:<>=]/.test(between)) return 'join';
  return 'none';
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let last = 0;
  while (i < text.length) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && isWordChar(text.charCodeAt(j))) j++;
    const raw = text.slice(i, j);
    const between = text.slice(last, i);
    out.push({ lower: raw.toLowerCase(), raw, gap: out.length ? gapOf(between) : 'clause', ...(out.length && between.includes(':') ? { colon: true } : {}) });
    last = j;
    i = j;
  }
  return out;
}

/** Words that join two services in one line ("TherEx and gait", "US then STM", "MT followed by TherEx", "CP after TherEx"). */
export const JOIN_WORDS: ReadonlySet<string> = new Set(['and', 'or', 'then', 'plus', 'also', 'nor', 'followed', 'after']);

/** Whether anything between words `from` (exclusive end of one span) and `to` (start of the next) separates them. */
export function separated(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k <= to && k < tokens.length; k++) {
    if (tokens[k]!.gap !== 'none') return true;
    if (k < to && JOIN_WORDS.has(tokens[k]!.lower)) return true;
  }
  return false;
}
