// @vitest-environment happy-dom
// The wrong patient's data, or two patients' lines in one visit: on pages that change without a
// reload, under headings that name the patient with the visit's kind or time, in a charge dialog
// over the chart, from a search box or a list left on "Select…". Found by a red-team pass; each
// case failed on the code before (its comment says how).
import { describe, expect, it } from 'vitest';
import { mutate } from './mutate';
import { OPTIONS, input, sentVisits, table } from './read-page';
import { PageSession, type PageUpdate } from '../../lib/live/page-session';
import { patientTag } from '../../lib/extract/read';

const ANN = patientTag('ann lee');
const BOB = patientTag('bob ray');

/** What a session has sent so far, folded as the panel holds it: the last list, each listed visit's last part. */
const folded = (updates: (PageUpdate | undefined)[]) => sentVisits(updates).map((v) => view(v.part));
const view = (v: PageUpdate['visits'][number]) => ({ patient: v.visit.patientTag, date: v.visit.dateOfService, lines: v.visit.entries.map((e) => `${e.code} ${e.minutes}`) });
/** A new session's first read of the page as it is now. */
const fresh = () => folded([new PageSession(document, () => OPTIONS).flush()]);
const ins = () => [...document.querySelectorAll<HTMLInputElement>('table input')];

/** A session of one table under its heading: CPT typed, minutes, units. */
const session = (heading: string, minutes: number) => `<h3>${heading}</h3>${table(`<tr><td>${input('97110')}</td><td>${input(minutes)}</td><td>${input(1)}</td></tr>`)}`;

describe('a heading above the visits rewritten in place (a single-page app reusing its DOM for the next chart)', () => {
  it("the note's heading names the next patient: her AM and PM sessions are hers, not the patient before's", async () => {
    document.body.innerHTML = `<h1 id="top">Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>${session('AM session 9:00', 10)}${session('PM session 2:00', 10)}`;
    const s = new PageSession(document, () => OPTIONS);
    const sent = [s.flush()];
    expect(folded(sent).map((v) => v.patient)).toEqual([ANN, ANN]);
    // The framework writes Bob's chart into the same elements: the heading's text node, the inputs' values (no event).
    s.mutations(await mutate(() => void (document.getElementById('top')!.firstChild!.nodeValue = 'Daily note — Bob Ray — 11/03/2026')), () => false);
    sent.push(s.flush());
    ins()[1]!.value = '23';
    expect(s.changedValues()).toBe(true);
    sent.push(s.flush());
    expect(fresh().map((v) => [v.patient, v.date])).toEqual([[BOB, '2026-11-03'], [BOB, '2026-11-03']]);
    // Before: Bob's 23 minutes are sent tagged Ann, dated Ann's 11/02.
    expect(folded(sent)).toEqual(fresh());
  });

  const pages: [string, string, string, string, number][] = [
    ['a day sheet moved to the next day (same patients seen again)', `<h1 id="top">Visits 11/02/2026</h1>${session('Lee, Ann — Medicare', 10)}${session('Ray, Bob — Aetna', 10)}`, 'Visits 11/04/2026', '2026-11-04', 1],
    ['one note, its date in the page heading above the treatment heading', `<h1 id="top">Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><h2>Treatment</h2>${table(`<tr><td>97110</td><td>${input(10)}</td><td>${input(1)}</td></tr>`)}`, 'Daily note — 11/03/2026', '2026-11-03', 0],
  ];
  for (const [name, html, heading, date, minutes] of pages) {
    it(`${name}: the visits are of the day the heading now names`, async () => {
      document.body.innerHTML = html;
      const s = new PageSession(document, () => OPTIONS);
      const sent = [s.flush()];
      s.mutations(await mutate(() => void (document.getElementById('top')!.firstChild!.nodeValue = heading)), () => false);
      sent.push(s.flush());
      ins()[minutes]!.value = '23'; // the new day's minutes, set with no event
      expect(s.changedValues()).toBe(true);
      sent.push(s.flush());
      expect(fresh().every((v) => v.date === date)).toBe(true);
      // Before: the new day's lines are sent dated the day before.
      expect(folded(sent)).toEqual(fresh());
    });
  }
});

