// @vitest-environment happy-dom
// How often the live reader groups a multi-visit page right, measured on generated pages with a
// known answer (test/generated/pages.ts): each page read as the content script reads it
// (PageSession.flush) and compared with what a biller expects, visit by visit: how many visits,
// each one's patient, date of service and lines (code, minutes, units), and on a chart the
// earlier visits listed as history, each apart. The summary is printed (right / total, by layout
// and by each choice, then the grouping alone, then each class of misreading with its layouts and
// seeds: GEN_SHOW=1 prints each misread page with what was expected and read); the floor asserted
// is the right-rate measured when the suite was written, so a regression fails. Each class of
// misreading found is pinned below on a minimal page of its own (it.fails), beside the nearest
// page read right.
import { beforeAll, describe, expect, it } from 'vitest';
import { onPagesOf, pinClock } from '../live/clock';
import { checked, historyLabels, read, T } from '../live/vendor-pages';
import { patientTag } from '../../lib/extract/read';
import type { PageUpdate } from '../../lib/live/page-session';
import { generate, TODAY, type ExpectedVisit, type GeneratedPage } from './pages';

/** Pages read (GEN_PAGES=n to read more or fewer; GEN_SEED=s to start elsewhere; GEN_SHOW=1 prints each misread page). */
const PAGES = Number(process.env.GEN_PAGES ?? 600);
const FIRST_SEED = Number(process.env.GEN_SEED ?? 1);

/** What went wrong with a page, as a class: the summary counts each. */
type Misreading = 'visits merged' | 'visits split' | 'patient wrong' | 'patient missing' | 'date wrong' | 'date missing' | 'lines' | 'history';

interface ReadVisit {
  label: string;
  patient?: string;
  date?: string;
  lines: string[];
}

/** The tags the visit's patient may be read as: of her name (with her middle initial, where written), or of her record number (a banner's "MRN:"). */
const tagsOf = ({ patient: p }: ExpectedVisit) => [patientTag(`${p.first} ${p.last}`), patientTag(`${p.first} ${p.middle} ${p.last}`), patientTag(p.mrn)];
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
function compare(page: GeneratedPage) {
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

// (The user's clock: TODAY, the pages' latest day; the generated pages are read before any test, under it too.)
onPagesOf(`${TODAY}T12:00:00`);

const results: { page: GeneratedPage; wrong: Misreading[] }[] = [];
/** Pages read right, counted: every check, and the grouping alone (visits apart, each with its date and lines: a missing patient tag aside). */
const right = (wrong: readonly Misreading[]) => wrong.length === 0;
const grouped = (wrong: readonly Misreading[]) => wrong.every((w) => w === 'patient missing');
const tally = (layout: string | undefined, ok: (wrong: readonly Misreading[]) => boolean) =>
  results.filter((r) => layout === undefined || r.page.choices.layout === layout).filter((r) => ok(r.wrong)).length;

/**
 * The right-rate measured on seeds 1–600 when this suite was written (b6206fc's reader; raised with d9d804d's history fix): pages
 * read right, all checks and the grouping alone, overall and per layout. Asserted as a floor on
 * the default run only (GEN_PAGES / GEN_SEED read other pages). Raise it when a fix reads more right.
 */
const FLOOR: Record<string, [all: number, grouping: number]> = {
  all: [559, 596],
  'patient column': [75, 75],
  'rowspan patient': [75, 75],
  'date and patient columns': [75, 75],
  'table per visit': [67, 74],
  'card per visit': [74, 74],
  'group rows': [73, 73],
  flowsheet: [66, 75],
  'chart with history': [54, 75],
};

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
    const groupedLines = Object.keys(FLOOR).map((k) => {
      const layout = k === 'all' ? undefined : k;
      const total = layout ? results.filter((r) => r.page.choices.layout === layout).length : results.length;
      return `  ${k.padEnd(44)} ${rate({ right: tally(layout, grouped), total })}`;
    });
    console.log(
      `Generated multi-visit pages read right (seeds ${FIRST_SEED}–${FIRST_SEED + PAGES - 1}):\n${lines.join('\n')}\n` +
        `Grouped right (visits apart, dates and lines right; a missing patient tag aside):\n${groupedLines.join('\n')}\nMisreadings:\n${misread.join('\n') || '  none'}\n` +
        `As FLOOR [right, grouped]: ${JSON.stringify(Object.fromEntries(Object.keys(FLOOR).map((k) => [k, [tally(k === 'all' ? undefined : k, right), tally(k === 'all' ? undefined : k, grouped)]])))}`,
    );
    expect(results).toHaveLength(PAGES);
  });

  it.runIf(PAGES === 600 && FIRST_SEED === 1)('reads at least as many pages right as when the suite was written (overall and per layout)', () => {
    const now = Object.fromEntries(Object.keys(FLOOR).map((k) => [k, [tally(k === 'all' ? undefined : k, right), tally(k === 'all' ? undefined : k, grouped)]]));
    for (const [k, [all, grouping]] of Object.entries(FLOOR)) {
      expect(now[k]![0], `${k}: pages read right`).toBeGreaterThanOrEqual(all);
      expect(now[k]![1], `${k}: pages grouped right`).toBeGreaterThanOrEqual(grouping);
    }
  });
});

