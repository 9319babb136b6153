// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { readVisit, type ReadOptions } from '../../lib/extract/read';
import { detectRows } from '../../lib/extract/detect';
import type { SiteProfile } from '../../lib/extract/profile';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';
import { Visit } from '../../lib/model';

const codes = new Set(catalog.rows.map((r) => r.code));
const PHRASES = phrases.rows.flatMap((r) => r.phrases);
const phraseCodes = new Map(phrases.rows.flatMap((r) => r.phrases.map((p) => [p.toLowerCase(), r.code] as const)));
const opts = (extra: Partial<ReadOptions> = {}): ReadOptions => ({ codes, phrases: PHRASES, phraseCodes, ...extra });

function page(html: string): Document {
  document.body.innerHTML = html;
  settleSelects(document);
  return document;
}

/**
 * happy-dom 21 gets a parsed select's selectedness wrong when a later option has the
 * `selected` attribute (a browser selects that option): set it as the browser would.
 */
function settleSelects(root: ParentNode) {
  for (const select of Array.from(root.querySelectorAll('select'))) {
    const chosen = select.querySelector('option[selected]') as HTMLOptionElement | null;
    if (chosen) select.selectedIndex = Array.from(select.options).indexOf(chosen);
  }
}

/** Sets a control's value the way a user would (the DOM property, not the attribute). */
function type(selector: string, value: string, root: ParentNode = document) {
  const el = root.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  el.value = value;
}

function read(root: Document | Element | ShadowRoot = document, extra: Partial<ReadOptions> = {}) {
  const result = readVisit(root, opts(extra));
  // Whatever is read must pass the background's schema.
  const parsed = Visit.safeParse(result.visit);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  return result;
}

beforeEach(() => {
  document.title = '';
  document.body.innerHTML = '';
});

const FLOWSHEET = `
  <h1>Physical Therapy Daily Note</h1>
  <div class="hdr">
    <label for="payer">Payer</label><select id="payer"><option>Aetna</option><option selected>Medicare Part B</option></select>
    <label for="dos">Date of service</label><input id="dos" value="03/02/2026">
    <label for="ttm">Total treatment minutes</label><input id="ttm" value="53">
  </div>
  <table id="flow">
    <thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th colspan="2">Modifiers</th></tr></thead>
    <tbody>
      <tr>
        <td><input value="Ther ex, LE strengthening"></td>
        <td><select><option value="">--</option><option value="97110" selected>97110 Therapeutic exercise</option><option value="97112">97112 Neuromuscular re-ed</option></select></td>
        <td><input class="min" value="23"></td>
        <td><input value="2"></td>
        <td><input value="GP"></td><td><input value=""></td>
      </tr>
      <tr>
        <td><input value="Gait training with RW"></td>
        <td><select><option value="">--</option><option value="97110">97110 Therapeutic exercise</option><option value="97116" selected>97116 Gait training</option></select></td>
        <td><input class="min" value="15 min"></td>
        <td><input value="1"></td>
        <td><input value="GP"></td><td><input value="59"></td>
      </tr>
      <tr>
        <td><input value=""></td>
        <td><select><option value="" selected>--</option><option value="97110">97110 Therapeutic exercise</option></select></td>
        <td><input class="min" value=""></td>
        <td><input value=""></td>
        <td><input value=""></td><td><input value=""></td>
      </tr>
      <tr><td>Total</td><td></td><td>38</td><td>3</td><td></td><td></td></tr>
    </tbody>
  </table>`;

