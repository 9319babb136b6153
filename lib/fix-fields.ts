// The fields a finding can ask the user to change (Finding.fix), without zod: the content
// script checks a message's field against this list and must not carry a schema library.
export const FIX_FIELDS = ['code', 'units', 'minutes', 'modifiers', 'label', 'payer', 'dateOfService', 'discipline', 'totalTreatmentMinutes'] as const;
export type FixFieldName = (typeof FIX_FIELDS)[number];
export const isFixField = (v: unknown): v is FixFieldName => typeof v === 'string' && (FIX_FIELDS as readonly string[]).includes(v);