// ---- Misreadings the generated pages found, each on a minimal page -------------------------
// it.fails(): the page is read wrongly now (what it is; read as X; a biller expects Y). it(): the
// nearest page read right (a pin), to show where the misreading starts.

describe('misread: earlier visits in a table above today\'s note, the page inside a wrapper', () => {
  // (Figures of this class and the next: seeds 1–1600.) Charts with a table of earlier visits above
  // today's note: 23 of 26 misread in a <main> or an app's root <div>, 0 of 14 with the same content
  // straight in <body>; 0 of 55 with the table below, 0 of 105 with earlier signed notes instead.
  const BANNER = '<div class="patient-banner">Patient: Lee, Ann · MRN: 1001</div>';
  const EARLIER = `<h2>Previous visits</h2>${T(['Date', 'CPT', 'Minutes'], [['10/26/2026', '97535', '16']])}`;
  const note = (dated: string) => `${dated}${T(['CPT', 'Minutes'], [['=97110', '=9']])}`;
  const FACT = '<h2>Daily note</h2><p>Date of service: 11/04/2026</p>';
  const HEADING = '<h2>Daily note — 11/04/2026</h2>';
  const reading = (html: string) => {
    const u = read(html);
    return { today: checked(u).map((v) => [v.date, v.lines]), history: historyLabels(u) };
  };
  const RIGHT = { today: [['2026-11-04', ['97110 9/-']]], history: ['Previous visits'] };

  it('pins: the same page straight in <body>, and in <main> with the history below today\'s note: today\'s 9 minutes on 11/04, the 10/26 line listed as history', () => {
    expect(reading(BANNER + EARLIER + note(FACT))).toEqual(RIGHT);
    expect(reading(BANNER + EARLIER + note(HEADING))).toEqual(RIGHT);
    expect(reading(`<main>${BANNER}${note(FACT)}${EARLIER}</main>`)).toEqual(RIGHT);
  });

  it('(mended, d9d804d) a chart in <main>: "Previous visits" (one printed line of 10/26), then "Daily note" with "Date of service: 11/04/2026" typed in: today\'s visit alone, the earlier line history', () => {
    // Read: one visit "Previous visits", dated 2026-10-26, of 97535 16 and today's 97110 9: today's
    // minutes billed on the earlier day's claim with its lines, nothing listed as history (the same
    // in <div id="root"><div class="app">…). A biller expects today's 97110 9 dated 11/04 and the 10/26 line as history.
    expect(reading(`<main>${BANNER}${EARLIER}${note(FACT)}</main>`)).toEqual(RIGHT);
  });

  it('(mended, d9d804d) the same chart with today\'s date in its heading ("Daily note — 11/04/2026"): the earlier line history, not a visit to check', () => {
    // Read: two visits checked, "Previous visits" dated 10/26 (97535 16) and today's; no history.
    // The earlier visit is checked as if still to bill (its findings shown beside today's).
    expect(reading(`<main>${BANNER}${EARLIER}${note(HEADING)}</main>`)).toEqual(RIGHT);
  });
});

