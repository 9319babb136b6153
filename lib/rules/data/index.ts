import { z } from 'zod';
import catalogJson from './catalog.json';
import ptpJson from './ptp.json';
import mueJson from './mue.json';
import thresholdsJson from './thresholds.json';
import phrasesJson from './phrases.json';
import payerPoliciesJson from './payer-policies.json';
import {
  CatalogFile,
  DataPack,
  MueFile,
  PayerPoliciesFile,
  PhrasesFile,
  PtpFile,
  ThresholdsFile,
  type CatalogRow,
  type DateRange,
  type MueRow,
  type PtpRow,
} from './schema';
import { PhraseIndex, words } from './phrase-index';

export type KxRow = z.infer<typeof ThresholdsFile>['kx'][number];
export type ThresholdRow = z.infer<typeof ThresholdsFile>['values'][number];
export type PayerPolicyRow = z.infer<typeof PayerPoliciesFile>['rows'][number];

/** One data table as loaded: where it came from and the dates it is meant for. */
export interface TableInfo {
  name: string;
  version: string;
  effective: DateRange;
  starter: boolean;
  description: string;
}

export interface PhraseMatcher {
  code: string;
  source: string;
  phrases: string[];
}

export interface TermMatcher {
  kind: 'region' | 'target' | 'purpose';
  source: string;
  terms: PhraseIndex<true>;
}

/** All rule data the engine reads, validated and indexed. Built by loadRuleData(). */
export interface RuleData {
  version: string;
  builtIn: boolean;
  tables: TableInfo[];
  catalog: Map<string, CatalogRow>;
  ptp: PtpRow[];
  /** PTP rows by "column1|column2". */
  ptpIndex: Map<string, PtpRow[]>;
  /** Every code that appears in a PTP row, either column. */
  ptpCodes: Set<string>;
  mue: Map<string, MueRow>;
  thresholds: Map<string, ThresholdRow>;
  kx: KxRow[];
  phrases: PhraseMatcher[];
  /** All phrases in one pattern, for a single pass over a text; matches map back to codes. */
  phraseScan: PhraseIndex<{ code: string; text: string }[]>;
  /** Timed add-on code by its base code (97129 → 97130). */
  addOns: Map<string, string>;
  documentation: TermMatcher[];
  /** All documentation terms (region, target, purpose) in one index: a line is thin when none occurs. */
  documentationAny: PhraseIndex<true>;
  payerPolicies: PayerPolicyRow[];
}

function phraseScan(rows: { code: string; phrases: string[] }[]): RuleData['phraseScan'] {
  // The same words may point to several codes: one index entry per phrase, listing them all.
  const byKey = new Map<string, { phrase: string; codes: { code: string; text: string }[] }>();
  for (const r of rows)
    for (const text of r.phrases) {
      const key = words(text).join(' ');
      const entry = byKey.get(key) ?? { phrase: text, codes: [] };
      entry.codes.push({ code: r.code, text });
      byKey.set(key, entry);
    }
  const index = new PhraseIndex<{ code: string; text: string }[]>();
  for (const { phrase, codes } of byKey.values()) index.add(phrase, codes);
  return index;
}

function termIndex(terms: string[]): PhraseIndex<true> {
  const index = new PhraseIndex<true>();
  for (const t of terms) index.add(t, true);
  return index;
}

function indexPtp(rows: PtpRow[]): Map<string, PtpRow[]> {
  const index = new Map<string, PtpRow[]>();
  for (const row of rows) {
    const key = `${row.column1}|${row.column2}`;
    const list = index.get(key);
    if (list) list.push(row);
    else index.set(key, [row]);
  }
  return index;
}

function info(name: string, f: { version: string; effective: DateRange; description: string }, starter = false): TableInfo {
  return { name, version: f.version, effective: f.effective, starter, description: f.description };
}

/** Error naming the data file and the bad field, so a broken pack is easy to fix. */
export class RuleDataError extends Error {}

