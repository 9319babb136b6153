// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { regionOf, regionsOf, reportMutations, setAsideTouched } from '../../lib/live/mutations';

// The page's own churn must not make Unitwise find the form again on every keystroke; rows
// added or re-rendered inside the form must.

const PAGE = `
  <header><span id="total">Total: 47 min</span> <span id="status">Draft saved 10:01</span></header>
  <p>Payer: <b id="payer">Medicare Part B</b></p>
  <table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th></tr></thead>
    <tbody id="rows">
      <tr id="r1"><td>Ther ex</td><td>97110</td><td><input value="23"></td></tr>
      <tr id="r2"><td>Neuro re-ed</td><td>97112</td><td><input value="24"></td></tr>
    </tbody></table>
  <div id="toasts"></div>`;

const $ = (sel: string) => document.querySelector(sel)!;
let records: MutationRecord[] = [];
let observer: MutationObserver;

beforeEach(() => {
  observer?.disconnect();
  document.body.innerHTML = PAGE;
  records = [];
  observer = new MutationObserver((r) => records.push(...r));
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
});

/** The records of `change` alone, the observer let deliver (each call's verdict is its own change's). */
async function recordsOf(change: () => void): Promise<MutationRecord[]> {
  await new Promise((r) => setTimeout(r, 0));
  observer.takeRecords();
  records = [];
  change();
  await new Promise((r) => setTimeout(r, 0));
  records.push(...observer.takeRecords());
  return records;
}

/** Lets the observer deliver, then classifies what it saw. */
async function verdictAfter(change: () => void, own?: (n: Node) => boolean) {
  // What the last read found: the two rows and the payer.
  const watched = { regions: regionsOf([$('#r1'), $('#r2')], [$('#payer')]) };
  return reportMutations(await recordsOf(change), watched, own).verdict;
}

describe('reportMutations', () => {
  it('the page rewriting its own totals, status text and toasts, and marking things dirty outside the form: ignored', async () => {
    expect(
      await verdictAfter(() => {
        $('#total').textContent = 'Total: 48 min';
        ($('#status').firstChild as Text).data = 'Draft saved 10:02';
        $('#toasts').innerHTML = '<div class="toast">Saved <b>now</b></div>';
        $('header').setAttribute('data-dirty', 'true');
      }),
    ).toBe('ignore');
  });

  it('a cell text or an attribute inside the form, or the payer text: values only', async () => {
    expect(await verdictAfter(() => (($('#r1 td:nth-child(2)').firstChild as Text).data = '97530'))).toBe('values');
    expect(await verdictAfter(() => $('#r2').classList.add('dirty'))).toBe('values');
    expect(await verdictAfter(() => ($('#payer').textContent = 'Aetna'))).toBe('values');
  });

  it('a row added, removed or re-rendered inside the form: detect', async () => {
    expect(await verdictAfter(() => $('#rows').insertAdjacentHTML('beforeend', '<tr><td>Gait</td><td>97116</td><td><input value="10"></td></tr>'))).toBe('detect');
    expect(await verdictAfter(() => $('#r2').remove())).toBe('detect');
  });

  it('a form that appears elsewhere, or the form taken away: detect', async () => {
    expect(await verdictAfter(() => $('#toasts').insertAdjacentHTML('beforeend', '<table><tr><td><input></td></tr></table>'))).toBe('detect');
    expect(await verdictAfter(() => $('table').remove())).toBe('detect');
  });

  it("a widget outside the form re-rendering its own small table (a session clock): ignored; a table with a code, a minutes column or a field: detect", async () => {
    expect(await verdictAfter(() => ($('#toasts').innerHTML = '<table><tr><td>Session time</td><td>00:12:34</td></tr></table>'))).toBe('ignore');
    expect(await verdictAfter(() => ($('#toasts').innerHTML = '<table><tr><td>Gait training</td><td>97116</td></tr></table>'))).toBe('detect');
    expect(await verdictAfter(() => ($('#toasts').innerHTML = '<table><tr><th>Intervention</th><th>Minutes</th></tr><tr><td>Gait training</td><td>15</td></tr></table>'))).toBe('detect');
    expect(await verdictAfter(() => ($('#toasts').innerHTML = '<div role="grid"><div role="row"><div role="gridcell"><select><option>1</option></select></div></div></div>'))).toBe('detect');
  });

  it('a summary table of totals drawn anew outside the form ("Total | 24 min", "Total timed minutes | 38"): ignored; a line\'s minutes beside them: detect', async () => {
    const kv = (rows: [string, string][]) => `<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`;
    expect(await verdictAfter(() => ($('#toasts').innerHTML = kv([['Payer', 'Medicare Part B'], ['Total', '24 min']])))).toBe('ignore');
    expect(await verdictAfter(() => ($('#toasts').innerHTML = kv([['Total timed minutes', '38'], ['Total units', '3']])))).toBe('ignore');
    expect(await verdictAfter(() => ($('#toasts').innerHTML = kv([['Total', '24 min'], ['Gait training', '12 min']])))).toBe('detect');
    expect(await verdictAfter(() => ($('#toasts').innerHTML = kv([['Total', '24 min'], ['Gait training', '97116']])))).toBe('detect');
  });

  it('Unitwise’s own nodes are not the page’s changes', async () => {
    const host = document.createElement('x-overlay');
    expect(await verdictAfter(() => document.body.append(host), (n) => n === host)).toBe('ignore');
  });
});

