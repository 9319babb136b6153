import phrasesJson from '../data/phrases.json';
import { PhraseIndex, words } from '../data/phrase-index';
import { PhrasesFile, type Confidence, type ContextKind, type CueKind } from '../data/schema';

// The words code suggestions read, from phrases.json: each phrase with the code it points to and
// how strongly (its row's kind), the context words (not done, history, goal…) and the words of
// every phrase for spelling correction. Built once; phrases.json is validated as the rules load it.

/** What one phrase of each kind is worth. A suggestion needs at least 2 (never a lone tool). */
export const WEIGHT: Readonly<Record<CueKind, number>> = { name: 3, technique: 3, activity: 2, intent: 2, qualifier: 2, equipment: 1, hint: 1 };

/** A name or a technique says which service was done; the other kinds only lean. */
export const isStrong = (kind: CueKind) => kind === 'name' || kind === 'technique';

export interface Cue {
  code: string;
  kind: CueKind;
  /** The phrase as the data writes it (shown to the user as the reason). */
  phrase: string;
  /** For abbreviations that only count in capitals: the words as they must be written (an empty string: any case). */
  exact?: string[];
  source: string;
  confidence: Confidence;
}

/** What a phrase stands for: cues (one per code it points to), or nothing (a neutral phrase). */
export interface PhraseEntry {
  cues: Cue[];
  neutral: boolean;
}

export type ContextCue = Exclude<ContextKind, 'neutral'>;


export interface Lexicon {
  phrases: PhraseIndex<PhraseEntry>;
  context: PhraseIndex<ContextCue>;
  /** Every word of every phrase and context term, to tell a misspelling from a word we know. */
  known: ReadonlySet<string>;
  /** Every word of every code's phrase (not the context words): what an inflected word is read as. */
  phraseWords: ReadonlySet<string>;
  /** Words of 8 or more letters from the phrases, by length: what a misspelling is corrected to. */
  vocabulary: ReadonlyMap<number, readonly string[]>;
  /** Codes that have phrases: only these are second-guessed. */
  codes: ReadonlySet<string>;
  /** Codes whose intent words decide between them (97110, 97112, 97530: intent over equipment). */
  intentCodes: ReadonlySet<string>;
  /** Each such code's intent words ("strengthening", "balance"), also when inside a longer phrase ("core strengthening"). */
  intentWords: ReadonlyMap<string, ReadonlySet<string>>;
  /** Services that contain others (exercise in a pool is aquatic therapy): code → the codes it contains. */
  includes: ReadonlyMap<string, ReadonlySet<string>>;
  /** The first source of a code's rows of a kind (or of any kind). */
  sourceOf(code: string, kind?: CueKind): string;
}

/** Two-letter abbreviations that are ordinary words in lower case (AT: athletic trainer, assistive technology; US: ultrasound). */
const WORD_LIKE_CAPITALS = new Set(['AT', 'US', 'IT', 'IS', 'AS', 'IN', 'ON', 'OR', 'NO', 'TO', 'ME', 'DO', 'GO', 'UP', 'AM', 'AN', 'BE', 'SO', 'OF', 'BY', 'IF']);

/**
 * The ways one phrase is written: as given, with its hyphens dropped ("re-eval" is also
 * "reeval"), two words run together ("hot pack" is also "hotpack"), and with a "re" prefix split off ("reassessment" is also "re-assessment", which
 * the words of the text read as "re assessment").
 */
export function variants(phrase: string): string[] {
  const out = [phrase];
  if (/[a-z]-[a-z]/i.test(phrase)) out.push(phrase.replace(/([a-z])-([a-z])/gi, '$1$2'));
  // Two words written as one ("hotpack", "icepack", "stepups").
  const two = words(phrase);
  if (two.length === 2 && two.every((w) => /^[a-z]{2,}$/.test(w))) out.push(two.join(''));
  // A split that no one writes ("reaching" as "re aching") is never met in a text, so it is harmless.
  const split = phrase.replace(/\bre(?=[a-z]{4,})/gi, (m) => `${m} `);
  if (split !== phrase) out.push(split);
  return out;
}

