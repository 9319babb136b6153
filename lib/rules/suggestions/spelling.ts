import type { Lexicon } from './lexicon';
import type { Token } from './tokens';

// Misspelled therapy words ("efflurage", "propriocepton", "wheelchiar") read as the word they
// miss. Only long words (7+ letters) that no phrase knows are corrected, only to a phrase word
// of 8+ letters, only when the start agrees (misspellings keep the start of a word; real words
// one letter apart mostly differ there: teaching/reaching, pressing/dressing; a long word may have
// its second and third letters swapped or its second dropped: "cyrotherapy", "wirlpool"), and only to a
// single nearest word: one edit with the first two letters the same; two edits, for words of 9+
// letters, with the first three the same (pressing is not processing).

/** Optimal string alignment distance (edits, with adjacent swaps), or `max + 1` once over `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    let best = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return d[rows - 1]![cols - 1]!;
}

const VOWELS = new Set('aeiouy');

/** Consonants written for one another because they sound alike ("exersizes" is "exercises"). */
const SOUND_ALIKE = ['csz', 'ckq', 'mn'];
const soundAlike = (a: string, b: string) => SOUND_ALIKE.some((g) => g.includes(a) && g.includes(b));

/**
 * Two words of one length that differ where a consonant stands for another that does not sound
 * like it, not as two letters swapped: most often two real words ("shoveling" is not
 * "showering"), the slip short words are also spared (shortSlip).
 */
function consonantSwap(word: string, target: string): boolean {
  if (word.length !== target.length) return false;
  for (let i = 0; i < word.length; i++) {
    const [a, b] = [word[i]!, target[i]!];
    if (a === b) continue;
    // Two letters swapped ("strenghtening"): a slip, not another word.
    if (word[i + 1] === b && target[i + 1] === a) {
      i++;
      continue;
    }
    if (!VOWELS.has(a) && !VOWELS.has(b) && !soundAlike(a, b)) return true;
  }
  return false;
}

const cache = new Map<string, string | null>();
const CACHE_MAX = 5000;

/**
 * An inflected form of a phrase word, read as that word: "walked", "stretched", "propelled",
 * "ambulates", "carried" are "walk", "stretch", "propel", "ambulate", "carry". Only endings
 * (-s, -es, -ed, -ies, -ied), only for a word no phrase knows, and only to a word of a code's
 * phrase, never a context word ("holds" is not "hold"). Not -ing: the tables write the -ing
 * forms that name a service ("walking", "lifting"); another -ing word is usually the means to a
 * task ("squatting to retrieve items"), which the bare verb would overstate.
 */
export function stem(lex: Lexicon, word: string): string | undefined {
  if (word.length < 5 || /\d/.test(word) || lex.known.has(word)) return undefined;
  const candidates: string[] = [];
  const strip = (suffix: string) => (word.endsWith(suffix) && word.length - suffix.length >= 3 ? word.slice(0, -suffix.length) : undefined);
  for (const suffix of ['ed']) {
    const base = strip(suffix);
    if (!base) continue;
    candidates.push(base, `${base}e`);
    // Doubled final consonant: "propelled" → "propel".
    if (base.length >= 4 && base.at(-1) === base.at(-2)) candidates.push(base.slice(0, -1));
  }
  const ies = strip('ies') ?? strip('ied');
  if (ies) candidates.push(`${ies}y`);
  const es = strip('es');
  if (es) candidates.push(es);
  const s = strip('s');
  if (s && !word.endsWith('ss')) candidates.push(s);
  return candidates.find((c) => lex.phraseWords.has(c));
}


/**
 * One slip in a short word, of the kinds misspellings make: a vowel for a vowel ("balence"), a
 * letter dropped or doubled ("massge", "memmory"), two letters swapped ("toliet"). Not a
 * consonant for a consonant: that is most often another real word ("feeling" is not "feeding").
 */
function shortSlip(word: string, target: string): boolean {
  if (word.length === target.length) {
    const diff = [...word].map((c, i) => (c === target[i] ? -1 : i)).filter((i) => i >= 0);
    if (diff.length === 1) return VOWELS.has(word[diff[0]!]!) && VOWELS.has(target[diff[0]!]!);
    return diff.length === 2 && diff[1] === diff[0]! + 1 && word[diff[0]!] === target[diff[1]!] && word[diff[1]!] === target[diff[0]!];
  }
  const [short, long] = word.length < target.length ? [word, target] : [target, word];
  if (long.length !== short.length + 1) return false;
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/** The phrase word a misspelled short word (6-7 letters) stands for: one slip, same first two and last letters, a single candidate. */
function shortCorrection(lex: Lexicon, word: string): string | undefined {
  let found: string | undefined;
  for (const target of lex.phraseWords) {
    if (target.length < 6 || target.length > 8 || Math.abs(target.length - word.length) > 1) continue;
    if (target[0] !== word[0] || target[1] !== word[1] || target.at(-1) !== word.at(-1) || /\d/.test(target)) continue;
    if (!shortSlip(word, target)) continue;
    if (found && found !== target) return undefined;
    found = target;
  }
  return found;
}

/**
 * The start of a misspelling agrees with its word: the first two letters, or the first letter with
 * the next two swapped ("cyrotherapy") or the second one dropped ("wirlpool"), in words of 8+ letters.
 */
function startAgrees(word: string, target: string): boolean {
  if (target[0] !== word[0]) return false;
  if (target[1] === word[1]) return true;
  if (word.length < 8 && target.length < 9) return false;
  return (target[1] === word[2] && target[2] === word[1]) || (target.length === word.length + 1 && target[2] === word[1]);
}

/** The phrase word a misspelled word stands for, or undefined. */
export function correction(lex: Lexicon, word: string): string | undefined {
  if (word.length < 6 || /\d/.test(word) || lex.known.has(word)) return undefined;
  if (word.length < 7) return shortCorrection(lex, word);
  const cached = cache.get(word);
  if (cached !== undefined) return cached ?? undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  let ambiguous = false;
  for (let len = word.length - 2; len <= word.length + 2; len++) {
    for (const target of lex.vocabulary.get(len) ?? []) {
      if (target.length < 8 || !startAgrees(word, target)) continue;
      // Two edits only for long words that keep their first three letters and their last one
      // ("strenghtening"), so a real word two letters from a therapy word stays itself
      // ("transverse" is not "transfers").
      const max = target.length >= 9 && target[2] === word[2] && target.at(-1) === word.at(-1) ? 2 : 1;
      const dist = editDistance(word, target, max);
      if (dist > max || consonantSwap(word, target)) continue;
      if (dist < bestDistance) {
        best = target;
        bestDistance = dist;
        ambiguous = false;
      } else if (dist === bestDistance && target !== best) ambiguous = true;
    }
  }
  const result = best && !ambiguous ? best : word.length === 7 ? shortCorrection(lex, word) : undefined;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, result ?? null);
  return result;
}

/** The words with inflections and misspellings read as the phrase word (the raw text is kept for abbreviations). */
export function corrected(lex: Lexicon, tokens: readonly Token[]): Token[] {
  return tokens.map((t) => {
    const fixed = stem(lex, t.lower) ?? correction(lex, t.lower);
    return fixed ? { ...t, lower: fixed } : t;
  });
}
