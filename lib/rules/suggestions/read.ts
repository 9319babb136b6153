import { weigh, type Evidence } from './evidence';
import { lexicon, type Lexicon } from './lexicon';
import { findSpans, markSpans } from './scope';
import { corrected } from './spelling';
import { tokenize, type Token } from './tokens';

// One intervention's text read for code suggestions: its words (misspellings corrected), the
// phrases found and what the context says of each, and the evidence for each code.

export interface Reading {
  tokens: Token[];
  evidence: Map<string, Evidence>;
  /** The line says something was assessed or tested ("gait and balance assessed"). */
  assessing: boolean;
}

/** `concurrent`: codes that may share minutes with another service (the supervised modalities, from the catalog). */
export function readLine(text: string, lex: Lexicon = lexicon(), concurrent?: (code: string) => boolean): Reading {
  const tokens = corrected(lex, tokenize(text));
  const { spans, cues } = findSpans(lex, tokens);
  return { tokens, evidence: weigh(lex, tokens, markSpans(tokens, spans, cues, concurrent)), assessing: cues.some((c) => c.kind === 'assessment') };
}
