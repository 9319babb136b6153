// Pages as therapy EHRs lay them out, read as the content script reads them (PageSession.flush):
// shared by the red-team pass of vendor layouts and its reviews.
import { PageSession, type PageUpdate } from '../../lib/live/page-session';
import { OPTIONS } from './read-page';

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

/** The visits checked (history left out): label, date, payer, patient tag, lines "code min/units mods". */
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
      };
    });
}
export const linesOf = (u: PageUpdate) => checked(u).map((v) => v.lines);
export const historyLabels = (u: PageUpdate) => u.list!.filter((l) => l.history).map((l) => l.label);
