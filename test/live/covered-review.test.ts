// @vitest-environment happy-dom
// From a review (helper session) of markers hidden under the page's own layers and of a field in a closed <details>: each case failed on the first version.
import { describe, expect, it } from 'vitest';
import { collapsedSection, coveredBy } from '../../lib/live/covered';

const $ = (sel: string) => document.querySelector(sel)!;

describe("review: coveredBy — what shares the field's own box is not a cover", () => {
  it("C1 a floating label over an input whose wrapper also holds a clear 'x' button: not covered", () => {
    document.body.innerHTML = `<table><tbody><tr><td><div class="field"><label id="l" for="m">Minutes</label><input id="m"><button id="clr" type="button" aria-label="Clear">×</button></div></td><td><input id="u"></td></tr></tbody></table>`;
    // Observed: true (the wrapper holds 2 controls, the input and its own clear button).
    expect(coveredBy($('#l'), $('#m'))).toBe(false);
  });
  it("C2 the field's own inline icon button (a calendar or clear button) drawn over its middle: not covered", () => {
    document.body.innerHTML = `<div class="row"><div class="input-group"><input id="d" type="text" value="11/02/2026"><button id="cal" type="button">📅</button></div></div><div class="row"><input id="next"></div>`;
    // Observed: true (a narrow field whose adornment reaches its middle loses its marker).
    expect(coveredBy($('#cal'), $('#d'))).toBe(false);
  });
  it('C3 a custom select: the visible part a <button> sibling over the native <select> it stands for: not covered', () => {
    document.body.innerHTML = `<table><tbody><tr><td><div class="select"><select id="mod"><option>GP</option><option>GO</option></select><button id="shown" type="button" aria-haspopup="listbox">GP</button></div></td><td><input id="u"></td></tr></tbody></table>`;
    // Observed: true (two controls in the select's own box).
    expect(coveredBy($('#shown'), $('#mod'))).toBe(false);
  });
  it("C4 an input in a component's shadow root under the component's own slotted label: not covered", () => {
    document.body.innerHTML = `<form><my-field id="host"><span slot="label" id="lbl">Units</span></my-field><my-field><span slot="label">Minutes</span></my-field></form>`;
    const root = ($('#host') as HTMLElement).attachShadow({ mode: 'open' });
    root.innerHTML = `<div class="wrap"><input id="inner"><slot name="label"></slot></div>`;
    const inner = root.querySelector('#inner')!;
    // A hit test answers with the slotted light-DOM label (not retargeted): the walk up from the
    // field stops at the shadow root (parentElement null), so any such hit reads as covered.
    // Observed: true.
    expect(coveredBy($('#lbl'), inner)).toBe(false);
  });
});

describe('review: collapsedSection — nested closed sections', () => {
  it('C5 a field in a closed <details> inside another closed one: the outer section is the one to open', () => {
    document.body.innerHTML = `<details id="visit"><summary>Visit 11/02</summary><details id="tx"><summary>Treatment</summary><input id="u"></details></details>`;
    // Observed: { parent: #tx, name: 'Treatment' } — a summary the user cannot see (and #tx is not rendered, so scrollIntoView does nothing).
    expect(collapsedSection($('#u'))).toEqual({ parent: $('#visit'), name: 'Visit 11/02' });
  });
});