describe('misread: cards headed by the patient\'s name in an element of its own beside the date ("<span>Ann Lee</span> · <span>11/05/2026</span>")', () => {
  // Generated pages of two or more such cards: 10 of 12 misread with names written first name
  // first, 10 of 11 with surname first where one patient is seen on two days, 0 of 16 with surname
  // first and no patient twice.
  const card = (header: string, code: string, minutes: number) =>
    `<div class="card"><div class="card-header">${header}</div><div class="card-body">${T(['CPT', 'Minutes'], [[code, `=${minutes}`]])}</div></div>`;
  const notes = (a: string, b: string) => `<h1>Notes to bill</h1>${card(a, '97110', 23)}${card(b, '97140', 10)}`;
  const RIGHT = [
    ['2026-11-05', ['97110 23/-']],
    ['2026-11-11', ['97140 10/-']],
  ];
  const dated = (html: string) => checked(read(html)).map((v) => [v.date, v.lines]);

  it('pins: the header as one text ("Ann Lee · 11/05/2026"), or two patients written surname first in spans: a visit each, dated', () => {
    expect(dated(notes('Ann Lee · 11/05/2026', 'Bob Ray · 11/11/2026'))).toEqual(RIGHT);
    expect(dated(notes('Lee, Ann · 11/05/2026', 'Lee, Ann · 11/11/2026'))).toEqual(RIGHT);
    expect(dated(notes('<span>Lee, Ann</span> · <span>11/05/2026</span>', '<span>Ray, Bob</span> · <span>11/11/2026</span>'))).toEqual(RIGHT);
    // (Parts run together, no text between: read by its parts, as before the title's markup was allowed.)
    expect(dated(notes('<strong>Lee, Ann</strong><span class="badge">11/05/2026</span>', '<strong>Ray, Bob</strong><span class="badge">11/11/2026</span>'))).toEqual(RIGHT);
  });

  it('(mended) two patients, "<span>Ann Lee</span> · <span>11/05/2026</span>" and "<span>Bob Ray</span> · <span>11/11/2026</span>": a visit each', () => {
    // Read: one visit "Notes to bill", undated, of Ann's 97110 23 and Bob's 97140 10: two patients'
    // lines billed as one claim (and dos.missing). The same on one day, with <strong> for the span, with no
    // "·" between, without the card-body. A biller expects Ann's visit of 11/05 and Bob's of 11/11.
    expect(dated(notes('<span>Ann Lee</span> · <span>11/05/2026</span>', '<span>Bob Ray</span> · <span>11/11/2026</span>'))).toEqual(RIGHT);
  });

  it('(mended) one patient on two days, "<span>Lee, Ann</span> · <span>11/05/2026</span>" and "… 11/11/2026": her two visits, each dated', () => {
    // Read: one visit "Notes to bill", undated, of both days' lines (97110 23 + 97140 10 billed
    // together, dos.missing). The same with a time after the date ("11/05/2026 9:30 AM"), in <main> or not.
    // A biller expects two visits, 11/05 and 11/11.
    expect(dated(notes('<span>Lee, Ann</span> · <span>11/05/2026</span>', '<span>Lee, Ann</span> · <span>11/11/2026</span>'))).toEqual(RIGHT);
  });
});