describe('regionOf', () => {
  it('finds the region a node is in, or is, and nothing outside every region', () => {
    const watched = { regions: regionsOf([$('#r1'), $('#r2')], [$('#payer')]) };
    expect(regionOf(watched, $('#r2 input'))).toBe($('#rows'));
    expect(regionOf(watched, $('#rows'))).toBe($('#rows'));
    expect(regionOf(watched, $('#payer').firstChild!)).toBe($('#payer'));
    expect(regionOf(watched, $('#total'))).toBeUndefined();
    expect(regionOf(watched, $('table thead th'))).toBeUndefined();
  });

  it('follows a new detection: the regions of the old one are not asked', () => {
    const before = { regions: regionsOf([$('#r1')], []) };
    expect(regionOf(before, $('#r1 input'))).toBe($('#rows'));
    const after = { regions: regionsOf([], [$('#payer')]) };
    expect(regionOf(after, $('#r1 input'))).toBeUndefined();
    expect(regionOf(after, $('#payer'))).toBe($('#payer'));
  });
});

describe('regionsOf', () => {
  it('keeps the outermost regions only, in order: a fact inside a watched table body adds nothing', () => {
    // The rows' body, the payer line, and a fact in a row's cell (inside the body): body and payer.
    expect(regionsOf([$('#r1'), $('#r2')], [$('#payer'), $('#r1 td'), $('#total')]).map((r) => r.id || r.localName)).toEqual(['rows', 'payer', 'total']);
    // A region holding another (the header, then the total in it): the header only.
    expect(regionsOf([], [$('#total'), $('header')]).map((r) => r.localName)).toEqual(['header']);
  });
});

describe('setAsideTouched: a table whose day\'s columns were set aside (no row of it read)', () => {
  /** The tables touched by `change`, the page's table taken as set aside; null: one gone. */
  async function touchedBy(change: () => void) {
    const table = $('table');
    const touched = setAsideTouched(await recordsOf(change), new Map([[table, '']]), () => false);
    return touched && [...touched].map((t) => t.localName);
  }

  it('a header renamed, a cell or a row put in or taken out: that table', async () => {
    expect(await touchedBy(() => ($('th:last-child').textContent = 'Minutes 11/02/2026 1400'))).toEqual(['table']);
    expect(await touchedBy(() => (($('th').firstChild as Text).data = 'Exercise'))).toEqual(['table']);
    expect(await touchedBy(() => $('#r1 td:last-child').remove())).toEqual(['table']);
    expect(await touchedBy(() => $('#rows').insertAdjacentHTML('beforeend', '<tr><td>Gait</td><td>97116</td><td><input value="10"></td></tr>'))).toEqual(['table']);
  });

  it('a body cell\'s text (the day\'s total the page writes), an attribute, the page\'s churn outside: nothing', async () => {
    expect(await touchedBy(() => (($('#r1 td:nth-child(2)').firstChild as Text).data = '97530'))).toEqual([]);
    expect(await touchedBy(() => ($('#r2 td').innerHTML = '<span>Neuro re-ed</span>'))).toEqual([]);
    expect(await touchedBy(() => $('#r2').classList.add('dirty'))).toEqual([]);
    expect(await touchedBy(() => ($('#total').textContent = 'Total: 48 min'))).toEqual([]);
  });

  it('the table taken off the page: null (the page is read again)', async () => {
    expect(await touchedBy(() => $('table').remove())).toBeNull();
  });
});
