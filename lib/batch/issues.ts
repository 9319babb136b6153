// Zod issues in a biller's words: `entries[1].units: expected an integer (got 1.5)`.

import type { z } from 'zod';

function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const key of path) {
    if (typeof key === 'number') s += `[${key}]`;
    else s += s === '' ? String(key) : `.${String(key)}`;
  }
  return s;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value !== null && typeof value === 'object') return kindOf(value);
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

const EXPECTED_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'text',
  array: 'a list',
  object: 'an object',
  boolean: 'true or false',
};

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = formatPath(issue.path) || 'visit';
  const got = valueAt(input, issue.path);
  let message = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type') {
    const expected = (issue as { expected?: string }).expected ?? '';
    message = `expected ${EXPECTED_NAMES[expected] ?? expected}`;
  }
  return `${where}: ${message} (got ${preview(got)})`;
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const shown = issues.slice(0, 3).map((i) => describeIssue(i, input));
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  return shown.join('; ') + more;
}