describe('misread: one patient\'s cards on two days, each headed by his name line with the day and a badge run on', () => {
  const card = (who: string, when: string, code: string, minutes: number) =>
    `<div class="card"><div class="card-header"><span><a href="#">${who}</a></span> · <span>${when}</span><span class="badge">Medicare Part B</span></div><div class="card-body">${T(['CPT', 'Minutes'], [[code, `=${minutes}`]])}</div></div>`;
  const dated = (html: string) => checked(read(html)).map((v) => [v.date, v.lines]);

  it('(mended, visits.ts lineDay) "O\'Brien, Sean · 10/19/2026 8:00 AM" then "O\'Brien, Sean · 10/20/2026 9:30 AM", then Hana Patel: his two days apart', () => {
    // Read: his two days one visit of 10/19 (97112 24 and 97140 31 billed on one claim): the
    // name line repeated was taken for one note continued. Generated cards so headed: 6 of 75.
    const html = `<h1>Notes to bill</h1>${card("O'Brien, Sean", '10/19/2026 8:00 AM', '97112', 24)}${card("O'Brien, Sean", '10/20/2026 9:30 AM', '97140', 31)}${card('Patel, Hana', '10/27/2026 10:00 AM', '97110', 12)}`;
    expect(dated(html)).toEqual([
      ['2026-10-19', ['97112 24/-']],
      ['2026-10-20', ['97140 31/-']],
      ['2026-10-27', ['97110 12/-']],
    ]);
  });

  it('pin: his two sessions of one day (9:00 AM and 2:00 PM) stay one visit of the day', () => {
    const html = `<h1>Notes to bill</h1>${card("O'Brien, Sean", '10/19/2026 9:00 AM', '97112', 24)}${card("O'Brien, Sean", '10/19/2026 2:00 PM', '97140', 31)}${card('Patel, Hana', '10/27/2026 10:00 AM', '97110', 12)}`;
    expect(dated(html)).toEqual([
      ['2026-10-19', ['97112 24/-', '97140 31/-']],
      ['2026-10-27', ['97110 12/-']],
    ]);
  });
});

