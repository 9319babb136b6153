import type { Discipline } from '../../model';
import type { RuleData } from '../data';

// What code suggestions need from the catalog: which codes are the same service (97014 is
// G0283 outside Medicare; 97130 is 97129's add-on), which are evaluations, whose discipline.

export interface CodeFacts {
  /** The code the phrase tables use for the same service (97014 → G0283, 97130 → 97129). */
  canonical(code: string): string;
  /** The code to show for a service on this claim (G0283 → 97014 when the payer is not Medicare). */
  forPayer(code: string, medicare: boolean): string;
  /** The add-on code for a service's additional time (97129 → 97130), if it has one. */
  addOn(code: string): string | undefined;
  isEvaluation(code: string): boolean;
  /** An evaluation's kind ('evaluation' or 're-evaluation', catalog.json), else undefined. */
  evaluationKind(code: string): string | undefined;
  /** May share minutes with another service (NCCI Ch. XI §P.2: the supervised modalities 97010-97028, G0283). */
  concurrent(code: string): boolean;
  discipline(code: string): Discipline | undefined;
}

const cache = new WeakMap<RuleData, CodeFacts>();

export function codeFacts(data: RuleData): CodeFacts {
  const known = cache.get(data);
  if (known) return known;
  const canonical = new Map<string, string>();
  const nonMedicare = new Map<string, string>();
  const addOns = new Map<string, string>();
  for (const row of data.catalog.values()) {
    if (row.medicare?.status === 'not-recognized' && row.medicare.useInstead) {
      canonical.set(row.code, row.medicare.useInstead);
      nonMedicare.set(row.medicare.useInstead, row.code);
    }
    if (row.addOnTo) {
      canonical.set(row.code, row.addOnTo);
      addOns.set(row.addOnTo, row.code);
    }
  }
  const facts: CodeFacts = {
    canonical: (code) => canonical.get(code) ?? code,
    forPayer: (code, medicare) => (medicare ? code : (nonMedicare.get(code) ?? code)),
    addOn: (code) => addOns.get(code),
    isEvaluation: (code) => !!data.catalog.get(code)?.evaluation,
    evaluationKind: (code) => data.catalog.get(code)?.evaluation || undefined,
    concurrent: (code) => !!data.catalog.get(code)?.supervisedModality,
    discipline: (code) => data.catalog.get(code)?.discipline,
  };
  cache.set(data, facts);
  return facts;
}
