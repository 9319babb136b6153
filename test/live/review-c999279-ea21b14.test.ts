// @vitest-environment happy-dom
// Review of c999279 (lib/live/late-roots.ts: mount points asked on the clock, put in via
// LateRoots.added too) and ea21b14 (unreadable boxes: a lone start/end box, a Time column of
// <input type=time>, wording). Each test in the first blocks fails on ea21b14.
import { afterEach, describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { MAX_MOUNTS } from '../../lib/live/late-roots';
import { OPTIONS, freshFacts } from './read-page';
import { charges, expectVisitRead, tick, told, type Update } from './clock';
import { FORM, H1 } from './components';
import { restoreBadInput, typedBad, timedRow } from '../extract/bad-input';
import { readVisit } from '../../lib/extract/read';
import { evaluate } from '../../lib/rules/evaluate';
import type { Visit } from '../../lib/model';

const attach = (el: Element, html = FORM) => (el.attachShadow({ mode: 'open' }).innerHTML = html);

describe('c999279: mount points still not asked', () => {
  it('a mount point the server wrote "Loading…" in (present at the read), cleared by the bundle before it attaches its root, is asked', async () => {
    // The commonest micro-frontend shell: <div id="visit-app">Loading…</div> in the HTML.
    document.body.innerHTML = `${H1}<div id="visit-app">Loading…</div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    tick(session, sent);
    const app = document.getElementById('visit-app')!;
    await told(session, sent, () => (app.textContent = ''));
    attach(app);
    tick(session, sent);
    tick(session, sent);
    expect(freshFacts()[0]?.[3]).toEqual(['97110 24']);
    // On ea21b14: the first tick passes it (emptyMount false: text), the clearing mutation adds
    // no node (LateRoots.added never sees it): the panel stays without the visit.
    expect(charges(sent)).toEqual(['97110 24']);
  });

  it('a mount point a route puts in with a "Loading…" text, cleared before the root is attached, is asked', async () => {
    document.body.innerHTML = `${H1}<div id="outlet"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    tick(session, sent);
    await told(session, sent, () => (document.getElementById('outlet')!.innerHTML = '<div id="visit-app">Loading…</div>'));
    tick(session, sent);
    const app = document.getElementById('visit-app')!;
    await told(session, sent, () => (app.textContent = ''));
    tick(session, sent);
    attach(app);
    tick(session, sent);
    tick(session, sent);
    expectVisitRead(sent);
  });

  it(`${MAX_MOUNTS} widget containers empty at the read and filled since (in the page's own tree) do not keep a later mount point from being asked`, async () => {
    // A dashboard: MAX_MOUNTS widget boxes empty at the read, drawn into (light DOM) a moment later.
    const widgets = Array.from({ length: MAX_MOUNTS }, (_, i) => `<div id="w${i}"></div>`).join('');
    document.body.innerHTML = `${H1}<aside>${widgets}</aside><div id="outlet"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    tick(session, sent);
    await told(session, sent, () => {
      for (let i = 0; i < MAX_MOUNTS; i++) document.getElementById(`w${i}`)!.innerHTML = '<p>Widget</p>';
    });
    tick(session, sent);
    // The visit route: its micro-frontend's mount point, then its root.
    await told(session, sent, () => (document.getElementById('outlet')!.innerHTML = '<div id="visit-app"></div>'));
    tick(session, sent);
    attach(document.getElementById('visit-app')!);
    tick(session, sent);
    tick(session, sent);
    expect(freshFacts()[0]?.[3]).toEqual(['97110 24']);
    // On ea21b14: #mounts keeps the MAX_MOUNTS filled boxes (no longer mount points) while they
    // are connected, forever; the route's mount point finds no room and is never asked.
    expect(charges(sent)).toEqual(['97110 24']);
  });
});

const OPTS = OPTIONS;
const $ = (sel: string) => document.querySelector(sel)!;
const rules = (v: Visit) => evaluate(v).findings.map((f) => f.rule);

describe('ea21b14: unreadable boxes', () => {
  afterEach(() => restoreBadInput());

  it('a "Treatment time" box of <input type="time"> holding a duration (00:23) is still read as 23 minutes', () => {
    // Some EHRs use a time picker (hh:mm) for how long a line took. "00:23" is no time of day
    // (CLOCK_TIME): on ce34a24 it was read as 23 minutes; ea21b14's isTimeBox drops it whole.
    document.body.innerHTML = timedRow(['Treatment time'], ['<input type="time" value="00:23">']);
    const r = readVisit(document, OPTS);
    expect(r.visit.entries[0]!.minutes).toBe(23);
    // On ea21b14: minutes undefined, a "minutes missing" error on a line whose time is filled in.
    expect(rules(r.visit)).not.toContain('minutes.missing');
  });

  it('a "Time" column of <input type="time"> holding 01:15 (a duration) is read as 75 minutes', () => {
    document.body.innerHTML = timedRow(['Time'], ['<input type="time" value="01:15">']);
    expect(readVisit(document, OPTS).visit.entries[0]!.minutes).toBe(75);
  });

  it('a Start/End row with its End box half typed: the headline does not send the clinician to a "minutes box" the row has none of', () => {
    document.body.innerHTML = timedRow(['Start', 'End'], ['<input type="time" value="09:50">', '<input type="time" id="e" value="10:12">']);
    typedBad($('#e'));
    const f = evaluate(readVisit(document, OPTS).visit).findings.find((x) => x.rule === 'minutes.unreadable')!;
    expect(f).toBeDefined();
    // On ea21b14: "97116: minutes box unreadable; retype it" — the box to retype is End.
    expect(f.headline).not.toMatch(/minutes box/);
  });
});