describe('readVisit: flowsheet table', () => {

  it('skips a totals line at the bottom, but not an intervention named after a Total Gym', () => {
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>Total Gym squats</td><td><input value="97110"></td><td><input value="15"></td><td><input value="1"></td></tr>
      <tr><td>Gait training</td><td><input value="97116"></td><td><input value="15"></td><td><input value="1"></td></tr>
      <tr><td>Total</td><td></td><td><input value="30"></td><td><input value="2"></td></tr>
      <tr><td>Totals</td><td><input value=""></td><td><input value="30"></td><td><input value="2"></td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.label, e.code, e.minutes])).toEqual([
      ['Total Gym squats', '97110', 15],
      ['Gait training', '97116', 15],
    ]);
  });
  it('skips subtotal and visit-total rows even when they repeat a code: their minutes are not counted twice', () => {
    // 97110 for 8 + 7 minutes is 15 minutes: 1 unit (CMS unit chart, 8–22 minutes). Read with
    // the subtotal row as a line it became 30 minutes and "bill 2 units".
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>Bridges</td><td><input value="97110"></td><td><input value="8"></td><td><input value=""></td></tr>
      <tr><td>Clamshells</td><td><input value="97110"></td><td><input value="7"></td><td><input value=""></td></tr>
      <tr><td>Subtotal</td><td>97110</td><td>15</td><td><input value="1"></td></tr>
      <tr><td>Manual therapy</td><td><input value="97140"></td><td><input value="10"></td><td><input value="1"></td></tr>
      <tr><td>97140 subtotal</td><td></td><td>10</td><td>1</td></tr>
      <tr><td>Visit total</td><td></td><td>25</td><td>2</td></tr>
      <tr><td>Total timed minutes</td><td>97110, 97140</td><td>25</td><td></td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.label, e.code, e.minutes])).toEqual([
      ['Bridges', '97110', 8],
      ['Clamshells', '97110', 7],
      ['Manual therapy', '97140', 10],
    ]);
  });
  // From a red-team pass (2026-12-05): per-discipline totals on a PT + OT day were read as an uncoded line.
  it.each(['PT total', 'Total PT', 'OT Subtotal', 'SLP total', 'Physical therapy total'])('skips a "%s" row after its discipline’s lines', (name) => {
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Mod</th></tr></thead><tbody>
      <tr><td>Ther ex</td><td><input value="97110"></td><td><input value="23"></td><td><input value="2"></td><td><input value="GP"></td></tr>
      <tr><td>Manual</td><td><input value="97140"></td><td><input value="8"></td><td><input value="1"></td><td><input value="GP"></td></tr>
      <tr><td><b>${name}</b></td><td></td><td><b>31</b></td><td><b>3</b></td><td></td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23], ['97140', 8]]);
  });
  it.each(['Patient total', 'Sum', 'Encounter total'])('skips a "%s" row under a patient written once over her lines (rowspan): no third line, no "code missing"', (name) => {
    // From a red-team pass (this session): "Patient total" and "Sum" were read as an uncoded line.
    page(`<table><thead><tr><th>Patient</th><th>Payer</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td rowspan="3">Lee, Ann</td><td rowspan="3">Medicare Part B</td><td>97110</td><td>23</td><td>2</td></tr>
      <tr><td>97140</td><td>10</td><td>1</td></tr>
      <tr><td>${name}</td><td>33</td><td>3</td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([
      ['97110', 23],
      ['97140', 10],
    ]);
  });
  it('skips a footer row without a code, and keeps a "Total Gym" line without one (its missing code is a finding, not a silent drop)', () => {
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>Total Gym squats</td><td><input value=""></td><td><input value="15"></td><td><input value="1"></td></tr>
      <tr><td>Manual therapy</td><td><input value="97140"></td><td><input value="10"></td><td><input value="1"></td></tr>
    </tbody><tfoot>
      <tr><td>Timed code treatment minutes</td><td></td><td>25</td><td>2</td></tr>
      <tr><td>Sum</td><td></td><td>25</td><td>2</td></tr>
    </tfoot></table>`);
    expect(read().visit.entries.map((e) => [e.label, e.code, e.minutes])).toEqual([
      ['Total Gym squats', undefined, 15],
      ['Manual therapy', '97140', 10],
    ]);
    // A footer row a user types a new line into is a line (its missing code is said).
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>Manual therapy</td><td><input value="97140"></td><td><input value="10"></td><td><input value="1"></td></tr>
    </tbody><tfoot><tr><td><input value="Gait training"></td><td><input value=""></td><td><input value="12"></td><td><input value=""></td></tr></tfoot></table>`);
    expect(read().visit.entries.map((e) => [e.label, e.code, e.minutes])).toEqual([
      ['Manual therapy', '97140', 10],
      ['Gait training', undefined, 12],
    ]);
  });
  it('reads the minutes from a "Min" column, not from a "Time" column before it holding the clock time', () => {
    // Read from "Time", 9:00 was 540 minutes ("supports 36 units").
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Time</th><th>Min</th><th>Units</th></tr></thead><tbody>
      <tr><td>Therapeutic exercise</td><td><input value="97110"></td><td>9:00</td><td><input value="10"></td><td><input value="1"></td></tr>
      <tr><td>Manual therapy</td><td><input value="97140"></td><td>9:10</td><td><input value="10"></td><td><input value="1"></td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 10], ['97140', 10]]);
    // A plain "Min" cell before a "Time" input holding the clock time: still the "Min".
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Min</th><th>Time</th><th>Units</th></tr></thead><tbody>
      <tr><td>Therapeutic exercise</td><td><input value="97110"></td><td>23</td><td><input value="9:00"></td><td><input value="2"></td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23]]);
    // A "Time" column alone is still the minutes (flowsheets name a duration so).
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Time</th><th>Units</th></tr></thead><tbody>
      <tr><td>Therapeutic exercise</td><td><input value="97110"></td><td><input value="23"></td><td><input value="2"></td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23]]);
  });
  it('reads modifiers written onto the code ("97110-GP", "97140-GP-59", "97110 GP") where the form has no modifier column (red team O)', () => {
    // Before: GP was not read, and every line was told it has no therapy modifier.
    page(`<p>Payer: Medicare Part B</p><table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>Ther ex</td><td>97110-GP</td><td>23</td><td>2</td></tr><tr><td>Manual</td><td>97140-GP-59</td><td>8</td><td>1</td></tr>
      <tr><td>Gait</td><td><input value="97116 GP"></td><td>8</td><td>1</td></tr><tr><td>Ther ex</td><td>97110 TE</td><td>8</td><td>1</td></tr>
    </tbody></table>`);
    const visit = read().visit;
    expect(visit.entries.map((e) => [e.code, e.modifiers])).toEqual([['97110', ['GP']], ['97140', ['GP', '59']], ['97116', ['GP']], ['97110', undefined]]);
    // A modifier column beside it: both are read, once each.
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Mod</th></tr></thead><tbody>
      <tr><td>Manual</td><td>97140-59</td><td>8</td><td>1</td><td>GP</td></tr><tr><td>Ther ex</td><td>97110-GP</td><td>23</td><td>2</td><td>GP</td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => e.modifiers)).toEqual([['59', 'GP'], ['GP']]);
  });
  it('an exercise log (Exercise | Sets | Reps | Min) beside the charge lines is not read as billed lines (red team H)', () => {
    const charges = `<h3>Billing</h3><table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>Ther ex</td><td><input value="97110"></td><td><input value="23"></td><td><input value="2"></td></tr></tbody></table>`;
    const log = (code = false) => `<h3>Exercise flowsheet</h3><table><thead><tr><th>Exercise</th><th>Sets</th><th>Reps</th><th>Min</th>${code ? '<th>Bill as</th>' : ''}</tr></thead><tbody>
      <tr><td>Bridges</td><td><input value="3"></td><td><input value="10"></td><td><input value="8"></td>${code ? '<td>97110</td>' : ''}</tr>
      <tr><td>Clamshells</td><td><input value="3"></td><td><input value="10"></td><td><input value="8"></td>${code ? '<td>97110</td>' : ''}</tr>
      <tr><td>Squats</td><td><input value="3"></td><td><input value="10"></td><td><input value="7"></td>${code ? '<td>97110</td>' : ''}</tr></tbody></table>`;
    // Before: three code-less "lines" (code missing ×3) and 23 minutes counted twice.
    for (const html of [charges + log(), log() + charges, charges + log(true)]) {
      page(html);
      const { visit, notes } = read();
      expect(visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23]]);
      expect(notes.join(' ')).toContain('exercise log');
    }
    // Nested in a detail row of the charge table: the same.
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>Ther ex</td><td>97110</td><td>23</td><td>2</td></tr>
      <tr class="detail"><td colspan="4"><table><thead><tr><th>Exercise</th><th>Sets</th><th>Reps</th><th>Min</th></tr></thead><tbody><tr><td>Bridges</td><td>3</td><td>10</td><td>8</td></tr><tr><td>SLR</td><td>3</td><td>10</td><td>15</td></tr></tbody></table></td></tr></tbody></table>`);
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23]]);
    // The page's only coded table, a log with a code per exercise: its lines are the visit's.
    page(log(true));
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 8], ['97110', 8], ['97110', 7]]);
  });
  it('review of the red-team fixes: a "Void" action in each row, a description-first code with start and end times, a coded exercise flowsheet beside modalities, a code in the Service cell', () => {
    const head = (...h: string[]) => `<thead><tr>${h.map((t) => `<th>${t}</th>`).join('')}</tr></thead>`;
    // A charge grid's per-row Void button or link is an action, not the line's status.
    page(`<table>${head('Intervention', 'CPT', 'Minutes', 'Units', '')}<tbody>
      <tr><td><input value="Ther ex"></td><td><input value="97110"></td><td><input value="23"></td><td><input value="2"></td><td><button type="button">Void</button></td></tr>
      <tr><td><input value="Manual"></td><td><input value="97140"></td><td><input value="10"></td><td><input value="1"></td><td><a href="#">Void</a></td></tr></tbody></table>`);
    expect(read().visit.entries.map((e) => e.code)).toEqual(['97110', '97140']);
    // Timed by start and end, the code after its description: lines, not remarks.
    page(`<table>${head('CPT', 'Start', 'End')}<tbody>
      <tr><td>Self-care/home management training (97535)</td><td><input value="10:00"></td><td><input value="10:25"></td></tr>
      <tr><td>Manual therapy techniques, joint mobilization 97140</td><td><input value="10:25"></td><td><input value="10:40"></td></tr></tbody></table>`);
    expect(read().visit.entries.map((e) => e.code)).toEqual(['97535', '97140']);
    // The description-first code alone (an untimed line shown without its units): still a line, its missing units said by the rules.
    page(`<table>${head('CPT', 'Minutes', 'Units')}<tbody><tr><td>Re-evaluation of physical therapy plan of care 97164</td><td></td><td></td></tr></tbody></table>`);
    expect(read().visit.entries.map((e) => e.code)).toEqual(['97164']);
    // An exercise flowsheet with its own CPT column beside a table of modalities: its lines are billed, not a log of the charge lines.
    page(`<h3>Exercise flowsheet</h3><table>${head('Exercise', 'CPT', 'Sets', 'Reps', 'Min', 'Units')}<tbody>
      <tr><td>Bridges</td><td><input value="97110"></td><td><input value="3"></td><td><input value="10"></td><td><input value="15"></td><td><input value="1"></td></tr>
      <tr><td>Gait</td><td><input value="97116"></td><td><input value="1"></td><td><input value="1"></td><td><input value="10"></td><td><input value="1"></td></tr></tbody></table>
      <h3>Modalities</h3><table>${head('Modality', 'CPT', 'Min', 'Units')}<tbody><tr><td>Hot pack</td><td><input value="97010"></td><td><input value="10"></td><td><input value="1"></td></tr></tbody></table>`);
    expect(read().visit.entries.map((e) => e.code)).toEqual(['97110', '97116', '97010']);
  });
  it('"DOS 11/02/2026" written without a colon is the date of service, not the label of a printed or last-visit date beside it (red team D)', () => {
    const table = `<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>Ther ex</td><td>97110</td><td>23</td><td>2</td></tr></tbody></table>`;
    // Before: 11/05 (printed), 10/28 (last visit), then no date at all.
    page(`<div class="hdr"><span>Charges for Ann Lee, DOS 11/02/2026</span><span>Printed 11/05/2026</span></div><p>Payer: Medicare Part B</p>${table}`);
    expect(read().visit.dateOfService).toBe('2026-11-02');
    page(`<div class="hdr"><div>Ann Lee</div><div>DOS 11/02/2026</div><div>Last visit 10/28/2026</div></div><p>Payer: Medicare Part B</p>${table}`);
    expect(read().visit.dateOfService).toBe('2026-11-02');
    // "Printed 11/05/2026" or "DOB 03/04/1941" alone names no date of service.
    page(`<div class="hdr"><div>Ann Lee</div><div>DOB 03/04/1941</div><div>Printed 11/05/2026</div></div>${table}`);
    expect(read().visit.dateOfService).toBeUndefined();
  });
  it('a coverage table listing the secondary payer before the primary: the primary is the payer (red team L)', () => {
    // Before: Aetna, so the visit was not checked under the Medicare 8-minute rule.
    page(`<h3>Insurance</h3><table><thead><tr><th>Order</th><th>Payer</th><th>Policy #</th></tr></thead><tbody>
      <tr><td>Secondary</td><td>Aetna</td><td>W123</td></tr><tr><td>Primary</td><td>Medicare Part B</td><td>1EG4-TE5-MK72</td></tr></tbody></table>
      <h3>Billing</h3><table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>Ther ex</td><td>97110</td><td>23</td><td>2</td></tr></tbody></table>`);
    expect(read().visit.payer).toBe('Medicare Part B');
  });
  it('a comment written across the code column ("Comment: add 97140 next visit, 15 min planned") is no line (red team I)', () => {
    // Before: read as a 97140 line with no minutes ("minutes missing").
    page(`<p>Payer: Medicare Part B</p><table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>Ther ex</td><td>97110</td><td>23</td><td>2</td></tr><tr><td></td><td colspan="3">Comment: add 97140 next visit, 15 min planned</td></tr>
      <tr><td></td><td colspan="3">Pt tolerated 97110 well with no increase in pain.</td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23]]);
    // A line whose code cell holds its description is still a line.
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td></td><td>97140 Manual therapy techniques</td><td></td><td></td></tr>
      <tr><td></td><td>97110 Therapeutic exercises to develop strength and endurance, range of motion and flexibility</td><td></td><td></td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => e.code)).toEqual(['97140', '97110']);
  });
  it('reads the minutes spent from an "Actual min" column, not the "Scheduled min" before it (red team K)', () => {
    // Read from "Scheduled", 30 + 15 min were checked against 2 units billed: a false "under-billed".
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Scheduled min</th><th>Actual min</th><th>Units</th></tr></thead><tbody>
      <tr><td>Ther ex</td><td>97110</td><td>30</td><td>20</td><td>1</td></tr><tr><td>Manual</td><td>97140</td><td>15</td><td>10</td><td>1</td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 20], ['97140', 10]]);
    // Either way round, and with "Planned" / "Treatment time".
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>Treatment time (min)</th><th>Planned min</th><th>Units</th></tr></thead><tbody>
      <tr><td>Ther ex</td><td>97110</td><td>20</td><td>30</td><td>1</td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 20]]);
  });
  it("a flowsheet with earlier visits' minutes as plain columns beside today's inputs: today's are read", () => {
    page(`<table><thead><tr><th>Intervention</th><th>CPT</th><th>03/14/2026 min</th><th>03/16/2026 min</th><th>03/18/2026 min</th></tr></thead><tbody>
      <tr><td>Therapeutic exercise</td><td>97110</td><td>8</td><td>23</td><td><input value="15"></td></tr>
      <tr><td>Manual therapy</td><td>97140</td><td>15</td><td>8</td><td><input value="10"></td></tr>
    </tbody></table>`);
    expect(read().visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 15], ['97140', 10]]);
  });
  it('reads rows, CPT selects, minutes, units, modifiers and the header facts', () => {
    page(FLOWSHEET);
    const r = read();
    expect(r.source).toBe('generic');
    expect(r.visit).toEqual({
      payer: 'Medicare Part B',
      discipline: 'PT',
      dateOfService: '2026-03-02',
      totalTreatmentMinutes: 53,
      entries: [
        { label: 'Ther ex, LE strengthening', code: '97110', minutes: 23, units: 2, modifiers: ['GP'], fieldKey: 'r0:minutes' },
        { label: 'Gait training with RW', code: '97116', minutes: 15, units: 1, modifiers: ['GP', '59'], fieldKey: 'r1:minutes' },
      ],
    });
    const mins = document.querySelectorAll('input.min');
    expect(r.fields.get('r0:minutes')).toBe(mins[0]);
    expect(r.fields.get('r1:minutes')).toBe(mins[1]);
    expect(r.fields.get('r1:code')?.localName).toBe('select');
    expect(r.fields.get('visit:payer')?.id).toBe('payer');
  });

  it('follows what the user typed, not the HTML attributes', () => {
    page(FLOWSHEET);
    type('tbody tr:nth-child(1) input.min', '1:5x');
    type('tbody tr:nth-child(2) input.min', 'twenty');
    const sel = document.querySelector('tbody tr:nth-child(2) select') as HTMLSelectElement;
    sel.value = '97110';
    const r = read();
    expect(r.visit.entries).toEqual([
      { label: 'Ther ex, LE strengthening', code: '97110', minutes: null, rawMinutes: '1:5x', units: 2, modifiers: ['GP'], fieldKey: 'r0:minutes' },
      { label: 'Gait training with RW', code: '97110', minutes: null, rawMinutes: 'twenty', units: 1, modifiers: ['GP', '59'], fieldKey: 'r1:minutes' },
    ]);
    expect(r.notes.join('\n')).toMatch(/Row 1 minutes: .*1:5x/);
  });

  it('reads a value the page hides behind an instance property (React-style)', () => {
    page(FLOWSHEET);
    const input = document.querySelector('input.min') as HTMLInputElement;
    input.value = '30';
    Object.defineProperty(input, 'value', { configurable: true, get: () => 'fake', set: () => {} });
    expect(read().visit.entries[0]!.minutes).toBe(30);
  });
});

describe('readVisit: other layouts', () => {
  it('a div grid of repeated groups labelled by aria-label', () => {
    page(`
      <h2>Occupational Therapy</h2>
      <div class="grid">
        <div class="line">
          <div class="c"><input aria-label="Intervention" value="Neuromuscular re-ed, balance on foam"></div>
          <div class="c"><input aria-label="CPT code" value="97112"></div>
          <div class="c"><input aria-label="Minutes" value="12"></div>
          <div class="c"><input aria-label="Units" value="1"></div>
        </div>
        <div class="line">
          <div class="c"><input aria-label="Intervention" value="Nustep"></div>
          <div class="c"><input aria-label="CPT code" value=""></div>
          <div class="c"><input aria-label="Minutes" value="8"></div>
          <div class="c"><input aria-label="Units" value=""></div>
        </div>
      </div>`);
    const r = read();
    expect(r.source).toBe('generic');
    expect(r.visit).toEqual({
      discipline: 'OT',
      entries: [
        { label: 'Neuromuscular re-ed, balance on foam', code: '97112', minutes: 12, units: 1, fieldKey: 'r0:minutes' },
        // No known code or phrase, but it repeats the shape of a row that has one.
        { label: 'Nustep', minutes: 8, fieldKey: 'r1:minutes' },
      ],
    });
    expect(r.fields.get('r1')).toBe(document.querySelectorAll('.line')[1]);
  });

  it('a SOAP note with minutes in the free text and a billing grid without minutes', () => {
    page(`
      <section class="soap">
        <h3>Objective</h3>
        <div class="note" contenteditable="true">
          <div>Gait training 10:05-10:28 with rolling walker, 150 ft x2.</div>
          <div>Ther ex 10:30 AM – 10:45 AM: LE strengthening.</div>
          <div>Pt reports less pain today.</div>
        </div>
      </section>
      <h3>Billing</h3>
      <table class="billing">
        <tr><th>Code</th><th>Description</th><th>Units</th></tr>
        <tr><td>97116</td><td>Gait training</td><td>2</td></tr>
        <tr><td>97110</td><td>Therapeutic exercise</td><td>1</td></tr>
      </table>`);
    const r = read();
    expect(r.source).toBe('generic');
    expect(r.visit.entries).toEqual([
      { code: '97116', label: 'Gait training', units: 2, minutes: 23, startTime: '10:05', endTime: '10:28', fieldKey: 'r0:minutes' },
      { code: '97110', label: 'Therapeutic exercise', units: 1, minutes: 15, startTime: '10:30', endTime: '10:45', fieldKey: 'r1:minutes' },
    ]);
    expect(r.fields.get('r0:minutes')).toBe(document.querySelector('.note'));
    expect(r.fields.get('r0:code')?.textContent).toBe('97116');
  });

  it('a mistyped clock range in the note becomes unreadable minutes on the matching row, not missing ones', () => {
    page(`
      <div class="note" contenteditable="true"><div>Gait training 10:05-10:2x with rolling walker.</div></div>
      <table class="billing">
        <tr><th>Code</th><th>Description</th><th>Units</th></tr>
        <tr><td>97116</td><td>Gait training</td><td>2</td></tr>
      </table>`);
    const r = read();
    expect(r.visit.entries).toEqual([{ code: '97116', label: 'Gait training', units: 2, minutes: null, rawMinutes: '10:05-10:2x', fieldKey: 'r0:minutes' }]);
    expect(r.fields.get('r0:minutes')).toBe(document.querySelector('.note'));
  });

  it('a free-text note alone becomes entries', () => {
    page(`<textarea aria-label="Treatment note">Gait training 10:05-10:28 with RW
Balance on foam 12 min
Pt tolerated well.</textarea>`);
    const r = read();
    expect(r.source).toBe('generic');
    expect(r.visit.entries).toEqual([
      { label: 'Gait training 10:05-10:28 with RW', minutes: 23, startTime: '10:05', endTime: '10:28', fieldKey: 'r0:minutes' },
      { label: 'Balance on foam 12 min', minutes: 12, fieldKey: 'r1:minutes' },
    ]);
  });

  it('contenteditable cells', () => {
    page(`
      <table>
        <tr><th>Activity</th><th>CPT</th><th>Mins</th></tr>
        <tr><td><div contenteditable="true">Manual therapy, STM</div></td><td><div contenteditable="true">97140</div></td><td><div contenteditable="true">8'</div></td></tr>
      </table>`);
    expect(read().visit.entries).toEqual([{ label: 'Manual therapy, STM', code: '97140', minutes: 8, fieldKey: 'r0:minutes' }]);
  });

  it('plain text cells and a "Time (min)" header', () => {
    page(`
      <table>
        <thead><tr><th>Service</th><th>HCPCS/CPT</th><th>Time (min)</th><th>Qty</th><th>Mod</th></tr></thead>
        <tbody>
          <tr><td>Therapeutic activities</td><td>97530</td><td>0:25</td><td>2</td><td>GP, KX</td></tr>
          <tr><td>Hot pack</td><td>97010</td><td>10</td><td>1</td><td>GP</td></tr>
        </tbody>
      </table>`);
    expect(read().visit.entries).toEqual([
      { label: 'Therapeutic activities', code: '97530', minutes: 25, units: 2, modifiers: ['GP', 'KX'], fieldKey: 'r0:minutes' },
      { label: 'Hot pack', code: '97010', minutes: 10, units: 1, modifiers: ['GP'], fieldKey: 'r1:minutes' },
    ]);
  });

  it('placeholders as labels', () => {
    page(`
      <div class="card"><input placeholder="Intervention" value="Balance training"><input placeholder="CPT" value="97112"><input placeholder="min" value="1 hr 5 min"><input placeholder="units" value="4"></div>
      <div class="card"><input placeholder="Intervention" value="Transfers"><input placeholder="CPT" value="97530"><input placeholder="min" value="10"><input placeholder="units" value="1"></div>`);
    expect(read().visit.entries).toEqual([
      { label: 'Balance training', code: '97112', minutes: 65, units: 4, fieldKey: 'r0:minutes' },
      { label: 'Transfers', code: '97530', minutes: 10, units: 1, fieldKey: 'r1:minutes' },
    ]);
  });

  it('labels by <label for>, wrapping label, aria-labelledby and nearby text', () => {
    page(`
      <span id="lbl-min">Treatment minutes</span>
      <fieldset class="row">
        <label>Procedure <input value="Joint mobilization"></label>
        <label for="c1">Code</label><input id="c1" value="97140">
        <input aria-labelledby="lbl-min" value="9">
        <span>Modifier</span><input value="gp">
      </fieldset>
      <fieldset class="row">
        <label>Procedure <input value="Ther ex"></label>
        <label for="c2">Code</label><input id="c2" value="97110">
        <input aria-labelledby="lbl-min" value="16">
        <span>Modifier</span><input value="">
      </fieldset>`);
    expect(read().visit.entries).toEqual([
      { label: 'Joint mobilization', code: '97140', minutes: 9, modifiers: ['GP'], fieldKey: 'r0:minutes' },
      { label: 'Ther ex', code: '97110', minutes: 16, modifiers: [], fieldKey: 'r1:minutes' }, // an empty modifier field reads as none entered
    ]);
  });

  it('rows inside an open shadow root', () => {
    page(`<h1>Speech Therapy Visit</h1><ehr-billing></ehr-billing>`);
    const host = document.querySelector('ehr-billing')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `
      <table>
        <tr><th>Item</th><th>Code</th><th>Minutes</th></tr>
        <tr><td>Cognitive skills</td><td><input value="97129"></td><td><input value="15"></td></tr>
        <tr><td>Speech treatment</td><td><input value="92507"></td><td><input value="30"></td></tr>
      </table>`;
    const r = read(document, { codes: new Set([...codes, '97129', '92507']) });
    expect(r.source).toBe('generic');
    expect(r.visit).toEqual({
      discipline: 'SLP',
      entries: [
        { label: 'Cognitive skills', code: '97129', minutes: 15, fieldKey: 'r0:minutes' },
        { label: 'Speech treatment', code: '92507', minutes: 30, fieldKey: 'r1:minutes' },
      ],
    });
    expect(r.fields.get('r1:minutes')).toBe(shadow.querySelectorAll('input')[3]);
  });

  it('unreadable minutes give null and keep the raw text; never 0', () => {
    page(`
      <table>
        <tr><th>Intervention</th><th>CPT</th><th>Minutes</th></tr>
        <tr><td>Ther ex</td><td>97110</td><td><input value="1:5x"></td></tr>
        <tr><td>Gait</td><td>97116</td><td><input value="twenty"></td></tr>
        <tr><td>Balance</td><td>97112</td><td><input value="-5"></td></tr>
        <tr><td>Transfers</td><td>97530</td><td><input value="999999"></td></tr>
      </table>`);
    const r = read();
    expect(r.visit.entries.map((e) => [e.minutes, e.rawMinutes])).toEqual([
      [null, '1:5x'],
      [null, 'twenty'],
      [null, '-5'],
      [null, '999999'],
    ]);
    expect(r.notes.filter((n) => /minutes:/.test(n))).toHaveLength(4);
  });

  it('an empty minutes field is not entered (undefined), not null and not 0', () => {
    page(`<table><tr><th>CPT</th><th>Min</th></tr><tr><td>97110</td><td><input value=""></td></tr></table>`);
    const [entry] = read().visit.entries;
    expect(entry).toEqual({ code: '97110', fieldKey: 'r0:minutes' });
  });

  it('row start and end times, assistant minutes, and minutes from the times', () => {
    page(`
      <table>
        <tr><th>Intervention</th><th>CPT</th><th>Start</th><th>End</th><th>PTA min</th></tr>
        <tr><td>Gait training</td><td>97116</td><td><input value="9:50 am"></td><td><input value="10:12 am"></td><td><input value="10"></td></tr>
      </table>`);
    expect(read().visit.entries).toEqual([
      { label: 'Gait training', code: '97116', startTime: '09:50', endTime: '10:12', assistantMinutes: 10, minutes: 22, fieldKey: 'r0:minutes' },
    ]);
  });

  it('visit facts written as text: "Payer: …", dt/dd, dates like Mar 2, 2026', () => {
    page(`
      <p>Payer: BCBS PPO</p>
      <dl><dt>Visit date</dt><dd>Mar 2, 2026</dd><dt>Discipline</dt><dd>OT</dd><dt>Time in</dt><dd>10:00</dd><dt>Time out</dt><dd>10:45</dd></dl>
      <table><tr><th>CPT</th><th>Minutes</th></tr><tr><td>97530</td><td>30</td></tr></table>`);
    const r = read();
    expect(r.visit).toEqual({
      payer: 'BCBS PPO',
      discipline: 'OT',
      dateOfService: '2026-03-02',
      entries: [{ code: '97530', minutes: 30, fieldKey: 'r0:minutes' }],
    });
    expect(r.times).toEqual({ start: '10:00', end: '10:45' });
  });

  it('a page with no visit form reads as none', () => {
    page(`<h1>Patient portal</h1><p>Welcome back. Your next appointment is on 03/04/2026 at 10:00.</p><form><input aria-label="Search"></form>`);
    const r = read();
    expect(r.source).toBe('none');
    expect(r.visit.entries).toEqual([]);
  });

  it('a table of unrelated numbers is not a visit', () => {
    page(`<table><tr><th>Product</th><th>Code</th><th>Qty</th></tr><tr><td>Paper</td><td>12345</td><td>3</td></tr></table>`);
    expect(read().source).toBe('none');
  });
});

describe('readVisit: site profiles', () => {
  const PROFILE: SiteProfile = {
    version: 1,
    name: 'Demo flowsheet',
    origin: 'http://127.0.0.1:8080',
    rowSelector: 'tr.iv',
    fields: { label: '.name', code: '.cpt', minutes: '.mins', units: '.units', modifiers: '.mod' },
    visit: { payer: '#ins', dateOfService: '#dos' },
  };
  const HTML = `
    <span id="ins">Medicare</span><span id="dos">2026-03-02</span>
    <table>
      <tr class="iv"><td class="name">Ther ex</td><td><select class="cpt"><option value="97110" selected>Ther ex</option></select></td><td><input class="mins" value="20"></td><td><input class="units" value="1"></td><td><input class="mod" value="GP"><input class="mod" value="KX"></td></tr>
      <tr class="iv"><td class="name">Nustep warm-up</td><td><select class="cpt"><option value="" selected></option></select></td><td><input class="mins" value="7"></td><td><input class="units" value=""></td><td></td></tr>
    </table>`;

  it('uses a profile that matches', () => {
    page(HTML);
    const r = read(document, { profile: PROFILE });
    expect(r.source).toBe('profile');
    expect(r.stale).toBe(false);
    expect(r.visit).toEqual({
      payer: 'Medicare',
      dateOfService: '2026-03-02',
      entries: [
        { label: 'Ther ex', code: '97110', minutes: 20, units: 1, modifiers: ['GP', 'KX'], fieldKey: 'r0:minutes' },
        { label: 'Nustep warm-up', minutes: 7, fieldKey: 'r1:minutes' },
      ],
    });
    expect(r.fields.get('r0:modifiers2')?.getAttribute('value')).toBe('KX');
  });

  it('reports a stale profile and falls back to the generic detector', () => {
    page(FLOWSHEET);
    const r = read(document, { profile: PROFILE });
    expect(r.stale).toBe(true);
    expect(r.source).toBe('generic');
    expect(r.visit.entries.map((e) => [e.code, e.minutes])).toEqual([
      ['97110', 23],
      ['97116', 15],
    ]);
    expect(r.notes.join('\n')).toMatch(/Demo flowsheet' does not match this page \(its row selector matches nothing.*\n.*generic detector was used/);
  });

  it('a profile whose minutes selector matches no row is stale', () => {
    page(HTML);
    const r = read(document, { profile: { ...PROFILE, fields: { ...PROFILE.fields, minutes: '.minutes-renamed' } } });
    expect(r.stale).toBe(true);
    expect(r.notes.join('\n')).toMatch(/minutes selector matches nothing/);
  });

  it('of several mappings for an origin, the first that matches the page is used', () => {
    page(HTML);
    const other: SiteProfile = { ...PROFILE, name: 'Evaluation form', rowSelector: 'tr.eval-line' };
    const r = read(document, { profiles: [other, PROFILE] });
    expect(r).toMatchObject({ source: 'profile', stale: false });
    expect(r.visit.entries).toHaveLength(2);
    expect(r.notes).toEqual([]);
  });

  it('a stale profile on a page with no form reads as none', () => {
    page('<p>Nothing here</p>');
    const r = read(document, { profile: PROFILE });
    expect(r).toMatchObject({ source: 'none', stale: true });
  });
});

describe('readVisit: limits', () => {
  it('caps rows at 200 with a note', () => {
    const rows = Array.from({ length: 230 }, (_, i) => `<tr><td>Ther ex ${i}</td><td>97110</td><td><input value="${i % 60}"></td></tr>`).join('');
    page(`<table><tr><th>Intervention</th><th>CPT</th><th>Minutes</th></tr>${rows}</table>`);
    const r = read();
    expect(r.visit.entries).toHaveLength(200);
    expect(r.notes.join('\n')).toMatch(/first 200 of 230 lines/);
  });

  it('caps text read per cell at 2,000 characters with a note', () => {
    const long = 'Therapeutic exercise '.repeat(300);
    page(`<table><tr><th>Intervention</th><th>CPT</th><th>Minutes</th></tr><tr><td><textarea>${long}</textarea></td><td>97110</td><td><input value="10"></td></tr></table>`);
    const r = read();
    expect(r.visit.entries[0]!.label!.length).toBe(2000);
    expect(r.notes.join('\n')).toMatch(/more than 2000 characters/);
  });
});

describe('readVisit: frames and notes', () => {
  it('reads the document it is given (each frame calls it with its own) and never enters iframes', () => {
    page(`<h1>Host</h1><iframe title="billing"></iframe>`);
    expect(read().source).toBe('none');
    const frameDoc = document.implementation.createHTMLDocument('billing');
    frameDoc.body.innerHTML = `<table><tr><th>CPT</th><th>Minutes</th></tr><tr><td>97110</td><td><input value="23"></td></tr></table>`;
    expect(read(frameDoc).visit.entries).toEqual([{ code: '97110', minutes: 23, fieldKey: 'r0:minutes' }]);
  });

  it('without phrase codes, a note line whose words differ from the row description is only noted', () => {
    page(`
      <div class="note"><p>Ther ex 10:30-10:45 LE strengthening.</p></div>
      <table><tr><th>Code</th><th>Description</th><th>Units</th></tr><tr><td>97110</td><td>Therapeutic exercise</td><td>1</td></tr></table>`);
    const r = readVisit(document, { codes, phrases: PHRASES });
    expect(r.visit.entries).toEqual([{ code: '97110', label: 'Therapeutic exercise', units: 1, fieldKey: 'r0:code' }]);
    expect(r.notes).toContain('Note line 1 names an intervention with a duration but matches no billing row.');
  });

  it('notes when the note and the billing row disagree on minutes', () => {
    page(`
      <p>Gait training 10:05-10:28 with RW.</p>
      <table><tr><th>Code</th><th>Description</th><th>Minutes</th></tr><tr><td>97116</td><td>Gait training</td><td><input value="30"></td></tr></table>`);
    const r = read();
    expect(r.visit.entries).toEqual([{ code: '97116', label: 'Gait training', minutes: 30, fieldKey: 'r0:minutes' }]);
    expect(r.notes).toContain('Row 1 has 30 minutes but the note gives 23.');
  });

  it("free text after a long table is still read: the table's own cells do not use up the allowance of text blocks", () => {
    const rows = Array.from({ length: 450 }, (_, i) => `<tr><td>97110</td><td>Therapeutic exercise ${i}</td><td>8</td><td>1</td><td>GP</td></tr>`).join('');
    page(`<table><tr><th>Code</th><th>Description</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr>${rows}</table><p>Gait training 10:05-10:28 with RW.</p>`);
    const d = detectRows(document, { codes, phrases: PHRASES });
    expect(d.rows).toHaveLength(450);
    expect(d.freeText.map((l) => l.text)).toEqual(['Gait training 10:05-10:28 with RW.']);
  });

  it('text outside the rows is found at any depth before, between and after them, and text inside a row is not', () => {
    page(`
      <header><div><div><p>Payer: <b>Aetna</b></p></div></div></header>
      <main><section><div class="grid"><table><tr><th>Code</th><th>Description</th><th>Minutes</th></tr>
        <tr><td>97110</td><td>Therapeutic exercise 10:00-10:15 in row</td><td>15</td></tr></table></div>
        <div><div><div><p>Gait training 10:05-10:28 with RW.</p></div></div></div></section>
        <aside><ul><li>Manual therapy 11:00-11:09 to lumbar spine</li></ul></aside></main>
      <footer><span>DOS: 11/20/2026</span></footer>`);
    const d = detectRows(document, { codes, phrases: PHRASES });
    expect(d.rows).toHaveLength(1);
    expect(d.freeText.map((l) => l.text)).toEqual(['Gait training 10:05-10:28 with RW.', 'Manual therapy 11:00-11:09 to lumbar spine']);
    expect(d.visitFacts.map((f) => [f.key, f.field.text])).toEqual([
      ['payer', 'Aetna'],
      ['dateOfService', '11/20/2026'],
    ]);
  });

  it('a form in a closed shadow root is read when the caller can open closed roots (the content script can), and not otherwise', () => {
    page('<p>Payer: <b>Medicare Part B</b></p><rc-flowsheet></rc-flowsheet>');
    const host = document.querySelector('rc-flowsheet')!;
    const closed = host.attachShadow({ mode: 'closed' });
    closed.innerHTML = '<table><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr><tr><td><input value="Gait training"></td><td><input value="97116"></td><td><input value="23"></td><td><input value="2"></td></tr></table>';
    expect(host.shadowRoot).toBeNull();
    expect(readVisit(document, opts()).visit.entries).toEqual([]);
    const opened = readVisit(document, opts({ shadowOf: (el) => (el === host ? closed : el.shadowRoot) }));
    expect(opened.visit.entries).toEqual([{ label: 'Gait training', code: '97116', minutes: 23, units: 2, fieldKey: 'r0:minutes' }]);
    expect(opened.visit.payer).toBe('Medicare Part B');
  });

  it('re-reads the same page with the same field keys', () => {
    page(FLOWSHEET);
    const a = read();
    const b = read();
    expect([...b.fields.keys()]).toEqual([...a.fields.keys()]);
    expect([...b.fields.values()]).toEqual([...a.fields.values()]);
  });
});

describe('readVisit: ambiguous labels', () => {
  it('does not take the date of birth or an eval date for the date of service', () => {
    page(`
      <label for="dob">Date of birth</label><input id="dob" value="01/02/1950">
      <label for="ev">Eval date</label><input id="ev" value="02/01/2026">
      <label for="d">Date</label><input id="d" value="2026-03-04">
      <table><tr><th>CPT</th><th>Minutes</th></tr><tr><td>97110</td><td>23</td></tr></table>`);
    expect(read().visit.dateOfService).toBe('2026-03-04');
  });

  it('takes an unlabelled words column as the intervention name', () => {
    page(`<table><tr><th></th><th>CPT</th><th>Min</th></tr><tr><td>Ther ex</td><td>97110</td><td>23</td></tr></table>`);
    expect(read().visit.entries).toEqual([{ label: 'Ther ex', code: '97110', minutes: 23, fieldKey: 'r0:minutes' }]);
  });

  it('reads From/To columns as start and end times', () => {
    page(`<table><tr><th>Intervention</th><th>From</th><th>To</th></tr><tr><td>Gait training</td><td>10:05</td><td>10:28</td></tr></table>`);
    expect(read().visit.entries).toEqual([
      { label: 'Gait training', startTime: '10:05', endTime: '10:28', minutes: 23, fieldKey: 'r0:minutes' },
    ]);
  });
});

describe('readVisit: header facts in text', () => {
  it('reads each "Label: value" of a header bar on its own', () => {
    page(`
      <div class="encounter"><span>Payer: <b>Medicare Part B</b></span> <span>Discipline: <b>PT</b></span> <span>DOS: <b>11/20/2026</b></span></div>
      <p><span>Total time:</span> 38 min</p>
      <table><tr><th>CPT</th><th>Minutes</th></tr><tr><td>97110</td><td>38</td></tr></table>`);
    const r = read();
    expect(r.visit).toEqual({
      payer: 'Medicare Part B',
      discipline: 'PT',
      dateOfService: '2026-11-20',
      totalTreatmentMinutes: 38,
      entries: [{ code: '97110', minutes: 38, fieldKey: 'r0:minutes' }],
    });
    expect(r.fields.get('visit:payer')?.textContent).toBe('Payer: Medicare Part B');
  });

  it('reads the year-to-date therapy spend an EHR shows (the KX threshold amount used), OT apart; an amount it cannot read is said', () => {
    page(`
      <div class="encounter"><span>Payer: <b>Medicare</b></span> <span>DOS: <b>12/15/2025</b></span>
        <span>YTD therapy $ (PT/SLP): <b>$2,450.00</b></span> <span>YTD OT: <b>$310</b></span></div>
      <table><tr><th>CPT</th><th>Minutes</th></tr><tr><td>97110</td><td>30</td></tr></table>`);
    const r = read();
    expect(r.visit.ytdTherapySpend).toEqual({ ptSlp: 2450, ot: 310 });
    expect(Visit.safeParse(r.visit).success).toBe(true);
    page(`
      <label>Therapy threshold amount used <input value="n/a"></label> <span>DOS: 01/12/2026</span>
      <table><tr><th>CPT</th><th>Minutes</th></tr><tr><td>97110</td><td>30</td></tr></table>`);
    const unreadable = read();
    expect(unreadable.visit.ytdTherapySpend).toBeUndefined();
    expect(unreadable.notes.join('\n')).toMatch(/Year-to-date PT\/SLP therapy spend: "n\/a" is not an amount in dollars/);
  });
});

describe('detectRows: bounded work on oversized pages', () => {
  it('reads every row of a 2,000-field page (no silent cap at 200)', () => {
    const rows = Array.from({ length: 400 }, (_, i) => `<tr><td><input value="Ther ex ${i}"></td><td><input value="97110"></td><td><input value="10"></td><td><input value="1"></td><td><input value="GP"></td></tr>`).join('');
    document.body.innerHTML = `<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;
    const d = detectRows(document, { codes: new Set(['97110']), phrases: [] });
    expect(d.rows).toHaveLength(400);
    expect(d.notes).toEqual([]);
  });

  it('past the field and row limits, reads the first ones and says so (limits made small here)', () => {
    const rows = Array.from({ length: 1100 }, (_, i) => `<tr><td><input value="Ther ex ${i}"></td><td><input value="97110"></td><td><input value="10"></td><td><input value="1"></td><td><input value="GP"></td></tr>`).join('');
    document.body.innerHTML = `<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;
    const d = detectRows(document, { codes: new Set(['97110']), phrases: [], maxFields: 5000, maxRows: 300 });
    expect(d.rows).toHaveLength(300);
    expect(d.notes.join('\n')).toMatch(/more than 5000 fields; only the first ones were read/);
    expect(d.notes.join('\n')).toMatch(/Only the first 300 of about \d+ rows on this page were read/);
  });
});

describe('detectRows: hidden fields never use up the read limit', () => {
  const form = `<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th></tr></thead><tbody>
    <tr><td>Ther ex</td><td><input value="97110"></td><td><input value="23"></td></tr>
    <tr><td>Neuro re-ed</td><td><input value="97112"></td><td><input value="24"></td></tr></tbody></table>`;
  const many = (html: string) => Array.from({ length: 5_200 }, () => html).join('');

  it('5,200 hidden inputs and 5,200 fields under [hidden] before the form: the form is read, no limit is hit', () => {
    document.body.innerHTML = `<form>${many('<input type="hidden" name="t" value="x">')}</form><div hidden>${many('<input value="1">')}</div>${form}`;
    const r = readVisit(document, { codes: new Set(['97110', '97112']), phrases: [], maxFields: 5000 });
    expect(r.visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23], ['97112', 24]]);
    expect(r.notes.join('\n')).not.toMatch(/only the first/i);
  });

  it('rows in a collapsed section are still read (they are still billed); only the limit ignores them', () => {
    document.body.innerHTML = `<details><summary>More</summary>${form}</details>`;
    const shown = (el: Element) => !el.closest('details:not([open])');
    const r = readVisit(document, { codes: new Set(['97110', '97112']), phrases: [], shown });
    expect(r.visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23], ['97112', 24]]);
  });

  it('fields hidden by style, as the browser reports them (the content script passes checkVisibility)', () => {
    document.body.innerHTML = `<div class="offscreen-cache">${many('<input value="1">')}</div>${form}`;
    const shown = (el: Element) => !el.closest('.offscreen-cache');
    const r = readVisit(document, { codes: new Set(['97110', '97112']), phrases: [], shown, maxFields: 5000 });
    expect(r.visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23], ['97112', 24]]);
    // Without that check the same page is read as "too large", and says so: never silently.
    const blind = readVisit(document, { codes: new Set(['97110', '97112']), phrases: [], maxFields: 5000 });
    expect(blind.notes.join('\n')).toMatch(/more than 5000 fields; only the first ones were read/);
  });
});

describe('visit facts written on one line', () => {
  it('reads each "Label: value" part of a line joined by middle dots or bars', () => {
    document.body.innerHTML = `<p>Payer: <b>Medicare Part B</b> · Discipline: <b>Physical Therapy</b> · Date of service: <b>2026-11-20</b></p>
      <table><tr><th>Intervention</th><th>CPT</th><th>Minutes</th></tr><tr><td>Ther ex</td><td>97110</td><td><input value="23"></td></tr></table>`;
    const r = readVisit(document, { codes: new Set(['97110']), phrases: [] });
    expect(r.visit.payer).toBe('Medicare Part B');
    expect(r.visit.discipline).toBe('PT');
    expect(r.visit.dateOfService).toBe('2026-11-20');
  });
});
