// One figure of the benchmark, with its budget when the issue sets one.
export interface Figure {
  group: string;
  measure: string;
  value: number;
  unit: string;
  /** value must be at most this (or below it, when strict). */
  budget?: number;
  strict?: boolean;
  note?: string;
}

export const verdict = (f: Figure): 'PASS' | 'FAIL' | '' => (f.budget === undefined ? '' : (f.strict ? f.value < f.budget : f.value <= f.budget) ? 'PASS' : 'FAIL');

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

const fmt = (n: number) => (Number.isNaN(n) ? 'n/a' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2));

export function table(figures: readonly Figure[]): string {
  const lines = [`${'measure'.padEnd(74)} ${'value'.padStart(12)} ${'budget'.padStart(12)}  result`];
  let group = '';
  for (const f of figures) {
    if (f.group !== group) lines.push(`\n[${(group = f.group)}]`);
    const budget = f.budget === undefined ? '' : `${f.strict ? '<' : '≤'} ${fmt(f.budget)}`;
    lines.push(`${f.measure.padEnd(74)} ${`${fmt(f.value)} ${f.unit}`.padStart(12)} ${budget.padStart(12)}  ${verdict(f)}${f.note ? `  (${f.note})` : ''}`);
  }
  return lines.join('\n');
}
