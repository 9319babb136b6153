// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fieldAt, profileFromPicks, type Picks } from '../../lib/extract/teach';
import { readVisit } from '../../lib/extract/read';
import { checkProfile, type SiteProfile } from '../../lib/extract/profile';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';
import shipped from '../fixtures/ehr/profiles/daily-log.json';

// Teach mode: the profile built from a user's clicks on one row must read every row of the
// form, hold only selectors (never what the fields contain), and say clearly when it cannot.

const codes = new Set(catalog.rows.map((r) => r.code));
const PHRASES = phrases.rows.flatMap((r) => r.phrases);
const ORIGIN = 'http://127.0.0.1:4580';

function fixture(name: string): void {
  const html = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'ehr', name), 'utf8');
  document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)![1]!;
  for (const select of Array.from(document.querySelectorAll('select'))) {
    const chosen = select.querySelector('option[selected]') as HTMLOptionElement | null;
    if (chosen) select.selectedIndex = Array.from(select.options).indexOf(chosen);
  }
}

const $ = (sel: string, root: ParentNode = document) => {
  const el = root.querySelector(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};

function teach(picks: Picks, root: Document | ShadowRoot | Element = document) {
  return profileFromPicks(picks, { origin: ORIGIN, name: 'Taught', root, codes, phrases: PHRASES });
}

function readWith(profile: SiteProfile, root: Document | ShadowRoot | Element = document) {
  return readVisit(root, { profile, codes, phrases: PHRASES });
}

const entries = (r: ReturnType<typeof readWith>) => r.visit.entries.map((e) => [e.code, e.minutes, e.units ?? null, (e.modifiers ?? []).join(' ')]);

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('teach mode on the demo daily log (labels drawn by CSS, which the generic detector cannot see)', () => {
  beforeEach(() => fixture('daily-log.html'));
  const picks = (): Picks => {
    const second = document.querySelectorAll('article.log-item')[1]!;
    return {
      row: { label: $('.what', second), code: $('.proc', second), minutes: $('[data-k="t"]', second), units: $('[data-k="q"]', second), modifiers: $('[data-k="m"]', second) },
      visit: { payer: $('.cov'), dateOfService: $('.when') },
    };
  };

  it('the generic detector alone does not find the minutes', () => {
    const generic = readVisit(document, { codes, phrases: PHRASES });
    expect(generic.visit.entries.some((e) => e.minutes === 16 || e.minutes === 28)).toBe(false);
  });

  it('builds a profile from clicks on one row that reads all three rows and the visit facts', () => {
    const taught = teach(picks());
    expect(taught).toMatchObject({ ok: true, rows: 3 });
    if (!taught.ok) return;
    const r = readWith(taught.profile);
    expect(r.source).toBe('profile');
    expect(entries(r)).toEqual([
      ['97140', 16, 1, 'GP'],
      ['97110', 28, 3, 'GP'],
      ['97112', 9, 1, 'GP'],
    ]);
    expect(r.visit.payer).toBe('Medicare');
    expect(r.visit.dateOfService).toBe('2026-11-20');
    expect(r.visit.entries[0]!.label).toMatch(/^Manual therapy/);
  });

  it('the shipped demo profile reads the page as the taught one does', () => {
    const taught = teach(picks());
    if (!taught.ok) throw new Error(taught.error);
    const checked = checkProfile(shipped);
    if (!checked.ok) throw new Error(checked.error);
    expect(entries(readWith(checked.profile))).toEqual(entries(readWith(taught.profile)));
    expect(readWith(checked.profile).visit.payer).toBe('Medicare');
  });

  it('holds selectors only: no value, name or text from the form', () => {
    const taught = teach(picks());
    if (!taught.ok) throw new Error(taught.error);
    const json = JSON.stringify(taught.profile);
    for (const patientValue of ['Nguyen', 'Thomas', 'Medicare', '2026', '97110', '97140', 'lumbar', 'Manual', 'GP', '28']) {
      expect(json).not.toContain(patientValue);
    }
    // And it passes the same check an imported profile does.
    expect(checkProfile(taught.profile)).toEqual({ ok: true, profile: taught.profile });
  });

  it('keeps working when a row is added after teaching', () => {
    const taught = teach(picks());
    if (!taught.ok) throw new Error(taught.error);
    const log = $('#log');
    log.append(log.firstElementChild!.cloneNode(true));
    (log.lastElementChild!.querySelector('[data-k="t"]') as HTMLInputElement).value = '12';
    expect(entries(readWith(taught.profile)).at(-1)).toEqual(['97140', 12, 1, 'GP']);
  });

  it('the row may be taught from any of its rows, and without the optional fields', () => {
    const first = document.querySelector('article.log-item')!;
    const taught = teach({ row: { code: $('.proc', first), minutes: $('[data-k="t"]', first) }, visit: {} });
    if (!taught.ok) throw new Error(taught.error);
    expect(entries(readWith(taught.profile)).map((e) => e.slice(0, 2))).toEqual([
      ['97140', 16],
      ['97110', 28],
      ['97112', 9],
    ]);
  });

  it('refuses fields from two different rows, naming the problem', () => {
    const [a, b] = Array.from(document.querySelectorAll('article.log-item'));
    const taught = teach({ row: { code: $('.proc', a!), minutes: $('[data-k="t"]', b!) }, visit: {} });
    expect(taught).toEqual({ ok: false, error: expect.stringMatching(/different rows/) });
  });
});

describe('teach mode on the other demo pages', () => {
  it('flowsheet table: selectors by the stable part of names like min-2, modifiers included', () => {
    fixture('flowsheet.html');
    const generic = readVisit(document, { codes, phrases: PHRASES });
    const row = document.querySelectorAll('#flowsheet tbody tr')[1]!;
    const taught = teach({
      row: { label: $('input[name="int-2"]', row), code: $('select', row), minutes: $('input[name="min-2"]', row), units: $('input[name="units-2"]', row), modifiers: $('input[name="mod-2"]', row) },
      visit: { payer: $('#payer') },
    });
    if (!taught.ok) throw new Error(taught.error);
    expect(taught.profile.fields.minutes).toBe('input[name^="min-"]');
    expect(taught.rows).toBe(3);
    const r = readWith(taught.profile);
    // The taught profile reads what the generic detector reads on a form it understands.
    expect(entries(r)).toEqual(entries(generic as ReturnType<typeof readWith>));
    expect(r.visit.payer).toBe('Medicare Part B');
  });

  it('SOAP charges grid: a code in a plain cell, and every modifier column from one click', () => {
    fixture('soap.html');
    const row = document.querySelectorAll('#charges tbody tr')[0]!;
    const taught = teach({ row: { code: $('td.code', row), units: $('input[name^="units"]', row), modifiers: $('input[name^="mod1"]', row) }, visit: {} });
    if (!taught.ok) throw new Error(taught.error);
    const r = readWith(taught.profile);
    expect(r.visit.entries.length).toBe(document.querySelectorAll('#charges tbody tr').length);
    expect(r.visit.entries[0]).toMatchObject({ code: '97530', units: 2, modifiers: ['GO'] });
    // Row 0's second modifier is empty; the selector still covers both columns.
    expect(Array.from(row.querySelectorAll(taught.profile.fields.modifiers!)).length).toBe(2);
  });

  it('a form inside an open shadow root', () => {
    const host = document.createElement('ehr-grid');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div class="grid">${['Ther ex|97110|20', 'Gait|97116|15']
      .map((r) => r.split('|'))
      .map(([n, c, m]) => `<div class="line"><span class="nm">${n}</span><span class="cd">${c}</span><input class="mn" value="${m}"></div>`)
      .join('')}</div>`;
    const line = shadow.querySelector('.line')!;
    const taught = teach({ row: { label: $('.nm', line), code: $('.cd', line), minutes: $('.mn', line) }, visit: {} });
    if (!taught.ok) throw new Error(taught.error);
    expect(entries(readWith(taught.profile)).map((e) => e.slice(0, 2))).toEqual([
      ['97110', 20],
      ['97116', 15],
    ]);
  });

  it('a form with a single row: the table row is the row', () => {
    document.body.innerHTML = `<table><tbody><tr><td><input name="what"></td><td><select name="code"><option value="97110" selected>97110</option></select></td><td><input name="mins" value="30"></td></tr></tbody></table>`;
    const tr = $('tr');
    const taught = teach({ row: { code: $('select', tr), minutes: $('input[name="mins"]', tr) }, visit: {} });
    if (!taught.ok) throw new Error(taught.error);
    expect(taught.profile.rowSelector).toMatch(/tr$/);
    expect(entries(readWith(taught.profile))).toEqual([['97110', 30, null, '']]);
  });
});

describe('teach mode: what it refuses', () => {
  beforeEach(() => fixture('daily-log.html'));

  it('needs two fields of a row', () => {
    expect(teach({ row: { minutes: $('[data-k="t"]') }, visit: {} })).toEqual({ ok: false, error: expect.stringMatching(/at least two fields/) });
  });

  it('needs the minutes, code or intervention', () => {
    expect(teach({ row: { units: $('[data-k="q"]'), modifiers: $('[data-k="m"]') }, visit: {} })).toEqual({ ok: false, error: expect.stringMatching(/units and modifiers alone/) });
  });

  it('refuses one field clicked for two things', () => {
    const el = $('[data-k="t"]');
    expect(teach({ row: { minutes: el, units: el }, visit: {} })).toEqual({ ok: false, error: expect.stringMatching(/same field/) });
  });
});

describe('fieldAt: what a click means', () => {
  it('a label means its control; an option means its select; text inside an editable means the editable', () => {
    document.body.innerHTML = `<label for="m">Minutes</label><input id="m"><label>Units <input id="u"></label>
      <select id="s"><option id="o">97110</option></select><div contenteditable id="ce"><p><b id="b">Gait</b> 10 min</p></div><span id="t">97110</span>`;
    expect(fieldAt($('label[for="m"]')).id).toBe('m');
    expect(fieldAt($('label:not([for])')).id).toBe('u');
    expect(fieldAt($('#o')).id).toBe('s');
    expect(fieldAt($('#b')).id).toBe('ce');
    expect(fieldAt($('#t')).id).toBe('t');
  });
});
