// @vitest-environment happy-dom
// A micro-frontend whose bundle loads after the page was read attaches its shadow root to a mount
// point the page holds empty (`<div id="visit-app"></div>`) and draws the visit form in it: no
// mutation says so. The content script's clock asks the empty elements with an id where the read
// looked (lib/live/late-roots.ts, MAX_MOUNTS): the page is read whole once, and the form is read.
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { MAX_MOUNTS } from '../../lib/live/late-roots';
import { OPTIONS, sentFacts } from './read-page';
import { FORM, H1 } from './components';

const charges = (u: ReturnType<PageSession['flush']>) => sentFacts([u])[0]?.[3] ?? [];

describe('a shadow root attached later to an empty mount point', () => {
  it('is found on the clock, once, and its form read', () => {
    document.body.innerHTML = `${H1}<div id="visit-app"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    expect(charges(session.flush())).toEqual([]);
    expect(session.componentsUpgraded()).toBe(false);
    document.getElementById('visit-app')!.attachShadow({ mode: 'open' }).innerHTML = FORM;
    expect(session.componentsUpgraded()).toBe(true);
    expect(charges(session.flush())).toEqual(['97110 24']);
    // (Known now: not news again.)
    expect(session.componentsUpgraded()).toBe(false);
  });

  it(`behind ${MAX_MOUNTS * 4} empty spans with an id (icons, spacers), a <div> mount point is still found`, () => {
    const spacers = Array.from({ length: MAX_MOUNTS * 4 }, (_, i) => `<span id="s${i}"></span>`).join('');
    document.body.innerHTML = `${H1}<nav>${spacers}</nav><div id="visit-app"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    expect(session.componentsUpgraded()).toBe(false);
    document.getElementById('visit-app')!.attachShadow({ mode: 'open' }).innerHTML = FORM;
    expect(session.componentsUpgraded()).toBe(true);
  });

  it(`only the first ${MAX_MOUNTS} empty blocks with an id are asked (the limit, said here): one after them is not found`, () => {
    const empty = Array.from({ length: MAX_MOUNTS }, (_, i) => `<div id="d${i}"></div>`).join('');
    document.body.innerHTML = `${H1}<aside>${empty}</aside><div id="visit-app"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    session.componentsUpgraded();
    document.getElementById('visit-app')!.attachShadow({ mode: 'open' }).innerHTML = FORM;
    expect(session.componentsUpgraded()).toBe(false);
  });

  it('a mount point the page writes "Loading…" in, then attaches its root to, is still asked (review of 3fb0627)', () => {
    document.body.innerHTML = `${H1}<div id="visit-app"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    session.componentsUpgraded();
    const app = document.getElementById('visit-app')!;
    app.textContent = 'Loading…';
    expect(session.componentsUpgraded()).toBe(false);
    app.attachShadow({ mode: 'open' }).innerHTML = FORM;
    // (The page's text outside the form is no read of the page: the clock finds the root.)
    expect(session.componentsUpgraded()).toBe(true);
    expect(charges(session.flush())).toEqual(['97110 24']);
  });

  it('mount points that already had their root at the read are not news', () => {
    document.body.innerHTML = `${H1}<div id="visit-app"></div>`;
    document.getElementById('visit-app')!.attachShadow({ mode: 'open' }).innerHTML = FORM;
    const session = new PageSession(document, () => OPTIONS);
    expect(charges(session.flush())).toEqual(['97110 24']);
    expect(session.componentsUpgraded()).toBe(false);
  });
});
