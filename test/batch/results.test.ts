import { describe, expect, it } from 'vitest';
import { NO_FILTERS, filterAndSort, summarize, type Filters, type Sort } from '../../components/batch/results';
import { remap } from '../../components/batch/remap';
import { evaluate } from '../../lib/rules/evaluate';
import { WEEK } from '../fixtures/exports/week';
import { storeOf } from './stored-results';
import type { ResultRow } from '../../entrypoints/batch/results-wire';

// The Batch page's table and charts: filters, sorting and counts over the week's visits.

// The rows the page keeps, as the worker sends them (batches of 5, so rule names arrive over several).
const checked = WEEK.map((w, i) => ({ line: i + 2, visit: w.visit, evaluation: evaluate(w.visit) }));
const week = storeOf(checked, 5);
const ids = (rows: ResultRow[]) => rows.map((r) => r.id);
const filterAndSortWeek = (f: Filters, sort: Sort) => filterAndSort(week.rows, week.ruleNames, f, sort);

describe('filter and sort', () => {
  it('by rule: exactly the visits expected to get it', () => {
    for (const rule of ['units.over-billed', 'modifier.discipline-missing', 'mue.exceeded']) {
      expect(ids(filterAndSortWeek({ ...NO_FILTERS, rule }, { key: 'line', dir: 1 }))).toEqual(WEEK.filter((w) => w.expected.includes(rule)).map((w) => w.visit.id));
    }
  });

  it('by severity, payer and date, combined', () => {
    expect(ids(filterAndSortWeek({ ...NO_FILTERS, severity: 'ok' }, { key: 'line', dir: 1 }))).toEqual(WEEK.filter((w) => w.expected.length === 0).map((w) => w.visit.id));
    expect(ids(filterAndSortWeek({ ...NO_FILTERS, payer: 'Aetna' }, { key: 'line', dir: 1 }))).toEqual(['W03']);
    expect(ids(filterAndSortWeek({ ...NO_FILTERS, payer: 'Medicare', date: '2026-03-17', severity: 'error' }, { key: 'line', dir: 1 }))).toEqual(['W04']);
  });

  it('sorts by worst severity, descending, ties in file order', () => {
    const sorted = filterAndSortWeek(NO_FILTERS, { key: 'worst', dir: -1 });
    const ranks = sorted.map((r) => r.worst);
    expect(ranks).toEqual(sorted.map((r) => week.decode(r)).map((c) => ('problem' in c ? -1 : Math.max(0, ...c.evaluation.findings.map((f) => ({ info: 1, warning: 2, error: 3 })[f.severity])))));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const errors = sorted.filter((c) => c.worst === 3);
    expect(errors.map((c) => c.line)).toEqual([...errors.map((c) => c.line)].sort((a, b) => a - b));
  });
});

describe('summarize', () => {
  it('counts findings by rule, day and payer, and visits with errors', () => {
    const s = summarize(week.rows, week.ruleNames);
    const allRules = WEEK.flatMap((w) => evaluate(w.visit).findings.map((f) => f.rule));
    expect(s.byRule.reduce((n, [, c]) => n + c, 0)).toBe(allRules.length);
    expect(s.byRule[0]).toEqual(['units.low-average', allRules.filter((r) => r === 'units.low-average').length]);
    expect(s.byDay.map(([d]) => d)).toEqual([...new Set(s.byDay.map(([d]) => d))].sort());
    expect(s.byPayer.find(([p]) => p === 'Aetna')).toBeUndefined();
    expect(s.payers).toEqual(['Aetna', 'Medicare', 'UnitedHealthcare']);
    expect(s.withErrors).toBe(checked.filter((c) => c.evaluation.findings.some((f) => f.severity === 'error')).length);
  });
});

describe('remap', () => {
  const report = { columns: [{ index: 0, name: 'Time', role: 'minutes' as const }, { index: 1, name: 'Mins' }] };
  it('reads a column as a role by number, giving up the role the column had', () => {
    expect(remap({}, report, 1, 'minutes')).toEqual({ minutes: 2 });
    expect(remap({}, report, 0, 'units')).toEqual({ minutes: null, units: 1 });
    expect(remap({}, report, 0, '')).toEqual({ minutes: null });
  });
});

describe('clinicians', () => {
  it('an export that names who gave each line: the visit keeps each clinician once (co-treating clinicians both), the page filters by any of them', async () => {
    const { readExport } = await import('../../lib/batch/reader');
    const text = [
      'Visit ID,Date,Payer,Rendering Provider,CPT,Minutes,Units,Modifiers',
      'V1,2026-03-16,Medicare,Kim Lee PT,97116,30,2,GP',
      'V1,2026-03-16,Medicare,Sam Ortiz PTA,97116,30,2,GP CQ',
      'V1,2026-03-16,Medicare,kim lee pt,97110,10,1,GP',
      'V2,2026-03-16,Aetna,Sam Ortiz PTA,97110,23,2,GP',
    ].join('\n');
    const read = readExport(`${text}\n`, 'day.csv');
    expect(read.report.columns.find((c) => c.name === 'Rendering Provider')).toMatchObject({ role: 'clinician', how: 'name' });
    expect(read.errors).toEqual([]);
    expect(read.visits.map((v) => v.visit.clinicians)).toEqual([['Kim Lee PT', 'Sam Ortiz PTA'], ['Sam Ortiz PTA']]);
    const both = storeOf(read.visits.map((v) => ({ line: v.line, visit: v.visit, evaluation: evaluate(v.visit) })));
    expect(summarize(both.rows, both.ruleNames).clinicians).toEqual(['Kim Lee PT', 'Sam Ortiz PTA']);
    expect(ids(filterAndSort(both.rows, both.ruleNames, { ...NO_FILTERS, clinician: 'Sam Ortiz PTA' }, { key: 'line', dir: 1 }))).toEqual(['V1', 'V2']);
    expect(ids(filterAndSort(both.rows, both.ruleNames, { ...NO_FILTERS, clinician: 'Kim Lee PT' }, { key: 'line', dir: 1 }))).toEqual(['V1']);
    // The week's export has no clinician column: no clinician filter to offer.
    expect(summarize(week.rows, week.ruleNames).clinicians).toEqual([]);
  });
});
