import { z } from 'zod';
import { FIX_FIELDS } from './fix-fields';
import { PayerPolicyRow } from './rules/data/schema';

// Shapes shared by the content script, the background worker, the side panel and the
// batch check. Everything that crosses a boundary is parsed with these schemas.

export const METHODS = ['cms', 'per-code'] as const;
export const Method = z.enum(METHODS);
export type Method = z.infer<typeof Method>;

export const Discipline = z.enum(['PT', 'OT', 'SLP']);
export type Discipline = z.infer<typeof Discipline>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)');
const minutesValue = z.number().finite().nonnegative().max(24 * 60, 'more minutes than a day has');

export const Entry = z.object({
  code: z.string().trim().max(16).optional(),
  label: z.string().max(2000).optional(),
  /** Minutes as read; null when the field had text that is not a duration (see rawMinutes). */
  minutes: minutesValue.nullable().optional(),
  rawMinutes: z.string().max(200).optional(),
  units: z.number().int().nonnegative().max(999).optional(),
  /** Units as written when they are not a whole number (units is then absent): the visit's units cannot be checked. */
  rawUnits: z.string().max(200).optional(),
  modifiers: z.array(z.string().trim().toUpperCase().max(4)).max(8).optional(),
  /** Minutes an assistant (PTA/OTA) furnished on their own, part of `minutes`. */
  assistantMinutes: minutesValue.optional(),
  startTime: clockTime.optional(),
  endTime: clockTime.optional(),
  /** Given together with another clinician's line of the same code for the same patient time (co-treatment). */
  coTreatment: z.boolean().optional(),
  /** Opaque key of the form field this entry came from, so markers can find it. */
  fieldKey: z.string().max(200).optional(),
});
export type Entry = z.infer<typeof Entry>;

/** Dollars of therapy spend, PT and SLP combined and OT apart (the two KX thresholds). */
/** More than any patient's therapy spends in a year: a figure above it is not a spend (a wrong column, an account number). */
export const MAX_THERAPY_SPEND = 10_000_000;
export const TherapySpend = z.object({ ptSlp: z.number().finite().nonnegative().max(MAX_THERAPY_SPEND).optional(), ot: z.number().finite().nonnegative().max(MAX_THERAPY_SPEND).optional() });
export type TherapySpend = z.infer<typeof TherapySpend>;

/**
 * An earlier visit of the same patient on the same date (a batch export that gives a morning and
 * an afternoon session their own ids): CMS counts a day's timed minutes together (CPM §20.2), so
 * the later visit is also checked with these lines added. Never shown; set by the batch reader
 * (lib/batch/same-day.ts) and the live reader (lib/live/same-day.ts, a page's sessions).
 */
export const SameDayVisit = z.object({
  id: z.string().max(200).optional(),
  /** 1-based line of the export the visit starts on. */
  line: z.number().int().positive().optional(),
  entries: z.array(Entry).max(200),
});
export type SameDayVisit = z.infer<typeof SameDayVisit>;

export const Visit = z.object({
  id: z.string().max(200).optional(),
  payer: z.string().max(200).optional(),
  method: Method.optional(),
  discipline: Discipline.optional(),
  dateOfService: isoDate.optional(),
  totalTreatmentMinutes: minutesValue.optional(),
  /**
   * This clinic's known therapy spend for the patient in the calendar year of the date of
   * service, including this visit, in dollars: overrides the setting of the same name for
   * this visit (the KX check).
   */
  ytdTherapySpend: TherapySpend.optional(),
  /**
   * Where ytdTherapySpend came from, when not from the visit itself (a batch that summed the
   * export's charges per patient says so): the KX finding quotes it.
   */
  ytdTherapySpendFrom: z.string().max(300).optional(),
  /** Who gave the visit's lines, as an export names them: shown and filtered on in a batch, never used by the rules. */
  clinicians: z.array(z.string().trim().max(100)).max(10).optional(),
  /** Why the visit was read only in part (a grid's rows not drawn yet, the line limit): its findings cover the lines read. */
  incomplete: z.string().max(400).optional(),
  /**
   * Which patient the page names for the visit, as a short hash of the name or record number
   * it shows (never the name): an acknowledgement given for one patient does not carry to the
   * next one a page shows at the same address. Never used by the rules.
   */
  patientTag: z.string().regex(/^[0-9a-f]{8}$/).optional(),
  /** The same patient's earlier visits on this date, for the day's totals (see SameDayVisit). */
  sameDay: z.array(SameDayVisit).max(8).optional(),
  entries: z.array(Entry).max(200),
});
export type Visit = z.infer<typeof Visit>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/**
 * The field a finding asks the user to change: a line's field, or one of the visit's facts.
 * Markers and "Show on page" go there (the line's units for a unit error, its modifiers for a
 * missing GP…), not to the field the line was found by.
 */
