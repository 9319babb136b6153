// Generated multi-visit pages with a known answer: a seeded generator composes a page as a
// therapy EHR lays out several visits (a day sheet, a week's visits under their headings, a card
// per appointment, a flowsheet of a column per day, today's note above or below the earlier ones)
// from independent choices, and says which visits a biller expects read from it: each its
// patient, its date of service and its lines. Only layouts the reader claims to read (README,
// "several visits on one page"), and only what a clinician would plausibly see.

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
  /** Her middle initial, where the page writes one ("Lee, Ann M."). */
  middle: string;
  last: string;
  mrn: string;
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
  ['Ann', 'Lee'],
  ['Bob', 'Ray'],
  ['Cara', 'Diaz'],
  ['Dan', 'Moore'],
  ['Eve', 'Cole'],
  ['Faye', 'Kim'],
  ['Gus', 'Ortiz'],
  ['Hana', 'Patel'],
  ['Ivan', 'Novak'],
  ['June', 'Walsh'],
  ['Sean', "O'Brien"],
  ['Maria', 'Garcia-Lopez'],
  ['Rosa', 'de la Cruz'],
  ['Ruth', 'McDonald'],
].map(([first, last], i) => ({ first: first!, middle: 'MJKRTSLEAPDCBN'[i]!, last: last!, mrn: String(40211 + 37 * i) }));

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

/** A visit's 1–`n` lines: distinct codes; an evaluation (a first visit) now and then, first. */
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

export const NAME_STYLES = ['Ann Lee', 'Lee, Ann', 'LEE, ANN', 'Lee, Ann M.'] as const;
export type NameStyle = (typeof NAME_STYLES)[number];
/** A person's name as the page writes it; with `mrn` her record number beside it ("Lee, Ann (#40211)"). */
export const nameAs = (p: Person, style: NameStyle, mrn = false) => {
  const name =
    style === 'Ann Lee' ? `${p.first} ${p.last}` : style === 'Lee, Ann' ? `${p.last}, ${p.first}` : style === 'LEE, ANN' ? `${p.last}, ${p.first}`.toUpperCase() : `${p.last}, ${p.first} ${p.middle}.`;
  return esc(mrn ? `${name} (#${p.mrn})` : name);
};

