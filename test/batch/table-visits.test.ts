// Red-team defects in the table and visit stages (reading a CSV string, as a biller's export):
// total rows, visits of one id but two patients, patients printed once, Excel cell artifacts,
// appointment times on every line, and a line item repeated.

import { describe, expect, it } from 'vitest';
import { excelText, splitModifiers } from '../../lib/batch/cells';
import { BatchCheck } from '../../lib/batch/check';
import { formatReportTail } from '../../lib/batch/format';
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

describe('#2a one visit id, two patients', () => {
  it('rows with Visit # 3 for Ann Lee and for Bob Ray are two visits, each named so they can be told apart', () => {
    const { visits, errors } = readExport(
      csv(
        'Visit #,Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers',
        '3,Ann Lee,03/16/2026,Medicare,97110,20,1,GP',
        '3,Bob Ray,03/16/2026,Medicare,97140,20,2,GP',
      ),
      'a3.csv',
    );
    expect(errors).toEqual([]);
    expect(visits.map((v) => [v.visit.id, entries(v)])).toEqual([
      ['3 · Ann Lee', [['97110', 20, 1, 'GP']]],
      ['3 · Bob Ray', [['97140', 20, 2, 'GP']]],
    ]);
    expect(rules(visits[0]!)).not.toContain('units.over-billed');
    expect(rules(visits[1]!)).toContain('units.over-billed');
  });

  it('a visit whose rows repeat the patient, or leave it blank after the first, is one visit with its plain id', () => {
    const { visits, errors } = readExport(
      csv(
        'Visit ID,Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers',
        'V1,Ann Lee,03/16/2026,Medicare,97110,20,1,GP',
        'V1,,03/16/2026,Medicare,97140,20,2,GP',
        'V1,ann lee,03/16/2026,Medicare,97112,10,1,GP',
        'V2,Bob Ray,03/16/2026,Medicare,97110,30,2,GP',
      ),
      'same.csv',
    );
    expect(errors).toEqual([]);
    expect(visits.map((v) => [v.visit.id, v.visit.entries.length])).toEqual([
      ['V1', 3],
      ['V2', 1],
    ]);
  });
});

