// Stage 3 of reading an export: which column is what. By name first (the names practice
// systems print: "Svc Date", "Primary Insurance", "Tx Minutes", Epic's SERVICE_DATE,
// PROCEDURE_QUANTITY, TIMED_MINUTES, MODIFIER_ONE…), checked against the content of the first
// rows (a "Time" column of 10:30s is an appointment time, not minutes); then by content alone
// for a column whose name says nothing (dates, CPT/HCPCS codes, payer names). The user's
// choices (ReadOptions.mapping) come first of all. What cannot be found is said, with the
// columns seen: a required field is never guessed.

import {
  clockParts,
  dateParts,
  looksLikeCode,
  looksLikeCombined,
  looksLikeDate,
  looksLikeModifiers,
  looksLikePayer,
  normaliseDiscipline,
  normaliseMethod,
  parseMinutesCell,
  parseUnits,
  parseMoney,
  parseYesNo,
  splitModifiers,
  type DateOrder,
} from './cells';
import { readCodeAndUnits } from './code-cell';
import { headerKey, nameMatch, notThis, timeKind, type TimeKind } from './names';
import { ROLE_NAMES, type ColumnReport, type ReadOptions, type Role } from './report';

// ---------------------------------------------------------------------------------------
// Content

interface Profile {
  values: string[];
  /** Share of the non-empty values for which the test holds. */
  share(test: (v: string) => boolean): number;
  clock: boolean;
  /** Clock times only because the header says so ("Time" over 1:30): the report offers --map. */
  clockByName: boolean;
}

function profile(values: string[], kind?: TimeKind): Profile {
  const nonEmpty = values.map((v) => v.trim()).filter((v) => v !== '');
  const memo = new Map<(v: string) => boolean, number>();
  const share = (test: (v: string) => boolean) => {
    let s = memo.get(test);
    if (s === undefined) {
      s = nonEmpty.length === 0 ? 1 : nonEmpty.filter(test).length / nonEmpty.length;
      memo.set(test, s);
    }
    return s;
  };
  const clock = isClockColumn(nonEmpty, kind);
  return { values: nonEmpty, share, clock, clockByName: clock && kind === 'clock' && !isClockColumn(nonEmpty, undefined) };
}

/**
 * Clock times of day, not h:mm durations: most cells are h:mm and some carry AM/PM, or the
 * header names a time of day ("Time", "Appt Time": 1:30 there is an afternoon appointment),
 * or the hours are those of a working day (a single service of 5 hours or more is not one).
 * Seconds (10:30:00) say clock unless the header names a duration ("Duration": 0:30:00).
 */
function isClockColumn(values: string[], kind: TimeKind | undefined): boolean {
  if (values.length === 0) return false;
  const parts = values.map(clockParts);
  const clocks = parts.filter((p): p is NonNullable<typeof p> => p !== null);
  if (clocks.length < values.length * 0.5) return false;
  if (clocks.some((p) => p.meridiem)) return true;
  const hours = clocks.map((p) => p.hour).sort((a, b) => a - b);
  // No clinic's appointments are mostly at 0:xx: a column whose hours are mostly 0 holds
  // durations, whatever its name (one 0:00 placeholder among 9:00s does not make it one).
  if (hours[hours.length >> 1]! < 1) return false;
  if (kind === 'clock') return true;
  if (kind === undefined && clocks.some((p) => p.second !== undefined)) return true;
  return hours[hours.length >> 1]! >= 5;
}

// Modifiers a therapy claim carries (CPM ch. 5 §20.1, NCCI 59/X{EPSU}, KX, CQ/CO), for finding a
// modifier column by its content. Only letter ones that are nothing else are evidence: a
// column of "CO" alone may be Colorado, one of "59" an age.
const THERAPY_MODIFIERS = new Set(['GP', 'GO', 'GN', 'KX', 'CQ', 'CO', '59', 'XE', 'XS', 'XP', 'XU', '76', '77', '52', '25', 'GA', 'GY', 'GZ']);
const TELLING_MODIFIERS = new Set(['GP', 'GO', 'GN', 'KX', 'CQ', 'XE', 'XS', 'XP', 'XU']);
/** Every cell therapy modifiers and at least one that can be nothing else: a modifier column, whatever its name. */
function isModifierColumn(values: readonly string[]): boolean {
  let telling = false;
  for (const v of values) {
    const mods = splitModifiers(v);
    if (mods.length === 0 || !mods.every((m) => THERAPY_MODIFIERS.has(m))) return false;
    telling ||= mods.some((m) => TELLING_MODIFIERS.has(m));
  }
  return telling;
}

// "Primary"/"Secondary" under "Coverage" say which coverage, not who pays.
const COVERAGE_LEVEL = /^(?:primary|secondary|tertiary|pri|sec|ter|1st|2nd|3rd)$/i;
const isNumber = (v: string) => /^-?\d+(?:[.,]\d+)?$/.test(v);
const isDisciplineCell = (v: string) => normaliseDiscipline(v) !== null || /^[0-9]{3}[0-9A-Z]{6}X$/i.test(v);
const isMethodCell = (v: string) => normaliseMethod(v) !== null;
const isUnitsCell = (v: string) => typeof parseUnits(v, true) === 'number' && Number(v.replace(',', '.')) < 100;
const isDurationCell = (v: string) => parseMinutesCell(v, true).ok;
const isText = (v: string) => !isNumber(v) && !looksLikeDate(v);
const isCodeCell = (v: string) => {
  if (looksLikeCode(v)) return true;
  const read = readCodeAndUnits(v.trim());
  return typeof read === 'object' && looksLikeCode(read.code);
};

