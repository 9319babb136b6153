import type { Finding } from '@/lib/model';

// Unitwise's only node in the host page: one host element with a closed shadow root, fixed
// over the viewport. Markers are drawn inside it next to the fields findings name; the page's
// own elements are only ever read (getBoundingClientRect), never written.
//
// The page must not be able to read, hide, spoof or remove what Unitwise shows:
// - the shadow root is closed (the page cannot reach the findings or add a fake badge), and
//   the host's name is random per page load, so a page cannot define a custom element with
//   that name in advance (which would let it refuse the shadow root and switch Unitwise off);
// - the host's own styles are inline and !important (page CSS that targets it loses);
// - a host the page removes is put back (at most a few times a second);
// - pointer events on markers stop inside the shadow root: page listeners on its own elements
//   never see them (a capturing listener on window still sees a click on the host itself).

const COLORS: Record<Finding['severity'], string> = { error: '#b3261e', warning: '#8a5300', info: '#245e9c' };
const RANK: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

const HOST_STYLE = 'all: initial !important; display: block !important; position: fixed !important; inset: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important; pointer-events: none !important; visibility: visible !important; opacity: 1 !important; transform: none !important; filter: none !important; clip-path: none !important;';

/** Events that stop at Unitwise's shadow root, so the page's own handlers never run for them. */
const OWN_EVENTS = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu', 'touchstart', 'touchend', 'keydown', 'keyup', 'keypress', 'focusin', 'focusout', 'wheel'] as const;

/**
 * Whether the browser renders the field now. Long pages skip the layout of what is far off
 * screen (`content-visibility: auto`); measuring a field there would make the browser lay out
 * that part of the page just for Unitwise (hundreds of sections per keystroke on a day sheet).
 * Its badge is hidden until the part scrolls into view.
 */
function rendered(field: Element): boolean {
  return typeof field.checkVisibility !== 'function' || field.checkVisibility({ contentVisibilityAuto: true });
}

/** A valid custom-element name nobody can guess before the page loads: `x-k3j9a-q0w2e`. */
function randomName(): string {
  const part = () => Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('');
  return `${part()}-${part()}`;
}

/**
 * Fields a finding is marked on at most. A finding that names more is about a long visit as a
 * whole (its total units, its lines' wording): it is marked on its first line only, not with
 * the same badge on every row. On a short visit each line it names keeps its marker.
 */
const MAX_MARKED_PER_FINDING = 5;

/** A list of more fields than this is checked for being off screen as a whole first (#measure). */
const MEASURED_WHOLE = 8;
/** How far off screen (px) a visit's fields may be and still count as shown (badges ready when it scrolls in). */
const OFF_SCREEN_MARGIN = 200;

interface Marker {
  field: Element;
  badge: HTMLElement;
  /** What #place last wrote to the badge's style. */
  hidden?: boolean;
  left?: number;
  top?: number;
}

/** How often a removed host is put back: more removals than this in a second wait for the next second. */
const MAX_REATTACH_PER_SECOND = 5;

export class Overlay {
  readonly host: HTMLElement;
  readonly #root: ShadowRoot;
  readonly #layer: HTMLDivElement;
  readonly #doc: Document;
  /** Badges by visit key, each beside the field it marks. */
  #visits = new Map<string, Marker[]>();
  /** The marker being flashed, kept across re-renders until it ends. */
  #flash: { key: string; until: number } | undefined;
  readonly #watch: MutationObserver;
  #reattached: number[] = [];
  #retry: ReturnType<typeof setTimeout> | undefined;
  #removed = false;

  /** Called once if the page keeps removing or changing the host faster than it is put back. */
  onSuppressed: (() => void) | undefined;