describe('#2b no id column: the patient printed once, or on a heading row', () => {
  const expectAnnAndBob = (visits: ReadVisit[]) => {
    expect(visits.map((v) => [v.visit.id, entries(v)])).toEqual([
      [expect.stringContaining('Ann Lee'), [['97110', 20, 1, 'GP'], ['97140', 20, 2, 'GP']]],
      [expect.stringContaining('Bob Ray'), [['97110', 30, 2, 'GP'], ['97112', 10, 1, 'GP']]],
    ]);
    for (const v of visits) {
      expect(evaluate(v.visit).totalTimedUnits).toBe(3);
      // Correct as billed: no over- or under-billing (a tie or low average is only information).
      expect(evaluate(v.visit).findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual([]);
    }
  };

  it('a blank patient cell continues the patient above', () => {
    const { visits, errors } = readExport(
      csv(
        'Patient,DOS,Payer,CPT,Minutes,Units,Modifiers',
        'Ann Lee,03/16/2026,Medicare,97110,20,1,GP',
        ',03/16/2026,Medicare,97140,20,2,GP',
        'Bob Ray,03/16/2026,Medicare,97110,30,2,GP',
        ',03/16/2026,Medicare,97112,10,1,GP',
      ),
      'i1.csv',
    );
    expect(errors).toEqual([]);
    expectAnnAndBob(visits);
  });

  it('a heading row with only the patient is skipped with its reason and sets the patient for the rows below', () => {
    const { visits, errors, report } = readExport(
      csv(
        'Patient,DOS,Payer,CPT,Minutes,Units,Modifiers',
        'Acct 10234 - Ann Lee,,,,,,',
        ',03/16/2026,Medicare,97110,20,1,GP',
        ',03/16/2026,Medicare,97140,20,2,GP',
        'Bob Ray,,,,,,',
        ',03/16/2026,Medicare,97110,30,2,GP',
        ',03/16/2026,Medicare,97112,10,1,GP',
      ),
      'i2.csv',
    );
    expect(errors).toEqual([]);
    expectAnnAndBob(visits);
    expect(report.visits).toBe(2);
    expect(report.skipped).toEqual([{ reason: 'patient-heading', count: 2, lines: [2, 5], examples: ['Acct 10234 - Ann Lee', 'Bob Ray'] }]);
    expect(report.rows).toEqual({ total: 6, checked: 4, skipped: 2, refused: 0 });
    expect(formatReportTail(report).join(' ')).toMatch(/2 patient heading rows \(lines 2, 5/);
  });

  it('with visit ids too: the heading names the patient of the visits below it', () => {
    const { visits, errors, report } = readExport(
      csv('Visit ID,Patient,DOS,Payer,CPT,Minutes,Units,Modifiers', ',Ann Lee,,,,,,', '7,,03/16/2026,Medicare,97110,20,1,GP', ',Bob Ray,,,,,,', '7,,03/16/2026,Medicare,97140,20,2,GP'),
      'ids.csv',
    );
    expect(errors).toEqual([]);
    expect(visits.map((v) => [v.visit.id, v.visit.entries.length])).toEqual([
      ['7 · Ann Lee', 1],
      ['7 · Bob Ray', 1],
    ]);
    expect(report.skipped).toEqual([{ reason: 'patient-heading', count: 2, lines: [2, 4], examples: ['Ann Lee', 'Bob Ray'] }]);
  });

  it('a visit with no line items is not checked: skipped with its reason', () => {
    const { visits, errors, report } = readExport(
      csv('Visit ID,Patient,DOS,Payer,CPT,Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,,,,', 'V2,Bob Ray,03/16/2026,Medicare,97110,30,2,GP'),
      'empty.csv',
    );
    expect(errors).toEqual([]);
    expect(visits.map((v) => v.visit.id)).toEqual(['V2']);
    expect(report.visits).toBe(1);
    expect(report.skipped).toEqual([{ reason: 'no-line-items', count: 1, lines: [2], examples: ['V1'] }]);
    expect(report.rows).toEqual({ total: 2, checked: 1, skipped: 1, refused: 0 });
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

  it('the export of b1: every visit reads as 97110 GP, 30 min, 3 units (over-billed), in any column', () => {
    const { visits, errors } = readExport(
      csv(
        'Visit ID,Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers',
        "V1,Ann Lee,03/16/2026,Medicare,'97110,30,3,GP",
        'V2,Bob Ray,03/16/2026,Medicare,="97110",30,3,GP',
        'V3,Cy Orr,03/16/2026,Medicare,"=""97110""",30,3,GP',
        'V4,Di Fox,03/16/2026,Medicare,97110 ,30,3,GP ',
        'V5,Ed Poe,03/16/2026,Medicare,97110-GP,30,3,',
        "V6,Flo Ng,03/16/2026,Medicare,97110,'30,=\"3\",'GP",
        'V8,Hal Ro,03/16/2026,Medicare ,97110,"30",3,"GP,"',
      ),
      'b1.csv',
    );
    expect(errors).toEqual([]);
    expect(visits.map((v) => [v.visit.id, entries(v)[0]])).toEqual(['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V8'].map((id) => [id, ['97110', 30, 3, 'GP']]));
    for (const v of visits) expect(rules(v)).toContain('units.over-billed');
    const mods = readExport(csv('Visit ID,Date,Payer,CPT,Minutes,Units,Modifiers', 'V6,03/16/2026,Medicare,97110,30,2,GP59', 'V7,03/16/2026,Medicare,97110-GP,30,2,59'), 'm.csv');
    expect(mods.visits.map((v) => v.visit.entries[0]!.modifiers)).toEqual([
      ['GP', '59'],
      ['GP', '59'],
    ]);
  });
});

describe('#7 the same Time In / Time Out on every line is the appointment, not each line', () => {
  const p1 = csv(
    'Visit ID,Patient,DOS,Payer,Discipline,Time In,Time Out,CPT,Minutes,Units,Modifiers',
    'V1,Ann Lee,03/16/2026,Medicare,PT,9:00,10:00,97110,15,1,GP',
    'V1,Ann Lee,03/16/2026,Medicare,PT,9:00,10:00,97140,15,1,GP',
    'V1,Ann Lee,03/16/2026,Medicare,PT,9:00,10:00,97110,15,1,GP',
  );

  it('45 minutes → 3 units, correct as billed; no co-treatment, overlap or clock findings; the report says so once', () => {
    const { visits, errors, report } = readExport(p1 + p1.split('\n').slice(1).join('\n').replace(/V1/g, 'V2'), 'p1.csv');
    expect(errors).toEqual([]);
    expect(visits).toHaveLength(2);
    for (const v of visits) {
      const e = evaluate(v.visit);
      expect(e.totalTimedMinutes).toBe(45);
      expect(e.totalTimedUnits).toBe(3);
      expect(e.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual([]);
    }
    const said = report.notes.filter((n) => /appointment/.test(n));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/"Time In" and "Time Out" are the same on every line of visit "V1" \(line 2\)/);
  });

  it('times that cannot be the appointment (the lines\' minutes exceed them) stay each line\'s: co-treatment is still seen', () => {
    const { visits } = readExport(
      csv('Visit ID,Date,Payer,Start,End,CPT,Minutes,Units,Modifiers', 'V1,03/16/2026,Medicare,9:00,9:30,97110,30,2,GP', 'V1,03/16/2026,Medicare,9:00,9:30,97110,30,2,GP'),
      'co.csv',
    );
    expect(visits[0]!.visit.entries.every((e) => e.startTime === '09:00')).toBe(true);
    expect(rules(visits[0]!)).toContain('minutes.co-treatment');
  });
});

describe('#20 a line item repeated in a visit', () => {
  it('two identical rows are both counted, and the report names the lines and what was counted', () => {
    const { visits, report } = readExport(
      csv('Visit ID,Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,97110,30,2,GP', 'V1,Ann Lee,03/16/2026,Medicare,97110,30,2,GP'),
      'c2.csv',
    );
    expect(claim(visits[0]!)).toEqual(['97110 x4 GP']);
    const said = report.notes.filter((n) => /twice|repeated/.test(n));
    expect(said).toEqual([
      'visit "V1": lines 2 and 3 are the same line item (97110, 30 min, 2 units, GP): both are counted, 60 minutes and 4 units of 97110; if the export repeated the row, remove one and check again',
    ]);
  });

  it('the command line says a note found while reading visits, after them and before the tail', async () => {
    const said: string[] = [];
    const check = new BatchCheck({ json: false, write: () => {}, warn: (l) => void said.push(l) });
    const f = check.open('c2.csv');
    f.push(csv('Visit ID,Date,Payer,CPT,Minutes,Units,Modifiers', 'V1,03/16/2026,Medicare,97110,30,2,GP', 'V1,03/16/2026,Medicare,97110,30,2,GP'));
    f.end();
    await check.settle();
    const note = said.findIndex((l) => /note: visit "V1": lines 2 and 3 are the same line item/.test(l));
    expect(note).toBeGreaterThan(0);
    expect(said.findIndex((l) => /c2\.csv: 2 rows/.test(l))).toBeGreaterThan(note);
  });

  it('the same code with other minutes is not a repeat', () => {
    const { report } = readExport(
      csv('Visit ID,Date,Payer,CPT,Minutes,Units,Modifiers', 'V1,03/16/2026,Medicare,97110,30,2,GP', 'V1,03/16/2026,Medicare,97110,15,1,GP'),
      'c2b.csv',
    );
    expect(report.notes.filter((n) => /same line item/.test(n))).toEqual([]);
  });
});

describe('review of the patient fixes', () => {
  it('a page footer in the patient column between a visit\'s rows does not split it or invent a patient (40 min → 3 units, as the build before the fixes read it)', () => {
    const { visits, errors } = readExport(csv('Patient,Visit ID,DOS,Payer,CPT,Minutes,Units,Modifiers', 'Ann Lee,V1,03/16/2026,Medicare,97110,20,1,GP', 'Printed 03/17/2026 by jsmith', ',V1,03/16/2026,Medicare,97140,20,2,GP'), 'p1.csv');
    expect(errors).toEqual([]);
    expect(visits.map((v) => v.visit.id)).toEqual(['V1']);
    expect(evaluate(visits[0]!.visit).totalTimedUnits).toBe(3);
    expect(rules(visits[0]!)).not.toContain('units.over-billed');
  });

  it('one id with two values in the patient column is two visits, and the report says so with the way back', () => {
    const { visits, report } = readExport(csv('Visit ID,Account,DOS,Payer,CPT,Minutes,Units,Modifiers', 'V1,4100-PT,03/16/2026,Medicare,97110,20,2,GP', 'V1,4110-PT,03/16/2026,Medicare,97140,20,1,GP'), 'g1.csv');
    expect(visits).toHaveLength(2);
    expect(report.notes.join(' ')).toMatch(/visit id "V1" has rows for two patients in "Account" \("4100-PT", "4110-PT" from line 3\): checked as two visits\. Right when visits are numbered per patient; if "Account" is not the patient \(an account or ledger code\), read that column as nothing \(--map patient=none/);
    const one = readExport(csv('Visit ID,Account,DOS,Payer,CPT,Minutes,Units,Modifiers', 'V1,4100-PT,03/16/2026,Medicare,97110,20,2,GP', 'V1,4110-PT,03/16/2026,Medicare,97140,20,1,GP'), 'g1.csv', { mapping: { patient: null } });
    expect(one.visits).toHaveLength(1);
  });
});

describe('second review: footers in the patient column', () => {
  it('under patient headings, a printed-by footer between a visit\'s rows is a title line: the visit is not split and no patient is invented', () => {
    const { visits, report } = readExport(csv('Visit ID,Patient,DOS,Payer,CPT,Minutes,Units,Modifiers', ',Ann Lee,,,,,,', 'V1,,03/16/2026,Medicare,97110,20,1,GP', ',Printed 03/17/2026 by jsmith,,,,,,', 'V1,,03/16/2026,Medicare,97140,20,2,GP'), 'h2.csv');
    expect(visits.map((v) => v.visit.id)).toEqual(['V1']);
    expect(evaluate(visits[0]!.visit).totalTimedUnits).toBe(3);
    expect(report.skipped.find((s) => s.reason === 'title')?.examples).toEqual(['Printed 03/17/2026 by jsmith']);
  });
});

describe('a row without a visit id that names another patient is not the visit above', () => {
  it('a charge posted without an encounter for Bob Ray is not added to Ann Lee\'s visit V1', () => {
    const { visits, errors } = readExport(
      csv(
        'Visit ID,Patient,Date of Service,Payer,Discipline,CPT,Minutes,Units,Modifiers',
        'V1,Ann Lee,03/16/2026,Medicare,PT,97110,25,2,GP',
        ',Bob Ray,03/16/2026,Medicare,PT,97140,10,1,GP',
        'V3,Cy Doe,03/16/2026,Medicare,PT,97110,30,2,GP',
      ),
      'blank-id.csv',
    );
    expect(visits.map((v) => v.visit.id)).toEqual(['V1', 'V3']);
    expect(entries(visits[0]!)).toEqual([['97110', 25, 2, 'GP']]);
    expect(errors.map((e) => e.line)).toEqual([3]);
    expect(errors[0]!.reason).toMatch(/no visit id and names patient "Bob Ray", not "Ann Lee"/);
  });

  it('a row without a visit id and with the same patient (or none) still continues the visit above', () => {
    const { visits, errors } = readExport(
      csv(
        'Visit ID,Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers',
        'V1,Ann Lee,03/16/2026,Medicare,97110,25,2,GP',
        ',ANN LEE,03/16/2026,Medicare,97140,10,1,GP',
        ',,03/16/2026,Medicare,97112,8,1,GP',
      ),
      'blank-id-same.csv',
    );
    expect(errors).toEqual([]);
    expect(visits.map((v) => v.visit.entries.length)).toEqual([3]);
  });
});