describe("a modal charge dialog for another patient opened over a patient's chart", () => {
  const CHART = `<h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p>${table(`<tr><td>97110</td><td>${input(38)}</td><td>${input(3)}</td></tr>`)}`;
  const BOBS_LINE = table(`<tr><td>97140</td><td>${input(8)}</td><td>${input(1)}</td></tr>`);
  const dialogs: [string, string][] = [
    ['<dialog> headed "Ray, Bob — Charges"', `<dialog open><h2>Ray, Bob — Charges</h2>${BOBS_LINE}</dialog>`],
    ['role="dialog" headed "Add charge — Ray, Bob"', `<div role="dialog" aria-modal="true"><h2>Add charge — Ray, Bob</h2>${BOBS_LINE}</div>`],
    ['role="dialog" labelled "Charges for Ray, Bob"', `<div role="dialog" aria-modal="true" aria-label="Charges for Ray, Bob">${BOBS_LINE}</div>`],
    ['<dialog> "Quick charge" with a Patient field', `<dialog open><h2>Quick charge</h2><label>Patient <input value="Ray, Bob"></label>${BOBS_LINE}</dialog>`],
  ];
  for (const [name, dialog] of dialogs) {
    it(`${name}: Ann's visit holds Ann's line only, tagged Ann; Bob's line is never hers`, async () => {
      document.body.innerHTML = CHART;
      const s = new PageSession(document, () => OPTIONS);
      const sent = [s.flush()];
      s.mutations(await mutate(() => document.body.insertAdjacentHTML('beforeend', dialog)), () => false);
      sent.push(s.flush());
      const anns = folded(sent).find((v) => v.lines.includes('97110 38'))!;
      // Before: one visit, ['97110 38', '97140 8'] (two patients' lines pooled), and with the
      // dialog's Patient field, tagged Bob.
      expect(anns).toMatchObject({ patient: ANN, lines: ['97110 38'] });
    });
  }
});

describe("a charge dialog over a patient's own chart", () => {
  const CHART = `<h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p>${table(`<tr><td>97110</td><td>${input(38)}</td><td>${input(3)}</td></tr>`)}`;
  const LINE = table(`<tr><td>97140</td><td>${input(8)}</td><td>${input(1)}</td></tr>`);
  const dialogs: [string, string][] = [
    ['naming no one ("Add charge")', `<dialog open><h2>Add charge</h2>${LINE}</dialog>`],
    ['with a Patient field naming her', `<div role="dialog" aria-modal="true"><h2>Add charge</h2><label>Patient <select><option>Lee, Ann</option></select></label>${LINE}</div>`],
  ];
  for (const [name, dialog] of dialogs) {
    it(`${name}: its line is a line of her visit (her day's minutes counted together)`, () => {
      document.body.innerHTML = CHART + dialog;
      expect(fresh()).toEqual([{ patient: ANN, date: '2026-11-02', lines: ['97110 38', '97140 8'] }]);
    });
  }
});

describe('a Patient control outside the chart (a toolbar picker, a search box) and the chart banner', () => {
  const NOTE = `<p>Payer: Medicare Part B</p><h2>Daily note 11/02/2026</h2>${table(`<tr><td>97110</td><td>${input(38)}</td><td>${input(3)}</td></tr>`)}`;
  const BANNER = '<div class="banner">Patient: Lee, Ann · DOB 03/04/1950</div>';

  it('a patient picker left on its placeholder ("Select…") names no patient: the banner\'s stands', () => {
    document.body.innerHTML = `<div class="toolbar"><label>Patient <select><option value="">Select…</option><option>Lee, Ann</option><option>Ray, Bob</option></select></label></div>${BANNER}${NOTE}`;
    // Before: the tag of "Select…", the same for every chart on the site.
    expect(fresh().map((v) => v.patient)).toEqual([ANN]);
  });

  it('the next patient typed into the search box while Ann\'s chart is open: her visit stays hers', () => {
    document.body.innerHTML = `<header><label for="q">Patient</label> <input id="q" value="Ray, Bob"></header>${BANNER}${NOTE}`;
    // Before: Bob's tag (a control is taken before the banner's text).
    expect(fresh().map((v) => v.patient)).toEqual([ANN]);
  });
});

describe("a visit's own Patient field, blank when read, then filled in", () => {
  it('the name typed is the visit\'s patient at once, not the other patient the page names (or none)', () => {
    document.body.innerHTML = `<div class="banner">Last opened: Patient: Cole, Eve</div><h2>New charge 11/02/2026</h2><label>Patient <input id="p" value=""></label><p>Payer: Aetna</p>${table(`<tr><td>97110</td><td>${input(38)}</td><td>${input(3)}</td></tr>`)}`;
    const s = new PageSession(document, () => OPTIONS);
    const sent = [s.flush()];
    const p = document.getElementById('p') as HTMLInputElement;
    p.value = 'Ray, Bob';
    s.edit(p);
    sent.push(s.flush());
    // A fresh read of this page says Bob (the form's own field). Before, the session still sent
    // Cole, Eve's tag (without the banner line: no tag), until the page was read whole again.
    expect(folded(sent)).toEqual(fresh());
  });
});

