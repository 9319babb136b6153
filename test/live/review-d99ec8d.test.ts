// @vitest-environment happy-dom
// Review of d99ec8d (red-team fixes: nameBeforeDate, SIGNED_STAMP/signedDay, afterSigned/TODAY_HEADING,
// headerPayer's appointment time, rowHeaderName, the flowsheet's dated-column rules).
//
// "problems": each test is one misreading the commit brings in or leaves, with what a biller
// expects; they FAIL on d99ec8d. R1, R2 and R11 PASS on 5f33672 (regressions brought in by the
// commit); R4-R10 fail there too (variants its fixes miss). "held": behaviour checked and found
// right (they pass).
// Pages are read as the content script reads them (PageSession.flush), as in redteam-vendors.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { headerPayer, nameBeforeDate, namedByPatientOnly, personName, signedDay } from '../../lib/extract/visits';
import { OPTIONS } from './read-page';
import { mutate } from './mutate';
import { H, T, checked, held, historyLabels, linesOf, onNov2, read } from './vendor-pages';

/** A chart's signed note (printed lines) and today's note (typed in), each under its heading. */
const signedNote = (h: string) => `<section class="note signed"><h3>${h}</h3><p>Signed by J. Doe, PT</p>${T(H, [['97110', '30', '2'], ['97140', '8', '1']])}</section>`;
const todaysNote = (h: string, id = 'now') => `<section class="note"><h3 id="${id}">${h}</h3>${T(H, [['97110', '=23', '=2'], ['97140', '=15', '=1']])}</section>`;
const chart = (...parts: string[]) => `<h1>Lee, Ann</h1><p>Payer: Medicare</p>${parts.join('')}`;


beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  vi.useRealTimers();
});

// ---- problems ---------------------------------------------------------------------------------

