import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeJsonRaw, formatJsonLine, formatReadError, formatTable, jsonRawInUtf8, visible } from '../../lib/batch/format';
import { evaluate } from '../../lib/rules/evaluate';
import { Evaluation, type Visit } from '../../lib/model';
import { CLEAR, CLIPBOARD, CSI, RAW, RLO, TITLE } from './hostile-text';

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

describe('raw characters in a JSON line, found in its UTF-8 bytes', () => {
  it('finds exactly the characters escapeJsonRaw escapes, every BMP character tried alone and among others', () => {
    const utf8 = new TextEncoder();
    const missed: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const c = String.fromCharCode(code);
      const escaped = escapeJsonRaw(c) !== c;
      // Alone, and after text with the bytes that start the raw ones (C2 of §, E2 of → and –).
      for (const text of [c, `§ → 11 units (158–172) ${c} x`]) if (jsonRawInUtf8(utf8.encode(text)) !== escaped) missed.push(code.toString(16));
    }
    expect(missed).toEqual([]);
    expect(jsonRawInUtf8(utf8.encode('\u{1f600} \u2192'))).toBe(false);
  });
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

describe('text from the input cannot drive the terminal', () => {
  const OWN_COLOURS = /\u001b\[\d+m/g;

  const hostile: Visit = {
    id: `V${CLEAR}`,
    payer: `Medicare${TITLE}`,
    discipline: 'PT',
    dateOfService: '2026-03-02',
    entries: [
      { code: '97110', label: `Ther ex${CLIPBOARD}\nline two\t${RLO}evil`, minutes: 30, units: 2, modifiers: ['GP', CSI], fieldKey: 'line:2' },
      { code: `97112${RLO}`, label: 'Balance', minutes: null, rawMinutes: `twenty${CLEAR}`, units: 1, modifiers: [`${RLO}GP`], fieldKey: 'line:3' },
    ],
  };
  const hostileEvaluation = evaluate(hostile);

  it('shows every control character as a visible stand-in, in every part of the table', () => {
    const text = formatTable(hostile, hostileEvaluation);
    expect(text).not.toMatch(RAW);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('Visit V␛[2J');
    expect(text).toContain('Medicare␛]0;pwned␇');
    expect(text).toContain('Ther ex␛]52;c;ZWNobyBoaQ==␇');
    expect(text).toContain('GP \\u009b31m');
    expect(text).toContain('\\u202eGP');
    expect(text).toContain("'twenty␛[2J'?");
    // The label's line break and tab are shown too, so its row stays one line of the table
    // (cut at 40 characters, here inside the shown RLO).
    const row = text.split('\n').find((l) => l.includes('Ther ex'))!;
    expect(row).toMatch(/^ {4}1 {2}97110\s+Ther ex␛\]52;c;ZWNobyBoaQ==␇␊line two␉\\u…\s+30\s+2\s+GP \\u009b31m$/);
    // Messages that quote the input are cleaned as well.
    expect(hostileEvaluation.findings.some((f) => f.message.includes(CLEAR))).toBe(true);
    expect(text).toMatch(/minutes 'twenty␛\[2J'/);
  });

  it("with colour on, Unitwise's own colour codes are the only escapes left", () => {
    const coloured = formatTable(hostile, hostileEvaluation, { color: true });
    expect(coloured).toMatch(OWN_COLOURS);
    expect(coloured).toContain('\u001b[1mVisit V␛[2J');
    expect(coloured.replace(OWN_COLOURS, '')).not.toMatch(RAW);
    expect(coloured.replace(OWN_COLOURS, '')).toBe(formatTable(hostile, hostileEvaluation));
  });

  it('does not change the visit or evaluation it was given, and leaves clean text as it is', () => {
    const before = JSON.stringify([hostile, hostileEvaluation]);
    formatTable(hostile, hostileEvaluation);
    expect(JSON.stringify([hostile, hostileEvaluation])).toBe(before);
    expect(visible('Medicare Part B · 97110 ×2 GP — ok')).toBe('Medicare Part B · 97110 ×2 GP — ok');
  });

  it('visible: C0 and DEL as Control Pictures, C1 and bidi controls as \\u escapes', () => {
    expect(visible('\u0000\u0007\u0009\u000a\u000d\u001b\u007f')).toBe('␀␇␉␊␍␛␡');
    expect(visible('\u0080\u0085\u009b\u009f')).toBe('\\u0080\\u0085\\u009b\\u009f');
    expect(visible('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u2028\\u2029',
    );
    const all = Array.from({ length: 0x2100 }, (_, c) => String.fromCharCode(c)).join('');
    expect(visible(all)).not.toMatch(RAW);
  });

  it('read errors (file:line: reason) show what the reason quotes from the file', () => {
    const line = formatReadError({ file: `evil${RLO}.csv`, line: 4, reason: `visit "V${CLEAR}" skipped: units "2${CSI}" is not a whole number ${TITLE}` });
    expect(line).not.toMatch(RAW);
    expect(line).toBe('evil\\u202e.csv:4: visit "V␛[2J" skipped: units "2\\u009b31m" is not a whole number ␛]0;pwned␇');
  });

  it('whatever the strings, neither the table (colours aside) nor the JSON line carries a raw control', () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    fc.assert(
      fc.property(text, text, text, text, text, fc.array(text, { maxLength: 3 }), (id, payer, code, label, raw, modifiers) => {
        const v: Visit = { id, payer, entries: [{ code, label, minutes: null, rawMinutes: raw, modifiers }, { code: '97110', label, minutes: 20 }] };
        const e = evaluate(v);
        expect(formatTable(v, e, { color: true }).replace(OWN_COLOURS, '')).not.toMatch(RAW);
        expect(formatJsonLine(e)).not.toMatch(RAW);
      }),
      { numRuns: 200 },
    );
  });

  it('JSON Lines: no raw control character either, and it reads back as the same Evaluation', () => {
    const line = formatJsonLine(hostileEvaluation);
    expect(line).not.toMatch(RAW);
    expect(line).not.toMatch(/[\u2028\u2029\n]/);
    expect(line).toContain('\\u001b]0;pwned\\u0007');
    expect(Evaluation.parse(JSON.parse(line))).toEqual(hostileEvaluation);
    expect(JSON.parse(formatJsonLine({ ...hostileEvaluation, id: `${CSI}${RLO}\u007f\u2066` })).id).toBe(`${CSI}${RLO}\u007f\u2066`);
  });
});
