import { z } from 'zod';
import type { SiteProfile as CheckedProfile } from './extract/profile';
import { unsafeSelectorParts, type UnsafePart } from './extract/selector-vocabulary';

// Site mappings as the background and the extension's pages see them: the zod schema that
// validates a taught or imported profile before it is stored (the content script runs the
// hand-written checkProfile instead, to stay free of zod), and the pure operations on the
// stored list. A profile holds CSS selectors and an origin, never patient data.

const Selector = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(1000, 'is longer than 1000 characters')
  .refine((sel) => {
    // Syntax can only be checked where a DOM exists: extension pages check it before sending,
    // the background worker (no DOM) checks the rest, and the content script checks it again.
    if (typeof document === 'undefined') return true;
    try {
      document.createDocumentFragment().querySelector(sel);
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid CSS selector');

const Origin = z
  .string()
  .transform((s) => s.replace(/\/$/, ''))
  .refine((s) => {
    try {
      const origin = new URL(s).origin;
      return origin !== 'null' && origin === s;
    } catch {
      return false;
    }
  }, 'must be just scheme://host[:port], like https://ehr.example.com');

export const SiteProfile = z
  .strictObject({
    version: z.literal(1),
    name: z.string().trim().min(1, 'must be a non-empty string').max(200),
    origin: Origin,
    rowSelector: Selector,
    fields: z
      .strictObject({
        label: Selector.optional(),
        code: Selector.optional(),
        minutes: Selector.optional(),
        units: Selector.optional(),
        modifiers: Selector.optional(),
        assistantMinutes: Selector.optional(),
        startTime: Selector.optional(),
        endTime: Selector.optional(),
      })
      .refine((f) => !!(f.label || f.code || f.minutes), 'needs at least one of label, code or minutes'),
    visit: z
      .strictObject({
        payer: Selector.optional(),
        discipline: Selector.optional(),
        dateOfService: Selector.optional(),
        totalTreatmentMinutes: Selector.optional(),
      })
      .optional(),
  }) satisfies z.ZodType<CheckedProfile, unknown>;
export type SiteProfile = z.infer<typeof SiteProfile>;

export const SiteProfiles = z.array(SiteProfile).max(500);

const UNSAFE_KIND: Record<UnsafePart['kind'], string> = {
  class: 'a class name not in the billing/form vocabulary',
  id: 'an id not in the billing/form vocabulary',
  attribute: 'an attribute name or value not in the billing/form vocabulary',
  pseudo: 'a pseudo-class other than a position',
  syntax: 'syntax teach mode does not produce',
};

/**
 * A mapping taught on a page holds structure only (see extract/selector-vocabulary.ts): a
 * selector naming a class, id or attribute value that is not a billing/form word could carry
 * patient data into storage and exports. Teach mode never emits one; this is the second check.
 * The message names the selector's field and the kind of part, never the part itself (it may be
 * the patient's name). Imported mappings are written by a practice lead and are not held to this.
 */
export const TaughtSiteProfile = SiteProfile.superRefine((profile, ctx) => {
  const selectors: [(string | number)[], string | undefined][] = [
    [['rowSelector'], profile.rowSelector],
    ...Object.entries(profile.fields).map(([k, sel]): [string[], string | undefined] => [['fields', k], sel]),
    ...Object.entries(profile.visit ?? {}).map(([k, sel]): [string[], string | undefined] => [['visit', k], sel]),
  ];
  for (const [path, sel] of selectors) {
    if (sel === undefined) continue;
    const kinds = [...new Set(unsafeSelectorParts(sel).map((p) => UNSAFE_KIND[p.kind]))];
    if (kinds.length) {
      ctx.addIssue({ code: 'custom', path, message: `holds ${kinds.join(' and ')}: a taught mapping may hold only tags, ARIA roles, input types, positions and billing/form words, never text from the page, which may name a patient` });
    }
  }
});

/** What an import file may hold: one profile, a list, or an export `{ profiles: [...] }`. */
export const ProfileFile = z.union([SiteProfile.transform((p) => [p]), SiteProfiles, z.strictObject({ profiles: SiteProfiles }).transform((f) => f.profiles)]);

/** The first problem with a profile file, naming the field: `profiles.0.fields.minutes: is not a valid CSS selector`. */
export function parseProfileFile(json: unknown): { ok: true; profiles: SiteProfile[] } | { ok: false; error: string } {
  const direct = ProfileFile.safeParse(json);
  if (direct.success) return { ok: true, profiles: direct.data };
  // Report against the shape the file was meant to have, not the union's first branch.
  const meant = Array.isArray(json) ? SiteProfiles : json && typeof json === 'object' && 'profiles' in json ? z.strictObject({ profiles: SiteProfiles }) : SiteProfile;
  const result = meant.safeParse(json);
  const issue = (result.success ? direct.error : result.error).issues[0]!;
  const path = issue.path.join('.');
  return { ok: false, error: `${path || 'file'}: ${issue.message}` };
}

/** Adds or replaces (same origin and name) a profile; the newest is tried first. */
export function upsertProfile(list: readonly SiteProfile[], profile: SiteProfile): SiteProfile[] {
  return [profile, ...list.filter((p) => !(p.origin === profile.origin && p.name === profile.name))];
}

export function removeProfile(list: readonly SiteProfile[], origin: string, name: string): SiteProfile[] {
  return list.filter((p) => !(p.origin === origin && p.name === name));
}

export function profilesFor(list: readonly SiteProfile[], origin: string): SiteProfile[] {
  return list.filter((p) => p.origin === origin);
}

/** A name for a taught profile that says where and when, and clashes with no other. */
export function taughtName(list: readonly SiteProfile[], origin: string, date: string): string {
  const host = new URL(origin).host;
  const base = `${host} form (taught ${date})`;
  let name = base;
  for (let n = 2; list.some((p) => p.origin === origin && p.name === name); n++) name = `${base} #${n}`;
  return name;
}

/**
 * A profile a content script taught: it may only map its own frame's origin, and gets a
 * name that says where and when it was taught. Returns the new list, or why not.
 */
export function addTaught(list: readonly SiteProfile[], raw: unknown, senderOrigin: string | undefined, today: string): { ok: true; list: SiteProfile[]; name: string } | { ok: false; error: string } {
  const parsed = TaughtSiteProfile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `invalid mapping: ${issue.path.join('.') || 'profile'}: ${issue.message}` };
  }
  if (!senderOrigin || parsed.data.origin !== senderOrigin) return { ok: false, error: `a page may only map its own origin (${senderOrigin ?? 'unknown'}), not ${parsed.data.origin}` };
  const name = taughtName(list, parsed.data.origin, today);
  return { ok: true, list: upsertProfile(list, { ...parsed.data, name }), name };
}

/**
 * Profiles from an imported file, added to the list (same origin and name replaced). A file is
 * written by a practice lead, not built from a page, so its selectors may name any class or id.
 */
export function addImported(list: readonly SiteProfile[], file: unknown): { ok: true; list: SiteProfile[]; names: string[] } | { ok: false; error: string } {
  const parsed = parseProfileFile(file);
  if (!parsed.ok) return parsed;
  let next = [...list];
  for (const p of [...parsed.profiles].reverse()) next = upsertProfile(next, p);
  return { ok: true, list: next, names: parsed.profiles.map((p) => p.name) };
}

/** Renames a mapping; the new name must be free for that origin. */
export function renameProfile(list: readonly SiteProfile[], origin: string, name: string, newName: string): { ok: true; list: SiteProfile[] } | { ok: false; error: string } {
  const trimmed = newName.trim();
  if (!trimmed || trimmed.length > 200) return { ok: false, error: 'A mapping name must be 1 to 200 characters.' };
  if (!list.some((p) => p.origin === origin && p.name === name)) return { ok: false, error: `No mapping '${name}' for ${origin}.` };
  if (trimmed !== name && list.some((p) => p.origin === origin && p.name === trimmed)) return { ok: false, error: `${origin} already has a mapping named '${trimmed}'.` };
  return { ok: true, list: list.map((p) => (p.origin === origin && p.name === name ? { ...p, name: trimmed } : p)) };
}

/** The export file: every mapping, in the shape parseProfileFile reads back. */
export function exportProfiles(list: readonly SiteProfile[]): string {
  return `${JSON.stringify({ profiles: list }, null, 2)}\n`;
}
