// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { LabelCache, codeOf, columnHeaderOf, labelCandidates, labelOf, readField, textOf, words } from '../../lib/extract/fields';

const $ = (sel: string) => document.querySelector(sel)!;

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('readField', () => {
  it('reads inputs, textareas, selects, contenteditable and plain text', () => {
    document.body.innerHTML = `
      <input id="i" value=" 23 min ">
      <textarea id="t">Gait
training</textarea>
      <select id="s"><option value="">Choose</option><option value="97110">97110 – Therapeutic exercise</option></select>
      <div id="e" contenteditable="true"><div>line one</div><div>line two</div></div>
      <td id="p"> 12 <b>min</b> <script>x()</script></td>`;
    ($('#s') as HTMLSelectElement).value = '97110';
    expect(readField($('#i'))).toEqual({ kind: 'input', text: '23 min', value: '23 min', truncated: false });
    expect(readField($('#t')).text).toBe('Gait\ntraining');
    expect(readField($('#s'))).toEqual({ kind: 'select', text: '97110 – Therapeutic exercise', value: '97110', truncated: false });
    expect(readField($('#e'))).toEqual({ kind: 'editable', text: 'line one\nline two', value: 'line one\nline two', truncated: false });
  });

  it('reads plain text without scripts and includes control values when asked', () => {
    document.body.innerHTML = `<div id="d">Minutes <input value="9"> <script>evil()</script><select><option value="a">A</option><option value="b">B</option></select></div>`;
    expect(textOf($('#d')).text).toBe('Minutes');
    expect(textOf($('#d'), { values: true }).text).toBe('Minutes 9 A');
  });

  it('reads the real value behind an instance override, and stops at the character limit', () => {
    document.body.innerHTML = `<input id="i"><div id="long"></div>`;
    const input = $('#i') as HTMLInputElement;
    input.value = '15';
    Object.defineProperty(input, 'value', { get: () => 'page says 0' });
    expect(readField(input).text).toBe('15');
    $('#long').textContent = 'x'.repeat(5000);
    expect(readField($('#long'))).toMatchObject({ truncated: true });
    expect(readField($('#long')).text).toHaveLength(2000);
  });
});

describe('codeOf', () => {
  it('prefers a code-looking value, then a known code in the text', () => {
    expect(codeOf({ value: '97110', text: 'Therapeutic exercise' })).toBe('97110');
    expect(codeOf({ value: '17', text: '97112 Neuromuscular re-education' })).toBe('97112');
    expect(codeOf({ value: 'g0283', text: '' })).toBe('G0283');
    expect(codeOf({ value: '', text: 'Code 12345 or 97530' }, new Set(['97530']))).toBe('97530');
    expect(codeOf({ value: '', text: 'Therapeutic exercise' })).toBeUndefined();
  });
});

