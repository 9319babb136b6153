import type { Item } from './context';

// Co-treatment: two clinicians treating one patient at the same time. CMS Claims Processing
// Manual Pub. 100-04 Ch. 5 §20.3: "The time counted is the time the patient is treated … if
// gait training … requires both a therapist and an assistant, or even two therapists …, each
// 15 minutes the patient is being treated can count as only one unit of code 97116." So lines
// of the same timed code whose clock times overlap (or that an export marks as co-treatment)
// count the patient's time once.

export interface SharedTime {
  code: string;
  items: Item[];
  /** Minutes as charted on those lines, added up. */
  charted: number;
  /** The patient's minutes counted once. */
  counted: number;
  /** How the sharing was seen: overlapping clock times, or the lines' co-treatment marker. */
  how: 'clock' | 'marked';
  /** The line with the most minutes: it keeps them; the others add only what lies outside it. */
  longest: Item;
}

/** Minutes since midnight of an HH:MM clock time (the model's shape). */
export const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const span = (i: Item) => toMin(i.entry.endTime!) - toMin(i.entry.startTime!);
const minutesOf = (i: Item) => i.entry.minutes as number;
const hasClock = (i: Item) => !!(i.entry.startTime && i.entry.endTime) && span(i) > 0;

/**
 * Same-code lines that share the patient's time, each with the minutes counted once. Only
 * timed one-on-one codes (supervised modalities may overlap anything: NCCI Ch. XI §P.2), and
 * only lines with minutes.
 */
export function sharedTimes(items: readonly Item[], codeOf: (item: Item) => string | undefined): SharedTime[] {
  const byCode = new Map<string, Item[]>();
  for (const item of items) {
    const code = codeOf(item);
    if (!code || item.row?.kind !== 'timed' || item.row.supervisedModality || typeof item.entry.minutes !== 'number') continue;
    const list = byCode.get(code);
    if (list) list.push(item);
    else byCode.set(code, [item]);
  }
  const out: SharedTime[] = [];
  for (const [code, list] of byCode) {
    if (list.length < 2) continue;
    // Overlapping clock times: clusters of lines whose intervals overlap one another.
    const clocked = list.filter(hasClock).sort((a, b) => toMin(a.entry.startTime!) - toMin(b.entry.startTime!));
    let cluster: Item[] = [];
    let end = -1;
    const close = () => {
      if (cluster.length > 1) out.push(clockCluster(code, cluster));
      cluster = [];
    };
    for (const item of clocked) {
      if (toMin(item.entry.startTime!) >= end) close();
      cluster.push(item);
      end = Math.max(end, toMin(item.entry.endTime!));
    }
    close();
    // Marked as co-treatment, with no clock times to say how they overlap: the same time.
    const marked = list.filter((i) => i.entry.coTreatment && !hasClock(i));
    if (marked.length > 1) {
      const longest = longestOf(marked);
      out.push({ code, items: marked, charted: sum(marked), counted: minutesOf(longest), how: 'marked', longest });
    }
  }
  return out;
}

/**
 * Overlapping lines of one code: the longest line's minutes, plus the clock time the others
 * add outside its interval, never more than the minutes charted. (Minutes below a line's
 * clock span are rest or set-up, which do not count: §20.3.)
 */
function clockCluster(code: string, items: Item[]): SharedTime {
  const charted = sum(items);
  const longest = longestOf(items);
  const outside = Math.max(0, unionLength(items) - span(longest));
  return { code, items, charted, counted: Math.min(charted, minutesOf(longest) + outside), how: 'clock', longest };
}

const sum = (items: readonly Item[]) => items.reduce((a, i) => a + minutesOf(i), 0);
const longestOf = (items: readonly Item[]) => items.reduce((a, b) => (minutesOf(b) > minutesOf(a) ? b : a));

/** Minutes covered by at least one of the lines' intervals. */
function unionLength(items: Item[]): number {
  const spans = items.map((i) => [toMin(i.entry.startTime!), toMin(i.entry.endTime!)] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [start, end] = spans[0]!;
  for (const [s, e] of spans.slice(1)) {
    if (s > end) {
      total += end - start;
      [start, end] = [s, e];
    } else end = Math.max(end, e);
  }
  return total + (end - start);
}

/**
 * Each line's minutes once shared time is counted once: the longest line of a group keeps
 * its minutes, the others add only what they add outside it (first in charting order).
 */
export function countedMinutes(shared: readonly SharedTime[]): Map<Item, number> {
  const out = new Map<Item, number>();
  for (const s of shared) {
    let extra = s.counted - minutesOf(s.longest);
    for (const item of [...s.items].sort((a, b) => a.index - b.index)) {
      if (item === s.longest) out.set(item, minutesOf(item));
      else {
        const m = Math.min(extra, minutesOf(item));
        out.set(item, m);
        extra -= m;
      }
    }
  }
  return out;
}
