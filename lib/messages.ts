import { z } from 'zod';
import { Evaluation, Visit } from './model';
import { packEntries, unpackEntries, type PackedEntries } from './entry-pack';
import { SiteProfile } from './site-profiles';
import { fitNotes } from './snapshot-limits';

// Every message between the extension's parts, validated where it arrives (the background).
// The content script only imports the types, so zod stays out of its bundle.

const Notes = z.array(z.string().max(100_000)).max(100_000).default([]).transform(fitNotes);
const VisitKey = z.string().regex(/^v\d{1,5}$/, 'expected a visit key such as v1');

/** One visit's content (a page may show several: a week's flowsheet, a day sheet). */
export const VisitPart = z.object({ key: VisitKey, visit: Visit, notes: Notes });
export type VisitPart = z.input<typeof VisitPart>;

/** A visit as the page lists it: where it is and how big, never its content. */
export const VisitListItem = z.object({ key: VisitKey, label: z.string().max(200), history: z.boolean().default(false), entries: z.number().int().nonnegative() });
export type VisitListItem = z.input<typeof VisitListItem>;

/**
 * Content script → background: what changed in the frame's visits. After the form is found
 * (again) it holds the page's `list` of visits and every visit; while the user types, only
 * the visits that changed. `visit` alone (one visit, no list) is the single-visit form.
 */
export const VisitSnapshot = z
  .object({
    type: z.literal('visit'),
    /** How the rows were found: a site profile, the generic detector, or nothing. */
    source: z.enum(['profile', 'generic', 'none']),
    visit: Visit.optional(),
    visits: z.array(VisitPart).max(1000).default([]),
    list: z.array(VisitListItem).max(1000).optional(),
    /** The visit the user is editing: the panel shows it. */
    focus: VisitKey.optional(),
    /** About the page (limits hit…). Trimmed, not refused, when there are too many (the content script trims first). */
    notes: Notes,
    /** Random per document: tells a frame's current page from the one it showed before. */
    token: z.string().max(64).default(''),
    /**
     * The frame's address now (`location.href`). A page that routes with history.pushState keeps
     * its document, and the browser's `sender.url` its first address, while the tab shows the new one.
     */
    href: z.string().max(8192).optional(),
  })
  .transform(({ visit, ...s }) =>
    visit && !s.visits.length ? { ...s, visits: [{ key: 'v1', visit, notes: [] }], list: s.list ?? [{ key: 'v1', label: 'Visit 1', history: false, entries: visit.entries.length }] } : s,
  );
export type VisitSnapshot = z.input<typeof VisitSnapshot>;

/** Background → content script: each visit's evaluation, by visit key (for its markers). */
export type VisitReply = { ok: true; evaluations: Record<string, import('./model').Evaluation>; evaluation?: import('./model').Evaluation } | { ok: false; error: string };

/** Content script → background: this frame's page is going away (navigation, reload, close). */
export const FrameGone = z.object({ type: z.literal('frame-gone'), token: z.string().max(64) });
export type FrameGone = z.input<typeof FrameGone>;

/** Side panel → background: show this frame's form for the tab (null: back to the automatic choice). */
export const PickFrame = z.object({ type: z.literal('pick-frame'), tabId: z.number().int().nonnegative(), frameId: z.number().int().nonnegative().nullable() });
export type PickFrame = z.infer<typeof PickFrame>;

/** The frames of a tab that hold a form, as the side panel lists them (no patient data: counts and origins). */
export const FrameForm = z.object({ frameId: z.number().int().nonnegative(), token: z.string(), origin: z.string().max(300), entries: z.number().int().nonnegative(), source: z.enum(['profile', 'generic', 'none']) });
export type FrameForm = z.infer<typeof FrameForm>;
export const TabFrames = z.object({ frames: z.array(FrameForm).max(100), pick: z.number().int().nonnegative().nullable().default(null) });
export type TabFrames = z.infer<typeof TabFrames>;
export const framesKey = (tabId: number) => `frames:${tabId}`;

