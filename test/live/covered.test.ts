// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collapsedSection, coveredBy } from '../../lib/live/covered';

const $ = (sel: string) => document.querySelector(sel)!;
const ROWS = `<table><thead><tr><th id="h">Units</th></tr></thead><tbody>
  <tr><td id="stuck"><input id="int" value="Gait training"></td><td><input id="u" value="2"></td></tr></tbody></table>`;

describe('what the page draws over a marked field', () => {
  it('the field itself, what it holds, what holds it: not covered', () => {
    document.body.innerHTML = `<div id="cell"><span id="f" contenteditable="true"><b id="in">12</b></span></div>`;
    expect(coveredBy($('#f'), $('#f'))).toBe(false);
    expect(coveredBy($('#in'), $('#f'))).toBe(false);
    expect(coveredBy($('#cell'), $('#f'))).toBe(false);
  });
  it("a floating label in the field's own wrapper: not covered", () => {
    document.body.innerHTML = `<div class="form-control"><label id="l">Units</label><div class="input-base"><input id="u"></div></div><div><input id="next"></div>`;
    expect(coveredBy($('#l'), $('#u'))).toBe(false);
  });
  it('a sticky first column over the Units field in the same row: covered', () => {
    document.body.innerHTML = ROWS;
    expect(coveredBy($('#int'), $('#u'))).toBe(true);
    expect(coveredBy($('#stuck'), $('#u'))).toBe(true);
  });
  it("a table's stuck header over a row: covered", () => {
    document.body.innerHTML = ROWS;
    expect(coveredBy($('#h'), $('#u'))).toBe(true);
  });
  it("a dialog, a drawer or a menu at the page's end: covered", () => {
    document.body.innerHTML = `<main><div><table><tbody><tr><td><input id="u"></td></tr></tbody></table></div></main><div class="backdrop"><div class="dlg"><p id="p">Sign this note?</p></div></div>`;
    expect(coveredBy($('#p'), $('#u'))).toBe(true);
    expect(coveredBy($('.backdrop'), $('#u'))).toBe(true);
  });
  it("an autocomplete list in the code field's own cell, over the next rows: covered for those rows, not for its own field", () => {
    document.body.innerHTML = `<table><tbody><tr><td><div class="ac"><input id="code"><ul id="list"><li id="opt">97110 Therapeutic exercise</li></ul></div></td><td><input id="u1"></td></tr>
      <tr><td><input id="code2"></td><td><input id="u2"></td></tr></tbody></table>`;
    expect(coveredBy($('#opt'), $('#code2'))).toBe(true);
    expect(coveredBy($('#opt'), $('#code'))).toBe(false);
  });
});

describe('a field in a collapsed section', () => {
  it("is named by its closed <details>' summary; a field in an open one, or in the summary, is shown", () => {
    document.body.innerHTML = `<details id="t"><summary>Treatment <small>(3 lines)</small></summary><input id="u"></details>
      <details open><summary>Billing</summary><input id="b"></details>
      <details><summary><input id="s"></summary></details>
      <details open><summary>Visit</summary><details><input id="n"></details></details>`;
    expect(collapsedSection($('#u'))).toEqual({ parent: $('#t'), name: 'Treatment (3 lines)' });
    expect(collapsedSection($('#b'))).toBeUndefined();
    expect(collapsedSection($('#s'))).toBeUndefined();
    expect(collapsedSection($('#n'))?.name).toBe('Details');
  });
});
