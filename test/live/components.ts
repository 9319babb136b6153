// Web components for tests of shadow roots that come after a read (lib/live/late-roots.ts).

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
