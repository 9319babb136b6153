// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { checkProfile } from '../lib/extract/profile';
import { SiteProfile, addImported, addTaught, exportProfiles, parseProfileFile, profilesFor, removeProfile, renameProfile, taughtName, upsertProfile } from '../lib/site-profiles';
import shipped from './fixtures/ehr/profiles/daily-log.json';
import { SAMPLE_PROFILE as good } from './fixtures/sample-profile';

// The background's zod schema and the content script's hand-written check must agree: a
// profile one accepts and the other rejects would be stored but never used, or the reverse.


const CASES: [string, unknown][] = [
  ['good', good],
  ['origin with slash', { ...good, origin: 'https://ehr.example.com/' }],
  ['no visit', { ...good, visit: undefined }],
  ['not an object', []],
  ['wrong version', { ...good, version: 2 }],
  ['no name', { ...good, name: ' ' }],
  ['origin with a path', { ...good, origin: 'https://ehr.example.com/visits' }],
  ['origin not a URL', { ...good, origin: 'ehr' }],
  ['bad row selector', { ...good, rowSelector: 'tr[' }],
  ['empty row selector', { ...good, rowSelector: '' }],
  ['bad field selector', { ...good, fields: { ...good.fields, minutes: '>>' } }],
  ['field not a string', { ...good, fields: { ...good.fields, units: 3 } }],
  ['unknown field', { ...good, fields: { ...good.fields, mins: 'x' } }],
  ['no label, code or minutes', { ...good, fields: { units: 'x' } }],
  ['bad visit selector', { ...good, visit: { payer: '##' } }],
  ['unknown top-level key', { ...good, extra: 1 }],
  ['long selector', { ...good, rowSelector: 'tr'.padEnd(1001, ' ') + 'x' }],
];

describe('SiteProfile (zod) and checkProfile agree', () => {
  it.each(CASES)('%s', (_, json) => {
    const zod = SiteProfile.safeParse(json);
    const hand = checkProfile(json);
    expect(zod.success).toBe(hand.ok);
    if (zod.success && hand.ok) expect(zod.data).toEqual(hand.profile);
  });

  it('the shipped demo profile passes both', () => {
    expect(SiteProfile.safeParse(shipped).success).toBe(true);
    expect(checkProfile(shipped).ok).toBe(true);
  });
});

