import { count } from '@/lib/count';

// A small horizontal bar chart in plain HTML/CSS (no chart library): a list a screen reader
// reads as "label: count", with the bar as decoration.

export function BarChart({ title, data, max = 12 }: { title: string; data: [label: string, count: number][]; max?: number }) {
  const shown = data.slice(0, max);
  const top = Math.max(1, ...shown.map(([, n]) => n));
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {shown.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {shown.map(([label, n]) => (
            <li key={label}>
              <span className="label">{label}</span>
              <span className="bar" aria-hidden="true" style={{ width: `${(100 * n) / top}%` }} />
              <span className="count">{count(n)}</span>
            </li>
          ))}
        </ul>
      )}
      {data.length > max && <p className="hint">and {data.length - max} more</p>}
    </figure>
  );
}
