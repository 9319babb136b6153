import { utils, write, type CellObject } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { formatReportTail } from '../../lib/batch/format';
import { readExport } from '../../lib/batch/reader';
import { readSheet } from '../../lib/batch/xlsx';
import type { ReadVisit } from '../../lib/batch/report';
import { evaluate } from '../../lib/rules/evaluate';

const rules = (v: ReadVisit) => evaluate(v.visit).findings.map((f) => f.rule);

describe('.xlsx numbers as the spreadsheet holds them, not as the float arithmetic left them', () => {
  // Minutes as Excel computes them from Time In/Time Out, =(G2-F2)*1440 shown with format "0"
  // (the red team's j1-float-minutes.xlsx): the stored value is 37.99999999999994, not 38.
  const t = (h: number, m: number) => (h * 60 + m) / 1440;
  const num = (v: number, z?: string): CellObject => (z ? { t: 'n', v, z } : { t: 'n', v });
  function book(rows: (string | CellObject)[][]): Uint8Array {
    const ws = utils.aoa_to_sheet(rows.map((r) => r.map((c) => (typeof c === 'string' ? c : c.v))));
    rows.forEach((r, i) => r.forEach((c, j) => typeof c !== 'string' && (ws[utils.encode_cell({ r: i, c: j })] = c)));
    const wb = utils.book_new();
    utils.book_append_sheet(wb, ws, 'Charges');
    return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  }
  const head = ['Visit ID', 'DOS', 'Payer', 'CPT', 'Time In', 'Time Out', 'Minutes', 'Units', 'Modifiers'];
  const row = (id: string, out: number, units: CellObject) => [id, num(46097, 'm/d/yyyy'), 'Medicare', '97110', num(t(7, 0), 'h:mm'), num(t(7, out), 'h:mm'), num((t(7, out) - t(7, 0)) * 1440, '0'), units, 'GP'];

  it('a formula minute of 37.99999999999994 is 38 (3 units, correct as billed), 7.999999999999972 is 8 (1 unit)', () => {
    expect((t(7, 38) - t(7, 0)) * 1440).not.toBe(38); // the float the workbook holds
    const r = readExport(book([head, row('V1', 38, num(3)), row('V2', 8, num(1))]), 'week.xlsx');
    expect(r.errors).toEqual([]);
    expect(r.visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([38, 8]);
    // Correct as billed (38 minutes over 3 units only averages under 15 minutes: information).
    expect(r.visits.map((v) => evaluate(v.visit).findings.filter((f) => f.severity !== 'info').map((f) => f.rule))).toEqual([[], []]);
  });

  it('only the float noise goes: a real fraction, a units cell that is not whole, and a 13-digit account number stay as written', () => {
    const bytes = book([
      ['Account', ...head],
      [num(1234567890123), ...row('V1', 38, num(3)).slice(0, 6), num(37.6, '0'), num(2.4, '0'), 'GP'],
      [num(1234567890124), ...row('V2', 38, num(3)).slice(0, 6), num(37.6, '0'), num(3), 'GP'],
    ]);
    const sheet = readSheet(bytes);
    expect(typeof sheet !== 'string' && sheet.rows.slice(1).map((r) => r.cells[0])).toEqual(['1234567890123', '1234567890124']);
    const r = readExport(bytes, 'week.xlsx', { mapping: { id: 'Visit ID' } });
    // 2.4 units shown as "2" by the cell's format is still not a whole number of units.
    expect(r.errors.map((e) => e.reason)).toEqual(['visit "V1" skipped: units "2.4" is not a whole number']);
    // 37.6 minutes shown as "38" are 37.6 minutes: the chart's 38-minute boundary is not met.
    expect(r.visits[0]!.visit.entries[0]!.minutes).toBe(37.6);
    expect(rules(r.visits[0]!)).toContain('units.over-billed');
  });
});

describe('837P: the payer of a claim and its frequency code', () => {
  const isa = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260321*1200*^*00501*000000001*0*P*:~';
  const x12 = (...segments: string[]) => [isa, 'ST*837*0001*005010X222A1~HL*1**20*1~PRV*BI*PXC*225100000X~', ...segments, 'SE*20*0001~'].join('');
  const line = (code: string, units: number, date: string) => `LX*1~SV1*HC:${code}*100*UN*${units}***1~DTP*472*D8*${date}~`;

  it('a claim after one with an other-subscriber loop (2330B NM1*PR) keeps its subscriber loop\'s payer, Medicare, and gets the missing-GP error', () => {
    // The red team's h1-837-two-claims-secondary.txt: C1 names AARP as the other (secondary) payer.
    const r = readExport(
      x12(
        'HL*2*1*22*0~SBR*P*18*******MB~NM1*IL*1*BROOK*ADA****MI*W01X~NM1*PR*2*MEDICARE*****PI*12502~',
        'CLM*C1*100***11:B:1*Y*A*Y*Y~SBR*S*18*******CI~OI***Y***Y~NM1*IL*1*BROOK*ADA****MI*X99~NM1*PR*2*AARP SUPPLEMENT*****PI*99999~',
        line('97110', 2, '20260316'),
        'CLM*C2*100***11:B:1*Y*A*Y*Y~',
        line('97110', 2, '20260318'),
      ),
      'claims.txt',
    );
    expect(r.errors).toEqual([]);
    expect(r.visits.map((v) => [v.visit.id, v.visit.payer])).toEqual([['C1', 'MEDICARE'], ['C2', 'MEDICARE']]);
    expect(r.visits.map((v) => rules(v).includes('modifier.discipline-missing'))).toEqual([true, true]);
  });

  it('each subscriber loop has its own payer; a patient loop (HL 23) takes its subscriber\'s, not the last claim\'s other payer', () => {
    const r = readExport(
      x12(
        'HL*2*1*22*1~SBR*P*18*******CI~NM1*IL*1*RAY*BOB****MI*A1~NM1*PR*2*AETNA*****PI*1~',
        'HL*3*2*23*0~NM1*QC*1*RAY*KIM~CLM*K1*100***11:B:1*Y*A*Y*Y~SBR*S*01*******MB~NM1*IL*1*RAY*BOB****MI*B2~NM1*PR*2*MEDICARE*****PI*2~',
        line('97110:GP', 1, '20260316'),
        'HL*4*2*23*0~NM1*QC*1*RAY*LEO~CLM*L1*100***11:B:1*Y*A*Y*Y~',
        line('97110:GP', 1, '20260316'),
        'HL*5*1*22*0~SBR*P*18*******MB~NM1*IL*1*LEE*ANN****MI*C3~NM1*PR*2*MEDICARE*****PI*2~CLM*A1*100***11:B:1*Y*A*Y*Y~',
        line('97110:GP', 1, '20260316'),
      ),
      'claims.txt',
    );
    expect(r.visits.map((v) => [v.visit.id, v.visit.payer])).toEqual([['K1', 'AETNA'], ['L1', 'AETNA'], ['A1', 'MEDICARE']]);
  });

  it('a claim billed to the secondary payer (SBR*S in the subscriber loop) is checked under its primary, named in its SBR*P other-subscriber loop', () => {
    const r = readExport(
      x12(
        'HL*2*1*22*0~SBR*S*18*******CI~NM1*IL*1*BROOK*ADA****MI*X99~NM1*PR*2*AARP SUPPLEMENT*****PI*99999~',
        'CLM*C1*100***11:B:1*Y*A*Y*Y~SBR*P*18*******MB~NM1*IL*1*BROOK*ADA****MI*W01X~NM1*PR*2*MEDICARE*****PI*12502~',
        line('97110', 2, '20260316'),
      ),
      'claims.txt',
    );
    expect(r.visits.map((v) => [v.visit.id, v.visit.payer])).toEqual([['C1', 'MEDICARE']]);
  });

  it('a void claim (CLM05-3 = 8) is not checked: its lines are skipped and counted with the reason', () => {
    // The red team's h2-837-void-claim.txt, with a normal claim after it.
    const r = readExport(
      x12(
        'HL*2*1*22*0~SBR*P*18*******MB~NM1*PR*2*MEDICARE*****PI*12502~',
        'CLM*C1*0***11:B:8*Y*A*Y*Y~REF*F8*ORIGCLAIM123~',
        line('97110:GP', 5, '20260316'),
        line('97140:GP', 1, '20260316'),
        'CLM*C2*100***11:B:1*Y*A*Y*Y~',
        line('97110:GP', 2, '20260318'),
      ),
      'claims.txt',
    );
    expect(r.errors).toEqual([]);
    expect(r.visits.map((v) => v.visit.id)).toEqual(['C2']);
    expect(r.report.rows).toEqual({ total: 3, checked: 1, skipped: 2, refused: 0 });
    expect(r.report.skipped).toEqual([{ reason: 'void', count: 2, lines: [1, 1], examples: ['C1 (CLM05-3 = 8, voids ORIGCLAIM123)'] }]);
    expect(formatReportTail(r.report).join(' ')).toMatch(/; skipped 2 void claim lines \(lines 1, 1, e\.g\. "C1\s+\(CLM05-3 = 8, voids ORIGCLAIM123\)"\)$/);
  });

  it('a replacement claim (CLM05-3 = 7) is checked, and its id says it replaces an earlier claim', () => {
    const r = readExport(
      x12('HL*2*1*22*0~SBR*P*18*******MB~NM1*PR*2*MEDICARE*****PI*12502~', 'CLM*C1*100***11:B:7*Y*A*Y*Y~REF*F8*ORIGCLAIM123~', line('97110', 2, '20260316'), 'CLM*C2*100***11:B:7*Y*A*Y*Y~', line('97110:GP', 2, '20260316')),
      'claims.txt',
    );
    expect(r.visits.map((v) => v.visit.id)).toEqual(['C1 (replaces ORIGCLAIM123)', 'C2 (replacement claim)']);
    expect(rules(r.visits[0]!)).toContain('modifier.discipline-missing');
  });
});

describe('837P: the separators an ISA segment declares (the red team\'s h-837-unpadded.txt)', () => {
  const body = (c: string) =>
    [
      'GS*HC*S*R*20260321*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~HL*1**20*1~PRV*BI*PXC*225100000X~',
      'HL*2*1*22*0~SBR*P*18*******MB~NM1*IL*1*BROOK*ADA****MI*W01X~NM1*PR*2*MEDICARE*****PI*12502~CLM*W01*200***11:B:1*Y*A*Y*Y~',
      `LX*1~SV1*HC${c}97035${c}GP*100*UN*3***1~DTP*472*D8*20260316~LX*2~SV1*HC${c}97140${c}GP*100*UN*1***1~DTP*472*D8*20260316~`,
      `LX*3~SV1*HC${c}97530${c}GP*100*UN*1***1~DTP*472*D8*20260316~SE*20*0001~`,
    ].join('\n');

  it.each([
    ['not padded, component ":"', 'ISA*00**00**ZZ*SUNRISE*ZZ*CH*260321*1200*^*00501*1*0*P*:~', ':'],
    ['not padded, component ">"', 'ISA*00**00**ZZ*SUNRISE*ZZ*CH*260321*1200*^*00501*1*0*P*>~', '>'],
    ['padded, component ">"', 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260321*1200*^*00501*000000001*0*P*>~', '>'],
  ])('%s: the codes and modifiers are read, and the MUE and pair errors found', (_, isa, c) => {
    const r = readExport(`${isa}\n${body(c)}\n`, 'h.txt');
    expect(r.errors).toEqual([]);
    expect(r.visits[0]!.visit.entries.map((e) => [e.code, e.modifiers])).toEqual([
      ['97035', ['GP']],
      ['97140', ['GP']],
      ['97530', ['GP']],
    ]);
    expect(rules(r.visits[0]!)).toEqual(expect.arrayContaining(['mue.exceeded', 'pair.modifier-required']));
  });
});

describe('837P: a service line over a range of dates (the red team\'s aa-837-rd8.txt)', () => {
  const isa = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260321*1200*^*00501*000000001*0*P*:~';
  const claim = (...lines: string[]) =>
    [isa, 'ST*837*0001*005010X222A1~HL*1**20*1~PRV*BI*PXC*225100000X~HL*2*1*22*0~SBR*P*18*******MB~NM1*PR*2*MEDICARE*****PI*1~CLM*W01*200***11:B:1*Y*A*Y*Y~', ...lines, 'SE*20*0001~'].join('');

  it('RD8 over five days is refused with the reason, never checked as its first day (no invented MUE or pair error)', () => {
    const r = readExport(claim('LX*1~SV1*HC:97035:GP*100*UN*3***1~DTP*472*RD8*20260316-20260320~', 'LX*2~SV1*HC:97140:GP*100*UN*1***1~DTP*472*RD8*20260316-20260320~'), 'rd8.txt');
    expect(r.visits).toEqual([]);
    expect(r.errors.map((e) => e.reason)).toEqual([
      'claim "W01": 97035 is dated 2026-03-16 to 2026-03-20 (DTP*472*RD8, a range of days): the units of several days on one line cannot be checked as one day\'s (MUE, pairs); line not checked. Bill each date of service on its own line, or check this line by hand',
      'claim "W01": 97140 is dated 2026-03-16 to 2026-03-20 (DTP*472*RD8, a range of days): the units of several days on one line cannot be checked as one day\'s (MUE, pairs); line not checked. Bill each date of service on its own line, or check this line by hand',
    ]);
    expect(r.report.rows).toMatchObject({ checked: 0, refused: 2 });
  });

  it('RD8 whose two dates are the same is that day; a claim-level range is refused for lines without their own date', () => {
    const one = readExport(claim('LX*1~SV1*HC:97035:GP*100*UN*3***1~DTP*472*RD8*20260316-20260316~'), 'one.txt');
    expect(one.errors).toEqual([]);
    expect(one.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-03-16']);
    expect(rules(one.visits[0]!)).toContain('mue.exceeded');
    const top = readExport(claim('DTP*472*RD8*20260316-20260318~LX*1~SV1*HC:97110:GP*100*UN*2***1~', 'LX*2~SV1*HC:97140:GP*100*UN*1***1~DTP*472*D8*20260317~'), 'top.txt');
    expect(top.errors.map((e) => e.reason.slice(0, 52))).toEqual(['claim "W01": 97110 is dated 2026-03-16 to 2026-03-18']);
    expect(top.visits.map((v) => [v.visit.dateOfService, v.visit.entries.map((e) => e.code)])).toEqual([['2026-03-17', ['97140']]]);
  });
});

describe('.xlsx in the 1904 date system (the red team\'s n-1904.xlsx)', () => {
  function book(serial: number, date1904: boolean): Uint8Array {
    const ws = utils.aoa_to_sheet([
      ['Visit ID', 'Date of Service', 'Payer', 'CPT', 'Minutes', 'Units', 'Modifiers'],
      ['V1', serial, 'Medicare', '97110', 38, 3, 'GP'],
    ]);
    ws['B2']!.z = 'm/d/yyyy';
    const wb = utils.book_new();
    utils.book_append_sheet(wb, ws, 'Charges');
    if (date1904) wb.Workbook = { WBProps: { date1904: true } };
    return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  }

  it('serial 44635 is 2026-03-16 in a 1904 workbook and 2022-03-15 in a 1900 one; 46097 is 2026-03-16 in a 1900 one', () => {
    const dates = (bytes: Uint8Array) => readExport(bytes, 'n.xlsx').visits.map((v) => v.visit.dateOfService);
    expect(dates(book(44635, true))).toEqual(['2026-03-16']);
    expect(dates(book(44635, false))).toEqual(['2022-03-15']);
    expect(dates(book(46097, false))).toEqual(['2026-03-16']);
  });
});
