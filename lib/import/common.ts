// Small helpers shared by the CMS importers. Pure and browser-safe: no Node APIs.

/** A line the importer could not use. `line` is 1-based; 0 means "the whole file". */
export interface ImportProblem {
  line: number;
  reason: string;
}

/** Detailed problems kept per file; beyond this one summary line counts the rest. */
export const MAX_PROBLEMS_PER_FILE = 200;

/** Collects problems, listing at most MAX_PROBLEMS_PER_FILE and counting the rest. */
export class ProblemList {
  readonly list: ImportProblem[] = [];
  private overflow = 0;

  add(line: number, reason: string): void {
    if (this.list.length < MAX_PROBLEMS_PER_FILE) this.list.push({ line, reason });
    else this.overflow++;
  }

  get count(): number {
    return this.list.length + this.overflow;
  }

  /** The listed problems, plus one line saying how many more were found but not listed. */
  finish(): ImportProblem[] {
    if (this.overflow === 0) return [...this.list];
    return [...this.list, { line: 0, reason: `${this.overflow} more malformed lines like the ones above (not listed)` }];
  }
}

/**
 * Problems for a file without a single valid data row: the clear message first. A wrong file
 * would list every line, so beyond a handful only the first three are kept as examples.
 */
export function noRowsProblems(message: string, listed: ImportProblem[], total: number): ImportProblem[] {
  if (total <= 10) return [{ line: 0, reason: message }, ...listed];
  return [
    { line: 0, reason: message },
    ...listed.slice(0, 3),
    { line: 0, reason: `${total - 3} more lines not recognised (not listed)` },
  ];
}

/** A 5-character CPT/HCPCS code: digits and capital letters (same rule as schema.ts `code`). */
export function isCode(s: string): boolean {
  if (s.length !== 5) return false;
  for (let i = 0; i < 5; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/** True when s is one or more ASCII digits. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real calendar date as YYYY-MM-DD, or null. */
export function isoFromParts(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** CMS "YYYYMMDD" → "YYYY-MM-DD", or null when it is not a real calendar date. */
export function isoFromYmd(s: string): string | null {
  if (s.length !== 8 || !isDigits(s)) return null;
  return isoFromParts(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
}

/** The last path segment, for file names given with a folder. */
export function baseName(name: string): string {
  const i = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return i === -1 ? name : name.slice(i + 1);
}

/** Shortens a line for quoting in a problem message. */
export function quote(s: string, max = 40): string {
  const shown = s.length > max ? `${s.slice(0, max)}…` : s;
  return JSON.stringify(shown);
}