export const GetEvaluation = z.object({ type: z.literal('get-evaluation'), tabId: z.number().int().nonnegative() });
export type GetEvaluation = z.infer<typeof GetEvaluation>;


const DataTable = z.object({ name: z.string(), version: z.string(), effective: z.object({ from: z.string(), to: z.string().nullable() }), starter: z.boolean() });

/** A visit of the tab's page as the panel lists it, with its status. */
export const VisitSummary = z.object({
  key: z.string(),
  label: z.string(),
  history: z.boolean().default(false),
  entries: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative().default(0),
  warnings: z.number().int().nonnegative().default(0),
  /** Not checked yet (history is never checked). */
  checked: z.boolean().default(true),
});
export type VisitSummary = z.infer<typeof VisitSummary>;

const StoredEvaluationFields = z.object({
  tabId: z.number().int(),
  /** The frame whose form this is (0: the top frame). */
  frameId: z.number().int().nonnegative().default(0),
  /** Line items read in that frame (all its visits). */
  entries: z.number().int().nonnegative().default(0),
  /** Which of the page's visits this is (`v1` on a page with one). */
  visitKey: z.string().default('v1'),
  visitLabel: z.string().optional(),
  /** The frame's document (VisitSnapshot.token): a new page in the frame has another. */
  token: z.string().default(''),
  source: z.enum(['profile', 'generic', 'none']),
  /** What the form says (kept in storage.session only, to re-check when settings change). */
  visit: Visit,
  /** What the reader could not read, and limits it hit. */
  notes: z.array(z.string()).default([]),
  evaluation: Evaluation,
  /** The rule data tables in force, with their dates. */
  tables: z.array(DataTable).default([]),
  /** Settings or rule data that could not be read (the defaults were used). */
  warnings: z.array(z.string()).default([]),
  updatedAt: z.number(),
  /** The tab's address (without #) when this was stored: an address change forgets any other. */
  pageUrl: z.string().max(4000).optional(),
  /** The frame's snapshot could not be checked at all: why (shown instead of a stale answer). */
  problem: z.string().optional(),
});

/** The fields a finding's entries name, from the visit's lines (undefined when one has none). */
function fieldKeysOf(entries: readonly number[], visit: Visit): string[] | undefined {
  const keys = entries.map((i) => visit.entries[i]?.fieldKey);
  return keys.every((k): k is string => typeof k === 'string') ? keys : undefined;
}

/** As written, a visit's lines are packed (packStored): read, they are lines again. */
export function unpackStored(raw: unknown): unknown {
  const visit = (raw as { visit?: { lines?: unknown; entries?: unknown } } | null)?.visit;
  if (!visit || visit.lines === undefined || visit.entries !== undefined) return raw;
  const { lines, ...rest } = visit;
  // A packed form that cannot be read is left for the schema to refuse (no entries).
  const entries = unpackEntries(lines);
  return { ...(raw as object), visit: entries ? { ...rest, entries } : rest };
}

/**
 * As stored, a visit's lines are packed and a finding's fields named by its entries are left
 * out (forStorage); read, they are back.
 */
export const StoredEvaluation = z.preprocess(unpackStored, StoredEvaluationFields).transform((stored) => {
  if (stored.evaluation.findings.every((f) => f.fieldKeys || !f.entries)) return stored;
  const findings = stored.evaluation.findings.map((f) => (f.fieldKeys || !f.entries ? f : { ...f, fieldKeys: fieldKeysOf(f.entries, stored.visit) }));
  return { ...stored, evaluation: { ...stored.evaluation, findings } };
});
export type StoredEvaluation = z.infer<typeof StoredEvaluation>;

/**
 * The record as written to storage.session: a finding's field keys that its entries give (most
 * of them, one per line it names) are left out, a third of a visit's bytes on each keystroke;
 * StoredEvaluation puts them back when it is read.
 */