/** Share of the column's content that fits a role (1 for an empty column: its name decides). */
function contentFit(role: Role, p: Profile): number {
  switch (role) {
    case 'date':
    case 'dateTo':
      return p.share(looksLikeDate);
    case 'code':
      // "97110", and a code cell as visits.ts reads it: with modifiers, units or a description
      // after the code ("97110-GP", "97110 x2", "97110 - THER EX"). Named for the code, such a
      // column is the code column, never a combined cell that would leave the export's own
      // minutes and units columns unread.
      return p.share(isCodeCell);
    case 'combined':
      return p.share(looksLikeCombined);
    case 'minutes':
    case 'assistantMinutes':
    case 'totalTreatmentMinutes':
      return p.clock ? 0 : p.share(isDurationCell);
    case 'units':
      return p.share(isUnitsCell);
    case 'modifiers':
      return p.share(looksLikeModifiers);
    case 'discipline':
      return p.share(isDisciplineCell);
    case 'method':
      return p.share(isMethodCell);
    case 'start':
    case 'end':
      return p.share((v) => clockParts(v) !== null || /^\d{1,2}\s*[ap]\.?m\.?$/i.test(v));
    case 'payer':
      return p.share((v) => !looksLikeDate(v) && !looksLikeCode(v) && !isNumber(v) && !COVERAGE_LEVEL.test(v));
    case 'description':
      return p.share(isText);
    case 'ytdSpend':
    case 'ytdPtSlp':
    case 'ytdOt':
    case 'charge':
    case 'allowed':
      return p.share((v) => typeof parseMoney(v, true) === 'number' || typeof parseMoney(v, false) === 'number');
    case 'coTreatment':
      return p.share((v) => parseYesNo(v) !== undefined);
    case 'id':
    case 'patient':
    case 'clinician':
      return 1;
  }
}

function example(p: Profile, test: (v: string) => boolean): string {
  const v = p.values.find((x) => !test(x)) ?? p.values[0] ?? '';
  return v.length > 20 ? `${v.slice(0, 19)}…` : v;
}

// ---------------------------------------------------------------------------------------
// The map

export interface WideItem {
  n: number;
  code?: number;
  combined?: number;
  description?: number;
  minutes?: number;
  units?: number;
  modifiers: number[];
}

export interface ColumnMap {
  layout: 'long' | 'wide';
  /** Columns of the visit's facts and (long layout) of the line item's parts. */
  at: Partial<Record<Role, number>>;
  /** Long layout: every modifier column, in order (Modifier 1–4). */
  modifiers: number[];
  /** Wide layout: the numbered line items. */
  items: WideItem[];
  width: number;
  /** Each row is a whole visit (wide layout, or no visit id chosen). */
  rowIsVisit: boolean;
  dateOrder: DateOrder;
  decimalComma: boolean;
  /** The export has minutes (a column, a combined cell or numbered minutes, or each line's start and end). */
  minutes: boolean;
  /** No minutes column: a line's minutes are its end time minus its start time. */
  minutesFromTimes?: boolean;
  /** The patient's first name, beside `at.patient` holding the last name ("Last Name", "First Name"): the patient is the two. */
  patientFirst?: number;
}

export interface MappingResult {
  map?: ColumnMap;
  columns: ColumnReport[];
  notes: string[];
  error?: { reason: string; missing: Role[] };
}

/** "Last Name", "Patient Last Name", "PAT_LAST_NAME", "Surname" / "First Name", "FName", "Given Name" (keys as headerKey gives them). */
const NAME_OWNER = '(?:pat(?:ient)?|pt|client|member|resident|res)?';
const LAST_NAME = new RegExp(`^${NAME_OWNER}(?:last|family|sur)(?:name|nm)$|^l(?:ast)?name$|^surname$`);
const FIRST_NAME = new RegExp(`^${NAME_OWNER}(?:first|given)(?:name|nm)$|^f(?:irst)?name$`);
/** A patient column that may hold the last name only ("Name", "Patient"): a First Name column beside it completes it. Not a number or an account. */
const NAME_ONLY = /^(?:name|patient|patientname|patname|client|clientname|resident|residentname)$/;

/** Two columns for these are common ("Patient", "MRN") and change no finding: said on the column only. */
const QUIET_TIES: ReadonlySet<Role> = new Set(['patient', 'clinician', 'description']);
const MINUTE_ROLES: ReadonlySet<Role> = new Set(['minutes', 'assistantMinutes', 'totalTreatmentMinutes']);
const hoursNote = (example: string) => `hours (${example}), not minutes: Unitwise reads minutes only; export minutes to check the 8-minute rule`;
const LINE_ROLES: ReadonlySet<Role> = new Set(['code', 'combined', 'description', 'minutes', 'units', 'modifiers']);
const quoteList = (names: string[]) => names.map((n) => JSON.stringify(n.trim())).join(', ');

/** Whether a mapping's choice says the export has no such column (null, "none" or "-"). */
export const saysNone = (wanted: string | number | null): boolean => wanted === null || (typeof wanted === 'string' && /^(?:none|-)$/i.test(wanted.trim()));

