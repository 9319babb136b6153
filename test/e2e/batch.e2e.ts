import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { networkCalls } from '../../lib/audit/build-audit';
import { DEV_OUT_DIR } from '../../lib/dev-origins';
import { LayoutsFile } from '../../lib/batch/layouts';
import { useDemoBrowser } from './session';
import { read as readWorkbook, utils as sheetUtils, write as writeWorkbook } from '@e965/xlsx';

// The Batch page in Chromium with the built extension: pick a sample export whose minutes
// column has a name the reader does not know ("Dauer"), see the mapping (minutes ignored),
// read that column as minutes (W04's 3 units for 30 minutes are then caught), check in the
// worker, filter by rule, export CSV (a visit id "=W03" comes back escaped), print styles,
// drop a file on the drop zone; nothing leaves the browser. Screenshot for the README.

const env = useDemoBrowser();
const SHOTS = 'docs/screenshots';

/** The Excel-touched week with two changes: an unknown minutes header, and a formula-like id. */
const sample = () =>
  readFileSync('test/fixtures/exports/excel-touched.csv', 'utf8')
    .replace('"Minutes"', '"Dauer"')
    .replaceAll('"W03"', '"=W03"');

async function openBatch(): Promise<Page> {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(`chrome-extension://${env.extensionId}/batch.html`);
  await page.getByRole('heading', { name: 'Check an export file' }).waitFor();
  return page;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations, light and dark (injected through evaluate: the page's CSP allows no inline script). */
async function axeViolations(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations;
    });
    out.push(...violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join('; ')}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return out;
}

/**
 * The results table's cells drawn on more lines than they have words: a word broken inside it
 * ("Me/dic/are", "UnitedHeal/thcare", the header "Pa/ye/r": the page's `overflow-wrap:
 * anywhere` let the Payer column shrink to a few letters while Findings had room to spare).
 */
const wordsBroken = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll('table.results th, table.results td')].flatMap((cell) => {
      // Its words as drawn: each text node's line boxes (a visually hidden 1 px one left out).
      const tops = new Set<number>();
      const words: string[] = [];
      const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let t = walk.nextNode(); t; t = walk.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(t);
        const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
        if (!rects.length) continue;
        for (const r of rects) tops.add(Math.round(r.bottom));
        words.push(...t.textContent!.trim().split(/\s+/).filter(Boolean));
      }
      return words.length && tops.size > words.length ? [`${words.join(' ').slice(0, 40)}: ${tops.size} lines`] : [];
    }),
  );

const columnSelect = (page: Page, name: string) => page.getByRole('combobox', { name: `Read column ${name} as` });