export function compactStored(stored: StoredEvaluation): StoredEvaluation {
  const findings = stored.evaluation.findings.map((f) => {
    if (!f.entries || !f.fieldKeys) return f;
    const derived = fieldKeysOf(f.entries, stored.visit);
    if (!derived || derived.length !== f.fieldKeys.length || derived.some((k, i) => k !== f.fieldKeys![i])) return f;
    const { fieldKeys: _derived, ...rest } = f;
    return rest;
  });
  return { ...stored, evaluation: { ...stored.evaluation, findings } };
}

/**
 * The name of the port an open side panel holds to the background: evaluations are pushed to
 * the extension's pages only while one is open (a push nobody hears still costs the browser a
 * copy of the visit on every keystroke).
 */
export const PANEL_PORT = 'unitwise-panel';

export const EvaluationPush = z.object({ type: z.literal('evaluation'), stored: StoredEvaluation });
export type EvaluationPush = z.infer<typeof EvaluationPush>;

/** The visit the tab shows (the one being edited, or picked in the panel). */
export const sessionKey = (tabId: number) => `evaluation:${tabId}`;
/** The page's other visits, one key each: a keystroke rewrites one visit, never the page. */
export const visitSessionKey = (tabId: number, visitKey: string) => `evaluation:${tabId}:${visitKey}`;

/**
 * The tab page's visits with their status, under its own key: written when a visit's status
 * changes, not on every keystroke (a day sheet's list is as big as a visit).
 */
export const TabVisits = z.object({ visits: z.array(VisitSummary).max(1000) });
export type TabVisits = z.infer<typeof TabVisits>;
export const visitsKey = (tabId: number) => `evaluation:${tabId}:visits`;
/** Whether a storage key holds one of the tab's other visits (`evaluation:<tab>:v3`). */
export const isVisitSessionKey = (tabId: number, key: string) => key.startsWith(`evaluation:${tabId}:v`) && /:v\d+$/.test(key);
/** Any tab's shown visit or other visit (a StoredEvaluation), not its list. */
export const isEvaluationKey = (key: string) => /^evaluation:\d+(:v\d+)?$/.test(key);

/**
 * Items for storage.session as the worker writes them: its evaluations compacted
 * (compactStored, packStored), and without the rule tables in force, the same for every visit and written
 * once per keystroke otherwise (a worker that restarts puts back its own, see background.ts).
 */
export function forStorage(items: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(items).map(([key, value]) => [key, isEvaluationKey(key) && value ? { ...packStored(compactStored(value as StoredEvaluation)), tables: [] } : value]));
}

/** A record with its visit's lines packed (lib/entry-pack.ts), as forStorage writes it. */
export type PackedStored = Omit<StoredEvaluation, 'visit'> & { visit: Omit<Visit, 'entries'> & { lines: PackedEntries } };

export function packStored(stored: StoredEvaluation): PackedStored {
  const { entries, ...visit } = stored.visit;
  return { ...stored, visit: { ...visit, lines: packEntries(entries) } };
}

/** Side panel → background: show this visit of the tab's page. */
/** Side panel → background: the tab's acknowledgements were saved; the list of its visits is counted again (openProblems). */
export const AcksChanged = z.object({ type: z.literal('acks-changed'), tabId: z.number().int().nonnegative() });
export type AcksChanged = z.infer<typeof AcksChanged>;

export const PickVisit = z.object({ type: z.literal('pick-visit'), tabId: z.number().int().nonnegative(), visitKey: VisitKey });
export type PickVisit = z.infer<typeof PickVisit>;

type Holder = Pick<StoredEvaluation, 'frameId' | 'entries' | 'source'>;
const hasForm = (s: Holder) => s.source !== 'none' && s.entries > 0;

/**
 * A tab shows one visit. When several frames send one (a note in the page, the billing grid in
 * a frame), the user's pick wins; else the top frame's form, when it has one; else the frame
 * with the most line items. The frame holding the visit always updates it, and a frame with a
 * form replaces one without. A page with several visits is the next step (issue 12).
 */
