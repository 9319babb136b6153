// @vitest-environment happy-dom
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { detectRows } from '../../lib/extract/detect';
import { MAX_MINUTES, parseMinutes } from '../../lib/extract/minutes';
import type { SiteProfile } from '../../lib/extract/profile';
import { readVisit, type ReadOptions, type ReadResult } from '../../lib/extract/read';
import { Visit } from '../../lib/model';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

// Issue 5, promise 5: whatever page the content script lands on, the form reader never
// throws, never invents a zero, and hands the background a Visit its schema accepts.
// Random DOM trees (any nesting of div/table/tr/td/input/select/textarea/label/span, text
// mixing codes, intervention names, minutes-like and HTML-looking strings) are built with
// the DOM API, so they include nestings no HTML parser would produce.

const SEED = 5_0505;

const CODES = catalog.rows.map((r) => r.code);
const codes = new Set(CODES);
const PHRASES = phrases.rows.flatMap((r) => r.phrases);
const phraseCodes = new Map(phrases.rows.flatMap((r) => r.phrases.map((p) => [p.toLowerCase(), r.code] as const)));
const options = (extra: Partial<ReadOptions> = {}): ReadOptions => ({ codes, phrases: PHRASES, phraseCodes, ...extra });

const MINUTES_LIKE = ['23', '23 min', "8'", '0', '0:23', '1:05', '1h 5m', '10:05-10:28', '10:05 AM \u2013 10:28 AM', '11:50 PM - 12:10 AM', '7.5', '1:5x', 'twenty', '-5', '999999', '1441', '10:28-10:05', '10:05-10:2x', 'N/A', '--', '23 sec', `0.${'0'.repeat(330)}1`];
const LABELS = ['Minutes', 'Min', 'Time', 'Duration', 'CPT', 'Code', 'HCPCS', 'Units', 'Qty', 'Modifiers', 'Mod', 'Intervention', 'Description', 'Activity', 'Payer', 'Insurance', 'Date of service', 'DOS', 'Total treatment minutes', 'Total', 'Discipline', 'Start', 'End', 'Time in', 'Time out', 'PTA minutes', 'Notes', 'DOB'];
const VALUES = ['Medicare Part B', 'Aetna', 'PT', 'OT', 'SLP', 'Physical Therapy', 'Speech', '03/02/2026', '2026-02-30', 'Mar 2, 2026', 'GP', 'GP, 59', 'KX XU', 'GPX', '--', 'none', '2', '1.5', '3 units', '9:05 am', '25:00', '9711', '97110X', 'G0283', '0552T'];
// Longer than the Visit schema allows a label (2000), raw minutes (200) or a payer (200).
const LONG = ['Ther ex, LE strengthening 3x10 '.repeat(80), `twenty ${'x'.repeat(300)}`, 'Medicare Part B '.repeat(20), `97110 ${'9'.repeat(250)}`];
const HTMLISH = ['<b>97110</b>', '<script>alert(1)</script>', '&amp; &lt;td&gt;', '<td>23</td>', '</tr><tr><td>97112', '<!-- 15 min -->', '"><img src=x onerror=alert(1)>', '\u202e23\u202c', '\u0000', '\ud800'];

const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CODES) },
  { weight: 3, arbitrary: fc.constantFrom(...PHRASES) },
  { weight: 3, arbitrary: fc.constantFrom(...MINUTES_LIKE) },
  { weight: 2, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 2, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.constantFrom(...HTMLISH) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const text = fc.array(word, { minLength: 0, maxLength: 3 }).chain((ws) => fc.constantFrom(' ', ': ', '\n', '; ', '. ').map((sep) => ws.join(sep)));

interface Spec {
  tag: string;
  attrs: [string, string][];
  text?: string;
  /** An input's or textarea's value (set as the user would, not as an attribute). */
  value?: string;
  options?: { text: string; value: string }[];
  selected?: number;
  shadow?: boolean;
  children: Spec[];
}

const noChildren = fc.constant<Spec[]>([]);
const noAttrs = fc.constant<[string, string][]>([]);

const ATTR_NAMES = ['aria-label', 'placeholder', 'title', 'name', 'id', 'class', 'role', 'colspan', 'contenteditable', 'for', 'aria-labelledby', 'type'];
const attr = fc.tuple(
  fc.constantFrom(...ATTR_NAMES),
  fc.oneof(fc.constantFrom(...LABELS), fc.constantFrom('row', 'cell', 'gridcell', 'grid', 'columnheader', 'table', 'true', 'false', '2', '0', '-1', 'x', 'text', 'hidden', 'number', 'a', 'b', 'c', 'a b'), text),
);
const attrs = fc.array(attr, { maxLength: 3 });

const controlSpec: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ tag: fc.constant('input'), attrs, value: text, children: noChildren }),
  fc.record({ tag: fc.constant('textarea'), attrs, value: text, children: noChildren }),
  fc.record({
    tag: fc.constant('select'),
    attrs,
    options: fc.array(fc.record({ text, value: fc.oneof(fc.constantFrom(...CODES), fc.constant(''), text) }), { maxLength: 4 }),
    selected: fc.integer({ min: -1, max: 4 }),
    children: noChildren,
  }),
);

