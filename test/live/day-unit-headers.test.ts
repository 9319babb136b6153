// @vitest-environment happy-dom
// A flowsheet whose day's header spans its "Min | Units" columns in the header row below, no
// session row between ("10/30/2026 | 11/02/2026" over "Min | Units | Min | Units"). Before, each
// column's header was "Min" or "Units", no day: the first Min column was read whatever its day
// (10/30's printed 25 minutes where both days were boxes), and every visit undated (dos.missing).
import { describe, expect, it } from 'vitest';
import { onPagesOf } from './clock';
import { checked, read } from './vendor-pages';

onPagesOf('2026-11-04T12:00:00');

/** A flowsheet of Ann Lee's under `thead`; a cell "=v" is a box, else text. */
const flowsheet = (thead: string, rows: string[][]) => `<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
  <table><thead>${thead}</thead><tbody>
  ${rows.map(([name, ...cells]) => `<tr><td>${name}</td>${cells.map((c) => `<td>${c.startsWith('=') ? `<input value="${c.slice(1)}">` : c}</td>`).join('')}</tr>`).join('')}
  </tbody></table>`;
const TWO_DAYS = '<tr><th rowspan="2">Intervention</th><th colspan="2">10/30/2026</th><th colspan="2">11/02/2026</th></tr><tr><th>Min</th><th>Units</th><th>Min</th><th>Units</th></tr>';
const visits = (html: string) => checked(read(html)).map((v) => [v.date, v.lines]);

describe('"11/02/2026" over "Min | Units"', () => {
  it('the earlier day printed, the latest typed in: the latest day\'s lines, dated by it', () => {
    expect(visits(flowsheet(TWO_DAYS, [['97110 Ther Ex', '25', '2', '=18', '=1'], ['97140 Manual', '10', '1', '=12', '=1']]))).toEqual([['2026-11-02', ['97110 18/1', '97140 12/1']]]);
  });

  it('both days boxes: the latest day\'s, not the first Min column\'s (10/30\'s 25 minutes)', () => {
    expect(visits(flowsheet(TWO_DAYS, [['97110 Ther Ex', '=25', '=2', '=18', '=1']]))).toEqual([['2026-11-02', ['97110 18/1']]]);
  });

  it('one day: dated by it', () => {
    expect(visits(flowsheet('<tr><th rowspan="2">Intervention</th><th colspan="2">11/02/2026</th></tr><tr><th>Min</th><th>Units</th></tr>', [['97110 Ther Ex', '=18', '=1']]))).toEqual([['2026-11-02', ['97110 18/1']]]);
  });

  it('a grouping header that is no day ("Therapist: J. Smith PT" over "Min | Units"): no day made up', () => {
    const head = '<tr><th rowspan="2">Intervention</th><th colspan="2">Therapist: J. Smith PT</th></tr><tr><th>Min</th><th>Units</th></tr>';
    expect(visits(flowsheet(head, [['97110 Ther Ex', '=18', '=1']]))).toEqual([[undefined, ['97110 18/1']]]);
  });
});