export function supersedes(next: Holder, current: Holder | undefined, pick: number | null = null): boolean {
  if (!current || current.frameId === next.frameId) return true;
  if (pick !== null) return next.frameId === pick;
  if (!hasForm(next)) return false;
  if (!hasForm(current)) return true;
  if (next.frameId === 0) return true;
  if (current.frameId === 0) return false;
  // A tie keeps the frame that has it: two equal frames must not swap the visit on every keystroke.
  return next.entries > current.entries;
}

// Site mappings. The background is the only writer of the stored list.

/** Content script → background: a profile taught on this frame's page. */
export const SaveTaughtProfile = z.object({ type: z.literal('save-taught-profile'), profile: SiteProfile });
export type SaveTaughtProfile = z.input<typeof SaveTaughtProfile>;

/** Extension page → background: the contents of a mapping file the user picked. */
export const ImportProfiles = z.object({ type: z.literal('import-profiles'), file: z.unknown() });
export type ImportProfiles = z.infer<typeof ImportProfiles>;

/** Extension page → background. */
export const DeleteProfile = z.object({ type: z.literal('delete-profile'), origin: z.string(), name: z.string() });
export type DeleteProfile = z.infer<typeof DeleteProfile>;

/** Extension page → background. */
export const RenameProfile = z.object({ type: z.literal('rename-profile'), origin: z.string(), name: z.string(), newName: z.string() });
export type RenameProfile = z.infer<typeof RenameProfile>;

/** Extension page or background → content scripts of a tab. Plain shapes: checked by hand there. */
export type ToContent = { type: 'next-marker' } | { type: 'teach-start' } | { type: 'teach-end'; saved?: string } | EvaluationToContent | RevealField | { type: 'reveal-visit'; visitKey: string } | { type: 'whoami' } | { type: 'resend' } | CorrectColumn;

/** Side panel → the frame holding the visit: the column of `fieldKey`'s row read as `from` is `to` (saved as a site mapping). */
export type CorrectColumn = { type: 'correct-column'; fieldKey: string; from: string; to: string };
/**
 * Whether the page showed the field asked for: false when it is not on the page now; the name of
 * the collapsed section it is in (a closed <details>: Unitwise does not open the page's sections).
 */
export type Revealed = boolean | { collapsed: string };

export type CorrectReply = { ok: true; rows: number; saved: string[] } | { ok: false; error: string };

export type ProfileReply = { ok: true; saved: string[] } | { ok: false; error: string };

/** A finding acknowledged for this visit, with the reason (storage.session only). */
export const Acknowledgement = z.object({
  key: z.string().max(2000),
  rule: z.string(),
  reason: z.string().trim().min(1).max(500),
  at: z.number(),
  /** The page's visit it is for: its header as the page shows it (stays with the visit when another is added above it). */
  visit: z.string().max(200).optional(),
  /** What the finding said when it was acknowledged (lib/report.ts holdingAcks). */
  message: z.string().max(4000).optional(),
  /** The visit's date of service and payer when it was acknowledged (lib/report.ts ackVisitFacts). */
  facts: z.string().max(300).optional(),
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;
export const Acknowledgements = z.array(Acknowledgement).max(500);

/** Background → a content script frame: a new evaluation of its form (settings changed). */
export type EvaluationToContent = { type: 'evaluation'; evaluation: import('./model').Evaluation; visitKey?: string };
/** Side panel → a content script frame: scroll to a field and flash its marker. */
/** Content script → background: the user asked to see the side panel (a marker's card). */
export type OpenPanel = { type: 'open-panel' };

/** Show the field to fix: the finding's first line (`fieldKey`, '' for none), which of its fields (`fix`, Finding.fix), and its visit (for a visit's facts). */
export type RevealField = { type: 'reveal'; fieldKey: string; fix?: import('./model').FixField; visitKey?: string };
