/**
 * Which of a page's long tasks Unitwise made long, from a Chromium timeline trace.
 *
 * Counting long tasks with and without Unitwise, page by page, cannot tell a task Unitwise made
 * long from one the page makes long on its own: on the day sheet, drawing a visit scrolled to
 * (content-visibility) takes 25–60 ms in plain Chromium, and one crosses 50 ms now and then
 * on either side (docs/performance.md, thirty-fourth pass). A trace names the script each call
 * ran: Unitwise's own time in a task is the time of its content script's calls there (and of
 * its evaluation, when the page loads it), with the style and layout they forced nested in them.
 */

/** The fields of a trace event this reads (Chrome's JSON trace format). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: { url?: string } };
}

export interface LongTask {
  /** ms */
  duration: number;
  /** ms of it spent in Unitwise's script (the extension's calls and what they forced) */
  ours: number;
}

const LONG_MS = 50;

/** The page's main thread: the one that lays the page out. */
function mainThread(events: readonly TraceEvent[]): string | undefined {
  const counts = new Map<string, number>();
  for (const e of events) if (e.name === 'Layout' || e.name === 'UpdateLayoutTree') counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The complete events of the page's main thread, in order (an event before those it holds). */
function mainEvents(events: readonly TraceEvent[]): TraceEvent[] {
  const main = mainThread(events);
  return events.filter((e) => e.ph === 'X' && e.dur !== undefined && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
}

/** Unitwise's own: its content script's calls, and its evaluation when the page loads it. */
const isOurs = (e: TraceEvent, origin: string) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && !!e.args?.data?.url?.startsWith(origin);

/** Unitwise's time (ms) among `done` from index `from` until `end` (µs), nested calls counted once. */
function oursIn(done: readonly TraceEvent[], from: number, end: number, origin: string): number {
  let ours = 0;
  let until = -1;
  for (let j = from; j < done.length && done[j]!.ts < end; j++) {
    const e = done[j]!;
    if (e.ts < until || !isOurs(e, origin)) continue;
    ours += Math.min(e.dur!, end - e.ts);
    until = e.ts + e.dur!;
  }
  return ours / 1000;
}

/** Each task of the page's main thread over 50 ms, with the time Unitwise's script took in it. */
export function longTasks(events: readonly TraceEvent[], extensionOrigin: string): LongTask[] {
  const done = mainEvents(events);
  const out: LongTask[] = [];
  for (const [i, task] of done.entries()) {
    if (task.name !== 'RunTask' || task.dur! <= LONG_MS * 1000) continue;
    out.push({ duration: task.dur! / 1000, ours: oursIn(done, i + 1, task.ts + task.dur!, extensionOrigin) });
  }
  return out;
}

/** What a page's load cost on its main thread for Unitwise (see loadCost). */
export interface LoadCost {
  /** ms of its content script's evaluation */
  evaluation: number;
  /** ms of its calls after (the first read's steps, the markers drawn) */
  calls: number;
  /** The longest task that held any of it. */
  longestTask: LongTask | undefined;
  /** The task that held its evaluation. */
  evaluationTask: LongTask | undefined;
  /** The longest task that held its calls only (no evaluation). */
  longestCallTask: LongTask | undefined;
  /** Tasks over 50 ms that Unitwise made long (madeLong). */
  madeLong: number;
}

/** What a page's load cost on its main thread for Unitwise: its script's evaluation and calls (ms), and the tasks they were in. */
export function loadCost(events: readonly TraceEvent[], extensionOrigin: string): LoadCost {
  const done = mainEvents(events);
  const cost: LoadCost = { evaluation: 0, calls: 0, longestTask: undefined, evaluationTask: undefined, longestCallTask: undefined, madeLong: 0 };
  let until = -1;
  const longer = (a: LongTask | undefined, b: LongTask) => (!a || b.duration > a.duration ? b : a);
  for (const [i, e] of done.entries()) {
    // Each of Unitwise's own once: what runs inside one of them is in its time.
    if (e.ts >= until && isOurs(e, extensionOrigin)) {
      if (e.name === 'EvaluateScript') cost.evaluation += e.dur! / 1000;
      else cost.calls += e.dur! / 1000;
      until = e.ts + e.dur!;
    }
    if (e.name !== 'RunTask') continue;
    const end = e.ts + e.dur!;
    const ours = oursIn(done, i + 1, end, extensionOrigin);
    if (ours <= 0) continue;
    const task = { duration: e.dur! / 1000, ours };
    cost.longestTask = longer(cost.longestTask, task);
    let evaluates = false;
    for (let j = i + 1; j < done.length && done[j]!.ts < end && !evaluates; j++) evaluates = done[j]!.name === 'EvaluateScript' && isOurs(done[j]!, extensionOrigin);
    if (evaluates) cost.evaluationTask = longer(cost.evaluationTask, task);
    else cost.longestCallTask = longer(cost.longestCallTask, task);
    if (task.duration > LONG_MS && madeLong(task)) cost.madeLong++;
  }
  return cost;
}

/** A long task Unitwise made long: without its own script's time it would not have been one. */
export const madeLong = (t: LongTask) => t.duration - t.ours <= LONG_MS;
