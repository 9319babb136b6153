import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FromWorker, FromWorkerReceived, ToWorker } from '../../entrypoints/batch/protocol';
import { checkFile, previewFile, PREVIEW_BYTES } from '../../entrypoints/batch/run-check';
import { WEEK } from '../fixtures/exports/week';
import { checkedOf } from './stored-results';
import { ResultStore } from '../../entrypoints/batch/result-store';

// What the Batch page's worker does, without a worker: a File read a slice at a time, each
// visit checked, results in batches, progress, the mapping report; every message it posts is
// one the page accepts (protocol.ts).

const blob = (path: string) => new Blob([readFileSync(path)]);
const EPIC = 'test/fixtures/exports/epic-clarity.csv';

async function run(file: Blob, name: string, mapping = {}, rules = {}) {
  const posted: FromWorker[] = [];
  await checkFile(file, name, { mapping }, (m) => posted.push(m), rules);
  return posted;
}

describe('the check worker', () => {
  it('checks the Epic-style week: 12 visits, each with its expected findings; all messages valid', async () => {
    const posted = await run(blob(EPIC), 'epic.csv');
    for (const m of posted) expect(FromWorker.safeParse(m).success, m.type).toBe(true);
    const checked = checkedOf(posted);
    expect(checked.map((c) => c.visit.id)).toEqual(WEEK.map((w) => w.visit.id));
    for (const w of WEEK) {
      const c = checked.find((x) => x.visit.id === w.visit.id)!;
      expect([...new Set(c.evaluation.findings.map((f) => f.rule))].sort(), w.visit.id).toEqual([...w.expected].sort());
    }
    const done = posted.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type === 'done') expect(done.report.visits).toBe(12);
    const progress = posted.filter((m) => m.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ bytes: progress.at(-1)!.total, visits: 12 });
  });

  it('reads a file larger than its slice, with progress that only grows', async () => {
    const text = readFileSync(EPIC, 'utf8');
    const [head, ...rows] = text.trimEnd().split('\n');
    // 3 MB: the same week many times, each copy's visit ids made unique.
    const copies = Array.from({ length: Math.ceil((3 * 1024 * 1024) / text.length) }, (_, i) => rows.map((r) => r.replace(/^W(\d+)/, `C${i}W$1`)).join('\n'));
    const big = new Blob([`${head}\n${copies.join('\n')}\n`]);
    const posted = await run(big, 'big.csv');
    const progress = posted.filter((m): m is Extract<FromWorker, { type: 'progress' }> => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(3);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytes).toBeGreaterThanOrEqual(progress[i - 1]!.bytes);
    const count = checkedOf(posted).length;
    expect(count).toBe(copies.length * 12);
    // Batches, not one message per visit.
    expect(posted.filter((m) => m.type === 'results').length).toBeLessThan(count / 100);
  }, 30_000); // (3 MB through the reader: over 5 s once on a loaded machine)

  it('the preview reads only the start of a file and says whether it saw all of it', async () => {
    const small = await previewFile(blob(EPIC), 'epic.csv', {});
    expect(small.complete).toBe(true);
    expect(small.visits).toHaveLength(10);
    expect(small.report.columns.find((c) => c.name === 'TIMED_MINUTES')?.role).toBe('minutes');
    const large = await previewFile(new Blob([readFileSync(EPIC), new Uint8Array(PREVIEW_BYTES)]), 'epic.csv', {});
    expect(large.complete).toBe(false);
  });

  it('a mapping chosen by the user is used (a column read as minutes by number)', async () => {
    const text = readFileSync('test/fixtures/exports/excel-touched.csv', 'utf8').replace('"Minutes"', '"Dauer"');
    const before = await previewFile(new Blob([text]), 'x.csv', {});
    expect(before.report.columns.find((c) => c.name === 'Dauer')?.role).toBeUndefined();
    const after = await previewFile(new Blob([text]), 'x.csv', { mapping: { minutes: 7 } });
    expect(after.report.columns.find((c) => c.name === 'Dauer')).toMatchObject({ role: 'minutes', how: 'chosen' });
    expect(after.visits[0]!.visit.entries[0]!.minutes).toBe(33);
  });

  it("checks with the practice's stored settings and policy, as the side panel does", async () => {
    const rulesOf = (posted: FromWorker[]) => checkedOf(posted).flatMap((c) => c.evaluation.findings.map((f) => f.rule));
    expect(rulesOf(await run(blob(EPIC), 'epic.csv'))).toContain('units.low-average');
    // A rule the practice turned off in Options is not reported here either.
    const off = await run(blob(EPIC), 'epic.csv', {}, { local: { rules: { 'units.low-average': { enabled: false } } } });
    expect(rulesOf(off)).not.toContain('units.low-average');
    expect(rulesOf(off)).toContain('units.over-billed');
    // A broken imported data pack: the built-in tables, and a warning that says so.
    const broken = await run(blob(EPIC), 'epic.csv', {}, { pack: { not: 'a pack' } });
    const done = broken.at(-1)!;
    expect(done.type === 'done' && done.warnings[0]).toMatch(/imported rule data could not be read/);
  });

  it('an unreadable file is a read error in the done message, not a crash', async () => {
    const posted = await run(new Blob(['just,some\nwords,here\n']), 'x.csv');
    const done = posted.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type === 'done') expect(done.errors[0]?.reason).toMatch(/cannot find the header row/);
  });
});

