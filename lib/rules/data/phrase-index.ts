// Finds whole-word phrases in free text in one pass over its words. A regex alternation of
// a hundred phrases with word-boundary look-arounds costs far more per label than this.
// Hyphens and spaces are the same ("sit-to-stand" = "sit to stand"); case is ignored; at
// each word the longest phrase wins and its words are not matched again.

export const words = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

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
  scan(text: string): { key: string; value: T }[] {
    const found: { key: string; value: T }[] = [];
    const toks = words(text);
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
        if (ok) {
          found.push({ key: c.key, value: c.value });
          i += c.tokens.length - 1;
          break;
        }
      }
    }
    return found;
  }

  /** Whether any phrase occurs in the text. */
  test(text: string): boolean {
    return this.scan(text).length > 0;
  }
}