describe('misread: one card, its header a <div class="card-header"> naming its date, its table in a <div class="card-body">', () => {
  const TABLE = T(['CPT', 'Minutes'], [['97110', '=23']]);
  const card = (header: string, body: string) => `<div class="card"><div class="card-header">${header}</div>${body}</div>`;
  const dated = (html: string) => checked(read(html)).map((v) => [v.label, v.date]);

  it('pins: the table straight under the header, or two such cards: dated by the header', () => {
    expect(dated(`<h1>Notes to bill</h1>${card('Daily note — 11/05/2026', TABLE)}`)).toEqual([['Daily note — 11/05/2026', '2026-11-05']]);
    expect(dated(`<h1>Notes to bill</h1>${card('Daily note — 11/05/2026', `<div class="card-body">${TABLE}</div>`)}${card('Daily note — 11/06/2026', `<div class="card-body">${TABLE}</div>`)}`)).toEqual([
      ['Daily note — 11/05/2026', '2026-11-05'],
      ['Daily note — 11/06/2026', '2026-11-06'],
    ]);
  });

  it('(mended, visits.ts loneCardTitle) a Bootstrap card alone: "<div class="card-header">Daily note — 11/05/2026</div><div class="card-body"><table>…": dated 11/05', () => {
    // Read: "Visit 1", no date of service (dos.missing): the header is not taken for the visit's
    // heading. The same with "card-title" or "panel-heading", with "Lee, Ann · 11/05/2026" in it, with
    // or without the page's <h1>. A biller expects the visit of 11/05 (and its label, the header's).
    // Generated pages of one card so headed: 10 of 10.
    expect(dated(`<h1>Notes to bill</h1>${card('Daily note — 11/05/2026', `<div class="card-body">${TABLE}</div>`)}`)).toEqual([['Daily note — 11/05/2026', '2026-11-05']]);
    expect(dated(card('Lee, Ann · 11/05/2026', `<div class="card-body">${TABLE}</div>`))).toEqual([['Lee, Ann · 11/05/2026', '2026-11-05']]);
    expect(dated(`<div class="panel"><div class="panel-heading">Daily note — 11/05/2026</div><div class="panel-body">${TABLE}</div></div>`)).toEqual([['Daily note — 11/05/2026', '2026-11-05']]);
    expect(dated(card('<h5 class="card-title">Daily note — 11/05/2026</h5>', `<div class="card-body">${TABLE}</div>`))).toEqual([['Daily note — 11/05/2026', '2026-11-05']]);
  });

  it('(mended, loneCardTitle of any markup) a lone card headed "<span>Moore, Dan</span> · <span>2026-11-19 8:00 AM</span><span class="badge">Medicare Part B</span>" on a page that is no one patient\'s chart: dated 11/19', () => {
    // Read: "Visit 1", undated (dos.missing): a title whose badge runs on is no title of markup
    // (plainText). Generated lone cards so headed: 2 of 75 card pages (seeds 124, 396).
    expect(dated(`<h1>Notes to bill</h1>${card('<span>Moore, Dan</span> · <span>2026-11-19 8:00 AM</span><span class="badge">Medicare Part B</span>', `<div class="card-body">${TABLE}</div>`)}`).map((v) => v[1])).toEqual(['2026-11-19']);
  });

  it('pin: under the patient\'s own chart ("<h1>Lee, Ann</h1>"), a lone card stamped "<span>Kim, Jane PT</span> · <span>11/02/2026 9:00 AM</span><span class="badge">Signed</span>" is not taken for the visit\'s title', () => {
    expect(dated(`<h1>Lee, Ann</h1>${card('<span>Kim, Jane PT</span> · <span>11/02/2026 9:00 AM</span><span class="badge">Signed</span>', `<div class="card-body">${TABLE}</div>`)}`)).toEqual([['Visit 1', undefined]]);
  });

  it('pins: a lone card titled by earlier care or another day ("Last visit 10/30/2026", "Previous visits", "Printed 11/09/2026") keeps the page\'s date and no such label', () => {
    const page = (title: string) => `<h1>Daily note — Lee, Ann</h1><p>Date of service: 11/04/2026</p>${card(title, `<div class="card-body">${TABLE}</div>`)}`;
    for (const title of ['Last visit 10/30/2026', 'Previous visits', 'Printed 11/09/2026']) expect(dated(page(title))).toEqual([['Visit 1', '2026-11-04']]);
  });
});

describe('misread: a week\'s log of days\' headings over patients\' headings, one patient on two days running', () => {
  const typed = (code: string, minutes: number) => T(['CPT', 'Minutes'], [[code, `=${minutes}`]]);
  const dated = (html: string) => checked(read(html)).map((v) => [v.date, v.lines]);

  it('pin: another patient between her two days: her visits apart, each dated', () => {
    expect(dated(`<h1>Therapy log</h1><h2>11/02/2026</h2><h3>Lee, Ann</h3>${typed('97110', 23)}<h3>Ray, Bob</h3>${typed('97112', 23)}<h2>11/04/2026</h2><h3>Lee, Ann</h3>${typed('97140', 10)}`)).toEqual([
      ['2026-11-02', ['97110 23/-']],
      ['2026-11-02', ['97112 23/-']],
      ['2026-11-04', ['97140 10/-']],
    ]);
  });

  it('(mended) "11/02/2026" over "Lee, Ann", then "11/04/2026" over "Lee, Ann": two visits, 11/02 and 11/04', () => {
    // Read: one visit "Lee, Ann", undated, of both days' lines (her name repeated is taken for
    // one note continued). Generated week logs: 5 of 40 misread, each a patient seen on days running
    // with no other patient between (e.g. "Moore, Dan" on 10/27 after "Ray, Bob", then on 10/30 and
    // 11/17: all three days one visit). A biller expects a visit each day.
    expect(dated(`<h1>Therapy log</h1><h2>11/02/2026</h2><h3>Lee, Ann</h3>${typed('97110', 23)}<h2>11/04/2026</h2><h3>Lee, Ann</h3>${typed('97140', 10)}`)).toEqual([
      ['2026-11-02', ['97110 23/-']],
      ['2026-11-04', ['97140 10/-']],
    ]);
    // (Her two parts of one day under that day's heading stay one visit; so does her note titled by the day over her name once.)
    expect(dated(`<h1>Therapy log</h1><h2>11/02/2026</h2><h3>Lee, Ann</h3>${typed('97110', 23)}<h3>Lee, Ann</h3>${typed('97140', 10)}`)).toEqual([['2026-11-02', ['97110 23/-', '97140 10/-']]]);
    expect(dated(`<h1>Daily note</h1><h2>11/02/2026</h2><h3>Lee, Ann</h3>${typed('97110', 23)}${typed('97140', 10)}`)).toEqual([['2026-11-02', ['97110 23/-', '97140 10/-']]]);
  });
});