export function buildLexicon(json: unknown = phrasesJson): Lexicon {
  const file = PhrasesFile.parse(json);
  const byKey = new Map<string, { phrase: string; entry: PhraseEntry }>();
  const known = new Set<string>();
  const entryFor = (phrase: string) => {
    const key = words(phrase).join(' ');
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = { phrase, entry: { cues: [], neutral: false } }));
    return found.entry;
  };
  const vocabulary = new Set<string>();
  const phraseWords = new Set<string>();
  const sources = new Map<string, string>();
  const intentCodes = new Set<string>();
  const intentWords = new Map<string, Set<string>>();
  for (const row of [...file.rows, ...file.qualifiers]) {
    if (!sources.has(row.code)) sources.set(row.code, row.source);
    if (!sources.has(`${row.code}|${row.kind}`)) sources.set(`${row.code}|${row.kind}`, row.source);
    if (row.kind === 'intent') {
      intentCodes.add(row.code);
      const set = intentWords.get(row.code) ?? new Set<string>();
      for (const phrase of row.phrases) for (const w of words(phrase)) set.add(w);
      intentWords.set(row.code, set);
    }
    const cue = (phrase: string, exact?: string[]): Cue => ({ code: row.code, kind: row.kind, phrase, source: row.source, confidence: row.confidence, ...(exact ? { exact } : {}) });
    for (const phrase of row.phrases) {
      // A phrase led by an abbreviation that is an ordinary word in lower case ("AT eval", "US tx")
      // needs that word in capitals: "level at eval" names no assistive technology evaluation.
      const lead = phrase.split(/[^A-Za-z0-9]+/)[0]!;
      const capital = WORD_LIKE_CAPITALS.has(lead);
      for (const v of variants(phrase)) {
        const entry = entryFor(v);
        if (capital) {
          entry.cues.push(cue(phrase, words(v).map((_, k) => (k === 0 ? lead : ''))));
          continue;
        }
        // One cue per code and kind: "re-eval" and "reeval" are the same phrase.
        if (!entry.cues.some((c) => c.code === row.code && c.kind === row.kind && !c.exact)) entry.cues.push(cue(phrase));
      }
      for (const w of words(phrase)) {
        known.add(w);
        phraseWords.add(w);
        if (w.length >= 8 && !/\d/.test(w)) vocabulary.add(w);
      }
    }
    for (const phrase of ('exactCase' in row ? row.exactCase : undefined) ?? []) {
      entryFor(phrase).cues.push(cue(phrase, phrase.split(/[^A-Za-z0-9]+/).filter(Boolean)));
      for (const w of words(phrase)) known.add(w);
    }
  }
  const context = new PhraseIndex<ContextCue>();
  for (const row of file.context) {
    for (const term of row.terms) {
      for (const w of words(term)) known.add(w);
      if (row.kind === 'neutral') entryFor(term).neutral = true;
      else context.add(term, row.kind);
    }
  }
  const phrases = new PhraseIndex<PhraseEntry>();
  for (const { phrase, entry } of byKey.values()) phrases.add(phrase, entry);
  const byLength = new Map<number, string[]>();
  for (const w of vocabulary) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  return {
    phrases,
    context,
    known,
    phraseWords,
    vocabulary: byLength,
    codes: new Set(file.rows.map((r) => r.code)),
    intentCodes,
    intentWords,
    includes: new Map(file.includes.map((r) => [r.code, new Set(r.includes)])),
    sourceOf: (code, kind) => (kind && sources.get(`${code}|${kind}`)) || sources.get(code) || 'phrases.json',
  };
}

let builtIn: Lexicon | undefined;
/** The lexicon of the built-in phrases.json, built once. */
export function lexicon(): Lexicon {
  return (builtIn ??= buildLexicon());
}
