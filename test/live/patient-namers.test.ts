// @vitest-environment happy-dom
// A red-team pass (helper session "fix-visits") of day sheets that name each patient somewhere
// the reader did not look: two patients' lines were read as one visit (the 8-minute rule over
// both patients' minutes, one payer for both). Each test failed before its fix; each near miss
// (one patient's table or form that must stay one visit) is beside it.
import { describe, expect, it } from 'vitest';
import { mutate } from './mutate';
import { PageSession } from '../../lib/live/page-session';
import { patientTag } from '../../lib/extract/read';
import { OPTIONS, input, line, visitsOf as visits } from './read-page';

let session: PageSession;
function read(html: string) {
  document.body.innerHTML = html;
  session = new PageSession(document, () => OPTIONS);
  return session.flush()!;
}

const ANN = patientTag('ann lee');
const BOB = patientTag('bob ray');

describe('a patient named in a row header cell', () => {
  const head = (first: string) => `<thead><tr><th>${first}</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead>`;

  it('<th scope="row"> under a Patient header: a visit per patient, her two lines together', () => {
    // Before the fix: one visit "Day sheet — 11/02/2026" of 3 lines (73 minutes, 5 units) and no patient.
    const update = read(`<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${head('Patient')}<tbody>
      <tr><th scope="row">Lee, Ann</th>${line('97110', 23, 2)}</tr>
      <tr><th scope="row">Lee, Ann</th>${line('97140', 10, 1)}</tr>
      <tr><th scope="row">Ray, Bob</th>${line('97110', 40, 3)}</tr></tbody></table>`);
    expect(visits(update)).toEqual([
      { label: 'Lee, Ann · Day sheet — 11/02/2026', lines: ['97110 23', '97140 10'], patient: ANN, date: '2026-11-02', payer: 'Medicare Part B' },
      { label: 'Ray, Bob · Day sheet — 11/02/2026', lines: ['97110 40'], patient: BOB, date: '2026-11-02', payer: 'Medicare Part B' },
    ]);
  });

  it('<th scope="rowgroup" rowspan="2"> under a blank header: the rows it spans are its patient\'s', () => {
    const update = read(`<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${head('')}<tbody>
      <tr><th scope="rowgroup" rowspan="2">Lee, Ann</th>${line('97110', 23, 2)}</tr>
      <tr>${line('97140', 10, 1)}</tr>
      <tr><th scope="rowgroup">Ray, Bob</th>${line('97110', 40, 3)}</tr></tbody></table>`);
    expect(visits(update).map((v) => [v.label, v.lines, v.patient])).toEqual([
      ['Lee, Ann · Day sheet — 11/02/2026', ['97110 23', '97140 10'], ANN],
      ['Ray, Bob · Day sheet — 11/02/2026', ['97110 40'], BOB],
    ]);
  });

  it('near miss: row headers naming the interventions ("Ther Ex", "Wall Squats") are one visit\'s lines', () => {
    for (const first of ['Intervention', '']) {
      const update = read(`<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${head(first)}<tbody>
        <tr><th scope="row">Ther Ex</th>${line('97110', 23, 2)}</tr>
        <tr><th scope="row">Manual Therapy</th>${line('97140', 10, 1)}</tr>
        <tr><th scope="row">Wall Squats</th>${line('97110', 8, 1)}</tr>
        <tr><th scope="row">Gait Training</th>${line('97116', 12, 1)}</tr></tbody></table>`);
      expect(update.list).toHaveLength(1);
      expect(visits(update)[0]!.lines).toEqual(['97110 23', '97140 10', '97110 8', '97116 12']);
    }
  });

  it('a row header renamed to the other patient regroups the page; a minutes edit does not', async () => {
    read(`<h1>Day sheet — 11/02/2026</h1><table>${head('Patient')}<tbody>
      <tr><th scope="row">Lee, Ann</th>${line('97110', 23, 2)}</tr>
      <tr><th scope="row">Ray, Bob</th>${line('97110', 40, 3)}</tr></tbody></table>`);
    const minutes = document.querySelectorAll('input')[0]!;
    session.mutations(await mutate(() => minutes.setAttribute('value', '24')), () => false);
    minutes.value = '24';
    session.flush();
    expect(session.detections).toBe(1);
    const th = document.querySelectorAll('tbody th')[1]!;
    session.mutations(await mutate(() => (th.textContent = 'Lee, Ann')), () => false);
    const update = session.flush()!;
    expect(session.detections).toBe(2);
    expect(update.list!.map((v) => v.entries)).toEqual([2]);
  });
});

