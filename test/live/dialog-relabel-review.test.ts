// @vitest-environment happy-dom
// From a review (helper session) of cf2acc0: dialog facts (outsideRowlessDialogs), relabel restricted
// to the heading's own visit, dates in keyOfNamerText. The FINDING tests failed on cf2acc0.
// Expected = what the same page gives with no dialog role / what a fresh read of the final page gives.
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { OPTIONS, input, sentVisits, stepThrough, table } from './read-page';

const $ = (sel: string) => document.querySelector(sel)!;
const $$ = (sel: string) => Array.from(document.querySelectorAll(sel));
const row = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`;
const R = table(row('97110', 24, 2));
function read(html: string) {
  document.body.innerHTML = html;
  return sentVisits([new PageSession(document, () => OPTIONS).flush()]).map((v) => ({ payer: v.part.visit.payer, patient: v.part.visit.patientTag, date: v.part.visit.dateOfService }));
}
const shown = (updates: Parameters<typeof sentVisits>[0]) => sentVisits(updates).map(({ label, part }) => [label, part.visit.payer, part.visit.dateOfService, part.visit.patientTag, part.visit.discipline]);
const fresh = () => shown([new PageSession(document, () => OPTIONS).flush()]);
const BANNER = '<h2>Ann Lee</h2><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p><p>Date of service: 11/02/2026</p>';

describe('review 5 — facts in a dialog that holds none of the detected rows', () => {
  it('FINDING D1: patient-summary drawer (role=dialog, e.g. a Radix/shadcn Sheet kept open) beside the note form: payer, patient and DOS all dropped', () => {
    // Observed: { payer: undefined, patient: undefined, date: undefined }. Expected (same page, <aside> without
    // role=dialog; and on 8398ce8): Medicare Part B, Ann Lee's tag, 2026-11-02.
    const plain = read(`<aside aria-label="Patient summary">${BANNER}</aside><main><h1>Daily note</h1>${R}</main>`);
    expect(plain[0]).toMatchObject({ payer: 'Medicare Part B', date: '2026-11-02' });
    expect(read(`<aside role="dialog" aria-label="Patient summary">${BANNER}</aside><main><h1>Daily note</h1>${R}</main>`)).toEqual(plain);
  });

  it('FINDING D2: chart opened as a modal, its charge entry a sibling dialog (two portals): the chart modal\'s payer and patient dropped', () => {
    // Observed: payer undefined, patient undefined (date kept). On 8398ce8: Medicare Part B, ddca3e6a.
    const [v] = read(`<div role="dialog" aria-modal="true" aria-label="Chart"><h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p></div><div role="dialog" aria-label="Charge entry">${R}</div>`);
    expect(v).toMatchObject({ payer: 'Medicare Part B', patient: expect.any(String) });
  });

  it('FINDING D3: charge summary dialog whose lines are free text (not detected rows): its payer dropped', () => {
    // Observed payer undefined; without role=dialog (and on 8398ce8): Aetna PPO. Cause: outsideRowlessDialogs
    // is given detection.rows only, not detection.freeText.
    const list = '<ul><li>97110 THER EXERCISES — 2 units — 25 min — GP</li><li>97140 MANUAL THERAPY — 1 unit — 10 min — GP</li></ul>';
    const [v] = read(`<h1>Daily note — Ann Lee — 11/02/2026</h1><div role="dialog" aria-label="Charge summary"><p>Payer: Aetna PPO</p>${list}</div>`);
    expect(v!.payer).toBe('Aetna PPO');
  });

  it('FINDING D4: whole chart in a dialog, its charge grid a web component (open shadow root): payer dropped', () => {
    // Observed payer undefined (role=dialog and <dialog open> alike); in a plain <div>: Medicare Part B.
    // Cause: dialog.contains(row) is false across a shadow boundary.
    document.body.innerHTML = `<div role="dialog" aria-modal="true"><h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><charge-grid id="host"></charge-grid></div>`;
    ($('#host') as HTMLElement).attachShadow({ mode: 'open' }).innerHTML = R;
    expect(sentVisits([new PageSession(document, () => OPTIONS).flush()])[0]!.part.visit.payer).toBe('Medicare Part B');
  });

  it('FINDING D5: a sticky chart header marked aria-modal="true" (a misused attribute) above the form: payer, patient, DOS dropped', () => {
    const [v] = read(`<div aria-modal="true" class="chart-header"><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p><p>DOS: 11/02/2026</p></div><h1>Daily note</h1>${R}`);
    expect(v).toMatchObject({ payer: 'Medicare Part B', date: '2026-11-02' });
  });

  it('NEAR MISS (passes): <dialog open> as the page container; banner outside a modal holding the rows; banner in an outer modal, rows in a nested one', () => {
    expect(read(`<dialog open><h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>${R}</dialog>`)[0]!.payer).toBe('Medicare Part B');
    expect(read(`<header><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p></header><div role="dialog" aria-modal="true"><h2>Daily note — 11/02/2026</h2>${R}</div>`)[0]!.payer).toBe('Medicare Part B');
    expect(read(`<div role="dialog" aria-modal="true"><header>${BANNER}</header><div role="dialog" aria-label="Charges">${R}</div></div>`)[0]).toMatchObject({ payer: 'Medicare Part B', date: '2026-11-02' });
  });

  it('NEAR MISS (passes): live — eligibility dialog opened and closed, charge dialog opened/closed, empty charge grid filled, chart modal whose rows load late: live = fresh', async () => {
    const ELIG = '<div role="dialog" aria-modal="true"><h3>Eligibility check</h3><p>Payer: Humana Gold Plus</p><p>Patient: Bob Ray</p></div>';
    const EMPTY = '<table id="t2"><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody></tbody></table>';
    const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1>';
    const cases: [string, (() => void)[]][] = [
      [`${H1}<p>Payer: Medicare Part B</p><div id="portal"></div>${R}`, [() => ($('#portal').innerHTML = ELIG), () => ($('#portal').innerHTML = '')]],
      [`${H1}<p>Payer: Medicare Part B</p>${R}<div id="portal"></div>`, [() => ($('#portal').innerHTML = `<div role="dialog" aria-label="Add charge"><p>Payer: Aetna PPO</p>${table(row('97140', 10, 1))}</div>`), () => ($('#portal').innerHTML = '')]],
      [`${H1}<p>Payer: Medicare Part B</p>${R}<div role="dialog" aria-label="Add charge"><p>Payer: Aetna PPO</p>${EMPTY}</div>`, [() => ($('#t2 tbody').innerHTML = row('97140', 10, 1))]],
      [`<div role="dialog" aria-modal="true"><h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><p>Payer: Aetna PPO</p>${EMPTY}</div>`, [() => ($('#t2 tbody').innerHTML = row('97110', 24, 2))]],
    ];
    for (const [html, steps] of cases) {
      const { sent, rereads } = await stepThrough(html, steps);
      expect(shown(sent)).toEqual(fresh());
      expect(rereads).toBeLessThanOrEqual(steps.length);
    }
    expect(shown([new PageSession(document, () => OPTIONS).flush()])[0]![1]).toBe('Aetna PPO');
  });

  it('NEAR MISS: role="dialog" added to the banner\'s box after the first read: live and a fresh read keep Medicare Part B (the chart names no other payer)', async () => {
    const { sent } = await stepThrough(`<h1>Daily note — Ann Lee — 11/02/2026</h1><div id="wrap"><p>Payer: Medicare Part B</p></div>${R}`, [() => $('#wrap').setAttribute('role', 'dialog')]);
    expect(shown(sent)[0]![1]).toBe('Medicare Part B');
    expect(fresh()[0]![1]).toBe('Medicare Part B');
  });
});

describe('review 5 — relabel of a visit whose label is built from two namers (name line + own heading)', () => {
  // Each card: a banner name line (the group's header) and its own h3, label "Lee, Ann · DOS 11/02/2026 · Treatment".
  const card = (name: string, h: string, m: number) => `<div class="card"><p class="nm"><b>${name}</b> · MRN 1001 · DOS 11/02/2026</p><h3 class="h">${h}</h3>${table(row('97110', m, 2))}</div>`;
  const cards = `<h1>Day sheet</h1>${card('Lee, Ann', 'Treatment', 23)}${card('Ray, Bob', 'Treatment', 38)}`;

  it('FINDING L1 (regression): the name line and the h3 of card 1 both marked "Unsaved changes" in one flush: card 1 keeps its old label, card 2 takes card 1\'s', async () => {
    // Observed: ["Lee, Ann · DOS 11/02/2026 · Treatment", "Ray, Bob · DOS 11/02/2026 · Treatment · Unsaved changes"], 0 rereads.
    // Fresh: ["… Lee … Treatment · Unsaved changes", "… Ray … Treatment"]. 8398ce8 had card 1 right (card 2 wrong).
    // Cause: #relabel's new test — the h3 is no group's header (own=false), so every group whose header is
    // also in #relabel (card 1's name line) is skipped, and every other group whose label holds "Treatment" is rewritten.
    const { sent } = await stepThrough(cards, [() => { $$('.h')[0]!.textContent = 'Treatment · Unsaved changes'; $$('.nm')[0]!.innerHTML = '<b>Lee, Ann</b> · MRN 1001 · DOS 11/02/2026 · Unsaved changes'; }]);
    expect(shown(sent)).toEqual(fresh());
  });

  it('FINDING L2 (B1 not fixed for a heading that is not the header): card 1\'s h3 "Treatment" → "Treatment · Unsaved changes" relabels card 2 too', async () => {
    // Observed: card 2 "Ray, Bob · DOS 11/02/2026 · Treatment · Unsaved changes"; fresh: "… · Treatment". Same on 8398ce8.
    const { sent } = await stepThrough(cards, [() => ($$('.h')[0]!.textContent = 'Treatment · Unsaved changes')]);
    expect(shown(sent)).toEqual(fresh());
  });

  it('FINDING L3 (B3 class, billing impact): two patients\' sections "<h2>name</h2><h3>Daily note — PT</h3>"; card 1\'s h3 switched to OT turns Ray, Bob\'s visit OT', async () => {
    // Observed: visit 2 ["Ray, Bob · Daily note — OT", …, discipline "OT"] (GO expected instead of GP), 0 rereads.
    // Fresh: ["Ray, Bob · Daily note — PT", …, "PT"]. Same on 8398ce8.
    const sec = (name: string, h: string, m: number) => `<section><h2>${name}</h2><h3 class="h">${h}</h3>${table(row('97110', m, 2))}</section>`;
    const { sent } = await stepThrough(`${sec('Lee, Ann', 'Daily note — PT', 23)}${sec('Ray, Bob', 'Daily note — PT', 38)}`, [() => ($$('.h')[0]!.textContent = 'Daily note — OT')]);
    expect(shown(sent)).toEqual(fresh());
  });
});

describe('review 5 — dates in keyOfNamerText: rereads per keystroke (near misses)', () => {
  const times = (n: number, f: (k: number) => () => void) => Array.from({ length: n }, (_, k) => f(k));
  const type = (k: number) => (($('tbody input') as HTMLInputElement).value = String(25 + k));
  const hd = (t: string) => `<div id="hd"><h1>${t}</h1></div><p>Payer: Aetna</p>${R}`;

  it('NEAR MISS (passes): "Draft saved 10:4k AM" and "today 10:41:0k" in the heading: 0 rereads over 5 keystrokes', async () => {
    for (const h of [(k: number) => `Daily note — Ann Lee — 11/02/2026 — Draft saved 10:4${k} AM`, (k: number) => `Daily note — Ann Lee — today 10:41:0${k}`]) {
      const { rereads } = await stepThrough(hd(h(0)), times(5, (k) => () => { type(k); $('h1').textContent = h(k + 1); }));
      expect(rereads).toBe(0);
    }
  });

  // Pre-existing until keyOfNamerText's CLOCK_STAMP: a clock with a date in the visit's heading read the page whole per keystroke.
  it('"Visit — Ann Lee — 11/02/2026 10:41:0k" / "Last saved 11/02/2026 10:4k" / ISO timestamp ticking: ≤ 1 reread over 4 steps', async () => {
    for (const h of [(k: number) => `Visit — Ann Lee — 11/02/2026 10:41:0${k}`, (k: number) => `Daily note — Ann Lee — Last saved 11/02/2026 10:4${k}`, (k: number) => `Daily note — Ann Lee — 2026-11-02T10:41:0${k}`]) {
      const { rereads } = await stepThrough(hd(h(0)), times(4, (k) => () => { type(k); $('h1').textContent = h(k + 1); }));
      expect(rereads).toBeLessThanOrEqual(1);
    }
  });

  it('an appointment\'s time in the heading changed ("9:00 AM" → "2:00 PM", the day\'s next session in the same elements): read again, the label as a fresh read has it', async () => {
    const { sent, rereads } = await stepThrough(hd('Daily note — Ann Lee — 11/02/2026 9:00 AM'), [() => { type(0); $('h1').textContent = 'Daily note — Ann Lee — 11/02/2026 2:00 PM'; }]);
    expect(rereads).toBe(1);
    expect(shown(sent)).toEqual(fresh());
  });
});