describe('d99ec8d: problems (fixed in the next commit; R7 in b694034, R5 and R10 later)', () => {
  it('R1. a chart whose notes are headed by their THERAPIST and day ("Joe Kim — 11/02/2026", "Jane Doe — 10/30/2026" signed): the earlier signed note is checked as a visit of patient "Jane Doe"', () => {
    // Biller: one patient (Lee, Ann). Today's note (11/02) is the claim; the 10/30 note, printed
    // signed, is history. On 5f33672 exactly that was read. Now nameBeforeDate takes both
    // headings for patients' names (visits.ts:1251, nameParts → repeatedNames): two "patients",
    // so the 10/30 note is "another patient's signed visit", checked (its 97140 billed again in
    // the panel's findings), and each visit's patientTag is a therapist's name, which breaks
    // the same-day pairing of the patient's visits. (Same with "Kim, Joe — 11/02/2026".)
    for (const [a, b] of [['Joe Kim', 'Jane Doe'], ['Kim, Joe', 'Doe, Jane']]) {
      const u = read(chart(`<h3>${a} — 11/02/2026</h3>${T(H, [['97110', '=23', '=2']])}`, `<h3>${b} — 10/30/2026</h3>${T(H, [['97140', '~10', '~1']])}`));
      expect(checked(u).map((v) => [v.date, v.lines]), a).toEqual([['2026-11-02', ['97110 23/2']]]);
      expect(historyLabels(u), a).toEqual([`${b} — 10/30/2026`]);
    }
  });

  it('R2. one visit on a daily note whose heading carries a plan-of-care signature ("Lee, Ann · POC signed 10/01/2026") loses its date of service', () => {
    // Biller: DOS 11/02/2026 (the note's title), as read on 5f33672. Now signedDay takes "POC
    // signed 10/01/2026" for the note's own signature, earlier than the day, and PageSession
    // leaves the visit undated (page-session.ts:1910-1912): dos.missing, rules of "now", no
    // same-day checks. SIGNED_STAMP (visits.ts:940) has no word boundary and runs to the end
    // of the label, so "Assigned 10/15/2026", "Unsigned … Last visit 10/30/2026" do the same.
    for (const h of ['Lee, Ann · POC signed 10/01/2026', 'Lee, Ann — Assigned 10/15/2026', 'Lee, Ann · Unsigned · Last visit 10/30/2026']) {
      const u = read(`<h1>Daily Note — 11/02/2026</h1><h2>${h}</h2><p>Payer: Medicare</p>${T(H, [['97110', '=23', '=2']])}`);
      expect(checked(u).map((v) => v.date), h).toEqual(['2026-11-02']);
    }
  });

  it('R3. SIGNED_STAMP finds "signed"/"locked" inside other words and takes any later date for the signature\'s', () => {
    // Its comment: "A note's signature stamp after its patient's name". None of these is one
    // (visits.ts:940: no \b before the stamp word, `.*$` swallows the rest of the label).
    expect(signedDay('Lee, Ann — Unsigned 10/30/2026')).toBeUndefined();
    expect(signedDay('Lee, Ann — Assigned to: Kim · 10/30/2026')).toBeUndefined();
    expect(signedDay('Lee, Ann — Designed by Kim 10/30/2026')).toBeUndefined();
    expect(signedDay('Lee, Ann — Unlocked 10/30/2026')).toBeUndefined();
    // A stamp with no date, then the patient's last visit: not signed on 10/30.
    expect(signedDay('Lee, Ann — Signed · Last visit 10/30/2026')).toBeUndefined();
  });

  it('R4. a day sheet: a patient\'s note signed TODAY with no date in its stamp, beside "Last visit 10/30/2026", is left undated', () => {
    // Biller: both visits are of 11/02/2026. Ray's card ("Checked in · Last visit …") is dated;
    // Ann's ("Signed · Last visit …") is not: signedDay reads the last visit's day as her
    // signature's (visits.ts:944), earlier than the sheet's day (page-session.ts:1911).
    const u = read(`<h1>Day Sheet — 11/02/2026</h1>
      <div class="card"><h3>Lee, Ann · Signed · Last visit 10/30/2026</h3><p>Payer: Medicare</p>${T(H, [['97110', '~23', '~2']])}</div>
      <div class="card"><h3>Ray, Bob · Checked in · Last visit 10/29/2026</h3><p>Payer: Aetna</p>${T(H, [['97112', '=30', '=2']])}</div>`);
    expect(checked(u).map((v) => [v.lines, v.date])).toEqual([
      [['97110 23/2'], '2026-11-02'],
      [['97112 30/2'], '2026-11-02'],
    ]);
  });

  // Left alone (closing note): a heading's key holds what it names, not its words; "Note" → "Today" relabels only.
  it('R5. live: today\'s heading written "Today" after the first read (an SPA rendering "Note" first): today\'s lines stay in the signed 10/30 visit', async () => {
    // Biller: as a fresh read of the same page says: today's visit apart, the 10/30 note
    // history. TODAY_HEADING now decides grouping by a heading's words, but keyOfNamerText
    // (page-session.ts:201-216) keys a heading by identity, payer, people and dates only:
    // "Note" → "Today" is the same key, so the session relabels and never groups again.
    document.body.innerHTML = chart(signedNote('Treatment Note — 10/30/2026'), todaysNote('Note'));
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    session.mutations(await mutate(() => (document.getElementById('now')!.textContent = 'Today'), document), () => false);
    session.changedValues();
    sent.push(session.flush());
    const fresh = new PageSession(document, () => OPTIONS).flush()!;
    expect(linesOf(fresh)).toEqual([['97110 23/2', '97140 15/1']]);
    expect(held(sent).lines).toEqual(linesOf(fresh));
  });

  it('R6. "Today\'s Treatment Note", "Todays note", "New Progress Note", "Today\'s Visit Note" over today\'s table: still one visit with the 10/30 note, dated 10/30 (V3 again)', () => {
    // Biller: as V3: today's 97110 23/2 + 97140 15/1 apart, the 10/30 note history. TODAY_HEADING
    // (visits.ts:937) takes one word after "Today's" and needs the apostrophe; "New" takes only
    // daily/treatment before note. Read: 4 lines of two days, dated 2026-10-30.
    onNov2();
    for (const h of ["Today's Treatment Note", 'Todays note', 'New Progress Note', "Today's Visit Note", 'Today’s Daily Note']) {
      const u = read(chart(signedNote('Treatment Note — 10/30/2026'), todaysNote(h)));
      expect(linesOf(u), h).toEqual([['97110 23/2', '97140 15/1']]);
      expect(historyLabels(u), h).toHaveLength(1);
    }
  });

  it('R7. two patients\' cards whose signature stamp is in brackets or longer than 40 characters: ONE visit under the first one\'s payer (V4 again)', () => {
    // Biller: Lee (Medicare, 97110) and Ray (Aetna, 97112), two visits. nameBeforeDate asks
    // NAME_THEN_NOTE (visits.ts:845: a spaced dash, dot, bar or bullet; not "(…)") and a note of
    // 40 characters at most (visits.ts:836): "(Signed 11/02/2026 10:15 AM)" and "— E-signed
    // 11/02/2026 10:15 AM by Kim, Joe PT" are neither, so the cards merge as V4 did.
    for (const stamp of ['(Signed 11/02/2026 10:15 AM)', '— E-signed 11/02/2026 10:15 AM by Kim, Joe PT']) {
      const u = read(`<h1>Day Sheet — 11/02/2026</h1>
        <div class="card"><h3>Lee, Ann ${stamp}</h3><p>Payer: Medicare</p>${T(H, [['97110', '=23', '=2']])}</div>
        <div class="card"><h3>Ray, Bob — Checked in</h3><p>Payer: Aetna</p>${T(H, [['97112', '=30', '=2']])}</div>`);
      expect(checked(u).map((v) => [v.lines, v.payer]), stamp).toEqual([
        [['97110 23/2'], 'Medicare'],
        [['97112 30/2'], 'Aetna'],
      ]);
    }
  });

  it('R8. a flowsheet row whose code is in an editable box, blank in today\'s column: still a line of today with no minutes (V9 again)', () => {
    // Biller: today's (11/02) column holds 97110 only; 97140 was given on 10/30. The code box
    // stands on every day as a printed code does, but uncharted (detect.ts:836) counts a filled
    // label/code as charted whenever it is a control: "97140 -/-", minutes.missing.
    const u = read(`<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>${T(['Intervention', 'CPT', '10/30/2026', '11/02/2026'], [
      ['Ther Ex (min)', '=97110', '25', '=23'],
      ['Manual (min)', '=97140', '10', '='],
    ])}`);
    expect(linesOf(u)).toEqual([['97110 23/-']]);
  });

  it('R9. an appointment time written as a clock ("0900 · Lee, Ann · Medicare"): both patients ONE visit, no payer (V8 again)', () => {
    // Biller: two visits, Medicare and Aetna. APPOINTMENT_TIME (visits.ts:869) needs "h:mm";
    // Epic-style day sheets print "0900". Read: one visit of all three lines, payer undefined.
    const u = read(`<h1>Day Sheet — 11/02/2026</h1>
      <h3>0900 · Lee, Ann · Medicare</h3>${T(H, [['97112', '=24', '=2'], ['97110', '=23', '=2']])}
      <h3>0945 · Ray, Bob · Aetna</h3>${T(H, [['97112', '=30', '=2']])}`);
    expect(checked(u).map((v) => [v.lines, v.payer])).toEqual([
      [['97112 24/2', '97110 23/2'], 'Medicare'],
      [['97112 30/2'], 'Aetna'],
    ]);
  });

  // Left alone (closing note): today's visit apart is not dated by the user's clock; dos.missing says so.
  it('R10. V3\'s today\'s visit, now apart, has no date of service though the reader compared it with the user\'s clock', () => {
    // Biller: DOS 11/02/2026 (the day it is charted: the commit's own test says so by
    // `lines.today`). Read: undefined (dos.missing: rules of "now", no same-day pairing).
    onNov2();
    const u = read(chart(signedNote('Treatment Note — 10/30/2026'), todaysNote('Today')));
    expect(checked(u).map((v) => v.date)).toEqual(['2026-11-02']);
  });

  it('R11. a printed flowsheet of units rows (no day typed): the note that other days\' numbers were not read is dropped, though the comment says "typed"', () => {
    // detect.ts:1263 skips unnamedDays whenever the units cell is under a dated column, printed
    // or typed; its comment says "whose units are typed under a day's column". With no day
    // typed and no date stated, the reader takes the last column's units silently (3 → 2,
    // 4 → 1) where 5f33672 at least named the 10/30/2026 column in a note.
    const u = read(`<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>${T(['Intervention', '10/30/2026', '11/02/2026'], [
      ['97110 Ther Ex (units)', '3', '2'],
      ['97140 Manual (units)', '4', '1'],
    ])}`);
    expect(u.visits.flatMap((v) => v.notes).some((n) => n.includes('10/30/2026'))).toBe(true);
  });
});