export const FixField = z.enum(FIX_FIELDS);
export type FixField = z.infer<typeof FixField>;

export const Finding = z.object({
  rule: z.string(),
  severity: Severity,
  codes: z.array(z.string()),
  /** The problem and its fix in one short line (about 60 characters), for a glance. */
  headline: z.string().max(120).optional(),
  /** The field to change (see FixField). */
  fix: FixField.optional(),
  /** What is wrong and why. */
  message: z.string(),
  /** What to do about it. */
  action: z.string().optional(),
  /** Manual section, NCCI chapter or data-file row the finding rests on. */
  source: z.string(),
  /**
   * The rule-data table the finding rests on, when it is Unitwise's built-in STARTER set (a few
   * rows from public sources, not the CMS file: rules-reference §4.3, §5), so the panel can mark
   * it "starter data — verify"; absent when the practice's imported CMS data answered.
   */
  starterData: z.enum(['ptp', 'mue']).optional(),
  /** Indexes into visit.entries that the finding is about. */
  entries: z.array(z.number().int().nonnegative()).optional(),
  fieldKeys: z.array(z.string()).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const ClaimLine = z.object({
  code: z.string(),
  units: z.number().int().nonnegative(),
  modifiers: z.array(z.string()),
  /** Why this line has these units, in a sentence a biller can check. */
  reason: z.string().optional(),
});
export type ClaimLine = z.infer<typeof ClaimLine>;

export const Evaluation = z.object({
  id: z.string().optional(),
  method: Method,
  /** Why this method: "Medicare payer "Medicare Part B" → CMS 8-minute rule". */
  methodReason: z.string().optional(),
  totalTimedMinutes: z.number(),
  totalTimedUnits: z.number().int(),
  /** The timed minutes and units of each plan of care, when the visit's lines are under two or more: each is counted on its own (lib/rules/units.ts). */
  plans: z.array(z.object({ discipline: Discipline, minutes: z.number(), units: z.number().int() })).max(3).optional(),
  lines: z.array(ClaimLine),
  /**
   * The timed lines whose minutes are missing or unreadable (their entry index and code): until
   * they are entered the claim is provisional, its units for those lines as entered (or none) and,
   * by the CMS method, the other timed lines' too (their units come from the total). Set whatever
   * the practice's rule settings show (minutes.missing turned off still leaves the claim unsure).
   */
  minutesPending: z.array(z.object({ entry: z.number().int().nonnegative(), code: z.string(), unreadable: z.boolean().optional() })).max(200).optional(),
  findings: z.array(Finding),
  /** Which rule data produced this answer (version and dates), for exports and audits. */
  data: z.object({ version: z.string(), builtIn: z.boolean() }).optional(),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const RuleOverride = z.object({
  enabled: z.boolean().default(true),
  severity: Severity.optional(),
});

export const PayerMethodRule = z.object({
  /** Case-insensitive text the payer name must contain. */
  contains: z.string().min(1),
  method: Method,
});

export const Settings = z.object({
  /** Replaces the payer-based choice for every visit (the batch check's --method); a visit's own method still wins. */
  methodOverride: Method.optional(),
  /** Method for payers no rule below matches. */
  defaultMethod: Method.default('per-code'),
  /** Checked in order before the built-in "medicare → cms" rule. */
  payerMethods: z.array(PayerMethodRule).default([]),
  /** Method (and Medicare rules) used when a visit names no payer. */
  noPayerMethod: Method.default('cms'),
  rules: z.record(z.string(), RuleOverride).default({}),
  /** This clinic's year-to-date therapy spend for the patient, in dollars (KX check). */
  ytdTherapySpend: TherapySpend.default({}),
  /** The practice's own payer pair policies, added to payer-policies.json. */
  payerPolicies: z.array(PayerPolicyRow).default([]),
});
export type Settings = z.infer<typeof Settings>;
export type SettingsInput = z.input<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});
