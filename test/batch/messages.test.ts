import { describe, expect, it } from 'vitest';
import { readExport } from '../../lib/batch/reader';
import type { ReadVisit } from '../../lib/batch/report';
import { evaluate } from '../../lib/rules/evaluate';

// What a biller is told when a row cannot be read as it is: the line, the cell, why, and
// what to do, in words; never a schema path such as "entries[0].code: Too big".

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const rules = (v: ReadVisit) => evaluate(v.visit).findings.map((f) => f.rule);

describe('a code cell that also holds the description', () => {
  it('"97110 - THERAPEUTIC EXERCISES" is 97110, with its words as the description (the red team\'s n1-code-with-desc.csv)', () => {
    const r = readExport(
      csv(
        'Visit ID,Patient,DOS,Payer,Procedure,Minutes,Units,Modifiers,Charge',
        'V1,Ann Lee,03/16/2026,Medicare,97110 - THERAPEUTIC EXERCISES,30,3,GP,$150.00',
        'V2,Bob Ray,03/16/2026,Medicare,97140 - MANUAL THERAPY,20,1,GP,$50.00',
        'V3,Cy Dee,03/16/2026,Medicare,97161 PT EVAL LOW COMPLEX,30,1,GP,$90.00',
      ),
      'n1.csv',
    );
    expect(r.errors).toEqual([]);
    expect(r.visits.map((v) => v.visit.entries[0])).toMatchObject([
      { code: '97110', label: 'THERAPEUTIC EXERCISES' },
      { code: '97140', label: 'MANUAL THERAPY' },
      { code: '97161', label: 'PT EVAL LOW COMPLEX' },
    ]);
    // 30 minutes are 2 units: the 3 billed are found.
    expect(rules(r.visits[0]!)).toContain('units.over-billed');
  });

  it('a description column wins for the description; modifiers written onto the code are not taken for words', () => {
    const r = readExport(csv('Visit ID,DOS,Payer,CPT,Description,Minutes', 'V1,03/16/2026,Aetna,97110 - THER EX,Therapeutic exercise,30', 'V2,03/16/2026,Aetna,97110-GPKX,,30'), 'd.csv');
    expect(r.visits.map((v) => v.visit.entries[0])).toMatchObject([{ code: '97110', label: 'Therapeutic exercise' }, { code: '97110-GPKX' }]);
  });

  it('a code cell too long to be a code says so in words, naming the visit and the line', () => {
    const r = readExport(csv('Visit ID,DOS,Payer,CPT,Minutes', 'V1,03/16/2026,Aetna,97110,20', 'V1,03/16/2026,Aetna,see the note on the back of the form,10'), 'long.csv');
    expect(r.errors).toEqual([
      { file: 'long.csv', line: 3, reason: 'visit "V1" skipped: code "see the note on the back of the form" is not a procedure code (a CPT or HCPCS code is 5 characters, like 97110)' },
    ]);
  });
});

describe('a reversal row', () => {
  it('units of -1 say the row looks like a reversal or adjustment, and the visit is skipped for that reason (the red team\'s c1-void-rows.csv)', () => {
    const r = readExport(
      csv(
        'Visit ID,Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers,Charge Amount',
        'V1,Ann Lee,03/16/2026,Medicare,97110,30,2,GP,200.00',
        'V1,Ann Lee,03/16/2026,Medicare,97140,15,1,GP,100.00',
        'V1,Ann Lee,03/16/2026,Medicare,97140,-15,-1,GP,-100.00',
        'V2,Bob Ray,03/16/2026,Medicare,97110,45,3,GP,300.00',
      ),
      'c1.csv',
    );
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 4 });
    expect(r.errors[0]!.reason).toMatch(/^visit "V1" skipped: units "-1" are negative: the row looks like a reversal or adjustment/);
    expect(r.errors[0]!.reason).not.toMatch(/whole number/);
    expect(r.visits.map((v) => v.visit.id)).toEqual(['V2']);
  });
});

