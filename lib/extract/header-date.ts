// The date of service a visit's own heading gives it ("Visit — 03/16/2026", "Smith, Ann · Mar 16,
// 2026"). Pure. A heading that shows two dates, or a date another label claims ("DOB 01/02/1950",
// "POC 01/05/2025", "printed 03/18/2026"), gives none.
import { normaliseDate } from './dates';
import { roleOfLabel } from './detect';

/** Date-shaped parts of a text, as normaliseDate reads them (ISO, US numeric, month names). */
const DATE_PART = /(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)|(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)|\b[a-z]{3}[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3}[a-z]*\.?,?\s+\d{4}\b/gi;

export function headerDate(heading: string): string | undefined {
  const found: { date: string; at: number }[] = [];
  for (const m of heading.matchAll(DATE_PART)) {
    const date = normaliseDate(m[0]);
    if (date) found.push({ date, at: m.index });
  }
  if (!found.length || found.some((f) => f.date !== found[0]!.date)) return undefined;
  // The words just before the date say whose date it is: "Visit —", a name, or nothing is the
  // visit's; "DOB", "POC", "Eval", "Printed" are another date's (the reader's own label rules).
  const before = heading.slice(0, found[0]!.at).split(/[·|•,;(]/).pop()!.trim().split(/\s+/).slice(-3).join(' ');
  const role = roleOfLabel(`${before} date`);
  return role === 'dateOfService' ? found[0]!.date : undefined;
}
