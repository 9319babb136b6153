import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import { readExport } from '../../lib/batch/reader';
import type { ReadOptions } from '../../lib/batch/report';
import type { Finding } from '../../lib/model';

// ReadOptions.accumulateSpend (npm run check -- --accumulate-spend; issue 15 item 4): each
// patient's charges summed per calendar year into the visits' ytdTherapySpend, judged by the KX
// rule against the threshold of the date of service's year: $2,410 in 2025 and $2,480 in 2026
// (thresholds.json; rules-reference §6 "KX threshold": 2025 secondary sources, 2026 the CMS
// Therapy Services page, CR 14252). CPM Pub. 100-04 Ch. 5 §10.3.3: over the threshold, KX
// confirms medical necessity; lines over it without KX are denied.

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const HEADER = 'Visit ID,Patient,DOS,Payer,CPT,Mins,Units,Modifiers,Allowed';
const ON: ReadOptions = { accumulateSpend: true };

function read(text: string, options: ReadOptions = ON) {
  const result = readExport(text, 'spend.csv', options);
  const byId = new Map(result.visits.map((v) => [v.visit.id!, v.visit]));
  const kx = (id: string): Finding[] => evaluate(byId.get(id)!).findings.filter((f) => f.rule === 'modifier.kx');
  return { ...result, byId, kx };
}

