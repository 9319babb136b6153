// @vitest-environment happy-dom
// A day sheet row (Date | Patient | CPT | Minutes | Units | Modifiers) whose Date cell holds
// something that is no date (a date box typed in part, value '' and validity.badInput; text
// "11/0", "13/45/2026") continues no other day's visit, and is said. A blank Date cell still
// continues the row above's (a date written once for its rows). See review-ce34a24.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBadInput, typedBad, typedRight } from './bad-input';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import { evaluate } from '../../lib/rules/evaluate';
import { PageSession, type PageUpdate } from '../../lib/live/page-session';
import type { Visit } from '../../lib/model';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

const OPTS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);
afterEach(restoreBadInput);

const $ = (sel: string) => document.querySelector(sel)!;
const rules = (v: Visit) => evaluate(v).findings.map((f) => f.rule);
/** One line of Ann Lee's: 10 minutes billed 1 unit (fine alone; two of a day are 20 minutes, 1 unit). */
const row = (id: string, date: string, code: string, type = 'date') =>
  `<tr><td><input type="${type}" id="${id}" value="${date}"></td><td><input value="Ann Lee"></td><td><input value="${code}"></td><td><input type="number" value="10"></td><td><input type="number" value="1"></td><td><input value="GP"></td></tr>`;
const sheet = (rows: string, head = '<h1>Day sheet</h1><p>Payer: Medicare Part B</p>') =>
  `${head}<table><thead><tr><th>Date</th><th>Patient</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;
const read = () => new PageSession(document, () => OPTS).flush()!;
const notesOf = (u: PageUpdate) => u.visits.flatMap((v) => v.notes ?? []);
const codesOf = (u: PageUpdate) => u.visits.map((v) => v.visit.entries.map((e) => e.code).join(' '));
const noOverBilling = (u: PageUpdate) => {
  for (const v of u.visits) expect(rules(v.visit)).not.toContain('units.over-billed');
};

describe('a day sheet row whose Date cell says no day', () => {
  it('text "11/0" typed in a text Date box: its line is kept from the row above\'s 11/02 visit, and said', () => {
    document.body.innerHTML = sheet(row('d1', '11/02/2026', '97110', 'text') + row('d2', '11/0', '97112', 'text'));
    const update = read();
    expect(codesOf(update)).toEqual(['97110', '97112']);
    expect(update.visits[0]!.visit.dateOfService).toBe('2026-11-02');
    noOverBilling(update);
    expect(notesOf(update)).toEqual([
      "Could not read the date of service '11/0' in row 1 (Ann Lee, 97112): it is not a whole date (month, day and year); finish or correct the date.",
    ]);
  });

  it('"13/45/2026" (no such month or day): kept apart and said, not read as the row above\'s day', () => {
    document.body.innerHTML = sheet(row('d1', '11/02/2026', '97110', 'text') + row('d2', '13/45/2026', '97112', 'text'));
    const update = read();
    expect(codesOf(update)).toEqual(['97110', '97112']);
    noOverBilling(update);
    expect(notesOf(update).join('\n')).toMatch(/^Could not read the date of service '13\/45\/2026' in row 1 \(Ann Lee, 97112\): .+; finish or correct the date\.$/);
  });

  it('the second of three Date boxes typed in part (badInput): three visits, the second said unread, the third keeps its own day', () => {
    document.body.innerHTML = sheet(row('d1', '2026-11-02', '97110') + row('d2', '2026-11-03', '97112') + row('d3', '2026-11-04', '97140'));
    expect(read().list).toHaveLength(3);
    typedBad($('#d2'));
    const update = read();
    expect(codesOf(update)).toEqual(['97110', '97112', '97140']);
    expect(update.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-11-02', undefined, '2026-11-04']);
    noOverBilling(update);
    const notes = notesOf(update);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Could not read the date of service in row 1 \(Ann Lee, 97112\): the box holds something the browser does not accept .+; finish or correct the date\.$/);
    expect(update.visits[1]!.notes).toEqual(notes);
  });

  it('typed in part on a page being watched: the edit splits the line off at once; the date finished, the note goes', () => {
    document.body.innerHTML = sheet(row('d1', '2026-11-02', '97110') + row('d2', '2026-11-03', '97112'));
    const session = new PageSession(document, () => OPTS);
    expect(session.flush()!.list).toHaveLength(2);
    typedBad($('#d2'));
    session.edit($('#d2'));
    // (A live update sends the visits changed: here the one split off.)
    const split = session.flush()!;
    expect(split.list).toHaveLength(2);
    expect(codesOf(split)).toEqual(['97112']);
    noOverBilling(split);
    expect(notesOf(split).join('\n')).toMatch(/Could not read the date of service in row 1 \(Ann Lee, 97112\)/);
    typedRight($('#d2'));
    ($('#d2') as HTMLInputElement).value = '2026-11-03';
    session.edit($('#d2'));
    const done = session.flush()!;
    expect(done.list).toHaveLength(2);
    expect(done.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-11-03']);
    expect(notesOf(done)).toEqual([]);
  });

  it('under a page stating its date of service (a one-visit form\'s Date column), the line stays the visit\'s, and is said', () => {
    // (As day-sheet-regressions R7: one visit, its 20 minutes billed 2 units over-billed.)
    document.body.innerHTML = sheet(row('d1', '11/02/2026', '97110', 'text') + row('d2', '11/0', '97112', 'text'), '<h1>Daily note — Ann Lee</h1><p>Payer: Medicare Part B · Date of service: 11/02/2026</p>');
    const update = read();
    expect(codesOf(update)).toEqual(['97110 97112']);
    expect(update.visits[0]!.visit.dateOfService).toBe('2026-11-02');
    expect(notesOf(update)).toEqual([
      "Could not read the date of service '11/0' in row 2 (Ann Lee, 97112): it is not a whole date (month, day and year); finish or correct the date.",
    ]);
  });
});

describe('guards: as before', () => {
  it('a blank Date cell (or a ditto mark) under a dated row continues the row above\'s visit (a date written once for its rows)', () => {
    for (const [type, under] of [['text', ''], ['date', ''], ['text', '〃'], ['text', '—']]) {
      document.body.innerHTML = sheet(row('d1', type === 'date' ? '2026-11-02' : '11/02/2026', '97110', type) + row('d2', under!, '97112', type));
      const update = read();
      expect(codesOf(update), `${type} ${under}`).toEqual(['97110 97112']);
      expect(update.visits[0]!.visit.dateOfService).toBe('2026-11-02');
      expect(notesOf(update).join('\n')).not.toMatch(/could not read the date/i);
    }
  });

  it('a whole date still splits the visits by day', () => {
    document.body.innerHTML = sheet(row('d1', '11/02/2026', '97110', 'text') + row('d2', '11/03/2026', '97112', 'text'));
    const update = read();
    expect(codesOf(update)).toEqual(['97110', '97112']);
    expect(update.visits.map((v) => v.visit.dateOfService)).toEqual(['2026-11-02', '2026-11-03']);
    expect(notesOf(update)).toEqual([]);
    noOverBilling(update);
  });
});
