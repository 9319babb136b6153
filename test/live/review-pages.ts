// Pages and readings shared by the review files (review-s49*.test.ts): a live session told a
// change, and the small pages the reviews build (two parts under headings, a day sheet's row, a
// flowsheet, a grid of boxes).
import { afterEach } from 'vitest';
import { onPagesOf } from './clock';
import { mutate } from './mutate';
import { OPTIONS } from './read-page';
import { checked, held, historyLabels, read } from './vendor-pages';
import { PageSession, type PageUpdate } from '../../lib/live/page-session';

export const notesOf = (u: PageUpdate) => [...u.notes, ...u.visits.flatMap((v) => v.notes ?? [])];
export const datesOf = (u: PageUpdate) => checked(u).map((v) => v.date);
export const datedLines = (u: PageUpdate) => checked(u).map((v) => [v.date, v.lines]);
export const rulesOf = (u: PageUpdate) => checked(u).flatMap((v) => v.rules);

/** A review file's pages, read on `at` by the user's clock, the tab's title cleared after each test. */
export function onReviewPagesOf(at: string): void {
  onPagesOf(at);
  afterEach(() => {
    document.title = '';
  });
}
/** Each visit checked: [date, lines], and the history's labels. */
export const reading = (html: string) => {
  const u = read(html);
  return { visits: checked(u).map((v) => [v.date ?? null, v.lines]), history: historyLabels(u) };
};

/** The page as `html`, read by a live session; then `change` told as the observer tells it, flushed: what the panel holds. */
export async function live(html: string, change: () => void) {
  document.body.innerHTML = html;
  const session = new PageSession(document, () => OPTIONS);
  const sent = [session.flush()];
  const first = held(sent);
  session.mutations(await mutate(change, document), () => false);
  sent.push(session.flush());
  return { first, after: held(sent) };
}

export const box = (v: string | number) => `<input value="${v}">`;
/** A CPT | Minutes | Units table of one line, every value typed in. */
export const tbl = (code: string, minutes: number, units: number) =>
  `<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>${code}</td><td>${box(minutes)}</td><td>${box(units)}</td></tr></tbody></table>`;
/** `head`, a payer, and two sections headed `a` (97110 24/2) and `b` (97140 10/1). */
export const twoParts = (head: string, a: string, b: string) => `${head}<p>Payer: Medicare Part B</p><h3>${a}</h3>${tbl('97110', 24, 2)}<h3>${b}</h3>${tbl('97140', 10, 1)}`;
/** Ann's one visit of both sections: 34 minutes support 2 units, 3 billed. */
export const ONE_VISIT = [['97110 24/2', '97140 10/1']];
/** Two patients' visits, each its own. */
export const TWO_VISITS = [['97110 24/2'], ['97140 10/1']];
/** Date | Patient | CPT | Minutes | Units | Modifiers, every cell a box. */
export const dayRow = (date: string, who: string, code: string) =>
  `<tr><td>${box(date)}</td><td>${box(who)}</td><td>${box(code)}</td><td><input type="number" value="10"></td><td><input type="number" value="1"></td><td>${box('GP')}</td></tr>`;
/** A cell "=v" is a box, else text. */
const cell = (c: string) => `<td>${c.startsWith('=') ? box(c.slice(1)) : c}</td>`;
/** A table under `head`, headed `heads`; a cell "=v" is a box, else text. */
export const grid = (head: string, heads: string[], rows: string[][]) =>
  `${head}<table><thead><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
/** A flowsheet of Ann Lee's under `thead` (no date anywhere else); a cell "=v" is a box, else text. */
export const flowsheet = (thead: string, rows: string[][]) => `<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
  <table><thead>${thead}</thead><tbody>
  ${rows.map(([name, ...cells]) => `<tr><td>${name}</td>${cells.map(cell).join('')}</tr>`).join('')}
  </tbody></table>`;