function parseFile<T extends z.ZodType>(schema: T, json: unknown, name: string): z.infer<T> {
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new RuleDataError(`${name}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}

/**
 * Validates the built-in tables and, when given, an imported CMS data pack whose PTP and
 * MUE tables replace the built-in starter sets. Throws RuleDataError naming the bad field.
 */
export function loadRuleData(pack?: unknown): RuleData {
  const catalog = parseFile(CatalogFile, catalogJson, 'catalog.json');
  let ptp = parseFile(PtpFile, ptpJson, 'ptp.json');
  let mue = parseFile(MueFile, mueJson, 'mue.json');
  const thresholds = parseFile(ThresholdsFile, thresholdsJson, 'thresholds.json');
  const phrases = parseFile(PhrasesFile, phrasesJson, 'phrases.json');
  const payer = parseFile(PayerPoliciesFile, payerPoliciesJson, 'payer-policies.json');

  let version = `built-in ${catalog.version} (starter PTP ${ptp.version}, starter MUE ${mue.version})`;
  if (pack !== undefined) {
    const p = parseFile(DataPack, pack, 'data pack');
    const base = { effective: p.effective, starter: false };
    if (p.ptp) ptp = { dataset: 'ptp', version: p.version, description: `Imported CMS PTP tables (${p.files.filter((f) => f.kind === 'ptp').map((f) => f.name).join(', ')})`, rows: p.ptp, ...base };
    if (p.mue) mue = { dataset: 'mue', version: p.version, description: `Imported CMS MUE table (${p.files.filter((f) => f.kind === 'mue').map((f) => f.name).join(', ')})`, rows: p.mue, ...base };
    version = `data pack ${p.version} + catalog ${catalog.version}`;
  }

  const catalogMap = new Map<string, CatalogRow>();
  for (const row of catalog.rows) {
    if (catalogMap.has(row.code)) throw new RuleDataError(`catalog.json: duplicate code ${row.code}`);
    catalogMap.set(row.code, row);
  }
  return {
    version,
    builtIn: pack === undefined,
    tables: [
      info('catalog', catalog),
      info('ptp', ptp, ptp.starter),
      info('mue', mue, mue.starter),
      info('thresholds', thresholds),
      info('phrases', phrases),
      info('payer-policies', payer),
    ],
    catalog: catalogMap,
    ptp: ptp.rows,
    ptpIndex: indexPtp(ptp.rows),
    ptpCodes: new Set(ptp.rows.flatMap((r) => [r.column1, r.column2])),
    mue: new Map(mue.rows.map((r) => [r.code, r])),
    thresholds: new Map(thresholds.values.map((r) => [r.id, r])),
    kx: thresholds.kx,
    phrases: phrases.rows.map((r) => ({
      code: r.code,
      source: r.source,
      phrases: r.phrases,
    })),
    phraseScan: phraseScan(phrases.rows),
    addOns: new Map(catalog.rows.filter((r) => r.addOnTo && r.kind === 'timed').map((r) => [r.addOnTo!, r.code])),
    documentationAny: termIndex(phrases.documentation.flatMap((d) => d.terms)),
    documentation: phrases.documentation.map((d) => ({ kind: d.kind, source: d.source, terms: termIndex(d.terms) })),
    payerPolicies: payer.rows,
  };
}

let builtIn: RuleData | undefined;
/** The built-in data, validated once. */
export function builtInRuleData(): RuleData {
  return (builtIn ??= loadRuleData());
}

/** A numeric threshold by id; throws if the data file lacks it (a data bug, caught by tests). */
export function threshold(data: RuleData, id: string): number {
  const row = data.thresholds.get(id);
  if (!row || typeof row.value !== 'number') throw new RuleDataError(`thresholds.json: missing numeric value "${id}"`);
  return row.value;
}
export function thresholdText(data: RuleData, id: string): string {
  const row = data.thresholds.get(id);
  if (!row) throw new RuleDataError(`thresholds.json: missing value "${id}"`);
  return String(row.value);
}
