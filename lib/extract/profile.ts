// Site mappings (issue 3): a JSON profile per origin naming CSS selectors for a visit form's
// rows and for each field inside a row. A practice imports or teaches one; the content
// script uses it before the generic detector.
//
// Runs in the content script: no zod here. This hand-written check keeps the content script
// light; the background validates profiles again with zod before storing them.

/** Selectors relative to a row element. */
export interface ProfileFields {
  label?: string;
  code?: string;
  minutes?: string;
  units?: string;
  /** May match several elements in a row ("Mod 1", "Mod 2"). */
  modifiers?: string;
  assistantMinutes?: string;
  startTime?: string;
  endTime?: string;
}

/** Selectors relative to the document (or the root passed to readVisit). */
export interface ProfileVisit {
  payer?: string;
  discipline?: string;
  dateOfService?: string;
  totalTreatmentMinutes?: string;
}

export interface SiteProfile {
  version: 1;
  name: string;
  /** `https://ehr.example.com`: the page origin this profile is for. */
  origin: string;
  rowSelector: string;
  fields: ProfileFields;
  visit?: ProfileVisit;
}

export type ProfileCheck = { ok: true; profile: SiteProfile } | { ok: false; error: string };

export const PROFILE_FIELD_KEYS = [
  'label',
  'code',
  'minutes',
  'units',
  'modifiers',
  'assistantMinutes',
  'startTime',
  'endTime',
] as const satisfies readonly (keyof ProfileFields)[];

export const PROFILE_VISIT_KEYS = [
  'payer',
  'discipline',
  'dateOfService',
  'totalTreatmentMinutes',
] as const satisfies readonly (keyof ProfileVisit)[];

const MAX_SELECTOR = 1000;
const MAX_NAME = 200;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Null when the selector is usable, else why not. Syntax is only checked where a DOM exists. */
function selectorProblem(sel: unknown): string | null {
  if (typeof sel !== 'string') return 'must be a CSS selector string';
  if (sel.trim() === '') return 'must not be empty';
  if (sel.length > MAX_SELECTOR) return `is longer than ${MAX_SELECTOR} characters`;
  if (typeof document !== 'undefined' && typeof document.createDocumentFragment === 'function') {
    try {
      document.createDocumentFragment().querySelector(sel);
    } catch {
      return `is not a valid CSS selector: '${sel.slice(0, 80)}'`;
    }
  }
  return null;
}

function checkSelectorGroup<K extends string>(
  value: unknown,
  path: string,
  keys: readonly K[],
): { ok: true; group: Partial<Record<K, string>> } | { ok: false; error: string } {
  if (!isRecord(value)) return { ok: false, error: `${path}: must be an object of CSS selectors` };
  const group: Partial<Record<K, string>> = {};
  for (const [key, sel] of Object.entries(value)) {
    if (!(keys as readonly string[]).includes(key)) {
      return { ok: false, error: `${path}.${key}: unknown field (expected one of ${keys.join(', ')})` };
    }
    if (sel === undefined) continue;
    const problem = selectorProblem(sel);
    if (problem) return { ok: false, error: `${path}.${key}: ${problem}` };
    group[key as K] = sel as string;
  }
  return { ok: true, group };
}

/**
 * Checks an imported or stored profile. The error names the first bad field
 * (`fields.minutes: is not a valid CSS selector: '…'`).
 */
export function checkProfile(json: unknown): ProfileCheck {
  if (!isRecord(json)) return { ok: false, error: 'profile: must be a JSON object' };
  const allowed = ['version', 'name', 'origin', 'rowSelector', 'fields', 'visit'];
  for (const key of Object.keys(json)) {
    if (!allowed.includes(key)) return { ok: false, error: `${key}: unknown field` };
  }
  if (json.version !== 1) return { ok: false, error: `version: must be 1 (got ${JSON.stringify(json.version) ?? 'nothing'})` };
  if (typeof json.name !== 'string' || json.name.trim() === '') return { ok: false, error: 'name: must be a non-empty string' };
  if (json.name.length > MAX_NAME) return { ok: false, error: `name: is longer than ${MAX_NAME} characters` };
  if (typeof json.origin !== 'string') return { ok: false, error: 'origin: must be a string like https://ehr.example.com' };
  let origin: string;
  try {
    origin = new URL(json.origin).origin;
  } catch {
    return { ok: false, error: `origin: '${json.origin.slice(0, 80)}' is not a URL origin` };
  }
  if (origin === 'null' || origin !== json.origin.replace(/\/$/, '')) {
    return { ok: false, error: `origin: '${json.origin.slice(0, 80)}' must be just scheme://host[:port]` };
  }
  const rowProblem = selectorProblem(json.rowSelector);
  if (rowProblem) return { ok: false, error: `rowSelector: ${rowProblem}` };

  const fields = checkSelectorGroup(json.fields, 'fields', PROFILE_FIELD_KEYS);
  if (!fields.ok) return fields;
  if (!fields.group.minutes && !fields.group.code && !fields.group.label) {
    return { ok: false, error: 'fields: needs at least one of label, code or minutes' };
  }

  let visit: ProfileVisit | undefined;
  if (json.visit !== undefined) {
    const v = checkSelectorGroup(json.visit, 'visit', PROFILE_VISIT_KEYS);
    if (!v.ok) return v;
    visit = v.group;
  }

  const profile: SiteProfile = {
    version: 1,
    name: json.name,
    origin,
    rowSelector: json.rowSelector as string,
    fields: fields.group,
    ...(visit ? { visit } : {}),
  };
  return { ok: true, profile };
}
