// @vitest-environment happy-dom
// From a review (helper session) of headings the page draws anew (lib/live/redrawn-facts.ts,
// PageSession.#followRedrawn, 8398ce8). Expected = what a fresh read of the final page gives.
// The FINDING tests failed on 8398ce8 (B1 and B4 also with the edit made in place, before it).
import { describe, expect, it } from 'vitest';
import { OPTIONS, input, sentVisits, stepThrough, table } from './read-page';
import { PageSession } from '../../lib/live/page-session';

const $$ = (sel: string) => Array.from(document.querySelectorAll(sel));
const row = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`;
/** Each visit's label, payer, date, patient tag and discipline as sent. */
const shown = (updates: Parameters<typeof sentVisits>[0]) => sentVisits(updates).map(({ label, part }) => [label, part.visit.payer, part.visit.dateOfService, part.visit.patientTag, part.visit.discipline]);
const fresh = () => shown([new PageSession(document, () => OPTIONS).flush()]);
/** Chromium-like (one record for the whole innerHTML) and happy-dom's per-node innerHTML. */
const replaceKids = (box: Element, html: string) => { const t = document.createElement('template'); t.innerHTML = html; box.replaceChildren(...Array.from(t.content.childNodes)); };
const STYLES = [['innerHTML', (b: Element, h: string) => (b.innerHTML = h)], ['replaceChildren', replaceKids]] as const;
/** Two visits, each section's header box (h2 + payer) drawn anew by the app. */
const two = (a: string, b: string, dos = '<p>Date of service: 11/02/2026</p>') => `${dos}
  <section><div class="hd"><h2>${a}</h2><p>Payer: Aetna</p></div>${table(row('97110', 23, 2))}</section>
  <section><div class="hd"><h2>${b}</h2><p>Payer: Medicare Part B</p></div>${table(row('97110', 38, 3))}</section>`;

describe('review 4 — a visit\'s heading drawn anew', () => {
  for (const [style, put] of STYLES) {
    it(`FINDING B1 (${style}) father and son on one sheet ("Ray, Bob" / "Ray, Bob Jr."): the father's heading drawn anew with a status gives the son's visit the father's label and patient tag`, async () => {
      // Observed: visit 2 → ["Ray, Bob · Unsaved changes Jr.", …, patientTag 21f47ab8 (the father's)], 0 rereads.
      // Fresh: visit 2 → ["Ray, Bob Jr.", …, patientTag a28ab41c]. Same with "Ray, Bob" / "Ray, Bobby" and a
      // running total ("Ray, Bob — 24 minby"). Cause: the flush's #relabel loop rewrites EVERY group whose
      // label includes the heading's old text (g.label.includes(head) / replace), not only the group whose
      // header/start is that element; the redrawn path now sends every redraw of a visit's heading there
      // (#followRedrawn adds to #relabel on any text change, digits too). (An in-place text edit to the same
      // text goes the same way: pre-existing, but before 8398ce8 a heading drawn anew was read whole.)
      const { sent } = await stepThrough(two('Ray, Bob', 'Ray, Bob Jr.'), [() => put($$('.hd')[0]!, '<h2>Ray, Bob · Unsaved changes</h2><p>Payer: Aetna</p>')]);
      expect(shown(sent)).toEqual(fresh());
    });

    it(`FINDING B2 (${style}) two visits, the date of service in brackets in the heading: "Lee, Ann (11/02/2026)" drawn anew as "(11/03/2026)" leaves the visit with no date of service`, async () => {
      // Observed: visit 1 date null, label "Lee, Ann · 11/02/2026 · Lee, Ann (11/03/2026)", 0 rereads.
      // Fresh: 2026-11-03, label "Lee, Ann · 11/03/2026 · Lee, Ann (11/03/2026)". keyOfNamerText drops
      // bracketed remarks (visitIdentity), so the new heading is taken for the same visit and only its
      // label's tail is relabelled; the group's own date part stays the old one. (Heading replaced alone with
      // replaceWith: same. An in-place textContent edit keeps 11/02 instead: pre-existing.)
      const { sent } = await stepThrough(two('Lee, Ann (11/02/2026)', 'Ray, Bob (11/02/2026)', ''), [() => put($$('.hd')[0]!, '<h2>Lee, Ann (11/03/2026)</h2><p>Payer: Aetna</p>')]);
      expect(shown(sent)).toEqual(fresh());
      expect(shown(sent)[0]![2]).toBe('2026-11-03');
    });

    it(`FINDING B3 (${style}) one patient's PT and OT sections (one visit, named by the first heading), both headings drawn anew with the disciplines swapped: stays PT, a fresh read says OT`, async () => {
      // Observed: ["Lee, Ann — PT", …, discipline PT]. Fresh: ["Lee, Ann — OT", …, discipline OT] → GP vs GO.
      // Cause: the #relabel loop again: heading 1's "PT"→"OT" relabels the group to "Lee, Ann — OT"; then
      // heading 2's old text "Lee, Ann — OT" matches that new label and turns it back to "— PT".
      // (keyOfNamerText ignores "PT"/"OT", so both are rebound as the same visits.)
      const html = two('Lee, Ann — PT', 'Lee, Ann — OT').replace(/Aetna/g, 'Medicare Part B');
      const { sent } = await stepThrough(html, [() => { put($$('.hd')[0]!, '<h2>Lee, Ann — OT</h2><p>Payer: Medicare Part B</p>'); put($$('.hd')[1]!, '<h2>Lee, Ann — PT</h2><p>Payer: Medicare Part B</p>'); }]);
      expect(shown(sent)).toEqual(fresh());
    });

    it(`FINDING B4 (${style}) one visit, its heading "Lee, Ann (DOS 11/02/2026)" drawn anew as "(DOS 11/03/2026)": the old date of service is kept`, async () => {
      // Observed: dateOfService 2026-11-02, 0 rereads. Fresh: 2026-11-03. (Without the word "DOS" in the
      // brackets, "(11/03/2026)", the date follows.) Cause as B2: the bracketed part is not in keyOfNamerText.
      const { sent } = await stepThrough(`<div id="hd"><h2>Lee, Ann (DOS 11/02/2026)</h2></div><p>Payer: Aetna</p>${table(row('97110', 23, 2))}`, [() => put(document.querySelector('#hd')!, '<h2>Lee, Ann (DOS 11/03/2026)</h2>')]);
      expect(shown(sent)).toEqual(fresh());
    });
  }
});