describe('flat headings: a patient\'s heading above each visit\'s own', () => {
  const table = (rows: string) => `<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>${rows}</tbody></table>`;

  it('<h4>Lee, Ann</h4><h5>Treatment 11/02/2026</h5><table>, then Ray, Bob\'s: a visit each, each with the payer under its name', () => {
    // Before the fix: one visit "Treatment 11/02/2026" of both patients' lines (63 minutes), paid by Medicare.
    const update = read(`<h1>Day sheet</h1>
      <h4>Lee, Ann</h4><p>Payer: Medicare Part B</p><h5>Treatment 11/02/2026</h5>${table(`<tr>${line('97110', 23, 2)}</tr><tr>${line('97140', 10, 1)}</tr>`)}
      <h4>Ray, Bob</h4><p>Payer: Aetna</p><h5>Treatment 11/02/2026</h5>${table(`<tr>${line('97110', 40, 3)}</tr>`)}`);
    expect(visits(update)).toEqual([
      { label: 'Lee, Ann · Treatment 11/02/2026', lines: ['97110 23', '97140 10'], patient: ANN, date: '2026-11-02', payer: 'Medicare Part B' },
      { label: 'Ray, Bob · Treatment 11/02/2026', lines: ['97110 40'], patient: BOB, date: '2026-11-02', payer: 'Aetna' },
    ]);
  });

  it('the patient\'s heading alone in a box ("<div><h3>Lee, Ann</h3></div><h4>Treatment</h4>"): a visit each', () => {
    const update = read(`<h1>Day sheet — 11/02/2026</h1>
      <div class="pt"><h3>Lee, Ann</h3></div><h4>Treatment</h4>${table(`<tr>${line('97110', 23, 2)}</tr>`)}
      <div class="pt"><h3>Ray, Bob</h3></div><h4>Treatment</h4>${table(`<tr>${line('97110', 40, 3)}</tr>`)}`);
    expect(visits(update).map((v) => [v.label, v.lines, v.date])).toEqual([
      ['Lee, Ann · Treatment', ['97110 23'], '2026-11-02'],
      ['Ray, Bob · Treatment', ['97110 40'], '2026-11-02'],
    ]);
  });

  it('near miss: one patient\'s heading over her visit\'s parts (Ther Ex, Manual) is one visit', () => {
    const update = read(`<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p>
      <h4>Lee, Ann</h4><h5>Ther Ex</h5>${table(`<tr>${line('97110', 23, 2)}</tr>`)}
      <h5>Manual Therapy</h5>${table(`<tr>${line('97140', 10, 1)}</tr>`)}`);
    expect(visits(update).map((v) => v.lines)).toEqual([['97110 23', '97140 10']]);
  });

  it('near miss: section headings over the treatment heading ("Ther Ex", "Gait") name no patient', () => {
    const update = read(`<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>
      <h4>Ther Ex</h4><h5>Treatment</h5>${table(`<tr>${line('97110', 23, 2)}</tr>`)}
      <h4>Gait Training</h4><h5>Treatment</h5>${table(`<tr>${line('97116', 10, 1)}</tr>`)}`);
    expect(visits(update).map((v) => v.lines)).toEqual([['97110 23', '97116 10']]);
  });

  it('a patient\'s heading renamed regroups the page', async () => {
    const first = read(`<h1>Day sheet</h1><h4>Lee, Ann</h4><h5>Treatment 11/02/2026</h5>${table(`<tr>${line('97110', 23, 2)}</tr>`)}
      <h4>Ray, Bob</h4><h5>Treatment 11/02/2026</h5>${table(`<tr>${line('97110', 40, 3)}</tr>`)}`);
    expect(first.list!.map((v) => v.entries)).toEqual([1, 1]);
    const h4 = document.querySelectorAll('h4')[1]!;
    session.mutations(await mutate(() => (h4.textContent = 'Lee, Ann')), () => false);
    expect(session.flush()!.list!.map((v) => v.entries)).toEqual([2]);
  });
});