// ---- held --------------------------------------------------------------------------------------

describe('d99ec8d: held', () => {
  it('body-part and exercise headings beside a date are no patients: one visit ("Forearm, R — 11/02/2026", "Shoulder, L — …")', () => {
    for (const s of ['Forearm, R — 11/02/2026', 'Shoulder, Left — 11/02/2026', 'Knee, Right · 11/02/2026', 'Hip, L — 11/02/2026', 'Gait, Training — 11/02/2026', 'Lumbar, Spine — 11/02/2026', 'Cervical, ROM — 11/02/2026', 'Progress, Note — 11/02/2026'])
      expect(nameBeforeDate(s), s).toBeUndefined();
    const u = read(chart(`<h2>Daily Note — 11/02/2026</h2><h3>Forearm, R — 11/02/2026</h3>${T(H, [['97110', '=15', '=1']])}<h3>Shoulder, L — 11/02/2026</h3>${T(H, [['97140', '=10', '=1']])}`));
    expect(checked(u).every((v) => v.date === '2026-11-02' && v.payer === 'Medicare' && v.patient === undefined)).toBe(true);
  });

  it('therapists with a credential ("Kim, Joe PT — 11/02/2026", "Joe Kim, PT — …") and "Daily Note · Kim, Joe · 11/02/2026" are no patients: the earlier note stays history', () => {
    for (const s of ['Kim, Joe PT — 11/02/2026', 'Kim, Joe, PT — 11/02/2026', 'Joe Kim, PT — 11/02/2026', 'Kim, Joe DPT — 11/02/2026', 'Jane Doe, PT — Signed 11/02/2026'])
      expect(nameBeforeDate(s), s).toBeUndefined();
    for (const [a, b] of [['Kim, Joe PT — 11/02/2026', 'Doe, Jane PT — 10/30/2026'], ['Daily Note · Kim, Joe · 11/02/2026', 'Daily Note · Doe, Jane · 10/30/2026']]) {
      const u = read(chart(`<h3>${a}</h3>${T(H, [['97110', '=23', '=2']])}`, `<h3>${b}</h3>${T(H, [['97140', '~10', '~1']])}`));
      expect(checked(u).map((v) => [v.date, v.lines]), a).toEqual([['2026-11-02', ['97110 23/2']]]);
      expect(historyLabels(u), a).toEqual([b]);
    }
  });

  it('one patient\'s notes each headed by her name and day: today\'s checked, the signed one history', () => {
    const u = read(`<h1>Chart</h1><p>Payer: Medicare</p><h3>Lee, Ann — 11/02/2026</h3>${T(H, [['97110', '=23', '=2']])}<h3>Ann Lee — 10/30/2026</h3>${T(H, [['97140', '~10', '~1']])}`);
    expect(checked(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 23/2']]]);
    expect(historyLabels(u)).toHaveLength(1);
  });

  it('V4/V5 with other stamp words, two-digit years and ISO dates: each patient apart, her signed visit of today dated today', () => {
    for (const stamp of ['· Locked 11/02/26', '— Electronically signed 11/02/2026 10:15 AM', '— Finalized 2026-11-02', '— Co-signed 11/02/2026', '| E-signed 11/02/2026', '— Signed Nov 2, 2026']) {
      const u = read(`<h1>Day Sheet — 11/02/2026</h1>
        <div class="card"><h3>Lee, Ann ${stamp}</h3><p>Payer: Medicare</p>${T(H, [['97110', '~23', '~3']])}</div>
        <div class="card"><h3>Ray, Bob — Checked in</h3><p>Payer: Aetna</p>${T(H, [['97112', '=30', '=2']])}</div>`);
      expect(checked(u).map((v) => [v.lines, v.payer, v.date]), stamp).toEqual([
        [['97110 23/3'], 'Medicare', '2026-11-02'],
        [['97112 30/2'], 'Aetna', '2026-11-02'],
      ]);
    }
  });

  it('signedDay and namedByPatientOnly on real stamps', () => {
    for (const [s, d] of [
      ['Lee, Ann — Signed 11/02/26', '2026-11-02'],
      ['Lee, Ann — Signed 2026-11-02', '2026-11-02'],
      ['Lee, Ann — Co-signed 11/02/2026', '2026-11-02'],
      ['Lee, Ann — Cosigned 11/02/2026', '2026-11-02'],
      ['Lee, Ann — Electronically signed 11/02/2026', '2026-11-02'],
      ['Lee, Ann · Locked 11/02/2026', '2026-11-02'],
      ['Lee, Ann — Signed 11/02/2026 · DOB 03/04/1941', '2026-11-02'],
    ] as const) {
      expect(signedDay(s), s).toBe(d);
      expect(namedByPatientOnly({ who: 'ann lee', label: s }), s).toBe(true);
    }
    // A date that is no stamp's still names the visit.
    expect(namedByPatientOnly({ who: 'ann lee', label: 'Lee, Ann — 10/30/2026' })).toBe(false);
  });

  it('"Today", "Today\'s note", "New Treatment Note", "Current visit" after an earlier signed note (any date format): today\'s visit apart, the notes before it history', () => {
    onNov2();
    for (const [old, h] of [
      ['Treatment Note — 10/30/2026', 'Today'],
      ['Treatment Note — 10/30/2026', "Today's note"],
      ['Treatment Note — 10/30/2026', 'New Treatment Note'],
      ['Treatment Note — 10/30/2026', 'Current visit'],
      ['Treatment Note — 2026-10-30', 'Today'],
      ['Treatment Note — 10/30/26', 'Today:'],
    ] as const) {
      const u = read(chart(signedNote('Treatment Note — 10/28/2026'), signedNote(old), todaysNote(h)));
      expect(linesOf(u), `${old} / ${h}`).toEqual([['97110 23/2', '97140 15/1']]);
      expect(historyLabels(u), `${old} / ${h}`).toHaveLength(2);
    }
  });

  it('"Today" under a note signed TODAY (a part of today\'s note, or today\'s second session) stays with it: one visit of the day', () => {
    onNov2();
    const u = read(chart(signedNote('Treatment Note — 11/02/2026'), todaysNote('Today')));
    expect(checked(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 30/2', '97140 8/1', '97110 23/2', '97140 15/1']]]);
  });

  it('a page stating its date of service: the Today rule stays out (G8\'s way decides)', () => {
    onNov2();
    const u = read(`<h1>Lee, Ann</h1><p>Payer: Medicare · Date of service: 11/02/2026</p>${signedNote('Treatment Note — 10/30/2026')}${todaysNote('Today')}`);
    expect(checked(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 23/2', '97140 15/1']]]);
  });

  it('live: today\'s "Today" heading stamped "Treatment Note — 11/02/2026" and made read-only on signing: still apart, dated 11/02, as a fresh read has it', async () => {
    onNov2();
    document.body.innerHTML = chart(signedNote('Treatment Note — 10/30/2026'), todaysNote('Today'));
    const session = new PageSession(document, () => OPTIONS);
    const first = session.flush()!;
    expect(linesOf(first)).toEqual([['97110 23/2', '97140 15/1']]);
    session.mutations(
      await mutate(() => {
        document.getElementById('now')!.textContent = 'Treatment Note — 11/02/2026';
        for (const i of Array.from(document.querySelectorAll('section.note')[1]!.querySelectorAll('input'))) i.setAttribute('readonly', '');
      }, document),
      () => false,
    );
    session.changedValues();
    const h = held([first, session.flush()]);
    // (As a fresh read of the page: with no note typed in any more, each signed note is checked, by its own day.)
    const fresh = new PageSession(document, () => OPTIONS).flush()!;
    expect(h.lines).toEqual(linesOf(fresh));
    expect([h.dates, h.lines]).toEqual([['2026-10-30', '2026-11-02'], [['97110 30/2', '97140 8/1'], ['97110 23/2', '97140 15/1']]]);
  });

  it('live: a row added to the "Today" table after the first read joins today\'s visit, not the signed note', async () => {
    onNov2();
    document.body.innerHTML = chart(signedNote('Treatment Note — 10/30/2026'), todaysNote('Today'));
    const session = new PageSession(document, () => OPTIONS);
    const first = session.flush();
    session.mutations(
      await mutate(() => {
        const tr = document.createElement('tr');
        tr.innerHTML = '<td>97112</td><td><input value="10"></td><td><input value="1"></td>';
        document.querySelectorAll('section.note')[1]!.querySelector('tbody')!.append(tr);
      }, document),
      () => false,
    );
    session.changedValues();
    const h = held([first, session.flush()]);
    expect(h.lines).toEqual([['97110 23/2', '97140 15/1', '97112 10/1']]);
    expect(h.history).toHaveLength(1);
  });

  it('headerPayer with the appointment time before the name, in other forms', () => {
    for (const h of ['9:00 AM — Lee, Ann — Medicare', '9:00 AM | Lee, Ann | Medicare', '9:00-9:45 AM · Lee, Ann · Medicare', '9:00a Lee, Ann · Medicare', '9:00 AM · Ann Lee · Medicare', '9:00 AM · Lee, Ann (MRN 1001) · Medicare', 'Lee, Ann · Medicare · 9:00 AM'])
      expect(headerPayer(h), h).toBe('Medicare');
    // A time before an intervention is no person's heading.
    expect(headerPayer('9:00 AM · Gait Training · Medicare')).toBeUndefined();
    // (Her heading names her, its time and payer beside: a day sheet's patients told apart by it, R9.)
    expect(personName('9:00 AM · Lee, Ann · Medicare')).toBe('ann lee');
  });

  it('row-header names: an ARIA rowheader pairs as a <th> does; a day left blank in both rows is no line; a "Total timed minutes" row header is no line', () => {
    const grid = read(`<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
      <div role="grid"><div role="row"><div role="columnheader">Row</div><div role="columnheader">10/30/2026</div><div role="columnheader">11/02/2026</div></div>
        <div role="row"><div role="rowheader">97110 Ther Ex — minutes</div><div role="gridcell">25</div><div role="gridcell"><input aria-label="a" value="23"></div></div>
        <div role="row"><div role="rowheader">97110 Ther Ex — units</div><div role="gridcell">2</div><div role="gridcell"><input aria-label="b" value="2"></div></div>
      </div>`);
    expect(linesOf(grid)).toEqual([['97110 23/2']]);
    const th = (name: string, old: string, now: string) => `<tr><th scope="row">${name}</th><td>${old}</td><td><input value="${now}"></td></tr>`;
    const blank = read(`<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p><table><thead><tr><th>Row</th><th>10/30/2026</th><th>11/02/2026</th></tr></thead><tbody>
      ${th('Total timed minutes', '35', '23')}${th('97110 Ther Ex — minutes', '25', '23')}${th('97110 Ther Ex — units', '2', '2')}${th('97140 Manual — minutes', '10', '')}${th('97140 Manual — units', '1', '')}</tbody></table>`);
    expect(checked(blank).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 23/2']]]);
  });

  it('a flowsheet typed in every day\'s column: a row blank today is no line; units rows under dated columns get no "minutes or units" note', () => {
    const u = read(`<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>${T(['Intervention', '10/30/2026', '11/02/2026'], [['97110 Ther Ex (min)', '=25', '=23'], ['97140 Manual (min)', '=10', '=']])}`);
    expect(linesOf(u)).toEqual([['97110 23/-']]);
    const units = read(`<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p><table><thead><tr><th>Row</th><th>10/30/2026</th><th>11/02/2026</th></tr></thead><tbody>
      <tr><th scope="row">97110 Ther Ex (units)</th><td>2</td><td><input value="2"></td></tr></tbody></table>`);
    expect(linesOf(units)).toEqual([['97110 -/2']]);
    expect(units.visits.flatMap((v) => v.notes).filter((n) => n.includes('minutes or units'))).toEqual([]);
  });
});
