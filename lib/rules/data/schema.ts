import { z } from 'zod';

// Rule data is versioned JSON validated here at load. Every row says where it comes
// from and how sure we are, so a finding can cite it and a biller can judge it.

export const Confidence = z.enum(['primary', 'secondary', 'unconfirmed']);
export type Confidence = z.infer<typeof Confidence>;

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const code = z.string().regex(/^[0-9A-Z]{4}[0-9A-Z]$/, 'expected a 5-character CPT/HCPCS code');

const provenance = {
  source: z.string().trim().min(3, 'every row needs a source'),
  confidence: Confidence,
};

export const DateRange = z.object({ from: isoDate, to: isoDate.nullable() });
export type DateRange = z.infer<typeof DateRange>;

const fileMeta = {
  version: z.string().min(1),
  effective: DateRange,
  description: z.string().min(1),
};

export const CodeKind = z.enum(['timed', 'untimed', 'rtm']);
export type CodeKind = z.infer<typeof CodeKind>;

export const CatalogRow = z.object({
  code,
  /** Our own short name; CPT descriptors are AMA copyright. */
  name: z.string().min(2).max(60),
  kind: CodeKind,
  /** Minutes per unit for timed codes (15 for the 8-minute-rule codes). */
  unitMinutes: z.number().int().positive().optional(),
  /** 97010–97028: may share a 15-minute period with other services (NCCI Ch. XI P.2). */
  supervisedModality: z.boolean().optional(),
  /** Discipline a code belongs to by definition (evaluations, SLP codes). */
  discipline: z.enum(['PT', 'OT', 'SLP']).optional(),
  evaluation: z.enum(['evaluation', 're-evaluation']).optional(),
  /** "always" therapy codes need GP/GO/GN under Medicare; RTM is "sometimes". */
  therapy: z.enum(['always', 'sometimes']).optional(),
  maxUnitsPerDay: z.number().int().positive().optional(),
  /** The base code this add-on extends (97130 → 97129). */
  addOnTo: code.optional(),
  /** Medicare treatment that differs from CPT. */
  medicare: z
    .object({ status: z.enum(['bundled', 'not-recognized']), useInstead: code.optional(), note: z.string() })
    .optional(),
  deleted: z.object({ on: isoDate, replacedBy: z.array(code), note: z.string() }).optional(),
  validFrom: isoDate.optional(),
  ...provenance,
});
export type CatalogRow = z.infer<typeof CatalogRow>;

export const CatalogFile = z.object({ dataset: z.literal('catalog'), ...fileMeta, rows: z.array(CatalogRow).min(1) });

export const ModifierIndicator = z.union([z.literal(0), z.literal(1), z.literal(9)]);

export const PtpRow = z.object({
  column1: code,
  column2: code,
  effective: isoDate,
  /** Last day the edit applies; null while in force ("*" in the CMS file). */
  deleted: isoDate.nullable(),
  modifierIndicator: ModifierIndicator,
  rationale: z.string(),
  /** Which NCCI-associated modifier fits, and when it is valid. */
  modifierHint: z.object({ modifiers: z.array(z.string()).min(1), when: z.string() }).optional(),
  ...provenance,
});
export type PtpRow = z.infer<typeof PtpRow>;

export const PtpFile = z.object({
  dataset: z.literal('ptp'),
  ...fileMeta,
  starter: z.boolean(),
  rows: z.array(PtpRow),
});

export const MueRow = z.object({
  code,
  value: z.number().int().nonnegative(),
  mai: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  rationale: z.string(),
  ...provenance,
});
export type MueRow = z.infer<typeof MueRow>;

export const MueFile = z.object({ dataset: z.literal('mue'), ...fileMeta, starter: z.boolean(), rows: z.array(MueRow) });

export const KxRow = z.object({ year: z.number().int(), ptSlp: z.number().positive(), ot: z.number().positive(), ...provenance });
export const ThresholdRow = z.object({ id: z.string(), value: z.union([z.number(), z.string()]), note: z.string(), ...provenance });

export const ThresholdsFile = z.object({
  dataset: z.literal('thresholds'),
  ...fileMeta,
  values: z.array(ThresholdRow),
  kx: z.array(KxRow),
});

/**
 * How strongly a row's words point to its code (lib/rules/suggestions/lexicon.ts weighs them):
 * name: the service's own name or abbreviation ("TherEx", "gait", "hot pack");
 * technique: a method only that code uses ("effleurage", "PNF", "sled push");
 * activity: a movement or task that usually is that code but may serve another ("squats", "transfers");
 * intent: a goal that decides between 97110, 97112 and 97530 ("strength", "balance", "functional"),
 *   stronger when stated as the goal ("for balance"): intent over equipment;
 * qualifier: words that choose between codes only once the service is named ("low complexity", "initial");
 * equipment: a tool that hints at a code but may serve any goal ("theraband", "foam");
 * hint: a generic word worth a little ("exercises", "testing").
 */