describe('a visit id that spans several dates of service', () => {
  const k1 = csv('Claim Number,Patient,DOS,Payer,CPT,Minutes,Units,Modifiers', 'C100,Ann Lee,03/16/2026,Medicare,97110,30,2,GP', 'C100,Ann Lee,03/18/2026,Medicare,97110,30,3,GP', 'C100,Ann Lee,03/18/2026,Medicare,97140,10,1,GP');

  it('the refusal says the id column holds one id for several dates, and how to read the rows by patient and date instead', () => {
    const r = readExport(k1, 'k1.csv');
    expect(r.errors).toEqual([
      {
        file: 'k1.csv',
        line: 3,
        reason: 'visit "C100" skipped: date "2026-03-18" differs from "2026-03-16" on an earlier row of the same visit: "Claim Number" holds one id for several dates of service (a claim number?), and a visit has one date; read the file without a visit id column to group its rows by patient and date instead',
        regroup: true,
      },
    ]);
  });

  it('read with no visit id column (--map id=none), the rows of one patient and date are one visit, not a visit per row', () => {
    const r = readExport(k1, 'k1.csv', { mapping: { id: null } });
    expect(r.errors).toEqual([]);
    expect(r.report.notes).toContain('no visit id (none chosen): the lines of one patient on one date are one visit');
    expect(r.visits.map((v) => [v.visit.id, v.visit.entries.length])).toEqual([['Ann Lee 2026-03-16', 1], ['Ann Lee 2026-03-18', 2]]);
    // The 40 minutes of 03/18 support 3 timed units; 4 are billed.
    expect(rules(r.visits[1]!).filter((rule) => rule.startsWith('units.over'))).toEqual(['units.over-billed']);
  });

  it('without a patient column the id cannot be set aside, and the refusal does not suggest it', () => {
    const r = readExport(csv('Claim Number,DOS,Payer,CPT,Minutes', 'C100,03/16/2026,Aetna,97110,30', 'C100,03/18/2026,Aetna,97110,30'), 'k.csv');
    expect(r.errors[0]!.reason).toBe('visit "C100" skipped: date "2026-03-18" differs from "2026-03-16" on an earlier row of the same visit: "Claim Number" holds one id for several dates of service (a claim number?), and a visit has one date');
    expect(r.errors[0]!.regroup).toBeUndefined();
    // Each row one visit, as before: nothing to group by.
    expect(readExport(csv('Claim Number,DOS,Payer,CPT,Minutes', 'C100,03/16/2026,Aetna,97110,30', 'C100,03/16/2026,Aetna,97140,30'), 'k.csv', { mapping: { id: null } }).visits).toHaveLength(2);
  });
});

describe('a code cell with a description abbreviation after the code (the red team\'s s-codedesc.csv)', () => {
  it('"97110 TE", "97112 NMR", "97140 - MT" keep their code and minutes, the letters as the description; "97110-GP" and "97110 GP 59" are modifiers', () => {
    const r = readExport(
      csv(
        'Visit,Patient,DOS,Payer,CPT,Minutes,Units',
        'V1,Ann Lee,03/16/2026,Medicare,97110 TE,23,1',
        'V1,Ann Lee,03/16/2026,Medicare,97112 NMR,23,1',
        'V1,Ann Lee,03/16/2026,Medicare,97140 - MT,23,1',
        'V2,Bob Ray,03/16/2026,Medicare,97110-GP,15,1',
        'V2,Bob Ray,03/16/2026,Medicare,97140 GP 59,15,1',
        'V2,Bob Ray,03/16/2026,Medicare,97530-ZZ,15,1',
      ),
      's.csv',
    );
    expect(r.errors).toEqual([]);
    expect(r.visits[0]!.visit.entries.map((e) => [e.code, e.label, e.minutes, e.modifiers])).toEqual([
      ['97110', 'TE', 23, undefined],
      ['97112', 'NMR', 23, undefined],
      ['97140', 'MT', 23, undefined],
    ]);
    expect(r.visits[1]!.visit.entries.map((e) => [e.code, e.modifiers])).toEqual([
      ['97110', ['GP']],
      ['97140', ['GP', '59']],
      ['97530', ['ZZ']],
    ]);
    expect(rules(r.visits[0]!)).not.toContain('code.unknown');
    // A two-letter word that could be a modifier is said, not silently dropped; NMR cannot be one.
    const notes = r.report.notes.filter((n) => n.includes('not a modifier'));
    expect(notes.map((n) => n.slice(0, n.indexOf(':')))).toEqual(['code "97110 TE" (line 2, and every cell written the same)', 'code "97140 - MT" (line 4, and every cell written the same)']);
    expect(notes[0]).toContain('write it onto the code (97110-TE) or in a modifier column');
  });

  it('a known modifier and an unknown two-letter word in one code cell refuse the visit with the reason', () => {
    const r = readExport(csv('Visit,DOS,Payer,CPT,Minutes', 'V1,03/16/2026,Medicare,97110 GP TE,23'), 'm.csv');
    expect(r.visits).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.reason).toMatch(/^visit "V1" skipped: code "97110 GP TE" mixes modifiers \(GP\) with TE/);
  });
});

describe('codes written as floats (the red team\'s gg-floats.csv)', () => {
  it('"97110.0" and "97140.00" are 97110 and 97140 and are checked; "97110.5" and "9711.0" are not codes', () => {
    const r = readExport(
      csv('Visit ID,Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,97110.0,38.0,3.0,GP', 'V2,Bob Ray,03/17/2026,Medicare,97140.00,30.0,3.0,GP', 'V3,Cy Doe,03/17/2026,Medicare,97110.5,30,2,GP', 'V4,Di Fox,03/17/2026,Medicare,9711.0,30,2,GP'),
      'gg.csv',
    );
    expect(r.visits.map((v) => v.visit.entries[0]!.code)).toEqual(['97110', '97140', '97110.5', '9711.0']);
    expect(rules(r.visits[0]!)).not.toContain('code.unknown');
    // 30 minutes are 2 units: the 3 billed on 97140 are found.
    expect(rules(r.visits[1]!)).toContain('units.over-billed');
    expect(rules(r.visits[2]!)).toContain('code.unknown');
  });
});

