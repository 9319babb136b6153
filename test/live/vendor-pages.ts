// Pages as therapy EHRs lay them out, read as the content script reads them (PageSession.flush):
// shared by the red-team pass of vendor layouts and its reviews.
import { PageSession, type PageUpdate } from '../../lib/live/page-session';
import { evaluate } from '../../lib/rules/evaluate';
import { OPTIONS, sentVisits } from './read-page';
import { pinClock } from './clock';

/** A table under `head`; a cell "=v" is a box the user types in, "~v" a read-only box, else text. */
export const T = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c.startsWith('=') ? `<input value="${c.slice(1)}">` : c.startsWith('~') ? `<input readonly value="${c.slice(1)}">` : c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
export const H = ['CPT', 'Minutes', 'Units'];

/** happy-dom does not select an <option selected> set through innerHTML; a browser does. */
function fixSelects() {
  for (const s of Array.from(document.querySelectorAll('select'))) {
    const i = Array.from(s.options).findIndex((o) => o.hasAttribute('selected'));
    if (i >= 0) s.selectedIndex = i;
  }
}

/** The page `html` read afresh. */
export function read(html: string): PageUpdate {
  document.body.innerHTML = html;
  fixSelects();
  return new PageSession(document, () => OPTIONS).flush()!;
}

/** The visits checked (history left out): label, date, payer, patient tag, lines "code min/units mods", the rules their findings name. */
export function checked(u: PageUpdate) {
  return u.list!
    .filter((l) => !l.history)
    .map((l) => {
      const v = u.visits.find((p) => p.key === l.key)!.visit;
      return {
        label: l.label,
        date: v.dateOfService,
        payer: v.payer,
        patient: v.patientTag,
        lines: v.entries.map((e) => `${e.code} ${e.minutes ?? '-'}/${e.units ?? '-'}${e.modifiers?.length ? ` ${e.modifiers.join(' ')}` : ''}`),
        rules: evaluate(v).findings.map((f) => f.rule),
      };
    });
}
export const linesOf = (u: PageUpdate) => checked(u).map((v) => v.lines);
export const historyLabels = (u: PageUpdate) => u.list!.filter((l) => l.history).map((l) => l.label);

/** What a live session has sent so far, as the side panel holds it: the visits checked (lines, dates, rules) and the history's labels. */
export function held(updates: readonly (PageUpdate | undefined)[]) {
  const now = sentVisits(updates).map((v) => v.part.visit);
  const list = [...updates].reverse().find((u) => u?.list)?.list ?? [];
  return {
    lines: now.map((v) => v.entries.map((e) => `${e.code} ${e.minutes ?? '-'}/${e.units ?? '-'}`)),
    dates: now.map((v) => v.dateOfService),
    rules: now.map((v) => evaluate(v).findings.map((f) => f.rule)),
    history: list.filter((l) => l.history).map((l) => l.label),
  };
}

/** The user's clock on the pages' day, 2026-11-02 (only Date is faked: the observer's timers stay real). */
export const NOV_2 = new Date(2026, 10, 2, 10, 0);
export function onNov2() {
  pinClock(NOV_2);
}
