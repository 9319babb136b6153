// Generated multi-visit pages with a known answer: a seeded generator composes a page as a
// therapy EHR lays out several visits (a day sheet, a week's visits under their headings, a card
// per appointment, a flowsheet of a column per day, today's note above the earlier ones) from
// independent choices, and says which visits a biller expects read from it: each its patient,
// its date of service and its lines. Only layouts the reader claims to read (README, "several
// visits on one page"), and only what a clinician would plausibly see.

/** A deterministic PRNG (mulberry32): the same seed, the same page. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  /** `n` of `xs`, none twice, in a random order. */
  const some = <T>(xs: readonly T[], n: number): T[] => {
    const left = [...xs];
    const out: T[] = [];
    while (out.length < n && left.length) out.push(left.splice(Math.floor(next() * left.length), 1)[0]!);
    return out;
  };
  return { next, int, pick, some };
}
export type Rng = ReturnType<typeof prng>;

// ---- what a page holds ---------------------------------------------------------------------

export interface Person {
  first: string;
  last: string;
}
export interface Line {
  code: string;
  name: string;
  minutes: number;
  units: number;
}
export interface ExpectedVisit {
  patient: Person;
  /** YYYY-MM-DD. */
  date: string;
  lines: Line[];
}
export interface GeneratedPage {
  seed: number;
  html: string;
  /** The visits a biller expects checked, in page order. */
  visits: ExpectedVisit[];
  /** Earlier visits expected listed as history (read-only), in page order: none but on a chart. */
  history: ExpectedVisit[];
  /** Whether the page gives each line's units (a flowsheet of minutes rows does not). */
  units: boolean;
  /** The choices the page was built from, by name: the summary's rows. */
  choices: Record<string, string>;
}

export const PEOPLE: readonly Person[] = [
  { first: 'Ann', last: 'Lee' },
  { first: 'Bob', last: 'Ray' },
  { first: 'Cara', last: 'Diaz' },
  { first: 'Dan', last: 'Moore' },
  { first: 'Eve', last: 'Cole' },
  { first: 'Faye', last: 'Kim' },
  { first: 'Gus', last: 'Ortiz' },
  { first: 'Hana', last: 'Patel' },
  { first: 'Ivan', last: 'Novak' },
  { first: 'June', last: 'Walsh' },
];

const TIMED: readonly (readonly [string, string])[] = [
  ['97110', 'Therapeutic exercise'],
  ['97112', 'Neuromuscular re-education'],
  ['97116', 'Gait training'],
  ['97140', 'Manual therapy'],
  ['97530', 'Therapeutic activities'],
  ['97535', 'Self-care/home management training'],
];
const EVALS: readonly (readonly [string, string])[] = [
  ['97161', 'PT evaluation, low complexity'],
  ['97162', 'PT evaluation, moderate complexity'],
  ['97163', 'PT evaluation, high complexity'],
];

/** Units of a timed line's minutes as the 8-minute rule counts one code alone. */
const unitsOf = (minutes: number) => Math.max(1, Math.floor((minutes + 7) / 15));

/** A visit's 1–5 lines: distinct codes; an evaluation (a first visit) now and then, first. */
function linesOf(rng: Rng, n: number, evalAllowed: boolean): Line[] {
  const out: Line[] = [];
  if (evalAllowed && rng.next() < 0.15) {
    const [code, name] = rng.pick(EVALS);
    out.push({ code, name, minutes: rng.pick([30, 40, 45, 50, 60]), units: 1 });
    n = Math.min(n, 3);
  }
  for (const [code, name] of rng.some(TIMED, n - out.length)) {
    const minutes = rng.int(8, 38);
    out.push({ code, name, minutes, units: unitsOf(minutes) });
  }
  return out;
}

// ---- how a page writes names and dates -----------------------------------------------------

export const NAME_STYLES = ['first last', 'last, first', 'LAST, FIRST'] as const;
export type NameStyle = (typeof NAME_STYLES)[number];
export const nameAs = (p: Person, style: NameStyle) =>
  style === 'first last' ? `${p.first} ${p.last}` : style === 'last, first' ? `${p.last}, ${p.first}` : `${p.last}, ${p.first}`.toUpperCase();

