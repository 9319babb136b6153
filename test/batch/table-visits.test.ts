// Red-team defects in the table and visit stages (reading a CSV string, as a biller's export):
// total rows and Excel cell artifacts.

import { describe, expect, it } from 'vitest';
import { excelText, splitModifiers } from '../../lib/batch/cells';
import { readExport } from '../../lib/batch/reader';
import type { ReadVisit } from '../../lib/batch/report';
import { totalLabel } from '../../lib/batch/table';
import { evaluate } from '../../lib/rules/evaluate';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const rules = (v: ReadVisit) => evaluate(v.visit).findings.map((f) => f.rule);
const claim = (v: ReadVisit) => evaluate(v.visit).lines.map((l) => `${l.code} x${l.units} ${l.modifiers.join(' ')}`.trim());
const entries = (v: ReadVisit) => v.visit.entries.map((e) => [e.code, e.minutes, e.units, (e.modifiers ?? []).join(' ')]);

describe('#3 a total row is a total even when another cell holds a 5-digit amount', () => {
  it('"Grand Total" in the visit id column, with a charge of 10600: skipped as a total, not a third visit', () => {
    const { visits, errors, report } = readExport(
      csv(
        'Visit ID,Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers,Charge Amount',
        'V1,Ann Lee,03/16/2026,Medicare,97110,38,3,GP,450',
        'V2,Bob Ray,03/16/2026,Medicare,97140,15,1,GP,150',
        'Grand Total,,,,,53,4,,10600',
      ),
      'a4.csv',
    );
    expect(errors).toEqual([]);
    expect(visits.map((v) => v.visit.id)).toEqual(['V1', 'V2']);
    expect(report.skipped).toEqual([{ reason: 'total', count: 1, lines: [4], examples: ['Grand Total'] }]);
  });

  it('no id column: "Total" in the CPT column with 10600 in the charge column is not a line of the last visit', () => {
    const { visits, errors, report } = readExport(
      csv(
        'Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers,Charge Amount',
        'Ann Lee,03/16/2026,Medicare,97110,38,3,GP,450',
        'Bob Ray,03/16/2026,Medicare,97140,15,1,GP,150',
        ',,,Total,53,4,,10600',
      ),
      'a4b.csv',
      { accumulateSpend: true },
    );
    expect(errors).toEqual([]);
    expect(visits.map((v) => entries(v))).toEqual([[['97110', 38, 3, 'GP']], [['97140', 15, 1, 'GP']]]);
    expect(claim(visits[1]!)).toEqual(['97140 x1 GP']);
    expect(rules(visits[1]!)).not.toContain('modifier.kx');
    expect(report.skipped.find((s) => s.reason === 'total')).toMatchObject({ count: 1, lines: [4] });
  });

  it('a code in the code column still vetoes a total-looking label; a 5-digit amount elsewhere does not', () => {
    // Header known: the code column is column 2.
    expect(totalLabel(['V1', 'Total knee', '97110', '30'], [2])).toBeUndefined();
    expect(totalLabel(['Grand Total', '', '', '53', '10600'], [2])).toBe('Grand Total');
    expect(totalLabel(['Total', '97110', '', '53'], [1])).toBeUndefined();
    // No code column known: a code-shaped cell in a place that may hold codes vetoes.
    expect(totalLabel(['Total', '97110', '53'])).toBeUndefined();
    const read = readExport(csv('Visit ID,Date,Payer,CPT,Description,Minutes', 'V1,3/16/2026,Aetna,97110,Total,30'), 'k.csv');
    expect(read.visits[0]!.visit.entries[0]).toMatchObject({ code: '97110', label: 'Total' });
  });
});

describe('#14 total labels as exports print them', () => {
  it.each([
    'Total Units:',
    '*** Grand Total ***',
    'Total (5 visits)',
    'TOTAL CHARGES',
    'Day Total - 03/16/2026',
    'Patient Total (Lee, Ann)',
    'TOTAL 03/16/2026',
    'Subtotal',
    'Sub-total',
    'Sub Total',
    'Total:',
    'Totals for Ann Lee',
    'Daily total',
    '03/16/2026 Total',
  ])('%s is a total label', (label) => {
    expect(totalLabel([label, '', '53', '4'])).toBe(label);
  });

  it.each(['Total knee rehab', 'Total hip precautions', '97110 Count', 'Totally new patient'])('%s is not a total label', (label) => {
    expect(totalLabel([label, '', '53', '4'])).toBeUndefined();
  });

  it('skips and counts them as totals: no code-less line on the visit above, no visit named after a total', () => {
    const { visits, errors, report } = readExport(
      csv(
        'Visit ID,Patient,DOS,Payer,CPT,Minutes,Units,Modifiers',
        'V1,"Lee, Ann",03/16/2026,Medicare,97110,38,3,GP',
        ',"Patient Total (Lee, Ann)",,,,38,3,',
        'V2,"Ray, Bob",03/16/2026,Medicare,97140,15,1,GP',
        ',TOTAL 03/16/2026,,,,53,4,',
        ',Day Total - 03/16/2026,,,,53,4,',
        '*** Grand Total ***,,,,,53,4,',
      ),
      'a6.csv',
    );
    expect(errors).toEqual([]);
    expect(visits.map((v) => [v.visit.id, v.visit.entries.length])).toEqual([
      ['V1', 1],
      ['V2', 1],
    ]);
    expect(visits.flatMap(rules)).not.toContain('code.missing');
    expect(report.skipped).toEqual([{ reason: 'total', count: 4, lines: [3, 5, 6, 7], examples: ['Patient Total (Lee, Ann)', 'TOTAL 03/16/2026', 'Day Total - 03/16/2026'] }]);
    const units = readExport(csv('Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers', 'Ann Lee,03/16/2026,Medicare,97110,38,3,GP', 'Total Units:,,,,38,3,'), 'a5.csv');
    expect(units.visits.map((v) => v.visit.id)).toEqual(['Ann Lee 2026-03-16']);
    expect(units.report.skipped).toEqual([{ reason: 'total', count: 1, lines: [3], examples: ['Total Units:'] }]);
  });
});

describe('#12 Excel artifacts in cells', () => {
  it('a leading apostrophe, ="97110" and the CSV-escaped "=""97110""" are the text 97110', () => {
    expect(excelText("'97110")).toBe('97110');
    expect(excelText('="97110"')).toBe('97110');
    expect(excelText('="say ""hi"""')).toBe('say "hi"');
    expect(excelText('=SUM(A1:A3)')).toBe('=SUM(A1:A3)');
    expect(excelText("'")).toBe("'");
  });

  it('GP59 is GP and 59 when both halves are known modifiers; other text is left as written', () => {
    expect(splitModifiers('GP59')).toEqual(['GP', '59']);
    expect(splitModifiers('gpkx')).toEqual(['GP', 'KX']);
    expect(splitModifiers('GP,XU')).toEqual(['GP', 'XU']);
    expect(splitModifiers('AB12')).toEqual(['AB12']);
  });
});
