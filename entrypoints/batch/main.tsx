import { useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { claimLinesCsv, resultsCsv, type CheckedVisit } from '@/lib/batch/export-csv';
import { download } from '@/components/shared/download';
import { batchLayoutsItem, dataPackItem, settingsItem } from '@/lib/storage';
import { findLayout, forgetLayout, layoutSavable, layoutsFile, mergeLayouts, parseLayoutsFile, saveLayout, savedLayouts, tooLargeForLayouts, type SavedLayout } from '@/lib/batch/layouts';
import { BarChart } from '@/components/batch/BarChart';
import { DropZone } from '@/components/batch/DropZone';
import { MappingTable } from '@/components/batch/MappingTable';
import { PreviewTable } from '@/components/batch/PreviewTable';
import { SheetPicker } from '@/components/batch/SheetPicker';
import { LayoutBar } from '@/components/batch/LayoutBar';
import { SavedLayouts } from '@/components/batch/SavedLayouts';
import { SpendOption, canSumSpend } from '@/components/batch/SpendOption';
import { Progress } from '@/components/batch/Progress';
import { ResultFilters } from '@/components/batch/ResultFilters';
import { PAGE_ROWS, ResultsTable } from '@/components/batch/ResultsTable';
import { remap } from '@/components/batch/remap';
import { NO_FILTERS, filterAndSort, summarize, type Filters, type Sort } from '@/components/batch/results';
import { count } from '@/lib/count';
import { StoppedNote } from '@/components/batch/StoppedNote';
import { FromWorkerReceived, type FromWorker, type Mapping, type ReadErrorMsg, type Report } from './protocol';
import { ResultStore } from './result-store';
import '../sidepanel/style.css';
import './style.css';

// The Batch page: pick an export → mapping report and preview → (correct a column) → check in
// a worker → results, charts, CSV and print. Everything stays in this tab's memory: no
// network (the CSP has connect-src 'none'), and no storage write but the export layouts the
// user saves or adds (column names and roles, never a cell of a file).

z.config({ jitless: true });

type Phase =
  | { kind: 'empty' }
  | { kind: 'previewing' }
  | { kind: 'preview'; report: Report; visits: Extract<FromWorker, { type: 'preview' }>['visits']; errors: ReadErrorMsg[] }
  | { kind: 'running'; report?: Report; bytes: number; total: number; visits: number }
  | { kind: 'done'; report: Report; errors: ReadErrorMsg[]; warnings: string[]; cancelled?: boolean; stopped?: { visits: number; line: number } }
  | { kind: 'failed'; message: string };

function useCheckWorker(onMessage: (m: FromWorker) => void) {
  const worker = useRef<Worker>(undefined);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  const start = () => {
    const w = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e) => {
      const parsed = FromWorkerReceived.safeParse(e.data);
      if (parsed.success) handler.current(parsed.data);
      else handler.current({ type: 'failed', message: `unexpected message from the check worker: ${parsed.error.issues[0]?.message}` });
    };
    w.onerror = (e) => handler.current({ type: 'failed', message: e.message || 'the check worker stopped' });
    return w;
  };
  useEffect(() => () => worker.current?.terminate(), []);
  return {
    post(m: unknown) {
      worker.current ??= start();
      worker.current.postMessage(m);
    },
    /** Cancel: the worker is stopped at once, whatever it was doing; a new one starts next time. */
    stop() {
      worker.current?.terminate();
      worker.current = undefined;
    },
  };
}