export const DATE_STYLES = ['11/02/2026', '2026-11-02', 'Nov 2, 2026'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const dateAs = (iso: string, style: DateStyle) => {
  const [y, m, d] = iso.split('-');
  return style === '2026-11-02' ? iso : style === '11/02/2026' ? `${m}/${d}/${y}` : `${MONTH_NAMES[Number(m) - 1]} ${Number(d)}, ${y}`;
};

/** The user's clock in these pages: every date of service is on or before it. */
export const TODAY = '2026-11-20';
/** `n` working days before TODAY (0: today), as YYYY-MM-DD. */
function dayBefore(n: number): string {
  const d = new Date(Date.UTC(2026, 10, 20));
  for (let k = 0; k < n; ) {
    d.setUTCDate(d.getUTCDate() - 1);
    const w = d.getUTCDay();
    if (w !== 0 && w !== 6) k++;
  }
  return d.toISOString().slice(0, 10);
}
/** `n` distinct working days within the last five weeks, ascending (the last one today when `today`). */
function days(rng: Rng, n: number, today = false): string[] {
  const back = rng.some(Array.from({ length: 24 }, (_, i) => i + 1), today ? n - 1 : n);
  if (today) back.push(0);
  return back.sort((a, b) => b - a).map(dayBefore);
}

// ---- cells ---------------------------------------------------------------------------------

export const CELLS = ['inputs', 'text', 'mixed'] as const;
export type Cells = (typeof CELLS)[number];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
let field = 0;
const box = (name: string, v: string | number) => `<input type="text" name="${name}-${++field}" value="${esc(String(v))}" autocomplete="off">`;
/** A value as the page shows it: a box typed in, or printed text. */
const cellOf = (editable: boolean, name: string, v: string | number) => `<td>${editable ? box(name, v) : esc(String(v))}</td>`;

/** A line's Intervention | CPT | Minutes | Units | Modifiers cells. */
function lineCells(l: Line, cells: Cells): string {
  const all = cells === 'inputs';
  const timed = cells !== 'text';
  return cellOf(all, 'int', l.name) + cellOf(all, 'cpt', l.code) + cellOf(timed, 'min', l.minutes) + cellOf(timed, 'units', l.units) + cellOf(all, 'mod', 'GP');
}
const LINE_HEADS = ['Intervention', 'CPT', 'Minutes', 'Units', 'Modifiers'];
const thead = (heads: readonly string[]) => `<thead><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`;
/** One visit's lines as a table of its own. */
const lineTable = (lines: readonly Line[], cells: Cells) => `<table class="charges">${thead(LINE_HEADS)}<tbody>${lines.map((l) => `<tr>${lineCells(l, cells)}</tr>`).join('')}</tbody></table>`;

// ---- the page around the visits -------------------------------------------------------------

const APP_BAR = '<div class="app-bar"><span class="logo">RehabChart</span><nav><a href="#">Schedule</a> <a href="#">Patients</a> <a href="#">Billing</a> <a href="#">Reports</a></nav><span class="user">Jane Kim, PT</span></div>';
const PAYER = '<p class="payer">Payer: Medicare Part B</p>';
const banner = (p: Person, style: NameStyle) => `<div class="patient-banner" role="banner"><b>Patient: ${nameAs(p, style)}</b> · MRN 100${PEOPLE.indexOf(p)} · DOB 03/04/1948</div>`;

interface Ctx {
  rng: Rng;
  nameStyle: NameStyle;
  dateStyle: DateStyle;
  cells: Cells;
  choices: Record<string, string>;
  /** Visits asked for (1–6) and lines per visit at most (1–5). */
  n: number;
  maxLines: number;
}
/** A layout's page: `head` (its title, a patient's banner) above the payer's line, if any, and `body` below it. */
type Built = { head: string; body: string; visits: ExpectedVisit[]; history?: ExpectedVisit[]; units?: boolean; cells?: string };

const visitLines = (c: Ctx, evalAllowed = true) => linesOf(c.rng, c.rng.int(1, c.maxLines), evalAllowed);

/** One day's visits, a patient each. */
function dayOfPatients(c: Ctx, date = dayBefore(c.rng.int(0, 10))): ExpectedVisit[] {
  return c.rng.some(PEOPLE, c.n).map((patient) => ({ patient, date, lines: visitLines(c) }));
}

const DAY_TITLES = ['Day sheet', 'Visits', 'Treatment log', 'Charges'];
function dayTitle(c: Ctx, date: string): string {
  const t = c.rng.pick(DAY_TITLES);
  return `<h1>${t} — ${dateAs(date, c.dateStyle)}</h1>`;
}

// ---- the layouts ---------------------------------------------------------------------------

/** A day sheet of one table, a Patient column: on every row, on a patient's first row only (blank below), or a rowspan cell. */
function patientTable(c: Ctx, rowspan: boolean): Built {
  const visits = dayOfPatients(c);
  const patientCell = rowspan ? 'rowspan' : c.rng.pick(['every row', 'first row']);
  c.choices.patientCell = patientCell;
  const rows = visits.flatMap((v) =>
    v.lines.map((l, i) => {
      const who = nameAs(v.patient, c.nameStyle);
      const first = patientCell === 'rowspan' ? (i === 0 ? `<td rowspan="${v.lines.length}">${who}</td>` : '') : `<td>${i === 0 || patientCell === 'every row' ? who : ''}</td>`;
      return `<tr>${first}${lineCells(l, c.cells)}</tr>`;
    }),
  );
  return { head: dayTitle(c, visits[0]!.date), body: `<table class="day-sheet">${thead(['Patient', ...LINE_HEADS])}<tbody>${rows.join('')}</tbody></table>`, visits };
}

/** A table of a week's charges: Date and Patient columns, rows by date then patient; the date on every row or on each day's first row only. */
function datePatientTable(c: Ctx): Built {
  const dates = days(c.rng, c.rng.int(1, Math.min(3, c.n)));
  const visits: ExpectedVisit[] = [];
  // (Each day at least one patient; no patient twice a day.)
  const perDay = dates.map(() => 1);
  for (let k = dates.length; k < c.n; k++) perDay[c.rng.int(0, dates.length - 1)]!++;
  dates.forEach((date, d) => {
    for (const patient of c.rng.some(PEOPLE, perDay[d]!)) visits.push({ patient, date, lines: visitLines(c) });
  });
  const dateCell = c.rng.pick(['every row', 'first row of the day']);
  c.choices.dateCell = dateCell;
  let lastDate = '';
  const rows = visits.flatMap((v) =>
    v.lines.map((l, i) => {
      const showDate = dateCell === 'every row' || v.date !== lastDate;
      lastDate = v.date;
      return `<tr><td>${showDate ? dateAs(v.date, c.dateStyle) : ''}</td><td>${i === 0 || dateCell === 'every row' ? nameAs(v.patient, c.nameStyle) : ''}</td>${lineCells(l, c.cells)}</tr>`;
    }),
  );
  const title = c.rng.pick(['Charges', 'Weekly therapy log', 'Billing review', 'Charge entry']);
  return { head: `<h1>${title}</h1>`, body: `<table class="charges">${thead(['Date', 'Patient', ...LINE_HEADS])}<tbody>${rows.join('')}</tbody></table>`, visits };
}

/** A table per visit under its heading: "Visit N — date" (one patient's visits, her banner above) or "Name — date" (a list of patients' visits). */
function headedTables(c: Ctx): Built {
  const heading = c.rng.pick(['Visit N — date', 'Name — date']);
  const tag = c.rng.pick(['h2', 'h3']);
  c.choices.heading = heading;
  if (heading === 'Visit N — date') {
    const patient = c.rng.pick(PEOPLE);
    const visits = days(c.rng, c.n).map((date) => ({ patient, date, lines: visitLines(c) }));
    const first = c.rng.int(1, 12);
    const parts = visits.map((v, i) => `<${tag}>Visit ${first + i} — ${dateAs(v.date, c.dateStyle)}</${tag}>${lineTable(v.lines, c.cells)}`);
    return { head: `${banner(patient, c.nameStyle)}<h1>Visits</h1>`, body: parts.join(''), visits };
  }
  // One day's patients, or a few days' (a patient seen again on another day).
  const sameDay = c.rng.next() < 0.5;
  c.choices.days = sameDay ? 'one day' : 'several days';
  const visits = sameDay ? dayOfPatients(c) : days(c.rng, c.n).map((date) => ({ patient: c.rng.pick(PEOPLE.slice(0, 4)), date, lines: visitLines(c) }));
  const parts = visits.map((v) => `<${tag}>${nameAs(v.patient, c.nameStyle)} — ${dateAs(v.date, c.dateStyle)}</${tag}>${lineTable(v.lines, c.cells)}`);
  return { head: `<h1>${sameDay ? 'Day sheet' : 'Visits to bill'}</h1>`, body: parts.join(''), visits };
}

/** A card (section) per appointment, its patient and date of service as labelled facts: a <dl>, "Label: value" lines, or read-only boxes. */
function cards(c: Ctx): Built {
  const sameDay = c.rng.next() < 0.6;
  c.choices.days = sameDay ? 'one day' : 'several days';
  const visits = sameDay ? dayOfPatients(c) : days(c.rng, c.n).map((date) => ({ patient: c.rng.pick(PEOPLE), date, lines: visitLines(c) }));
  const facts = c.rng.pick(['dl', 'label lines', 'read-only boxes']);
  const title = c.rng.pick(['none', 'Daily note', 'Appointment']);
  c.choices.facts = facts;
  c.choices.cardTitle = title;
  const fact = (label: string, value: string) =>
    facts === 'dl' ? `<dt>${label}:</dt><dd>${value}</dd>` : facts === 'label lines' ? `<p><b>${label}:</b> ${value}</p>` : `<div class="field"><label>${label}: <input type="text" readonly value="${value}"></label></div>`;
  const card = (v: ExpectedVisit, i: number) => {
    const head = title === 'none' ? '' : `<div class="card-header">${title === 'Appointment' ? `Appointment ${8 + i}:00 AM` : title}</div>`;
    const both = fact('Patient', nameAs(v.patient, c.nameStyle)) + fact('Date of service', dateAs(v.date, c.dateStyle));
    return `<section class="visit-card">${head}${facts === 'dl' ? `<dl>${both}</dl>` : both}${lineTable(v.lines, c.cells)}</section>`;
  };
  return { head: `<h1>${sameDay ? 'Appointments' : 'Notes to bill'}</h1>`, body: visits.map(card).join(''), visits };
}

/**
 * One patient's flowsheet: a row per intervention, a column per visit's day, earlier days printed
 * and the latest (today's) typed in. What is checked is the latest day's (README: "of a flowsheet's
 * columns headed by days, the latest day's").
 */
function flowsheet(c: Ctx): Built {
  const patient = c.rng.pick(PEOPLE);
  const dates = days(c.rng, c.n, c.rng.next() < 0.5);
  const visits = dates.map((date) => ({ patient, date, lines: visitLines(c, false) }));
  const codes = TIMED.filter(([code]) => visits.some((v) => v.lines.some((l) => l.code === code)));
  const named = c.rng.pick(['banner', 'title']);
  c.choices.patientNamed = named;
  const rows = codes.map(([code, name]) => {
    const cells = visits.map((v, i) => {
      const m = v.lines.find((l) => l.code === code)?.minutes;
      return i === visits.length - 1 ? `<td>${box('min', m ?? '')}</td>` : `<td>${m ?? ''}</td>`;
    });
    return `<tr><td>${code} ${name} (min)</td>${cells.join('')}</tr>`;
  });
  const head = named === 'banner' ? `${banner(patient, c.nameStyle)}<h1>Rehab Flowsheet</h1>` : `<h1>Rehab Flowsheet — ${nameAs(patient, c.nameStyle)}</h1>`;
  const last = visits[visits.length - 1]!;
  // (The rows list codes in catalog order; the visit's lines are read in that order.)
  const today: ExpectedVisit = { ...last, lines: codes.flatMap(([code]) => last.lines.filter((l) => l.code === code)) };
  return { head, body: `<table class="flowsheet">${thead(['Intervention', ...dates.map((d) => dateAs(d, c.dateStyle))])}<tbody>${rows.join('')}</tbody></table>`, visits: [today], units: false, cells: 'today typed in' };
}

/** One patient's chart: today's note typed in, then a read-only table of her earlier visits (a Date column). */
function chartWithHistory(c: Ctx): Built {
  const patient = c.rng.pick(PEOPLE);
  const dates = days(c.rng, c.n);
  const all = dates.map((date) => ({ patient, date, lines: visitLines(c) }));
  const today = all[all.length - 1]!;
  const earlier = all.slice(0, -1).reverse();
  const dated = c.rng.pick(['heading', 'fact line']);
  const historyTitle = c.rng.pick(['Previous visits', 'Visit history', 'Prior treatment']);
  c.choices.todayDated = dated;
  c.choices.historyTitle = historyTitle;
  const todayHead = dated === 'heading' ? `<h2>Daily note — ${dateAs(today.date, c.dateStyle)}</h2>` : `<h2>Daily note</h2><p>Date of service: ${dateAs(today.date, c.dateStyle)}</p>`;
  // (Today's lines are typed in whatever the page's other choices: printed, they would be a signed note.)
  const todayCells: Cells = c.cells === 'text' ? 'mixed' : c.cells;
  const rows = earlier.flatMap((v) => v.lines.map((l) => `<tr><td>${dateAs(v.date, c.dateStyle)}</td><td>${esc(l.name)}</td><td>${l.code}</td><td>${l.minutes}</td><td>${l.units}</td><td>GP</td></tr>`));
  const history = earlier.length ? `<h2>${historyTitle}</h2><table class="history">${thead(['Date', ...LINE_HEADS])}<tbody>${rows.join('')}</tbody></table>` : '';
  return { head: banner(patient, c.nameStyle), body: `${todayHead}${lineTable(today.lines, todayCells)}${history}`, visits: [today], history: earlier, cells: todayCells };
}

export const LAYOUTS = ['patient column', 'rowspan patient', 'date and patient columns', 'table per visit', 'card per visit', 'flowsheet', 'chart with history'] as const;
export type Layout = (typeof LAYOUTS)[number];
const BUILD: Record<Layout, (c: Ctx) => Built> = {
  'patient column': (c) => patientTable(c, false),
  'rowspan patient': (c) => patientTable(c, true),
  'date and patient columns': datePatientTable,
  'table per visit': headedTables,
  'card per visit': cards,
  flowsheet,
  'chart with history': chartWithHistory,
};

/** The page of `seed`: its layout and every other choice drawn from it. */
export function generate(seed: number, layout?: Layout): GeneratedPage {
  const rng = prng(seed);
  field = 0;
  const c: Ctx = {
    rng,
    nameStyle: rng.pick(NAME_STYLES),
    dateStyle: rng.pick(DATE_STYLES),
    cells: rng.pick(CELLS),
    n: rng.int(1, 6),
    maxLines: rng.int(1, 5),
    choices: {},
  };
  layout ??= LAYOUTS[seed % LAYOUTS.length]!;
  const payer = rng.next() < 0.6;
  const appBar = rng.next() < 0.4;
  const built = BUILD[layout](c);
  const choices: Record<string, string> = {
    layout,
    visits: String(c.n),
    'lines at most': String(c.maxLines),
    names: c.nameStyle,
    dates: c.dateStyle,
    cells: built.cells ?? c.cells,
    payer: payer ? 'banner' : 'none',
    'app bar': appBar ? 'yes' : 'no',
    ...c.choices,
  };
  const html = `${appBar ? APP_BAR : ''}<main>${built.head}${payer ? PAYER : ''}${built.body}</main>`;
  return { seed, html, visits: built.visits, history: built.history ?? [], units: built.units ?? true, choices };
}
