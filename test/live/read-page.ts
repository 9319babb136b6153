// Reading a page as the content script does, for tests of how visits are told apart: the
// built-in code catalog and phrases, one PageSession per page, each visit as read.
import { PageSession, type PageUpdate } from '../../lib/live/page-session';
import { mutate } from './mutate';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

export const OPTIONS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);

/** The page's first update: `html` as the body, read whole. */
export function readPage(html: string) {
  document.body.innerHTML = html;
  return new PageSession(document, () => OPTIONS).flush()!;
}

/** Each visit checked: its label, lines ("code minutes"), patient, date and payer as read. */
export function visitsOf(update: ReturnType<typeof readPage>) {
  return update.visits.map((v) => ({
    label: update.list!.find((l) => l.key === v.key)!.label,
    lines: v.visit.entries.map((e) => `${e.code} ${e.minutes}`),
    patient: v.visit.patientTag,
    date: v.visit.dateOfService,
    payer: v.visit.payer,
  }));
}

export const input = (v: string | number) => `<input value="${v}">`;
/** A line's cells: CPT as text, minutes and units typed in. */
export const line = (code: string, minutes: number, units: number) => `<td>${code}</td><td>${input(minutes)}</td><td>${input(units)}</td>`;
export const cols = '<tr><th>CPT</th><th>Minutes</th><th>Units</th></tr>';
/** A table of `rows` under CPT | Minutes | Units. */
export const table = (rows: string) => `<table><thead>${cols}</thead><tbody>${rows}</tbody></table>`;

/** What a session has sent so far, as the side panel holds it: the last list's visits (history left out), each with its last part. */
export function sentVisits(updates: readonly (PageUpdate | undefined)[]) {
  let list: PageUpdate['list'] = [];
  const parts = new Map<string, PageUpdate['visits'][number]>();
  for (const u of updates) {
    if (!u) continue;
    if (u.list) list = u.list;
    for (const v of u.visits) parts.set(v.key, v);
  }
  return list!.filter((l) => !l.history).map((l) => ({ label: l.label, part: parts.get(l.key)! }));
}

/** A read-only table: `head` as its header cells, each row's cells as text. */
export const ro = (head: string[], rows: string[][]) => `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

/**
 * The page as `html`, read; then each step's mutations (anywhere in the document) told, values
 * looked at (the 1 s sweep), and flushed: every update sent, and how many times the page was read whole again.
 */
/**
 * As stepThrough, each step's returned element told as typed in (an input event) after its
 * mutations: a note box, a field a user types in.
 */
export async function typeThrough(html: string, steps: readonly (() => Element | null)[]) {
  document.body.innerHTML = html;
  const session = new PageSession(document, () => OPTIONS);
  const sent = [session.flush()];
  const first = session.detections;
  for (const step of steps) {
    let typed: Element | null = null;
    session.mutations(await mutate(() => (typed = step()), document), () => false);
    session.edit(typed);
    sent.push(session.flush());
  }
  return { sent, rereads: session.detections - first };
}

export async function stepThrough(html: string, steps: readonly (() => void)[]) {
  document.body.innerHTML = html;
  const session = new PageSession(document, () => OPTIONS);
  const sent = [session.flush()];
  const first = session.detections;
  for (const step of steps) {
    session.mutations(await mutate(step, document), () => false);
    session.changedValues();
    sent.push(session.flush());
  }
  return { sent, rereads: session.detections - first, session };
}

/** A charge table with no minutes column: CPT | Service | Units (a note's line gives the minutes). */
export const unitsTable = (code: string, name: string) => `<table><thead><tr><th>CPT</th><th>Service</th><th>Units</th></tr></thead><tbody><tr><td>${code}</td><td>${name}</td><td>${input(1)}</td></tr></tbody></table>`;

/** Each visit's label, payer, date and lines ("code minutes") as sent. */
export const sentFacts = (updates: readonly (PageUpdate | undefined)[]) =>
  sentVisits(updates).map(({ label, part }) => [label, part.visit.payer, part.visit.dateOfService, part.visit.entries.map((e) => `${e.code} ${e.minutes}`)]);

/** sentFacts of a fresh read of the page as it is now. */
export const freshFacts = () => sentFacts([new PageSession(document, () => OPTIONS).flush()]);

/** typeThrough's steps typing `text` into the element `sel` (after `start`), a character a step. */
export const typing = (sel: string, text: string, start = '') =>
  [...text].map((_, k) => () => {
    const el = document.querySelector(sel) as HTMLInputElement;
    el.value = start + text.slice(0, k + 1);
    return el;
  });
