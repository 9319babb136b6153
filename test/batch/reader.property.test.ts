import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExportReader } from '../../lib/batch/reader';
import type { ReadError, ReadVisit } from '../../lib/batch/report';
import { Visit } from '../../lib/model';
import { evaluate } from '../../lib/rules/evaluate';

// Any table, any header names: never a crash, never a silent drop. Every row below the header
// is in a visit that was checked, skipped with a reason, or not checked with a message.

const KNOWN = ['Visit ID', 'Encounter', 'Patient', 'Date', 'Svc Date', 'SERVICE_DATE', 'Payer', 'Primary Insurance', 'Discipline', 'CPT', 'Code', 'Charge', 'Description', 'Minutes', 'Mins', 'Time', 'Units', 'Qty', 'Modifier', 'Modifier 1', 'MODIFIER_TWO', 'CPT 1', 'Min 1', 'CPT 2', 'Units 2', 'Total', 'DOB', 'constructor', '__proto__'];
const CELLS = ['', '', 'V1', 'V2', 'A-3', '3/16/2026', '16.03.2026', '2026-03-16 00:00:00', '02/30/2026', 'Medicare', 'Aetna', 'PT', 'OT', 'Chiro', '97110', '97140', 'G0283', '9711', '23', '0:33', '10:30', '9:05 AM', '2.0', '2,0', '1.5', 'GP', 'GP 59', 'TOOLONG', '97110-GP x2 (33 min)', 'Daily total', 'Grand total', 'Page 2 of 3', 'twenty', '-5', '999999', 'constructor', '__proto__', 'toString'];

const cell = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...CELLS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom('a,b', 'x "y"', 'two\nlines', 'é', '\t', ';', '|') });
const headerCell = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KNOWN) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });

function serialise(rows: string[][], delimiter: string, eol: string): string {
  const q = (c: string) => (/[",\r\n;\t|]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(q).join(delimiter)).join(eol) + eol;
}

function read(text: string, chunk: number, name = 'fuzz.csv') {
  const visits: ReadVisit[] = [];
  const errors: ReadError[] = [];
  const reader = new ExportReader(name, {}, { visit: (v) => visits.push(v), error: (e) => errors.push(e) });
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += chunk) reader.push(bytes.subarray(i, i + chunk));
  const report = reader.end();
  return { visits, errors, report };
}

describe('the reader on any table (fast-check)', () => {
  it('never throws; every row is checked, skipped with a reason, or not checked with a message', () => {
    fc.assert(
      fc.property(
        fc.array(headerCell, { minLength: 1, maxLength: 9 }),
        fc.array(fc.array(cell, { minLength: 0, maxLength: 10 }), { maxLength: 14 }),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.constantFrom('Charge report', 'Week 12', ''), { maxLength: 2 }),
        fc.integer({ min: 1, max: 300 }),
        (header, body, delimiter, eol, titles, chunk) => {
          const table = [...titles.map((t) => [t]), header, ...body];
          const text = serialise(table, delimiter, eol);
          const { visits, errors, report } = read(text, chunk);
          const { total, checked, skipped, refused } = report.rows;
          expect(checked + skipped + refused).toBe(total);
          if (refused > 0) expect(errors.length).toBeGreaterThan(0);
          for (const e of errors) {
            expect(e.file).toBe('fuzz.csv');
            expect(e.reason.length).toBeGreaterThan(10);
          }
          for (const s of report.skipped) expect(s.count).toBeGreaterThan(0);
          // Everything handed on is a valid visit the engine can evaluate.
          for (const { visit } of visits) {
            expect(Visit.safeParse(visit).success).toBe(true);
            evaluate(visit);
          }
          expect(report.visits).toBe(visits.length);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('with the fields it needs named, every row with a code becomes a line item of a checked visit', () => {
    const row = fc.record({
      id: fc.constantFrom('V1', 'V2', 'V3', 'V4'),
      date: fc.constantFrom('3/16/2026', '03/17/26', '2026-03-18'),
      payer: fc.constantFrom('Medicare', 'Aetna', 'BCBS'),
      code: fc.constantFrom('97110', '97112', '97140', '97530', '92507'),
      minutes: fc.oneof(fc.integer({ min: 0, max: 90 }).map(String), fc.constantFrom('0:33', '1:05', '', 'twenty')),
      units: fc.oneof(fc.integer({ min: 0, max: 6 }).map(String), fc.constantFrom('', '2.0')),
      modifiers: fc.constantFrom('', 'GP', 'GO', 'GP 59', 'GN'),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), fc.constantFrom(',', ';', '\t', '|'), fc.integer({ min: 1, max: 200 }), (rows, delimiter, chunk) => {
        const text = serialise(
          [['Visit ID', 'Date of Service', 'Payer', 'CPT', 'Minutes', 'Units', 'Modifiers'], ...rows.map((r) => [r.id, r.date, r.payer, r.code, r.minutes, r.units, r.modifiers])],
          delimiter,
          '\n',
        );
        const { visits, errors, report } = read(text, chunk);
        // A visit whose rows disagree on the date or payer is refused with a message; the rest are checked.
        const refusedIds = new Set(errors.map((e) => /^visit "([^"]+)"/.exec(e.reason)?.[1]));
        expect(errors.every((e) => /differs from .* on an earlier row of the same visit(?:$|: "Visit ID" holds one id for several dates of service)/.test(e.reason))).toBe(true);
        const expectedRows = rows.filter((r) => !refusedIds.has(r.id)).length;
        expect(report.rows.checked).toBe(expectedRows);
        expect(visits.reduce((n, v) => n + v.visit.entries.length, 0)).toBe(expectedRows);
        // An empty modifier cell is "no modifier", never unknown.
        for (const v of visits) for (const e of v.visit.entries) expect(Array.isArray(e.modifiers)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
