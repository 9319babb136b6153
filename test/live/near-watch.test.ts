// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { NearWatch, blockOf, type NearEntry } from '../../lib/live/near-watch';

// Which marked fields may be on screen: a table far off screen is watched in its fields' place,
// and its fields are watched only while it is near. The observer is a stand-in that records
// what it is asked to watch; the test plays the browser's reports.

class FakeObserver {
  readonly watched = new Set<Element>();
  constructor(readonly report: (entries: readonly NearEntry[]) => void) {}
  observe(el: Element) {
    this.watched.add(el);
  }
  unobserve(el: Element) {
    this.watched.delete(el);
  }
  disconnect() {
    this.watched.clear();
  }
}

/** A day sheet of `visits` tables, each with `rows` minutes fields. */
function daySheet(visits: number, rows: number) {
  document.body.innerHTML = Array.from(
    { length: visits },
    (_, v) => `<section><h2>Visit ${v + 1}</h2><table id="t${v}"><tbody>${Array.from({ length: rows }, (_, r) => `<tr><td><input name="v${v}-min-${r}"></td></tr>`).join('')}</tbody></table></section>`,
  ).join('');
  // (Looked up once: a selector query per field is slow in the DOM emulator.)
  const inputs = [...document.querySelectorAll('input')];
  const tables = [...document.querySelectorAll('table')];
  const field = (v: number, r: number) => inputs[v * rows + r]!;
  const table = (v: number) => tables[v]!;
  return { field, table };
}

let observer: FakeObserver;
let came = 0;
const watch = () =>
  new NearWatch(
    (report) => (observer = new FakeObserver(report)),
    () => came++,
  );
const near = (target: Element, isIntersecting = true): NearEntry => ({ target, isIntersecting });

beforeEach(() => {
  came = 0;
});

