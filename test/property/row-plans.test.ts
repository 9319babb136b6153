// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectRows, plainRowOf, type Detection } from '../../lib/extract/detect';
import { vocabularyOptions } from '../../lib/extract/read';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

// A table's rows of one shape are read by the plan of the first (Page.rowFields), not each
// field through its labels: checked differentially, the detection with plans equals the one
// read field by field (`rowPlans: false`), on random tables mixing what a plan must not
// cover: labels, label attributes, spans, row headers, "Time" columns holding clock times or
// appointments, dated columns, two fields in a cell, plain-text cells beside typed-in ones.

const SEED = 12_0512;
const OPTIONS = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);

const HEADERS = ['Intervention', 'CPT', 'Code', 'Minutes', 'Min', 'Time', 'Time (m:ss)', 'Units', 'Modifiers', 'Mod', 'Patient', 'Appointment', 'DOS', 'Payer', 'Scheduled min', 'Actual min', '10/30/2026 min', '11/02/2026', 'Notes', '', 'Start', 'End', 'PTA min', 'Sets', 'Reps'];
const VALUES = ['97110', '97112', '97140', 'Therapeutic exercise', 'Gait training', '8', '23', '0:23', '10:05', '2:30 PM', '9:00 AM — Lee, Ann', 'Lee, Ann', 'GP', 'GP 59', '1', '2', 'Medicare Part B', '11/02/2026', '', 'x'];

const cell = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('input' as const), value: fc.constantFrom(...VALUES) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('text' as const), value: fc.constantFrom(...VALUES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('select' as const), value: fc.constantFrom(...VALUES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('aria' as const, 'placeholder' as const, 'name' as const, 'two' as const, 'colspan' as const, 'th' as const, 'wrapped' as const), value: fc.constantFrom(...VALUES), label: fc.constantFrom(...HEADERS) }) },
);
type Cell = { kind: string; value: string; label?: string };

