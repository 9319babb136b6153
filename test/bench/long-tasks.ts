/**
 * Which of a page's long tasks Unitwise made long, from a Chromium timeline trace.
 *
 * Counting long tasks with and without Unitwise, page by page, cannot tell a task Unitwise made
 * long from one the page makes long on its own: on the day sheet, drawing a visit scrolled to
 * (content-visibility) takes 25–60 ms in plain Chromium, and one crosses 50 ms now and then
 * on either side (docs/performance.md, thirty-fourth pass). A trace names the script each call
 * ran: Unitwise's own time in a task is the time of its content script's calls there, with
 * the style and layout they forced nested in them.
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

/** Each task of the page's main thread over 50 ms, with the time Unitwise's script took in it. */
export function longTasks(events: readonly TraceEvent[], extensionOrigin: string): LongTask[] {
  const main = mainThread(events);
  const done = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && `${e.pid}:${e.tid}` === main)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out: LongTask[] = [];
  for (const [i, task] of done.entries()) {
    if (task.name !== 'RunTask' || task.dur! <= LONG_MS * 1000) continue;
    const end = task.ts + task.dur!;
    let ours = 0;
    // Calls nested in one of ours are already in its time.
    let oursUntil = -1;
    for (let j = i + 1; j < done.length && done[j]!.ts < end; j++) {
      const e = done[j]!;
      if (e.name !== 'FunctionCall' || e.ts < oursUntil || !e.args?.data?.url?.startsWith(extensionOrigin)) continue;
      ours += Math.min(e.dur!, end - e.ts);
      oursUntil = e.ts + e.dur!;
    }
    out.push({ duration: task.dur! / 1000, ours: ours / 1000 });
  }
  return out;
}

/** A long task Unitwise made long: without its own script's time it would not have been one. */
export const madeLong = (t: LongTask) => t.duration - t.ours <= LONG_MS;
