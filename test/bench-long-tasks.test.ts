import { describe, expect, it } from 'vitest';
import { loadCost, longTasks, madeLong, type TraceEvent } from './bench/long-tasks';

const EXT = 'chrome-extension://abc/';
const ms = 1000;
const x = (name: string, ts: number, dur: number, url?: string, tid = 1): TraceEvent => ({ name, ph: 'X', pid: 7, tid, ts: ts * ms, dur: dur * ms, ...(url ? { args: { data: { url } } } : {}) });

describe('long tasks in a timeline trace', () => {
  // The page's main thread is the one with layout; a task on another thread is not the page's.
  const trace: TraceEvent[] = [
    x('RunTask', 0, 70),
    x('UpdateLayoutTree', 1, 5),
    x('FunctionCall', 10, 15, `${EXT}content-scripts/content.js`),
    x('FunctionCall', 12, 4, `${EXT}content-scripts/content.js`), // nested in the call above
    x('Layout', 17, 6),
    x('FunctionCall', 30, 10, 'http://127.0.0.1/day-sheet.html'),
    x('FunctionCall', 45, 5, `${EXT}content-scripts/content.js`),
    x('RunTask', 100, 40), // short
    x('FunctionCall', 101, 30, `${EXT}content-scripts/content.js`),
    x('RunTask', 200, 90),
    x('Layout', 201, 80),
    x('RunTask', 0, 300, undefined, 2), // compositor thread
  ];

  it('finds the main thread’s tasks over 50 ms and Unitwise’s time in each, nested calls counted once', () => {
    expect(longTasks(trace, EXT)).toEqual([
      { duration: 70, ours: 20 },
      { duration: 90, ours: 0 },
    ]);
  });

  it('says a task was made long by Unitwise only when it would be 50 ms or less without its script', () => {
    const [first, second] = longTasks(trace, EXT);
    expect(madeLong(first!)).toBe(true); // 70 − 20 = 50
    expect(madeLong(second!)).toBe(false); // the page's own 90 ms
    expect(madeLong({ duration: 75, ours: 20 })).toBe(false);
  });

  it('does not count the page’s calls or another extension’s as Unitwise’s', () => {
    const other: TraceEvent[] = [x('Layout', 0, 1), x('RunTask', 10, 60), x('FunctionCall', 11, 40, 'chrome-extension://zzz/content.js'), x('FunctionCall', 52, 10, 'http://127.0.0.1/p.js')];
    expect(longTasks(other, EXT)).toEqual([{ duration: 60, ours: 0 }]);
  });

  it('adds up a page load’s cost for Unitwise: its script’s evaluation, its calls, and the longest task they were in', () => {
    const load: TraceEvent[] = [
      x('Layout', 0, 1),
      x('RunTask', 10, 30),
      x('EvaluateScript', 11, 12, 'http://127.0.0.1/day-sheet.html'), // the page's own script
      x('RunTask', 50, 60),
      x('EvaluateScript', 51, 40, `${EXT}content-scripts/content.js`),
      x('FunctionCall', 60, 10, `${EXT}content-scripts/content.js`), // run by the evaluation: counted in it
      x('EvaluateScript', 75, 5, `${EXT}content-scripts/content.js`), // nested too
      x('RunTask', 120, 90),
      x('FunctionCall', 121, 70, `${EXT}content-scripts/content.js`),
      x('Layout', 150, 20), // forced by it
      x('RunTask', 220, 200), // the page's own
    ];
    expect(loadCost(load, EXT)).toEqual({
      evaluation: 40,
      calls: 70,
      longestTask: { duration: 90, ours: 70 },
      evaluationTask: { duration: 60, ours: 40 },
      longestCallTask: { duration: 90, ours: 70 },
      // The 90 ms task is 20 ms without Unitwise's call; the 60 ms one 20 ms without its evaluation.
      madeLong: 2,
    });
    expect(loadCost(load.slice(0, 4), EXT)).toEqual({ evaluation: 0, calls: 0, longestTask: undefined, evaluationTask: undefined, longestCallTask: undefined, madeLong: 0 });
    // A call in a task of 80 ms that is 60 ms of the page's own: long, but not made so by Unitwise.
    const pageLong: TraceEvent[] = [x('Layout', 0, 1), x('RunTask', 10, 80), x('FunctionCall', 11, 20, `${EXT}content-scripts/content.js`)];
    expect(loadCost(pageLong, EXT)).toMatchObject({ longestCallTask: { duration: 80, ours: 20 }, madeLong: 0 });
  });
});
