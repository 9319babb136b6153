// Web components for tests of shadow roots that come after a read (lib/live/late-roots.ts), and
// the content script's wiring of them.
import type { PageSession } from '../../lib/live/page-session';

export const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Aetna</p>';
export const FORM = `<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td><input value="24"></td><td><input value="2"></td></tr></tbody></table>`;
let n = 0;
/** A new custom element name (a registry's names cannot be defined twice). */
export const tagName = () => `rc-visit-${++n}`;

/** Defines `tag`: a component that attaches an open shadow root and draws `html` in it, at once or when `draw()` is called. */
export function define(tag: string, html: string, later = false) {
  const roots: ShadowRoot[] = [];
  customElements.define(
    tag,
    class extends HTMLElement {
      connectedCallback() {
        const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
        roots.push(root);
        if (!later) root.innerHTML = html;
      }
    },
  );
  return { roots, draw: () => roots.forEach((r) => (r.innerHTML = html)) };
}

const INIT = { subtree: true, childList: true, attributes: true, characterData: true };
export const settle = () => new Promise((r) => setTimeout(r, 0));

/**
 * The content script's wiring (entrypoints/content/index.ts): late roots taken in the observer's
 * callback; the read's roots watched after each step of a read in steps and after every read.
 */
export function contentWiring(session: PageSession) {
  const observer = new MutationObserver((records) => {
    session.mutations(records, () => false);
    for (const root of session.lateShadowRoots()) observer.observe(root, INIT);
  });
  observer.observe(document, INIT);
  const watchReadRoots = () => {
    for (const root of session.shadowScopes()) observer.observe(root, INIT);
  };
  const watchShadowRoots = () => {
    watchReadRoots();
    for (const root of session.lateShadowRoots()) observer.observe(root, INIT);
  };
  const read = () => {
    const u = session.flush();
    watchShadowRoots();
    return u;
  };
  /** A read in steps; `meanwhile` runs (awaited) at its first pause. */
  const readInSteps = async (meanwhile: () => void | Promise<void>) => {
    const steps = session.flushInSteps(() => true);
    let r = steps.next();
    for (let first = true; !r.done; first = false) {
      watchReadRoots();
      if (first) await meanwhile();
      r = steps.next();
    }
    watchShadowRoots();
    return r.value;
  };
  return { observer, watchShadowRoots, read, readInSteps };
}
