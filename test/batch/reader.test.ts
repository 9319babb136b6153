import { utils, write } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../lib/batch/decode';
import { detectDelimiter } from '../../lib/batch/csv-stream';
import { looksLikeCombined, parseCombined, parseDate, parseMinutesCell } from '../../lib/batch/cells';
import { formatJsonLine, formatReportHead, formatReportTail } from '../../lib/batch/format';
import { ExportReader, readExport } from '../../lib/batch/reader';
import type { ReadVisit } from '../../lib/batch/report';
import { evaluate } from '../../lib/rules/evaluate';
import { Evaluation } from '../../lib/model';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const rules = (v: ReadVisit) => evaluate(v.visit).findings.map((f) => f.rule);

describe('decode: encoding', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  it('UTF-8 with and without BOM, Windows-1252 when not valid UTF-8, UTF-16 by BOM, and says why', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x41), true)).toMatchObject({ encoding: 'utf-8', bom: 3, how: 'UTF-8 with a byte-order mark' });
    expect(detectEncoding(new TextEncoder().encode('Jos\u00e9'), true).encoding).toBe('utf-8');
    expect(detectEncoding(bytes(0x61, 0x0a, 0x4a, 0x6f, 0x73, 0xe9, 0x0a), true)).toMatchObject({ encoding: 'windows-1252', how: 'Windows-1252: not valid UTF-8 (line 2)' });
    expect(detectEncoding(bytes(0xff, 0xfe, 0x41, 0x00), true)).toMatchObject({ encoding: 'utf-16le', bom: 2 });
    // A UTF-8 sequence cut by the end of the sample is not a reason to call the file Windows-1252.
    expect(detectEncoding(bytes(0x41, 0xc3), false).encoding).toBe('utf-8');
    expect(detectEncoding(bytes(0x41, 0xe9), true, 'utf-8').how).toBe('UTF-8 (chosen)');
  });

  it('decodes Windows-1252 names, and reports (not hides) bytes further down that are not UTF-8', () => {
    const head = `Visit ID,Date,Payer,CPT,Minutes,Patient\n${'V1,2026-03-16,Medicare,97110,23,Ann\n'.repeat(8000)}`;
    const late = new Uint8Array([...new TextEncoder().encode(head), ...new TextEncoder().encode('V2,2026-03-16,Medicare,97110,23,Jos'), 0xe9, 0x0a]);
    const r = readExport(late, 'late.csv');
    expect(r.report.encoding).toBe('UTF-8 (no byte-order mark; plain ASCII at the start)');
    expect(r.report.notes.some((n) => /1 character was not valid UTF-8/.test(n))).toBe(true);
    const forced = readExport(late, 'late.csv', { encoding: 'windows-1252' });
    expect(forced.report.notes.some((n) => /not valid UTF-8/.test(n))).toBe(false);
  });
});

describe('table: delimiter, header, skipped rows', () => {
  it('detects comma, semicolon, tab and pipe by consistent cell counts, past title lines', () => {
    const body = (d: string) => `Charge report, week 12\n\n${['Visit', 'DOS', 'Payer', 'CPT'].join(d)}\n${['V1', '3/16/2026', 'Medicare', '97110'].join(d)}\n`;
    expect(detectDelimiter(body(','))?.delimiter).toBe(',');
    expect(detectDelimiter(body(';'))?.delimiter).toBe(';');
    expect(detectDelimiter(body('\t'))?.delimiter).toBe('\t');
    expect(detectDelimiter(body('|'))?.delimiter).toBe('|');
    expect(detectDelimiter('a;b;"c,d,e"\n1;2;3\n')?.delimiter).toBe(';');
  });

  it('a "Grand total" row is not a 13th visit and a daily total is not a line of the last visit', () => {
    const text = csv(
      'Visit ID,Date,Payer,CPT,Minutes,Units,Modifiers',
      'V1,3/16/2026,Medicare,97110,30,2,GP',
      ',,,Daily total,30,2,',
      'V2,3/17/2026,Medicare,97110,30,2,GP',
      'Total for 3/17/2026,,,,30,2,',
      'Grand Total:,,,,60,4,',
    );
    const { visits, errors, report } = readExport(text, 'x.csv');
    expect(errors).toEqual([]);
    expect(visits.map((v) => [v.visit.id, v.visit.entries.length])).toEqual([
      ['V1', 1],
      ['V2', 1],
    ]);
    expect(report.skipped).toEqual([{ reason: 'total', count: 3, lines: [3, 5, 6], examples: ['Daily total', 'Total for 3/17/2026', 'Grand Total:'] }]);
    // A description that starts with "Total" is a line item when the row has a code.
    const knee = readExport(csv('Visit ID,Date,Payer,CPT,Description,Minutes', 'V1,3/16/2026,Aetna,97110,Total knee rehab,30'), 'k.csv');
    expect(knee.visits[0]!.visit.entries[0]!.label).toBe('Total knee rehab');
  });

  it('says clearly when no header row can be found, and counts every row as not checked', () => {
    const { visits, errors, report } = readExport(csv('a,b,c', '1,2,3', '4,5,6'), 'nohead.csv');
    expect(visits).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.reason).toMatch(/^cannot find the header row in the first 3 rows: .*line 1 has "a", "b", "c"$/);
    expect(report.rows).toEqual({ total: 3, checked: 0, skipped: 0, refused: 3 });
    // --header-line picks it.
    expect(readExport(csv('x', 'Visit ID,DOS,Payer,CPT', 'V1,3/16/2026,Medicare,97110'), 'h.csv', { headerLine: 2 }).visits).toHaveLength(1);
  });
});