describe('misread: another patient\'s signed visit of the day taken for history', () => {
  const group = (who: string) => `<tr class="group-row"><td colspan="2"><b>${who}</b> — 11/12/2026</td></tr>`;
  const sheet = (rows: string) => `<h1>Day sheet</h1><table><thead><tr><th>CPT</th><th>Minutes</th></tr></thead><tbody>${rows}</tbody></table>`;
  const reading = (html: string) => {
    const u = read(html);
    return { checked: checked(u).map((v) => [v.date, v.lines]), history: historyLabels(u) };
  };
  const RIGHT = { checked: [['2026-11-12', ['97110 23/-']], ['2026-11-12', ['97140 10/-']]], history: [] };

  it('pins: the same visits in a table each under its heading (name first), or in one table with a Patient column: both checked', () => {
    expect(reading(`<h1>Day sheet</h1><h3>Lee, Ann — 11/12/2026</h3>${T(['CPT', 'Minutes'], [['97110', '=23']])}<h3>Ray, Bob — 11/12/2026</h3>${T(['CPT', 'Minutes'], [['97140', '10']])}`)).toEqual(RIGHT);
    expect(reading(`<h1>Day sheet — 11/12/2026</h1>${T(['Patient', 'CPT', 'Minutes'], [['Lee, Ann', '97110', '=23'], ['Ray, Bob', '97140', '10']])}`)).toEqual(RIGHT);
  });

  it('(mended) "Lee, Ann — 11/12/2026" typed in, "Ray, Bob — 11/12/2026" signed (printed): both visits checked', () => {
    // Read: Ann's visit checked, Bob's listed as history (unchecked: his claim's findings never
    // shown). The same with the printed visit first, or the day in the title and only names in the
    // group rows. README: "another patient's signed visit of the day is checked, not taken for
    // history". Generated group-row day sheets with signed and draft visits: 10 of 42 misread (0 of
    // 158 with every visit typed in or every one printed).
    expect(reading(sheet(`${group('Lee, Ann')}<tr><td>97110</td><td><input value="23"></td></tr>${group('Ray, Bob')}<tr><td>97140</td><td>10</td></tr>`))).toEqual(RIGHT);
  });

  it.fails('(not fixed: nameAfterDate reverted after review s51c) a table per visit under "11/12/2026 — Lee, Ann" (typed in) and "11/12/2026 — Ray, Bob" (signed, printed): both visits checked', () => {
    // Read: Bob's visit listed as history, unchecked; the same headings written name first ("Ray,
    // Bob — 11/12/2026") are both checked. The same with the printed visit first, with a record
    // number after the name, in fieldset legends. A biller expects both visits checked.
    const typed = T(['CPT', 'Minutes'], [['97110', '=23']]);
    const printed = T(['CPT', 'Minutes'], [['97140', '10']]);
    expect(reading(`<h1>Day sheet</h1><h2>11/12/2026 — Lee, Ann</h2>${typed}<h2>11/12/2026 — Ray, Bob</h2>${printed}`)).toEqual(RIGHT);
    // (The printed visit first, a record number after the name, fieldset legends, the day in words.)
    expect(reading(`<h1>Day sheet</h1><h2>11/12/2026 — Ray, Bob</h2>${printed}<h2>11/12/2026 — Lee, Ann</h2>${typed}`).history).toEqual([]);
    expect(reading(`<h1>Day sheet</h1><fieldset><legend>11/12/2026 · Lee, Ann (#1001)</legend>${typed}</fieldset><fieldset><legend>11/12/2026 · Ray, Bob (#1002)</legend>${printed}</fieldset>`)).toEqual(RIGHT);
    expect(reading(`<h1>Day sheet</h1><h2>Nov 12, 2026 — Lee, Ann</h2>${typed}<h2>Nov 12, 2026 — Ray, Bob</h2>${printed}`)).toEqual(RIGHT);
  });

  it('pin: under one patient\'s chart ("<h1>Lee, Ann</h1>"), a printed part headed "11/12/2026 — Park, Sam" beside hers typed in is no other patient\'s visit: listed apart, not checked', () => {
    const typed = T(['CPT', 'Minutes'], [['97110', '=23']]);
    const printed = T(['CPT', 'Minutes'], [['97140', '10']]);
    expect(reading(`<h1>Lee, Ann</h1><h2>11/12/2026 — Kim, Jane</h2>${typed}<h2>11/12/2026 — Park, Sam</h2>${printed}`).history).toEqual(['11/12/2026 — Park, Sam']);
  });
});

