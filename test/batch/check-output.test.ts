import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchCheck, checkFiles, checkVisits, type CheckOptions, type CheckSummary, type Offload } from '../../lib/batch/check';
import { generateVisits, visitsToCsv } from '../bench/generate';
import { CLEAR, CLIPBOARD, CSI, RLO, TITLE } from './hostile-text';

// The CLI takes its output as UTF-8 bytes (writeBytes); every other caller as text (write).
// Both must carry exactly the same output, in JSON Lines and as the table.

const DIR = 'test/fixtures/exports';
const exports = readdirSync(DIR)
  .filter((f) => !f.endsWith('.ts'))
  .map((name) => ({ name, text: new Uint8Array(readFileSync(join(DIR, name))) }));
// Text a terminal would act on, a lone surrogate, and characters outside the BMP.
// V3's id and payer (both in its JSON line) hold one character of each kind JSON.stringify leaves raw.
const RAW_ID = 'V3\u007f\u0085\u009f\u2028\u2029\u202a\u202e\u2066\u2069 \u2192\u2013\u00a7';
const hostile = `Visit ID,Date,Payer,CPT,Description,Minutes\nV1,2026-03-16,Medicare${CSI},97110,Ther ex ${CLEAR}${TITLE}${CLIPBOARD}${RLO} \ud800 knee \u{1f600},23\nV2,2026-03-16,Aetna,97140,Manual \u2028 therapy,10\n${RAW_ID},2026-03-16,Medicare\u0090,97110,Ther ex,23\n`;
const files = [...exports, { name: 'hostile.csv', text: hostile }];

/** The output as the bytes that reach stdout (text is written as UTF-8 by process.stdout). */
function output(json: boolean, bytes: boolean): Buffer {
  const text: string[] = [];
  const chunks: Uint8Array[] = [];
  const options: CheckOptions = { json, write: (t) => text.push(t), warn: () => {} };
  if (bytes) options.writeBytes = (b) => chunks.push(b.slice());
  checkFiles(files, options);
  if (!bytes) return Buffer.from(text.join(''), 'utf8');
  expect(text).toEqual([]);
  return Buffer.concat(chunks);
}

