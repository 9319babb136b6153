// Finds whole-word phrases in free text in one pass over its words. A regex alternation of
// a hundred phrases with word-boundary look-arounds costs far more per label than this.
// Hyphens and spaces are the same ("sit-to-stand" = "sit to stand"); case is ignored; at
// each word the longest phrase wins and its words are not matched again.

/** Lower-case runs of letters and digits; everything else separates words. */
export function words(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    const wordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (wordChar) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(lower.slice(start, i));
      start = -1;
    }
  }
  return out;
}

export interface PhraseSpan<T> {
  start: number;
  end: number;
  key: string;
  value: T;
}

export class PhraseIndex<T> {
  readonly #byFirst = new Map<string, { tokens: string[]; key: string; value: T }[]>();

  add(phrase: string, value: T): void {
    const tokens = words(phrase);
    if (!tokens.length) return;
    const list = this.#byFirst.get(tokens[0]!) ?? [];
    list.push({ tokens, key: tokens.join(' '), value });
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.#byFirst.set(tokens[0]!, list);
  }

  /** Each phrase found, once per occurrence, as its normalised key and value. */
  scan(text: string | string[]): { key: string; value: T }[] {
    return this.spans(typeof text === 'string' ? words(text) : text).map(({ key, value }) => ({ key, value }));
  }

  /**
   * Each phrase found with the words it covers (start inclusive, end exclusive). `accept` may
   * turn a candidate down (say, an abbreviation not written in capitals): a shorter one is tried.
   */
  spans(toks: readonly string[], accept?: (value: T, start: number, end: number) => boolean): PhraseSpan<T>[] {
    const found: PhraseSpan<T>[] = [];
    for (let i = 0; i < toks.length; i++) {
      const candidates = this.#byFirst.get(toks[i]!);
      if (!candidates) continue;
      for (const c of candidates) {
        let ok = true;
        for (let k = 1; k < c.tokens.length; k++) {
          if (toks[i + k] !== c.tokens[k]) {
            ok = false;
            break;
          }
        }
        if (ok && accept && !accept(c.value, i, i + c.tokens.length)) ok = false;
        if (ok) {
          found.push({ start: i, end: i + c.tokens.length, key: c.key, value: c.value });
          i += c.tokens.length - 1;
          break;
        }
      }
    }
    return found;
  }

  /** Whether any phrase occurs in the text. */
  test(text: string | string[]): boolean {
    return this.scan(text).length > 0;
  }
}
