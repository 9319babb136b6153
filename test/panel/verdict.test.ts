import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import { claimLineText, findingKey, verdict } from '../../lib/report';
import type { Evaluation, Finding, Visit } from '../../lib/model';

// The panel's first line: "✕ 2 fixes before billing" or "✓ Ready to bill: 97112 ×2 GP, 97110 ×1 GP".
// The visit is CMS's worked example (CPM Ch. 5 §20.2: 24 min 97112 + 23 min 97110 → 2 + 1 units).

const visit = (units: [number, number]): Visit => ({
  payer: 'Medicare Part B',
  discipline: 'PT',
  dateOfService: '2026-11-20',
  entries: [
    { code: '97112', minutes: 24, units: units[0], modifiers: ['GP'] },
    { code: '97110', minutes: 23, units: units[1], modifiers: ['GP'] },
  ],
});

const finding = (severity: Finding['severity'], rule: string): Finding => ({ rule, severity, codes: ['97110'], message: rule, source: 'test' });
const withFindings = (findings: Finding[], lines: Evaluation['lines'] = []): Evaluation => ({ method: 'cms', totalTimedMinutes: 0, totalTimedUnits: 0, lines, findings });

describe('verdict line', () => {
  it('a ready visit names what to bill, as a biller writes it', () => {
    const v = verdict(evaluate(visit([2, 1])), []);
    expect(v).toMatchObject({ ready: true, level: 'ready', line: 'Ready to bill: 97112 ×2 GP, 97110 ×1 GP' });
  });

  it('errors are fixes; warnings are things to check; notes do not count', () => {
    const two = verdict(withFindings([finding('error', 'a'), finding('error', 'b'), finding('warning', 'c'), finding('info', 'd')]), []);
    expect(two).toMatchObject({ ready: false, level: 'error', errors: 2, warnings: 1, line: '2 fixes before billing, 1 to check' });
    expect(verdict(withFindings([finding('error', 'a')]), []).line).toBe('1 fix before billing');
    expect(verdict(withFindings([finding('warning', 'c')]), [])).toMatchObject({ level: 'warning', line: '1 to check before billing' });
  });

  it('the over-billed CMS example is one fix', () => {
    const v = verdict(evaluate(visit([2, 2])), []);
    expect([v.level, v.errors, v.line]).toEqual(['error', 1, '1 fix before billing']);
  });

  it('acknowledged findings no longer count; with nothing billable it says so', () => {
    const e = finding('error', 'a');
    const acked = verdict(withFindings([e]), [{ key: findingKey(e), rule: e.rule, reason: 'ok', at: 0 }]);
    expect(acked).toMatchObject({ ready: true, level: 'empty', line: 'Nothing to bill yet' });
  });

  it('a long claim stays one line: three lines, then how many more', () => {
    const lines = ['97110', '97112', '97116', '97140', '97530'].map((code) => ({ code, units: 1, modifiers: ['GP'] }));
    expect(verdict(withFindings([], lines), []).line).toBe('Ready to bill: 97110 ×1 GP, 97112 ×1 GP, 97116 ×1 GP and 2 more');
    expect(claimLineText({ code: '97750', units: 2, modifiers: [] })).toBe('97750 ×2');
  });
});