export const CueKind = z.enum(['name', 'technique', 'activity', 'intent', 'qualifier', 'equipment', 'hint']);
export type CueKind = z.infer<typeof CueKind>;

export const PhraseRow = z.object({
  code,
  kind: CueKind.exclude(['qualifier', 'hint']).default('name'),
  /** Words or short phrases, matched case-insensitively on word boundaries. */
  phrases: z.array(z.string().min(2)).min(1),
  /** Abbreviations matched only as written, being ordinary words in lower case ("US", "MT", "TA"). */
  exactCase: z.array(z.string().min(2)).optional(),
  ...provenance,
});
/**
 * Words that count for a code only beside others: a qualifier chooses between codes once the
 * service is named ("low complexity", "initial"); a hint is a generic word worth a little
 * ("exercises", "testing"). Kept apart from `rows`, whose words also tell the form detector
 * (scripts/vocabulary-plugin.ts) that a page row is an intervention: "low" or "sets" must not.
 */
export const QualifierRow = z.object({
  code,
  kind: CueKind.extract(['qualifier', 'hint']),
  phrases: z.array(z.string().min(2)).min(1),
  ...provenance,
});

/**
 * Words that change what the phrases around them mean (lib/rules/suggestions/scope.ts):
 * not-done-before: the next service named was not done ("no MT today");
 * not-done: a service named beside it was not done ("ice declined", "MT deferred");
 * history: a service named beside it belongs to another visit ("last visit", "next session");
 * purpose: what follows is the goal, not the service ("for balance", "to improve gait");
 * sequence: what follows is another service before or after this one ("prior to ROM");
 * setting: what follows is the means or setting of the service, not another one ("NMES during TKE", "gait w/ RW");
 * break: starts another clause, so a "declined" does not reach past it ("but", "then", "today");
 * done: says a service was done; splits a clause only next to "and" ("declined ice and performed TherEx");
 * assessment: the line assesses rather than treats ("assessed", "tested"): an evaluation's words, not a service;
 * symptom: what a "no" or a "declined" is about when it stands next to one ("no pain with TherEx",
 *   "no LOB during gait", "pain declined"): the service was done;
 * neutral: words that look like a code's words but are not ("gait belt", "mod A", "ball").
 */
export const ContextKind = z.enum(['not-done-before', 'not-done', 'history', 'purpose', 'sequence', 'setting', 'break', 'done', 'assessment', 'symptom', 'home', 'neutral']);
export type ContextKind = z.infer<typeof ContextKind>;
export const ContextRow = z.object({
  kind: ContextKind,
  terms: z.array(z.string().min(1)).min(1),
  ...provenance,
});
export const DocumentationTermRow = z.object({
  kind: z.enum(['region', 'target', 'purpose']),
  terms: z.array(z.string().min(2)).min(1),
  ...provenance,
});
/** A service that contains others: exercise in a pool is aquatic therapy, exercise in a group is group therapy. */
export const IncludesRow = z.object({
  code,
  includes: z.array(code).min(1),
  ...provenance,
});

export const PhrasesFile = z.object({
  dataset: z.literal('phrases'),
  ...fileMeta,
  /** Codes a suggestion may point between; others are never second-guessed. */
  rows: z.array(PhraseRow),
  qualifiers: z.array(QualifierRow),
  context: z.array(ContextRow),
  includes: z.array(IncludesRow),
  documentation: z.array(DocumentationTermRow),
});

export const PayerPolicyRow = z.object({
  /** Case-insensitive text the payer name must contain. */
  payerContains: z.string().min(2),
  column1: code,
  column2: code,
  policy: z.enum(['deny-together', 'modifier-required']),
  note: z.string(),
  effective: isoDate,
  deleted: isoDate.nullable(),
  ...provenance,
});
export const PayerPoliciesFile = z.object({ dataset: z.literal('payer-policies'), ...fileMeta, rows: z.array(PayerPolicyRow) });

/** What `npm run import` writes: official CMS tables that replace the built-in starter pairs and MUEs. */
export const DataPack = z.object({
  kind: z.literal('unitwise-data-pack'),
  formatVersion: z.literal(1),
  version: z.string(),
  createdAt: z.string(),
  effective: DateRange,
  files: z.array(z.object({ name: z.string(), kind: z.enum(['ptp', 'mue']), rowsRead: z.number().int(), rowsKept: z.number().int() })),
  ptp: z.array(PtpRow).optional(),
  mue: z.array(MueRow).optional(),
});
export type DataPack = z.infer<typeof DataPack>;
