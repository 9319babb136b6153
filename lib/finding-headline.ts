import type { Finding } from './model';
import { RULES } from './rules/registry';

// A finding's one line for a person (a card, a results table, an export): the rule's own
// headline, else its codes and the rule's title, else the start of its message.

const HEADLINE_MAX = 64;
export const title = (f: Pick<Finding, 'rule'>): string | undefined => (RULES as Record<string, { title: string } | undefined>)[f.rule]?.title;
export const codesText = (codes: readonly string[]) => (codes.length > 3 ? `${codes.slice(0, 3).join(', ')}…` : codes.join(', '));

/** A finding's one line: the rule's own headline, else its codes and the rule's title, else the message's start. */
export function headlineOf(f: Pick<Finding, 'rule' | 'codes' | 'headline' | 'message'>): string {
  if (f.headline) return f.headline;
  const named = codesText(f.codes ?? []);
  const what = title(f);
  if (what) return named ? `${named}: ${what}` : what;
  return f.message.length > HEADLINE_MAX ? `${f.message.slice(0, HEADLINE_MAX - 1).trimEnd()}…` : f.message;
}

