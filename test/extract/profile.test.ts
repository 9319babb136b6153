// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { checkProfile } from '../../lib/extract/profile';
import { SAMPLE_PROFILE as good } from '../fixtures/sample-profile';


describe('checkProfile', () => {
  it('accepts a good profile', () => {
    expect(checkProfile(good)).toEqual({ ok: true, profile: good });
    expect(checkProfile({ ...good, origin: 'https://ehr.example.com/' })).toMatchObject({ ok: true, profile: { origin: 'https://ehr.example.com' } });
  });

  it.each([
    ['not an object', [], /^profile:/],
    ['wrong version', { ...good, version: 2 }, /^version:/],
    ['no name', { ...good, name: ' ' }, /^name:/],
    ['origin with a path', { ...good, origin: 'https://ehr.example.com/visits' }, /^origin:/],
    ['origin not a URL', { ...good, origin: 'ehr' }, /^origin:/],
    ['bad row selector', { ...good, rowSelector: 'tr[' }, /^rowSelector: is not a valid CSS selector/],
    ['empty row selector', { ...good, rowSelector: '' }, /^rowSelector:/],
    ['bad field selector', { ...good, fields: { ...good.fields, minutes: '>>' } }, /^fields\.minutes:/],
    ['field not a string', { ...good, fields: { ...good.fields, units: 3 } }, /^fields\.units:/],
    ['unknown field', { ...good, fields: { ...good.fields, mins: 'x' } }, /^fields\.mins: unknown field/],
    ['no label, code or minutes', { ...good, fields: { units: 'x' } }, /^fields: needs/],
    ['bad visit selector', { ...good, visit: { payer: '##' } }, /^visit\.payer:/],
    ['unknown top-level key', { ...good, extra: 1 }, /^extra: unknown field/],
  ])('rejects %s, naming the field', (_, json, error) => {
    const r = checkProfile(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});
