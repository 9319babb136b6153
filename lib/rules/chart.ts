// The unit chart of CPM Pub. 100-04 Ch. 5 §20.2 C: 8–22 minutes is one unit, 23–37 two,
// and "the pattern remains the same" beyond. Written with the chart's own numbers so a
// biller can check it against the manual.

export interface Chart {
  unitMinutes: number; // 15
  minimumMinutes: number; // 8
}

/** Units the chart gives for `minutes` of 15-minute timed services. */
export function chartUnits(minutes: number, chart: Chart): number {
  if (!(minutes >= chart.minimumMinutes)) return 0;
  return Math.floor((minutes + (chart.unitMinutes - chart.minimumMinutes)) / chart.unitMinutes);
}

/** The chart row for `units` as text, e.g. "38–52 minutes". */
export function chartRange(units: number, chart: Chart): string {
  if (units <= 0) return `under ${chart.minimumMinutes} minutes`;
  const low = chart.unitMinutes * units - (chart.unitMinutes - chart.minimumMinutes);
  return `${low}–${low + chart.unitMinutes - 1} minutes`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