describe('NearWatch', () => {
  it('watches one table per visit while far off screen, and a table’s fields only while it is near', () => {
    const { field, table } = daySheet(100, 40);
    const w = watch();
    for (let v = 0; v < 100; v++) for (let r = 0; r < 40; r++) w.add(field(v, r));
    // Nothing reported yet: every table is watched, no field, and every field may show (measured until known).
    expect(observer.watched.size).toBe(100);
    expect(w.mayShow(field(50, 3))).toBe(true);
    // The browser reports visits 0 and 1 near, the rest far.
    observer.report(Array.from({ length: 100 }, (_, v) => near(table(v), v < 2)));
    expect(came).toBe(1);
    expect(observer.watched.size).toBe(100 + 2 * 40);
    expect(w.mayShow(field(50, 3))).toBe(false);
    expect(w.mayShow(field(99, 39))).toBe(false);
    // A near visit's fields may show until reported on, then as reported.
    expect(w.mayShow(field(1, 30))).toBe(true);
    observer.report([near(field(1, 30), false), near(field(1, 0))]);
    expect(w.mayShow(field(1, 30))).toBe(false);
    expect(w.mayShow(field(1, 0))).toBe(true);
  });

  it('scrolling to another visit: its fields are watched and its markers placed; the visit left behind goes back to its table', () => {
    const { field, table } = daySheet(20, 20);
    const w = watch();
    for (let v = 0; v < 20; v++) for (let r = 0; r < 20; r++) w.add(field(v, r));
    observer.report(Array.from({ length: 20 }, (_, v) => near(table(v), v === 0)));
    observer.report(Array.from({ length: 20 }, (_, r) => near(field(0, r))));
    const before = came;
    observer.report([near(table(0), false), near(table(12))]);
    expect(came).toBe(before + 1);
    expect(observer.watched.has(field(0, 5))).toBe(false);
    expect(observer.watched.has(field(12, 5))).toBe(true);
    expect(w.mayShow(field(0, 5))).toBe(false);
    expect(w.mayShow(field(12, 5))).toBe(true);
    // A field's report queued before its table left does not bring it back.
    observer.report([near(field(0, 5))]);
    expect(w.mayShow(field(0, 5))).toBe(false);
    // Back to visit 0: its fields are measured again until the browser reports on them.
    observer.report([near(table(0))]);
    expect(w.mayShow(field(0, 5))).toBe(true);
    expect(observer.watched.has(field(0, 5))).toBe(true);
  });

  it('forgets a field when its last marker goes, and a table when its last field goes', () => {
    const { field, table } = daySheet(2, 3);
    const w = watch();
    w.add(field(0, 0));
    w.add(field(0, 0)); // marked for two visits
    w.add(field(0, 1));
    observer.report([near(table(0))]);
    expect([...observer.watched]).toEqual([table(0), field(0, 0), field(0, 1)]);
    w.remove(field(0, 0));
    expect(observer.watched.has(field(0, 0))).toBe(true);
    w.remove(field(0, 0));
    expect(observer.watched.has(field(0, 0))).toBe(false);
    w.remove(field(0, 1));
    expect(observer.watched.size).toBe(0);
    // Not watched any more: measured, as any field never marked.
    expect(w.mayShow(field(0, 1))).toBe(true);
    w.remove(field(1, 1)); // never added: nothing happens
    expect(observer.watched.size).toBe(0);
  });

  it('a field the page moves out of its far table is measured, not hidden on that table\'s word', () => {
    const { field, table } = daySheet(2, 2);
    const w = watch();
    w.add(field(0, 0));
    observer.report([near(table(0), false)]);
    expect(w.mayShow(field(0, 0))).toBe(false);
    table(1).querySelector('tbody')!.append(field(0, 0).closest('tr')!);
    expect(w.mayShow(field(0, 0))).toBe(true);
  });

  it('a field reported out of view but level with the window (beside its frame or scroll box) is measured: its marker goes at the view\'s edge', () => {
    // From a visual review: at 760 px a frame's Units column was right of its view; the
    // observer said its fields were not near, so they were never measured and no marker said so.
    const { field, table } = daySheet(1, 3);
    document.body.insertAdjacentHTML('beforeend', '<input name="lone">');
    const lone = document.querySelector<HTMLInputElement>('input[name="lone"]')!;
    let cameNow = 0;
    const level = (r: { top: number; bottom: number }) => r.bottom > -200 && r.top < 800;
    const w = new NearWatch((report) => (observer = new FakeObserver(report)), () => cameNow++, level);
    for (let r = 0; r < 3; r++) w.add(field(0, r));
    w.add(lone);
    observer.report([near(table(0))]);
    expect(cameNow).toBe(1);
    const out = (target: Element, top: number): NearEntry => ({ target, isIntersecting: false, boundingClientRect: { top, bottom: top + 20 } });
    // Row 0 beside the view, level with it; row 1 below the window (not level); row 2 said nothing of where it is.
    observer.report([out(field(0, 0), 120), out(field(0, 1), 1400), near(field(0, 2), false), out(lone, 300)]);
    expect([0, 1, 2].map((r) => w.mayShow(field(0, r)))).toEqual([true, false, false]);
    expect(w.mayShow(lone)).toBe(true);
    // Level fields newly known: their markers are placed.
    expect(cameNow).toBe(2);
    // Scrolled into view, then out below: as reported.
    observer.report([near(field(0, 0))]);
    expect(w.mayShow(field(0, 0))).toBe(true);
    observer.report([out(field(0, 0), 1400)]);
    expect(w.mayShow(field(0, 0))).toBe(false);
    // A table out of view is far, whatever its height: its fields are not measured.
    observer.report([out(table(0), 120)]);
    expect(w.mayShow(field(0, 2))).toBe(false);
    // Without `level`, as before: out of view is not measured.
    const plain = watch();
    plain.add(lone);
    observer.report([out(lone, 300)]);
    expect(plain.mayShow(lone)).toBe(false);
  });

  it('a field in no table or grid is watched on its own', () => {
    document.body.innerHTML = `<form><label>Minutes <input name="min"></label></form><div role="grid"><div role="row"><div role="gridcell" id="cell">8</div></div></div>`;
    const lone = document.querySelector('input')!;
    const cell = document.getElementById('cell')!;
    expect(blockOf(lone)).toBe(lone);
    expect(blockOf(cell)).toBe(document.querySelector('[role="grid"]'));
    const w = watch();
    w.add(lone);
    expect([...observer.watched]).toEqual([lone]);
    observer.report([near(lone, false)]);
    expect(w.mayShow(lone)).toBe(false);
    observer.report([near(lone)]);
    expect(w.mayShow(lone)).toBe(true);
    expect(came).toBe(1);
  });
});