describe('review 4 — near misses (pass)', () => {
  for (const [style, put] of STYLES) {
    it(`NEAR MISS (${style}) headings and payers of two visits swapped; headings only swapped; h2 drawn anew as h3; another patient; date outside brackets changed`, async () => {
      const sec = (n: string, p: string) => `<h2>${n} — 24 min</h2><p>Payer: ${p}</p>`;
      const base = two('Lee, Ann — 23 min', 'Ray, Bob — 23 min');
      for (const step of [
        () => { put($$('.hd')[0]!, sec('Ray, Bob', 'Medicare Part B')); put($$('.hd')[1]!, sec('Lee, Ann', 'Aetna')); },
        () => { put($$('.hd')[0]!, sec('Ray, Bob', 'Aetna')); put($$('.hd')[1]!, sec('Lee, Ann', 'Medicare Part B')); },
        () => put($$('.hd')[1]!, '<h3>Ray, Bob — 25 min</h3><p>Payer: Medicare Part B</p>'),
        () => put($$('.hd')[1]!, sec('Ray, Roberta', 'Medicare Part B')),
        () => put($$('.hd')[0]!, sec('Lee, Ann K.', 'Aetna')),
      ]) {
        const { sent } = await stepThrough(base, [step]);
        expect(shown(sent)).toEqual(fresh());
      }
      for (const [a, b] of [['Lee, Ann — 11/02/2026 — 23 min', 'Lee, Ann — 11/03/2026 — 24 min'], ['Lee, Ann (MRN 1001)', 'Lee, Ann (MRN 1002)'], ['Lee, Ann (DOB 01/02/1950)', 'Lee, Ann (DOB 03/04/1960)'], ['Lee, Ann · Rm 4', 'Lee, Ann · Rm 6'], ['Lee, Ann — Visit 3 of 12', 'Lee, Ann — Visit 4 of 12'], ['Ray, Bob — PT', 'Ray, Bob — OT']]) {
        const { sent } = await stepThrough(`<div id="hd"><h2>${a}</h2></div><p>Payer: Aetna</p>${table(row('97110', 23, 2))}`, [() => put(document.querySelector('#hd')!, `<h2>${b}</h2>`)]);
        expect(shown(sent)).toEqual(fresh());
      }
      // Two visits: DOB in brackets (same name), a visit label with the date in brackets first.
      for (const [html, i, h] of [[two('Lee, Ann (DOB 01/02/1950)', 'Ray, Bob'), 0, 'Lee, Ann (DOB 03/04/1960)'], [two('Visit (11/02/2026) — Lee, Ann', 'Visit (11/02/2026) — Ray, Bob', ''), 0, 'Visit (11/03/2026) — Lee, Ann'], [two('Lee, Ann (11/02/2026) — 23 min', 'Ray, Bob (11/02/2026) — 38 min', ''), 0, 'Lee, Ann (11/03/2026) — 24 min']] as const) {
        const { sent } = await stepThrough(html, [() => put($$('.hd')[i]!, `<h2>${h}</h2><p>Payer: Aetna</p>`)]);
        expect(shown(sent)).toEqual(fresh());
      }
    }, 30000);
  }
});

describe('review 4 — the same edits made in place (textContent)', () => {
  it('B1 and B4 in place: as a fresh read has them (before 8398ce8 too, the son took the father\'s label and the bracketed date stayed)', async () => {
    const a = await stepThrough(two('Ray, Bob', 'Ray, Bob Jr.'), [() => ($$('.hd h2')[0]!.textContent = 'Ray, Bob · Unsaved changes')]);
    expect(shown(a.sent)).toEqual(fresh());
    const b = await stepThrough(`<div id="hd"><h2>Lee, Ann (DOS 11/02/2026)</h2></div><p>Payer: Aetna</p>${table(row('97110', 23, 2))}`, [() => (document.querySelector('#hd h2')!.textContent = 'Lee, Ann (DOS 11/03/2026)')]);
    expect(shown(b.sent)).toEqual(fresh());
  });
});