describe('spend summed per patient and calendar year (accumulateSpend)', () => {
  // Patient P crosses the 2025 threshold in December; January starts again from zero against 2026's.
  const december = csv(
    HEADER,
    'D1,P-100,12/01/2025,Medicare,97110,45,3,GP,"$1,200.00"', //   1,200
    'D2,P-100,12/10/2025,Medicare,97110,45,3,GP,"$1,000.00"', //   2,200 < 2,410
    'D3,P-100,12/19/2025,Medicare,97110,45,3,GP,$300.00', //       2,500 ≥ 2,410, no KX: error
    'D4,P-100,12/29/2025,Medicare,97110,45,3,GP KX,$150.00', //    2,650, KX entered: right
    'J1,P-100,01/05/2026,Medicare,97110,45,3,GP,"$2,450.00"', //   2,450 < 2,480 (over 2025's 2,410)
    'J2,P-100,01/19/2026,Medicare,97110,45,3,GP KX,$20.00', //     2,470 < 2,480, KX entered: warning
    'J3,P-100,01/26/2026,Medicare,97110,45,3,GP,$100.00', //       2,570 ≥ 2,480, no KX: error
  );

  it('each visit gets the running total of its patient\'s year, including itself; January starts from zero', () => {
    const { byId, errors } = read(december);
    expect(errors).toEqual([]);
    const spend = (id: string) => byId.get(id)!.ytdTherapySpend;
    expect(spend('D1')).toEqual({ ptSlp: 1200, ot: 0 });
    expect(spend('D2')).toEqual({ ptSlp: 2200, ot: 0 });
    expect(spend('D3')).toEqual({ ptSlp: 2500, ot: 0 });
    expect(spend('D4')).toEqual({ ptSlp: 2650, ot: 0 });
    expect(spend('J1')).toEqual({ ptSlp: 2450, ot: 0 });
    expect(spend('J2')).toEqual({ ptSlp: 2470, ot: 0 });
    expect(spend('J3')).toEqual({ ptSlp: 2570, ot: 0 });
  });

  it('KX findings only on the visits over that year\'s threshold: 2025 $2,410, 2026 $2,480', () => {
    const { kx } = read(december);
    expect(kx('D1')).toEqual([]);
    expect(kx('D2')).toEqual([]);
    const d3 = kx('D3');
    expect(d3.map((f) => f.severity)).toEqual(['error']);
    expect(d3[0]!.message).toMatch(/This clinic's known 2025 therapy spend for the patient, \$2,500, reaches the 2025 KX threshold of \$2,410/);
    // Labelled as this clinic's known spend, and as the spend seen in this file.
    expect(d3[0]!.message).toMatch(/This is this clinic's known spend \(summed from this file's allowed amounts for the patient's 2025 visits up to and including this one: the spend seen in this file, not other providers' or visits outside it\)/);
    expect(kx('D4')).toEqual([]); // KX entered, over the threshold
    expect(kx('J1')).toEqual([]); // $2,450 would be over 2025's threshold, not 2026's
    expect(kx('J2').map((f) => [f.severity, f.headline])).toEqual([['warning', '97110: remove KX (spend below threshold)']]);
    expect(kx('J3')[0]!.message).toMatch(/known 2026 therapy spend for the patient, \$2,570, reaches the 2026 KX threshold of \$2,480/);
  });

  it('the report says what is summed and what the figure is', () => {
    const { report } = read(december);
    expect(report.columns.find((c) => c.name === 'Allowed')?.role).toBe('allowed');
    expect(report.notes.join('\n')).toMatch(/year-to-date therapy spend summed per patient and calendar year from "Allowed" \(allowed amounts\), PT and SLP together and OT apart.*the spend seen in this file up to and including it, not the patient's whole-year spend/);
  });

  it('off by default: the column is read but not summed, and the report says how to sum it', () => {
    const { byId, kx, report } = read(december, {});
    expect(byId.get('D3')!.ytdTherapySpend).toBeUndefined();
    expect(kx('D3')).toEqual([]);
    expect(report.notes.join('\n')).toMatch(/"Allowed" is not summed: with --accumulate-spend/);
  });

  it('PT and SLP together, OT apart, by each line\'s GP/GN/GO (or the visit\'s discipline)', () => {
    const { byId } = read(
      csv(
        HEADER + ',Discipline',
        'V1,P-7,03/02/2026,Medicare,97110,30,2,GP,$500,PT',
        'V2,P-7,03/03/2026,Medicare,92507,30,1,GN,$400,SLP',
        'V3,P-7,03/04/2026,Medicare,97530,30,2,GO,$700,OT',
        'V4,P-7,03/05/2026,Medicare,97535,30,2,,$100,OT', // no modifier: the visit's discipline
        'V5,P-8,03/05/2026,Medicare,97110,30,2,GP,$50,PT', // another patient starts from zero
      ),
    );
    expect(byId.get('V2')!.ytdTherapySpend).toEqual({ ptSlp: 900, ot: 0 });
    expect(byId.get('V3')!.ytdTherapySpend).toEqual({ ptSlp: 900, ot: 700 });
    expect(byId.get('V4')!.ytdTherapySpend).toEqual({ ptSlp: 900, ot: 800 });
    expect(byId.get('V5')!.ytdTherapySpend).toEqual({ ptSlp: 50, ot: 0 });
  });

  it('a visit with its own year-to-date spend column keeps it; its charge still counts for the visits after it', () => {
    const { byId, kx } = read(
      csv(
        HEADER + ',YTD PT/SLP spend',
        'V1,P-1,12/01/2025,Medicare,97110,45,3,GP,$2000,',
        'V2,P-1,12/08/2025,Medicare,97110,45,3,GP,$100,"$2,450"', // the EHR knows other spend
        'V3,P-1,12/15/2025,Medicare,97110,45,3,GP,$100,',
      ),
    );
    expect(byId.get('V2')!.ytdTherapySpend).toEqual({ ptSlp: 2450 });
    expect(byId.get('V2')!.ytdTherapySpendFrom).toBeUndefined();
    expect(byId.get('V3')!.ytdTherapySpend).toEqual({ ptSlp: 2200, ot: 0 });
    expect(kx('V2')[0]!.message).toMatch(/as given with this visit/);
  });

  it('a patient\'s dates going backwards: that visit gets no figure, with an error saying why and what to do', () => {
    const { byId, errors } = read(
      csv(
        HEADER,
        'V1,P-2,12/10/2025,Medicare,97110,45,3,GP,$2000',
        'V2,P-2,12/03/2025,Medicare,97110,45,3,GP,$300', // out of order
        'V3,P-2,12/17/2025,Medicare,97110,45,3,GP,$200',
        'V4,P-2,01/02/2026,Medicare,97110,45,3,GP,$10', // a new year: in order
      ),
    );
    expect(byId.get('V2')!.ytdTherapySpend).toBeUndefined();
    expect(errors).toEqual([
      {
        file: 'spend.csv',
        line: 3,
        reason: expect.stringMatching(/^visit "V2": no year-to-date spend summed: patient "P-2" has a later visit \(2025-12-10, line 2\) earlier in the file.*Its \$300\.00 counts for the visits after it.*sort the export by patient and date of service$/),
      },
    ]);
    expect(byId.get('V3')!.ytdTherapySpend).toEqual({ ptSlp: 2500, ot: 0 });
    expect(byId.get('V4')!.ytdTherapySpend).toEqual({ ptSlp: 10, ot: 0 });
  });

  // V1 summed; V2's amount makes the year unknown, so V2 and V3 get no figure, and one error says why.
  it.each([
    ['a charge that is not dollars', '$100', 'n/a', { ptSlp: 100, ot: 0 }, /its charge on line 3, "n\/a" is not an amount in dollars/],
    [
      "a running total past any patient's therapy year (a column of account numbers read as dollars)",
      '"$6,000,000.00"',
      '"$6,000,000.00"',
      { ptSlp: 6_000_000, ot: 0 },
      /its allowed amounts reach \$12,000,000\.00 by line 3, more than any patient's therapy year \(over \$10,000,000\.00\)\. Check that "Allowed" holds dollar amounts/,
    ],
  ])("%s: an error, and that patient's year is not summed from there on", (_, first, second, summed, why) => {
    const { byId, errors } = read(csv(HEADER, `V1,P-3,03/02/2026,Medicare,97110,45,3,GP,${first}`, `V2,P-3,03/09/2026,Medicare,97110,45,3,GP,${second}`, 'V3,P-3,03/16/2026,Medicare,97110,45,3,GP,$100'));
    expect(byId.get('V1')!.ytdTherapySpend).toEqual(summed);
    expect(byId.get('V2')!.ytdTherapySpend).toBeUndefined();
    expect(byId.get('V3')!.ytdTherapySpend).toBeUndefined();
    expect(errors.map((e) => e.reason)).toEqual([expect.stringMatching(/^visit "V2": patient "P-3"'s 2026 spend is not summed from here on: /)]);
    expect(errors[0]!.reason).toMatch(why);
  });

  it('billed charges when there is no allowed amount (the report says they may overstate); allowed when there are both', () => {
    const charges = read(csv('Visit ID,Patient,DOS,Payer,CPT,Mins,Units,Modifiers,Charge Amount', 'V1,P-4,03/02/2026,Medicare,97110,45,3,GP,$180'));
    expect(charges.byId.get('V1')!.ytdTherapySpend).toEqual({ ptSlp: 180, ot: 0 });
    expect(charges.report.notes.join('\n')).toMatch(/\(charges\).*billed charges may overstate it/);
    const both = read(csv('Visit ID,Patient,DOS,Payer,CPT,Mins,Units,Modifiers,Charge Amount,Allowed Amount', 'V1,P-4,03/02/2026,Medicare,97110,45,3,GP,$180,$95.50'));
    expect(both.byId.get('V1')!.ytdTherapySpend).toEqual({ ptSlp: 95.5, ot: 0 });
  });

  it('without a patient column, or a charge column, nothing is summed and the report says why', () => {
    const { byId, report } = read(csv('Visit ID,DOS,Payer,CPT,Mins,Units,Modifiers,Allowed', 'V1,03/02/2026,Medicare,97110,45,3,GP,$100'));
    expect(byId.get('V1')!.ytdTherapySpend).toBeUndefined();
    expect(report.notes.join('\n')).toMatch(/year-to-date spend not summed: the export has no patient column \(name it with --map patient=…/);
  });

  it('a visit of several rows sums them all (long layout, grouped by visit id)', () => {
    const { byId } = read(csv(HEADER, 'V1,P-5,03/02/2026,Medicare,97110,30,2,GP,$60', 'V1,P-5,03/02/2026,Medicare,97140,15,1,GP,$35.25', 'V2,P-5,03/04/2026,Medicare,97110,30,2,GP,$60'));
    expect(byId.get('V1')!.ytdTherapySpend).toEqual({ ptSlp: 95.25, ot: 0 });
    expect(byId.get('V2')!.ytdTherapySpend).toEqual({ ptSlp: 155.25, ot: 0 });
  });
});
