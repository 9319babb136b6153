import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles, type CheckOptions } from '../../lib/batch/check';
import { CLEAR, CLIPBOARD, CSI, RLO, TITLE } from './hostile-text';

// The CLI takes its output as UTF-8 bytes (writeBytes); every other caller as text (write).
// Both must carry exactly the same output, in JSON Lines and as the table.

const DIR = 'test/fixtures/exports';
const exports = readdirSync(DIR)
  .filter((f) => !f.endsWith('.ts'))
  .map((name) => ({ name, text: new Uint8Array(readFileSync(join(DIR, name))) }));
// Text a terminal would act on, a lone surrogate, and characters outside the BMP.
const hostile = `Visit ID,Date,Payer,CPT,Description,Minutes\nV1,2026-03-16,Medicare${CSI},97110,Ther ex ${CLEAR}${TITLE}${CLIPBOARD}${RLO} \ud800 knee \u{1f600},23\nV2,2026-03-16,Aetna,97140,Manual \u2028 therapy,10\n`;
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
});
