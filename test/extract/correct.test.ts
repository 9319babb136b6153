// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { correctedPicks } from '../../lib/extract/correct';
import { profileFromPicks } from '../../lib/extract/teach';
import { detectRows } from '../../lib/extract/detect';
import { readVisit } from '../../lib/extract/read';

// A column corrected in one step: the row's fields as read, two roles swapped, built into a
// site mapping by teach mode's own code, which reads the page the corrected way.

const codes = new Set(['97110', '97140']);
function flowsheet() {
  document.body.innerHTML = `<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
    <tr class="line"><td><input name="int-1" value="Ther ex"></td><td><input name="cpt-1" value="97110"></td><td><input name="min-1" value="2"></td><td><input name="units-1" value="23"></td></tr>
    <tr class="line"><td><input name="int-2" value="Manual therapy"></td><td><input name="cpt-2" value="97140"></td><td><input name="min-2" value="1"></td><td><input name="units-2" value="10"></td></tr></tbody></table>`;
}
const byName = (name: string) => document.querySelector(`[name="${name}"]`) ?? undefined;
const fields: Record<string, string> = { 'r0:label': 'int-1', 'r0:code': 'cpt-1', 'r0:minutes': 'min-1', 'r0:units': 'units-1' };
const field = (key: string) => (fields[key] ? byName(fields[key]!) : undefined);

describe('correctedPicks', () => {
  it('"Minutes is Units": the two fields swap roles, the others stay', () => {
    flowsheet();
    const r = correctedPicks(field, 'r0', 'minutes', 'units');
    expect('picks' in r && r.picks.row).toEqual({ label: byName('int-1'), code: byName('cpt-1'), minutes: byName('units-1'), units: byName('min-1') });
  });

  it('a role the row had no field for takes the column alone; the same role or a gone field is refused', () => {
    flowsheet();
    const r = correctedPicks(field, 'r0', 'units', 'modifiers');
    expect('picks' in r && r.picks.row).toEqual({ label: byName('int-1'), code: byName('cpt-1'), minutes: byName('min-1'), modifiers: byName('units-1') });
    expect(correctedPicks(field, 'r0', 'units', 'units')).toEqual({ error: expect.stringMatching(/another kind/) });
    expect(correctedPicks(field, 'r0', 'modifiers', 'units')).toEqual({ error: expect.stringMatching(/no field on this line/) });
  });

  it('the picks build a mapping that reads every row the corrected way (minutes 23 and 10, units 2 and 1)', () => {
    flowsheet();
    const r = correctedPicks(field, 'r0', 'minutes', 'units');
    if (!('picks' in r)) throw new Error(r.error);
    const taught = profileFromPicks(r.picks, { origin: 'http://127.0.0.1:4580', name: 'corrected', root: document, codes, phrases: [] });
    if (!taught.ok) throw new Error(taught.error);
    expect(taught.rows).toBe(2);
    const read = readVisit(document, { codes, phrases: [], profiles: [taught.profile] });
    expect(read.visit.entries.map((e) => [e.code, e.minutes, e.units])).toEqual([['97110', 23, 2], ['97140', 10, 1]]);
    expect(detectRows(document, { profile: taught.profile, codes, phrases: [] }).source).toBe('profile');
  });
});
