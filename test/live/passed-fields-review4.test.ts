// @vitest-environment happy-dom
// Review of 49ad25b: sent vs a fresh read of the page as it is (all held there; kept as guards).
import { describe, expect, it } from 'vitest';
import { freshFacts, sentFacts, typeThrough, typing } from './read-page';

const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1>';
const FORM = '<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td><input value="24"></td><td><input value="2"></td></tr></tbody></table>';
const run = async (html: string, sel: string, text: string) => {
  const { sent } = await typeThrough(html, typing(sel, text));
  expect(sentFacts(sent)).toEqual(freshFacts());
};

describe('a box named only by the text beside it, with a placeholder that names nothing', () => {
  it('date, H1 dated', () => run(`${H1}<p>Date of service: <input id="d" placeholder="mm/dd/yyyy"></p>${FORM}`, '#d', '11/04/2026'));
  it('date after the table', () => run(`${H1}${FORM}<div>Date of service: <input id="d" placeholder="mm/dd/yyyy"></div>`, '#d', '11/04/2026'));
  it('payer after the table, label in a span', () => run(`${H1}${FORM}<div><span>Insurance</span><input id="p" placeholder="e.g. BCBS"></div>`, '#p', 'Medicare'));
  it('minutes of a card line', () => run(`${H1}<div class="line"><div>97140 Manual therapy</div><div>Minutes: <input id="m" placeholder="0"></div></div>`, '#m', '38'));
  it('layout row comment holding the visit date', () => run(`${H1}${FORM}<table><tr><td>Notes</td><td><input id="n"></td></tr></table>`, '#n', 'DOS: 11/04/2026'));
  it('payer in comment', () => run(`${FORM}<p>Visit comment: <input id="n"></p>`, '#n', 'Payer: Aetna'));
});

describe('a Notes column in a row read', () => {
  const T = (rows: string) => `${H1}<table><thead><tr><th>Service</th><th>Minutes</th><th>Notes</th></tr></thead><tbody>${rows}</tbody></table>`;
  it('code typed in the notes of a line named only', () => run(T(`<tr><td>Manual therapy</td><td><input value="23"></td><td><input id="n"></td></tr>`), '#n', '97140 per MD'));
  it('code typed in notes, two lines', () => run(T(`<tr><td>Therapeutic exercise</td><td><input value="23"></td><td><input id="a"></td></tr><tr><td>Gait</td><td><input value="10"></td><td><input id="n"></td></tr>`), '#n', '97116'));
  it('code typed in notes of a row with no service', () => run(T(`<tr><td>97110</td><td><input value="23"></td><td><input id="a"></td></tr><tr><td></td><td><input value="10"></td><td><input id="n"></td></tr>`), '#n', '97116'));
  it('void typed in notes', () => run(T(`<tr><td>97110</td><td><input value="23"></td><td><input id="a"></td></tr><tr><td>97140</td><td><input value="10"></td><td><input id="n"></td></tr>`), '#n', 'voided'));
});