describe('parseProfileFile: one profile, a list, or an export', () => {
  it('accepts the three shapes', () => {
    expect(parseProfileFile(good)).toMatchObject({ ok: true, profiles: [{ name: 'Demo flowsheet' }] });
    expect(parseProfileFile([good, { ...good, name: 'B' }])).toMatchObject({ ok: true, profiles: [{}, { name: 'B' }] });
    expect(parseProfileFile({ profiles: [good] })).toMatchObject({ ok: true, profiles: [{}] });
  });

  it.each([
    ['a bad selector in a list', [good, { ...good, fields: { minutes: 'td[' } }], /^1\.fields\.minutes: is not a valid CSS selector/],
    ['a bad origin in an export', { profiles: [{ ...good, origin: 'ftp:/x/y' }] }, /^profiles\.0\.origin: must be just scheme/],
    ['a single profile with no row selector', { ...good, rowSelector: undefined }, /^rowSelector:/],
    ['not JSON data at all', 'hello', /^file:/],
  ])('rejects %s, naming the field', (_, json, error) => {
    const r = parseProfileFile(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe('the stored list', () => {
  const a = SiteProfile.parse(good);
  const b = SiteProfile.parse({ ...good, name: 'Eval form' });
  const c = SiteProfile.parse({ ...good, origin: 'https://other.example.com' });

  it('upsert puts the newest first and replaces one with the same origin and name', () => {
    const list = upsertProfile(upsertProfile(upsertProfile([], a), b), c);
    expect(list.map((p) => p.name)).toEqual(['Demo flowsheet', 'Eval form', 'Demo flowsheet']);
    const again = upsertProfile(list, { ...a, rowSelector: 'tr.new' });
    expect(again).toHaveLength(3);
    expect(again[0]).toMatchObject({ name: 'Demo flowsheet', rowSelector: 'tr.new', origin: a.origin });
    expect(profilesFor(again, a.origin).map((p) => p.name)).toEqual(['Demo flowsheet', 'Eval form']);
    expect(removeProfile(again, a.origin, 'Eval form').map((p) => p.name)).toEqual(['Demo flowsheet', 'Demo flowsheet']);
  });

  it('names a taught profile by host and date, without clashing', () => {
    const first = taughtName([], 'http://127.0.0.1:4580', '2026-11-23');
    expect(first).toBe('127.0.0.1:4580 form (taught 2026-11-23)');
    const list = [SiteProfile.parse({ ...good, origin: 'http://127.0.0.1:4580', name: first })];
    expect(taughtName(list, 'http://127.0.0.1:4580', '2026-11-23')).toBe(`${first} #2`);
  });
});

describe('rename and export', () => {
  const a = SiteProfile.parse(good);
  const b = SiteProfile.parse({ ...good, name: 'Eval form' });

  it('renames, refusing a name the origin already uses or an empty one', () => {
    expect(renameProfile([a, b], a.origin, 'Demo flowsheet', ' Daily flowsheet ')).toMatchObject({ ok: true, list: [{ name: 'Daily flowsheet' }, { name: 'Eval form' }] });
    expect(renameProfile([a, b], a.origin, 'Demo flowsheet', 'Eval form')).toEqual({ ok: false, error: `${a.origin} already has a mapping named 'Eval form'.` });
    expect(renameProfile([a, b], a.origin, 'Demo flowsheet', '  ')).toMatchObject({ ok: false });
    expect(renameProfile([a], a.origin, 'Nope', 'X')).toMatchObject({ ok: false, error: expect.stringMatching(/No mapping 'Nope'/) });
  });

  it('an export reads back as the same mappings', () => {
    expect(parseProfileFile(JSON.parse(exportProfiles([a, b])))).toEqual({ ok: true, profiles: [a, b] });
  });
});

describe('addTaught: a taught mapping holds structure only', () => {
  const ORIGIN = 'http://127.0.0.1:4580';
  const taught = { version: 1, name: 'taught', origin: ORIGIN, rowSelector: '#log article.log-item', fields: { code: 'div.proc', minutes: 'div:nth-child(3) > span:nth-child(1) > input:nth-child(1)' }, visit: { payer: 'span.cov' } };

  it('saves one made of tags, positions and billing words', () => {
    expect(addTaught([], taught, ORIGIN, '2026-11-23')).toMatchObject({ ok: true, list: [{ rowSelector: '#log article.log-item' }] });
  });

  it('refuses a patient name in a selector, naming the field but not repeating the name', () => {
    const r = addTaught([], { ...taught, visit: { payer: 'span[aria-label="Insurance of DOE, JANE"]' } }, ORIGIN, '2026-11-23');
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^invalid mapping: visit\.payer: holds an attribute name or value not in the billing\/form vocabulary: a taught mapping may hold only tags/) });
    if (!r.ok) expect(r.error).not.toMatch(/doe|jane/i);
  });

  it.each([
    ['rowSelector', { rowSelector: '#chart-Doe-Jane div.row' }, /^invalid mapping: rowSelector: holds an id/],
    ['fields.minutes', { fields: { minutes: 'input[name="doe_jane_minutes"]' } }, /^invalid mapping: fields\.minutes: holds an attribute/],
    ['fields.code', { fields: { code: 'span.pt-doe-jane' } }, /^invalid mapping: fields\.code: holds a class name/],
    ['fields.label', { fields: { code: 'div.proc', label: 'span:contains("Doe")' } }, /^invalid mapping: fields\.label: holds a pseudo-class/],
    ['visit.dateOfService', { visit: { dateOfService: 'span[title="MRN 4417"]' } }, /^invalid mapping: visit\.dateOfService:/],
  ])('refuses a non-vocabulary part in %s', (_, change, error) => {
    expect(addTaught([], { ...taught, ...change }, ORIGIN, '2026-11-23')).toEqual({ ok: false, error: expect.stringMatching(error) });
  });

  it('an imported mapping, written by a practice lead, may still name classes and ids', () => {
    const file = { ...taught, name: 'Front desk', rowSelector: '#chart-grid tr.visit-row-x', fields: { minutes: 'input.mn' } };
    expect(addImported([], file)).toMatchObject({ ok: true, names: ['Front desk'] });
    expect(addTaught([], file, ORIGIN, '2026-11-23')).toMatchObject({ ok: false });
  });
});