describe("a day sheet's sections headed by the patient and the visit's kind or time", () => {
  const section = (who: string, code: string) => `<h3>${who}</h3>${table(`<tr><td>${code}</td><td>${input(10)}</td><td>${input(1)}</td></tr>`)}`;
  const pairs: [string, string][] = [
    ['Lee, Ann — Follow-up', 'Ray, Bob — Follow-up'],
    ['Lee, Ann — Eval', 'Ray, Bob — Treatment'],
    ['Ann Lee (Eval)', 'Bob Ray (Re-eval)'],
    ['9:00a Ann Lee', '9:45a Bob Ray'],
    ['Mrs. Lee, Ann', 'Mr. Ray, Bob'],
  ];
  for (const [a, b] of pairs) {
    it(`"${a}" and "${b}": two visits, each her own line, never one visit of both`, () => {
      document.body.innerHTML = `<h1>Visits 11/02/2026</h1>${section(a, '97110')}${section(b, '97140')}`;
      // Before: one visit "Visits 11/02/2026", no patient, lines 97110 10 and 97140 10 (20 timed minutes pooled).
      expect(fresh().map((v) => v.lines)).toEqual([['97110 10'], ['97140 10']]);
    });
  }
});

// Found by a review of these fixes: each failed on their first version.
describe("a charge dialog over her chart, the chart naming her in its heading or banner (no Patient field)", () => {
  const line = (code: string, m: number, u: number) => table(`<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`);
  const DIALOG = `<div role="dialog" aria-modal="true"><h2>Add charge — Lee, Ann</h2>${line('97140', 10, 1)}</div>`;
  const charts: [string, string][] = [
    ['her name in the page heading', `<h1>Lee, Ann — Daily note — 11/02/2026</h1><p>Payer: Medicare Part B</p>${line('97110', 38, 3)}`],
    ['her name in the chart banner', `<div class="banner">Lee, Ann · MRN 1001 · Medicare Part B</div><h1>Daily note — 11/02/2026</h1>${line('97110', 38, 3)}`],
  ];
  for (const [name, chart] of charts) {
    it(`${name}: one visit of both lines, dated (48 timed minutes are 3 units, not 3 + 1)`, () => {
      document.body.innerHTML = chart + DIALOG;
      const visits = fresh();
      expect(visits.map((v) => ({ lines: v.lines, date: v.date }))).toEqual([{ lines: ['97110 38', '97140 10'], date: '2026-11-02' }]);
      expect(visits[0]!.patient ?? ANN).toBe(ANN);
    });
  }
});

describe("one patient's note, its sections headed by the clinician who gave them", () => {
  const line = (code: string, m: number, u: number) => table(`<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`);
  const headings: [string, string][] = [
    ['Jane Doe (PT)', 'Tom Roe (PT)'],
    ['Jane Doe — PT', 'Tom Roe — PT'],
  ];
  for (const [a, b] of headings) {
    it(`"${a}" and "${b}" under "Patient: Ann Lee": one visit of Ann's, 48 timed minutes together`, () => {
      document.body.innerHTML = `<h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p><h3>${a}</h3>${line('97110', 38, 3)}<h3>${b}</h3>${line('97140', 10, 1)}`;
      expect(fresh().map((v) => ({ patient: v.patient, lines: v.lines }))).toEqual([{ patient: ANN, lines: ['97110 38', '97140 10'] }]);
    });
  }
});

describe('the page heading the day was read from, put in anew or ticking', () => {
  it("replaced by the next day's heading (a framework mounting it anew): the visit is of the day the page now names", async () => {
    document.body.innerHTML = `<header><h1 id="top">Daily note — 11/02/2026</h1></header><p>Patient: Ann Lee</p><h2>Treatment</h2>${table(`<tr><td>97110</td><td>${input(10)}</td><td>${input(1)}</td></tr>`)}`;
    const s = new PageSession(document, () => OPTIONS);
    const sent = [s.flush()];
    const h = document.createElement('h1');
    h.textContent = 'Daily note — 11/03/2026';
    s.mutations(await mutate(() => document.getElementById('top')!.replaceWith(h)), () => false);
    sent.push(s.flush());
    ins()[0]!.value = '23';
    expect(s.changedValues()).toBe(true);
    sent.push(s.flush());
    expect(fresh()[0]!.date).toBe('2026-11-03');
    expect(folded(sent)).toEqual(fresh());
  });

  // A heading that names no date or person now (a clock, a class toggled): no news, not every visit built again.
  const page = (tag: string) =>
    `<aside><${tag} id="t">Session timer <span id="n">00:12:04</span></${tag}></aside><main><h1>Daily note — Lee, Ann — 11/02/2026</h1><p>Payer: Medicare Part B</p><h3>AM session</h3>${table(`<tr><td>97110</td><td>${input(38)}</td><td>${input(1)}</td></tr>`)}<h3>PM session</h3>${table(`<tr><td>97140</td><td>${input(10)}</td><td>${input(1)}</td></tr>`)}</main>`;
  for (const tag of ['h2', 'h4']) {
    it(`a clock ticking in an <${tag}> beside the note is no news`, async () => {
      document.body.innerHTML = page(tag);
      const s = new PageSession(document, () => OPTIONS);
      s.flush();
      expect(s.mutations(await mutate(() => void (document.getElementById('n')!.textContent = '00:12:05')), () => false)).toBe(false);
    });
    it(`a class toggled on an <${tag}> beside the note is no news`, async () => {
      document.body.innerHTML = page(tag);
      const s = new PageSession(document, () => OPTIONS);
      s.flush();
      expect(s.mutations(await mutate(() => void document.getElementById('t')!.classList.toggle('open')), () => false)).toBe(false);
    });
  }
});