describe('mapping: by name, by content, by choice', () => {
  it('"Primary Insurance" is the payer: an Aetna visit is judged per code, not by the Medicare rule', () => {
    const text = csv('Encounter,Svc Date,Primary Insurance,CPT,Tx Minutes,Units', 'E1,03/16/2026,Aetna,97110,20,1', 'E1,03/16/2026,Aetna,97140,20,1');
    const { visits, report } = readExport(text, 'x.csv');
    expect(visits[0]!.visit).toMatchObject({ payer: 'Aetna', dateOfService: '2026-03-16' });
    const e = evaluate(visits[0]!.visit);
    // Per code: 20 minutes each → 1 unit each (rules-reference §2); CMS would say 3 units for 40 minutes.
    expect(e.method).toBe('per-code');
    expect(e.totalTimedUnits).toBe(2);
    expect(report.columns.map((c) => [c.name, c.role, c.how])).toEqual([
      ['Encounter', 'id', 'name'],
      ['Svc Date', 'date', 'name'],
      ['Primary Insurance', 'payer', 'name'],
      ['CPT', 'code', 'name'],
      ['Tx Minutes', 'minutes', 'name'],
      ['Units', 'units', 'name'],
    ]);
  });

  it('a "Time" column of 10:30s is an appointment time, never 630 minutes; with no other minutes column the report says the 8-minute rule is not checked', () => {
    const text = csv('Visit ID,Date,Payer,Time,CPT,Units,Modifiers', 'V1,3/16/2026,Medicare,10:30,97110,2,GP', 'V2,3/16/2026,Medicare,14:15,97110,2,GP', 'V3,3/16/2026,Medicare,9:00,97110,2,GP');
    const { visits, report } = readExport(text, 'x.csv');
    expect(visits.every((v) => v.visit.entries[0]!.minutes === undefined)).toBe(true);
    expect(report.columns[3]).toMatchObject({ name: 'Time', note: 'named like minutes but holds clock times (10:30): an appointment time, not minutes' });
    expect(report.minutes).toBe(false);
    expect(report.notes).toContain('no minutes column: units are taken as billed and the 8-minute rule is not checked; pairs, MUEs and modifiers are');
    // With 9:05 AM style times too.
    expect(readExport(csv('Visit ID,Date,Payer,CPT,Time', 'V1,3/16/2026,Medicare,97110,9:05 AM'), 'y.csv').report.columns[4]!.role).toBeUndefined();
    // h:mm under a name that says only "Time" is a time of day (1:30 is an afternoon appointment),
    // even when it could be a duration: the report says how to read it as minutes.
    const short = csv('Visit ID,Date,Payer,CPT,Time', 'V1,3/16/2026,Medicare,97110,1:33', 'V2,3/16/2026,Medicare,97110,1:05');
    expect(readExport(short, 'z.csv').visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([undefined, undefined]);
    expect(readExport(short, 'z.csv').report.columns[4]!.note).toMatch(/if they are durations: --map minutes="Time"$/);
    expect(readExport(short, 'z.csv', { mapping: { minutes: 'Time' } }).visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([93, 65]);
    // Under a duration's name they are minutes.
    expect(readExport(short.replace(',Time', ',Treatment Time'), 'z.csv').visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([93, 65]);
    // No clinic's appointments are mostly at 0:xx: such a column holds durations, whatever its name.
    expect(readExport(short.replace('1:33', '0:33').replace('1:05', '0:50'), 'z.csv').visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([33, 50]);
  });

  it('finds date, code and payer columns by content when their names say nothing', () => {
    const text = csv('Ref,When,Who pays,Item,Mins', 'V1,03/16/2026,Medicare Part B,97110,23', 'V2,03/17/2026,BCBS PPO,97140,15');
    const { visits, report } = readExport(text, 'x.csv');
    expect(report.columns.map((c) => [c.role, c.how])).toEqual([
      [undefined, undefined],
      ['date', 'content'],
      ['payer', 'content'],
      ['code', 'content'],
      ['minutes', 'name'],
    ]);
    // No visit id: "Ref" is not named like one, so the message says what is missing.
    expect(visits).toEqual([]);
    const fixed = readExport(text, 'x.csv', { mapping: { id: 'Ref' } });
    expect(fixed.visits.map((v) => [v.visit.id, v.visit.payer, v.visit.dateOfService, v.visit.entries[0]!.code])).toEqual([
      ['V1', 'Medicare Part B', '2026-03-16', '97110'],
      ['V2', 'BCBS PPO', '2026-03-17', '97140'],
    ]);
    expect(fixed.report.columns[0]).toMatchObject({ role: 'id', how: 'chosen' });
  });

  it('a required field it cannot find is a message naming the columns seen, never a silent guess; none can be chosen', () => {
    const text = csv('Visit ID,Date,CPT,Minutes', 'V1,3/16/2026,97110,30');
    const r = readExport(text, 'x.csv');
    expect(r.visits).toEqual([]);
    expect(r.errors).toEqual([{ file: 'x.csv', line: 1, reason: 'cannot read this export: no column for payer (columns seen: "Visit ID", "Date", "CPT", "Minutes")', missing: ['payer'] }]);
    const none = readExport(text, 'x.csv', { mapping: { payer: null } });
    expect(none.visits).toHaveLength(1);
    expect(rules(none.visits[0]!)).toContain('payer.missing');
    const bad = readExport(text, 'x.csv', { mapping: { minutes: 'Tx Minutes' } });
    expect(bad.errors[0]!.reason).toBe('cannot use the mapping: no column "Tx Minutes" for minutes (columns seen: "Visit ID", "Date", "CPT", "Minutes")');
  });

  it('--map moves a field to another column: the one it replaces is then ignored', () => {
    const text = csv('Visit ID,Date,Payer,CPT,Minutes,Billed Minutes', 'V1,3/16/2026,Medicare,97110,45,30');
    const r = readExport(text, 'x.csv', { mapping: { minutes: 'Billed Minutes' } });
    expect(r.visits[0]!.visit.entries[0]!.minutes).toBe(30);
    expect(r.report.columns[4]).toMatchObject({ name: 'Minutes', note: 'another column is minutes' });
  });

  it('Epic-style names: SERVICE_DATE, PAYOR_NAME, PROCEDURE_QUANTITY, TIMED_MINUTES, MODIFIER_ONE/TWO', () => {
    const text = csv('PAT_ENC_CSN_ID,SERVICE_DATE,PAYOR_NAME,PROV_SPECIALTY,CPT_CODE,TIMED_MINUTES,PROCEDURE_QUANTITY,MODIFIER_ONE,MODIFIER_TWO', '8812,3/16/2026,MEDICARE,Physical Therapy,97140,12,1,GP,59');
    const { visits, errors } = readExport(text, 'epic.csv');
    expect(errors).toEqual([]);
    expect(visits[0]!.visit).toEqual({ id: '8812', payer: 'MEDICARE', discipline: 'PT', dateOfService: '2026-03-16', entries: [{ code: '97140', minutes: 12, units: 1, modifiers: ['GP', '59'], fieldKey: 'line:2' }] });
  });
});

describe('visits: empty modifier cells, layouts, locale', () => {
  it('an empty modifier cell is "no modifier": a Medicare line gets the missing GP finding, as the same visit in JSON does', () => {
    const text = csv('Visit ID,Date,Payer,Discipline,CPT,Minutes,Units,Modifier', 'V1,3/16/2026,Medicare,PT,97110,24,2,');
    const fromCsv = readExport(text, 'x.csv').visits[0]!;
    expect(fromCsv.visit.entries[0]!.modifiers).toEqual([]);
    const fromJson = readExport(JSON.stringify({ id: 'V1', dateOfService: '2026-03-16', payer: 'Medicare', discipline: 'PT', entries: [{ code: '97110', minutes: 24, units: 2, modifiers: [] }] }), 'v.json').visits[0]!;
    // CPM §20.1: every therapy line of a Medicare claim carries GP, GO or GN.
    expect(rules(fromCsv)).toContain('modifier.discipline-missing');
    expect(rules(fromCsv)).toEqual(rules(fromJson));
    // Without a modifier column at all, nothing is said about modifiers (the form has none).
    const noColumn = readExport(csv('Visit ID,Date,Payer,Discipline,CPT,Minutes,Units', 'V1,3/16/2026,Medicare,PT,97110,24,2'), 'y.csv').visits[0]!;
    expect(noColumn.visit.entries[0]!.modifiers).toBeUndefined();
    expect(rules(noColumn)).not.toContain('modifier.discipline-missing');
  });

  it('combined cells: one or several line items with modifiers, units and minutes', () => {
    expect(parseCombined('97110-GP x2 (33 min)')).toEqual([{ code: '97110', modifiers: ['GP'], units: 2, minutes: 33 }]);
    expect(parseCombined('97140-GP-59 ×1 (7 minutes); 97530 GO x2 (25)')).toEqual([
      { code: '97140', modifiers: ['GP', '59'], units: 1, minutes: 7 },
      { code: '97530', modifiers: ['GO'], units: 2, minutes: 25 },
    ]);
    expect(parseCombined('97110 x2')).toEqual([{ code: '97110', modifiers: [], units: 2 }]);
    expect(parseCombined('therapeutic exercise')).toBeNull();
    expect(looksLikeCombined('97110')).toBe(false);
    const r = readExport(csv('Visit,Date,Payer,Services', 'V1,3/16/2026,Medicare,"97110-GP x2 (33 min); 97140-GP x1 (7 min)"', 'V2,3/16/2026,Medicare,97110-GP x2 (thirty)'), 'c.csv');
    expect(r.visits[0]!.visit.entries.map((e) => [e.code, e.units, e.minutes, e.fieldKey])).toEqual([
      ['97110', 2, 33, 'line:2:1'],
      ['97140', 1, 7, 'line:2:2'],
    ]);
    expect(r.errors).toEqual([{ file: 'c.csv', line: 3, reason: 'visit "V2" skipped: cannot read "97110-GP x2 (thirty)" as code-modifiers ×units (minutes), like "97110-GP x2 (33 min)"' }]);
  });

  it('wide layout: numbered line items, empty ones left out, an empty Mod cell is no modifier', () => {
    const text = csv('Visit ID,Date,Payer,CPT 1,Min 1,Units 1,Mod 1,CPT 2,Min 2,Units 2,Mod 2,CPT 3,Min 3,Units 3,Mod 3', 'V1,3/16/2026,Medicare,97110,33,2,GP,97140,7,1,,,,,');
    const { visits, report } = readExport(text, 'w.csv');
    expect(report.layout).toBe('wide');
    expect(visits[0]!.visit.entries).toEqual([
      { code: '97110', minutes: 33, units: 2, modifiers: ['GP'], fieldKey: 'line:2:1' },
      { code: '97140', minutes: 7, units: 1, modifiers: [], fieldKey: 'line:2:2' },
    ]);
  });

  it('locale: day-first dates when a day is over 12, decimal commas, two-digit years, date-times; forced when asked', () => {
    expect(parseDate('03/16/26', 'mdy')).toBe('2026-03-16');
    expect(parseDate('2026-03-16 00:00:00', 'mdy')).toBe('2026-03-16');
    expect(parseDate('2026-03-16T00:00:00Z', 'dmy')).toBe('2026-03-16');
    expect(parseDate('16.03.2026', 'dmy')).toBe('2026-03-16');
    expect(parseDate('16-Mar-2026', 'mdy')).toBe('2026-03-16');
    expect(parseDate('02/30/2026', 'mdy')).toBeNull();
    expect(parseMinutesCell('7,5', true)).toEqual({ ok: true, minutes: 7.5 });
    expect(parseMinutesCell('10:30 AM', false).ok).toBe(false);
    const eu = csv('Visit ID;Date;Payer;CPT;Minutes;Units', 'V1;04.03.2026;Aetna;97110;23,0;2,0', 'V2;16.03.2026;Aetna;97110;8;1');
    const r = readExport(eu, 'eu.csv');
    expect(r.report).toMatchObject({ delimiter: ';', dateOrder: 'dmy', decimalComma: true });
    expect(r.visits[0]!.visit).toMatchObject({ dateOfService: '2026-03-04', entries: [{ minutes: 23, units: 2 }] });
    // Nothing says which order: slashes are read month first, and the report says so.
    const us = readExport(csv('Visit ID,Date,Payer,CPT', 'V1,03/04/2026,Aetna,97110'), 'us.csv');
    expect(us.visits[0]!.visit.dateOfService).toBe('2026-03-04');
    expect(us.report.notes[0]).toMatch(/^dates read month first \(03\/04\/2026 = March 4\): no date in the first rows has a day over 12/);
    expect(readExport(csv('Visit ID,Date,Payer,CPT', 'V1,03/04/2026,Aetna,97110'), 'us.csv', { dateOrder: 'dmy' }).visits[0]!.visit.dateOfService).toBe('2026-04-03');
  });

  it('rows of a visit far apart: checked once, and a late row is an error, never silently a second visit', () => {
    const rows = ['Visit ID,Date,Payer,CPT,Minutes'];
    rows.push('A,3/16/2026,Aetna,97110,23');
    for (let i = 0; i < 20; i++) rows.push(`B${i},3/16/2026,Aetna,97110,23`);
    rows.push('A,3/16/2026,Aetna,97140,10');
    const r = readExport(csv(...rows), 'far.csv', { window: 5 });
    expect(r.visits.filter((v) => v.visit.id === 'A')).toHaveLength(1);
    expect(r.errors).toEqual([{ file: 'far.csv', line: 23, reason: expect.stringMatching(/^visit "A" was already checked \(it starts on line 2\) and this row is more than 5 rows after its last one; row not checked/) }]);
    expect(r.report.rows).toMatchObject({ total: 22, checked: 21, refused: 1 });
    // Within the window, the visit gets both lines.
    expect(readExport(csv(...rows), 'far.csv').visits.find((v) => v.visit.id === 'A')!.visit.entries).toHaveLength(2);
  });
});

describe('other inputs: .xlsx and 837P', () => {
  function workbook(): Uint8Array {
    const wb = utils.book_new();
    utils.book_append_sheet(wb, utils.aoa_to_sheet([['Report run 3/21/2026']]), 'Cover');
    const ws = utils.aoa_to_sheet([
      ['Visit ID', 'DOS', 'Payer', 'CPT', 'Minutes', 'Units', 'Mod 1'],
      ['V1', 46097, 'Medicare', 97110, 0.0229166667, 2.0, 'GP'],
    ]);
    ws.B2!.z = 'mm/dd/yy';
    ws.E2!.z = 'h:mm';
    utils.book_append_sheet(wb, ws, 'Charges');
    return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  }

  it('reads the chosen sheet: date cells as dates, h:mm cells as durations, numbers as numbers', () => {
    const r = readExport(workbook(), 'book.xlsx', { sheet: 'charges' });
    expect(r.errors).toEqual([]);
    expect(r.report).toMatchObject({ format: 'xlsx', sheet: 'Charges', sheets: ['Cover', 'Charges'] });
    expect(r.visits[0]!.visit).toMatchObject({ dateOfService: '2026-03-16', entries: [{ code: '97110', minutes: 33, units: 2, modifiers: ['GP'] }] });
  });

  it('names the sheets when the one asked for is not there, and the first sheet is not a table', () => {
    expect(readExport(workbook(), 'book.xlsx', { sheet: 'Visits' }).errors[0]!.reason).toBe('the workbook has no sheet "Visits" (sheets: "Cover", "Charges")');
    expect(readExport(workbook(), 'book.xlsx').errors[0]!.reason).toMatch(/^cannot find the header row/);
  });

  const x12 = [
    'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260321*1200*^*00501*000000001*0*P*:~',
    'ST*837*0001*005010X222A1~HL*1**20*1~PRV*BI*PXC*225X00000X~HL*2*1*22*0~NM1*PR*2*MEDICARE*****PI*1~',
    'CLM*C1*300***11:B:1*Y*A*Y*Y~LX*1~SV1*HC:97530:GO*100*UN*2***1~DTP*472*D8*20260316~LX*2~SV1*HC:97535*100*UN*1***1~DTP*472*D8*20260316~',
    'LX*3~SV1*HC:97530:GO*100*UN*1***1~DTP*472*D8*20260317~',
    'HL*3*1*22*0~NM1*PR*2*AETNA*****PI*2~CLM*C2*100***11:B:1*Y*A*Y*Y~PRV*PE*PXC*225100000X~LX*1~SV1*HC:97110:GP*100*MJ*23***1~DTP*472*D8*20260318~SE*20*0001~',
  ].join('');

  it('837P: a claim per visit and date; payer from NM1*PR, discipline from the taxonomy, no minutes (MJ is minutes)', () => {
    const r = readExport(x12, 'claims.txt');
    expect(r.errors).toEqual([]);
    expect(r.visits.map((v) => v.visit)).toEqual([
      { id: 'C1 2026-03-16', payer: 'MEDICARE', discipline: 'OT', dateOfService: '2026-03-16', entries: [{ code: '97530', modifiers: ['GO'], units: 2, fieldKey: 'line:1' }, { code: '97535', modifiers: [], units: 1, fieldKey: 'line:1' }] },
      { id: 'C1 2026-03-17', payer: 'MEDICARE', discipline: 'OT', dateOfService: '2026-03-17', entries: [{ code: '97530', modifiers: ['GO'], units: 1, fieldKey: 'line:1' }] },
      { id: 'C2', payer: 'AETNA', discipline: 'PT', dateOfService: '2026-03-18', entries: [{ code: '97110', modifiers: ['GP'], minutes: 23, fieldKey: 'line:1' }] },
    ]);
    // The 97535 line has no GO: Medicare's modifier rule runs on an 837P too.
    expect(rules(r.visits[0]!)).toContain('modifier.discipline-missing');
    expect(r.report).toMatchObject({ format: '837p', minutes: false, rows: { total: 4, checked: 4, skipped: 0, refused: 0 } });
  });
});

describe('streaming and output', () => {
  it('pushed in chunks of any size, a file reads the same as whole (records and UTF-8 characters cut across chunks)', () => {
    const text = new TextEncoder().encode(
      `\ufeffVisit ID,Patient,Date,Payer,CPT,Description,Minutes,Units,Modifiers\r\n${Array.from({ length: 40 }, (_, i) => `V${i},José,3/16/2026,Medicare,97110,"Therex, ""knee""\r\nand hip",${20 + (i % 20)},2,GP\r\n`).join('')}`,
    );
    const whole = readExport(text, 'x.csv');
    for (const size of [1, 7, 64, 1000]) {
      const got: ReadVisit[] = [];
      const reader = new ExportReader('x.csv', {}, { visit: (v) => got.push(v), error: (e) => expect.fail(e.reason) });
      for (let i = 0; i < text.length; i += size) reader.push(text.subarray(i, i + size));
      reader.end();
      expect(got).toEqual(whole.visits);
    }
    expect(whole.visits).toHaveLength(40);
    expect(whole.visits[1]!.line).toBe(4);
    expect(whole.visits[1]!.visit.entries[0]!.label).toBe('Therex, "knee"\r\nand hip');
  });

  it('JSON output carries the visit id, date of service, payer, discipline and method', () => {
    const visit = { id: 'V1', dateOfService: '2026-03-16', payer: 'Aetna', discipline: 'PT' as const, entries: [{ code: '97110', minutes: 20, units: 1 }] };
    const line = JSON.parse(formatJsonLine(evaluate(visit), visit));
    expect(line).toMatchObject({ id: 'V1', dateOfService: '2026-03-16', payer: 'Aetna', discipline: 'PT', method: 'per-code' });
    expect(Evaluation.safeParse(line).success).toBe(true);
  });

  it('the report in words: columns, what was skipped and why', () => {
    const { report } = readExport(csv('Charges', 'Visit ID,Date,Payer,Time,CPT,Mins', 'V1,3/16/2026,Medicare,10:30,97110,23', 'Grand total,,,,,23'), 'r.csv');
    expect(formatReportHead(report)).toEqual([
      'r.csv: read as delimited text (comma-separated); header on line 2; one row per line item',
      '  columns: "Visit ID" → visit id · "Date" → date of service · "Payer" → payer · "Time" ignored',
      '    (clock times (10:30): an appointment time, not minutes) · "CPT" → code · "Mins" → minutes',
    ]);
    expect(formatReportTail(report)).toEqual(['r.csv: 3 rows: 1 checked in 1 visit; skipped 1 title or page line (line 1, e.g. "Charges"); 1 total', '    or subtotal row (line 4, e.g. "Grand total")']);
  });
});