describe('misread: a flowsheet of a minutes row and a units row per code, one code left blank in today\'s column', () => {
  const sheet = (name: (text: string) => string) =>
    `<div class="patient-banner">Patient: Lee, Ann · MRN: 1001</div><h1>Rehab Flowsheet</h1>` +
    T(['Intervention', '11/02/2026', '11/04/2026'], [
      [name('97110 Ther ex — minutes'), '20', '='],
      [name('97110 Ther ex — units'), '1', '='],
      [name('97140 Manual — minutes'), '10', '=12'],
      [name('97140 Manual — units'), '1', '=1'],
    ]);
  const dated = (html: string) => checked(read(html)).map((v) => [v.date, v.lines]);
  const RIGHT = [['2026-11-04', ['97140 12/1']]];

  it('pins: the same rows named in row headers (<th scope="row">), or one row per code ("97110 Ther ex (min)"): today\'s one line', () => {
    expect(dated(sheet((t) => t).replace(/<td>(97\d{3} [^<]*)<\/td>/g, '<th scope="row">$1</th>'))).toEqual(RIGHT);
    expect(dated(`<div class="patient-banner">Patient: Lee, Ann · MRN: 1001</div><h1>Rehab Flowsheet</h1>${T(['Intervention', '11/02/2026', '11/04/2026'], [['97110 Ther ex (min)', '20', '='], ['97140 Manual (min)', '10', '=12']])}`)).toEqual([['2026-11-04', ['97140 12/-']]]);
  });

  it('(mended) "97110 Ther ex — minutes" / "— units" printed on 11/02, both boxes blank on 11/04: no 97110 line today', () => {
    // Read: a line 97110 with no minutes and no units beside 97140 12/1 (a timed line missing its
    // minutes, said as a finding), the same whichever code is left blank. README: "a flowsheet row
    // left blank in the day's column is no line of that day". Generated flowsheets of minutes and
    // units rows: 47 of 60 misread (every one with a code not given today).
    expect(dated(sheet((t) => t))).toEqual(RIGHT);
    // (Minutes given today and its units row left blank: the line stays, its units missing.)
    const noUnits = sheet((t) => t).replace('<td>97110 Ther ex — minutes</td><td>20</td><td><input value="">', '<td>97110 Ther ex — minutes</td><td>20</td><td><input value="23">');
    expect(dated(noUnits)).toEqual([['2026-11-04', ['97110 23/-', '97140 12/1']]]);
  });
});

