// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fieldAt, profileFromPicks, type Picks } from '../../lib/extract/teach';
import { readVisit } from '../../lib/extract/read';
import { checkProfile, type SiteProfile } from '../../lib/extract/profile';
import { addTaught } from '../../lib/site-profiles';
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

describe('teach mode keeps patient data out of the mapping (structure only)', () => {
  // Every attribute an EHR might fill from the chart carries the patient's name or MRN: ids on
  // the rows, their ancestors and the fields, classes, names, aria-label, title, placeholder,
  // data-*, itemprop, headers, and a label's text. None of it may reach the stored mapping.
  const PLANTED = ['doe', 'jane', 'mrn', '4417', 'chart', 'pt-', '王芳'];
  const line = (k: string, name: string, code: string, minutes: number, units: number) => `
    <div id="doe-jane-line-${k}" class="row pt-doe-jane" data-patient="Doe-Jane" itemprop="patientDoeJane" title="Visit of DOE, JANE">
      <span id="doe-jane-${k}" class="desc-doe-jane" aria-label="Intervention for DOE, JANE" title="Jane Doe" data-mrn="MRN-DOE">${name}</span>
      <span class="cpt-jane code-doe" headers="doe-jane-cpt" itemprop="janeCode" data-who="Doe">${code}</span>
      <label for="doe-jane-minutes-${k}">Minutes for DOE, JANE (MRN 4417)</label>
      <input id="doe-jane-minutes-${k}" name="doe_jane_minutes" class="min-doe" aria-label="Minutes of DOE, JANE" title="MRN DOE" placeholder="Jane's minutes" data-patient="DOE" itemprop="DoeJaneMinutes" headers="doe-jane-min" value="${minutes}">
      <input name="doe_jane_units" class="jane-units" aria-label="Units of DOE, JANE" placeholder="Doe-Jane" data-field="Doe-Jane" title="王芳" value="${units}">
    </div>`;
  beforeEach(() => {
    document.body.innerHTML = `
      <div id="chart-Doe-Jane" class="pt-doe-jane chart" data-patient="DOE, JANE" title="Chart of Jane Doe, MRN 4417">
        <h2 title="Doe, Jane">Treatment</h2>
        <span id="ins-doe-jane" class="cov-doe" aria-label="Insurance of DOE, JANE" title="Insurance of DOE, JANE" data-patient="Doe-Jane">Medicare</span>
        <span id="dos-doe-jane" class="dos-jane" aria-label="Date of service, DOE, JANE" itemprop="doeDate">2026-11-20</span>
        <div id="lines-Doe-Jane" class="doe-jane-lines" data-mrn="MRN">
          ${line('a', 'Therapeutic exercise', '97110', 23, 2)}
          ${line('b', 'Gait training', '97116', 15, 1)}
          ${line('c', 'Manual therapy', '97140', 8, 1)}
        </div>
      </div>`;
  });
  const picks = (): Picks => {
    const row = document.querySelectorAll('.row')[1]!;
    return {
      row: { label: $('span[aria-label]', row), code: $('span[headers]', row), minutes: fieldAt($('label', row)), units: $('input[name="doe_jane_units"]', row) },
      visit: { payer: $('#ins-doe-jane'), dateOfService: $('#dos-doe-jane') },
    };
  };

  it('reads every row from a mapping that holds none of the planted names', () => {
    const taught = teach(picks());
    if (!taught.ok) throw new Error(taught.error);
    expect(taught.rows).toBe(3);
    const r = readWith(taught.profile);
    expect(r.source).toBe('profile');
    expect(entries(r)).toEqual([
      ['97110', 23, 2, ''],
      ['97116', 15, 1, ''],
      ['97140', 8, 1, ''],
    ]);
    expect(r.visit.entries.map((e) => e.label)).toEqual(['Therapeutic exercise', 'Gait training', 'Manual therapy']);
    expect(r.visit.payer).toBe('Medicare');
    expect(r.visit.dateOfService).toBe('2026-11-20');
    const json = JSON.stringify(taught.profile).toLowerCase();
    for (const planted of PLANTED) expect(json).not.toContain(planted.toLowerCase());
  });

  // One kind at a time: each of these alone would otherwise be the selector teach mode prefers.
  it.each([
    ['an ancestor id', 'id="chart-Doe-Jane"', '', ''],
    ['a class of the row', '', 'class="row doe-jane"', ''],
    ['a class', '', '', 'class="doe-jane"'],
    ['a name', '', '', 'name="doe_jane_minutes"'],
    ['an aria-label', '', '', 'aria-label="Minutes of DOE, JANE"'],
    ['a title', '', '', 'title="MRN DOE"'],
    ['a placeholder', '', '', 'placeholder="Jane Doe"'],
    ['a data- attribute', '', '', 'data-patient="Doe-Jane"'],
    ['an itemprop', '', '', 'itemprop="DoeJane"'],
    ['a headers list', '', '', 'headers="doe jane"'],
  ])('%s with the patient’s name stays out', (_, sectionAttrs, rowAttrs, minutesAttrs) => {
    const row = (name: string, code: string, min: number) => `<div ${rowAttrs}><span>${name}</span><span>${code}</span><input ${minutesAttrs} value="${min}"></div>`;
    document.body.innerHTML = `<section ${sectionAttrs}><div>${row('Ther ex', '97110', 23)}${row('Gait', '97116', 15)}</div></section>`;
    const first = document.querySelector('section > div > div')!;
    const taught = teach({ row: { code: $('span + span', first), minutes: $('input', first) }, visit: {} });
    if (!taught.ok) throw new Error(taught.error);
    expect(entries(readWith(taught.profile)).map((e) => e.slice(0, 2))).toEqual([
      ['97110', 23],
      ['97116', 15],
    ]);
    expect(JSON.stringify(taught.profile)).not.toMatch(/doe|jane|mrn/i);
  });

  it('still uses a class, id or attribute value made of billing words', () => {
    document.body.innerHTML = `<div id="billing"><div class="line-item"><span class="desc">Gait</span><span data-field="code">97116</span><input title="Minutes" value="15"></div>
      <div class="line-item"><span class="desc">Ther ex</span><span data-field="code">97110</span><input title="Minutes" value="30"></div></div>`;
    const row = document.querySelector('.line-item')!;
    const taught = teach({ row: { label: $('.desc', row), code: $('[data-field]', row), minutes: $('input', row) }, visit: {} });
    if (!taught.ok) throw new Error(taught.error);
    expect(taught.profile.rowSelector).toMatch(/line-item/);
    expect(taught.profile.fields).toEqual({ label: 'span.desc', code: 'span[data-field="code"]', minutes: 'input[title="Minutes"]' });
  });

  it('what it teaches on the demo pages passes the background’s check for taught mappings', () => {
    fixture('daily-log.html');
    const second = document.querySelectorAll('article.log-item')[1]!;
    const taught = teach({
      row: { label: $('.what', second), code: $('.proc', second), minutes: $('[data-k="t"]', second), units: $('[data-k="q"]', second), modifiers: $('[data-k="m"]', second) },
      visit: { payer: $('.cov'), dateOfService: $('.when') },
    });
    if (!taught.ok) throw new Error(taught.error);
    expect(addTaught([], taught.profile, ORIGIN, '2026-11-23')).toMatchObject({ ok: true });
    // And the page's own words for the fields ("what", "when", data-k="t") are not in it.
    expect(JSON.stringify(taught.profile)).not.toMatch(/what|when|data-k/);
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
