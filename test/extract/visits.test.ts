// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import { personName, visitIdentity } from '../../lib/extract/visits';
import { evaluate } from '../../lib/rules/evaluate';
import { mutate } from '../live/mutate';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

// How a page's rows are split into visits, on the layouts EHRs use.

const OPTIONS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);
const HEAD = '<thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead>';
const row = (label: string, code: string, min: number, units = 1, editable = true) =>
  editable ? `<tr><td>${label}</td><td>${code}</td><td><input value="${min}"></td><td><input value="${units}"></td></tr>` : `<tr><td>${label}</td><td>${code}</td><td>${min}</td><td>${units}</td></tr>`;

/** A row of today's lines already signed: its inputs disabled. */
const locked = (label: string, code: string, min: number, units = 1) =>
  `<tr><td>${label}</td><td>${code}</td><td><input value="${min}" disabled></td><td><input value="${units}" disabled></td></tr>`;

function read(html: string) {
  document.body.innerHTML = html;
  const session = new PageSession(document, () => OPTIONS);
  const update = session.flush()!;
  return { session, list: update.list ?? [], visits: update.visits, notes: update.notes };
}

describe('visitIdentity', () => {
  it('a header names a visit by a date, a visit word or a time of day; section names do not', () => {
    expect(visitIdentity('Visit 3')).toBe('visit 3');
    expect(visitIdentity('Nguyen, Thomas — 11/20/2026')).not.toBeNull();
    expect(visitIdentity('Encounter #4471')).not.toBeNull();
    expect(visitIdentity('Timed services')).toBeNull();
    expect(visitIdentity('Untimed codes')).toBeNull();
    // Two parts of one visit's form, each with the date, are the same visit.
    expect(visitIdentity('Timed services 11/20/2026')).toBe(visitIdentity('Untimed services 11/20/2026'));
    // A person named; a section about patients is not one.
    expect(visitIdentity('Patient: Alice Adams')).not.toBe(visitIdentity('Patient: Bob Brown'));
    expect(visitIdentity('Client name: Bob Brown')).not.toBeNull();
    expect(visitIdentity('Patient education')).toBeNull();
    for (const section of ['Patient: response to treatment', 'Client: goals', 'Patient: education & home program', 'Patient name:']) expect(visitIdentity(section), section).toBeNull();
    expect(visitIdentity('Patient: Adams, Alice')).not.toBeNull();
    expect(visitIdentity('Resident #12')).not.toBeNull();
  });
});

describe('facts in a visit\'s own box', () => {
  it("a payer shown above a visit's heading, in the visit's section, is that visit's, not the visit's before", () => {
    const section = (who: string, payer: string, time: string, code: string) =>
      `<section class="appt"><p>Patient: ${who} · Payer: ${payer}</p><h2>Visit — 11/02/2026 ${time}</h2><table>${HEAD}<tbody>${row('Ther ex', code, 23, 2)}</tbody></table></section>`;
    const r = read(section('Alice Adams', 'Medicare Part B', '09:00 AM', '97110') + section('Bob Brown', 'Aetna', '10:00 AM', '97112'));
    expect(r.visits.map((v) => [v.visit.entries[0]!.code, v.visit.payer])).toEqual([
      ['97110', 'Medicare Part B'],
      ['97112', 'Aetna'],
    ]);
  });
});

describe('two patients on one page', () => {
  it('a co-treatment note with a table per patient ("Patient: …" headings) gives a visit each, never one visit of both', () => {
    const r = read(`
      <h1>Co-treatment note — group session</h1>
      <h2>Patient: Alice Adams</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 10)}</tbody></table>
      <h2>Patient: Bob Brown</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 10)}</tbody></table>`);
    expect(r.list.map((v) => [v.label, v.entries])).toEqual([
      ['Patient: Alice Adams', 1],
      ['Patient: Bob Brown', 1],
    ]);
  });

  it('two patients under one dated heading, each under "Patient: …", are two visits', () => {
    const r = read(`
      <h1>Co-treatment note — 11/20/2026</h1>
      <h2>Patient: Alice Adams</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 10)}</tbody></table>
      <h2>Patient: Bob Brown</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 10)}</tbody></table>`);
    expect(r.list.map((v) => v.label)).toEqual(['Patient: Alice Adams', 'Patient: Bob Brown']);
  });

  it("inside a visit named by its date, a part headed with the patient's name is a part of it, not another visit", () => {
    const r = read(`
      <h2>Visit — 11/02/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 10)}</tbody></table>
      <h3>Patient: Alice Adams — untimed codes</h3><table>${HEAD}<tbody>${row('Neuro re-ed', '97112', 10)}</tbody></table>
      <h3>Patient: response to treatment</h3><table>${HEAD}<tbody>${row('Gait training', '97116', 5)}</tbody></table>`);
    expect(r.list).toHaveLength(1);
    expect(r.visits[0]!.visit.entries.map((e) => e.code)).toEqual(['97110', '97112', '97116']);
  });

  it("two patients' notes of one date, each naming the patient above its heading in its own section, are two visits with their own payers", () => {
    const note = (who: string, payer: string, code: string) =>
      `<section><p>Patient: ${who} · Payer: ${payer}</p><h2>Daily note — 11/02/2026</h2><table>${HEAD}<tbody>${row('Ther ex', code, 38, 3)}</tbody></table></section>`;
    const r = read(note('Alice Adams', 'Medicare Part B', '97110') + note('Bob Brown', 'Aetna', '97112'));
    expect(r.visits.map((v) => [v.visit.payer, v.visit.entries.map((e) => e.code)])).toEqual([
      ['Medicare Part B', ['97110']],
      ['Aetna', ['97112']],
    ]);
  });

  it("a card per patient under the same undated heading, the patient named in a line below it, is a visit each, with the card's payer (red team b1/b2)", () => {
    const card = (who: string, payer: string, above: boolean) => {
      const line = `<p>Patient: ${who} · Payer: ${payer}</p>`;
      return `<section class="card">${above ? line : ''}<h2>Daily note</h2>${above ? '' : line}<table>${HEAD}<tbody>${row('Ther ex', '97110', 10)}</tbody></table></section>`;
    };
    for (const above of [false, true]) {
      const r = read(`<h1>Today's schedule</h1>${card('Ann Smith', 'Medicare Part B', above)}${card('Bob Jones', 'Aetna', above)}`);
      expect(r.visits.map((v) => [v.visit.payer, v.visit.entries.length])).toEqual([
        ['Medicare Part B', 1],
        ['Aetna', 1],
      ]);
    }
    // The same patient's two cards (timed, untimed) stay one visit.
    const part = (title: string, code: string) => `<section><h2>${title}</h2><p>Patient: Ann Smith</p><table>${HEAD}<tbody>${row('x', code, 10)}</tbody></table></section>`;
    expect(read(part('Timed codes', '97110') + part('Untimed codes', '97012')).list).toHaveLength(1);
  });

  it('a "Patient education" section of one visit stays in it', () => {
    const r = read(`
      <h1>Daily note — 11/20/2026</h1>
      <h3>Treatment</h3><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}</tbody></table>
      <h3>Patient education</h3><table>${HEAD}<tbody>${row('Self-care training', '97535', 10)}</tbody></table>`);
    expect(r.list).toHaveLength(1);
    expect(r.visits[0]!.visit.entries.map((e) => e.code)).toEqual(['97110', '97535']);
  });
});

