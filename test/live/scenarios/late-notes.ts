// Notes put on the page after it was read, and a page's per-keystroke churn beside them: run in
// happy-dom (late-lines.test.ts) and in Chromium (test/e2e/records.e2e.ts), whose
// MutationRecords carry the siblings happy-dom leaves out.
import { freshFacts, input, sentFacts, stepThrough, table, unitsTable } from '../read-page';

const $ = (sel: string) => document.querySelector(sel)!;
const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';
const row = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`;

/** A note fetched after its form, into an empty box; then a line edited in place. */
export async function noteFetchedLate() {
  const { sent, rereads } = await stepThrough(`${H1}${unitsTable('97110', 'Therapeutic exercise')}<div id="note"></div>`, [
    () => ($('#note').innerHTML = '<p>Subjective: pain 3/10.</p><p>Therapeutic exercise 24 min</p>'),
    () => ($('#note p:last-child').textContent = 'Therapeutic exercise 31 min'),
  ]);
  return { rereads, sent: sentFacts(sent), fresh: freshFacts() };
}

/** "Saved" toasts in a stack of at most three as minutes are typed: newest appended, oldest taken off. */
export async function toastStack() {
  const { sent, rereads } = await stepThrough(`${H1}${table(row('97110', 24, 2))}<div id="toasts"></div>`, Array.from({ length: 6 }, (_, i) => () => {
    ($('tbody input') as HTMLInputElement).value = String(25 + i);
    const d = document.createElement('div');
    d.className = 'toast';
    d.textContent = `Saved — Therapeutic exercise ${25 + i} min`;
    $('#toasts').append(d);
    if ($('#toasts').children.length > 3) $('#toasts').firstElementChild!.remove();
  }));
  return { rereads, sent: sentFacts(sent), fresh: freshFacts() };
}
