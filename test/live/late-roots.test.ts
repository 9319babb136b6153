// @vitest-environment happy-dom
// Shadow roots that come after the page was read (lib/live/late-roots.ts): a component the page
// puts in later, and one upgraded when its script loads (no mutation at all), are read; what a
// page puts in per keystroke is not a read of the page.
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { OPTIONS, freshFacts, sentFacts } from './read-page';
import { FORM, H1, define, tagName } from './components';


/** A session as the content script runs it: one observer on the document and on each shadow root the session gives it to watch. */
function watched(session: PageSession) {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((r) => records.push(...r));
  const init = { subtree: true, childList: true, attributes: true, characterData: true };
  observer.observe(document, init);
  const watch = () => {
    for (const root of [...session.shadowScopes(), ...session.lateShadowRoots()]) observer.observe(root, init);
  };
  watch();
  /** Runs `change`, tells the session its records, and watches the roots it gives; whether it asked for a read. */
  const step = async (change: () => void) => {
    change();
    await new Promise((r) => setTimeout(r, 0));
    records.push(...observer.takeRecords());
    const due = session.mutations(records.splice(0), () => false);
    watch();
    return due;
  };
  return { step, watch, stop: () => observer.disconnect() };
}

const lines = (session: PageSession) => sentFacts([session.flush()]);

describe('a component whose script loads after the page was read', () => {
  it('is read when it is upgraded (no mutation says so): the clock asks, once', async () => {
    const tag = tagName();
    document.body.innerHTML = `${H1}<${tag}></${tag}>`;
    const session = new PageSession(document, () => OPTIONS);
    expect(sentFacts([session.flush()])[0]?.[3] ?? []).toEqual([]);
    const before = session.detections;
    expect(session.componentsUpgraded()).toBe(false);
    define(tag, FORM);
    expect(document.querySelector(tag)!.shadowRoot).not.toBeNull();
    expect(session.componentsUpgraded()).toBe(true);
    const sent = lines(session);
    expect(sent).toEqual(freshFacts());
    expect(sent[0]![3]).toEqual(['97110 24']);
    expect(session.detections - before).toBe(1);
    // (Read: not news again.)
    expect(session.componentsUpgraded()).toBe(false);
  });

  it('a component never defined, or taken off the page, is no news', () => {
    const tag = tagName();
    document.body.innerHTML = `${H1}${FORM}<${tag}></${tag}><x-chip-a></x-chip-a>`;
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    document.querySelector(tag)!.remove();
    define(tag, FORM);
    expect(session.componentsUpgraded()).toBe(false);
    expect(session.componentsUpgraded()).toBe(false);
  });
});

describe('a component the page puts in after it was read', () => {
  it('drawn as it is put in: the page is read whole, once', async () => {
    const tag = tagName();
    define(tag, FORM);
    document.body.innerHTML = `${H1}<div id="slot">Loading…</div>`;
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    const before = session.detections;
    const w = watched(session);
    expect(await w.step(() => document.getElementById('slot')!.replaceChildren(document.createElement(tag)))).toBe(true);
    const sent = lines(session);
    expect(sent).toEqual(freshFacts());
    expect(sent[0]![3]).toEqual(['97110 24']);
    expect(session.detections - before).toBe(1);
    w.stop();
  });

  it('inside what the page puts in (a card holding the component)', async () => {
    const tag = tagName();
    define(tag, FORM);
    document.body.innerHTML = `${H1}<div id="slot"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    const w = watched(session);
    expect(await w.step(() => (document.getElementById('slot')!.innerHTML = `<section class="card"><div><${tag}></${tag}></div></section>`))).toBe(true);
    expect(lines(session)[0]![3]).toEqual(['97110 24']);
    w.stop();
  });

  it('its shadow tree drawn after it is put in (a framework drawing later, its data fetched): watched, and read when drawn', async () => {
    const tag = tagName();
    const c = define(tag, FORM, true);
    document.body.innerHTML = `${H1}<div id="slot"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    const before = session.detections;
    const w = watched(session);
    // Put in empty: nothing to read yet.
    expect(await w.step(() => document.getElementById('slot')!.replaceChildren(document.createElement(tag)))).toBe(false);
    session.flush();
    expect(session.detections - before).toBe(0);
    // Drawn: its records come from its root, which is watched now.
    expect(await w.step(c.draw)).toBe(true);
    const sent = lines(session);
    expect(sent).toEqual(freshFacts());
    expect(sent[0]![3]).toEqual(['97110 24']);
    expect(session.detections - before).toBe(1);
    w.stop();
  });

  it('a component with no form in its shadow tree (an icon, a chip) put in per keystroke: no read of the page', async () => {
    const tag = tagName();
    define(tag, '<svg width="8" height="8"></svg><span>saved</span>');
    document.body.innerHTML = `${H1}${FORM}<div id="status"></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const sent = [session.flush()];
    const before = session.detections;
    const w = watched(session);
    for (const m of [25, 26, 27]) {
      await w.step(() => {
        document.getElementById('status')!.replaceChildren(document.createElement(tag), document.createElement('x-never-defined'));
        (document.querySelector('tbody input') as HTMLInputElement).value = String(m);
      });
      session.changedValues();
      sent.push(session.flush());
    }
    expect(sentFacts(sent)[0]![3]).toEqual(['97110 27']);
    expect(session.detections - before).toBe(0);
    w.stop();
  });
});