describe('protocol', () => {
  it('stops at the page\'s limit of visits and says where: the visits after it are not checked, never dropped in silence', async () => {
    const posted: FromWorker[] = [];
    await checkFile(blob(EPIC), 'epic.csv', { mapping: {} }, (m) => posted.push(m), {}, 5);
    for (const m of posted) expect(FromWorker.safeParse(m).success, m.type).toBe(true);
    const checked = checkedOf(posted);
    expect(checked).toHaveLength(5);
    const done = posted.at(-1)!;
    if (done.type !== 'done') throw new Error(done.type);
    // The whole file, checked: the sixth visit (in line order) is where the limit stopped it.
    const all = checkedOf(await run(blob(EPIC), 'epic.csv'));
    expect(all).toHaveLength(12);
    const sixth = all.map((c) => c.line).sort((a, b) => a - b)[5]!;
    expect(done.stopped).toEqual({ visits: 5, line: sixth });
    expect(checked.every((c) => c.line < sixth)).toBe(true);
    // Under the limit, nothing is said.
    const whole = (await run(blob(EPIC), 'epic.csv')).at(-1)!;
    expect(whole.type === 'done' && whole.stopped).toBeFalsy();
  });

  it('after a stop, the problems of the rows past it are not listed: those visits were not checked', async () => {
    // A visit with an impossible date at the end: said when the whole file is checked, not after a stop before it.
    const text = `${readFileSync(EPIC, 'utf8').trimEnd()}\nZ99,"X,Y",13/45/2026,MEDICARE,Physical Therapy,97110,30,2,GP,\n`;
    const errorsOf = async (max?: number) => {
      const posted: FromWorker[] = [];
      await checkFile(new Blob([text]), 'epic.csv', { mapping: {} }, (m) => posted.push(m), {}, max);
      const done = posted.at(-1)!;
      if (done.type !== 'done') throw new Error(done.type);
      return done.errors.map((e) => e.reason);
    };
    expect(await errorsOf()).toEqual([expect.stringMatching(/^visit "Z99" skipped: date "13\/45\/2026" is not a calendar date/)]);
    expect(await errorsOf(5)).toEqual([]);
  });

  it('the worker accepts only well-formed requests', () => {
    const file = new Blob(['x']);
    expect(ToWorker.safeParse({ type: 'run', file, name: 'a.csv', mapping: { minutes: 7, payer: null } }).success).toBe(true);
    expect(ToWorker.safeParse({ type: 'run', file: 'not a file', name: 'a.csv', mapping: {} }).success).toBe(false);
    expect(ToWorker.safeParse({ type: 'run', file, name: 'a.csv', mapping: { shoeSize: 7 } }).success).toBe(false);
    expect(ToWorker.safeParse({ type: 'delete-everything' }).success).toBe(false);
  });

  it('the page drops a malformed answer', async () => {
    const results = (await run(blob(EPIC), 'epic.csv')).find((m) => m.type === 'results')!;
    if (results.type !== 'results') throw new Error(results.type);
    const row = results.rows[0]!;
    for (const schema of [FromWorker, FromWorkerReceived]) {
      expect(schema.safeParse(results).success).toBe(true);
      // The old shape (visits as objects), rows that are not rows, bytes that are not bytes.
      expect(schema.safeParse({ type: 'results', items: [{ line: 1, visit: { entries: [] }, evaluation: { findings: [], lines: [] } }] }).success).toBe(false);
      expect(schema.safeParse({ ...results, rows: [{ ...row, line: '1' }] }).success).toBe(false);
      expect(schema.safeParse({ ...results, rows: [{ ...row, rules: ['units.over-billed'] }] }).success).toBe(false);
      expect(schema.safeParse({ ...results, rows: [{ ...row, clinicians: 'Kim' }] }).success).toBe(false);
      expect(schema.safeParse({ ...results, rows: 'none' }).success).toBe(false);
      expect(schema.safeParse({ ...results, bytes: Array.from(results.bytes) }).success).toBe(false);
      expect(schema.safeParse({ ...results, ends: [1, 2] }).success).toBe(false);
      expect(schema.safeParse({ type: 'progress', bytes: '1' }).success).toBe(false);
      expect(schema.safeParse({ type: 'done', report: {}, errors: [], warnings: [] }).success).toBe(false);
    }
  });

  it('a sparse list of rows (holes survive a structured clone) is refused on receipt and by the store, never a crash', async () => {
    const results = (await run(blob(EPIC), 'epic.csv')).find((m) => m.type === 'results')!;
    if (results.type !== 'results') throw new Error(results.type);
    const holey = [results.rows[0]!];
    holey.length = 2;
    const message = structuredClone({ ...results, rows: holey });
    expect(FromWorkerReceived.safeParse(message).success).toBe(false);
    expect(new ResultStore().add(message)).toBe('batch 0 has 2 visits but ' + results.ends.length + ' results');
    expect(new ResultStore().add({ ...message, ends: message.ends.subarray(0, 2) })).toBe('batch 0: visit 1 has no row');
    const rules = [...results.rows[0]!.rules];
    rules.length += 1;
    expect(FromWorkerReceived.safeParse(structuredClone({ ...results, rows: [{ ...results.rows[0]!, rules }] })).success).toBe(false);
  });

  it("a patient's spend summed past any therapy year: both visits checked and shown, the second without a spend and with an error saying why", async () => {
    const text = 'Visit ID,Patient,DOS,Payer,CPT,Mins,Units,Modifiers,Allowed\nD1,P,12/01/2025,Medicare,97110,45,3,GP,"$6,000,000.00"\nD2,P,12/02/2025,Medicare,97110,45,3,GP,"$6,000,000.00"\n';
    const posted: FromWorker[] = [];
    await checkFile(new Blob([text]), 'spend.csv', { mapping: {}, accumulateSpend: true }, (m) => posted.push(m));
    const store = new ResultStore();
    for (const m of posted) if (m.type === 'results') expect(store.add(m)).toBeUndefined();
    const shown = store.rows.map((r) => store.decode(r));
    expect(shown.map((c) => ('problem' in c ? c.problem : c.visit.id))).toEqual(['D1', 'D2']);
    expect(shown.map((c) => ('problem' in c ? c.problem : c.visit.ytdTherapySpend))).toEqual([{ ptSlp: 6_000_000, ot: 0 }, undefined]);
    const done = posted.at(-1)!;
    expect(done.type === 'done' && done.errors.map((e) => e.reason)).toEqual([expect.stringMatching(/^visit "D2": patient "P"'s 2025 spend is not summed from here on/)]);
  });

  it("each batch's bytes are handed to the page, not copied", async () => {
    const transferred: Transferable[][] = [];
    const posted: FromWorker[] = [];
    await checkFile(blob(EPIC), 'epic.csv', { mapping: {} }, (m, transfer) => (posted.push(m), transferred.push(transfer ?? [])), {});
    posted.forEach((m, i) => expect(transferred[i]).toEqual(m.type === 'results' ? [m.bytes.buffer] : []));
  });
});
