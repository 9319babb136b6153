// @vitest-environment happy-dom
// A report's own date ("Run date: 01/05/2027", "Report date", "Date generated") is no date of
// service (found by the review-s49 pass). Before, it was the page's date of service: a printed
// log's year-less "02/03" row was dated 2027-02-03, in the future, nothing said.
import { expect, it } from 'vitest';
import { onPagesOf } from './clock';
import { checked, read } from './vendor-pages';

onPagesOf('2026-11-04T12:00:00');

const row = (day: string, code: string) => `<tr><td>${day}</td><td>Ann Lee</td><td>${code}</td><td><input value="10"></td><td><input value="1"></td><td><input value="GP"></td></tr>`;
const log = (line: string) =>
  `<h1>Therapy log</h1>${line}<p>Payer: Medicare Part B</p><table><thead><tr><th>Date</th><th>Patient</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${row('02/02', '97110')}${row('02/03', '97112')}</tbody></table>`;

it.each(['<h3>Run date: 01/05/2027</h3>', '<p>Run date: 01/05/2027</p>', '<p>Report date: 01/05/2027</p>', '<p>Date generated: 01/05/2027</p>'])('%s: no visit dated by it', (line) => {
  expect(checked(read(log(line))).map((v) => [v.date, v.lines])).toEqual([
    [undefined, ['97110 10/1 GP']],
    [undefined, ['97112 10/1 GP']],
  ]);
});

it('a "Date of service: 02/03/2026" line beside it still dates the log', () => {
  expect(checked(read(log('<p>Run date: 01/05/2027</p><p>Date of service: 02/03/2026</p>'))).map((v) => v.date)).toContain('2026-02-03');
});
