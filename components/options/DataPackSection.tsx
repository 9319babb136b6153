import { useId, useRef, useState } from 'react';
import type { ImportProgress, ImportSummary } from '@/lib/import/browser-import';

// "Rule data" on the options page: which data is in force (built-in starter sets or an imported
// CMS pack), importing the practice's CMS files with a progress bar and a summary of what
// changed, and going back to the built-in data. Everything that comes from a file is rendered
// as text. The page does the work (lib/import/browser-import.ts, storage) through the props.

export interface DataInForce {
  version: string;
  builtIn: boolean;
  tables: { name: string; version: string; effective: { from: string; to: string | null }; starter: boolean }[];
}

/** What the page reports back from an import; importFromFiles' result fits as it is. */
export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; error: string; problems?: readonly string[] };

export interface DataPackSectionProps {
  current: DataInForce;
  /** Set by managed policy: nothing can be changed here. */
  locked?: boolean;
  /** Reads, builds and stores the pack; calls onProgress after each file (optional to use). */
  onImport(files: File[], onProgress: ImportProgress): Promise<ImportOutcome>;
  onUseBuiltIn(): Promise<void>;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'importing'; done: number; total: number; fileName?: string }
  | { kind: 'imported'; summary: ImportSummary }
  | { kind: 'failed'; text: string; problems: readonly string[] }
  | { kind: 'restored' };

const TABLE_NAMES: Record<string, string> = {
  catalog: 'Code catalog',
  ptp: 'NCCI PTP pairs',
  mue: 'MUE daily limits',
  thresholds: 'Thresholds',
  phrases: 'Code suggestion phrases',
  'payer-policies': 'Payer policies',
};
const STARTER_NAMES: Record<string, string> = { ptp: 'PTP pair table', mue: 'MUE table' };

const effectiveText = (e: { from: string; to: string | null }) => (e.to ? `effective ${e.from} to ${e.to}` : `effective from ${e.from}, no end date`);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function ProblemList({ problems, count }: { problems: readonly string[]; count?: number }) {
  if (problems.length === 0) return null;
  return (
    <details className="problems">
      <summary>Problems in the files{count === undefined ? '' : ` (${count.toLocaleString('en-US')})`}</summary>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </details>
  );
}

export function DataPackSection({ current, locked = false, onImport, onUseBuiltIn }: DataPackSectionProps) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const run = useRef(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [restoring, setRestoring] = useState(false);
  const busy = phase.kind === 'importing' || restoring;
  const disabled = locked || busy;
  const starter = current.tables.filter((t) => t.starter).map((t) => STARTER_NAMES[t.name] ?? TABLE_NAMES[t.name] ?? t.name);

  async function importFiles(files: File[]) {
    if (files.length === 0) return;
    const token = ++run.current;
    setPhase({ kind: 'importing', done: 0, total: files.length });
    let outcome: ImportOutcome;
    try {
      outcome = await onImport(files, (done, total, fileName) => {
        if (run.current === token) setPhase({ kind: 'importing', done, total, fileName });
      });
    } catch (e) {
      outcome = { ok: false, error: message(e) };
    }
    if (run.current !== token) return;
    run.current++; // late progress calls are ignored from here on
    setPhase(outcome.ok ? { kind: 'imported', summary: outcome.summary } : { kind: 'failed', text: `Nothing was imported: ${outcome.error}`, problems: outcome.problems ?? [] });
  }

  async function useBuiltIn() {
    setRestoring(true);
    try {
      await onUseBuiltIn();
      setPhase({ kind: 'restored' });
      // The button goes away with the imported pack: keep focus in the section.
      headingRef.current?.focus();
    } catch (e) {
      setPhase({ kind: 'failed', text: `Could not switch to the built-in data: ${message(e)}`, problems: [] });
    } finally {
      setRestoring(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} aria-busy={busy} className="data-pack">
      <h2 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        Rule data
      </h2>
      <p className="in-force">
        In force: {current.builtIn ? <strong>built-in data</strong> : <strong>imported CMS data</strong>}, version {current.version}.
      </p>
      {starter.length > 0 && (
        <p className="note starter-note">
          The built-in {starter.join(' and ')} {starter.length > 1 ? 'are starter sets' : 'is a starter set'} from public sources, not the CMS{' '}
          {starter.length > 1 ? 'tables' : 'table'}: pairs and limits are missing from {starter.length > 1 ? 'them' : 'it'}. Import your practice's
          quarterly CMS files to check against the full tables.
        </p>
      )}
      <ul aria-label="Tables in force" className="tables">
        {current.tables.map((t) => (
          <li key={t.name}>
            <strong>{TABLE_NAMES[t.name] ?? t.name}</strong>: {t.version}, {effectiveText(t.effective)}
            {t.starter ? ' (starter set)' : ''}
          </li>
        ))}
      </ul>
      {locked && <p className="note locked-note">Rule data is set by your administrator: it cannot be changed here.</p>}
      <div className="buttons">
        <input
          id={`${id}-file`}
          type="file"
          multiple
          accept=".txt,.TXT,.csv"
          className="visually-hidden"
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            void importFiles(files);
          }}
        />
        <label className={disabled ? 'file-button disabled' : 'file-button'} htmlFor={`${id}-file`}>
          Import CMS files…
        </label>
        {!current.builtIn && (
          <button type="button" disabled={disabled} onClick={() => void useBuiltIn()}>
            Use built-in data
          </button>
        )}
      </div>
      <p id={`${id}-hint`} className="hint">
        Choose the unzipped practitioner PTP files (ccipra-…-f1.TXT to -f4.TXT, all four parts) and/or the practitioner MUE table
        (MCR_MUE_PractitionerServices_Eff_….csv). Zip files are not supported: unzip them first. The files are read in this browser and
        never uploaded.
      </p>
      {phase.kind === 'importing' && (
        <div className="import-progress">
          <progress
            aria-label="Importing CMS files"
            aria-describedby={`${id}-progress`}
            max={phase.total}
            value={phase.done > 0 ? phase.done : undefined}
          />
        </div>
      )}
      <div role="status" className="import-status">
        {phase.kind === 'importing' && (
          <p id={`${id}-progress`}>
            {phase.fileName
              ? `Read ${phase.done} of ${phase.total} files (${phase.fileName}).`
              : `Reading ${phase.total} ${phase.total === 1 ? 'file' : 'files'}…`}
          </p>
        )}
        {phase.kind === 'imported' && (
          <>
            <p>
              Imported {phase.summary.version}, {effectiveText(phase.summary.effective)}.
            </p>
            <p>{phase.summary.text}</p>
          </>
        )}
        {phase.kind === 'restored' && <p>Now using the built-in data.</p>}
      </div>
      {phase.kind === 'imported' && <ProblemList problems={phase.summary.problems} count={phase.summary.problemCount} />}
      {phase.kind === 'failed' && (
        <>
          <div role="alert" className="error">
            <p>{phase.text}</p>
          </div>
          <ProblemList problems={phase.problems} />
        </>
      )}
    </section>
  );
}