describe('a row header under a bare "Name" column header', () => {
  it('"Lee, Ann" and "Ray, Bob" in <th scope="row"> under "Name": a visit each; interventions there split nothing', () => {
    const page = (a: string, b: string) => `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Name</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><th scope="row">${a}</th>${line('97110', 23, 2)}</tr><tr><th scope="row">${b}</th>${line('97110', 40, 3)}</tr></tbody></table>`;
    // Before: one visit of both patients' 63 minutes.
    expect(visits(read(page('Lee, Ann', 'Ray, Bob'))).map((v) => [v.lines, v.patient])).toEqual([
      [['97110 23'], ANN],
      [['97110 40'], BOB],
    ]);
    expect(visits(read(page('Ther Ex', 'Bridges'))).map((v) => v.lines)).toEqual([['97110 23', '97110 40']]);
  });
});

describe('a day sheet whose first column is the appointment ("9:00 AM — Lee, Ann")', () => {
  const sheet = (rows: [string, string][]) =>
    `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Appointment</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      ${rows.map(([appt, cells]) => `<tr><td>${appt}</td>${cells}</tr>`).join('')}</tbody></table>`;

  it('a visit per patient, the time no part of the name: her 9:00 and 2:00 PM lines are one visit', () => {
    // Before the fix: one visit "Day sheet — 11/02/2026" of all four lines (81 minutes), no patient.
    const update = read(sheet([
      ['9:00 AM — Lee, Ann', line('97110', 23, 2)],
      ['9:00 AM — Lee, Ann', line('97140', 10, 1)],
      ['9:45 AM — Ray, Bob', line('97110', 40, 3)],
      ['2:00 PM — Lee, Ann', line('97112', 8, 1)],
    ]));
    expect(visits(update)).toEqual([
      { label: 'Lee, Ann · Day sheet — 11/02/2026', lines: ['97110 23', '97140 10', '97112 8'], patient: ANN, date: '2026-11-02', payer: 'Medicare Part B' },
      { label: 'Ray, Bob · Day sheet — 11/02/2026', lines: ['97110 40'], patient: BOB, date: '2026-11-02', payer: 'Medicare Part B' },
    ]);
  });

  it('written "09:00 Lee, Ann" and "9:00 AM - Ray, Bob", or a schedule\'s short times ("9:00a Lee, Ann"): a visit each', () => {
    for (const [a, b] of [['09:00 Lee, Ann', '9:00 AM - Ray, Bob'], ['9:00a Lee, Ann', '9:45a Ray, Bob']] as const) {
      const update = read(sheet([
        [a, line('97110', 23, 2)],
        [b, line('97110', 40, 3)],
      ]));
      expect(visits(update).map((v) => [v.lines, v.patient]), a).toEqual([
        [['97110 23'], ANN],
        [['97110 40'], BOB],
      ]);
    }
  });

  it('the visit\'s kind in brackets after the name ("9:00 AM — Lee, Ann (Eval)") is no part of it', () => {
    const update = read(sheet([
      ['9:00 AM — Lee, Ann (Eval)', line('97161', 30, 1)],
      ['9:45 AM — Ray, Bob (Tx)', line('97110', 40, 3)],
      ['2:00 PM — Lee, Ann', line('97110', 15, 1)],
    ]));
    expect(visits(update).map((v) => [v.lines, v.patient])).toEqual([
      [['97161 30', '97110 15'], ANN],
      [['97110 40'], BOB],
    ]);
  });

  // From a review: a time range, or the visit's kind after the name.
  it('"9:00-9:45 Lee, Ann", "9:00 AM — Lee, Ann — PT Follow-up": her appointments are one visit, named by her', () => {
    const update = read(sheet([
      ['9:00-9:45 Lee, Ann', line('97110', 23, 2)],
      ['9:45-10:30 Ray, Bob', line('97110', 40, 3)],
      ['1:00 PM — Lee, Ann — PT Follow-up', line('97112', 8, 1)],
    ]));
    expect(visits(update).map((v) => [v.label, v.lines, v.patient])).toEqual([
      ['Lee, Ann · Day sheet — 11/02/2026', ['97110 23', '97112 8'], ANN],
      ['Ray, Bob · Day sheet — 11/02/2026', ['97110 40'], BOB],
    ]);
  });

  it('under a "Time" header ("9:00 AM — Lee, Ann"): an appointment too, a visit per patient', () => {
    // Before: read as a start-time column, one visit of both patients' lines.
    for (const head of ['Time', 'Appt time', 'Start']) {
      const update = read(sheet([
        ['9:00 AM — Lee, Ann', line('97110', 23, 2)],
        ['9:45 AM — Ray, Bob', line('97110', 40, 3)],
      ]).replace('<th>Appointment</th>', `<th>${head}</th>`));
      expect(visits(update).map((v) => [v.lines, v.patient]), head).toEqual([
        [['97110 23'], ANN],
        [['97110 40'], BOB],
      ]);
    }
  });

  it('near miss: a Time column of times alone is one visit', () => {
    const update = read(`<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Time</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>9:00 AM</td>${line('97110', 23, 2)}</tr><tr><td>9:45 AM</td>${line('97140', 10, 1)}</tr></tbody></table>`);
    expect(visits(update).map((v) => v.lines)).toEqual([['97110 23', '97140 10']]);
  });

  it('near miss: an Appointment column of times alone (one patient\'s note) is one visit', () => {
    const update = read(`<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Appointment</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>9:00 AM</td>${line('97110', 23, 2)}</tr><tr><td>9:45 AM</td>${line('97140', 10, 1)}</tr></tbody></table>`);
    expect(visits(update).map((v) => v.lines)).toEqual([['97110 23', '97140 10']]);
  });

  it('an appointment rebooked to the other patient regroups the page; a minutes edit does not', async () => {
    read(sheet([['9:00 AM — Lee, Ann', line('97110', 23, 2)], ['9:45 AM — Ray, Bob', line('97110', 40, 3)]]));
    const minutes = document.querySelectorAll('input')[0]!;
    session.mutations(await mutate(() => minutes.setAttribute('value', '24')), () => false);
    minutes.value = '24';
    session.flush();
    expect(session.detections).toBe(1);
    const cell = document.querySelectorAll('tbody td')[4]!;
    session.mutations(await mutate(() => (cell.textContent = '9:45 AM — Lee, Ann')), () => false);
    expect(session.flush()!.list!.map((v) => v.entries)).toEqual([2]);
    expect(session.detections).toBe(2);
  });
});

