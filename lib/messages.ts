import { z } from 'zod';
import { Evaluation, Visit } from './model';

// Every message between the extension's parts, validated where it arrives (the background).
// The content script only imports the types, so zod stays out of its bundle.

export const VisitSnapshot = z.object({
  type: z.literal('visit'),
  /** How the rows were found: a site profile, the generic detector, or nothing. */
  source: z.enum(['profile', 'generic', 'none']),
  visit: Visit,
  notes: z.array(z.string().max(300)).max(20).default([]),
});
export type VisitSnapshot = z.input<typeof VisitSnapshot>;

export const GetEvaluation = z.object({ type: z.literal('get-evaluation'), tabId: z.number().int().nonnegative() });
export type GetEvaluation = z.infer<typeof GetEvaluation>;

export const ToBackground = z.discriminatedUnion('type', [VisitSnapshot, GetEvaluation]);

export const StoredEvaluation = z.object({
  tabId: z.number().int(),
  source: z.enum(['profile', 'generic', 'none']),
  evaluation: Evaluation,
  updatedAt: z.number(),
});
export type StoredEvaluation = z.infer<typeof StoredEvaluation>;

export const EvaluationPush = z.object({ type: z.literal('evaluation'), stored: StoredEvaluation });
export type EvaluationPush = z.infer<typeof EvaluationPush>;

export const sessionKey = (tabId: number) => `evaluation:${tabId}`;
