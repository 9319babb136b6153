// @vitest-environment happy-dom
// A Minutes or Units box of <input type="number"> holding text the browser does not take as a
// number ("10e", "2e", "10-20"): browsers give the page's scripts an empty value and set
// `validity.badInput` (HTML Standard, the value sanitization algorithm of number inputs). The box
// is not empty: Unitwise says it cannot be read, never "no minutes" or "no units".
// (happy-dom never sets badInput: it is set here as Chromium does; number-boxes.e2e.ts types it.)
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBadInput, typedBad } from './bad-input';
import { readVisit, type ReadOptions } from '../../lib/extract/read';
import { readField } from '../../lib/extract/fields';
import { evaluate } from '../../lib/rules/evaluate';
import catalog from '../../lib/rules/data/catalog.json';

const codes = new Set(catalog.rows.map((r) => r.code));
const opts: ReadOptions = { codes, phrases: [] };

/** As Chromium after "10e" is typed in the box `name`. */
const typedBadIn = (name: string) => typedBad(document.querySelector(`input[name="${name}"]`)!);
afterEach(restoreBadInput);

const H = '<h1>Daily note — Jane Doe — 11/20/2026</h1><p>Payer: Medicare Part B</p>';
const FORM = `<h1>Daily note — Jane Doe — 11/20/2026</h1><p>Payer: Medicare Part B</p>
<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>
<tr><td><input name="int-1" value="Therapeutic exercise"></td><td><input name="cpt-1" value="97110"></td><td><input type="number" name="min-1" value="24"></td><td><input type="number" name="units-1" value="2"></td><td><input name="mod-1" value="GP"></td></tr>
<tr><td><input name="int-2" value="Gait training"></td><td><input name="cpt-2" value="97116"></td><td><input type="number" name="min-2" value="10"></td><td><input type="number" name="units-2" value="1"></td><td><input name="mod-2" value="GP"></td></tr>
</tbody></table>`;

describe('a number box holding text that is no number', () => {
  it('is read as not a number, not as empty; an empty number box is empty; a text box is never', () => {
    document.body.innerHTML = `<input type="number" name="a"><input type="number" name="b"><input name="c">`;
    typedBadIn('a');
    expect(readField(document.querySelector('[name=a]')!)).toMatchObject({ text: '', unreadable: true });
    expect(readField(document.querySelector('[name=b]')!).unreadable).toBeUndefined();
    expect(readField(document.querySelector('[name=c]')!).unreadable).toBeUndefined();
  });

  it('minutes: "could not read minutes" for the line (BPM §220.3), not "no minutes"; the units are not checked against a guess', () => {
    document.body.innerHTML = FORM;
    typedBadIn('min-2');
    const { visit, notes } = readVisit(document, opts);
    expect(visit.entries[1]).toMatchObject({ code: '97116', minutes: null, rawMinutes: '' });
    expect(notes.join('\n')).toMatch(/Row 2 minutes: the box holds something the browser does not accept/);
    const e = evaluate(visit);
    const f = e.findings.find((x) => x.rule === 'minutes.unreadable')!;
    expect(f.message).toBe('Could not read minutes for Gait training (97116): its box holds something the browser does not accept (not a number, or a time typed in part), and the browser does not let Unitwise see it.');
    // (Not "or a clock range": one typed in a number box is no number either.)
    expect(f.action).toMatch(/^Retype the marked box: a whole number of minutes in a Minutes box \(23\), a whole clock time in a time box \(10:28\)\./);
    expect(f.headline).toBe('97116: minutes unreadable; retype the marked box');
    expect(e.findings.map((x) => x.rule)).not.toContain('minutes.missing');
  });

  it('units: "could not read units" (CPM §20.2), not a line of no units; a code cell\'s "×2" does not stand in for them', () => {
    document.body.innerHTML = FORM.replace('value="97110"', 'value="97110 x2"');
    typedBadIn('units-1');
    const { visit, notes } = readVisit(document, opts);
    expect(visit.entries[0]).toMatchObject({ code: '97110', rawUnits: '' });
    expect(visit.entries[0]!.units).toBeUndefined();
    expect(notes.join('\n')).toMatch(/Row 1 units: the box holds something the browser does not accept/);
    const f = evaluate(visit).findings.find((x) => x.rule === 'units.unreadable')!;
    expect(f.message).toMatch(/^Could not read units for Therapeutic exercise \(97110\): its box holds something the browser does not accept as a number/);
    expect(f.headline).toBe('97110: units unreadable; retype the marked box');
  });

  it('a row\'s End time typed in part (Chromium: value \'\', badInput, as for "10" in an <input type=time>): its minutes cannot be read, marked on the End box', () => {
    document.body.innerHTML = `${H}<table><tr><th>Intervention</th><th>CPT</th><th>Start</th><th>End</th><th>Units</th><th>Modifiers</th></tr>
      <tr><td>Gait training</td><td>97116</td><td><input type="time" name="start" value="09:50"></td><td><input type="time" name="end" value="10:12"></td><td><input type="number" value="2"></td><td><input value="GP"></td></tr></table>`;
    expect(readVisit(document, opts).visit.entries[0]!.minutes).toBe(22);
    typedBadIn('end');
    const r = readVisit(document, opts);
    expect(r.visit.entries[0]).toMatchObject({ minutes: null, rawMinutes: '' });
    expect(r.notes.join('\n')).toMatch(/end time: the box holds something the browser does not accept/);
    expect(r.fields.get(r.visit.entries[0]!.fieldKey!)).toBe(document.querySelector('[name=end]'));
    expect(evaluate(r.visit).findings.map((f) => f.rule)).toContain('minutes.unreadable');
  });

  it('a Date of service box typed in part: said, not read as no date in silence', () => {
    document.body.innerHTML = FORM.replace('<h1>Daily note — Jane Doe — 11/20/2026</h1>', '<h1>Daily note — Jane Doe</h1><label for="dos">Date of service</label><input type="date" id="dos" name="dos" value="2026-11-20">');
    expect(readVisit(document, opts).visit.dateOfService).toBe('2026-11-20');
    typedBadIn('dos');
    const r = readVisit(document, opts);
    expect(r.visit.dateOfService).toBeUndefined();
    expect(r.notes.join('\n')).toMatch(/Date of service: the box holds something the browser does not accept/);
  });
});