const CONTAINERS = ['div', 'span', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'label', 'p', 'li', 'ul', 'section', 'b', 'form', 'dt', 'dd'];

const { tree } = fc.letrec<{ tree: Spec; node: Spec }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ tag: fc.constant('#text'), attrs: noAttrs, text, children: noChildren }),
    controlSpec,
    tie('tree'),
  ),
  tree: fc.record({
    tag: fc.constantFrom(...CONTAINERS),
    attrs,
    text: fc.option(text, { nil: undefined }),
    shadow: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }),
}));

// Markup soup for the HTML parser, so HTML-looking text is also met as markup.
const TAGS = ['<table>', '<tr>', '<td>', '</td>', '</tr>', '</table>', '<thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th></tr></thead>', '<input value="23">', '<input aria-label="Minutes" value="1:5x">', '<select><option value="">--</option><option value="97110" selected>97110 Ther ex</option></select>', '<label>', '</label>', '<div>', '</div>', '<span>', '<textarea>', '</textarea>', '<p contenteditable>', '<br>'];
const soup = fc.array(fc.oneof(word, fc.constantFrom(...TAGS)), { maxLength: 30 }).map((parts) => parts.join(''));

function build(spec: Spec, doc: Document): Node {
  if (spec.tag === '#text') return doc.createTextNode(spec.text ?? '');
  const el = doc.createElement(spec.tag);
  for (const [name, value] of spec.attrs) {
    try {
      el.setAttribute(name, value);
    } catch {
      // An attribute value the DOM refuses is no page's content.
    }
  }
  if (spec.text) el.append(spec.text);
  if (spec.tag === 'select') {
    for (const o of spec.options ?? []) {
      const opt = doc.createElement('option');
      opt.textContent = o.text;
      opt.value = o.value;
      el.append(opt);
    }
    (el as HTMLSelectElement).selectedIndex = Math.min(spec.selected ?? -1, (spec.options?.length ?? 0) - 1);
  }
  if (spec.value !== undefined) (el as HTMLInputElement).value = spec.value;
  const parent = spec.shadow && spec.tag === 'div' ? el.attachShadow({ mode: 'open' }) : el;
  for (const child of spec.children) parent.append(build(child, doc));
  return el;
}

/** What the background requires of a read, and what promise 5 requires of each entry. */
function checkRead(r: ReadResult) {
  const parsed = Visit.safeParse(r.visit);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  expect(['profile', 'generic', 'none']).toContain(r.source);
  if (r.visit.entries.length > 0) expect(r.source).not.toBe('none');
  for (const entry of r.visit.entries) {
    if (entry.minutes === null) {
      // Unreadable minutes keep the text, so minutes.unreadable can quote it.
      expect(typeof entry.rawMinutes).toBe('string');
      expect(entry.rawMinutes!.trim()).not.toBe('');
      if (entry.rawMinutes!.length < 200) expect(parseMinutes(entry.rawMinutes!).ok).toBe(false);
    } else if (entry.minutes !== undefined) {
      expect(Number.isFinite(entry.minutes)).toBe(true);
      expect(entry.minutes).toBeGreaterThanOrEqual(0);
      expect(entry.minutes).toBeLessThanOrEqual(MAX_MINUTES);
      expect(entry.rawMinutes).toBeUndefined();
    } else {
      expect(entry.rawMinutes).toBeUndefined();
    }
    // The panel finds the field an entry came from by its key.
    if (entry.fieldKey !== undefined) expect(r.fields.has(entry.fieldKey), entry.fieldKey).toBe(true);
  }
  for (const [key, el] of r.fields) {
    expect(key).toMatch(/^(r\d+(:[A-Za-z0-9]+)?|visit:[A-Za-z]+)$/);
    expect(el.nodeType).toBe(1);
  }
  for (const note of r.notes) expect(note.trim().length).toBeGreaterThan(0);
}

const GOOD_SELECTORS = ['tr', 'tbody tr', 'div', 'td', 'td:nth-child(1)', 'td:nth-child(3)', 'input', 'select', 'span', '*', 'main > *', ':scope > *'];
const BAD_SELECTORS = ['#nope', '[[', 'td:nth-child(', ':has(', 'a > > b', ''];
const selector = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('*', ':scope > *', 'main > *') }, // match something on most pages
  { weight: 4, arbitrary: fc.constantFrom(...GOOD_SELECTORS) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_SELECTORS) },
);
const profile: fc.Arbitrary<SiteProfile> = fc.record({
  version: fc.constant(1 as const),
  name: fc.constant('Fuzzed mapping'),
  origin: fc.constant('http://localhost'),
  rowSelector: selector,
  fields: fc.record(
    { label: selector, code: selector, minutes: selector, units: selector, modifiers: selector, assistantMinutes: selector, startTime: selector, endTime: selector },
    { requiredKeys: [] },
  ),
  visit: fc.record({ payer: selector, discipline: selector, dateOfService: selector, totalTreatmentMinutes: selector }, { requiredKeys: [] }),
});

