// One figure of the benchmark, with its budget when the issue sets one.
export interface Figure {
  group: string;
  measure: string;
  value: number;
  unit: string;
  /** value must be at most this (or below it, when strict); at least this (or above it) when `min`. */
  budget?: number;
  strict?: boolean;
  /** The budget is a floor ("at least"), not a ceiling. */
  min?: boolean;
  note?: string;
}

function meets(f: Figure, budget: number): boolean {
  if (f.min) return f.strict ? f.value > budget : f.value >= budget;
  return f.strict ? f.value < budget : f.value <= budget;
}

export const verdict = (f: Figure): 'PASS' | 'FAIL' | '' => (f.budget === undefined ? '' : meets(f, f.budget) ? 'PASS' : 'FAIL');

const budgetSign = (f: Figure) => (f.min ? (f.strict ? '>' : '≥') : f.strict ? '<' : '≤');

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/**
 * A 95% bootstrap interval for the ratio of two samples' percentiles (with over without): each
 * side resampled with replacement `rounds` times. A p95 of 200 keystrokes is the tenth slowest,
 * so one run's ratio moves a lot; the interval says how far. Seeded, so a run's figures repeat.
 */
export function ratioInterval(a: readonly number[], b: readonly number[], p = 95, rounds = 2000, seed = 1): [number, number] {
  if (a.length === 0 || b.length === 0) return [NaN, NaN];
  // (mulberry32: small, seeded, good enough to draw indices.)
  let t = seed >>> 0;
  const random = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const draw = (xs: readonly number[]) => Array.from(xs, () => xs[Math.floor(random() * xs.length)]!);
  const ratios = Array.from({ length: rounds }, () => percentile(draw(a), p) / percentile(draw(b), p));
  return [percentile(ratios, 2.5), percentile(ratios, 97.5)];
}

const fmt = (n: number) => (Number.isNaN(n) ? 'n/a' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2));

export function table(figures: readonly Figure[]): string {
  const lines = [`${'measure'.padEnd(74)} ${'value'.padStart(12)} ${'budget'.padStart(12)}  result`];
  let group = '';
  for (const f of figures) {
    if (f.group !== group) lines.push(`\n[${(group = f.group)}]`);
    const budget = f.budget === undefined ? '' : `${budgetSign(f)} ${fmt(f.budget)}`;
    lines.push(`${f.measure.padEnd(74)} ${`${fmt(f.value)} ${f.unit}`.padStart(12)} ${budget.padStart(12)}  ${verdict(f)}${f.note ? `  (${f.note})` : ''}`);
  }
  return lines.join('\n');
}