// Found by a second review: each failed on the version before it.
describe('another patient’s charge dialog over her chart, he named elsewhere on the page', () => {
  const line = (code: string, m: number, u: number) => table(`<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`);
  const chart = `<h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p>${line('97110', 38, 3)}`;
  const dialog = `<div role="dialog" aria-modal="true"><h2>Add charge — Ray, Bob</h2>${line('97140', 10, 1)}</div>`;
  const sides: [string, string][] = [
    ['a "Recent patients" list', '<aside><h4>Recent patients</h4><ul>\n  <li>Lee, Ann</li>\n  <li>Ray, Bob</li>\n  <li>Kim, Joe</li>\n</ul>\n</aside>\n'],
    ['a schedule side bar', '<aside class="schedule">\n  <div>9:00 Lee, Ann</div>\n  <div>10:00 Bob Ray</div>\n</aside>\n'],
    ['a minified list (no space between its names)', '<aside><ul><li>Lee, Ann</li><li>Ray, Bob</li></ul></aside>'],
  ];
  for (const [name, side] of sides) {
    it(`${name}: Bob’s dialog line is never in Ann’s visit`, () => {
      document.body.innerHTML = side + chart + dialog;
      const withBobs = fresh().find((v) => v.lines.includes('97140 10'))!;
      expect(withBobs.lines).not.toContain('97110 38');
      expect(withBobs.patient ?? BOB).not.toBe(ANN);
    });
  }
});

describe('the page heading the day was read from, changed in what it names', () => {
  const LINE = table(`<tr><td>97110</td><td>${input(10)}</td><td>${input(1)}</td></tr>`);
  /** The page read live through `change`, then a value set with no event. */
  async function live(html: string, change: () => void) {
    document.body.innerHTML = html;
    const s = new PageSession(document, () => OPTIONS);
    const sent = [s.flush()];
    const before = fresh();
    s.mutations(await mutate(change), () => false);
    sent.push(s.flush());
    ins()[0]!.value = '23';
    s.changedValues();
    sent.push(s.flush());
    return { before, after: fresh(), sent: folded(sent) };
  }

  it('its date taken out (the next chart is a new, undated note): the old day is not kept', async () => {
    const r = await live(`<h1 id="top">Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><h2>Treatment</h2>${LINE}`, () => void (document.getElementById('top')!.firstChild!.nodeValue = 'New daily note'));
    expect(r.before[0]!.date).toBe('2026-11-02');
    expect(r.after[0]!.date).not.toBe('2026-11-02');
    expect(r.sent).toEqual(r.after);
  });

  it('a header mounted anew whose first heading names nothing (the clinic’s), its h1 the next day’s', async () => {
    const header = (d: string) => `<header id="hdr"><h2>Riverside PT</h2><h1>Daily note — ${d}</h1></header>`;
    const r = await live(`${header('11/02/2026')}<p>Patient: Ann Lee</p><h2>Treatment</h2>${LINE}`, () => {
      const t = document.createElement('template');
      t.innerHTML = header('11/03/2026');
      document.getElementById('hdr')!.replaceWith(t.content.firstElementChild!);
    });
    expect(r.after[0]!.date).toBe('2026-11-03');
    expect(r.sent).toEqual(r.after);
  });

  it('a class toggled on the 60th earlier note’s dated heading (expanding it) is no news', async () => {
    const day = (i: number) => `${String(1 + Math.floor(i / 28)).padStart(2, '0')}/${String(1 + (i % 28)).padStart(2, '0')}/2026`;
    const history = Array.from({ length: 60 }, (_, i) => `<h3 id="h${i}">Note ${day(i)}</h3><p>Signed.</p>`).join('');
    document.body.innerHTML = `<h1>Daily note — Lee, Ann — 11/02/2026</h1><p>Payer: Medicare Part B</p><h2>Treatment</h2>${LINE}<section class="history"><h2>Earlier notes</h2>${history}</section>`;
    const s = new PageSession(document, () => OPTIONS);
    s.flush();
    expect(s.mutations(await mutate(() => void document.getElementById('h59')!.classList.toggle('open')), () => false)).toBe(false);
  });
});