describe('misread: a table by patient (Patient | Date), her later days\' Patient cells blank, a total row under it', () => {
  const sheet = (foot: string) =>
    `<h1>Billing review</h1>${T(['Patient', 'Date', 'CPT', 'Minutes'], [['Lee, Ann', '11/02/2026', '97110', '=23'], ['Ray, Bob', '11/02/2026', '97112', '=20'], ['', '11/04/2026', '97140', '=10']]).replace('</table>', `${foot}</table>`)}`;
  const BOB = patientTag('bob ray');
  const bobs = (html: string) => checked(read(html)).map((v) => [v.date, v.patient === BOB]);

  it('pin: no total row: Bob\'s 11/04 visit is his', () => {
    expect(bobs(sheet(''))).toEqual([['2026-11-02', false], ['2026-11-02', true], ['2026-11-04', true]]);
  });

  it('(mended) a "Total" row (in <tfoot>, its label under the Patient column): Bob\'s 11/04 visit still his', () => {
    // Read: the 11/04 visit labelled "Ray, Bob · 11/04/2026 · Billing review" but tagged as the
    // patient "Total" (patientTag('Total')): the total row's first cell taken for the name the blank
    // cell continues. The same with the total row in the <tbody>, with or without a colspan. A
    // biller expects Bob's visit (his same-day lines and acknowledgements go by the tag). Generated
    // tables by patient with a total row: 6 of 28 (those whose last visit continues a patient).
    expect(bobs(sheet('<tfoot><tr><td colspan="3">Total</td><td>53</td></tr></tfoot>'))).toEqual([['2026-11-02', false], ['2026-11-02', true], ['2026-11-04', true]]);
  });
});

describe('misread: a patient banner of name, record number and birth date without labels\' colons', () => {
  const visits = (banner: string) => `${banner}<h1>Visits</h1><h2>Visit 1 — 11/02/2026</h2>${T(['CPT', 'Minutes'], [['97110', '=23']])}<h2>Visit 2 — 11/04/2026</h2>${T(['CPT', 'Minutes'], [['97140', '=10']])}`;
  const ANN = [patientTag('ann lee'), patientTag('1001')];
  const patients = (html: string) => checked(read(html)).map((v) => ANN.includes(v.patient!));

  it('pins: "Patient: Lee, Ann · MRN: 1001" or "Lee, Ann · MRN: 1001 · DOB: 03/04/1948": each visit hers', () => {
    expect(patients(visits('<div class="patient-banner">Patient: <b>Lee, Ann</b> · MRN: 1001</div>'))).toEqual([true, true]);
    expect(patients(visits('<div class="patient-banner"><b>Lee, Ann</b> · MRN: 1001 · DOB: 03/04/1948</div>'))).toEqual([true, true]);
  });

  it.fails('"Lee, Ann · MRN 1001 · DOB 03/04/1948 · F" (no colons, as Epic-like banners print it): each visit hers', () => {
    // Read: no patient tag on either visit (the labels "Visit 1 — 11/02/2026" name no one): an
    // acknowledgement given on her "Visit 1 — 11/02/2026" is not told from another patient's
    // of that label, date and payer (report.ts ackVisitFacts). Minor: the visits are apart and
    // dated. Generated pages with this banner (chart, flowsheet, "Visit N" headings): 116 of 120;
    // 0 of 248 with "Patient:" or "MRN:".
    expect(patients(visits('<div class="patient-banner"><b>Lee, Ann</b> · MRN 1001 · DOB 03/04/1948 · F</div>'))).toEqual([true, true]);
  });
});
