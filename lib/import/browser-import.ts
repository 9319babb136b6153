// The options page's import: the same pack the CLI (scripts/import.ts) builds from the same
// files, plus what it changes against the data in force. Pure: no browser APIs, no React; the
// page reads the chosen files into bytes and stores the pack.

import catalogJson from '../rules/data/catalog.json';
import { loadRuleData, type RuleData } from '../rules/data';
import type { DataPack, DateRange } from '../rules/data/schema';
import { ruleDataFrom } from '../rule-context';
import { catalogCodes, createDataPackBuilder, diffMue, diffPacks, problemText, type DiffCounts, type ImportFile, type PackProblem } from './pack';
import { count } from '../count';

/** Problems listed in a summary; beyond this one line counts the rest. */
export const MAX_LISTED_PROBLEMS = 50;

export interface TableChange extends DiffCounts {
  /** Where the table in force after the import comes from: the new pack, or the built-in starter set (the pack has no such table). */
  source: 'imported' | 'starter';
}

export interface ImportSummary {
  /** The new pack's version and effective dates. */
  version: string;
  effective: DateRange;
  /** The data the counts compare against (RuleData.version of what was in force). */
  previousVersion: string;
  files: DataPack['files'];
  /** PTP pairs in force after the import against before. */
  ptp: TableChange;
  /** MUE codes in force after the import against before. */
  mue: TableChange;
  /** "file:line: reason", at most MAX_LISTED_PROBLEMS and one line counting the rest. */
  problems: string[];
  problemCount: number;
  /** One line: "1,234 pairs added, 5 removed, 12 changed; MUE: 3 codes added, 0 removed, 1 changed; 2 problems". */
  text: string;
}

export type ImportResult =
  | { ok: true; pack: DataPack; summary: ImportSummary }
  /** Nothing is to be stored. `problems` are the file problems that explain it, when any. */
  | { ok: false; error: string; problems: string[] };

export type ImportProgress = (done: number, total: number, fileName: string) => void;

let keepSet: Set<string> | undefined;
/** The CLI's rule: keep rows that involve a code in the catalog. */
const keep = (code: string) => (keepSet ??= catalogCodes(catalogJson)).has(code);

/** Lets the page repaint (a progress bar) between files: a macrotask, not a microtask. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));


function listProblems(problems: readonly PackProblem[]): string[] {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map(problemText);
  if (problems.length > MAX_LISTED_PROBLEMS) listed.push(`${count(problems.length - MAX_LISTED_PROBLEMS)} more problems not listed`);
  return listed;
}

function change(d: DiffCounts, imported: boolean): TableChange {
  return { added: d.added, removed: d.removed, changed: d.changed, unchanged: d.unchanged, source: imported ? 'imported' : 'starter' };
}

function changeText(c: TableChange, things: string, missing: string): string {
  return `${count(c.added)} ${things} added, ${count(c.removed)} removed, ${count(c.changed)} changed` + (c.source === 'starter' ? ` (${missing})` : '');
}

/** Why the files cannot make a pack, naming each file that failed with its own reason. */
function refusal(failedFiles: readonly string[], problems: readonly PackProblem[]): string {
  return failedFiles
    .map((name) => {
      const own = problems.filter((p) => p.file === name);
      return `${name}: ${(own.find((p) => p.line === 0) ?? own[0])?.reason ?? 'yielded no rows'}`;
    })
    .join('; ');
}

/**
 * Builds a data pack from the chosen CMS files, as `npm run import` would, and says what it
 * changes against `current` (the stored pack, or null for the built-in data). Never throws:
 * a file that is not a CMS file, a zip, a file without rows or an empty result is an error
 * naming the file. `onProgress` is called after each file, in order, and the event loop gets a
 * turn between files.
 */
export async function importFromFiles(files: readonly ImportFile[], current: unknown, onProgress?: ImportProgress, now: Date = new Date()): Promise<ImportResult> {
  if (files.length === 0) return { ok: false, error: 'no files chosen', problems: [] };
  const builder = createDataPackBuilder(keep, now);
  for (const [i, file] of files.entries()) {
    await yieldToEventLoop();
    try {
      builder.add(file);
    } catch (e) {
      return { ok: false, error: `${file.name}: could not be read (${(e as Error).message})`, problems: [] };
    }
    onProgress?.(i + 1, files.length, file.name);
  }
  await yieldToEventLoop();

  const { pack, problems, failedFiles } = builder.finish();
  if (failedFiles.length) return { ok: false, error: refusal(failedFiles, problems), problems: listProblems(problems) };
  if (!pack.ptp?.length && !pack.mue?.length) {
    return { ok: false, error: 'no row in these files involves a code Unitwise checks: nothing imported', problems: listProblems(problems) };
  }

  let after: RuleData;
  try {
    after = loadRuleData(pack);
  } catch (e) {
    return { ok: false, error: `internal error: the new pack is not valid (${(e as Error).message})`, problems: listProblems(problems) };
  }
  const before = ruleDataFrom(current).data;
  const ptp = change(diffPacks(before.ptp, after.ptp), pack.ptp !== undefined);
  const mue = change(diffMue([...before.mue.values()], [...after.mue.values()]), pack.mue !== undefined);
  const text = [
    changeText(ptp, 'pairs', 'no PTP files given: the built-in starter pairs apply'),
    `MUE: ${changeText(mue, 'codes', 'no MUE file given: the built-in starter limits apply')}`,
    problems.length === 0 ? 'no problems' : `${count(problems.length)} ${problems.length === 1 ? 'problem' : 'problems'}`,
  ].join('; ');

  return {
    ok: true,
    pack,
    summary: {
      version: pack.version,
      effective: pack.effective,
      previousVersion: before.version,
      files: pack.files,
      ptp,
      mue,
      problems: listProblems(problems),
      problemCount: problems.length,
      text,
    },
  };
}