const td = (c: Cell) => {
  const v = c.value.replace(/"/g, '&quot;');
  switch (c.kind) {
    case 'input': return `<td><input value="${v}"></td>`;
    case 'text': return `<td>${c.value}</td>`;
    case 'select': return `<td><select><option>${c.value}</option></select></td>`;
    case 'aria': return `<td><input aria-label="${c.label}" value="${v}"></td>`;
    case 'placeholder': return `<td><input placeholder="${c.label}" value="${v}"></td>`;
    case 'name': return `<td><input name="${c.label}" value="${v}"></td>`;
    case 'two': return `<td><input value="${v}"><input value="1"></td>`;
    case 'colspan': return `<td colspan="2"><input value="${v}"></td>`;
    case 'th': return `<th scope="row">${c.value}</th>`;
    default: return `<td><div><input value="${v}"></div></td>`;
  }
};

const page = fc.record({
  tables: fc.array(
    fc.record({
      headers: fc.array(fc.constantFrom(...HEADERS), { minLength: 2, maxLength: 6 }),
      // Most rows repeat one shape (the plan's case), some another.
      shapes: fc.array(fc.array(cell, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 2 }),
      // (A row may be plain: its fields' own labels and spans dropped, the same cells named by the header alone.)
      rows: fc.array(fc.tuple(fc.nat(1), fc.array(fc.constantFrom(...VALUES), { minLength: 6, maxLength: 6 }), fc.boolean()), { minLength: 1, maxLength: 6 }),
      thead: fc.boolean(),
      rowspan: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  label: fc.boolean(),
});

function html(p: { tables: { headers: string[]; shapes: Cell[][]; rows: [number, string[], boolean][]; thead: boolean; rowspan: boolean }[]; label: boolean }): string {
  const tables = p.tables.map((t) => {
    const head = `<tr>${t.headers.map((h) => `<th>${h}</th>`).join('')}</tr>`;
    const body = t.rows.map(([s, values, unlabelled], r) => {
      const shape = t.shapes[s % t.shapes.length]!;
      const kind = (k: string) => (unlabelled && (k === 'aria' || k === 'placeholder' || k === 'name' || k === 'colspan') ? 'input' : k);
      const cells = shape.map((c, i) => td({ ...c, kind: kind(c.kind), value: c.kind === 'th' ? c.value : values[i] ?? c.value }));
      if (t.rowspan && r === 0) cells[0] = cells[0]!.replace(/^<t([dh])/, '<t$1 rowspan="2"');
      return `<tr>${cells.join('')}</tr>`;
    });
    return `<h2>Visit — 11/02/2026</h2><p>Payer: Medicare Part B</p><table>${t.thead ? `<thead>${head}</thead>` : head}<tbody>${body.join('')}</tbody></table>`;
  });
  return `${p.label ? '<label>Search <input type="search"></label>' : ''}${tables.join('')}`;
}

/** A detection as element paths, so two detections of one page compare. */
function shown(d: Detection) {
  const all = Array.from(document.querySelectorAll('*'));
  const at = (el: Element | undefined) => (el ? all.indexOf(el) : -1);
  return d.rows.map((r) => ({
    row: at(r.element),
    fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, Array.isArray(v) ? v.map(at) : at(v)])),
    facts: r.facts && Object.fromEntries(Object.entries(r.facts).map(([k, v]) => [k, at(v)])),
    minutesSeconds: r.minutesSeconds ?? false,
  }));
}

describe('rows read by their table\'s plan', () => {
  it('equal the rows read field by field, whatever the tables hold', () => {
    fc.assert(
      fc.property(page, (p) => {
        document.body.innerHTML = html(p);
        const planned = detectRows(document, OPTIONS);
        const byField = detectRows(document, { ...OPTIONS, rowPlans: false });
        expect(shown(planned)).toEqual(shown(byField));
        expect(planned.notes).toEqual(byField.notes);
      }),
      { seed: SEED, numRuns: 400 },
    );
    // (About 4 s alone; the whole suite beside it on 2 cores takes longer.)
  }, 60_000);

  it('are read by plan on a plain flowsheet (its rows\' fields taken by place)', () => {
    const row = (code: string, minutes: number) => `<tr><td><input value="Ther ex"></td><td><input value="${code}"></td><td><input value="${minutes}"></td><td><input value="1"></td><td><input value="GP"></td></tr>`;
    document.body.innerHTML = `<h2>Visit — 11/02/2026</h2><table><thead><tr><th>Intervention</th><th>CPT</th><th>Time (m:ss)</th><th>Units</th><th>Mod</th></tr></thead><tbody>${row('97110', 8)}${row('97112', 10)}${row('97140', 12)}</tbody></table>`;
    const d = detectRows(document, OPTIONS);
    expect(d.rows.map((r) => Object.keys(r.fields).sort())).toEqual(Array(3).fill(['code', 'label', 'minutes', 'modifiers', 'units']));
    // (The minutes column's label is kept for every row: its values are minutes:seconds.)
    expect(d.rows.map((r) => r.minutesSeconds)).toEqual([true, true, true]);
    expect(shown(d)).toEqual(shown(detectRows(document, { ...OPTIONS, rowPlans: false })));
  });
});

describe('rows a plan must not read by place', () => {
  const input = (v: string | number) => `<td><input value="${v}"></td>`;
  const head = (...h: string[]) => `<thead><tr>${h.map((t) => `<th>${t}</th>`).join('')}</tr></thead>`;
  /** Each row's fields as the values they hold. */
  const values = (d: Detection) => d.rows.map((r) => Object.fromEntries(Object.entries(r.fields).filter(([k]) => k !== 'modifiers').map(([k, el]) => [k, (el as HTMLInputElement).value ?? (el as Element).textContent])));
  const both = (html: string) => {
    document.body.innerHTML = `<h2>Visit — 11/02/2026</h2>${html}`;
    const planned = detectRows(document, OPTIONS);
    expect(shown(planned)).toEqual(shown(detectRows(document, { ...OPTIONS, rowPlans: false })));
    return values(planned);
  };

  it('a row whose first cell spans two columns, after one that does not', () => {
    expect(both(`<table>${head('Intervention', 'CPT', 'Minutes', 'Units')}<tbody><tr>${input('Ther ex')}${input('97110')}${input(23)}</tr><tr><td colspan="2"><input value="Gait training"></td>${input(10)}${input(1)}</tr></tbody></table>`)).toEqual([
      { label: 'Ther ex', code: '97110', minutes: '23' },
      { label: 'Gait training', minutes: '10', units: '1' },
    ]);
  });
  it('a cell spanning rows shifts the rows below', () => {
    // (Its second and third rows have two fields each: under CPT and Minutes, then under Patient and CPT.)
    expect(both(`<table>${head('Patient', 'CPT', 'Minutes')}<tbody><tr><td rowspan="2">Lee, Ann</td>${input('97110')}${input(23)}</tr><tr>${input('97112')}${input(10)}</tr><tr>${input('Ray, Bob')}${input('97140')}</tr></tbody></table>`)).toEqual([
      { code: '97110', minutes: '23' },
      { code: '97112', minutes: '10' },
      { code: '97140' },
    ]);
  });
  it('a field\'s own label in one row names it there, the header in the others', () => {
    expect(both(`<table>${head('Intervention', 'CPT', 'Time')}<tbody><tr>${input('Ther ex')}${input('97110')}${input(23)}</tr><tr>${input('Gait training')}${input('97116')}<td><input aria-label="Minutes" value="10"></td></tr></tbody></table>`)).toEqual([
      { label: 'Ther ex', code: '97110', minutes: '23' },
      { label: 'Gait training', code: '97116', minutes: '10' },
    ]);
  });
  it('a page with a <label>: every row read by its labels (one names a field of the second row, by its id)', () => {
    expect(both(`<label for="u2">Units</label><table>${head('CPT', 'Minutes')}<tbody><tr>${input('97110')}${input(23)}</tr><tr>${input('97112')}<td><input id="u2" value="2"></td></tr></tbody></table>`)).toEqual([
      { code: '97110', minutes: '23' },
      { code: '97112', units: '2' },
    ]);
  });
});

describe('a field\'s row found by its parents (plainRowOf)', () => {
  // Random nestings of table parts, controls and roles, built by the DOM API (no parser fixes them).
  const TAGS = ['table', 'tbody', 'tr', 'td', 'th', 'div', 'span', 'input', 'select'];
  const ROLES = [null, null, null, 'row', 'cell', 'gridcell', 'grid', 'presentation'];
  type Node = { tag: string; role: string | null; children: Node[] };
  const node: fc.Memo<Node> = fc.memo((n) => fc.record({ tag: fc.constantFrom(...TAGS), role: fc.constantFrom(...ROLES), children: n <= 1 ? fc.constant([]) : fc.array(node(n - 1), { maxLength: 3 }) }));
  const build = (spec: Node): Element => {
    const el = document.createElement(spec.tag);
    if (spec.role) el.setAttribute('role', spec.role);
    for (const c of spec.children) el.append(build(c));
    return el;
  };
  it('is the row closest() finds, and the cell-in-another-row check never holds for it', async () => {
    const { rowOfCell } = await import('../../lib/extract/fields');
    fc.assert(
      fc.property(node(5), (spec) => {
        document.body.replaceChildren(build(spec));
        for (const el of Array.from(document.body.querySelectorAll('*'))) {
          const plain = plainRowOf(el);
          if (!plain) continue;
          expect(plain).toBe(el.closest('tr, [role="row"]'));
          expect(el.matches('td, [role="cell"], [role="gridcell"]') && rowOfCell(el) !== plain).toBe(false);
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  }, 60_000);
});
