import { describe, expect, it } from 'vitest';
import { formatJsonLine, formatReadError, formatTable } from '../../lib/batch/format';
import { Evaluation, type Visit } from '../../lib/model';

const visit: Visit = {
  id: 'V-7',
  payer: 'Medicare Part B',
  discipline: 'PT',
  dateOfService: '2025-03-04',
  entries: [
    { code: '97110', label: 'Balance and proprioception on foam', minutes: 33, units: 3, modifiers: ['GP'], fieldKey: 'line:2' },
    { code: '97140', label: 'Manual therapy', minutes: null, rawMinutes: 'twenty', fieldKey: 'line:3' },
  ],
};

const evaluation: Evaluation = Evaluation.parse({
  id: 'V-7',
  method: 'cms',
  totalTimedMinutes: 33,
  totalTimedUnits: 2,
  lines: [{ code: '97112', units: 2, modifiers: ['GP'], reason: '33 minutes is 2 units on the CMS chart' }],
  findings: [
    {
      rule: 'units.over-billed',
      severity: 'error',
      codes: ['97110'],
      message: 'Entered 3 units but 33 timed minutes support 2 under the CMS total-time method.',
      action: 'Bill 2 units.',
      source: 'CMS Claims Processing Manual Ch. 5 §20.2',
      entries: [0],
    },
    {
      rule: 'minutes.unreadable',
      severity: 'warning',
      codes: ['97140'],
      message: "Minutes 'twenty' are not a duration.",
      source: 'Unitwise',
    },
    { rule: 'documentation.thin', severity: 'info', codes: [], message: 'No body region named.', source: 'CMS Pub. 100-02 Ch. 15 §220.3' },
  ],
  data: { version: '2025-q1', builtIn: true },
});

describe('formatJsonLine', () => {
  it('is one line of JSON that reads back as the same Evaluation', () => {
    const line = formatJsonLine(evaluation);
    expect(line).not.toContain('\n');
    expect(Evaluation.parse(JSON.parse(line))).toEqual(evaluation);
  });
});

describe('formatReadError', () => {
  it('is file:line: reason', () => {
    expect(formatReadError({ file: 'a.csv', line: 3, reason: 'bad' })).toBe('a.csv:3: bad');
  });
});

describe('formatTable', () => {
  const text = formatTable(visit, evaluation);

  it('shows the visit, what was entered, the totals, the claim and every finding with its action and source', () => {
    expect(text).toBe(
      [
        'Visit V-7  ·  2025-03-04  ·  Medicare Part B  ·  PT  ·  method: cms',
        '  Entered:',
        '    #  Code   Description                               Min  Units  Modifiers',
        '    1  97110  Balance and proprioception on foam         33      3  GP',
        "    2  97140  Manual therapy                      'twenty'?",
        '  Timed: 33 min → 2 units',
        '  Claim:',
        '    97112 ×2 GP  — 33 minutes is 2 units on the CMS chart',
        '  Findings (3):',
        '    ERROR    units.over-billed: Entered 3 units but 33 timed minutes support 2 under the CMS',
        '             total-time method.',
        '             → Bill 2 units.',
        '             about: 97110 (line 2)',
        '             source: CMS Claims Processing Manual Ch. 5 §20.2',
        "    WARNING  minutes.unreadable: Minutes 'twenty' are not a duration.",
        '             source: Unitwise',
        '    INFO     documentation.thin: No body region named.',
        '             source: CMS Pub. 100-02 Ch. 15 §220.3',
        '  Rules data 2025-q1',
      ].join('\n'),
    );
  });

  it('has no colour codes unless asked, and colours severities when asked', () => {
    expect(text).not.toMatch(/\u001b\[/);
    const coloured = formatTable(visit, evaluation, { color: true });
    expect(coloured).toContain('\u001b[31mERROR  \u001b[0m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(text);
  });

  it('wraps long messages within the width', () => {
    const lines = formatTable(visit, evaluation, { width: 60 }).split('\n');
    const findings = lines.slice(lines.indexOf('  Findings (3):'));
    expect(findings.length).toBeGreaterThan(10);
    for (const line of findings) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('says so when there is nothing to show', () => {
    const empty = formatTable({ entries: [] }, { method: 'per-code', totalTimedMinutes: 0, totalTimedUnits: 0, lines: [], findings: [] });
    expect(empty).toBe(
      ['Visit (no id)  ·  method: per-code', '  Entered: no line items', '  Timed: 0 min → 0 units', '  Claim: no lines', '  Findings: none'].join('\n'),
    );
  });
});