describe('Batch page in Chromium', () => {
  it('the built batch page and its worker hold no network API (papaparse streamer stubbed)', () => {
    const dir = `${DEV_OUT_DIR}/chrome-mv3`;
    const files = [...readdirSync(join(dir, 'chunks')).filter((f) => f.startsWith('batch-')).map((f) => join(dir, 'chunks', f)), ...readdirSync(join(dir, 'assets')).filter((f) => f.startsWith('check.worker-') && f.endsWith('.js')).map((f) => join(dir, 'assets', f))];
    expect(files.length).toBe(2);
    for (const f of files) expect(networkCalls(readFileSync(f, 'utf8')), f).toEqual([]);
    // The stub is there: papaparse was bundled and its request replaced, not merely absent.
    expect(files.some((f) => readFileSync(f, 'utf8').includes('network disabled in Unitwise'))).toBe(true);
  });

  it('reads, corrects a column, checks in the worker, filters, exports CSV, without a request', async () => {
    const page = await openBatch();
    const before = env.requests.length;
    await page.locator('#batch-file').setInputFiles({ name: 'week.csv', mimeType: 'text/csv', buffer: Buffer.from(sample(), 'utf8') });

    // The mapping: the known columns by name, "Dauer" ignored, and the reader's note about it.
    await columnSelect(page, 'Dauer').waitFor();
    expect(await columnSelect(page, 'CPT').inputValue()).toBe('code');
    expect(await columnSelect(page, 'Payer').inputValue()).toBe('payer');
    expect(await columnSelect(page, 'Dauer').inputValue()).toBe('');
    await expect.poll(() => page.getByText(/no minutes column/).count()).toBe(1);
    const preview = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Lines' }) });
    expect(await preview.textContent()).not.toContain('min)');

    // Correct it: the column is the minutes. The preview is read again with them.
    await columnSelect(page, 'Dauer').selectOption('minutes');
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('97110-GP ×2 (33 min)');
    expect(await columnSelect(page, 'Dauer').inputValue()).toBe('minutes');
    expect(await page.getByText(/no minutes column/).count()).toBe(0);

    // Check every visit in the worker: the week's 12 visits and their findings.
    await page.getByRole('button', { name: 'Check all visits' }).click();
    await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByText(/12 visits checked/).count()).toBe(1);
    const chart = page.locator('figure', { hasText: 'Findings by rule' });
    expect(await chart.textContent()).toContain('units.over-billed');

    // Filter by rule: only W04 bills 3 units for 30 minutes (found only with the minutes mapped).
    await page.getByLabel('Rule').selectOption('units.over-billed');
    const results = page.locator('table.results tbody tr');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().textContent()).toContain('W04');
    expect(await results.first().textContent()).toContain('97110-GP ×2');
    // Opened, the finding says why, what to do and its source.
    const finding = results.first().locator('details').filter({ hasText: 'units.over-billed' });
    expect(await finding.locator('p').first().isVisible()).toBe(false);
    await finding.locator('summary').click();
    expect(await finding.textContent()).toMatch(/30 total timed minutes support 2 units[\s\S]*What to do: [\s\S]*Source: CMS Claims Processing Manual Pub\. 100-04 Ch\. 5 §20\.2/);

    // Sort by payer, descending: UnitedHealthcare first (after clearing the filter).
    await page.getByLabel('Rule').selectOption('');
    await page.getByRole('button', { name: 'Payer' }).click();
    await page.getByRole('button', { name: 'Payer' }).click();
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Payer');
    expect(await results.first().textContent()).toContain('UnitedHealthcare');
    expect(await wordsBroken(page)).toEqual([]);

    await page.screenshot({ path: `${SHOTS}/batch.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Export: one row per finding (or per clean visit); the "=W03" id escaped with an apostrophe.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export results (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('Line,Visit ID,Date of service,Payer,Clinician,Discipline,Method,Severity,Rule,Codes,Finding,Message,What to do,Source');
    expect(lines.filter((l) => l.includes(',W04,') && l.includes('units.over-billed'))).toHaveLength(1);
    expect(lines.some((l) => l.includes(",'=W03,2026-03-16,Aetna,,PT,per-code,ok,"))).toBe(true);
    expect(lines.some((l) => /(^|,)=/.test(l))).toBe(false);
    const [claims] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export corrected claim lines (CSV)' }).click()]);
    const claimCsv = readFileSync((await claims.path())!, 'utf8');
    expect(claimCsv).toMatch(/W04,2026-03-17,Medicare,97110,2,GP,/);

    // The printed report hides the controls and keeps the results.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Export results (CSV)' }).isVisible()).toBe(false);
    expect(await page.locator('table.results').isVisible()).toBe(true);
    // A closed finding prints why, what to do and its source too.
    const closed = page.locator('table.results details:not([open])').first();
    expect(await closed.locator('p.source').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await closed.locator('p.source').isVisible()).toBe(false);

    // Nothing left the browser: every request since the page opened is the extension's own.
    expect(env.requests.slice(before).filter((u) => !u.startsWith(`chrome-extension://${env.extensionId}/`))).toEqual([]);
    await page.close();
  });

  it('a large export shows progress while the worker checks it, and Cancel stops it', async () => {
    const page = await openBatch();
    const text = readFileSync('test/fixtures/exports/epic-clarity.csv', 'utf8');
    const [head, ...rows] = text.trimEnd().split('\n');
    // About 12 MB: the week many times over, each copy's visits with their own ids.
    const copies = Array.from({ length: Math.ceil((12 * 1024 * 1024) / text.length) }, (_, i) => rows.map((r) => r.replace(/^W(\d+)/, `C${i}W$1`)).join('\n'));
    await page.locator('#batch-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(`${head}\n${copies.join('\n')}\n`) });
    await page.getByRole('button', { name: 'Check all visits' }).click();
    const status = page.getByRole('status').filter({ hasText: /Checking… \d+% · [1-9][\d,]* visits/ });
    await status.waitFor({ timeout: 20_000 });
    expect(await page.getByRole('progressbar', { name: 'Check progress' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled: nothing was checked.').waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(await page.locator('table.results').count()).toBe(0);
    await page.close();
  });

  it('"Check an export file…" in the options page and the side panel opens the Batch page in a tab', async () => {
    for (const from of ['options.html', 'sidepanel.html']) {
      const page = await env.context.newPage();
      await page.goto(`chrome-extension://${env.extensionId}/${from}`);
      const [batch] = await Promise.all([env.context.waitForEvent('page'), page.getByRole('button', { name: 'Check an export file…' }).click()]);
      await batch.waitForURL(`chrome-extension://${env.extensionId}/batch.html`);
      await batch.getByRole('heading', { name: 'Check an export file' }).waitFor();
      await batch.close();
      await page.close();
    }
  });

  it('a file dropped on the drop zone is read like a picked one', async () => {
    const page = await openBatch();
    const text = readFileSync('test/fixtures/exports/epic-clarity.csv', 'utf8');
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.items.add(new File([t], 'epic.csv', { type: 'text/csv' }));
      const zone = document.querySelector('[data-testid="dropzone"]')!;
      for (const type of ['dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await columnSelect(page, 'SERVICE_DATE').waitFor();
    expect(await columnSelect(page, 'SERVICE_DATE').inputValue()).toBe('date');
    expect(await columnSelect(page, 'TIMED_MINUTES').inputValue()).toBe('minutes');
    await page.close();
  });

  it('a workbook whose visits are on its second sheet: the page offers its sheets, and the one picked is read and checked', async () => {
    // The sample week's workbook with its sheets the other way round: a notes sheet first, as
    // practice reports often have (a cover sheet, then the charges).
    const week = readWorkbook(readFileSync('test/fixtures/exports/week.xlsx'), { cellNF: true }); // (keeps the date cells' format)
    const book = sheetUtils.book_new();
    sheetUtils.book_append_sheet(book, week.Sheets['Notes']!, 'Notes');
    sheetUtils.book_append_sheet(book, week.Sheets['Charges']!, 'Charges');
    const bytes = Buffer.from(writeWorkbook(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const page = await openBatch();
    await page.locator('#batch-file').setInputFiles({ name: 'report.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    const picker = page.getByLabel('Worksheet');
    await picker.waitFor();
    expect(await picker.inputValue()).toBe('Notes');
    expect(await picker.locator('option').allTextContents()).toEqual(['Notes', 'Charges']);
    // The notes sheet has no visits: the page says what it is missing, nothing is guessed.
    await expect.poll(() => page.locator('.read-errors').textContent()).toMatch(/code|date|column/i);
    await picker.selectOption('Charges');
    await columnSelect(page, 'CPT').waitFor();
    expect(await columnSelect(page, 'CPT').inputValue()).toBe('code');
    expect(await page.getByText('sheet Charges').count()).toBeGreaterThan(0);
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/batch-sheets.png` });
    await page.getByRole('button', { name: 'Check all visits' }).click();
    await expect.poll(() => page.locator('.totals').textContent(), { timeout: 20_000 }).toMatch(/^12 visits checked/);
    await page.close();
  });

  it('a corrected reading saved for this layout is used for the next file with the same columns, holds no cell of the file, and can be forgotten', async () => {
    const page = await openBatch();
    const layouts = (p: Page) =>
      p.evaluate(async () => {
        // @ts-expect-error chrome is the extension API on extension pages
        const got = (await chrome.storage.local.get('batchLayouts')) as { batchLayouts?: unknown };
        return got.batchLayouts ?? [];
      });
    await page.locator('#batch-file').setInputFiles({ name: 'week.csv', mimeType: 'text/csv', buffer: Buffer.from(sample(), 'utf8') });
    await columnSelect(page, 'Dauer').waitFor();
    expect(await columnSelect(page, 'Dauer').inputValue()).toBe('');
    await columnSelect(page, 'Dauer').selectOption('minutes');
    await page.getByRole('button', { name: 'Save this reading for files laid out like this' }).click();
    await page.getByText(/Saved: the next file with these columns is read this way/).waitFor();
    // Column names and the role chosen; no value from the file (visit ids, payers, codes).
    const stored = JSON.stringify(await layouts(page));
    expect(stored).toContain('|dauer|');
    for (const value of ['W01', 'W03', 'Medicare', 'Aetna', '97110', '33']) expect(stored.includes(value), `${value} stored`).toBe(false);
    await page.close();

    // Next week's file, same layout: read with the saved choice, and said so.
    const next = await openBatch();
    await next.locator('#batch-file').setInputFiles({ name: 'next-week.csv', mimeType: 'text/csv', buffer: Buffer.from(sample(), 'utf8') });
    await expect.poll(() => columnSelect(next, 'Dauer').inputValue().catch(() => ''), { timeout: 10_000 }).toBe('minutes');
    await next.getByText(/Read with the layout you saved on \d{4}-\d{2}-\d{2}/).waitFor();
    // Another layout (the Epic export) is not touched by it.
    await next.locator('#batch-file').setInputFiles({ name: 'epic.csv', mimeType: 'text/csv', buffer: readFileSync('test/fixtures/exports/epic-clarity.csv') });
    await columnSelect(next, 'SERVICE_DATE').waitFor();
    expect(await next.getByText(/Read with the layout you saved/).count()).toBe(0);
    // Back to the week's layout, then forget it: read by names alone again, and nothing kept.
    await next.locator('#batch-file').setInputFiles({ name: 'week.csv', mimeType: 'text/csv', buffer: Buffer.from(sample(), 'utf8') });
    await next.getByRole('button', { name: 'Forget this layout' }).click();
    await expect.poll(() => columnSelect(next, 'Dauer').inputValue().catch(() => 'x')).toBe('');
    expect(await layouts(next)).toEqual([]);
    await next.close();
  });

  it('saved layouts travel as one file: downloaded from the page the CLI reads with them, the CLI\'s added to the page read the next export; a file that is not one changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unitwise-layouts-e2e-'));
    const cliEnv = { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir };
    const cli = (args: string[]) => spawnSync(process.execPath, ['scripts/check.mjs', '--json', ...args], { encoding: 'utf8', env: cliEnv, timeout: 60_000 });
    const week = join(dir, 'week.csv');
    writeFileSync(week, sample());

    // Browser → CLI: a reading saved on the page, downloaded, and given to the CLI.
    const page = await openBatch();
    await page.locator('#batch-file').setInputFiles({ name: 'week.csv', mimeType: 'text/csv', buffer: Buffer.from(sample(), 'utf8') });
    await columnSelect(page, 'Dauer').selectOption('minutes');
    await page.getByRole('button', { name: 'Save this reading for files laid out like this' }).click();
    await page.getByText('1 export layout saved in this browser.').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download layouts file' }).click()]);
    expect(download.suggestedFilename()).toBe('unitwise-layouts.json');
    const downloaded = join(dir, 'from-browser.json');
    await download.saveAs(downloaded);
    const file = LayoutsFile.parse(JSON.parse(readFileSync(downloaded, 'utf8')));
    expect(file.layouts).toHaveLength(1);
    for (const value of ['W01', 'Medicare', '97110']) expect(readFileSync(downloaded, 'utf8')).not.toContain(value);
    const without = cli([week]);
    expect(without.stderr).toContain('"Dauer" ignored');
    const withLayouts = cli(['--layouts', downloaded, week]);
    expect(withLayouts.stderr).toMatch(/Read with the layout saved on \d{4}-\d{2}-\d{2}/);
    expect(withLayouts.stderr).not.toContain('"Dauer" ignored');
    expect(withLayouts.stdout).not.toBe(without.stdout);
    // Forgotten on the page (the file picked again is read with it, and offers to forget it).
    await page.locator('#batch-file').setInputFiles({ name: 'week.csv', mimeType: 'text/csv', buffer: Buffer.from(sample(), 'utf8') });
    await page.getByRole('button', { name: 'Forget this layout' }).click();
    await page.getByText('No export layout saved in this browser yet.').waitFor();
    await expect.poll(() => columnSelect(page, 'Dauer').inputValue().catch(() => 'x')).toBe('');

    // A file that is not a layouts file: said, and nothing changes.
    const picker = page.getByLabel('Layouts file to add');
    await picker.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"layouts": 3}') });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'other.json' }).textContent()).toMatch(/Could not add layouts from other\.json: not a Unitwise layouts file .*Nothing was changed\./);
    await page.getByText('No export layout saved in this browser yet.').waitFor();

    // CLI → browser: the CLI saves its reading; its file is added to the page, and the export
    // already on screen (no column chosen) is read with it at once.
    const saved = cli(['--map', 'minutes=Dauer', '--save-layout', week]);
    expect(saved.status, saved.stderr).not.toBe(2);
    const cliFile = join(dir, 'config', 'unitwise', 'layouts.json');
    await picker.setInputFiles(cliFile);
    await page.getByText('From layouts.json: 1 added, 0 updated, 0 already saved.').waitFor();
    await page.getByText('1 export layout saved in this browser.').waitFor();
    await expect.poll(() => columnSelect(page, 'Dauer').inputValue().catch(() => ''), { timeout: 10_000 }).toBe('minutes');
    await page.getByText(/Read with the layout you saved on \d{4}-\d{2}-\d{2}/).waitFor();
    // Adding it again changes nothing.
    await picker.setInputFiles(cliFile);
    await page.getByText('From layouts.json: 0 added, 0 updated, 1 already saved.').waitFor();
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/batch-layouts.png`, fullPage: true });
    await page.close();
  });

  it('an export with patients and allowed amounts: summing each patient\'s spend for KX is offered, off until asked, and then KX is judged on that year\'s threshold', async () => {
    // A December 2025 and January 2026 export (thresholds $2,410 and $2,480, rules reference).
    const csv = [
      'Visit ID,Patient,DOS,Payer,CPT,Mins,Units,Modifiers,Allowed',
      'D1,P-100,12/01/2025,Medicare,97110,45,3,GP,"$2,200.00"',
      'D2,P-100,12/15/2025,Medicare,97110,45,3,GP,$300.00',
      'J1,P-100,01/05/2026,Medicare,97110,45,3,GP,$150.00',
    ].join('\n');
    const page = await openBatch();
    await page.locator('#batch-file').setInputFiles({ name: 'spend.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`, 'utf8') });
    const option = page.getByLabel(/Sum each patient's charges in this file for the KX check/);
    await option.waitFor();
    expect(await option.isChecked()).toBe(false);
    const kxRows = async () => {
      await page.getByRole('button', { name: /Check all visits|Check again/ }).first().click();
      await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 20_000 });
      await expect.poll(() => page.getByText(/3 visits checked/).count()).toBe(1);
      // Each row's visit id (its second cell) where the row has a KX finding.
      return page.locator('table.results tbody tr').filter({ hasText: 'modifier.kx' }).locator('td:nth-child(2)').allTextContents();
    };
    expect(await kxRows()).toEqual([]);
    await option.check();
    expect(await kxRows()).toEqual(['D2']);
    await page.close();
  });
  it('units after the code ("97110-GP x2") are read and said in the mapping; a visit with a blank minutes cell has its claim marked provisional', async () => {
    const page = await openBatch();
    const csv = ['Visit ID,DOS,Payer,CPT,Minutes', 'V1,03/16/2026,Medicare,97110-GP x2,33', 'V2,03/16/2026,Medicare,97110-GP x2,', 'V2,03/16/2026,Medicare,97530-GP x1,12', 'V3,03/16/2026,Medicare,97140-GP x1,10'].join('\n');
    await page.locator('#batch-file').setInputFiles({ name: 'units-in-code.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`, 'utf8') });
    await columnSelect(page, 'CPT').waitFor();
    const cpt = page.locator('table.mapping tr').filter({ hasText: 'CPT' });
    await expect.poll(() => cpt.textContent()).toContain('units written after the code ("97110-GP x2", line 2) read as the line\'s units');
    await page.getByRole('button', { name: 'Check all visits' }).click();
    await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 20_000 });
    const v2 = page.locator('table.results tbody tr').filter({ hasText: 'V2' });
    expect(await v2.getByRole('note').textContent()).toContain('Provisional claim until the minutes are entered. No minutes for 97110.');
    expect(await v2.textContent()).toContain('97110-GP ×2 (as entered, unchecked)');
    expect(await page.locator('table.results tbody tr').filter({ hasText: 'V1' }).getByRole('note').count()).toBe(0);
    // The long note in the claim column does not squeeze the Payer column into pieces of words.
    expect(await wordsBroken(page)).toEqual([]);
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/batch-provisional.png`, fullPage: true });
    await page.close();
  });
  it('a patient seen twice on one date under two visit ids: the later visit is told what the day supports', async () => {
    const page = await openBatch();
    const day = ['Visit ID,Patient,DOS,Payer,Discipline,CPT,Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,PT,97110,10,1,GP', 'V2,Ann Lee,03/16/2026,Medicare,PT,97110,10,1,GP', 'V3,Bob Ray,03/16/2026,Medicare,PT,97110,10,1,GP'].join('\n');
    await page.locator('#batch-file').setInputFiles({ name: 'day.csv', mimeType: 'text/csv', buffer: Buffer.from(`${day}\n`, 'utf8') });
    await columnSelect(page, 'Patient').waitFor();
    await page.getByRole('button', { name: 'Check all visits' }).click();
    await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Rule').selectOption('units.same-day');
    const results = page.locator('table.results tbody tr');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().textContent()).toContain('V2');
    await results.first().click();
    expect(await wordsBroken(page)).toEqual([]);
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/batch-same-day.png`, fullPage: true });
    await page.close();
  });
});