describe('batch output as bytes', () => {
  it.each([true, false])('json %s: the same output as text', (json) => {
    const asText = output(json, false);
    expect(asText.length).toBeGreaterThan(10_000);
    expect(output(json, true).equals(asText)).toBe(true);
  });

  it('a JSON line with characters a terminal acts on has them escaped in the bytes, and reads back as the same text', () => {
    const lines = output(true, true).toString('utf8').split('\n');
    const v3 = lines.find((l) => l.includes('"id":"V3'))!;
    expect(v3).toContain('V3\\u007f\\u0085\\u009f\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069 \u2192\u2013\u00a7');
    expect(JSON.parse(v3)).toMatchObject({ id: RAW_ID, payer: 'Medicare\u0090' });
    for (const line of lines) expect(line).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});

// Large exports go to other threads in batches (the CLI's ThreadPool); batches come back in any
// order, some are checked here when every thread is busy, and the output must still be the
// same bytes in the same order, with the same summary.
describe('batch check with batches offloaded', () => {
  const big = { name: 'generated.csv', text: visitsToCsv(generateVisits(4_000, 7)) };
  const all = [...files, big];

  function serial(json: boolean): { bytes: Buffer; summary: CheckSummary } {
    const chunks: Uint8Array[] = [];
    const summary = checkFiles(all, { json, write: () => {}, writeBytes: (b) => chunks.push(b.slice()), warn: () => {} });
    return { bytes: Buffer.concat(chunks), summary };
  }

  /** An Offload that answers after a random delay, so later batches often come back first. */
  function shuffled(json: boolean, seed: number): Offload & { handed: number; kept: number } {
    let s = seed;
    const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    return {
      handed: 0,
      kept: 0,
      busy() {
        const busy = random() < 0.3;
        if (busy) this.kept += 1;
        return busy;
      },
      check(visits, inputHasMinutes) {
        this.handed += 1;
        // Each batch crosses a thread as a copy: nothing may depend on sharing the objects.
        const copy = structuredClone(visits);
        return new Promise((resolve) => setTimeout(() => resolve(checkVisits(copy, inputHasMinutes, { json })), random() * 5));
      },
      close() {},
    };
  }

  async function offloaded(json: boolean, offload: Offload, offloadAfter: number) {
    const chunks: Uint8Array[] = [];
    const check = new BatchCheck({ json, write: () => {}, writeBytes: (b) => chunks.push(b.slice()), warn: () => {}, offload, offloadAfter });
    for (const file of all) {
      const f = check.open(file.name);
      // In slices, as the CLI pushes a file's chunks, waiting between them.
      for (let at = 0; at < file.text.length; at += 20_000) {
        f.push(file.text.slice(at, at + 20_000));
        await check.ready();
      }
      f.end();
    }
    const summary = await check.settle();
    return { bytes: Buffer.concat(chunks), summary };
  }

  it.each([true, false])('json %s: the same bytes and summary as checking every visit on one thread', async (json) => {
    const want = serial(json);
    expect(want.summary.visits).toBeGreaterThan(4_000);
    for (const [seed, after] of [[1, 0], [2, 250]] as const) {
      const offload = shuffled(json, seed);
      const got = await offloaded(json, offload, after);
      expect(offload.handed).toBeGreaterThan(2);
      expect(offload.kept).toBeGreaterThan(0);
      expect(got.bytes.equals(want.bytes)).toBe(true);
      expect({ ...got.summary, reports: undefined }).toEqual({ ...want.summary, reports: undefined });
    }
    // Three checks of 4,000+ visits: about 3 s alone, over vitest's 5 s when other suites share the cores.
  }, 30_000);

  it('a JSON array, handed over whole at its end, is checked here: no batch goes out for it', async () => {
    const visits = JSON.parse(JSON.stringify(generateVisits(3_000, 5)));
    const text = JSON.stringify(visits);
    const chunks: Uint8Array[] = [];
    const one = checkFiles([{ name: 'visits.json', text }], { json: true, write: () => {}, writeBytes: (b) => chunks.push(b.slice()), warn: () => {} });
    const offload = shuffled(true, 4);
    const got: Uint8Array[] = [];
    const check = new BatchCheck({ json: true, write: () => {}, writeBytes: (b) => got.push(b.slice()), warn: () => {}, offload, offloadAfter: 0 });
    const f = check.open('visits.json');
    f.push(text);
    f.end();
    const summary = await check.settle();
    expect(offload.handed).toBe(0);
    expect(summary.visits).toBe(one.visits);
    expect(Buffer.concat(got).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('a thread that fails: its visits are checked on this thread instead, said once, the output whole', async () => {
    const want = serial(true);
    const chunks: Uint8Array[] = [];
    const warned: string[] = [];
    const offload: Offload = { busy: () => false, check: () => Promise.reject(new Error('a checking thread stopped (exit code 1)')), close: () => {} };
    const check = new BatchCheck({ json: true, write: () => {}, writeBytes: (b) => chunks.push(b.slice()), warn: (l) => warned.push(l), offload, offloadAfter: 10 });
    for (const file of all) {
      const f = check.open(file.name);
      f.push(file.text);
      await check.ready();
      f.end();
    }
    const summary = await check.settle();
    expect(Buffer.concat(chunks).equals(want.bytes)).toBe(true);
    expect(summary.visits).toBe(want.summary.visits);
    expect(warned.filter((l) => l === 'a checking thread stopped (exit code 1); its visits are checked on the main thread')).toHaveLength(1);
  });

  it('a batch this thread cannot check either stops the run with that error, and nothing after it is written', async () => {
    const chunks: Uint8Array[] = [];
    const offload: Offload = { busy: () => false, check: () => Promise.reject(new Error('thread gone')), close: () => {} };
    // Rule data without its tables: evaluate throws on every thread.
    const check = new BatchCheck({ json: true, data: {} as never, write: () => {}, writeBytes: (b) => chunks.push(b), warn: () => {}, offload, offloadAfter: 0 });
    const f = check.open(big.name);
    f.push(big.text);
    f.end();
    await expect(check.settle()).rejects.toThrow();
    expect(check.failed).toBe(true);
    expect(chunks).toEqual([]);
  });

  it('stderr lines keep their place among the visits while batches are out', async () => {
    // An export whose 837P-style report tail and a second file's head come after the first
    // file's visits: every stderr line goes out after the output written before it was said.
    const events: string[] = [];
    const record = (json: boolean, offload?: Offload) =>
      new BatchCheck({ json, write: () => {}, writeBytes: (b) => events.push(`out:${b.length}`), warn: (l) => events.push(`err:${l}`), offload, offloadAfter: 100 });
    const run = async (check: BatchCheck) => {
      for (const file of all) {
        const f = check.open(file.name);
        f.push(file.text);
        await check.ready();
        f.end();
      }
      await check.settle();
    };
    const order = (list: string[]) => {
      // Output bytes before each stderr line, whatever the chunking.
      let bytes = 0;
      return list.flatMap((e) => (e.startsWith('out:') ? ((bytes += Number(e.slice(4))), []) : [`${bytes} ${e}`]));
    };
    await run(record(true));
    const one = order(events.splice(0));
    await run(record(true, shuffled(true, 3)));
    expect(order(events.splice(0))).toEqual(one);
    expect(one.length).toBeGreaterThan(10);
  });
});
