// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { controlsAround, textCellsBeside } from '../../lib/live/around';

// A marker must not cover a control in the rows around its field, whichever visit those rows
// are in: on a day sheet whose table holds several patients, the row below Ann's last line is
// Bob's, and no field key of Ann's visit names it.

const rows = (n: number) => Array.from({ length: n }, (_, r) => `<tr><td>P${r}</td><td><input name="min-${r}"></td><td><input name="units-${r}"></td><td><input type="hidden" name="id-${r}"></td></tr>`).join('');
const named = (name: string) => document.querySelector(`[name="${name}"]`)!;

describe('controlsAround', () => {
  it("a field's row and the rows just above and below: their visible controls, never the field itself or hidden inputs", () => {
    document.body.innerHTML = `<table><tbody>${rows(4)}</tbody></table>`;
    expect(controlsAround(named('units-1')).map((e) => e.getAttribute('name'))).toEqual(['min-0', 'units-0', 'min-1', 'min-2', 'units-2']);
    expect(controlsAround(named('units-0')).map((e) => e.getAttribute('name'))).toEqual(['min-0', 'min-1', 'units-1']);
  });

  it('a row holding a control already known (its visit\'s own, by key) is not searched again', () => {
    document.body.innerHTML = `<table><tbody>${rows(3)}</tbody></table>`;
    expect(controlsAround(named('units-1'), [named('min-0'), named('min-1')]).map((e) => e.getAttribute('name'))).toEqual(['min-2', 'units-2']);
  });

  it('a field in no row has none', () => {
    document.body.innerHTML = '<p><input name="payer"></p>';
    expect(controlsAround(named('payer'))).toEqual([]);
  });

});

describe('textCellsBeside', () => {
  // A day sheet's Patient cell beside a line's first field: a marker on that field's left hid
  // the last letter of "Carl Diaz" (clinic-day.html). The cells whose text a marker must not cover.
  it("the field's row's cells that show text and hold no control; not the field's own cell, blank cells or the rows around", () => {
    document.body.innerHTML = `<table><tbody>${rows(3)}<tr><td>Carl Diaz</td><td> </td><td><input name="label-3"></td><th scope="row">Ther Ex</th></tr></tbody></table>`;
    expect(textCellsBeside(named('label-3')).map((c) => c.textContent)).toEqual(['Carl Diaz', 'Ther Ex']);
    expect(textCellsBeside(named('min-1')).map((c) => c.textContent)).toEqual(['P1']);
  });

  it('a text cell that is the field itself is not its own neighbour; a field in no row has none', () => {
    document.body.innerHTML = '<table><tr><td id="code">97110</td><td>Ther ex</td></tr></table><p><input name="payer"></p>';
    expect(textCellsBeside(document.getElementById('code')!).map((c) => c.textContent)).toEqual(['Ther ex']);
    expect(textCellsBeside(named('payer'))).toEqual([]);
  });
});