describe('a patient named only inside her table: a head row above the column headers, a tbody\'s aria-label', () => {
  const cols = '<tr><th>CPT</th><th>Minutes</th><th>Units</th></tr>';
  const own = (name: string, rows: string) => `<table><thead><tr><th colspan="3">${name}</th></tr>${cols}</thead><tbody>${rows}</tbody></table>`;

  it('<thead><tr><th colspan=3>Lee, Ann — Medicare</th></tr><tr><th>CPT</th>…: a visit per table, each with its payer', () => {
    // Before the fix: one visit "Day sheet — 11/02/2026" of both tables' lines, no payer.
    const update = read(`<h1>Day sheet — 11/02/2026</h1>${own('Lee, Ann — Medicare', `<tr>${line('97110', 23, 2)}</tr><tr>${line('97140', 10, 1)}</tr>`)}${own('Ray, Bob — Aetna', `<tr>${line('97110', 40, 3)}</tr>`)}`);
    expect(visits(update)).toEqual([
      { label: 'Lee, Ann', lines: ['97110 23', '97140 10'], patient: ANN, date: '2026-11-02', payer: 'Medicare' },
      { label: 'Ray, Bob', lines: ['97110 40'], patient: BOB, date: '2026-11-02', payer: 'Aetna' },
    ]);
  });

  // From a review: a name row of three cells, a body's label with the record number.
  it('a head row "Lee, Ann | MRN 1001 | Medicare" of three cells, or <tbody aria-label="Lee, Ann · MRN 1001">: a visit each', () => {
    const three = (name: string, mrn: string, payer: string, rows: string) => `<table><thead><tr><th>${name}</th><th>${mrn}</th><th>${payer}</th></tr>${cols}</thead><tbody>${rows}</tbody></table>`;
    const update = read(`<h1>Day sheet — 11/02/2026</h1>${three('Lee, Ann', 'MRN 1001', 'Medicare', `<tr>${line('97110', 23, 2)}</tr>`)}${three('Ray, Bob', 'MRN 1002', 'Aetna', `<tr>${line('97110', 40, 3)}</tr>`)}`);
    expect(visits(update).map((v) => [v.lines, v.payer])).toEqual([
      [['97110 23'], 'Medicare'],
      [['97110 40'], 'Aetna'],
    ]);
    const bodies = read(`<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead>${cols}</thead>
      <tbody aria-label="Lee, Ann · MRN 1001"><tr>${line('97110', 23, 2)}</tr></tbody><tbody aria-label="Ray, Bob · MRN 1002"><tr>${line('97110', 40, 3)}</tr></tbody></table>`);
    expect(visits(bodies).map((v) => v.lines)).toEqual([['97110 23'], ['97110 40']]);
  });

  it('near miss: head rows naming a part ("Today\'s treatment", "Modalities") or one patient twice split nothing', () => {
    for (const [a, b] of [['Today’s treatment', 'Modalities'], ['Lee, Ann — Medicare', 'Lee, Ann — Medicare']]) {
      const update = read(`<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>${own(a!, `<tr>${line('97110', 23, 2)}</tr>`)}${own(b!, `<tr>${line('97035', 8, 1)}</tr>`)}`);
      expect(visits(update).map((v) => v.lines)).toEqual([['97110 23', '97035 8']]);
    }
  });

  it('a running total written into the head row does not read the page again; a new patient there does', async () => {
    read(`<h1>Day sheet — 11/02/2026</h1>${own('Lee, Ann — Medicare', `<tr>${line('97110', 23, 2)}</tr>`)}${own('Ray, Bob — Aetna', `<tr>${line('97110', 40, 3)}</tr>`)}`);
    const th = document.querySelectorAll('thead th[colspan]')[1]!;
    session.mutations(await mutate(() => (th.textContent = 'Ray, Bob — Aetna · Total 40 min')), () => false);
    session.flush();
    expect(session.detections).toBe(1);
    session.mutations(await mutate(() => (th.textContent = 'Lee, Ann — Medicare')), () => false);
    expect(session.flush()!.list!.map((v) => v.entries)).toEqual([2]);
    expect(session.detections).toBe(2);
  });

  it('<tbody aria-label="Lee, Ann"> and <tbody aria-label="Ray, Bob"> in one table: a visit per body', () => {
    // Before the fix: one visit of the three lines.
    const update = read(`<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead>${cols}</thead>
      <tbody aria-label="Lee, Ann"><tr>${line('97110', 23, 2)}</tr><tr>${line('97140', 10, 1)}</tr></tbody>
      <tbody aria-label="Ray, Bob"><tr>${line('97110', 40, 3)}</tr></tbody></table>`);
    expect(visits(update)).toEqual([
      { label: 'Lee, Ann · Day sheet — 11/02/2026', lines: ['97110 23', '97140 10'], patient: ANN, date: '2026-11-02', payer: 'Medicare Part B' },
      { label: 'Ray, Bob · Day sheet — 11/02/2026', lines: ['97110 40'], patient: BOB, date: '2026-11-02', payer: 'Medicare Part B' },
    ]);
  });

  it('near miss: tbodies labelled by part ("Timed codes", "Untimed codes") are one visit', () => {
    const update = read(`<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead>${cols}</thead>
      <tbody aria-label="Timed Codes"><tr>${line('97110', 23, 2)}</tr></tbody><tbody aria-label="Hot Packs"><tr>${line('97010', 10, 1)}</tr></tbody></table>`);
    expect(visits(update).map((v) => v.lines)).toEqual([['97110 23', '97010 10']]);
  });

  it('a tbody relabelled to the other patient regroups the page', async () => {
    read(`<h1>Day sheet — 11/02/2026</h1><table><thead>${cols}</thead>
      <tbody aria-label="Lee, Ann"><tr>${line('97110', 23, 2)}</tr></tbody><tbody aria-label="Ray, Bob"><tr>${line('97110', 40, 3)}</tr></tbody></table>`);
    const body = document.querySelectorAll('tbody')[1]!;
    session.mutations(await mutate(() => body.setAttribute('aria-label', 'Lee, Ann')), () => false);
    expect(session.flush()!.list!.map((v) => v.entries)).toEqual([2]);
  });
});

