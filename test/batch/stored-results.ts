// Checked visits through the Batch page's real path: encoded by the worker's ResultsEncoder,
// structured-cloned as postMessage would, kept and read back by the page's ResultStore.

import type { FromWorker } from '../../entrypoints/batch/protocol';
import { ResultStore } from '../../entrypoints/batch/result-store';
import { encodeBatch } from '../../entrypoints/batch/results-wire';
import type { CheckedVisit } from '../../lib/batch/export-csv';
import type { Evaluation, Visit } from '../../lib/model';

/** The page's store after the worker sent `checked` in batches of `size`. */
export function storeOf(checked: readonly { line: number; visit: Visit; evaluation: Evaluation }[], size = 500): ResultStore {
  const store = new ResultStore();
  for (let i = 0; i < checked.length; i += size) {
    const problem = store.add(structuredClone(encodeBatch(checked.slice(i, i + size), i / size)));
    if (problem) throw new Error(problem);
  }
  return store;
}

/** Every checked visit in the worker's messages, as the page reads them back for its CSV. */
export function checkedOf(posted: readonly FromWorker[]): CheckedVisit[] {
  const store = new ResultStore();
  for (const m of posted) {
    if (m.type !== 'results') continue;
    const problem = store.add(m);
    if (problem) throw new Error(problem);
  }
  return [...store.all()];
}