function App() {
  const [file, setFile] = useState<File>();
  const [mapping, setMapping] = useState<Mapping>({});
  // An .xlsx's worksheet: the first until the user picks another.
  const [sheet, setSheet] = useState<string>();
  // Sum each patient's charges in the file into year-to-date spend for KX (lib/batch/spend.ts): the user's choice.
  const [sumSpend, setSumSpend] = useState(false);
  // The layout saved for files like this one, when the page read this file with it; and
  // whether this file's layout has been looked up yet (once per file and sheet).
  const [layout, setLayout] = useState<{ saved?: SavedLayout; looked: boolean; justSaved?: boolean }>({ looked: false });
  // How many layouts this browser keeps, and what the last "add from a file" did.
  const [layoutCount, setLayoutCount] = useState(0);
  const [layoutsStatus, setLayoutsStatus] = useState<{ text: string; error?: boolean }>();
  const [phase, setPhase] = useState<Phase>({ kind: 'empty' });
  // The checked visits of the last run that ended (result-store.ts); `pending` fills while one runs.
  const [results, setResults] = useState(() => new ResultStore());
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>({ key: 'line', dir: 1 });
  const pending = useRef(new ResultStore());
  // Why an export of the results could not be made (a result that cannot be read back).
  const [exportProblem, setExportProblem] = useState<string>();
  // Bumped by each new read or cancel: a run still reading settings when it is cancelled does not start.
  const generation = useRef(0);

  const worker = useCheckWorker((m) => {
    if (m.type === 'preview') setPhase({ kind: 'preview', report: m.report, visits: m.visits, errors: m.errors });
    else if (m.type === 'results') {
      const problem = pending.current.add(m);
      if (problem) {
        worker.stop();
        setPhase({ kind: 'failed', message: `unexpected message from the check worker: ${problem}` });
      }
    }
    else if (m.type === 'progress') setPhase((p) => (p.kind === 'running' ? { ...p, bytes: m.bytes, total: m.total, visits: m.visits } : p));
    else if (m.type === 'done') {
      setResults(pending.current);
      pending.current = new ResultStore();
      setPhase({ kind: 'done', report: m.report, errors: m.errors, warnings: m.warnings, ...(m.stopped && { stopped: m.stopped }) });
    } else setPhase({ kind: 'failed', message: m.message });
  });

  const preview = (f: File, map: Mapping, inSheet = sheet) => {
    generation.current++;
    worker.stop();
    setResults(new ResultStore());
    setExportProblem(undefined);
    setFilters(NO_FILTERS);
    setPhase({ kind: 'previewing' });
    worker.post({ type: 'preview', file: f, name: f.name, mapping: map, ...(inSheet !== undefined ? { sheet: inSheet } : {}), ...(sumSpend ? { accumulateSpend: true } : {}) });
  };
  const run = async () => {
    if (!file) return;
    const mine = ++generation.current;
    pending.current = new ResultStore();
    setResults(new ResultStore());
    setExportProblem(undefined);
    setFilters(NO_FILTERS);
    setPhase((p) => ({ kind: 'running', report: 'report' in p ? p.report : undefined, bytes: 0, total: file.size, visits: 0 }));
    // Read only: the practice's settings, policy and imported tables, so the answer is the side panel's.
    const [local, managed, pack] = await Promise.all([settingsItem.getValue(), browser.storage.managed.get(null).catch(() => ({})), dataPackItem.getValue()]);
    if (mine === generation.current) worker.post({ type: 'run', file, name: file.name, mapping, ...(sheet !== undefined ? { sheet } : {}), ...(sumSpend ? { accumulateSpend: true } : {}), rules: { local, managed, pack } });
  };
  const cancel = () => {
    generation.current++;
    worker.stop();
    pending.current = new ResultStore();
    setPhase((p) => (p.kind === 'running' && p.report ? { kind: 'done', report: p.report, errors: [], warnings: [], cancelled: true } : { kind: 'empty' }));
  };

  const report = 'report' in phase ? phase.report : undefined;
  // A file read for the first time (no column chosen yet): read it again with the layout the
  // user saved for files with these columns, if any.
  const applySavedLayout = (f: File, read: Report) =>
    void batchLayoutsItem.getValue().then((stored) => {
      const saved = findLayout(stored, read);
      if (!saved) return;
      setLayout({ looked: true, saved });
      setMapping(saved.mapping);
      preview(f, saved.mapping);
    });
  useEffect(() => {
    if (phase.kind !== 'preview' || layout.looked || !file) return;
    setLayout({ looked: true });
    if (Object.keys(mapping).length) return;
    applySavedLayout(file, phase.report);
  }, [phase]);
  useEffect(() => void batchLayoutsItem.getValue().then((stored) => setLayoutCount(savedLayouts(stored).length)), []);
  /** Keeps this list as the browser's layouts (and shows how many there are). */
  const storeLayouts = async (list: SavedLayout[]) => {
    await batchLayoutsItem.setValue(list);
    setLayoutCount(list.length);
  };
  const saveThisLayout = async () => {
    if (!report) return;
    const list = saveLayout(await batchLayoutsItem.getValue(), report, mapping);
    await storeLayouts(list);
    setLayout({ looked: true, justSaved: true, saved: findLayout(list, report) });
  };
  const downloadLayouts = async () => {
    const layouts = savedLayouts(await batchLayoutsItem.getValue());
    download('unitwise-layouts.json', `${JSON.stringify(layoutsFile(layouts), null, 2)}\n`, 'application/json');
  };
  /** A layouts file (the command line's, another browser's) added to this browser's. */
  const addLayouts = async (from: File) => {
    const tooLarge = tooLargeForLayouts(from.size);
    if (tooLarge) return setLayoutsStatus({ text: `Could not add layouts from ${from.name}: ${tooLarge}. Nothing was changed.`, error: true });
    const { layouts, problem } = parseLayoutsFile(await from.text());
    if (problem) return setLayoutsStatus({ text: `Could not add layouts from ${from.name}: ${problem}. Nothing was changed.`, error: true });
    const merged = mergeLayouts(await batchLayoutsItem.getValue(), layouts);
    await storeLayouts(merged.list);
    const parts = [`${merged.added} added`, `${merged.updated} updated`, `${merged.unchanged} already saved`, ...(merged.dropped ? [`${merged.dropped} oldest left out (at most 50 are kept)`] : [])];
    setLayoutsStatus({ text: `From ${from.name}: ${parts.join(', ')}.` });
    // The file on screen, read with no choice of the user's yet, gets a layout that just arrived.
    if (file && phase.kind === 'preview' && !Object.keys(mapping).length && !layout.saved) applySavedLayout(file, phase.report);
  };
  const forgetThisLayout = async () => {
    if (!report) return;
    await storeLayouts(forgetLayout(await batchLayoutsItem.getValue(), report));
    setLayout({ looked: true });
    setMapping({});
    if (file) preview(file, {});
  };
  const summary = useMemo(() => summarize(results.rows, results.ruleNames), [results]);
  const rows = useMemo(() => filterAndSort(results.rows, results.ruleNames, filters, sort), [results, filters, sort]);
  const shown = useMemo(() => rows.slice(0, PAGE_ROWS).map((r) => ({ key: `${r.chunk}:${r.at}`, result: results.decode(r) })), [results, rows]);
  const base = (file?.name ?? 'export').replace(/\.[^.]+$/, '');
  /** A CSV of every result; a result that cannot be read back stops it, with why. */
  const exportCsv = (suffix: string, csv: (all: Iterable<CheckedVisit>) => string) => {
    try {
      download(`${base}-unitwise-${suffix}.csv`, csv(results.all()), 'text/csv');
      setExportProblem(undefined);
    } catch (e) {
      setExportProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const busy = phase.kind === 'running' || phase.kind === 'previewing';

  return (
    <main>
      <header className="no-print">
        <h1>Check an export file</h1>
        <p>Unitwise reads a visit or charge export, says how it read it, and checks every visit with the same rules as the side panel.</p>
      </header>
      <h1 className="print-only">Unitwise batch check{file ? `: ${file.name}` : ''}</h1>
      <div className="no-print">
        <DropZone
          disabled={busy}
          onFile={(f) => {
            setFile(f);
            setMapping({});
            setSheet(undefined);
            setLayout({ looked: false });
            preview(f, {}, undefined);
          }}
        />
      </div>
      {file && <p className="file">File: <strong>{file.name}</strong> ({Math.ceil(file.size / 1024)} kB)</p>}
      {phase.kind === 'previewing' && <p role="status">Reading the start of the file…</p>}
      {phase.kind === 'failed' && <p role="alert" className="error">Could not read the file: {phase.message}</p>}
      {report && report.sheets && report.sheets.length > 1 && (
        <SheetPicker
          sheets={report.sheets}
          value={report.sheet ?? report.sheets[0]!}
          disabled={busy}
          onChange={(next) => {
            // Another sheet has its own columns: its reading starts afresh.
            setSheet(next);
            setMapping({});
            setLayout({ looked: false });
            if (file) preview(file, {}, next);
          }}
        />
      )}
      {report && (
        <MappingTable
          report={report}
          disabled={busy}
          onChange={(index, role) => {
            const next = remap(mapping, report, index, role);
            setMapping(next);
            setLayout((l) => ({ ...l, justSaved: false }));
            if (file) preview(file, next);
          }}
        />
      )}
      {report && layoutSavable(report) && (
        <LayoutBar saved={layout.saved} justSaved={!!layout.justSaved} changed={JSON.stringify(mapping) !== JSON.stringify(layout.saved?.mapping ?? {})} disabled={busy} onSave={() => void saveThisLayout()} onForget={() => void forgetThisLayout()} />
      )}
      {report && canSumSpend(report) && (
        <SpendOption checked={sumSpend} disabled={busy} onChange={setSumSpend} />
      )}
      {(phase.kind === 'preview' || phase.kind === 'done') && phase.errors.length > 0 && (
        <section aria-labelledby="errors-title">
          <h2 id="errors-title">Problems reading the file</h2>
          <ul className="read-errors">
            {phase.errors.slice(0, 20).map((e, i) => (
              <li key={i}>
                {e.line ? `line ${e.line}: ` : ''}
                {e.reason}
              </li>
            ))}
          </ul>
          {phase.errors.length > 20 && <p>and {phase.errors.length - 20} more</p>}
        </section>
      )}
      {phase.kind === 'preview' && (
        <>
          <PreviewTable visits={phase.visits} />
          <p className="no-print">
            <button type="button" className="primary" onClick={() => void run()}>
              Check all visits
            </button>
          </p>
        </>
      )}
      {phase.kind === 'running' && <Progress bytes={phase.bytes} total={phase.total} visits={phase.visits} onCancel={cancel} />}
      {phase.kind === 'done' && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">Results</h2>
          {phase.cancelled ? (
            <p role="status">Cancelled: nothing was checked. <button type="button" onClick={() => void run()}>Check all visits</button></p>
          ) : (
            <>
              {phase.warnings.map((w) => (
                <p key={w} role="alert" className="error">
                  {w}
                </p>
              ))}
              {phase.stopped && <StoppedNote stopped={phase.stopped} file={file?.name ?? 'FILE'} />}
              <p className="totals">
                {count(summary.visits)} visit{summary.visits === 1 ? '' : 's'} checked: <strong>{count(summary.withErrors)} with errors</strong>, {count(summary.withWarnings)} with warnings only
                {phase.report.rows.skipped ? `; ${count(phase.report.rows.skipped)} rows skipped` : ''}
              </p>
              <div className="charts">
                <BarChart title="Findings by rule" data={summary.byRule} />
                <BarChart title="Findings by day" data={summary.byDay} />
                <BarChart title="Findings by payer" data={summary.byPayer} />
              </div>
              <div className="actions no-print">
                <button type="button" onClick={() => exportCsv('results', resultsCsv)}>
                  Export results (CSV)
                </button>
                <button type="button" onClick={() => exportCsv('claim-lines', (all) => claimLinesCsv(all, phase.report.minutes))}>
                  Export corrected claim lines (CSV)
                </button>
                <button type="button" onClick={() => window.print()}>
                  Print report
                </button>
                <button type="button" onClick={() => void run()}>
                  Check again
                </button>
              </div>
              {exportProblem && (
                <p role="alert" className="error">
                  Could not export the results: {exportProblem}
                </p>
              )}
              <div className="no-print">
                <ResultFilters filters={filters} summary={summary} onChange={setFilters} />
              </div>
              <ResultsTable shown={shown} matching={rows.length} total={results.rows.length} sort={sort} onSort={setSort} clinicians={summary.clinicians.length > 0} inputHasMinutes={phase.report.minutes} />
            </>
          )}
        </section>
      )}
      <SavedLayouts count={layoutCount} disabled={busy} status={layoutsStatus} onDownload={() => void downloadLayouts()} onAdd={(f) => void addLayouts(f)} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