/** The 0-based column a mapping names (none for null): by name (exact, then case and spacing ignored) or 1-based number ("3", "#3"). */
export function findColumn(header: readonly string[], wanted: string | number | null): number | undefined {
  if (wanted === null) return undefined;
  if (typeof wanted === 'number') return wanted >= 1 && wanted <= header.length ? wanted - 1 : undefined;
  const exact = header.findIndex((h) => h.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (exact !== -1) return exact;
  const key = headerKey(wanted);
  const loose = header.findIndex((h) => headerKey(h) === key);
  if (loose !== -1) return loose;
  // "#3" or "3": a column number.
  const n = /^#?(\d{1,3})$/.exec(wanted.trim());
  return n ? findColumn(header, Number(n[1])) : undefined;
}

/**
 * The columns of a table from its header and its first data rows. `sample` rows are the
 * data rows below the header (not blank, total or repeated-header rows).
 */
export function mapColumns(header: string[], sample: string[][], options: ReadOptions = {}): MappingResult {
  const width = header.length;
  const columns: ColumnReport[] = header.map((name, index) => ({ index, name: name.trim() }));
  const notes: string[] = [];
  // Two columns of one name are told apart by number: --map takes a name (which picks the
  // left-most column of that name) or a column number (#8).
  const shared = (index: number) => header.some((h, i) => i !== index && h.trim().toLowerCase() === header[index]!.trim().toLowerCase());
  const columnName = (index: number) => `${JSON.stringify(header[index]!.trim())}${shared(index) ? ` in column ${index + 1}` : ''}`;
  const mapArg = (index: number) => (findColumn(header, header[index]!.trim()) === index ? JSON.stringify(header[index]!.trim()) : `#${index + 1}`);
  const kinds = header.map(timeKind);
  const profiles = header.map((_, i) => profile(sample.map((r) => r[i] ?? ''), kinds[i]));
  // "Duration (hrs)" of 0.75 is 45 minutes, not 0.75: the visits stage reads minutes only, so
  // such a column is not read as minutes (and said), rather than converted cell by cell.
  const hoursByName = (i: number) => (kinds[i] === 'hours' && profiles[i]!.share(isNumber) > 0 ? example(profiles[i]!, (v) => !isNumber(v)) : undefined);
  // "Duration" of 0.75, 0.5, 1.25 is hours too, whatever its name: see looksLikeHours. Not for a
  // column the user chose (--map): their word wins, and is the way out when this is wrong.
  const hours = (i: number) => hoursByName(i) ?? (looksLikeHours(profiles[i]!.values) ? [...new Set(profiles[i]!.values)].slice(0, 4).join(', ') : undefined);
  const valueHours = (i: number) => hoursByName(i) === undefined && hours(i) !== undefined;
  const taken = new Set<number>();
  const one: Partial<Record<Role, number>> = {};
  const none = new Set<Role>();
  const overrideProblems: string[] = [];

  // 1. The user's choices.
  for (const [role, wanted] of Object.entries(options.mapping ?? {}) as [Role, string | number | null | undefined][]) {
    if (wanted === undefined) continue;
    if (saysNone(wanted)) {
      none.add(role);
      continue;
    }
    const index = findColumn(header, wanted);
    if (index === undefined) {
      overrideProblems.push(`no column ${JSON.stringify(String(wanted))} for ${ROLE_NAMES[role]}`);
      continue;
    }
    const inHours = MINUTE_ROLES.has(role) ? hoursByName(index) : undefined;
    if (inHours !== undefined) {
      overrideProblems.push(`${JSON.stringify(header[index]!.trim())} holds hours (${inHours}), not minutes`);
      continue;
    }
    if (role === 'modifiers') {
      taken.add(index);
      columns[index] = { ...columns[index]!, role, how: 'chosen' };
      continue;
    }
    one[role] = index;
    taken.add(index);
    columns[index] = { ...columns[index]!, role, how: 'chosen' };
  }
  if (overrideProblems.length) {
    return { columns, notes, error: { reason: `cannot use the mapping: ${overrideProblems.join('; ')} (columns seen: ${quoteList(header)})`, missing: [] } };
  }
  const chosen = (role: Role) => one[role] !== undefined || none.has(role);

  // 2. By name, checked against content.
  const matches = header.map((h) => nameMatch(h));
  // "CPT 4" beside "CPT 1"–"CPT 3" is the fourth line's code, not the name of the code system.
  if (matches.filter((m) => m?.role === 'code' && m.n !== undefined).length >= 2) {
    header.forEach((h, i) => {
      const n = /^cpt([1-9])$/.exec(headerKey(h));
      if (n) matches[i] = { role: 'code', strength: 2, rank: 1, n: Number(n[1]) };
    });
  }
  const numbered = new Map<Role, Set<number>>();
  matches.forEach((m) => {
    if (m?.n !== undefined) {
      if (!numbered.has(m.role)) numbered.set(m.role, new Set());
      numbered.get(m.role)!.add(m.n);
    }
  });
  const wide = !chosen('code') && (numbered.get('code')?.size ?? 0) + (numbered.get('combined')?.size ?? 0) >= 2;

  const rejected = new Map<number, string>();
  /** Strong names whose content did not agree (not clock times): used when nothing better is found. */
  const doubtful = new Map<number, Role>();
  // A strong name is taken unless the content says otherwise (clock times under "Minutes",
  // no cell at all that fits); a weak name ("Time", "Service") needs the content to agree.
  const fits = (index: number, role: Role): boolean => {
    const p = profiles[index]!;
    const fit = contentFit(role, p);
    const strong = matches[index]?.strength === 2;
    const clockAsDuration = p.clock && (MINUTE_ROLES.has(role) || role === 'units');
    const inHours = MINUTE_ROLES.has(role) ? hours(index) : undefined;
    if (inHours !== undefined) {
      rejected.set(index, hoursNote(inHours));
      const name = header[index]!.trim();
      const why = valueHours(index) ? ` (every value ${HOURS_MAX} or less, in whole, half or quarter hours: read as minutes, no line would reach the 8 minutes of one unit)` : '';
      const way = valueHours(index) ? `; if they really are minutes: --map ${role}=${JSON.stringify(name)}` : '';
      notes.push(`${JSON.stringify(name)} holds hours (${inHours}), not ${ROLE_NAMES[role]}${why}: not read; export minutes to check the 8-minute rule${way}`);
      return false;
    }
    if (!clockAsDuration && (fit >= 0.8 || (strong && (fit > 0 || p.values.length < 3)))) return true;
    if (clockAsDuration && p.clockByName && role !== 'units') {
      const name = header[index]!.trim();
      rejected.set(index, `named like ${ROLE_NAMES[role]} but holds h:mm times (${example(p, () => false)}): under a name like ${JSON.stringify(name)} they are times of day (an appointment time), not ${ROLE_NAMES[role]}; if they are durations: --map ${role}=${mapArg(index)}`);
    } else if (clockAsDuration) rejected.set(index, `named like ${ROLE_NAMES[role]} but holds clock times (${example(p, () => false)}): an appointment time, not ${ROLE_NAMES[role]}`);
    else {
      rejected.set(index, `named like ${ROLE_NAMES[role]} but holds ${JSON.stringify(example(p, (v) => contentFit(role, profile([v])) === 1))}`);
      if (strong) doubtful.set(index, role);
    }
    return false;
  };

  // A second column named for a field already taken by name: why it was not used, and how to use it.
  const secondChoice = (index: number, role: Role, used: number | undefined): string => {
    if (role === 'modifiers' || used === undefined || columns[used]!.how !== 'name') return `another column is ${ROLE_NAMES[role]}`;
    const [mine, theirs] = [columnName(index), columnName(used)];
    const how = `--map ${role}=${mapArg(index)}`;
    if (profiles[index]!.values.length === 0) return `empty; ${theirs} is the ${ROLE_NAMES[role]}`;
    if (plausibility(used) > plausibility(index)) return `${theirs} is the ${ROLE_NAMES[role]} (its name is more specific); to use this column instead: ${how}`;
    const p = profiles[index]!;
    if (contentFit(role, p) < 0.8 || p.clock) return `another column is ${ROLE_NAMES[role]}`;
    if (!QUIET_TIES.has(role)) notes.push(`two columns could be the ${ROLE_NAMES[role]}: ${theirs} (used) and ${mine} (not used); if ${mine} is the right one: ${how}`);
    return `also named like the ${ROLE_NAMES[role]}; ${theirs} was used (the left-most); to use this one: ${how}`;
  };

  const items = new Map<number, WideItem>();
  const modifierCols: { index: number; n: number }[] = [];
  // Strong names before weak ones, the more specific first ("Service Date" before "Date"), then
  // left to right; a column empty in the first rows after any with values.
  const plausibility = (i: number) => (matches[i] ? matches[i].strength * 3 + matches[i].rank : 0) + (profiles[i]!.values.length > 0 ? 10 : 0);
  const order = header.map((_, i) => i).sort((a, b) => plausibility(b) - plausibility(a) || a - b);
  for (const index of order) {
    const m = matches[index];
    if (!m || taken.has(index)) continue;
    if (none.has(m.role)) {
      columns[index]!.note = `${ROLE_NAMES[m.role]}: none chosen`;
      continue;
    }
    if (m.role === 'modifiers' && !wide && !columns.some((c) => c.role === 'modifiers' && c.how === 'chosen')) {
      if (!fits(index, 'modifiers')) continue;
      modifierCols.push({ index, n: m.n ?? 0 });
      taken.add(index);
      columns[index] = { ...columns[index]!, role: 'modifiers', how: 'name' };
      continue;
    }
    if (wide && m.n !== undefined && LINE_ROLES.has(m.role)) {
      if (!fits(index, m.role)) continue;
      const item = items.get(m.n) ?? { n: m.n, modifiers: [] };
      items.set(m.n, item);
      if (m.role === 'modifiers') item.modifiers.push(index);
      else if (item[m.role as 'code'] === undefined) item[m.role as 'code'] = index;
      else continue;
      taken.add(index);
      columns[index] = { ...columns[index]!, role: m.role, item: m.n, how: 'name' };
      continue;
    }
    if (m.role === 'modifiers' || one[m.role] !== undefined) {
      const p = profiles[index]!;
      columns[index]!.note =
        m.role === 'minutes' && p.clock ? `clock times (${example(p, () => false)}): an appointment time, not minutes` : secondChoice(index, m.role, one[m.role]);
      continue;
    }
    if (!fits(index, m.role)) continue;
    one[m.role] = index;
    taken.add(index);
    columns[index] = { ...columns[index]!, role: m.role, how: 'name' };
  }
  const modifiers = modifierCols.sort((a, b) => a.n - b.n || a.index - b.index).map((c) => c.index);
  if (columns.some((c) => c.role === 'modifiers' && c.how === 'chosen')) modifiers.unshift(...columns.filter((c) => c.role === 'modifiers' && c.how === 'chosen').map((c) => c.index));

  // 3. By content, for what no name gave.
  const byContent: [Role, (p: Profile) => boolean][] = [
    ['date', (p) => p.values.length > 0 && p.share(looksLikeDate) >= 0.9],
    ['code', (p) => p.values.length > 0 && p.share(isCodeCell) >= 0.9],
    ['combined', (p) => p.values.length > 0 && p.share(looksLikeCombined) >= 0.9],
    ['payer', (p) => p.values.length > 0 && p.share(looksLikePayer) >= 0.5 && p.share((v) => !isNumber(v)) >= 0.9],
    ['discipline', (p) => p.values.length > 0 && p.share(isDisciplineCell) >= 0.9],
  ];
  for (const [role, test] of byContent) {
    if (chosen(role) || (wide && LINE_ROLES.has(role))) continue;
    if ((role === 'code' || role === 'combined') && (one.code !== undefined || one.combined !== undefined)) continue;
    const index = header.findIndex((h, i) => !taken.has(i) && !notThis(h) && !(matches[i] && !rejected.has(i)) && test(profiles[i]!));
    if (index === -1) continue;
    one[role] = index;
    taken.add(index);
    columns[index] = { ...columns[index]!, role, how: 'content', note: undefined };
    rejected.delete(index);
  }

  // A column plainly named for a field whose cells do not look like it, and no other column
  // for that field: read it by its name (its cells get their own messages), and say so.
  for (const [index, role] of doubtful) {
    if (taken.has(index) || chosen(role) || (wide && LINE_ROLES.has(role))) continue;
    if (role === 'modifiers') {
      if (modifiers.length) continue;
      modifiers.push(index);
      taken.add(index);
      columns[index] = { ...columns[index]!, role, how: 'name', note: `${rejected.get(index)}; read by its name` };
      rejected.delete(index);
      continue;
    }
    if ((role === 'code' || role === 'combined') && (one.code !== undefined || one.combined !== undefined)) continue;
    one[role] = index;
    taken.add(index);
    columns[index] = { ...columns[index]!, role, how: 'name', note: `${rejected.get(index)}; read by its name` };
    rejected.delete(index);
  }

  // No modifier column by name: one whose cells are all therapy modifiers (GP, GP 59, KX).
  if (!wide && modifiers.length === 0 && !none.has('modifiers')) {
    const index = header.findIndex((h, i) => !taken.has(i) && !notThis(h) && !(matches[i] && !rejected.has(i)) && profiles[i]!.values.length > 0 && isModifierColumn(profiles[i]!.values));
    if (index !== -1) {
      modifiers.push(index);
      taken.add(index);
      columns[index] = { ...columns[index]!, role: 'modifiers', how: 'content', note: undefined };
      rejected.delete(index);
    }
  }

  // No patient column (or only an account, which may be a family's) but the patient's last and
  // first names in two columns: the patient is the two together ("Lee, Ann").
  let patientFirst: number | undefined;
  const accountOnly = one.patient !== undefined && columns[one.patient]!.how !== 'chosen' && /acc(?:oun)?t|acct/.test(headerKey(header[one.patient]!));
  if ((one.patient === undefined || accountOnly) && !none.has('patient')) {
    const named = (re: RegExp) => header.findIndex((h, i) => !taken.has(i) && re.test(headerKey(h)) && profiles[i]!.values.length > 0);
    const last = named(LAST_NAME);
    const first = named(FIRST_NAME);
    if (last !== -1 && first !== -1) {
      if (accountOnly) {
        const account = one.patient!;
        taken.delete(account);
        columns[account] = { index: account, name: columns[account]!.name, note: `${JSON.stringify(header[last]!.trim())} and ${JSON.stringify(header[first]!.trim())} name the patient; an account may be a family's` };
      }
      one.patient = last;
      patientFirst = first;
    }
  } else if (one.patient !== undefined && columns[one.patient]!.how !== 'chosen' && NAME_ONLY.test(headerKey(header[one.patient]!))) {
    // "Name" or "Patient" beside "First Name": the last name, completed by the first.
    const first = header.findIndex((h, i) => !taken.has(i) && FIRST_NAME.test(headerKey(h)) && profiles[i]!.values.length > 0);
    if (first !== -1) patientFirst = first;
  }
  if (patientFirst !== undefined) {
    const last = one.patient!;
    const [lastName, firstName] = [JSON.stringify(header[last]!.trim()), JSON.stringify(header[patientFirst]!.trim())];
    taken.add(last).add(patientFirst);
    columns[last] = { ...columns[last]!, role: 'patient', how: 'name', note: `with ${firstName}: the patient is the two together` };
    columns[patientFirst] = { ...columns[patientFirst]!, role: 'patient', how: 'name', note: `with ${lastName}: the patient is the two together` };
    notes.push(`the patient is ${lastName} and ${firstName} together ("Lee, Ann")`);
  }

  // A code column and a combined column: the code column is the line's code; say so.
  if (one.code !== undefined && one.combined !== undefined) {
    const c = one.combined;
    delete one.combined;
    taken.delete(c);
    columns[c] = { index: c, name: columns[c]!.name, note: 'another column is the code' };
  }

  // A column named for charges whose cells are all code cells ("97110-GP x2": no minutes in
  // them), in an export with a minutes column of its own: it is the code column. Read as
  // combined cells it left that Minutes column unread, and every line "minutes missing".
  const combined = one.combined;
  if (!wide && combined !== undefined && one.code === undefined && one.minutes !== undefined && columns[combined]!.how !== 'chosen' && profiles[combined]!.values.length > 0 && profiles[combined]!.share(isCodeCell) >= 0.9) {
    delete one.combined;
    one.code = combined;
    columns[combined] = { ...columns[combined]!, role: 'code', note: 'code cells (modifiers and units after the code): the minutes are in their own column' };
  }

  // Ignored columns: why.
  columns.forEach((c, i) => {
    if (c.role !== undefined || c.note) return;
    const p = profiles[i]!;
    const inHours = hours(i);
    c.note =
      rejected.get(i) ??
      notThis(header[i]!) ??
      (p.values.length === 0
        ? 'empty'
        : inHours !== undefined
          ? hoursNote(inHours)
          : p.clock
            ? `clock times (${example(p, () => false)}): an appointment time, not minutes`
            : 'not a column Unitwise reads');
  });

  // What cannot be found.
  const itemList = [...items.values()].sort((a, b) => a.n - b.n).filter((it) => it.code !== undefined || it.combined !== undefined);
  // Numbered columns of a line item with no code column ("Min 3", "Mod 3" without "CPT 3";
  // "Modifier 11" for line 1's first modifier): never dropped unsaid. With values, the
  // visits would lose a line (its minutes, its modifiers): refused, naming the columns.
  for (const it of items.values()) {
    if (it.code !== undefined || it.combined !== undefined) continue;
    const cols = [it.description, it.minutes, it.units, ...it.modifiers].filter((i): i is number => i !== undefined).sort((a, b) => a - b);
    const filled = cols.filter((i) => i !== it.description && profiles[i]!.values.length > 0);
    if (filled.length) {
      const reason = `cannot read line item ${it.n}: ${quoteList(filled.map((i) => header[i]!))} ${filled.length === 1 ? 'has' : 'have'} values but no column is its code (columns seen: ${quoteList(header)})`;
      return { columns, notes, error: { reason, missing: [] } };
    }
    const why = `line item ${it.n} has no code column: not read${cols.every((i) => profiles[i]!.values.length === 0) ? ' (empty in the first rows)' : ''}`;
    for (const i of cols) columns[i] = { index: i, name: columns[i]!.name, note: why };
    notes.push(`${why}: ${quoteList(cols.map((i) => header[i]!))}`);
  }
  const hasCode = wide ? itemList.length > 0 : one.code !== undefined || one.combined !== undefined;
  const missing: Role[] = [];
  if (!chosen('date')) missing.push('date');
  if (!chosen('payer')) missing.push('payer');
  if (!hasCode && !none.has('code')) missing.push('code');
  // No visit id (none chosen): rows group by patient and date when there is a patient column, as when the export has no id column.
  const rowIsVisit = wide || (none.has('id') && one.patient === undefined);
  if (!rowIsVisit && one.id === undefined && one.patient === undefined) missing.push('id');
  if (missing.length) {
    const names = missing.map((r) => (r === 'id' ? 'visit id (or patient)' : ROLE_NAMES[r]));
    return {
      columns,
      notes,
      error: { reason: `cannot read this export: no column for ${names.join(', ')} (columns seen: ${quoteList(header)})`, missing },
    };
  }
  if (none.has('code') && !hasCode) return { columns, notes, error: { reason: 'cannot read this export without a code column: every check is about codes', missing: ['code'] } };

  // Locale.
  const dateValues = one.date !== undefined ? profiles[one.date]!.values : [];
  const dateOrder = options.dateOrder ?? detectDateOrder(dateValues, notes);
  if (options.dateOrder) notes.push(`dates read ${ORDER_WORDS[options.dateOrder]} (chosen)`);
  if (dateValues.some((v) => dateParts(v)?.twoDigitYear)) notes.push('two-digit years read as 20YY (26 → 2026)');
  const numericCols = [one.minutes, one.units, one.totalTreatmentMinutes, one.assistantMinutes, ...itemList.flatMap((it) => [it.minutes, it.units])].filter((i): i is number => i !== undefined);
  const numeric = numericCols.flatMap((i) => profiles[i]!.values);
  let decimalComma = options.decimalComma;
  if (decimalComma === undefined) {
    decimalComma = numeric.some((v) => /^\d+,\d+$/.test(v)) && !numeric.some((v) => /^\d+\.\d+$/.test(v));
    if (decimalComma) notes.push('decimal commas: "2,0" read as 2');
  }

  // Wide layout: a minutes column without a line number is the visit's, not a line's. Read as
  // the visit's total treatment minutes, an upper bound on its timed minutes (untimed services
  // count in it too: BPM Ch. 15 §220.3), so more timed units than it supports are still flagged.
  let visitMinutes: number | undefined;
  if (wide && one.minutes !== undefined) {
    const i = one.minutes;
    delete one.minutes;
    if (one.totalTreatmentMinutes === undefined) {
      one.totalTreatmentMinutes = visitMinutes = i;
      columns[i] = { ...columns[i]!, role: 'totalTreatmentMinutes', note: "one per visit (no line number): the visit's total minutes, not a line's" };
    } else {
      taken.delete(i);
      columns[i] = { index: i, name: columns[i]!.name, note: `one per visit (no line number), and ${JSON.stringify(header[one.totalTreatmentMinutes]!.trim())} is the visit's total minutes: not read` };
    }
  }

  // A "Duration" printing the appointment's length on every line of a visit: not each line's minutes.
  const appointment = !wide && one.minutes !== undefined && columns[one.minutes]!.how === 'name' ? appointmentLength(header, sample, one, one.minutes) : undefined;
  if (appointment?.isAppointment) {
    const i = one.minutes!;
    delete one.minutes;
    taken.delete(i);
    columns[i] = { index: i, name: columns[i]!.name, note: `the appointment's length (${appointment.seen}), not each line's minutes: not read; to read it as each line's: --map minutes=${JSON.stringify(header[i]!.trim())}` };
    notes.push(appointment.note);
  } else if (appointment) notes.push(appointment.note);

  // No minutes column but each line's Time In and Time Out: its minutes are the difference.
  const minutesFromTimes = !wide && one.minutes === undefined && one.combined === undefined && one.start !== undefined && one.end !== undefined;
  const hasMinutes = wide ? itemList.some((it) => it.minutes !== undefined || it.combined !== undefined) : one.minutes !== undefined || one.combined !== undefined || minutesFromTimes;
  if (minutesFromTimes) {
    const name = (i: number) => JSON.stringify(columns[i]?.name?.trim() || `column ${i + 1}`);
    notes.push(`no minutes column: each line's minutes are its ${name(one.end!)} minus its ${name(one.start!)}`);
  }
  if (!hasMinutes && visitMinutes !== undefined) {
    notes.push(
      `no minutes per line: ${JSON.stringify(header[visitMinutes]!.trim())} is each visit's total minutes, read as its total treatment time (timed and untimed). The lines' minutes are not known, so how units are split between codes is not checked; more timed units than that total supports (CPM §20.2 chart) are flagged; pairs, MUEs and modifiers are checked`,
    );
  } else if (!hasMinutes && !appointment?.isAppointment) {
    notes.push(`no minutes column${none.has('minutes') ? ' (none chosen)' : ''}: units are taken as billed and the 8-minute rule is not checked; pairs, MUEs and modifiers are`);
  }
  if (wide) notes.push(`one row per visit, ${itemList.length} numbered line items (${itemList.map((it) => it.n).join(', ')})`);
  if (none.has('id')) notes.push(`no visit id (none chosen): ${rowIsVisit ? 'each row is one visit' : 'the lines of one patient on one date are one visit'}`);
  else if (!wide && one.id === undefined) notes.push('no visit id column: the lines of one patient on one date are one visit');

  return {
    columns,
    notes,
    map: { layout: wide ? 'wide' : 'long', at: one, modifiers, items: itemList, width, rowIsVisit, dateOrder, decimalComma, minutes: hasMinutes, ...(minutesFromTimes && { minutesFromTimes }), ...(patientFirst !== undefined && { patientFirst }) },
  };
}

/** Largest value a column of durations in hours is taken to hold (a 4-hour session); minutes of 4 or less bill nothing. */
const HOURS_MAX = 4;
/**
 * Durations in hours by their values: every cell a number of at most HOURS_MAX, in whole,
 * quarter or half hours, and at least one a fraction (0.75, 1.5). Such a column read as minutes
 * would say "bill 0 units" on every visit; no therapy line takes 0.75 minutes.
 */
function looksLikeHours(values: readonly string[]): boolean {
  if (values.length === 0) return false;
  let fraction = false;
  for (const v of values) {
    if (!/^\d{0,2}(?:[.,]\d{1,2})?$/.test(v) || v === '' || v === '.' || v === ',') return false;
    const n = Number(v.replace(',', '.'));
    if (!(n <= HOURS_MAX) || ![0, 0.25, 0.5, 0.75].includes(n % 1)) return false;
    fraction ||= n % 1 !== 0;
  }
  return fraction;
}

/** Names that may be the whole appointment's length ("Duration", "Appt Length"), unlike "Minutes" or "Treatment Minutes". */
const APPOINTMENT_NAME = /^(?:appt|appointment|visit|session)?(?:duration|length)(?:mins?|minutes)?$/;
/** Multi-line visits in the first rows that must all repeat one value before a duration column is read as the appointment's. */
const APPOINTMENT_EVIDENCE = 2;

/**
 * Whether a duration-named minutes column holds each line's minutes or the appointment's length,
 * decided on the first rows: the latter when every visit with several lines there shows one value
 * on all of them (45, 45), as Time In/Out repeated on each line is the appointment's. One visit
 * whose lines differ (15, 30) shows the column is per line, and then a visit of 15 and 15 is too.
 * Undefined when the name or the rows say nothing either way.
 */
function appointmentLength(header: readonly string[], sample: readonly string[][], at: Partial<Record<Role, number>>, column: number): { isAppointment: boolean; seen: string; note: string } | undefined {
  const name = header[column]!.trim();
  if (!APPOINTMENT_NAME.test(headerKey(name))) return undefined;
  const cell = (row: readonly string[], i: number | undefined) => (i === undefined ? '' : (row[i] ?? '').trim());
  // Rows grouped as the visits stage groups them: by visit id (a blank id continues the row
  // above), with the patient when there is a column for it; without an id, by patient and date.
  const visits = new Map<string, { id: string; values: string[] }>();
  let last = '';
  for (const row of sample) {
    const id = cell(row, at.id);
    let key: string;
    if (at.id !== undefined) key = id === '' ? last : `${id}\u0000${cell(row, at.patient).toLowerCase()}`;
    else key = cell(row, at.patient) === '' && cell(row, at.date) === '' ? last : `${cell(row, at.patient).toLowerCase()}\u0000${cell(row, at.date)}`;
    if (key === '') continue;
    last = key;
    const v = visits.get(key) ?? { id: id || key.replace('\u0000', ' ').trim(), values: [] };
    visits.set(key, v);
    const value = cell(row, column);
    if (value !== '') v.values.push(value);
  }
  const multi = [...visits.values()].filter((v) => v.values.length >= 2);
  const uniform = multi.filter((v) => v.values.every((x) => parseMinutesCell(x, true).ok && x === v.values[0]));
  if (uniform.length === 0) return undefined;
  const show = (list: typeof multi) => list.slice(0, 2).map((v) => `${v.id}: ${v.values.slice(0, 3).join(', ')}`).join('; ');
  const map = `--map minutes=${JSON.stringify(name)}`;
  const differing = multi.filter((v) => !uniform.includes(v));
  if (differing.length) {
    return { isAppointment: false, seen: show(differing), note: `${JSON.stringify(name)} read as each line's minutes: some visits with several lines show different values on them (${show(differing)}); if it is the appointment's length, read it as nothing (--map minutes=none)` };
  }
  if (uniform.length < APPOINTMENT_EVIDENCE) {
    return { isAppointment: false, seen: show(uniform), note: `${JSON.stringify(name)} read as each line's minutes, though the only visit with several lines in the first rows shows one value on all of them (${show(uniform)}): if it is the appointment's length, not each line's, read it as nothing (--map minutes=none)` };
  }
  // One value everywhere (15 on every line of every visit): a clinic charting in 15-minute
  // blocks as likely as one length for every appointment. Read per line, and said.
  if (new Set(uniform.map((v) => v.values[0])).size === 1) {
    return { isAppointment: false, seen: show(uniform), note: `${JSON.stringify(name)} read as each line's minutes, though every visit with several lines in the first rows shows ${uniform[0]!.values[0]} on all of them (${show(uniform)}): if it is the appointment's length, not each line's, read it as nothing (--map minutes=none)` };
  }
  // Not the visit's total timed minutes either: an appointment includes untimed services, rest,
  // waiting and set-up, which CMS does not count (CPM Pub. 100-04 Ch. 5 §20.3; BPM Ch. 15 §220.3
  // keeps total timed minutes apart from total treatment time). So no 8-minute check from it.
  return {
    isAppointment: true,
    seen: show(uniform),
    note: `${JSON.stringify(name)} is the appointment's length, not each line's minutes: every visit with several lines in the first rows shows one value on all its lines (${show(uniform)}), so it is not summed. An appointment also holds untimed services, rest and set-up, which are not timed minutes (CPM §20.3), so the lines' minutes are not known: units are taken as billed and the 8-minute rule is not checked; pairs, MUEs and modifiers are. Export each line's minutes to check it; if this column is each line's minutes: ${map}`,
  };
}

const ORDER_WORDS: Record<DateOrder, string> = { mdy: 'month first (03/04/2026 = March 4)', dmy: 'day first (03/04/2026 = 3 April)', ymd: 'year first' };

/** Month or day first, from the dates themselves where one of them is over 12; said in the notes. */
function detectDateOrder(values: string[], notes: string[]): DateOrder {
  let mdy = false;
  let dmy = false;
  let dotted = false;
  let numeric = false;
  for (const v of values) {
    const p = dateParts(v);
    if (!p || p.shape === 'ymd') continue;
    numeric = true;
    if (p.separator === '.') dotted = true;
    if (p.a > 12 && p.b <= 12) dmy = true;
    if (p.b > 12 && p.a <= 12) mdy = true;
  }
  if (!numeric) return 'mdy';
  if (dmy && !mdy) {
    notes.push(`dates read ${ORDER_WORDS.dmy}: some have a day over 12 first`);
    return 'dmy';
  }
  if (mdy && dmy) {
    notes.push(`dates are written both month first and day first; read ${ORDER_WORDS.mdy}: choose the order if that is wrong`);
    return 'mdy';
  }
  if (mdy) return 'mdy';
  // No date says which: dotted dates are European (day first), slashes American.
  const order: DateOrder = dotted ? 'dmy' : 'mdy';
  notes.push(`dates read ${ORDER_WORDS[order]}: no date in the first rows has a day over 12; choose the order if that is wrong`);
  return order;
}
