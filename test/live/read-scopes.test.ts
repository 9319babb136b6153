// @vitest-environment happy-dom
// A component whose shadow root a read in steps looks into while it is still empty, and that draws
// its form before the read's end (its data came meanwhile; a busy page's read takes seconds). The
// content script watches the roots a read looks into from the read's first step
// (PageSession.shadowScopes while reading, entrypoints/content/index.ts readWhole): the draw is
// news kept for the read's end. Before, the root was watched only after the read, the draw was
// never seen and the visit's charges never read (late-component.e2e.ts's busy probe failed on
// a loaded host, CI at 362f811).
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { OPTIONS, sentFacts } from './read-page';
import { FORM, H1, contentWiring, define, settle, tagName } from './components';

/** A page whose visit is in a component, there and empty before the read: its root, and how to draw it. */
function emptyComponent() {
  const tag = tagName();
  const comp = define(tag, FORM, true);
  document.body.innerHTML = `${H1}<div id="slot"><${tag}></${tag}></div>`;
  return { root: document.querySelector(tag)!.shadowRoot!, draw: comp.draw, session: new PageSession(document, () => OPTIONS) };
}

describe('a shadow root a read in steps looks into', () => {
  it('is among the roots to watch from the read’s first step', () => {
    const { root, session } = emptyComponent();
    const steps = session.flushInSteps(() => true);
    steps.next();
    expect(session.shadowScopes()).toContain(root);
    let r = steps.next();
    while (!r.done) r = steps.next();
    // (After the read: the read's own roots, as before.)
    expect(session.shadowScopes()).toContain(root);
  });

  it('empty when read, drawn before the read’s end: the visit’s charges are read', async () => {
    const { draw, session } = emptyComponent();
    const c = contentWiring(session);
    const sent: ReturnType<PageSession['flush']>[] = [];
    sent.push(
      await c.readInSteps(async () => {
        draw(); // its data came while the read waited
        await settle(); // the observer's callback: held by the session until the read ends
      }),
    );
    expect(session.pending).toBe(true);
    sent.push(session.flush());
    // (The last visit sent is what the panel shows: Ann Lee's, with the charge drawn.)
    expect(sentFacts(sent).at(-1)?.[3]).toEqual(['97110 24']);
    c.observer.disconnect();
  });

  it('a read stopped part way leaves no roots of its own behind', () => {
    const { root, session } = emptyComponent();
    const steps = session.flushInSteps(() => true);
    steps.next();
    steps.return(undefined);
    expect(session.shadowScopes()).not.toContain(root);
  });
});
