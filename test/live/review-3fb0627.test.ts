// @vitest-environment happy-dom
// Review probe of 3fb0627 (lib/live/late-roots.ts: empty mount points with an id asked for a
// shadow root on the content script's clock). Each test is what a micro-frontend page does; each
// expects the visit drawn in the late root to be read.
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { OPTIONS } from './read-page';
import { expectVisitRead, tick, told, type Update } from './clock';
import { FORM, H1, contentWiring, settle } from './components';
import { MAX_MOUNTS } from '../../lib/live/late-roots';

const attach = (id: string, html = FORM) => (document.getElementById(id)!.attachShadow({ mode: 'open' }).innerHTML = html);

describe('3fb0627: a micro-frontend attaching its root to an empty mount point later', () => {
  it('root attached within the first second after the read (before the first tick) is read', () => {
    document.body.innerHTML = `${H1}<div id="visit-app"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    // The bundle loads 300 ms after the read: before the clock's first tick.
    attach('visit-app');
    tick(session, sent);
    tick(session, sent);
    expectVisitRead(sent);
  });

  it('root attached while a read in steps is under way (after it passed the mount point) is read', () => {
    document.body.innerHTML = `${H1}<div id="visit-app"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent: Update[] = [];
    const steps = session.flushInSteps(() => true);
    let r = steps.next();
    let attached = false;
    while (!r.done) {
      // The clock ticks while the read waits (componentsUpgraded says false then).
      expect(session.componentsUpgraded()).toBe(false);
      if (!attached) {
        attach('visit-app');
        attached = true;
      }
      r = steps.next();
    }
    sent.push(r.value);
    for (let k = 0; k < 3; k++) tick(session, sent);
    expect(attached).toBe(true);
    expectVisitRead(sent);
  });

  it('a mount point the app shell puts in after the first tick (its route rendered after a fetch) is asked', async () => {
    document.body.innerHTML = `${H1}<div id="shell"><p>Loading patient…</p></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    tick(session, sent);
    // The shell renders the route: the micro-frontend's mount point, empty.
    await told(session, sent, () => (document.getElementById('shell')!.innerHTML = '<div id="visit-app"></div>'));
    tick(session, sent);
    attach('visit-app');
    tick(session, sent);
    expectVisitRead(sent);
  });

  it('a mount point replaced by one of the same id (the app re-rendered, another tab of the chart) is asked', async () => {
    document.body.innerHTML = `${H1}<div id="outlet"><div id="visit-app"></div></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    tick(session, sent);
    await told(session, sent, () => (document.getElementById('outlet')!.innerHTML = '<div id="visit-app"></div>'));
    tick(session, sent);
    attach('visit-app');
    tick(session, sent);
    tick(session, sent);
    expectVisitRead(sent);
  });

  it('a route change (pushState) that puts in a new mount point a second later: the new visit is read', async () => {
    history.replaceState(null, '', '/patients/1/visit');
    document.body.innerHTML = `${H1}<div id="outlet"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    tick(session, sent);
    history.pushState(null, '', '/patients/2/visit');
    if (session.addressChanged()) sent.push(session.flush());
    tick(session, sent);
    await told(session, sent, () => (document.getElementById('outlet')!.innerHTML = '<div id="visit-app"></div>'));
    tick(session, sent);
    attach('visit-app');
    tick(session, sent);
    expectVisitRead(sent);
  });

  it('a mount point holding a "Loading…" text the app clears before attaching its root is asked', async () => {
    document.body.innerHTML = `${H1}<div id="visit-app"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    tick(session, sent);
    const app = document.getElementById('visit-app')!;
    await told(session, sent, () => (app.textContent = 'Loading…'));
    tick(session, sent);
    // The bundle clears the placeholder and attaches its root.
    await told(session, sent, () => (app.textContent = ''));
    attach('visit-app');
    tick(session, sent);
    tick(session, sent);
    expectVisitRead(sent);
  });

  it.each([
    ['written with a newline inside (<div id="visit-app">\\n</div>)', '\n'],
    ['holding only a comment (<!-- visit app mounts here -->)', '<!-- visit app mounts here -->'],
  ])('a mount point %s is asked', (_, inside) => {
    document.body.innerHTML = `${H1}<div id="visit-app">${inside}</div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    tick(session, sent);
    attach('visit-app');
    tick(session, sent);
    expectVisitRead(sent);
  });

  it('a mount point inside a component put in after the read (its shadow tree found by LateRoots.added) is asked', async () => {
    document.body.innerHTML = `${H1}<div id="outlet"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    tick(session, sent);
    await told(session, sent, () => {
      const shell = document.createElement('div');
      shell.id = 'chart-shell';
      shell.attachShadow({ mode: 'open' }).innerHTML = '<nav>Chart</nav><div id="visit-app"></div>';
      document.getElementById('outlet')!.append(shell);
    });
    session.lateShadowRoots();
    tick(session, sent);
    const app = document.getElementById('chart-shell')!.shadowRoot!.getElementById('visit-app')!;
    app.attachShadow({ mode: 'open' }).innerHTML = FORM;
    tick(session, sent);
    tick(session, sent);
    expectVisitRead(sent);
  });

  it('a root attached empty and drawn later is watched (held: the read after it looks into it)', async () => {
    document.body.innerHTML = `${H1}<div id="visit-app"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const w = contentWiring(session);
    const sent = [w.read()];
    expect(session.componentsUpgraded()).toBe(false);
    const root = document.getElementById('visit-app')!.attachShadow({ mode: 'open' });
    if (session.componentsUpgraded()) sent.push(w.read());
    root.innerHTML = FORM;
    await settle();
    sent.push(w.read());
    w.observer.disconnect();
    expectVisitRead(sent);
  });

  it('a page whose empty boxes are re-created each second is not read whole each second (held)', async () => {
    document.body.innerHTML = `${H1}${FORM}<div id="toasts"><div id="toast-1"></div></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    const first = session.detections;
    for (let k = 2; k < 12; k++) {
      await told(session, sent, () => (document.getElementById('toasts')!.innerHTML = `<div id="toast-${k}"></div>`));
      tick(session, sent);
    }
    expect(session.detections - first).toBe(0);
  });
  // (Not kept: "a page with MAX_MOUNTS empty icon boxes ahead of its mount point says what was not
  // looked at". A note on every page with many empty boxes with an id would be noise; the limit
  // is said in the README and tested in mount-points.test.ts.)
});
