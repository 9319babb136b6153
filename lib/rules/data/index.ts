import type { z } from 'zod';
import type { CatalogRow, MueRow, PtpRow } from './schema';
import type { KxRow, ThresholdRow, PhraseRow, DocumentationTermRow, PayerPolicyRow } from './schema';

/** All rule data the engine reads, validated and indexed. Built by loadRuleData(). */
export interface RuleData {
  version: string;
  builtIn: boolean;
  catalog: Map<string, CatalogRow>;
  ptp: PtpRow[];
  mue: Map<string, MueRow>;
  thresholds: Map<string, z.infer<typeof ThresholdRow>>;
  kx: z.infer<typeof KxRow>[];
  phrases: z.infer<typeof PhraseRow>[];
  documentation: z.infer<typeof DocumentationTermRow>[];
  payerPolicies: z.infer<typeof PayerPolicyRow>[];
}