beforeEach(() => {
  document.title = '';
  document.body.innerHTML = '';
});

function mount(specs: Spec[]): HTMLElement {
  document.body.innerHTML = '';
  const root = document.createElement('main');
  for (const s of specs) root.append(build(s, document));
  document.body.append(root);
  return root;
}

describe('readVisit on random DOM trees (property)', () => {
  it('never throws, reads only, and returns a schema-valid Visit whose entries have minutes or keep the raw text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(tree, { minLength: 1, maxLength: 3 }), soup), (page) => {
        let root: HTMLElement;
        if (typeof page === 'string') {
          root = mount([]);
          root.innerHTML = page;
        } else root = mount(page);
        const before = root.innerHTML;
        checkRead(readVisit(document, options()));
        // The content script never writes to the host page.
        expect(root.innerHTML).toBe(before);
        // The generic detector's rows each name fields inside the row.
        for (const row of detectRows(root, options()).rows) {
          for (const el of Object.values(row.fields).flat()) expect((el as Element).nodeType).toBe(1);
        }
      }),
      { seed: SEED, numRuns: 250 },
    );
  }, 30_000); // (Hundreds of random pages read: seconds on a loaded 2-core CI machine.)

  it('never throws with a site mapping whose selectors match nothing, everything, or are not CSS', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 2 }), fc.array(profile, { minLength: 1, maxLength: 2 }), (specs, profiles) => {
        mount(specs);
        const r = readVisit(document, options({ profiles }));
        checkRead(r);
        if (r.source === 'profile') {
          expect(r.stale).toBe(false);
          expect(r.notes.filter((n) => n.startsWith('The site mapping'))).toEqual([]);
        } else {
          // A mapping that does not fit the page is said so, and the generic detector takes over.
          expect(r.stale).toBe(true);
          expect(r.notes.some((n) => n.startsWith("The site mapping 'Fuzzed mapping' does not match this page"))).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

// A flowsheet whose rows are known: every row comes back, with its code, and its minutes either
// as the number the text says or as null with the text kept. Never a silent 0, never dropped.
const minutesText = fc.oneof(
  fc.constantFrom(...MINUTES_LIKE),
  fc.integer({ min: 0, max: 2000 }).map(String),
  fc.string({ unit: fc.constantFrom(...'0123456789:-. minhAPx'.split('')), minLength: 1, maxLength: 10 }),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const rowArb = fc.record({
  code: fc.constantFrom(...CODES),
  label: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...PHRASES) }, { weight: 1, arbitrary: fc.constantFrom(...PHRASES).map((p) => `${p} `.repeat(250)) }),
  minutes: fc.oneof({ weight: 9, arbitrary: minutesText }, { weight: 1, arbitrary: fc.constantFrom(...LONG) }),
  asInput: fc.boolean(),
});

describe('readVisit on a flowsheet with random minutes text (property)', () => {
  it('reads every row: minutes as parseMinutes says, or null with the raw text and a note', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 6 }), (rows) => {
        // Text the reader trims to nothing is an empty field, not a row's minutes.
        const shown = rows.map((r) => r.minutes.replace(/\s+/g, ' ').trim());
        fc.pre(shown.every((s) => /[a-z0-9]/i.test(s)));
        const table = document.createElement('table');
        table.innerHTML = '<thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th></tr></thead><tbody></tbody>';
        const tbody = table.querySelector('tbody')!;
        for (const row of rows) {
          const tr = document.createElement('tr');
          const cells = [row.label, row.code].map((t) => {
            const td = document.createElement('td');
            td.textContent = t;
            return td;
          });
          const minutesCell = document.createElement('td');
          if (row.asInput) {
            const input = document.createElement('input');
            input.value = row.minutes;
            minutesCell.append(input);
          } else minutesCell.textContent = row.minutes;
          tr.append(...cells, minutesCell);
          tbody.append(tr);
        }
        document.body.innerHTML = '';
        document.body.append(table);

        const r = readVisit(document, options());
        checkRead(r);
        expect(r.visit.entries.map((e) => e.code)).toEqual(rows.map((x) => x.code));
        r.visit.entries.forEach((entry, i) => {
          const raw = rows[i]!.asInput ? rows[i]!.minutes.trim() : shown[i]!;
          const parsed = parseMinutes(raw);
          if (parsed.ok) {
            expect(entry.minutes, JSON.stringify(raw)).toBe(parsed.minutes);
          } else {
            expect(entry.minutes, JSON.stringify(raw)).toBeNull();
            expect(entry.rawMinutes).toBe(raw.slice(0, 200));
            expect(r.notes.some((n) => n.startsWith(`Row ${i + 1} minutes:`))).toBe(true);
          }
        });
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
