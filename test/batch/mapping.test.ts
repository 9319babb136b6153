import { describe, expect, it } from 'vitest';
import { parseMinutesCell } from '../../lib/batch/cells';
import { readExport } from '../../lib/batch/reader';
import type { ReadVisit } from '../../lib/batch/report';
import { evaluate } from '../../lib/rules/evaluate';

// The mapping stage against the red-team's exports (defects #1, #4, #5, #10, #11, #15, #17):
// which column is what when names compete, when h:mm is a clock or a duration, and what the
// report says about it.

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const rules = (v: ReadVisit) => evaluate(v.visit).findings.map((f) => f.rule);
const column = (r: ReturnType<typeof readExport>, name: string) => r.report.columns.find((c) => c.name === name)!;

describe('#1 a "Time" column of h:mm is an appointment time, never minutes', () => {
  it('afternoon times without AM/PM (1:30, 2:15) are not 90 and 135 minutes; the report says so and how to choose it', () => {
    const r = readExport(
      csv(
        'Visit ID,Patient,Date of Service,Payer,CPT,Time,Units,Modifiers',
        'V1,Ann Lee,03/16/2026,Medicare,97110,1:30,2,GP',
        'V2,Bob Ray,03/16/2026,Medicare,97110,2:15,2,GP',
        'V3,Cy Orr,03/16/2026,Medicare,97110,3:00,2,GP',
        'V4,Di Fox,03/16/2026,Medicare,97110,4:45,2,GP',
      ),
      'a1.csv',
    );
    expect(r.errors).toEqual([]);
    expect(r.visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([undefined, undefined, undefined, undefined]);
    expect(column(r, 'Time').role).toBeUndefined();
    expect(column(r, 'Time').note).toBe(
      'named like minutes but holds h:mm times (1:30): under a name like "Time" they are times of day (an appointment time), not minutes; if they are durations: --map minutes="Time"',
    );
    expect(r.report.minutes).toBe(false);
    // Units taken as billed: no false over-billing from 90 minutes.
    expect(r.visits.flatMap(rules)).not.toContain('units.over-billed');
  });

  it('"Appt Time" holding h:mm is said to be an appointment time, not left unexplained', () => {
    const r = readExport(csv('Visit ID,DOS,Payer,CPT,Appt Time,Minutes,Units', 'V1,03/16/2026,Medicare,97110,1:30,30,2'), 'x.csv');
    expect(column(r, 'Appt Time')).toMatchObject({ note: 'clock times (1:30): an appointment time, not minutes' });
    expect(r.visits[0]!.visit.entries[0]!.minutes).toBe(30);
  });

  it('a duration-named column of h:mm is a duration: "Treatment Time", "Tx Minutes", "Mins", "Duration"', () => {
    for (const name of ['Treatment Time', 'Tx Minutes', 'Mins', 'Duration', 'Time (min)']) {
      const r = readExport(csv(`Visit ID,DOS,Payer,CPT,${name},Units`, 'V1,03/16/2026,Medicare,97110,1:30,6', 'V2,03/16/2026,Medicare,97110,0:38,3'), 'x.csv');
      expect(column(r, name)).toMatchObject({ role: 'minutes' });
      expect(r.visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([90, 38]);
    }
  });

  it('--map minutes="Time" reads a "Time" column of h:mm as durations when the biller says so', () => {
    const r = readExport(csv('Visit ID,DOS,Payer,CPT,Time,Units', 'V1,03/16/2026,Medicare,97110,0:38,3'), 'x.csv', { mapping: { minutes: 'Time' } });
    expect(r.visits[0]!.visit.entries[0]!.minutes).toBe(38);
  });
});

describe('#4 of two columns for one field, the more specific name wins, and a tie is said', () => {
  it('"Service Date" over "Date" (a posting date): two visits on their own dates', () => {
    const r = readExport(
      csv('Date,Patient,Service Date,Payer,CPT,Minutes,Units,Modifiers', '03/19/2026,Ann Lee,03/16/2026,Medicare,97110,20,1,GP', '03/19/2026,Ann Lee,03/18/2026,Medicare,97110,20,1,GP'),
      'e1.csv',
    );
    expect(r.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-03-16', '2026-03-18']);
    expect(column(r, 'Service Date')).toMatchObject({ role: 'date', how: 'name' });
    expect(column(r, 'Date').note).toBe('"Service Date" is the date of service (its name is more specific); to use this column instead: --map date="Date"');
    expect(r.visits.flatMap(rules)).not.toContain('units.over-billed');
  });

  it('"Units Billed" over "Units": 3 units billed for 30 minutes is over-billed', () => {
    const r = readExport(csv('Visit ID,Patient,DOS,Payer,CPT,Units,Units Billed,Minutes,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,97110,2,3,30,GP'), 'd3.csv');
    expect(r.visits[0]!.visit.entries[0]!.units).toBe(3);
    expect(column(r, 'Units Billed').role).toBe('units');
    expect(column(r, 'Units').note).toMatch(/^"Units Billed" is the units \(its name is more specific\)/);
    expect(rules(r.visits[0]!)).toContain('units.over-billed');
  });

  it('"Treatment Minutes" over "Duration": 30 minutes support 2 units, not 3', () => {
    const r = readExport(csv('Visit ID,Patient,DOS,Payer,Duration,CPT,Treatment Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,60,97110,30,3,GP'), 'd5.csv');
    expect(r.visits[0]!.visit.entries[0]!.minutes).toBe(30);
    expect(rules(r.visits[0]!)).toContain('units.over-billed');
  });

  it('"Insurance Name" over "Coverage" (Primary/Secondary): the Medicare visit is judged by the CMS rule', () => {
    const r = readExport(
      csv('Visit ID,Patient,DOS,Coverage,Insurance Name,CPT,Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,Primary,Medicare,97110,20,1,GP', 'V1,Ann Lee,03/16/2026,Primary,Medicare,97140,20,1,GP'),
      'd4.csv',
    );
    expect(r.visits[0]!.visit.payer).toBe('Medicare');
    const e = evaluate(r.visits[0]!.visit);
    // CPM §20.2: 40 minutes → 3 units; 2 billed.
    expect(e.method).toBe('cms');
    expect(rules(r.visits[0]!)).toContain('units.under-billed');
  });

  it('two equally plausible columns: the report says which was used, which was not, and how to choose', () => {
    const r = readExport(csv('Visit ID,DOS,Payer,Insurance,CPT,Minutes,Units', 'V1,03/16/2026,Medicare,Aetna,97110,30,2'), 'x.csv');
    expect(r.visits[0]!.visit.payer).toBe('Medicare');
    expect(column(r, 'Insurance').note).toBe('also named like the payer; "Payer" was used (the left-most); to use this one: --map payer="Insurance"');
    expect(r.report.notes).toContain('two columns could be the payer: "Payer" (used) and "Insurance" (not used); if "Insurance" is the right one: --map payer="Insurance"');
  });
});

describe('#5 the payer is the primary one, never the secondary', () => {
  it('"Pri Payer" is the payer and "Sec Payer" is not, whichever comes first', () => {
    const b = readExport(
      csv('Visit ID,Patient,DOS,Pri Payer,Sec Payer,CPT,Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,MCR PART B,BCBS SUPPLEMENT,97110,20,1,GP', 'V1,Ann Lee,03/16/2026,MCR PART B,BCBS SUPPLEMENT,97140,20,1,GP'),
      'd1b.csv',
    );
    expect(b.visits[0]!.visit.payer).toBe('MCR PART B');
    expect(column(b, 'Pri Payer')).toMatchObject({ role: 'payer', how: 'name' });
    expect(column(b, 'Sec Payer')).toMatchObject({ note: 'a secondary or tertiary payer: the claim is checked against the primary payer' });
    const a = readExport(
      csv('Visit ID,Patient,DOS,Sec Payer,Pri Payer,CPT,Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,Aetna PPO,97110,20,1,GP', 'V1,Ann Lee,03/16/2026,Medicare,Aetna PPO,97140,20,1,GP'),
      'd1.csv',
    );
    expect(a.visits[0]!.visit.payer).toBe('Aetna PPO');
  });

  it('"Primary Insurance" beside "Secondary Insurance" (Medicare there): Medicare is not read as the payer, by name or by content', () => {
    const r = readExport(csv('Visit ID,DOS,Secondary Insurance,Primary Insurance,CPT,Minutes,Units', 'V1,03/16/2026,Medicare,Aetna,97110,20,1', 'V1,03/16/2026,Medicare,Aetna,97140,20,1'), 'x.csv');
    expect(r.visits[0]!.visit.payer).toBe('Aetna');
    // Only a secondary payer column: no payer is found, and the message says what was seen.
    const only = readExport(csv('Visit ID,DOS,Secondary Insurance,Tertiary Payer,CPT,Minutes', 'V1,03/16/2026,Medicare,Medicaid,97110,20'), 'y.csv');
    expect(only.errors[0]!.reason).toMatch(/^cannot read this export: no column for payer/);
  });
});

describe('#10 wide layout with per-line modifier slots', () => {
  it('"Modifier 1-1 / 1-2" are line 1\'s modifiers, not lines 11 and 12', () => {
    const r = readExport(
      csv(
        'Visit ID,Date,Payer,CPT 1,Min 1,Units 1,Modifier 1-1,Modifier 1-2,CPT 2,Min 2,Units 2,Modifier 2-1,Modifier 2-2',
        'W1,3/16/2026,Medicare,97110,30,2,,,97140,8,1,GP,',
        'W2,3/16/2026,Medicare,97140,15,1,GP,59,97530,15,1,GP,',
      ),
      'l1.csv',
    );
    expect(r.errors).toEqual([]);
    expect(r.report.layout).toBe('wide');
    expect(r.visits.map((v) => v.visit.entries.map((e) => e.modifiers))).toEqual([
      [[], ['GP']],
      [['GP', '59'], ['GP']],
    ]);
    expect(column(r, 'Modifier 1-2')).toMatchObject({ role: 'modifiers', item: 1 });
    expect(r.report.notes).toContain('one row per visit, 2 numbered line items (1, 2)');
    expect(rules(r.visits[1]!)).not.toContain('modifier.discipline-missing');
    expect(rules(r.visits[0]!)).toContain('modifier.discipline-missing');
  });

  it('"Mod 1a / 1b" are line 1\'s modifiers', () => {
    const r = readExport(csv('Visit ID,Date,Payer,CPT 1,Min 1,Mod 1a,Mod 1b,CPT 2,Min 2,Mod 2a,Mod 2b', 'W1,3/16/2026,Medicare,97140,15,GP,59,97530,15,GP,'), 'x.csv');
    expect(r.visits[0]!.visit.entries.map((e) => e.modifiers)).toEqual([['GP', '59'], ['GP']]);
  });

  it('a line item with modifiers or minutes but no code column is refused with the columns named, never dropped silently', () => {
    const r = readExport(csv('Visit ID,Date,Payer,CPT 1,Min 1,Mod 1,CPT 2,Min 2,Mod 2,Min 3,Mod 3', 'W1,3/16/2026,Medicare,97110,30,GP,97140,8,GP,15,GP'), 'x.csv');
    expect(r.visits).toEqual([]);
    expect(r.errors[0]!.reason).toBe('cannot read line item 3: "Min 3", "Mod 3" have values but no column is its code (columns seen: "Visit ID", "Date", "Payer", "CPT 1", "Min 1", "Mod 1", "CPT 2", "Min 2", "Mod 2", "Min 3", "Mod 3")');
    // Empty ones are said in the report, and the file is read.
    const empty = readExport(csv('Visit ID,Date,Payer,CPT 1,Min 1,Mod 1,CPT 2,Min 2,Mod 2,Min 3,Mod 3', 'W1,3/16/2026,Medicare,97110,30,GP,97140,8,GP,,'), 'y.csv');
    expect(empty.visits).toHaveLength(1);
    expect(column(empty, 'Mod 3').role).toBeUndefined();
    expect(column(empty, 'Mod 3')).toMatchObject({ note: 'line item 3 has no code column: not read (empty in the first rows)' });
  });
});

describe('#11 h:mm:ss durations', () => {
  it('0:30:00 in a duration-named column is 30 minutes: 3 units billed is over-billed', () => {
    const r = readExport(
      csv('Visit ID,Patient,Date of Service,Payer,CPT,Duration (h:mm),Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,97110,0:38:00,2,GP', 'V2,Bob Ray,03/16/2026,Medicare,97110,0:30:00,3,GP'),
      'a2.csv',
    );
    expect(column(r, 'Duration (h:mm)')).toMatchObject({ role: 'minutes' });
    expect(r.visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([38, 30]);
    expect(rules(r.visits[0]!)).not.toContain('units.over-billed');
    expect(rules(r.visits[1]!)).toContain('units.over-billed');
  });

  it('parses h:mm:ss cells; a time of day with seconds in a "Time" column is still a clock (0:30:00 is not a clinic\'s time of day: a duration)', () => {
    expect(parseMinutesCell('0:30:00', false)).toEqual({ ok: true, minutes: 30 });
    expect(parseMinutesCell('1:05:30', false)).toEqual({ ok: true, minutes: 65.5 });
    expect(parseMinutesCell('0:61:00', false).ok).toBe(false);
    const r = readExport(csv('Visit ID,DOS,Payer,CPT,Time,Units', 'V1,03/16/2026,Medicare,97110,13:30:00,2'), 'x.csv');
    expect(column(r, 'Time').role).toBeUndefined();
    const d = readExport(csv('Visit ID,DOS,Payer,CPT,Time,Units', 'V1,03/16/2026,Medicare,97110,0:30:00,2'), 'x.csv');
    expect(column(d, 'Time').role).toBe('minutes');
  });
});

describe('#15 durations in hours', () => {
  it('"Duration (hrs)" holding 0.75 is never 0.75 minutes: the column is refused with why, and no false finding', () => {
    const r = readExport(
      csv('Visit ID,Patient,DOS,Payer,CPT,Duration (hrs),Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,97110,0.75,3,GP', 'V2,Bob Ray,03/16/2026,Medicare,97110,1.5,4,GP'),
      'f1.csv',
    );
    expect(r.visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([undefined, undefined]);
    expect(column(r, 'Duration (hrs)')).toMatchObject({ note: 'hours (0.75), not minutes: Unitwise reads minutes only; export minutes to check the 8-minute rule' });
    expect(column(r, 'Duration (hrs)').role).toBeUndefined();
    expect(r.report.notes).toContain('"Duration (hrs)" holds hours (0.75), not minutes: not read; export minutes to check the 8-minute rule');
    expect(r.visits.flatMap(rules)).not.toContain('units.over-billed');
    // Chosen, it is still refused: hours are not minutes.
    const chosen = readExport(csv('Visit ID,DOS,Payer,CPT,Hours,Units', 'V1,03/16/2026,Medicare,97110,0.75,3'), 'h.csv', { mapping: { minutes: 'Hours' } });
    expect(chosen.visits).toEqual([]);
    expect(chosen.errors[0]!.reason).toMatch(/^cannot use the mapping: "Hours" holds hours \(0\.75\), not minutes/);
  });

  it('"Hours" beside "Minutes" is said to be hours, and the minutes are read', () => {
    const r = readExport(csv('Visit ID,DOS,Payer,CPT,Hours,Minutes,Units', 'V1,03/16/2026,Medicare,97110,0.5,30,2'), 'x.csv');
    expect(column(r, 'Hours').note).toBe('hours (0.5), not minutes: Unitwise reads minutes only; export minutes to check the 8-minute rule');
    expect(r.visits[0]!.visit.entries[0]!.minutes).toBe(30);
  });
});

describe('#17 modifier columns by name and by content', () => {
  it('"CPT Mod", "Mod", "Mods", "Modifier(s)" are modifiers: a Medicare line without GP gets the missing-GP error', () => {
    for (const name of ['CPT Mod', 'Mod', 'Mods', 'Modifier(s)']) {
      const r = readExport(csv(`Visit ID,Patient,DOS,Payer,CPT,${name},Minutes,Units`, 'V1,Ann Lee,03/16/2026,Medicare,97110,,30,2', 'V1,Ann Lee,03/16/2026,Medicare,97140,GP,15,1'), 'o1.csv');
      expect(column(r, name)).toMatchObject({ role: 'modifiers', how: 'name' });
      expect(r.visits[0]!.visit.entries.map((e) => e.modifiers)).toEqual([[], ['GP']]);
      expect(rules(r.visits[0]!)).toContain('modifier.discipline-missing');
    }
  });

  it('a column whose name says nothing but holds therapy modifiers (GP, GO, 59, KX) is read as modifiers; a state column of CO is not', () => {
    const r = readExport(csv('Visit ID,DOS,Payer,CPT,Minutes,Units,Flags', 'V1,03/16/2026,Medicare,97110,30,2,GP KX', 'V1,03/16/2026,Medicare,97140,15,1,', 'V2,03/16/2026,Medicare,97140,15,1,GP 59'), 'x.csv');
    expect(column(r, 'Flags')).toMatchObject({ role: 'modifiers', how: 'content' });
    expect(r.visits[0]!.visit.entries.map((e) => e.modifiers)).toEqual([['GP', 'KX'], []]);
    const state = readExport(csv('Visit ID,DOS,Payer,CPT,Minutes,Units,St', 'V1,03/16/2026,Medicare,97110,30,2,CO', 'V2,03/16/2026,Medicare,97110,30,2,CO'), 'y.csv');
    expect(column(state, 'St').role).toBeUndefined();
    expect(state.visits[0]!.visit.entries[0]!.modifiers).toBeUndefined();
  });
});

describe('#4b an empty column does not win by its name', () => {
  it('an empty "Service Date" beside a filled "Date": the dates are read from "Date"', () => {
    const r = readExport(csv('Visit ID,Date,Service Date,Payer,CPT,Minutes,Units', 'V1,03/16/2026,,Medicare,97110,30,2'), 'x.csv');
    expect(r.visits[0]!.visit.dateOfService).toBe('2026-03-16');
    expect(column(r, 'Service Date').note).toBe('empty; "Date" is the date of service');
  });
});

describe('review of the time-column fixes', () => {
  const read = (header: string, ...times: string[]) => readExport([`Visit ID,Patient,Date of Service,Payer,CPT,${header},Units,Modifiers`, ...times.map((t, i) => `V${i + 1},P${i},03/16/2026,Medicare,97110,${t},2,GP`)].join('\n') + '\n', 'x.csv');
  it('"Time" holding 0:40: no appointment is at hour 0, so these are 40 minutes (was read as a duration before the fix, and must stay so)', () => {
    const { visits } = read('Time', '0:40', '0:25');
    expect(visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([40, 25]);
  });
  it('"Time (h:mm)" holding afternoon times: the format hint does not make them durations', () => {
    const { visits, report } = read('Time (h:mm)', '1:30', '2:15', '3:00', '4:45');
    expect(visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([undefined, undefined, undefined, undefined]);
    expect(report.columns.find((c) => c.name === 'Time (h:mm)')?.role).toBeUndefined();
  });
  it('"Treatment Time (h:mm)" holding 0:38 is 38 minutes', () => {
    const { visits } = read('Treatment Time (h:mm)', '0:38');
    expect(visits[0]!.visit.entries[0]!.minutes).toBe(38);
  });
});

describe('second review of the time-column fixes', () => {
  const read = (header: string, ...times: string[]) => readExport([`Visit ID,Patient,Date of Service,Payer,CPT,${header},Units,Modifiers`, ...times.map((t, i) => `V${i + 1},P${i},03/16/2026,Medicare,97110,${t},2,GP`)].join('\n') + '\n', 'x.csv');
  it('one 0:00 placeholder among appointment times does not make "Time" minutes', () => {
    const { visits } = read('Time', '9:00', '10:30', '14:15', '0:00');
    expect(visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([undefined, undefined, undefined, undefined]);
  });
  it.each(['Time (hh:mm)', 'Time (HH:MM)'])('"%s" of afternoon times is a time of day', (header) => {
    const { visits } = read(header, '1:30', '2:15', '3:00', '4:45');
    expect(visits.map((v) => v.visit.entries[0]!.minutes)).toEqual([undefined, undefined, undefined, undefined]);
  });
  it('"Treatment Time (hh:mm)" of 0:38 is 38 minutes', () => {
    expect(read('Treatment Time (hh:mm)', '0:38').visits[0]!.visit.entries[0]!.minutes).toBe(38);
  });
});

describe('red-team dd-hours.csv: a "Duration" of hours by its values', () => {
  const file = csv(
    'Visit ID,Patient,Date of Service,Payer,CPT,Duration,Units,Modifiers',
    'V1,Ann Lee,03/16/2026,Medicare,97110,0.75,3,GP',
    'V2,Bob Ray,03/16/2026,Medicare,97110,0.5,2,GP',
    'V3,Cy Doe,03/16/2026,Medicare,97110,1,4,GP',
    'V4,Di Fox,03/16/2026,Medicare,97110,1.25,5,GP',
  );

  it('0.75, 0.5, 1, 1.25 are refused as minutes, said with why and the --map, and no visit is told to bill 0 units', () => {
    const r = readExport(file, 'dd-hours.csv');
    expect(r.errors).toEqual([]);
    expect(column(r, 'Duration').role).toBeUndefined();
    expect(column(r, 'Duration').note).toBe('hours (0.75, 0.5, 1, 1.25), not minutes: Unitwise reads minutes only; export minutes to check the 8-minute rule');
    expect(r.report.notes).toContain(
      '"Duration" holds hours (0.75, 0.5, 1, 1.25), not minutes (every value 4 or less, in whole, half or quarter hours: read as minutes, no line would reach the 8 minutes of one unit): not read; export minutes to check the 8-minute rule; if they really are minutes: --map minutes="Duration"',
    );
    expect(r.report.minutes).toBe(false);
    expect(r.visits.flatMap(rules)).not.toContain('units.over-billed');
  });

  it('chosen with --map, the column is read as minutes (the way out), and whole small minutes are never hours', () => {
    expect(readExport(file, 'x.csv', { mapping: { minutes: 'Duration' } }).visits[0]!.visit.entries[0]!.minutes).toBe(0.75);
    const whole = readExport(csv('Visit ID,DOS,Payer,CPT,Duration,Units', 'V1,03/16/2026,Medicare,97110,3,1', 'V2,03/16/2026,Medicare,97110,2,1'), 'x.csv');
    expect(whole.visits[0]!.visit.entries[0]!.minutes).toBe(3);
    const minutes = readExport(csv('Visit ID,DOS,Payer,CPT,Duration,Units', 'V1,03/16/2026,Medicare,97110,7.5,1', 'V2,03/16/2026,Medicare,97110,0.5,1'), 'x.csv');
    expect(minutes.visits[0]!.visit.entries[0]!.minutes).toBe(7.5);
  });
});

describe('two columns of the same name (the red team\'s m-dupunits.csv)', () => {
  it('the report offers the column number (--map units=#8), which a name cannot pick, and #8 reads that column', () => {
    const text = csv('Encounter ID,Patient Name,Service Date,Primary Insurance,Procedure Code,Units,Minutes,Units', 'E1,Ann Lee,03/16/2026,Medicare,97110,4,45,3');
    const r = readExport(text, 'm.csv');
    expect(r.report.columns[7]!.note).toBe('also named like the units; "Units" in column 6 was used (the left-most); to use this one: --map units=#8');
    expect(r.report.notes).toContain('two columns could be the units: "Units" in column 6 (used) and "Units" in column 8 (not used); if "Units" in column 8 is the right one: --map units=#8');
    expect(readExport(text, 'm.csv', { mapping: { units: '#8' } }).visits[0]!.visit.entries[0]!.units).toBe(3);
  });
});
