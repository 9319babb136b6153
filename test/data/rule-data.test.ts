import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { builtInRuleData, loadRuleData } from '../../lib/rules/data';
import { evaluate } from '../../lib/rules/evaluate';
import { RULE_IDS, RULES } from '../../lib/rules/registry';
import { Visit } from '../../lib/model';

const DATA_DIR = 'lib/rules/data';
const files = readdirSync(DATA_DIR).filter((f) => f.endsWith('.json'));
const rowsOf = (json: Record<string, unknown>): Record<string, unknown>[] =>
  ['rows', 'values', 'kx', 'documentation'].flatMap((k) => (Array.isArray(json[k]) ? (json[k] as Record<string, unknown>[]) : []));

describe('rule data files', () => {
  it('load and validate', () => {
    const data = builtInRuleData();
    expect(data.catalog.get('97110')?.kind).toBe('timed');
    expect(data.catalog.get('97150')?.kind).toBe('untimed');
    expect(data.catalog.get('98980')?.kind).toBe('rtm');
  });

  it.each(files)('%s: every row names a source and a confidence, and the file its dates', (file) => {
    const json = JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as Record<string, unknown>;
    expect(json.version).toBeTruthy();
    expect((json.effective as { from: string }).from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const row of rowsOf(json)) {
      expect(typeof row.source === 'string' && row.source.trim().length > 2, `row without source in ${file}: ${JSON.stringify(row).slice(0, 80)}`).toBe(true);
      expect(['primary', 'secondary', 'unconfirmed']).toContain(row.confidence);
    }
  });

  it('a row without a source is rejected at load, naming the field', () => {
    const pack = { kind: 'unitwise-data-pack', formatVersion: 1, version: 'x', createdAt: '2026-11-23', effective: { from: '2026-10-01', to: null }, files: [], ptp: [{ column1: '97140', column2: '97530', effective: '2020-01-01', deleted: null, modifierIndicator: 1, rationale: 'x', source: '', confidence: 'primary' }] };
    expect(() => loadRuleData(pack)).toThrow(/ptp\.0\.source/);
  });

  it('the starter pair and MUE tables say they are starter sets', () => {
    const data = builtInRuleData();
    expect(data.tables.find((t) => t.name === 'ptp')?.starter).toBe(true);
    expect(data.tables.find((t) => t.name === 'mue')?.starter).toBe(true);
    expect(data.tables.find((t) => t.name === 'ptp')?.description).toMatch(/STARTER/);
  });

  it('KX thresholds match the rules reference: $2,410 in 2025, $2,480 in 2026', () => {
    const kx = builtInRuleData().kx;
    expect(kx.find((k) => k.year === 2025)?.ptSlp).toBe(2410);
    expect(kx.find((k) => k.year === 2026)?.ptSlp).toBe(2480);
  });

  it('short names are our own: none copies the CPT wording quoted in the sources', () => {
    for (const row of builtInRuleData().catalog.values()) {
      expect(row.name.length).toBeLessThanOrEqual(60);
      expect(row.name.toLowerCase()).not.toMatch(/kinesthetic sense|one or more areas|each 15 minutes/);
    }
  });
});

describe('rule registry', () => {
  const testText = (dir: string): string =>
    readdirSync(dir, { withFileTypes: true })
      .map((d) => (d.isDirectory() ? testText(join(dir, d.name)) : d.name.endsWith('.ts') && d.name !== 'rule-data.test.ts' ? readFileSync(join(dir, d.name), 'utf8') : ''))
      .join('\n');
  const allTests = testText('test');

  it.each(RULE_IDS)('%s has a title and a test that names it', (id) => {
    expect(RULES[id].title.length).toBeGreaterThan(5);
    expect(allTests.includes(`'${id}'`), `no test mentions '${id}'`).toBe(true);
  });

  it('every rule the engine raises is registered', () => {
    const source = ['units', 'minutes', 'codes', 'suggest', 'pairs', 'policy', 'mue', 'modifiers', 'evaluate']
      .map((f) => readFileSync(`lib/rules/${f}.ts`, 'utf8'))
      .join('\n');
    const raised = [...source.matchAll(/finding\(\s*'([a-z-]+\.[a-z-]+)'/g)].map((m) => m[1]!);
    expect(raised.length).toBeGreaterThan(20);
    for (const id of raised) expect(RULE_IDS).toContain(id);
  });
});

// Any visit the schema accepts must evaluate without throwing, and every finding must be complete.
const entryArb = fc.record(
  {
    code: fc.oneof(fc.constantFrom(...builtInRuleData().catalog.keys()), fc.string({ maxLength: 8 })),
    label: fc.string({ maxLength: 40 }),
    minutes: fc.oneof(fc.integer({ min: 0, max: 1440 }), fc.double({ min: 0, max: 1440, noNaN: true }), fc.constant(null)),
    rawMinutes: fc.string({ maxLength: 10 }),
    units: fc.integer({ min: 0, max: 999 }),
    modifiers: fc.array(fc.constantFrom('GP', 'GO', 'GN', 'CQ', 'CO', 'KX', '59', 'XU', 'XS', 'XE', 'ZZ'), { maxLength: 4 }),
    assistantMinutes: fc.integer({ min: 0, max: 1440 }),
    startTime: fc.constantFrom('08:00', '08:10', '09:59', '23:59', '00:00'),
    endTime: fc.constantFrom('08:20', '08:05', '10:30', '00:00'),
  },
  { requiredKeys: [] },
);
const visitArb = fc.record(
  {
    id: fc.string({ maxLength: 10 }),
    payer: fc.constantFrom('Medicare', 'Aetna', '', 'medicare advantage', 'Acme'),
    method: fc.constantFrom('cms' as const, 'per-code' as const),
    discipline: fc.constantFrom('PT' as const, 'OT' as const, 'SLP' as const),
    dateOfService: fc.constantFrom('2019-06-01', '2020-01-01', '2025-12-31', '2026-07-15', '2031-01-01'),
    totalTreatmentMinutes: fc.integer({ min: 0, max: 600 }),
    entries: fc.array(entryArb, { maxLength: 10 }),
  },
  { requiredKeys: ['entries'] },
);

describe('evaluate on any schema-valid visit (fast-check)', () => {
  it('never throws, and every finding has a registered rule, a message, an action and a source', () => {
    fc.assert(
      fc.property(visitArb, fc.record({ ytdTherapySpend: fc.record({ ptSlp: fc.integer({ min: 0, max: 5000 }), ot: fc.integer({ min: 0, max: 5000 }) }, { requiredKeys: [] }) }), (raw, settings) => {
        const parsed = Visit.safeParse(raw);
        fc.pre(parsed.success);
        const e = evaluate(parsed.data!, settings);
        for (const f of e.findings) {
          expect(RULE_IDS).toContain(f.rule);
          expect(f.message.length).toBeGreaterThan(10);
          expect(f.source.length).toBeGreaterThan(3);
          expect(f.action?.length ?? 0).toBeGreaterThan(3);
        }
        for (const l of e.lines) expect(l.units).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