describe('labelOf', () => {
  it('finds labels in priority order', () => {
    document.body.innerHTML = `
      <label for="a">Minutes</label><input id="a" aria-label="ignored" placeholder="ignored">
      <label>Units <input id="b"></label>
      <span id="h">CPT</span><input id="c" aria-labelledby="h">
      <input id="d" aria-label="Modifier">
      <input id="e" placeholder="min">
      <input id="f" title="Treatment time">
      <input id="g" name="row[0][txtMinutes]">
      <div><span>Start time</span><input id="n"></div>
      <div><input id="u"> min</div>`;
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'n'].map((id) => labelOf($(`#${id}`)))).toEqual([
      'Minutes', 'Units', 'CPT', 'Modifier', 'min', 'Treatment time', 'row[0][txtMinutes]', 'Start time',
    ]);
    expect(labelCandidates($('#u'))).toEqual([{ source: 'name', text: 'u' }, { source: 'nearby', text: 'min' }]);
    expect(words('row[0][txtMinutes]')).toBe('row 0 txt minutes');
    expect(words('Time (min)')).toBe('time min');
  });

  it('finds a wrapping label in the field\'s own root, with one cache for a read (a page with labels only in a shadow root)', () => {
    document.body.innerHTML = `<div id="host"></div><input id="plain" name="mins">`;
    const shadow = $('#host').attachShadow({ mode: 'open' });
    shadow.innerHTML = `<label>Gait minutes <span><input id="wrapped"></span></label>`;
    const cache = new LabelCache();
    // The document has no label: the field outside is not labelled by the shadow root's.
    expect(labelCandidates($('#plain'), cache)[0]).toEqual({ source: 'name', text: 'mins' });
    expect(labelCandidates(shadow.querySelector('#wrapped')!, cache)[0]).toEqual({ source: 'label-wrap', text: 'Gait minutes' });
    // And the other way round: a label in the document, none in the shadow root.
    document.body.insertAdjacentHTML('beforeend', '<label>Units <input id="u2"></label>');
    const other = $('#host').shadowRoot!;
    other.innerHTML = '<input id="bare" placeholder="min">';
    const fresh = new LabelCache();
    expect(labelCandidates(other.querySelector('#bare')!, fresh)[0]).toEqual({ source: 'placeholder', text: 'min' });
    expect(labelCandidates($('#u2'), fresh)[0]).toEqual({ source: 'label-wrap', text: 'Units' });
    // A field in a detached label (no document around it) is still labelled by it.
    const detached = document.createElement('label');
    detached.innerHTML = 'Manual therapy <span><input id="d"></span>';
    expect(labelCandidates(detached.querySelector('#d')!, fresh)[0]).toEqual({ source: 'label-wrap', text: 'Manual therapy' });
  });

  it('a cache given the read\'s scopes labels every field as one without them: label attributes, a label outside a table read alone, one in a shadow root', () => {
    document.body.innerHTML = `<label for="m">Minutes</label><table id="t"><tr><td><input id="m"></td><td><input id="a" aria-label="Units"></td>
      <td><input id="p" placeholder="Modifier"></td><td><input id="n" name="cpt"></td><td><div id="host"></div></td></tr></table>`;
    const shadow = $('#host').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<label>Gait minutes <input id="w"></label><input id="tt" title="Treatment time">';
    const fields = [...['#m', '#a', '#p', '#n'].map($), shadow.querySelector('#w')!, shadow.querySelector('#tt')!];
    const unscoped = fields.map((f) => labelCandidates(f, new LabelCache())[0]);
    expect(unscoped.map((c) => c?.text)).toEqual(['Minutes', 'Units', 'Modifier', 'cpt', 'Gait minutes', 'Treatment time']);
    // The table read alone (a region read again): the label for #m is outside it.
    const table = new LabelCache([$('#t')]);
    expect(fields.slice(0, 4).map((f) => labelCandidates(f, table)[0])).toEqual(unscoped.slice(0, 4));
    const withShadow = new LabelCache([$('#t'), shadow]);
    expect(fields.map((f) => labelCandidates(f, withShadow)[0])).toEqual(unscoped);
    // A page with no label and no label attribute: the name is read, as before.
    document.body.innerHTML = '<table id="t2"><tr><td><input id="x" name="v1-min-0"></td></tr></table>';
    expect(labelCandidates($('#x'), new LabelCache([document]))).toEqual(labelCandidates($('#x')));
  });

  it('finds the column header of a table cell, colspan-aware, last header row first', () => {
    document.body.innerHTML = `
      <table>
        <thead>
          <tr><th colspan="2">Service</th><th colspan="3">Billing</th></tr>
          <tr><th>Intervention</th><th>Notes</th><th>CPT</th><th colspan="2">Modifiers</th></tr>
        </thead>
        <tbody><tr><td colspan="2"><input id="x"></td><td><input id="y"></td><td><input id="m1"></td><td><input id="m2"></td></tr></tbody>
      </table>
      <div role="grid">
        <div role="row"><span role="columnheader">Activity</span><span role="columnheader">Time (min)</span></div>
        <div role="row"><span role="gridcell">Gait</span><span role="gridcell" id="g">20</span></div>
      </div>`;
    expect(columnHeaderOf($('#x'))).toBe('Intervention');
    expect(columnHeaderOf($('#y'))).toBe('CPT');
    expect(columnHeaderOf($('#m1'))).toBe('Modifiers');
    expect(columnHeaderOf($('#m2'))).toBe('Modifiers');
    expect(columnHeaderOf($('#g'))).toBe('Time (min)');
  });

  it('a session\'s time under a day spanning its sessions is of that day ("11/02/2026" over "AM | PM"); under no day, alone', () => {
    document.body.innerHTML = `
      <table>
        <thead>
          <tr><th rowspan="2">Intervention</th><th>10/30</th><th colspan="2">11/02/2026</th><th>Therapist</th></tr>
          <tr><th>0900</th><th>AM</th><th>2:00 PM</th><th>PM</th></tr>
        </thead>
        <tbody><tr><td>Ther ex</td><td><input id="a"></td><td><input id="b"></td><td><input id="c"></td><td><input id="d"></td></tr></tbody>
      </table>`;
    expect(['a', 'b', 'c', 'd'].map((id) => columnHeaderOf($(`#${id}`)))).toEqual(['10/30 0900', '11/02/2026 AM', '11/02/2026 2:00 PM', 'PM']);
  });

  it('a unit word under a session under its day (three header rows: "11/02/2026" / "AM | PM" / "Min | Units") is of that session; under no day, alone', () => {
    document.body.innerHTML = `
      <table>
        <thead>
          <tr><th rowspan="3">Intervention</th><th colspan="2">10/30/2026</th><th colspan="4">11/02/2026</th><th colspan="2">Therapist: J. Smith PT</th></tr>
          <tr><th colspan="2">PM</th><th colspan="2">AM</th><th colspan="2">PM</th><th colspan="2">AM</th></tr>
          <tr><th>Min</th><th>Units</th><th>Min</th><th>Units</th><th>Min</th><th>Units</th><th>Min</th><th>Units</th></tr>
        </thead>
        <tbody><tr><td>Ther ex</td>${Array.from({ length: 8 }, (_, i) => `<td><input id="c${i}"></td>`).join('')}</tr></tbody>
      </table>`;
    expect(Array.from({ length: 8 }, (_, i) => columnHeaderOf($(`#c${i}`)))).toEqual([
      '10/30/2026 PM Min', '10/30/2026 PM Units', '11/02/2026 AM Min', '11/02/2026 AM Units', '11/02/2026 PM Min', '11/02/2026 PM Units', 'Min', 'Units',
    ]);
  });
});