export const DATE_STYLES = ['11/02/2026', '2026-11-02', 'Nov 2, 2026', 'Monday, November 2, 2026'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const weekday = (iso: string) => WEEKDAYS[new Date(`${iso}T12:00:00Z`).getUTCDay()]!;
export const dateAs = (iso: string, style: DateStyle) => {
  const [y, m, d] = iso.split('-');
  const month = MONTH_NAMES[Number(m) - 1]!;
  if (style === '2026-11-02') return iso;
  if (style === '11/02/2026') return `${m}/${d}/${y}`;
  if (style === 'Nov 2, 2026') return `${month.slice(0, 3)} ${Number(d)}, ${y}`;
  return `${weekday(iso)}, ${month} ${Number(d)}, ${y}`;
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

/** How a line's cells are written: every one a box, printed text (a signed or printed sheet), the code printed and the minutes and units typed in, the code picked in a select, or some visits signed (printed) and the others still typed in. */
export const CELLS = ['inputs', 'text', 'mixed', 'code select', 'signed and draft'] as const;
export type Cells = (typeof CELLS)[number];
function esc(s: string) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
let field = 0;
const box = (name: string, v: string | number) => `<input type="text" name="${name}-${++field}" value="${esc(String(v))}" autocomplete="off">`;
/** A value as the page shows it: a box typed in, or printed text. */
const cellOf = (editable: boolean, name: string, v: string | number) => `<td>${editable ? box(name, v) : esc(String(v))}</td>`;
/** The code picked in a select of the clinic's codes ("97110 - Therapeutic exercise", its value the EHR's own id). */
const codeSelect = (code: string) =>
  `<td><select name="cpt-${++field}"><option value="">Select…</option>${[...TIMED, ...EVALS].map(([c, n], i) => `<option value="${101 + i}"${c === code ? ' selected' : ''}>${c} - ${esc(n)}</option>`).join('')}</select></td>`;

/** Column headers as EHRs word them. */
export const HEADERS = {
  plain: ['Intervention', 'CPT', 'Minutes', 'Units', 'Modifiers'],
  short: ['Service', 'Code', 'Min', 'Qty', 'Mod'],
  long: ['Description', 'CPT Code', 'Time (min)', '# Units', 'Modifier(s)'],
} as const;
export type Headers = keyof typeof HEADERS;

// ---- the page around the visits -------------------------------------------------------------

const APP_BAR = '<div class="app-bar"><span class="logo">RehabChart</span><nav><a href="#">Schedule</a> <a href="#">Patients</a> <a href="#">Billing</a> <a href="#">Reports</a></nav><span class="user">Jane Kim, PT</span></div>';
const PAYER = '<p class="payer">Payer: Medicare Part B</p>';
const PAYERS = ['Medicare Part B', 'Aetna', 'BCBS PPO', 'UnitedHealthcare', 'Medicaid'];
const THERAPISTS = ['Kim, Jane', 'Park, Sue', 'Jones, Mark'];

interface Ctx {
  rng: Rng;
  nameStyle: NameStyle;
  dateStyle: DateStyle;
  cells: Cells;
  headers: Headers;
  /** A total row under each table of lines. */
  totals: boolean;
  /** A blank line of boxes at the end of each table typed in (a line to add). */
  blankLine: boolean;
  /** Patients' names in lists and headings written as links to their charts. */
  nameLink: boolean;
  /** What a visit's heading says after its name and day: nothing, its status, its payer. */
  headingNote: string;
  choices: Record<string, string>;
  /** Visits asked for (1–6) and lines per visit at most (1–5). */
  n: number;
  maxLines: number;
}

/** A patient's name where the page may mark it up: as text, or a link to her chart (as lists of patients do). */
const who = (c: Ctx, p: Person, mrn = false) => (c.nameLink ? `<a href="#/patients/${p.mrn}" class="patient-link">${nameAs(p, c.nameStyle, mrn)}</a>` : nameAs(p, c.nameStyle, mrn));

/** A chart's patient banner: "Patient: Lee, Ann · MRN: 40211", "Lee, Ann · MRN: 40211 · DOB: 03/04/1948", or with no labels' colons ("Lee, Ann · MRN 40211 · DOB 03/04/1948 · F"). */
function banner(c: Ctx, p: Person) {
  const kind = c.rng.pick(['Patient: label', 'MRN: label', 'no colons']);
  c.choices.banner = kind;
  const name = nameAs(p, c.nameStyle);
  const text =
    kind === 'Patient: label' ? `Patient: <b>${name}</b> · MRN: ${p.mrn}` : kind === 'MRN: label' ? `<b>${name}</b> · MRN: ${p.mrn} · DOB: 03/04/1948` : `<b>${name}</b> · MRN ${p.mrn} · DOB 03/04/1948 · F`;
  return `<div class="patient-banner" role="banner">${text}</div>`;
}

/**
 * How visit `v`'s lines are written: the page's choice, or where some visits are signed, this
 * one's (printed or typed in). Signed and draft visits side by side only on a day's page of
 * several patients (README: "another patient's signed visit of the day is checked, not taken for
 * history"); beside one patient's visit typed in, her own printed visits of other days are her
 * history, and a list across days of several patients' signed and draft notes says neither: there
 * every visit is typed in.
 */
const signed = new WeakMap<ExpectedVisit, Cells>();
const ofOneDay = new WeakSet<ExpectedVisit>();
function cellsOf(c: Ctx, v: ExpectedVisit): Cells {
  if (c.cells !== 'signed and draft') return c.cells;
  if (!ofOneDay.has(v)) return 'inputs';
  let cells = signed.get(v);
  if (!cells) signed.set(v, (cells = c.rng.next() < 0.5 ? 'text' : 'inputs'));
  return cells;
}

/** A line's Intervention | CPT | Minutes | Units | Modifiers cells. */
function lineCells(l: Line, c: Ctx, cells = c.cells): string {
  const all = cells === 'inputs';
  const typed = cells !== 'text';
  return cellOf(all, 'int', l.name) + (cells === 'code select' ? codeSelect(l.code) : cellOf(all, 'cpt', l.code)) + cellOf(typed, 'min', l.minutes) + cellOf(typed, 'units', l.units) + cellOf(all, 'mod', 'GP');
}
const thead = (heads: readonly string[]) => `<thead><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`;
/** The rows that close a table of lines after `before` leading cells: a blank line to add (boxes only) and a total. */
function tableEnd(c: Ctx, lines: readonly Line[], before: number, cells: Cells | 'some typed in' = c.cells): string {
  const blank = c.blankLine && cells !== 'text' ? `<tr class="new-line">${'<td></td>'.repeat(before)}${['int', 'cpt', 'min', 'units', 'mod'].map((n) => `<td>${box(n, '')}</td>`).join('')}</tr>` : '';
  const total = c.totals ? `<tfoot><tr class="total"><td colspan="${before + 2}">Total</td><td>${lines.reduce((n, l) => n + l.minutes, 0)}</td><td>${lines.reduce((n, l) => n + l.units, 0)}</td><td></td></tr></tfoot>` : '';
  return `${blank}</tbody>${total}`;
}
/** One visit's lines as a table of its own. */
const lineTable = (c: Ctx, lines: readonly Line[], cells: Cells) =>
  `<table class="charges">${thead(HEADERS[c.headers])}<tbody>${lines.map((l) => `<tr>${lineCells(l, c, cells)}</tr>`).join('')}${tableEnd(c, lines, 0, cells)}</table>`;

/** A layout's page: `head` (its title, a patient's banner) above the payer's line, if any, and `body` below it. */
type Built = { head: string; body: string; visits: ExpectedVisit[]; history?: ExpectedVisit[]; units?: boolean; cells?: string };

const visitLines = (c: Ctx, evalAllowed = true) => linesOf(c.rng, c.rng.int(1, c.maxLines), evalAllowed);

/** One day's visits, a patient each. */
function dayOfPatients(c: Ctx, date = dayBefore(c.rng.int(0, 10))): ExpectedVisit[] {
  const visits = c.rng.some(PEOPLE, c.n).map((patient) => ({ patient, date, lines: visitLines(c) }));
  for (const v of visits) ofOneDay.add(v);
  return visits;
}

/** Visits of several days, a day each, of a few patients (one therapist's caseload: a patient seen again another day). */
function severalDays(c: Ctx): ExpectedVisit[] {
  const caseload = c.rng.some(PEOPLE, 3);
  return days(c.rng, c.n).map((date) => ({ patient: c.rng.pick(caseload), date, lines: visitLines(c) }));
}

/** A day's page title and where it writes the day: in the title, a "Date:" line, or a date picker. */
function dayTitle(c: Ctx, date: string): string {
  const t = c.rng.pick(['Day sheet', 'Visits', 'Treatment log', 'Charges']);
  const at = c.rng.pick(['title', 'date line', 'date picker']);
  c.choices.dayWritten = at;
  if (at === 'title') return `<h1>${t} — ${dateAs(date, c.dateStyle)}</h1>`;
  if (at === 'date line') return `<h1>${t}</h1><p>Date: ${dateAs(date, c.dateStyle)}</p>`;
  return `<h1>${t}</h1><div class="toolbar"><label>Date <input type="date" name="day" value="${date}"></label> <button type="button">Go</button></div>`;
}
const time = (i: number) => `${[8, 9, 10, 11, 1, 2, 3, 4][i % 8]}:${i % 2 ? '30' : '00'} ${i % 8 < 4 ? 'AM' : 'PM'}`;

// ---- the layouts ---------------------------------------------------------------------------

/**
 * A day sheet of one table naming each row's patient: a Patient column (written on every row, on
 * a patient's first row only, or in a rowspan cell), with a Time or Visit # column before it, or
 * an Appointment column of time and name. Rows by time: a patient seen twice that day (AM and
 * PM) is one visit, her lines of the day together (CPM §20.2).
 */
function patientTable(c: Ctx, rowspan: boolean): Built {
  const visits = dayOfPatients(c);
  const patientCell = rowspan ? 'rowspan' : c.rng.pick(['every row', 'first row']);
  const columns = c.rng.pick(['Patient', 'Patient Name', 'Time | Patient', 'Visit # | Patient', 'Appointment', 'Patient | Payer', 'Patient | Therapist']);
  c.choices.patientCell = patientCell;
  c.choices.columns = columns;
  // (A second session of one patient later the same day, by time: Time or Appointment columns only.)
  const sessions: { v: ExpectedVisit; lines: Line[] }[] = visits.map((v) => ({ v, lines: v.lines }));
  if ((columns === 'Time | Patient' || columns === 'Appointment') && visits.length > 1 && c.rng.next() < 0.5) {
    const v = c.rng.pick(visits.slice(0, -1));
    const later = visitLines(c, false);
    v.lines = [...v.lines, ...later];
    sessions.push({ v, lines: later });
    c.choices.secondSession = 'yes';
  }
  const lead = (v: ExpectedVisit, s: number) => {
    const name = who(c, v.patient);
    if (columns === 'Appointment') return [`${time(s)} — ${name}`];
    if (columns === 'Time | Patient') return [time(s), name];
    if (columns === 'Visit # | Patient') return [String(5100 + s), name];
    if (columns === 'Patient | Payer') return [name, PAYERS[PEOPLE.indexOf(v.patient) % PAYERS.length]!];
    if (columns === 'Patient | Therapist') return [name, THERAPISTS[s % THERAPISTS.length]!];
    return [name];
  };
  const rows = sessions.flatMap(({ v, lines }, s) =>
    lines.map((l, i) => {
      const cells =
        patientCell === 'rowspan'
          ? i === 0
            ? lead(v, s).map((x) => `<td rowspan="${lines.length}">${x}</td>`)
            : []
          : lead(v, s).map((x) => `<td>${i === 0 || patientCell === 'every row' ? x : ''}</td>`);
      return `<tr>${cells.join('')}${lineCells(l, c, cellsOf(c, v))}</tr>`;
    }),
  );
  const heads = columns.split(' | ');
  return {
    head: dayTitle(c, visits[0]!.date),
    body: `<table class="day-sheet">${thead([...heads, ...HEADERS[c.headers]])}<tbody>${rows.join('')}${tableEnd(c, visits.flatMap((v) => v.lines), heads.length, visits.some((v) => cellsOf(c, v) !== 'text') ? 'some typed in' : 'text')}</table>`,
    visits,
  };
}

/**
 * A table of a week's charges with Date and Patient columns: by date (Date | Patient, the date on
 * every row, on each day's first row only, in a rowspan cell, or without its year under a period
 * heading), or by patient (Patient | Date, her name on her first row only, the date on every row).
 * Where the rows are typed in, the date is a date box.
 */
function datePatientTable(c: Ctx): Built {
  const dates = days(c.rng, c.rng.int(1, Math.min(3, c.n)));
  let visits: ExpectedVisit[] = [];
  // (Each day at least one patient; no patient twice a day.)
  const perDay = dates.map(() => 1);
  for (let k = dates.length; k < c.n; k++) perDay[c.rng.int(0, dates.length - 1)]!++;
  const caseload = c.rng.some(PEOPLE, 6);
  dates.forEach((date, d) => {
    for (const patient of c.rng.some(caseload, perDay[d]!)) visits.push({ patient, date, lines: visitLines(c) });
  });
  const order = c.rng.pick(['by date', 'by patient']);
  const dateCell = order === 'by patient' ? 'every row' : c.rng.pick(['every row', 'first row of the day', 'rowspan', 'year-less']);
  const words = c.rng.pick([['Date', 'Patient'], ['DOS', 'Patient'], ['Date of Service', 'Patient Name']] as const);
  c.choices.order = order;
  c.choices.dateCell = dateCell;
  c.choices.columns = (order === 'by date' ? words : [words[1], words[0]]).join(' | ');
  if (order === 'by patient') visits = caseload.flatMap((p) => visits.filter((v) => v.patient === p));
  const dateBox = c.cells === 'inputs';
  c.choices.dateBox = dateBox && dateCell !== 'year-less' ? 'date input' : 'text';
  const rowsOfDay = (date: string) => visits.filter((v) => v.date === date).reduce((n, v) => n + v.lines.length, 0);
  let last: ExpectedVisit | undefined;
  const rows = visits.flatMap((v) =>
    v.lines.map((l, i) => {
      const newDay = last?.date !== v.date;
      const newPatient = last?.patient !== v.patient;
      last = v;
      const day = dateCell === 'year-less' ? v.date.slice(5).replace('-', '/') : dateBox ? `<input type="date" name="dos-${++field}" value="${v.date}">` : dateAs(v.date, c.dateStyle);
      const name = who(c, v.patient);
      const lines = lineCells(l, c, cellsOf(c, v));
      if (order === 'by patient') return `<tr><td>${newPatient ? name : ''}</td><td>${day}</td>${lines}</tr>`;
      const dateTd = dateCell === 'rowspan' ? (newDay ? `<td rowspan="${rowsOfDay(v.date)}">${day}</td>` : '') : `<td>${dateCell !== 'first row of the day' || newDay ? day : ''}</td>`;
      return `<tr>${dateTd}<td>${i === 0 || dateCell === 'every row' ? name : ''}</td>${lines}</tr>`;
    }),
  );
  const title = c.rng.pick(['Charges', 'Weekly therapy log', 'Billing review', 'Charge entry']);
  // (Days without their year ("11/02") under a period the page's heading states, as weekly logs print
  // them. README: the year "near the dates the page's headings write"; in a <p> the days are left
  // undated and said, as review-s49 accepts.)
  const period = dateCell === 'year-less' ? `<h2 class="period">Period: ${dateAs(dayBefore(24), c.dateStyle)} to ${dateAs(TODAY, c.dateStyle)}</h2>` : '';
  const heads = c.choices.columns.split(' | ');
  const typed = visits.some((v) => cellsOf(c, v) !== 'text') ? 'some typed in' : 'text';
  return { head: `<h1>${title}</h1>${period}`, body: `<table class="charges">${thead([...heads, ...HEADERS[c.headers]])}<tbody>${rows.join('')}${tableEnd(c, visits.flatMap((v) => v.lines), 2, typed)}</table>`, visits };
}

/**
 * A table per visit under its heading: "Visit N — date" (one patient's visits, her banner above),
 * "Name — date" (patients' visits of a day or a few days), "Name — 9:00 AM" under the day's title,
 * or a day's heading over its patients' headings (a week of visits).
 */
function headedTables(c: Ctx): Built {
  const heading = c.rng.pick(['Visit N — date', 'Name — date', 'Name — time', 'day over names']);
  const tag = c.rng.pick(['h2', 'h3']);
  const box = c.rng.pick(['none', 'section', 'fieldset', 'details', 'caption']);
  c.choices.heading = heading;
  c.choices.visitBox = box;
  const part = (title: string, v: ExpectedVisit) => {
    const table = lineTable(c, v.lines, cellsOf(c, v));
    if (box === 'caption') return table.replace('<table class="charges">', `<table class="charges"><caption>${title}</caption>`);
    if (box === 'fieldset') return `<fieldset class="visit"><legend>${title}</legend>${table}</fieldset>`;
    if (box === 'details') return `<details class="visit" open><summary>${title}</summary>${table}</details>`;
    const inner = `<${tag}>${title}</${tag}>${table}`;
    return box === 'section' ? `<section class="visit">${inner}</section>` : inner;
  };
  if (heading === 'Visit N — date') {
    const patient = c.rng.pick(PEOPLE);
    const visits = days(c.rng, c.n).map((date) => ({ patient, date, lines: visitLines(c) }));
    const first = c.rng.int(1, 12);
    return { head: `${banner(c, patient)}<h1>Visits</h1>`, body: visits.map((v, i) => part(`Visit ${first + i} — ${dateAs(v.date, c.dateStyle)}`, v)).join(''), visits };
  }
  const mrn = c.rng.next() < 0.3;
  c.choices.mrn = mrn ? 'beside the name' : 'none';
  const name = (v: ExpectedVisit) => who(c, v.patient, mrn);
  const note = c.headingNote;
  c.choices.headingNote = note.trim() || 'none';
  if (heading === 'Name — time') {
    const visits = dayOfPatients(c);
    // (Now and then one patient seen again later that day, another patient between: her second
    // session is a visit of its own, billed with the first as her day, README "One patient's two sessions".)
    const sessions = [...visits];
    if (visits.length > 1 && c.rng.next() < 0.4) {
      const again = { ...visits[0]!, lines: visitLines(c, false) };
      // (Both her sessions typed in: her signed morning beside her afternoon typed in is one of her
      // day's sessions, listed or not as history by design, page-session's "One session charted beside a signed one".)
      signed.set(visits[0]!, 'inputs');
      sessions.push(again);
      c.choices.secondSession = 'yes';
    }
    return { head: dayTitle(c, visits[0]!.date), body: sessions.map((v, i) => part(`${name(v)} — ${time(i)}${note}`, v)).join(''), visits: sessions };
  }
  if (heading === 'day over names') {
    const dates = days(c.rng, c.rng.int(1, Math.min(3, c.n)));
    const perDay = dates.map(() => 1);
    for (let k = dates.length; k < c.n; k++) perDay[c.rng.int(0, dates.length - 1)]!++;
    const visits: ExpectedVisit[] = [];
    const body = dates.map((date, d) => {
      const day = c.rng.some(PEOPLE.slice(0, 6), perDay[d]!).map((patient) => ({ patient, date, lines: visitLines(c) }));
      visits.push(...day);
      return `<h2>${dateAs(date, c.dateStyle)}</h2>${day.map((v) => `<h3>${name(v)}${note}</h3>${lineTable(c, v.lines, cellsOf(c, v))}`).join('')}`;
    });
    return { head: `<h1>${c.rng.pick(['Week of visits', 'Therapy log', 'Visits this week'])}</h1>`, body: body.join(''), visits };
  }
  // One day's patients, or a few days' (a patient seen again on another day).
  const sameDay = c.rng.next() < 0.5;
  c.choices.days = sameDay ? 'one day' : 'several days';
  const visits = sameDay ? dayOfPatients(c) : severalDays(c);
  const dateFirst = c.rng.next() < 0.3;
  c.choices.order = dateFirst ? 'date — name' : 'name — date';
  const title = (v: ExpectedVisit) => (dateFirst ? `${dateAs(v.date, c.dateStyle)} — ${name(v)}${note}` : `${name(v)} — ${dateAs(v.date, c.dateStyle)}${note}`);
  return { head: `<h1>${sameDay ? 'Day sheet' : 'Visits to bill'}</h1>`, body: visits.map((v) => part(title(v), v)).join(''), visits };
}

/** A card (section) per appointment, its patient and date of service as labelled facts (a <dl>, "Label: value" lines, read-only boxes) or in its header line. */
function cards(c: Ctx): Built {
  const sameDay = c.rng.next() < 0.6;
  c.choices.days = sameDay ? 'one day' : 'several days';
  const visits = sameDay ? dayOfPatients(c) : severalDays(c);
  const facts = c.rng.pick(['dl', 'label lines', 'read-only boxes', 'card header']);
  const title = facts === 'card header' ? 'name · date' : c.rng.pick(['none', 'Daily note', 'Appointment']);
  c.choices.facts = facts;
  c.choices.cardTitle = title;
  if (facts === 'card header') c.choices.headingNote = c.headingNote.trim() || 'none';
  const fact = (label: string, value: string) =>
    facts === 'dl' ? `<dt>${label}:</dt><dd>${value}</dd>` : facts === 'label lines' ? `<p><b>${label}:</b> ${value}</p>` : `<div class="field"><label>${label}: <input type="text" readonly value="${value}"></label></div>`;
  const card = (v: ExpectedVisit, i: number) => {
    if (facts === 'card header') return `<div class="card"><div class="card-header"><span>${who(c, v.patient)}</span> · <span>${dateAs(v.date, c.dateStyle)} ${time(i)}</span>${c.headingNote ? `<span class="badge">${c.headingNote.replace(/^[\s·(]+|\)$/g, '')}</span>` : ''}</div><div class="card-body">${lineTable(c, v.lines, cellsOf(c, v))}</div></div>`;
    const head = title === 'none' ? '' : `<div class="card-header">${title === 'Appointment' ? `Appointment ${time(i)}` : title}</div>`;
    const both = fact('Patient', facts === 'read-only boxes' ? nameAs(v.patient, c.nameStyle) : who(c, v.patient)) + fact('Date of service', dateAs(v.date, c.dateStyle));
    return `<section class="visit-card">${head}${facts === 'dl' ? `<dl>${both}</dl>` : both}${lineTable(c, v.lines, cellsOf(c, v))}</section>`;
  };
  return { head: `<h1>${sameDay ? 'Appointments' : 'Notes to bill'}</h1>`, body: visits.map(card).join(''), visits };
}

/** One table of several visits, each under a group row naming its patient and day ("Lee, Ann — 11/02/2026"). */
function groupRows(c: Ctx): Built {
  const sameDay = c.rng.next() < 0.5;
  c.choices.days = sameDay ? 'one day' : 'several days';
  const visits = sameDay ? dayOfPatients(c) : severalDays(c);
  const heads = HEADERS[c.headers];
  c.choices.headingNote = c.headingNote.trim() || 'none';
  const rows = visits.map(
    (v) => `<tr class="group-row"><td colspan="${heads.length}"><b>${who(c, v.patient)}</b> — ${dateAs(v.date, c.dateStyle)}${c.headingNote}</td></tr>${v.lines.map((l) => `<tr>${lineCells(l, c, cellsOf(c, v))}</tr>`).join('')}`,
  );
  return { head: `<h1>${sameDay ? 'Day sheet' : 'Charges to review'}</h1>`, body: `<table class="charges">${thead(heads)}<tbody>${rows.join('')}${tableEnd(c, visits.flatMap((v) => v.lines), 0, visits.some((v) => cellsOf(c, v) !== 'text') ? 'some typed in' : 'text')}</table>`, visits };
}

/**
 * One patient's flowsheet: a row per intervention (its code in its name, "97110 Ther ex (min)", or
 * in a CPT column of its own; or a row of its minutes and a row of its units), a column per
 * visit's day (written whole, or as the day without its year, "11/02" or "Mon 11/02"), earlier
 * days printed and the latest typed in. What is checked is the latest day's (README: "of a
 * flowsheet's columns headed by days, the latest day's").
 */
function flowsheet(c: Ctx): Built {
  const patient = c.rng.pick(PEOPLE);
  const dates = days(c.rng, c.n, c.rng.next() < 0.5);
  const visits = dates.map((date) => ({ patient, date, lines: visitLines(c, false) }));
  const codes = TIMED.filter(([code]) => visits.some((v) => v.lines.some((l) => l.code === code)));
  const named = c.rng.pick(['banner', 'title']);
  const dayHead = c.rng.pick(['whole date', 'month/day', 'weekday month/day']);
  const rowsAre = c.rng.pick(['code in the name', 'CPT column', 'minutes and units rows']);
  c.choices.patientNamed = named;
  c.choices.dayHead = dayHead;
  c.choices.flowsheetRows = rowsAre;
  const cellsOfRow = (code: string, measure: 'minutes' | 'units') =>
    visits.map((v, i) => {
      const m = v.lines.find((l) => l.code === code)?.[measure];
      return i === visits.length - 1 ? `<td>${box(measure === 'minutes' ? 'min' : 'units', m ?? '')}</td>` : `<td>${m ?? ''}</td>`;
    });
  const rows = codes.flatMap(([code, name]) => {
    // (The row names its measure, as a flowsheet must: a number under a day is minutes or units.)
    if (rowsAre === 'CPT column') return [`<tr><td>${name} (min)</td><td>${code}</td>${cellsOfRow(code, 'minutes').join('')}</tr>`];
    if (rowsAre === 'minutes and units rows') return [`<tr><td>${code} ${name} — minutes</td>${cellsOfRow(code, 'minutes').join('')}</tr>`, `<tr><td>${code} ${name} — units</td>${cellsOfRow(code, 'units').join('')}</tr>`];
    return [`<tr><td>${code} ${name} (min)</td>${cellsOfRow(code, 'minutes').join('')}</tr>`];
  });
  const head = named === 'banner' ? `${banner(c, patient)}<h1>Rehab Flowsheet</h1>` : `<h1>Rehab Flowsheet — ${nameAs(patient, c.nameStyle)}</h1>`;
  const day = (d: string) => {
    if (dayHead === 'whole date') return dateAs(d, c.dateStyle);
    const [, m, dd] = d.split('-');
    return `${dayHead === 'month/day' ? '' : `${weekday(d).slice(0, 3)} `}${m}/${dd}`;
  };
  const last = visits[visits.length - 1]!;
  // (The rows list codes in catalog order; the visit's lines are read in that order.)
  const today: ExpectedVisit = { ...last, lines: codes.flatMap(([code]) => last.lines.filter((l) => l.code === code)) };
  const heads = rowsAre === 'CPT column' ? ['Intervention', 'CPT'] : ['Intervention'];
  return {
    head,
    body: `<table class="flowsheet">${thead([...heads, ...dates.map(day)])}<tbody>${rows.join('')}</tbody></table>`,
    visits: [today],
    units: rowsAre === 'minutes and units rows',
    cells: 'today typed in',
  };
}

/** One patient's chart: today's note typed in, and her earlier visits read-only, above or below it: a table with a Date column, or a signed note each. */
function chartWithHistory(c: Ctx): Built {
  const patient = c.rng.pick(PEOPLE);
  const dates = days(c.rng, c.n);
  const all = dates.map((date) => ({ patient, date, lines: visitLines(c) }));
  const today = all[all.length - 1]!;
  const earlier = all.slice(0, -1).reverse();
  const dated = c.rng.pick(['heading', 'fact line', '"Today\'s note"']);
  // (A heading that says "Today" dates the note by the user's clock: today's visit is then today.)
  if (dated !== 'heading' && dated !== 'fact line') today.date = TODAY;
  const historyTitle = c.rng.pick(['Previous visits', 'Visit history', 'Prior treatment']);
  const historyAs = c.rng.pick(['table', 'signed notes']);
  const place = c.rng.pick(['below', 'above']);
  c.choices.todayDated = dated;
  c.choices.historyAs = historyAs;
  c.choices.historyPlace = place;
  if (historyAs === 'table') c.choices.historyTitle = historyTitle;
  const todayHead =
    dated === 'heading' ? `<h2>Daily note — ${dateAs(today.date, c.dateStyle)}</h2>` : dated === 'fact line' ? `<h2>Daily note</h2><p>Date of service: ${dateAs(today.date, c.dateStyle)}</p>` : "<h2>Today's note</h2>";
  // (Today's lines are typed in whatever the page's other choices: printed, they would be a signed note.)
  const todayCells: Cells = c.cells === 'text' ? 'mixed' : c.cells === 'signed and draft' ? 'inputs' : c.cells;
  const printed = (l: Line) => `<td>${esc(l.name)}</td><td>${l.code}</td><td>${l.minutes}</td><td>${l.units}</td><td>GP</td>`;
  let history = '';
  if (earlier.length && historyAs === 'table') {
    const rows = earlier.flatMap((v) => v.lines.map((l) => `<tr><td>${dateAs(v.date, c.dateStyle)}</td>${printed(l)}</tr>`));
    history = `<h2>${historyTitle}</h2><table class="history">${thead(['Date', ...HEADERS[c.headers]])}<tbody>${rows.join('')}</tbody></table>`;
  } else if (earlier.length)
    history = earlier
      .map((v) => `<section class="note signed"><h3>Daily note — ${dateAs(v.date, c.dateStyle)}</h3><p>Signed by Jane Kim, PT</p><table>${thead(HEADERS[c.headers])}<tbody>${v.lines.map((l) => `<tr>${printed(l)}</tr>`).join('')}</tbody></table></section>`)
      .join('');
  const note = `<section class="note">${todayHead}${lineTable(c, today.lines, todayCells)}</section>`;
  return {
    head: banner(c, patient),
    body: place === 'below' ? note + history : history + note,
    visits: [today],
    history: earlier,
    cells: todayCells,
  };
}

export const LAYOUTS = ['patient column', 'rowspan patient', 'date and patient columns', 'table per visit', 'card per visit', 'group rows', 'flowsheet', 'chart with history'] as const;
export type Layout = (typeof LAYOUTS)[number];
const BUILD: Record<Layout, (c: Ctx) => Built> = {
  'patient column': (c) => patientTable(c, false),
  'rowspan patient': (c) => patientTable(c, true),
  'date and patient columns': datePatientTable,
  'table per visit': headedTables,
  'card per visit': cards,
  'group rows': groupRows,
  flowsheet,
  'chart with history': chartWithHistory,
};

/** The page of `seed`: its layout and every other choice drawn from it. */
export function generate(seed: number, layout?: Layout): GeneratedPage {
  const rng = prng(seed);
  field = 0;
  const cells = rng.pick(CELLS);
  const c: Ctx = {
    rng,
    nameStyle: rng.pick(NAME_STYLES),
    dateStyle: rng.pick(DATE_STYLES),
    cells,
    headers: rng.pick(['plain', 'short', 'long'] as const),
    totals: rng.next() < 0.3,
    blankLine: cells !== 'text' && rng.next() < 0.25,
    nameLink: rng.next() < 0.3,
    headingNote: rng.pick(['', '', ' · Signed', ' (Draft)', ' · Medicare Part B']),
    n: rng.int(1, 6),
    maxLines: rng.int(1, 5),
    choices: {},
  };
  layout ??= LAYOUTS[seed % LAYOUTS.length]!;
  const payer = rng.next() < 0.6;
  const appBar = rng.next() < 0.4;
  const wrapper = rng.pick(['main', 'app root', 'none']);
  const built = BUILD[layout](c);
  const choices: Record<string, string> = {
    layout,
    visits: String(c.n),
    'lines at most': String(c.maxLines),
    names: c.nameStyle,
    dates: c.dateStyle,
    cells: built.cells ?? c.cells,
    headers: c.headers,
    totals: c.totals && layout !== 'flowsheet' ? 'total row' : 'none',
    blankLine: c.blankLine && layout !== 'flowsheet' ? 'yes' : 'no',
    'name as link': c.nameLink && !['flowsheet', 'chart with history'].includes(layout) ? 'yes' : 'no',
    payer: payer ? 'banner' : 'none',
    'app bar': appBar ? 'yes' : 'no',
    wrapper,
    ...c.choices,
  };
  const page = `${built.head}${payer ? PAYER : ''}${built.body}`;
  const html = wrapper === 'main' ? `${appBar ? APP_BAR : ''}<main>${page}</main>` : wrapper === 'app root' ? `<div id="root"><div class="app">${appBar ? APP_BAR : ''}<div class="content"><div class="page">${page}</div></div></div></div>` : `${appBar ? APP_BAR : ''}${page}`;
  return { seed, html, visits: built.visits, history: built.history ?? [], units: built.units ?? true, choices };
}