  constructor(doc: Document) {
    this.#doc = doc;
    const { host, root } = Overlay.#createHost(doc);
    this.host = host;
    this.#root = root;
    const style = doc.createElement('style');
    style.textContent = `
      :host { all: initial !important; }
      .layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483647; }
      .badge { position: fixed; pointer-events: auto; font: 600 11px/16px system-ui, sans-serif; color: #fff;
               border-radius: 8px; padding: 0 6px; min-width: 16px; text-align: center; cursor: help; box-shadow: 0 1px 2px #0004; }
      .badge:focus { outline: 2px solid #000; outline-offset: 1px; }
      .badge.flash { animation: flash 0.5s ease-in-out 3; outline: 3px solid #f0b400; }
      @keyframes flash { 50% { transform: scale(1.6); } }
      @media (prefers-reduced-motion: reduce) { .badge.flash { animation: none; } }
      .ui { position: fixed; inset: 0; pointer-events: none; z-index: 2147483647; }`;
    this.#layer = doc.createElement('div');
    this.#layer.className = 'layer';
    this.#layer.setAttribute('role', 'list');
    this.#layer.setAttribute('aria-label', 'Unitwise billing checks');
    this.#root.append(style, this.#layer);
    for (const type of OWN_EVENTS) this.#root.addEventListener(type, (e) => e.stopPropagation());
    // The tooltip is the same text as the accessible name: copied when the pointer comes, so a
    // keystroke that changes the findings writes each badge's text once, not twice. One
    // listener for all badges: listeners never grow with the number of fields.
    this.#layer.addEventListener('pointerover', (e) => {
      const badge = (e.target as Element).closest?.('.badge') as HTMLElement | null;
      if (badge) badge.title = badge.getAttribute('aria-label') ?? '';
    });
    this.#attach();
    // Put back a host the page removes (or moves out of the document element).
    this.#watch = new MutationObserver(() => this.#ensureAttached());
    this.#observe();
  }

  /** A host element with a closed shadow root; a new name if the page refused one. */
  static #createHost(doc: Document): { host: HTMLElement; root: ShadowRoot } {
    for (let attempt = 0; ; attempt++) {
      const host = doc.createElement(randomName());
      try {
        const root = host.attachShadow({ mode: 'closed' });
        // Styled before it is in the page: the page sees one node added, not a node then a style.
        host.setAttribute('style', HOST_STYLE);
        return { host, root };
      } catch (e) {
        // Only a page that defined this very name could refuse it: try another.
        if (attempt >= 4) throw e;
      }
    }
  }

  #observe() {
    this.#watch.observe(this.#doc, { childList: true });
    if (this.#doc.documentElement) this.#watch.observe(this.#doc.documentElement, { childList: true });
    // The page setting `style`, `hidden`, `inert`, `popover`… on the host is undone too.
    this.#watch.observe(this.host, { attributes: true });
  }

  /** Whether the host is in place, with only its own style. */
  #intact(): boolean {
    const attrs = this.host.attributes;
    return this.host.parentNode === this.#doc.documentElement && attrs.length === 1 && attrs[0]!.name === 'style' && attrs[0]!.value === HOST_STYLE;
  }

  #attach() {
    const parent = this.#doc.documentElement;
    if (!parent) return;
    if (this.host.parentNode !== parent) parent.append(this.host);
    for (const a of Array.from(this.host.attributes)) if (a.name !== 'style') this.host.removeAttribute(a.name);
    if (this.host.getAttribute('style') !== HOST_STYLE) this.host.setAttribute('style', HOST_STYLE);
  }

  #ensureAttached() {
    if (this.#removed || this.#intact()) return;
    const now = Date.now();
    this.#reattached = this.#reattached.filter((t) => now - t < 1000);
    if (this.#reattached.length >= MAX_REATTACH_PER_SECOND) {
      // A page that removes it in a loop: try again in a second rather than spin with it,
      // and let the side panel say the markers are being kept off the page.
      const report = this.onSuppressed;
      this.onSuppressed = undefined;
      report?.();
      this.#retry ??= setTimeout(() => {
        this.#retry = undefined;
        this.#ensureAttached();
      }, 1000);
      return;
    }
    this.#reattached.push(now);
    this.#attach();
    this.#observe();
    this.position();
  }

  /** The closed shadow root, for the content script's own diagnostics (never handed to the page). */
  get root(): ShadowRoot {
    return this.#root;
  }

  /** Whether `node` is Unitwise's (the host or anything inside its shadow root). */
  owns(node: Node | null | undefined): boolean {
    return !!node && (node === this.host || node.getRootNode() === this.#root);
  }

  /** A layer above the markers for Unitwise's own controls (teach mode), inside the shadow root. */
  ui(): HTMLElement {
    const div = this.#root.ownerDocument.createElement('div');
    div.className = 'ui';
    this.#root.append(div);
    return div;
  }

  /**
   * Draws one badge per field that `visit`'s findings name, in the colour of the worst finding.
   * Badges are kept per visit and per field, and only what changed is written: a keystroke
   * rewrites the badges of the visit it changed, never those of the page's other visits.
   */
  render(visit: string, findings: readonly Finding[], fields: Map<string, Element>): void {
    const byField = new Map<string, Finding[]>();
    for (const f of findings) {
      // A finding about the whole visit (its total units, its lines' wording) is marked once,
      // on its first line, not on every row: a keystroke that changes its text then rewrites
      // one badge, and a visit's rows are not covered with the same message.
      const keys = (f.fieldKeys ?? []).filter((k) => fields.has(k));
      for (const key of keys.length > MAX_MARKED_PER_FINDING ? keys.slice(0, 1) : keys) {
        const list = byField.get(key);
        if (list) list.push(f);
        else byField.set(key, [f]);
      }
    }
    // Every field is measured before anything is written: a read after a write would make the
    // browser lay out the whole page again (tens of milliseconds on a 20,000-field day sheet),
    // while right after the paint the layout is still clean and measuring is cheap. The other
    // visits' badges are placed again too (the page may have moved them), cheaply: a visit
    // off screen costs two measurements, not one per badge.
    // In document order: #measure takes a long visit's first and last fields for its extent.
    const entries = [...byField].sort(([a], [b]) => (fields.get(a)!.compareDocumentPosition(fields.get(b)!) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const targetFields = entries.map(([key]) => fields.get(key)!);
    const targetRects = this.#measure(targetFields);
    const others = [...this.#visits].filter(([key]) => key !== visit);
    const otherRects = others.map(([, markers]) => this.#measure(markers.map((m) => m.field)));
    const old = new Map((this.#visits.get(visit) ?? []).map((m) => [m.badge.dataset.field!, m]));
    const markers: Marker[] = [];
    for (const [key, findings] of entries) {
      findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
      const worst = findings[0]!;
      const kept = old.get(key);
      old.delete(key);
      let badge = kept?.badge;
      if (!badge) {
        badge = this.#layer.ownerDocument.createElement('span');
        badge.className = 'badge';
        badge.setAttribute('role', 'listitem');
        badge.tabIndex = 0;
        badge.dataset.field = key;
        this.#layer.append(badge);
      }
      const set = (name: string, value: string) => badge.getAttribute(name) !== value && badge.setAttribute(name, value);
      set('data-rule', worst.rule);
      if (badge.dataset.severity !== worst.severity) {
        badge.dataset.severity = worst.severity;
        badge.style.background = COLORS[worst.severity];
      }
      // Text only: labels and messages come from the page and must never become HTML.
      const mark = findings.length > 1 ? `${findings.length}` : worst.severity === 'error' ? '!' : worst.severity === 'warning' ? '?' : 'i';
      if (badge.textContent !== mark) badge.textContent = mark;
      const text = findings.map((f) => `${f.severity.toUpperCase()} ${f.rule}: ${f.message}${f.action ? ` → ${f.action}` : ''}${(f.fieldKeys?.length ?? 0) > MAX_MARKED_PER_FINDING ? ` (about ${f.fieldKeys!.length} lines of this visit)` : ''}`).join('\n\n');
      set('aria-label', text);
      if (badge.title) badge.title = text;
      if (this.#flash?.key === key && Date.now() < this.#flash.until) badge.classList.add('flash');
      markers.push(kept && kept.field === fields.get(key) ? kept : { field: fields.get(key)!, badge });
    }
    for (const m of old.values()) m.badge.remove();
    if (markers.length) this.#visits.set(visit, markers);
    else this.#visits.delete(visit);
    Overlay.#place(markers, targetRects);
    others.forEach(([, markers], i) => Overlay.#place(markers, otherRects[i]!));
  }

  /** Drops the badges of visits not in `visits` (the page no longer has them). */
  keepVisits(visits: ReadonlySet<string>): void {
    for (const [key, markers] of this.#visits) {
      if (visits.has(key)) continue;
      for (const m of markers) m.badge.remove();
      this.#visits.delete(key);
    }
  }

  /** Draws attention to a field's marker (the side panel's "show on page"). */
  flash(fieldKey: string): void {
    const marker = [...this.#visits.values()].flat().find((m) => m.badge.dataset.field === fieldKey);
    if (!marker) return;
    this.#flash = { key: fieldKey, until: Date.now() + 2000 };
    marker.badge.classList.remove('flash');
    void marker.badge.offsetWidth; // restart the animation
    marker.badge.classList.add('flash');
    marker.badge.focus({ preventScroll: true });
    setTimeout(() => marker.badge.classList.remove('flash'), 2000);
  }

  /**
   * Follows the fields as the page scrolls, resizes or re-renders. Every field is measured
   * first and every badge moved after: interleaving the two would make the browser lay the
   * page out again for each of hundreds of fields.
   */
  position(): void {
    const groups = [...this.#visits.values()];
    const rects = groups.map((markers) => this.#measure(markers.map((m) => m.field)));
    groups.forEach((markers, i) => Overlay.#place(markers, rects[i]!));
  }

  /**
   * Each field's rect, undefined for a field not shown now. A long list whose first and last
   * fields are both off screen (or not rendered) is taken as off screen whole, from those two
   * measurements: a 100-visit day sheet is placed with a few hundred measurements, not one per
   * badge. (A visit's fields run down the page in document order; a short list is measured
   * field by field, whatever its layout.)
   */
  #measure(fields: readonly Element[]): (DOMRect | undefined)[] {
    const rect = (field: Element) => (field.isConnected && rendered(field) ? field.getBoundingClientRect() : undefined);
    if (fields.length > MEASURED_WHOLE) {
      const first = rect(fields[0]!);
      const last = rect(fields[fields.length - 1]!);
      const height = this.#doc.defaultView?.innerHeight ?? 0;
      const gone = (!first && !last) || (first && last && (last.bottom < -OFF_SCREEN_MARGIN || first.top > height + OFF_SCREEN_MARGIN));
      if (gone) return fields.map(() => undefined);
    }
    return fields.map(rect);
  }

  /** Moves each badge beside its field's rect (measured before any write). */
  static #place(markers: readonly Marker[], rects: readonly (DOMRect | undefined)[]): void {
    markers.forEach((m, i) => {
      const r = rects[i];
      const hidden = !r || (r.width === 0 && r.height === 0);
      const left = r ? Math.round(r.right + 4) : m.left;
      const top = r ? Math.round(r.top + Math.max(0, (r.height - 16) / 2)) : m.top;
      // Unchanged styles are not written again (each write is work for the next frame); what
      // was written is kept on the marker (reading a style back costs more than comparing).
      if (m.hidden !== hidden) m.badge.style.display = (m.hidden = hidden) ? 'none' : '';
      if (m.left !== left) m.badge.style.left = `${(m.left = left)}px`;
      if (m.top !== top) m.badge.style.top = `${(m.top = top)}px`;
    });
  }

  remove(): void {
    this.#removed = true;
    this.#watch.disconnect();
    if (this.#retry) clearTimeout(this.#retry);
    this.host.remove();
  }
}