describe('one patient\'s page with two days named without their year ("Mon 11/2", "Tue, Nov 3")', () => {
  const table = (rows: string) => `<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>${rows}</tbody></table>`;
  const week = (title: string, a = 'Mon 11/2', b = 'Tue, Nov 3') =>
    `<h1>${title}</h1><p>Payer: Medicare Part B</p><h3>${a}</h3>${table(`<tr>${line('97110', 23, 2)}</tr>`)}<h3>${b}</h3>${table(`<tr>${line('97110', 40, 3)}</tr><tr>${line('97140', 8, 1)}</tr>`)}`;

  it('two dates of service are two visits, of the year the page\'s heading gives', () => {
    // Before the fix: one visit "Mon 11/2" of the three lines (71 minutes), with no date.
    const update = read(week('Ann Lee — PT treatment log 11/02/2026'));
    expect(visits(update)).toEqual([
      { label: 'Mon 11/2', lines: ['97110 23'], patient: undefined, date: '2026-11-02', payer: 'Medicare Part B' },
      { label: 'Tue, Nov 3', lines: ['97110 40', '97140 8'], patient: undefined, date: '2026-11-03', payer: 'Medicare Part B' },
    ]);
  });

  it('of this year when the page gives none', () => {
    const year = new Date().getFullYear();
    expect(visits(read(week('Ann Lee — PT flowsheet'))).map((v) => v.date)).toEqual([`${year}-11-02`, `${year}-11-03`]);
  });

  it('near miss: one day written two ways ("Mon 11/2", "11/02"), or scores ("Pain 3/10", "Strength 4/5"), are one visit', () => {
    for (const [a, b] of [['Mon 11/2', '11/02'], ['Pain 3/10', 'Strength 4/5']]) {
      const update = read(week('Daily note — Ann Lee — 11/02/2026', a, b));
      expect(visits(update).map((v) => v.lines)).toEqual([['97110 23', '97110 40', '97140 8']]);
    }
  });

  // From a review: fractions and counts over a one-patient note's tables were read as days, split
  // the note and dated it (2026-01-02 and 2026-02-02 for "1/2" and "2/2").
  it('near miss: "1/2" and "2/2", "Units 1/2", "10/30 min" headings are no days: one visit of the note\'s date', () => {
    for (const [a, b] of [['1/2', '2/2'], ['Units 1/2', 'Units 2/2'], ['10/30 min', '8/15 min']]) {
      const update = read(week('Daily note — Ann Lee — 11/02/2026', a, b));
      expect(visits(update).map((v) => [v.lines, v.date]), a).toEqual([[['97110 23', '97110 40', '97140 8'], '2026-11-02']]);
    }
  });

  it('a weekday beside the day says its year across New Year ("Mon 12/28", then "Fri 1/1": 2027)', () => {
    const update = read(week('Ann Lee — PT flowsheet from 12/28/2026', 'Mon 12/28', 'Fri 1/1'));
    expect(visits(update).map((v) => v.date)).toEqual(['2026-12-28', '2027-01-01']);
  });

  it('a day heading edited to the other day regroups the page', async () => {
    read(week('Ann Lee — PT flowsheet'));
    const h3 = document.querySelectorAll('h3')[1]!;
    session.mutations(await mutate(() => (h3.textContent = 'Mon, Nov 2')), () => false);
    expect(session.flush()!.list!.map((v) => v.entries)).toEqual([3]);
  });
});