describe('parts that name a person only (red team a1, a2, b3, b4, b5, b6)', () => {
  const over = (r: ReturnType<typeof read>) => r.visits.some((v) => evaluate(v.visit).findings.some((f) => f.rule === 'units.over-billed'));
  const table = (...lines: string[]) => `<table>${HEAD}<tbody>${lines.join('')}</tbody></table>`;

  it('personName: "Last, First" or "First Last", with a time or a record number; not a section of the form', () => {
    expect(personName('Smith, Ann')).toBe('ann smith');
    expect(personName('Ann Smith')).toBe('ann smith');
    expect(personName('Smith, Ann (#40211)')).toBe('ann smith');
    expect(personName('9:00 – Smith, Ann')).toBe('ann smith');
    expect(personName("O'Brien-Smith, Mary Ann")).toBe("mary ann o'brien-smith");
    // A group row or banner naming the patient beside a payer or an age (red team, live reader: E).
    expect(personName('Lee, Ann — Medicare Part B')).toBe('ann lee');
    expect(personName('Ray, Bob (Aetna)')).toBe('bob ray');
    expect(personName('Lee, Ann · Medicare Part B')).toBe('ann lee');
    expect(personName('Ann Lee, 78F')).toBe('ann lee');
    for (const section of ['Therapeutic exercise — Medicare', 'Balance (Medicare)', 'Manual Therapy - Aetna'])
      expect(personName(section), section).toBeUndefined();
    // Surnames with lower-case particles, either way round, are one person.
    expect(personName('de la Cruz, Maria')).toBe('maria de la cruz');
    expect(personName('Maria de la Cruz')).toBe('maria de la cruz');
    expect(personName('van der Berg, Jan')).toBe('jan van der berg');
    expect(personName('Ana da Silva (#40211)')).toBe('ana da silva');
    for (const section of ['de la Cruz', 'la Balance', 'Range of Motion', 'Sit to Stand', 'Activities of Daily Living', 'de Quervain'])
      expect(personName(section), section).toBeUndefined();
    // A suffix is outside the name's shape but part of who it is; beside a payer or record number, a surname may be a
    // word of the form (red team, 2026-12-04: these merged two patients into one visit).
    const named: [string, string][] = [
      ['Ray Jr., Robert — Aetna', 'robert ray jr'],
      ['Ray, Robert Jr.', 'robert ray jr'],
      ['Robert Ray III (#40211)', 'robert ray iii'],
      ['Walker, Mary — Aetna', 'mary walker'],
      ['Gross, Helen · MRN 1002', 'helen gross'],
      ['Hand, Mary (Medicare Part B)', 'mary hand'],
      ['Mary Walker · DOB 03/04/1941', 'mary walker'],
    ];
    for (const [banner, name] of named) expect(personName(banner), banner).toBe(name);
    // (The reader's intervention phrases: a walker is gait training's; beside a payer, Walker is a surname.)
    const phrases = (t: string) => /\bwalker\b|\bther(?:apeutic)? ex/i.test(t);
    expect(personName('Walker, Mary — Aetna', phrases)).toBe('mary walker');
    expect(personName('Walker, Mary', phrases)).toBeUndefined();
    expect(personName('Ther Ex — Medicare', phrases)).toBeUndefined();
    for (const section of ['Balance, Gait — Medicare', 'Hamstrings, Quads (Aetna)', 'Left Knee — Aetna', 'Pelvic Floor · Medicare Part B', 'Manual Therapy - Aetna'])
      expect(personName(section), section).toBeUndefined();
    for (const section of ['Balance, Gait', 'Strength, ROM', 'Manual Therapy', 'Exercises, Home program', 'Left Knee', 'Home Program', 'Daily Note', 'Timed Services', 'Jane Doe, PT', 'Day sheet', 'Smith', 'Gross Motor', 'Visual Perception', 'Work Hardening', 'Canalith Repositioning', 'Pelvic Floor', 'Deep Tissue', 'Cardiac Rehab', 'Fall Prevention', 'Dressing, Bathing', 'Hamstrings, Quads', 'Scapular Stabilization', 'Lymphedema Management', 'Clinical Impression', 'Vital Signs'])
      expect(personName(section), section).toBeUndefined();
  });

  it("a section per patient headed by the name only, under a dated heading: a visit each, no false over-billing (a1)", () => {
    // 10 + 13 minutes, 2 units each: right for each patient; 46 minutes read as one visit support 3 units, not 4.
    const pt = (who: string, code: string) => `<section class="pt"><h3>${who}</h3><p>Payer: Medicare Part B</p>${table(row('Ther ex', '97110', 10), row('x', code, 13))}</section>`;
    const r = read(`<h1>PT Day sheet — 03/16/2026</h1>${pt('Smith, Ann', '97140')}${pt('Jones, Bob', '97116')}`);
    expect(r.list.map((v) => [v.label, v.entries])).toEqual([
      ['Smith, Ann', 2],
      ['Jones, Bob', 2],
    ]);
    expect(over(r)).toBe(false);
    // One table, a group row per patient naming the payer too: before, Ann's and Bob's lines were one visit (60 min, "bill 4").
    const body = (who: string, lines: string) => `<tbody><tr class="grp"><th colspan="4">${who}</th></tr>${lines}</tbody>`;
    const pairs: [string, string][] = [['Lee, Ann — Medicare Part B', 'Ray, Bob — Aetna'], ['Lee, Ann (Medicare Part B)', 'Ray, Bob (Aetna)'], ['Ann Lee, 78F', 'Bob Ray, 80M']];
    for (const [ann, bob] of pairs) {
      const grouped = read(`<h1>Day sheet — 11/02/2026</h1><table>${HEAD}${body(ann, row('Ther ex', '97110', 10) + row('Manual', '97140', 10))}${body(bob, row('Ther ex', '97110', 40, 3))}</table>`);
      expect(grouped.visits.map((v) => v.visit.entries.map((e) => `${e.code}:${e.minutes}`)), ann).toEqual([['97110:10', '97140:10'], ['97110:40']]);
    }
    // The payer a group row names is its visit's (before: each visit said its payer was missing), over the page's banner.
    const payers = read(`<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD}${body('Lee, Ann — Medicare Part B', row('Ther ex', '97110', 10))}${body('Ray, Bob (Aetna)', row('Ther ex', '97110', 40, 3))}${body('Cole, Dee', row('Ther ex', '97110', 23, 2))}</table>`);
    expect(payers.visits.map((v) => v.visit.payer)).toEqual(['Medicare Part B', 'Aetna', 'Medicare Part B']);
    expect(payers.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-11-02', '2026-11-02', '2026-11-02']);
    expect(payers.visits[1]!.notes.join(' ')).toContain('Payer Aetna taken from this visit\'s heading');
    // A section heading that names a payer but no patient gives none ("Therapeutic exercise — Medicare" is no patient's).
    expect(read(`<h1>Therapeutic exercise — Aetna</h1><p>Payer: Medicare Part B</p><table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}</tbody></table>`).visits[0]!.visit.payer).toBe('Medicare Part B');
    // Names with lower-case particles: before, both were one visit (46 min, "over-billed").
    const particles = read(`<h1>PT Day sheet — 03/16/2026</h1>${pt('de la Cruz, Maria', '97140')}${pt('van der Meer, Jan', '97116')}`);
    expect(particles.list.map((v) => [v.label, v.entries])).toEqual([
      ['de la Cruz, Maria', 2],
      ['van der Meer, Jan', 2],
    ]);
    expect(over(particles)).toBe(false);
  });

  it('a fieldset per patient, its legend the name (a2); a name with a record number or an appointment time (b5, b6)', () => {
    const fs = (who: string) => `<fieldset><legend>${who}</legend>${table(row('Ther ex', '97110', 10))}</fieldset>`;
    expect(read(`<h1>Daily charges 03/16/2026</h1><form>${fs('Ann Smith')}${fs('Bob Jones')}</form>`).list.map((v) => v.label)).toEqual(['Ann Smith', 'Bob Jones']);
    for (const [a, b] of [['Smith, Ann (#40211)', 'Jones, Bob (#40388)'], ['9:00 – Smith, Ann', '9:45 – Jones, Bob']]) {
      const r = read(`<h1>Day sheet 03/16/2026</h1><section><h3>${a}</h3>${table(row('Ther ex', '97110', 10))}</section><section><h3>${b}</h3>${table(row('Ther ex', '97110', 10))}</section>`);
      expect(r.list.map((v) => v.label)).toEqual([a, b]);
      expect(over(r)).toBe(false);
    }
  });

  it("a card per patient, the name in a plain line atop it (b3): a visit each, with the card's payer", () => {
    const card = (who: string, payer: string, code: string) => `<div class="card"><div class="pt-name">${who}</div><div>Payer: ${payer}</div>${table(row('x', code, 10))}</div>`;
    const r = read(`<h1>Day sheet 03/16/2026</h1>${card('Smith, Ann', 'Medicare Part B', '97110')}${card('Jones, Bob', 'Aetna', '97140')}`);
    expect(r.visits.map((v) => [v.visit.payer, v.visit.entries.map((e) => e.code)])).toEqual([
      ['Medicare Part B', ['97110']],
      ['Aetna', ['97140']],
    ]);
    // Each card by its patient; the heading above every card is the day's, not the first card's
    // (it named Ann's only, and Bob's visit had no date).
    expect(r.list.map((v) => v.label)).toEqual(['Smith, Ann', 'Jones, Bob']);
  });

  it("a patient banner atop each card or tab, \"Lee, Ann · DOB 03/04/1941 · MRN 1001\", under the same dated heading: a visit each, never both patients in one (red team e1)", () => {
    expect(personName('Lee, Ann · DOB 03/04/1941 · MRN 1001')).toBe('ann lee');
    expect(personName('Ann Lee | MRN 12345 | Medicare Part B')).toBe('ann lee');
    expect(personName('MRN 12345 · Ann Lee · 78 y/o')).toBe('ann lee');
    expect(personName('Manual Therapy · 97140')).toBeUndefined();
    const tab = (banner: string, payer: string, min: number, units: number) =>
      `<div role="tabpanel"><div class="banner">${banner}</div><h2>Daily note — 11/02/2026</h2><p>Payer: ${payer}</p>${table(row('Ther ex', '97110', min, units))}</div>`;
    const r = read(tab('Lee, Ann · DOB 03/04/1941 · MRN 1001', 'Medicare Part B', 10, 1) + tab('Ray, Bob · DOB 05/06/1950 · MRN 1002', 'Aetna', 40, 3));
    // Before the fix: one visit of both patients' lines (50 minutes, 4 units), its payer Ann's Medicare.
    expect(r.list.map((v) => [v.label, v.entries])).toEqual([
      ['Lee, Ann · Daily note — 11/02/2026', 1],
      ['Ray, Bob · Daily note — 11/02/2026', 1],
    ]);
    // (The birth date in the banner is no date of the visit's.)
    expect(r.visits.map((v) => [v.visit.payer, v.visit.dateOfService])).toEqual([
      ['Medicare Part B', '2026-11-02'],
      ['Aetna', '2026-11-02'],
    ]);
    const card = (banner: string, code: string, min: number) => `<div class="card"><div class="card-header">${banner}</div><details open><summary>Charges</summary>${table(row('x', code, min))}</details></div>`;
    const cards = read(`<h1>Today's visits</h1>${card('Ann Lee · MRN 12345 · Medicare Part B', '97110', 10)}${card('Bob Ray · MRN 67890 · Aetna', '97140', 40)}`);
    expect(cards.visits.map((v) => v.visit.entries.map((e) => e.code))).toEqual([['97110'], ['97140']]);
  });

  it('a separator row per patient inside one table, naming the patient only (b4)', () => {
    const sep = (who: string) => `<tr><td colspan="4"><b>${who}</b></td></tr>`;
    const r = read(`<h1>Day sheet 03/16/2026</h1><p>Payer: Medicare Part B</p>${table(sep('Smith, Ann'), row('Ther ex', '97110', 10), sep('Jones, Bob'), row('Ther ex', '97110', 10))}`);
    // Each labelled with the table's heading too, as a table split by its Patient cells is: its date is theirs.
    expect(r.list.map((v) => [v.label, v.entries])).toEqual([
      ['Smith, Ann · Day sheet 03/16/2026', 1],
      ['Jones, Bob · Day sheet 03/16/2026', 1],
    ]);
    expect(r.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-03-16', '2026-03-16']);
    expect(over(r)).toBe(false);
  });

  it("a name heading edited in place (the page shows the next patient) groups the page again", async () => {
    const pt = (who: string) => `<section><h3>${who}</h3>${table(row('Ther ex', '97110', 10))}</section>`;
    const { session, list } = read(pt('Smith, Ann') + pt('Jones, Bob'));
    expect(list).toHaveLength(2);
    const records = await mutate(() => (document.querySelectorAll('h3')[1]!.firstChild!.textContent = 'Smith, Ann'));
    session.mutations(records, () => false);
    expect(session.flush()!.list!.map((v) => [v.label, v.entries])).toEqual([['Smith, Ann', 2]]);
  });

  describe('never split one visit (its minutes counted apart would change its units)', () => {
    const oneVisit = (html: string, codes: string[]) => {
      const r = read(html);
      expect(r.list).toHaveLength(1);
      expect(r.visits[0]!.visit.entries.map((e) => e.code)).toEqual(codes);
    };
    it('sections headed by intervention categories: "Balance, Gait" and "Strength, ROM"; "Manual Therapy" and "Therapeutic Exercise"; "Exercises, Home program"', () => {
      for (const [a, b] of [['Balance, Gait', 'Strength, ROM'], ['Manual Therapy', 'Therapeutic Exercise'], ['Exercises, Home program', 'Left Knee'], ['Cold Pack', 'Hot Pack'], ['Pelvic Floor', 'Deep Tissue'], ['Cardiac Rehab', 'Fall Prevention'], ['Dressing, Bathing', 'Hamstrings, Quads'], ['Scapular Stabilization', 'Lymphedema Management']])
        oneVisit(`<h1>Daily note — 03/16/2026</h1><section><h3>${a}</h3>${table(row('Ther ex', '97110', 8))}</section><section><h3>${b}</h3>${table(row('Gait training', '97116', 8))}</section>`, ['97110', '97116']);
    });
    it('a single section named by the patient beside one that names no one: a name alone splits nothing', () => {
      oneVisit(`<section><h3>Smith, Ann</h3>${table(row('Ther ex', '97110', 8))}</section><section><h3>Untimed codes</h3>${table(row('Hot pack', '97010', 8))}</section>`, ['97110', '97010']);
      oneVisit(`<h1>Daily note — 03/16/2026</h1><section><h3>Smith, Ann</h3>${table(row('Ther ex', '97110', 8))}</section><section><h3>Exercises, Home program</h3>${table(row('Gait training', '97116', 8))}</section>`, ['97110', '97116']);
    });
    it('category rows inside one table ("Balance, Gait", "Strength, ROM"); one row naming the patient', () => {
      const sep = (t: string) => `<tr><td colspan="4">${t}</td></tr>`;
      oneVisit(`<h1>Daily note — 03/16/2026</h1>${table(sep('Balance, Gait'), row('Gait training', '97116', 8), sep('Strength, ROM'), row('Ther ex', '97110', 8))}`, ['97116', '97110']);
      oneVisit(`<h1>Daily note — 03/16/2026</h1>${table(sep('Smith, Ann'), row('Gait training', '97116', 8), row('Ther ex', '97110', 8))}`, ['97116', '97110']);
    });
  });
});

describe('a note row between one visit\'s lines (red team e3)', () => {
  const head = '<thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead>';
  const line = (label: string, code: string, min: number) => `<tr><td>${label}</td><td>${code}</td><td>${min}</td><td>1</td></tr>`;
  const note = (text: string) => `<tr class="note"><td colspan="4">${text}</td></tr>`;
  const page = (between: string) => read(`<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${head}<tbody>${line('Ther ex', '97110', 10)}${between}${line('Gait training', '97116', 10)}</tbody></table>`);

  it('a remark that says "session", "visit" or a time is no visit\'s name: the lines around it stay one visit, with its payer', () => {
    for (const text of ['Pt tolerated session well, no increase in pain.', 'Note: c/o pain during 97110; hold 97140 next visit', 'Hold ther ex next visit if pain &gt; 6/10', 'Performed in clinic gym with 2:1 assist at 10:30 AM']) {
      const r = page(note(text));
      // Before the fix: two visits, the second named by the note, with no payer and no date; 10 + 10 minutes at 1 + 1 unit was never checked as 20 minutes (1 unit).
      expect(r.list.map((v) => v.entries), text).toEqual([2]);
      expect(r.visits[0]!.visit.payer).toBe('Medicare Part B');
      expect(evaluate(r.visits[0]!.visit).findings.map((f) => f.rule), text).toContain('units.over-billed');
    }
  });

  it('a separator row naming a visit by its date, number or time still splits, its remarks in brackets or a word or two beside it', () => {
    for (const text of ['Visit 2 — 11/03/2026 (signed and locked by Jane Doe, PT)', 'Visit on 11/03/2026 at 10:00 am', 'Session 2 — 2:00 PM — signed'])
      expect(page(note(text)).list.map((v) => v.entries), text).toEqual([1, 1]);
  });
});

describe('groupVisits through the page session', () => {
  it('flat headings and tables (no sections): each heading starts a visit', () => {
    const r = read(`
      <h2>Visit 1 — 11/02/2026</h2><p>Payer: Medicare Part B</p><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}${row('Gait training', '97116', 15)}</tbody></table>
      <h2>Visit 2 — 11/04/2026</h2><p>Payer: Aetna</p><table>${HEAD}<tbody>${row('Manual therapy', '97140', 30, 2)}</tbody></table>`);
    expect(r.list.map((v) => [v.key, v.label, v.entries])).toEqual([
      ['v1', 'Visit 1 — 11/02/2026', 2],
      ['v2', 'Visit 2 — 11/04/2026', 1],
    ]);
    expect(r.visits.map((v) => [v.visit.payer, v.visit.entries.map((e) => e.code)])).toEqual([
      ['Medicare Part B', ['97110', '97116']],
      ['Aetna', ['97140']],
    ]);
  });

  it('one table with a separator row per visit (a day sheet): split at each separator', () => {
    const r = read(`<table>${HEAD}<tbody>
      <tr class="group"><th colspan="4">Nguyen, Thomas — 10:00 AM</th></tr>${row('Ther ex', '97110', 23)}${row('Neuro re-ed', '97112', 24)}
      <tr class="group"><th colspan="4">Okafor, Ada — 11:00 AM</th></tr>${row('Gait training', '97116', 30, 2)}</tbody></table>`);
    expect(r.list.map((v) => [v.label, v.entries])).toEqual([
      ['Nguyen, Thomas — 10:00 AM', 2],
      ['Okafor, Ada — 11:00 AM', 1],
    ]);
  });

  it('a group row with a select-all checkbox or a read-only date field still separates visits (red team d1/d4)', () => {
    const group = (inner: string) => `<tr class="group"><td colspan="4">${inner}</td></tr>`;
    for (const [a, b] of [
      ['<input type="checkbox" aria-label="Select"> Visit 1 — 03/16/2026', '<input type="checkbox" aria-label="Select"> Visit 2 — 03/17/2026'],
      ['Visit — DOS <input type="date" value="2026-03-16" readonly>', 'Visit — DOS <input type="date" value="2026-03-17" readonly>'],
    ]) {
      const r = read(`<h1>Charges</h1><table>${HEAD}<tbody>${group(a!)}${row('Ther ex', '97110', 10)}${group(b!)}${row('Ther ex', '97110', 10)}</tbody></table>`);
      expect(r.list.map((v) => v.entries)).toEqual([1, 1]);
    }
    // A row with a field the user types a line's value in is a line, never a separator.
    const r = read(`<h1>Charges</h1><table>${HEAD}<tbody>${row('Ther ex', '97110', 10)}<tr><td colspan="4">Visit 2 — 03/17/2026 <input value=""></td></tr>${row('Ther ex', '97110', 10)}</tbody></table>`);
    expect(r.list).toHaveLength(1);
  });

  it('a group row of three cells, an expander, its label spanning columns and an "Edit" link, separates visits (red team d2)', () => {
    const head = '<thead><tr><th></th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th></th></tr></thead>';
    const line = (min: number) => `<tr><td></td><td>Ther ex</td><td>97110</td><td><input value="${min}"></td><td><input value="1"></td><td></td></tr>`;
    const group = (label: string) => `<tr class="group"><td><button>▾</button></td><td colspan="4">${label}</td><td><a href="#">Edit</a></td></tr>`;
    const r = read(`<h1>Charges — Smith, Ann</h1><table>${head}<tbody>${group('Visit 1 — 03/16/2026')}${line(10)}${group('Visit 2 — 03/17/2026')}${line(10)}</tbody></table>`);
    expect(r.list.map((v) => [v.label, v.entries])).toEqual([
      ['Visit 1 — 03/16/2026', 1],
      ['Visit 2 — 03/17/2026', 1],
    ]);
    // Two cells that say something (a line's label and its note) make no group row, even spanning columns.
    const two = read(`<h1>Charges</h1><table>${head}<tbody>${line(10)}<tr><td></td><td colspan="3">Visit 2 — 03/17/2026</td><td>signed</td><td></td></tr>${line(10)}</tbody></table>`);
    expect(two.list).toHaveLength(1);
  });

  it('a group row whose label leaves cells of its own (an empty Units cell, its lines\' minutes, an "Edit" link under Modifiers) separates visits and is no line (red team d2, variants)', () => {
    const head = '<thead><tr><th></th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>';
    const line = '<tr><td></td><td>Therapeutic exercise</td><td><input value="97110"></td><td><input value="10"></td><td><input value="1"></td><td><input value="GP"></td></tr>';
    const edit = '<td><a href="#">Edit</a></td>';
    const variants: [string, (date: string) => string][] = [
      ['label over Intervention, CPT and Minutes; Units empty', (d) => `<tr><td><button>▾</button></td><td colspan="3">Visit — ${d}</td><td></td>${edit}</tr>`],
      ['label over Intervention and CPT; the lines\' 10 minutes rolled up; Units empty', (d) => `<tr><td><button>▾</button></td><td colspan="2">Visit — ${d}</td><td>10</td><td></td>${edit}</tr>`],
      ['the date alone in the Intervention cell, beside an expander', (d) => `<tr><td><button>▾</button></td><td>${d}</td><td></td><td></td><td></td>${edit}</tr>`],
    ];
    for (const [name, group] of variants) {
      const r = read(`<h1>Charges — Smith, Ann</h1><p>Payer: Medicare Part B</p><table>${head}<tbody>${group('03/16/2026')}${line}${group('03/17/2026')}${line}</tbody></table>`);
      // Before: one visit of four lines, two of them code-less "lines" named by a date, and "EDIT" read as a modifier.
      expect(r.visits.map((v) => v.visit.dateOfService), name).toEqual(['2026-03-16', '2026-03-17']);
      expect(r.visits.map((v) => v.visit.entries.map((e) => `${e.code}:${e.minutes}:${e.units}`)), name).toEqual([['97110:10:1'], ['97110:10:1']]);
      expect(r.visits.flatMap((v) => v.notes).join(' '), name).not.toContain('EDIT');
    }
    // Still lines: a dated row with a code, and a dated row the user types its minutes in.
    const dated = read(`<h1>Charges — 03/16/2026</h1><table>${head}<tbody><tr><td><button>▾</button></td><td>03/16/2026</td><td>97110</td><td>10</td><td>1</td>${edit}</tr><tr><td><button>▾</button></td><td>03/16/2026</td><td></td><td><input value="10"></td><td></td>${edit}</tr>${line}</tbody></table>`);
    expect(dated.visits.map((v) => v.visit.entries.map((e) => `${e.code}:${e.minutes}`))).toEqual([['97110:10', 'undefined:10', '97110:10']]);
  });

  it("an ARIA treegrid's date rows (aria-level 1, their lines' minutes rolled up) separate visits and are never read as lines (red team d3)", () => {
    const cells = (...c: string[]) => c.map((t) => `<div role="gridcell">${t}</div>`).join('');
    const group = (at: number, date: string) => `<div role="row" aria-rowindex="${at}" aria-level="1" aria-expanded="true">${cells(date, '', '10', '1')}</div>`;
    const line = (at: number) => `<div role="row" aria-rowindex="${at}" aria-level="2">${cells('Therapeutic exercise', '97110', '10', '1')}</div>`;
    const head = `<div role="row" aria-rowindex="1">${['Intervention', 'CPT', 'Minutes', 'Units'].map((c) => `<div role="columnheader">${c}</div>`).join('')}</div>`;
    const r = read(`<h1>Charges — Smith, Ann</h1><p>Payer: Medicare Part B</p><div role="treegrid" aria-rowcount="5">${head}${group(2, '03/16/2026')}${line(3)}${group(4, '03/17/2026')}${line(5)}</div>`);
    expect(r.list.map((v) => v.label)).toEqual(['03/16/2026', '03/17/2026']);
    expect(r.visits.map((v) => v.visit.entries.map((e) => `${e.code}:${e.minutes}`))).toEqual([['97110:10'], ['97110:10']]);
    // Every row of the grid was read: the date rows are no rows left unread.
    expect(r.visits.map((v) => v.visit.incomplete)).toEqual([undefined, undefined]);
    // A collapsed date: its lines are not on the page, and the page says so rather than reading its total as a line.
    const shut = read(`<h1>Charges — Smith, Ann</h1><div role="treegrid">${head}${group(2, '03/16/2026')}${line(3)}${group(4, '03/17/2026').replace('aria-expanded="true"', 'aria-expanded="false"')}</div>`);
    expect(shut.visits.map((v) => v.visit.entries.map((e) => `${e.code}:${e.minutes}`))).toEqual([['97110:10']]);
    expect(shut.notes.join(' ')).toContain("collapsed (“03/17/2026”): their lines are not on the page and were not read");
    // A group row holding a code is a line (its sub-rows its details): kept.
    const coded = read(`<h1>Daily note — 03/16/2026</h1><div role="treegrid">${head}<div role="row" aria-level="1" aria-expanded="true">${cells('Therapeutic exercise', '97110', '23', '2')}</div><div role="row" aria-level="2">${cells('Bridges 3x10', '', '', '')}</div></div>`);
    expect(coded.visits[0]!.visit.entries[0]).toMatchObject({ code: '97110', minutes: 23 });
    // Its name-only sub-row describes that line ("Bridges 3x10"): no line of its own, so no "code missing" for it (red team, left from d3).
    expect(coded.visits[0]!.visit.entries).toHaveLength(1);
    // A name-only row under a date row (no code above it) is a line the user left without a code: kept, so the rules say so.
    const bare = read(`<h1>Daily note</h1><div role="treegrid">${head}${group(2, '03/16/2026')}${line(3)}<div role="row" aria-rowindex="4" aria-level="2">${cells('Gait training', '', '', '')}</div></div>`);
    expect(bare.visits[0]!.visit.entries.map((e) => e.code ?? e.label)).toEqual(['97110', 'Gait training']);
  });

  it('a timed and an untimed table of one visit stay one visit', () => {
    const r = read(`
      <h1>Daily note — 11/20/2026</h1><p>Payer: Medicare Part B</p>
      <div class="panel"><h3>Timed services</h3><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}</tbody></table></div>
      <div class="panel"><h3>Untimed services</h3><table>${HEAD}<tbody>${row('Hot pack', '97010', 10)}</tbody></table></div>`);
    expect(r.list).toHaveLength(1);
    expect(r.visits[0]!.visit.entries.map((e) => e.code)).toEqual(['97110', '97010']);
    expect(r.visits[0]!.visit.payer).toBe('Medicare Part B');
  });

  it('two sections of one visit, each headed with the date, stay one visit; "prior auth" is not history; a running total is no visit', () => {
    const r = read(`
      <h3>Therapeutic procedures — 11/20/2026</h3><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}</tbody></table>
      <h3>Modalities — 11/20/2026 (prior auth on file)</h3><table>${HEAD}<tbody>${row('Hot pack', '97010', 10)}
        <tr><td colspan="4">Timed total 0:23</td></tr></tbody></table>`);
    expect(r.list.map((v) => [v.history, v.entries])).toEqual([[false, 2]]);
  });

  it("a read-only history table below today's form is history: listed, never mixed into today's visit", () => {
    const r = read(`
      <p>Payer: Medicare Part B · Date of service: 11/20/2026</p>
      <table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}${row('Neuro re-ed', '97112', 24)}</tbody></table>
      <h2>Previous visits</h2>
      <table>${HEAD}<tbody>${row('Ther ex', '97110', 38, 3, false)}${row('Gait training', '97116', 15, 1, false)}${row('Manual therapy', '97140', 12, 1, false)}</tbody></table>`);
    expect(r.list.map((v) => [v.key, v.history, v.entries])).toEqual([
      ['v1', false, 2],
      ['v2', true, 3],
    ]);
    expect(r.visits.map((v) => v.key)).toEqual(['v1']);
    expect(r.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([23, 24]);
  });

  it('read-only rows beside editable ones are history even with no heading saying so', () => {
    const r = read(`
      <h2>Visit 11/20/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}</tbody></table>
      <h2>Visit 11/13/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 30, 2, false)}</tbody></table>`);
    expect(r.list.map((v) => v.history)).toEqual([false, true]);
  });

  it("a read-only summary repeating the visit's rows, in the visit's own section, is listed apart: its minutes never count twice", () => {
    const r = read(`
      <section><h2>Daily note — 11/20/2026</h2><p>Payer: Medicare Part B</p>
        <table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}${row('Neuro re-ed', '97112', 24, 2)}</tbody></table>
        <h3>Billing summary</h3>
        <table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2, false)}${row('Neuro re-ed', '97112', 24, 2, false)}</tbody></table>
        <p>Discipline: PT</p></section>`);
    expect(r.list.map((v) => [v.label, v.history, v.entries])).toEqual([
      ['Daily note — 11/20/2026', false, 2],
      ['Billing summary in Daily note — 11/20/2026', true, 2],
    ]);
    expect(r.visits).toHaveLength(1);
    expect(r.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([23, 24]);
    // A fact below the summary, in the visit's section, is still the visit's.
    expect([r.visits[0]!.visit.payer, r.visits[0]!.visit.discipline]).toEqual(['Medicare Part B', 'PT']);
  });

  it('a summary set apart at the first read stays apart when the page is read again after the user typed (before: its saved minutes were counted with the typed ones)', () => {
    const { session } = read(`
      <section><h2>Daily note — 11/20/2026</h2><p>Payer: Medicare Part B</p>
        <table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}${row('Neuro re-ed', '97112', 24, 2)}</tbody></table>
        <h3>Billing summary</h3>
        <table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2, false)}${row('Neuro re-ed', '97112', 24, 2, false)}</tbody></table></section>`);
    const minutes = document.querySelector('input') as HTMLInputElement;
    minutes.value = '38';
    session.edit(minutes);
    expect(session.flush()!.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([38, 24]);
    // The page draws its form again (a framework re-render): read again from the start.
    session.restructure();
    // Nothing to send: the visit reads as it did (38 and 24 minutes), the summary still apart.
    expect(session.flush()?.visits.map((v) => v.visit.entries.map((e) => e.minutes))).toBeUndefined();
    // Another chart at another address: what was set apart there is forgotten, and a summary
    // whose minutes differ from the form's at a first read is read as lines (README: a limit).
    session.navigated();
    expect(session.flush()!.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([38, 24, 23, 24]);
  });

  it('a summary kept apart is judged again when what it holds, or the codes edited, change (a review found both)', () => {
    const trOf = (html: string) => {
      const t = document.createElement('template');
      t.innerHTML = `<table><tbody>${html}</tbody></table>`;
      return t.content.querySelector('tr')!;
    };
    // The same table elements filled with the next patient's lines, at the same address.
    const { session } = read(`
      <section><h2>Daily note — 11/20/2026</h2>
        <table id="form">${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}${row('Neuro re-ed', '97112', 24, 2)}</tbody></table>
        <h3>Billing summary</h3>
        <table id="summary">${HEAD}<tbody>${row('Ther ex', '97110', 23, 2, false)}${row('Neuro re-ed', '97112', 24, 2, false)}</tbody></table></section>`);
    document.querySelector('#form tbody')!.replaceChildren(trOf(row('Ther ex', '97110', 10, 1)));
    document.querySelector('#summary tbody')!.replaceChildren(trOf(row('Ther ex', '97110', 23, 2, false)), trOf(row('Manual therapy', '97140', 8, 1, false)));
    session.restructure();
    // As a first read of this page gives: the summary no longer repeats the form.
    expect(session.flush()!.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([10, 23, 8]);

    // Today's saved 97110 (text) beside an "add a line" table with another 97110 of the same
    // minutes: set apart as a summary at first; a line added makes them differ, and both count.
    const saved = read(`<section><h2>Daily note — 11/20/2026</h2>
      <table>${HEAD}<tbody>${row('Ther ex', '97110', 15, 1, false)}</tbody></table>
      <h3>Add a line</h3><table id="add">${HEAD}<tbody>${row('Ther ex', '97110', 15)}</tbody></table></section>`);
    document.querySelector('#add tbody')!.append(trOf(row('Neuro re-ed', '97112', 10)));
    saved.session.restructure();
    expect(saved.session.flush()!.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([15, 15, 10]);
  });

  it('a summary that writes minutes as h:mm and codes with their names ("97110 Ther ex", "0:23") is known as one too', () => {
    const cell = (code: string, min: string) => `<tr><td>${code}</td><td>${min}</td><td>2</td></tr>`;
    const r = read(`
      <section><h2>Daily note — 11/20/2026</h2>
        <table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}${row('Neuro re-ed', '97112', 24, 2)}</tbody></table>
        <h3>Charges</h3><table><thead><tr><th>CPT</th><th>Time</th><th>Units</th></tr></thead><tbody>${cell('97110 Ther ex', '0:23')}${cell('97112 Neuro re-ed', '0:24')}</tbody></table></section>`);
    expect(r.list.map((v) => [v.history, v.entries])).toEqual([
      [false, 2],
      [true, 2],
    ]);
    expect(r.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([23, 24]);
  });

  it("an earlier visit's read-only flowsheet inside today's visit (each row dated, none today), under a heading that does not say history, is not mixed in", () => {
    const dated = (date: string, label: string, code: string, min: number) => `<tr><td>${date}</td><td>${label}</td><td>${code}</td><td>${min}</td><td>1</td></tr>`;
    const r = read(`
      <h2>Visit 11/20/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}</tbody></table>
      <h3>Flowsheet</h3><table><thead><tr><th>Date</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead>
        <tbody>${dated('11/13/2026', 'Gait training', '97116', 38)}${dated('11/06/2026', 'Manual therapy', '97140', 12)}</tbody></table>`);
    // Each earlier date is its own read-only visit (the table's Date column tells them apart).
    expect(r.list.map((v) => [v.label, v.history, v.entries])).toEqual([
      ['Visit 11/20/2026', false, 1],
      ['11/13/2026 · Flowsheet', true, 1],
      ['11/06/2026 · Flowsheet', true, 1],
    ]);
    expect(r.visits.map((v) => v.visit.entries.map((e) => e.code))).toEqual([['97110']]);
  });

  it('on a day sheet, a summary inside visit 2 stays out of it, and the facts below it stay visit 2\'s', () => {
    const visit = (n: number, payer: string, summary: boolean) =>
      `<section><h2>Visit ${n} — 11/0${n}/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 23 + n, 2)}</tbody></table>` +
      (summary ? `<table>${HEAD}<tbody>${row('Ther ex', '97110', 23 + n, 2, false)}</tbody></table>` : '') +
      `<p>Payer: ${payer}</p></section>`;
    const r = read(visit(1, 'Medicare Part B', false) + visit(2, 'Aetna', true) + visit(3, 'Cigna', false));
    expect(r.list.map((v) => [v.key, v.label, v.history, v.entries])).toEqual([
      ['v1', 'Visit 1 — 11/01/2026', false, 1],
      ['v2', 'Visit 2 — 11/02/2026', false, 1],
      ['v3', 'Read-only table in Visit 2 — 11/02/2026', true, 1],
      ['v4', 'Visit 3 — 11/03/2026', false, 1],
    ]);
    expect(r.visits.map((v) => [v.key, v.visit.entries.map((e) => e.minutes), v.visit.payer])).toEqual([
      ['v1', [24], 'Medicare Part B'],
      ['v2', [25], 'Aetna'],
      ['v4', [26], 'Cigna'],
    ]);
  });

  it('a read-only row inside the table being edited stays in its visit (a locked line of today)', () => {
    const r = read(`<h2>Visit 11/20/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}${row('Eval', '97161', 0, 1, false)}</tbody></table>`);
    expect(r.list.map((v) => [v.history, v.entries])).toEqual([[false, 2]]);
  });

  it('two visits that share a heading are told apart in the list: the panel follows a visit by its label', () => {
    const long = `Daily note for Adams, Alice — treatment session at the outpatient clinic on 11/20/2026 — ${'x'.repeat(40)}`;
    const r = read(`<h2>${long} A</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}</tbody></table>
      <h2>Visit 11/21/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}</tbody></table>
      <h2>${long} B</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 30)}</tbody></table>`);
    const labels = r.list.map((v) => v.label);
    expect(labels).toHaveLength(3);
    expect(new Set(labels).size).toBe(3);
    expect(labels.every((l) => l.length <= 80)).toBe(true);
    // Cut in the middle, so told apart by their ends ("… A", "… B"); the same heading twice by a counter.
    expect([labels[0], labels[2]]).toEqual([expect.stringMatching(/^Daily note for Adams, Alice .*…x+ A$/), expect.stringMatching(/…x+ B$/)]);
    const twice = read(`<h2>${long}</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}</tbody></table>
      <h2>Visit 11/21/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}</tbody></table>
      <h2>${long}</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 30)}</tbody></table>`).list.map((v) => v.label);
    expect(new Set(twice).size).toBe(3);
    expect(twice[2]).toMatch(/… \(2\)$/);
    expect(twice.every((l) => l.length <= 80)).toBe(true);
  });

  it('a page of read-only visits only (a biller’s review) is checked, not taken for history', () => {
    const r = read(`
      <h2>Visit 11/20/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2, false)}</tbody></table>
      <h2>Visit 11/21/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 30, 2, false)}</tbody></table>`);
    expect(r.list.map((v) => v.history)).toEqual([false, false]);
    expect(r.visits).toHaveLength(2);
  });

  it('a payer in the patient banner above every visit holds for each visit without its own', () => {
    const r = read(`
      <div class="banner">Payer: <b>Medicare Part B</b> · Discipline: <b>PT</b></div>
      <section><h2>Visit 1 — 11/02/2026</h2><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}</tbody></table></section>
      <section><h2>Visit 2 — 11/04/2026</h2><p>Payer: Aetna</p><table>${HEAD}<tbody>${row('Ther ex', '97110', 23)}</tbody></table></section>`);
    expect(r.visits.map((v) => [v.visit.payer, v.visit.discipline])).toEqual([
      ['Medicare Part B', 'PT'],
      ['Aetna', 'PT'],
    ]);
  });
});

describe('read-only tables that are part of today\'s visit stay in it (a review of the first split)', () => {
  it("today's lines already signed (disabled inputs) beside the table being edited are still counted: 10 + 10 min is 1 unit, not 2", () => {
    const r = read(`<section><h2>Daily note — 11/20/2026</h2><p>Payer: Medicare Part B</p>
      <h3>Signed this morning</h3><table>${HEAD}<tbody>${locked('Neuro re-ed', '97112', 10)}</tbody></table>
      <h3>Timed services</h3><table>${HEAD}<tbody>${row('Ther ex', '97110', 10)}</tbody></table></section>`);
    expect(r.visits).toHaveLength(1);
    expect(r.visits[0]!.visit.entries.map((e) => e.code)).toEqual(['97112', '97110']);
    expect(evaluate(r.visits[0]!.visit).totalTimedMinutes).toBe(20);
  });

  it("today's saved lines shown as text, beside an editable 'add a line' table, stay in the visit being checked", () => {
    const r = read(`<section><h2>Daily note — 11/20/2026</h2><p>Payer: Medicare Part B</p>
      <table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2, false)}${row('Manual therapy', '97140', 15, 1, false)}</tbody></table>
      <h3>Add a line</h3><table>${HEAD}<tbody>${row('Neuro re-ed', '97112', 8, 1)}</tbody></table></section>`);
    expect(r.list.map((v) => v.history)).toEqual([false]);
    expect(r.visits[0]!.visit.entries.map((e) => e.code)).toEqual(['97110', '97140', '97112']);
  });

  it('a split session: 97110 10 min signed this morning (disabled inputs) beside 97110 10 min added now is no summary: 20 minutes are checked', () => {
    const r = read(`<section><h2>Daily note — 11/20/2026</h2><p>Payer: Medicare Part B</p>
      <h3>Signed this morning</h3><table>${HEAD}<tbody>${locked('Ther ex', '97110', 10)}</tbody></table>
      <h3>Timed services</h3><table>${HEAD}<tbody>${row('Ther ex', '97110', 10)}</tbody></table></section>`);
    expect(r.list.map((v) => v.history)).toEqual([false]);
    expect(evaluate(r.visits[0]!.visit).totalTimedMinutes).toBe(20);
  });

  it('a summary beside a code picked in a <select> whose value is the EHR\'s own id ("17", "97110 Therapeutic exercise") is known as one', () => {
    const r = read(`<section><h2>Daily note — 11/20/2026</h2>
      <table>${HEAD}<tbody><tr><td>Ther ex</td><td><select><option value="17" selected>97110 Therapeutic exercise</option><option value="18">97112 Neuromuscular re-ed</option></select></td><td><input value="23"></td><td><input value="2"></td></tr></tbody></table>
      <h3>Billing summary</h3><table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2, false)}</tbody></table></section>`);
    expect(r.visits[0]!.visit.entries[0]!.code).toBe('97110');
    expect(r.list.map((v) => v.history)).toEqual([false, true]);
    expect(evaluate(r.visits[0]!.visit).totalTimedMinutes).toBe(23);
  });

  it('a repeater that draws each line as its own small table (one table per line): a locked line among edited ones stays in its visit', () => {
    const r = read(`<h2>Visit 11/20/2026</h2><form>
      <table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}</tbody></table>
      <table>${HEAD}<tbody>${locked('Eval low', '97161', 0)}</tbody></table>
      <table>${HEAD}<tbody>${row('Neuro re-ed', '97112', 15)}</tbody></table></form>`);
    expect(r.list.map((v) => [v.history, v.entries])).toEqual([[false, 3]]);
  });
});

describe('the visit keeps its own name and place when its first table is the one split off', () => {
  it('a billing summary above the rows being edited: the visit is named by its heading, not "Billing summary"', () => {
    const r = read(`<section><h2>Daily note — 11/20/2026</h2>
      <h3>Billing summary</h3><table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2, false)}</tbody></table>
      <h3>Treatment</h3><table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}</tbody></table></section>`);
    expect(r.list.map((v) => [v.label, v.history])).toEqual([
      ['Daily note — 11/20/2026', false],
      ['Billing summary in Daily note — 11/20/2026', true],
    ]);
  });

  it('a page with no headings, a summary above the grid: the only visit is "Visit 1" and its start is not inside the summary', () => {
    const r = read(`<table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2, false)}</tbody></table>
      <table id="grid">${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}</tbody></table>`);
    const charted = r.list.find((v) => !v.history)!;
    expect(charted.label).toBe('Visit 1');
    const start = r.session.startOf(charted.key)!;
    // Clicking the visit in the list scrolls to its start: it must be the grid being edited, not the summary.
    expect(start === document.getElementById('grid') || start.contains(document.getElementById('grid')) || !!document.getElementById('grid')!.contains(start)).toBe(true);
  });
});

describe("visits' starts stay in page order when a part is split off", () => {
  it("a day sheet's banner payer (above every visit) holds for visit 2 when a summary inside visit 2 is split off; the starts are in page order (visitAt searches them)", () => {
    const { session, list, visits } = read(`<h2>Day sheet — Dr. Smith</h2><p>Payer: Medicare Part B</p>
      <table>${HEAD}<tbody>
        <tr><th colspan="4">Visit 1 — 11/20/2026 09:00 AM</th></tr>${row('Ther ex', '97110', 23, 2)}
        <tr><th colspan="4">Visit 2 — 11/20/2026 10:00 AM</th></tr>${row('Neuro re-ed', '97112', 10, 1, false)}
      </tbody></table>
      <h3>Add charges</h3><table>${HEAD}<tbody>${row('Neuro re-ed', '97112', 10)}</tbody></table>`);
    expect(list.map((v) => [v.history, v.entries])).toEqual([
      [false, 1],
      [false, 1],
      [true, 1],
    ]);
    expect(visits.map((v) => [v.visit.entries[0]!.code, v.visit.payer])).toEqual([
      ['97110', 'Medicare Part B'],
      ['97112', 'Medicare Part B'],
    ]);
    const starts = list.map((v) => session.startOf(v.key)!);
    for (let k = 1; k < starts.length; k++) expect(starts[k - 1]!.compareDocumentPosition(starts[k]!) & Node.DOCUMENT_POSITION_PRECEDING, list[k]!.label).toBe(0);
  });
});

describe('lines the page still shows but took back (red team e2)', () => {
  const head = '<thead><tr><th>CPT</th><th>Description</th><th>Minutes</th><th>Units</th><th>Status</th></tr></thead>';
  const charge = (code: string, min: number, units: number, status: string, attrs = '', wrap = (s: string) => s) =>
    `<tr${attrs}><td>${wrap(code)}</td><td>${wrap('Exercise')}</td><td>${wrap(String(min))}</td><td>${wrap(String(units))}</td><td>${status}</td></tr>`;
  const lines = (html: string) => read(`<h1>Charge review — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${head}<tbody>${html}</tbody></table>`).visits.map((v) => v.visit.entries.map((e) => [e.code, e.minutes, e.units]));

  it('a voided, deleted or struck-through charge line is no line of the visit: its minutes and units are not counted', () => {
    const kept = charge('97110', 23, 2, 'Posted');
    // Before the fix: 97110 read twice, 38 minutes and 3 units, beside 97140's line.
    for (const taken of [
      charge('97110', 15, 1, 'Void'),
      charge('97110', 15, 1, 'Deleted'),
      charge('97110', 15, 1, 'Posted', ' class="charge-row voided"'),
      charge('97110', 15, 1, '', '', (s) => `<s>${s}</s>`),
      charge('97110', 15, 1, '', '', (s) => `<del>${s}</del>`),
      charge('97110', 15, 1, '', ' style="text-decoration: line-through"'),
    ])
      expect(lines(kept + taken + charge('97140', 8, 1, 'Posted')), taken).toEqual([[['97110', 23, 2], ['97140', 8, 1]]]);
  });

  it('a line whose words only mention a void ("Void dressing change") or that is partly struck through is still a line', () => {
    expect(lines(charge('97110', 23, 2, 'Posted') + `<tr><td>97597</td><td>Void dressing change</td><td>10</td><td>1</td><td>Posted</td></tr>`)).toEqual([[['97110', 23, 2], ['97597', 10, 1]]]);
    expect(lines(`<tr><td>97110 <s>97112</s></td><td>Exercise</td><td>23</td><td>2</td><td>Posted</td></tr>`)).toEqual([[['97110', 23, 2]]]);
  });
});

describe('a date of service written without a colon (red team e4)', () => {
  it('"DOS 11/02/2026" in a heading or a line is no label of the element after it: a birth date, a printed date or the last visit below it is never the date of service', () => {
    const table = `<table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}</tbody></table>`;
    // Before the fix: 1941-03-04, 2026-11-05 and 2026-10-28.
    expect(read(`<h2>Visit summary — DOS 11/02/2026</h2><p>DOB 03/04/1941</p><p>Payer: Medicare Part B</p>${table}`).visits[0]!.visit.dateOfService).toBe('2026-11-02');
    expect(read(`<h1>Charges — Ann Lee — DOS 11/02/2026</h1><p>11/05/2026 3:15 PM</p><p>Payer: Medicare Part B</p>${table}`).visits[0]!.visit.dateOfService).toBe('2026-11-02');
    expect(read(`<div class="hdr"><div>Ann Lee</div><div>DOS 11/02/2026</div><div>Last visit 10/28/2026</div></div><p>Payer: Medicare Part B</p>${table}`).visits[0]!.visit.dateOfService).not.toBe('2026-10-28');
  });
});

describe("a single visit's page dated only in a heading above its form (red team M)", () => {
  const form = (wrap: string) => `<${wrap}><table>${HEAD}<tbody>${row('Ther ex', '97110', 23, 2)}</tbody></table></${wrap}>`;
  const dosOf = (html: string) => read(html).visits.map((v) => v.visit.dateOfService);
  it('takes the date the page heading names, whatever wraps the table (before: none, in a <form> or a <div>)', () => {
    for (const wrap of ['form', 'div', 'section'])
      expect(dosOf(`<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>${form(wrap)}`), wrap).toEqual(['2026-11-02']);
    expect(dosOf(`<h1>Daily note — 11/02/2026</h1><h2>Billing</h2><p>Payer: Medicare Part B</p>${form('div')}`)).toEqual(['2026-11-02']);
  });
  it('takes none when the headings name two dates or only a birth date; the date of service the page states wins', () => {
    expect(dosOf(`<h1>Daily note — 11/02/2026</h1><h2>Visit summary — 11/05/2026</h2>${form('div')}`)).toEqual([undefined]);
    expect(dosOf(`<h1>Ann Lee — DOB 03/04/1941</h1>${form('div')}`)).toEqual([undefined]);
    expect(dosOf(`<h1>Daily note — 11/02/2026</h1><p>Date of service: 11/03/2026</p>${form('div')}`)).toEqual(['2026-11-03']);
  });
});

describe('review of the red-team fixes: visits', () => {
  it('a read-only line whose name says "session", beside a checkbox, is a line, not a visit\'s group row', () => {
    const head = '<thead><tr><th></th><th>Service</th><th>Minutes</th><th>Units</th></tr></thead>';
    const line = (service: string, min: number, units: number) => `<tr><td><input type="checkbox"></td><td>${service}</td><td>${min}</td><td>${units}</td></tr>`;
    const r = read(`<h1>Charges — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${head}<tbody>${line('97110 Therapeutic exercise', 23, 2)}${line('97150 Group therapy session', 30, 1)}${line('97116 Gait training', 10, 1)}</tbody></table>`);
    expect(r.list).toHaveLength(1);
    expect(r.visits[0]!.visit.entries.map((e) => e.code)).toEqual(['97110', '97150', '97116']);
    // A dated row beside the same checkbox is still a group row.
    const dated = read(`<h1>Charges</h1><table>${head}<tbody><tr><td><input type="checkbox"></td><td>03/16/2026</td><td></td><td></td></tr>${line('97110 Therapeutic exercise', 10, 1)}<tr><td><input type="checkbox"></td><td>03/17/2026</td><td></td><td></td></tr>${line('97110 Therapeutic exercise', 10, 1)}</tbody></table>`);
    expect(dated.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-03-16', '2026-03-17']);
  });
  it('group rows naming the date, then words about the note ("03/16/2026 — treatment note by primary therapist"), still separate dated visits', () => {
    const group = (d: string, what: string) => `<tr><td colspan="4">${d} — ${what}</td></tr>`;
    const r = read(`<h1>Charges — Smith, Ann</h1><p>Payer: Medicare Part B</p><table>${HEAD}<tbody>${group('03/16/2026', 'treatment note by primary therapist')}${row('Ther ex', '97110', 10)}${group('03/17/2026', 'treatment note by primary therapist')}${row('Ther ex', '97110', 10)}</tbody></table>`);
    expect(r.visits.map((v) => [v.visit.dateOfService, v.visit.entries.length])).toEqual([['2026-03-16', 1], ['2026-03-17', 1]]);
    // "Signed" beside the date: still two visits (the date may be the signature's, so it is not taken).
    const signed = read(`<h1>Charges — Smith, Ann</h1><table>${HEAD}<tbody>${group('03/16/2026', 'daily note signed by therapist')}${row('Ther ex', '97110', 10)}${group('03/17/2026', 'daily note signed by therapist')}${row('Ther ex', '97110', 10)}</tbody></table>`);
    expect(signed.list).toHaveLength(2);
  });
  it('a patient banner that gives the date of service keeps it for the visit: "Lee, Ann · MRN 1001 · DOS 11/02/2026"', () => {
    const card = (banner: string, code: string) => `<section><div class="banner">${banner}</div><h2>Daily note</h2><p>Payer: Medicare Part B</p><table>${HEAD}<tbody>${row('Ther ex', code, 10)}</tbody></table></section>`;
    const r = read(card('Lee, Ann · MRN 1001 · DOS 11/02/2026', '97110') + card('Ray, Bob · MRN 1002 · DOS 11/03/2026', '97112'));
    expect(r.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-11-02', '2026-11-03']);
  });
});