describe('modifiers in one cell with a separator (the red team\'s c-mods.csv)', () => {
  it('"GP/KX", "GP+KX", "GP\\KX", "GP.KX" and "GP & 59" are two modifiers each, and the visit is checked', () => {
    const r = readExport(
      csv('Visit ID,Patient,Date of Service,Payer,CPT,Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,97140,15,1,"GP,59"', 'V1,Ann Lee,03/16/2026,Medicare,97530,15,1,GP/KX', 'V2,Bob Ray,03/16/2026,Medicare,97110,15,1,GP+KX', 'V2,Bob Ray,03/16/2026,Medicare,97112,15,1,GP\\KX', 'V2,Bob Ray,03/16/2026,Medicare,97116,15,1,GP & 59', 'V2,Bob Ray,03/16/2026,Medicare,97035,15,1,GP.KX'),
      'c.csv',
    );
    expect(r.errors).toEqual([]);
    expect(r.visits.flatMap((v) => v.visit.entries.map((e) => e.modifiers))).toEqual([['GP', '59'], ['GP', 'KX'], ['GP', 'KX'], ['GP', 'KX'], ['GP', '59'], ['GP', 'KX']]);
  });

  it('a modifier cell that is not modifiers says so in words, not with the schema\'s limit', () => {
    const r = readExport(csv('Visit ID,DOS,Payer,CPT,Minutes,Modifiers', 'V1,03/16/2026,Medicare,97110,15,GPKX59X'), 'c.csv');
    expect(r.errors).toEqual([
      { file: 'c.csv', line: 2, reason: 'visit "V1" skipped: modifiers "GPKX59X": "GPKX59X" is not a modifier (a modifier is 2 characters, like GP or 59); separate modifiers with a comma or a space (GP, KX)' },
    ]);
  });
});

describe('a line dated from one day to another (the red team\'s z-fromto.csv)', () => {
  it('"From DOS" 03/16 and "To DOS" 03/20 refuse the visit with the reason, never checked as 03/16 (no invented MUE or pair error)', () => {
    const r = readExport(
      csv('Claim No,Patient,From DOS,To DOS,Payer,CPT,Units,Modifiers', 'C1,Ann Lee,03/16/2026,03/20/2026,Medicare,97035,5,GP', 'C1,Ann Lee,03/16/2026,03/20/2026,Medicare,97140,5,GP', 'C1,Ann Lee,03/16/2026,03/20/2026,Medicare,97530,5,GP'),
      'z.csv',
    );
    expect(r.report.columns.map((c) => c.role)).toContain('dateTo');
    expect(r.visits).toEqual([]);
    expect(r.errors).toEqual([
      {
        file: 'z.csv',
        line: 2,
        reason:
          'visit "C1" skipped: the line is dated 03/16/2026 to 03/20/2026 ("From DOS" to "To DOS"), a range of days on one line: its units cannot be checked as one day\'s (MUE, pairs, 8-minute rule), and which units fall on which day is not written; export one row per date of service, or check this visit by hand',
      },
    ]);
  });

  it('"Service Date To" the same as the date is that day, and the visit is checked', () => {
    const r = readExport(csv('Visit,Service Date,Service Date To,Payer,CPT,Minutes,Units,Modifiers', 'V1,03/16/2026,3/16/2026,Medicare,97110,38,3,GP'), 'same.csv');
    expect(r.errors).toEqual([]);
    expect(r.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-03-16']);
  });
});

describe('a code cell that holds modifiers with a separator, or a count', () => {
  const file = (code: string) => csv('Visit ID,Date,Payer,CPT,Minutes,Units', `V1,03/16/2026,Medicare,${code},23,2`);
  it('"97110 GP/KX" and "97110 GP, KX" are 97110 with GP and KX, not a description', () => {
    for (const code of ['97110 GP/KX', '"97110 GP, KX"']) {
      const r = readExport(file(code), 'c.csv');
      expect(r.errors).toEqual([]);
      expect(r.visits[0]!.visit.entries[0]).toMatchObject({ code: '97110', modifiers: ['GP', 'KX'] });
    }
  });
  it('"97110-GP x2" and "97110 x2" are 97110 with 2 units (as the side panel reads them); a bare count ("97110 15") is refused in words', () => {
    for (const code of ['97110-GP x2', '97110 x2']) {
      const r = readExport(file(code), 'c.csv');
      expect(r.errors).toEqual([]);
      expect(r.visits[0]!.visit.entries[0]).toMatchObject({ code: '97110', units: 2 });
    }
    for (const code of ['97110 15']) {
      const r = readExport(file(code), 'c.csv');
      expect(r.visits).toEqual([]);
      expect(r.errors[0]!.reason).toContain(`holds 97110 and a number (units or minutes?)`);
    }
  });
});

