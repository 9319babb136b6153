import { fieldAt, profileFromPicks, type Picks, type TeachRowRole, type TeachVisitRole } from '@/lib/extract/teach';
import type { SiteProfile } from '@/lib/extract/profile';

// Teach mode on the page: a small panel in Unitwise's own overlay asks for one field at a time;
// the user clicks it on the page (or tabs to it and presses Enter). While teaching, a
// transparent layer of Unitwise's own covers the page: the pointer lands on it, never on the
// page's elements, and the field under the pointer is found by position
// (document.elementsFromPoint). So the page's click handlers never run, nothing is typed,
// opened or submitted: the host page is still only read. The profile is built by lib/extract/teach.ts and saved by the
// background, which checks it again.

type Role = TeachRowRole | TeachVisitRole;
interface Step {
  role: Role;
  kind: 'row' | 'visit';
  ask: string;
}

const STEPS: Step[] = [
  { role: 'label', kind: 'row', ask: 'Click the intervention (its name or description) in any one row.' },
  { role: 'code', kind: 'row', ask: 'Click the CPT code of the same row.' },
  { role: 'minutes', kind: 'row', ask: 'Click the minutes of the same row.' },
  { role: 'units', kind: 'row', ask: 'Click the units of the same row.' },
  { role: 'modifiers', kind: 'row', ask: 'Click a modifier of the same row (GP, 59…).' },
  { role: 'payer', kind: 'visit', ask: 'Click the payer or insurance of the visit.' },
  { role: 'dateOfService', kind: 'visit', ask: 'Click the date of service.' },
];

const NAMES: Record<Role, string> = { label: 'Intervention', code: 'Code', minutes: 'Minutes', units: 'Units', modifiers: 'Modifier', payer: 'Payer', dateOfService: 'Date of service' };

/** Pointer events on the teaching layer: none of them may act (focus, select text, open menus). */
const INERT = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'dblclick', 'auxclick', 'contextmenu'] as const;

/** A frame of the page: its form is taught in the frame itself, by the frame's own teach mode. */
const isFrame = (el: Element | undefined) => el?.localName === 'iframe' || el?.localName === 'frame';

/** The nearest element at or above `el` that scrolls in the direction asked (the page's own panes). */
function scrollableFrom(el: Element | undefined, dx: number, dy: number): Element | undefined {
  for (let at = el; at; at = at.parentElement ?? undefined) {
    const style = getComputedStyle(at);
    const canY = dy !== 0 && /(auto|scroll)/.test(style.overflowY) && at.scrollHeight > at.clientHeight;
    const canX = dx !== 0 && /(auto|scroll)/.test(style.overflowX) && at.scrollWidth > at.clientWidth;
    if (canY || canX) return at;
  }
  return undefined;
}

/**
 * The page's own element at a viewport point, looking past Unitwise's host and into the page's
 * open shadow roots (elementsFromPoint on a document stops at a shadow host).
 */
export function pageElementAt(doc: Document, x: number, y: number, host: Element): Element | undefined {
  let el = doc.elementsFromPoint(x, y).find((e) => e !== host && !host.contains(e));
  for (let depth = 0; el?.shadowRoot && depth < 8; depth++) {
    const inner = el.shadowRoot.elementsFromPoint(x, y).find((e) => e !== el && el!.shadowRoot!.contains(e));
    if (!inner) break;
    el = inner;
  }
  return el;
}

const STYLE = `
  .teach { position: fixed; right: 16px; bottom: 16px; width: min(360px, calc(100vw - 32px)); pointer-events: auto; z-index: 2;
           background: #fff; color: #1b1b1b; border: 2px solid #245e9c; border-radius: 10px; box-shadow: 0 6px 24px #0004;
           font: 14px/1.4 system-ui, sans-serif; padding: 12px 14px; }
  .teach h2 { font-size: 15px; margin: 0 0 4px; }
  .teach .ask { margin: 6px 0 8px; font-weight: 600; }
  .teach ol { margin: 0 0 8px; padding-left: 20px; font-size: 13px; }
  .teach li.done::after { content: " ✓"; color: #1d6b32; }
  .teach li.skipped { color: #666; }
  .teach li.now { font-weight: 600; }
  .teach .error { color: #b3261e; font-weight: 600; }
  .teach .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
  .teach button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid #245e9c; background: #fff; color: #245e9c; cursor: pointer; }
  .teach button.primary { background: #245e9c; color: #fff; }
  .teach button:focus-visible { outline: 3px solid #f0b400; outline-offset: 1px; }
  .catcher { position: fixed; inset: 0; pointer-events: auto; cursor: crosshair; background: transparent; z-index: 1; }
  .box { position: fixed; pointer-events: none; border: 2px dashed #245e9c; border-radius: 3px; background: #245e9c14; }
  .box.picked { border-style: solid; border-color: #1d6b32; background: #1d6b3214; }
  .box span { position: absolute; left: -2px; top: -18px; font: 600 11px/16px system-ui, sans-serif; color: #fff; background: #1d6b32; padding: 0 5px; border-radius: 3px; white-space: nowrap; }
  @media (prefers-color-scheme: dark) {
    .teach { background: #1e1f22; color: #eee; border-color: #7fb0e8; }
    .teach button { background: #1e1f22; color: #9cc3ee; border-color: #7fb0e8; }
    .teach button.primary { background: #7fb0e8; color: #111; }
  }`;

export interface TeachDeps {
  /** Unitwise's overlay host: events inside it are Unitwise's own, never blocked. */
  host: Element;
  /** Where teach mode draws (inside the overlay's shadow root). */
  container: HTMLElement;
  codes: ReadonlySet<string>;
  phrases: readonly string[];
  save(profile: SiteProfile): Promise<{ ok: boolean; error?: string; saved?: string[] }>;
  /** Teach mode ended (saved, cancelled or closed). */
  done(): void;
}

type State = { kind: 'asking' } | { kind: 'saving' } | { kind: 'review'; profile: SiteProfile; rows: number } | { kind: 'error'; error: string } | { kind: 'saved'; name: string };

export class TeachMode {
  #step = 0;
  #picks: Picks = { row: {}, visit: {} };
  #skipped = new Set<Role>();
  #state: State = { kind: 'asking' };
  readonly #doc: Document;
  readonly #root: HTMLDivElement;
  readonly #panel: HTMLDivElement;
  readonly #hover: HTMLDivElement;
  /** Unitwise's transparent layer over the page while a field is asked for: it gets the pointer, not the page. */
  readonly #catcher: HTMLDivElement;
  #boxes: { el: Element; box: HTMLElement }[] = [];
  #hovered: Element | undefined;
  readonly #listeners: [string, EventListener][] = [];

  constructor(private readonly deps: TeachDeps) {
    this.#doc = deps.container.ownerDocument;
    this.#root = this.#doc.createElement('div');
    const style = this.#doc.createElement('style');
    style.textContent = STYLE;
    this.#hover = this.#doc.createElement('div');
    this.#hover.className = 'box';
    this.#hover.hidden = true;
    this.#panel = this.#doc.createElement('div');
    this.#panel.className = 'teach';
    this.#panel.setAttribute('role', 'dialog');
    this.#panel.setAttribute('aria-label', 'Unitwise: map this form');
    this.#catcher = this.#doc.createElement('div');
    this.#catcher.className = 'catcher';
    this.#root.append(style, this.#catcher, this.#hover, this.#panel);
    deps.container.append(this.#root);

    for (const type of INERT) this.#catcher.addEventListener(type, (e) => e.preventDefault());
    this.#catcher.addEventListener('click', (e) => this.#onClick(e));
    this.#catcher.addEventListener('pointermove', (e) => this.#onMove(e));
    // The wheel over the layer scrolls what is under it: the page's own scrolling pane (a grid,
    // a chart section) when there is one, else the page. The user asked for it; it changes no data.
    this.#catcher.addEventListener('wheel', (e) => this.#onWheel(e), { passive: false });
    const win = this.#doc.defaultView!;
    // Over a frame, the layer steps aside so the frame's own teach mode gets the pointer; it
    // comes back as soon as the pointer is over this page again.
    this.#listen(win, 'pointermove', (e) => {
      if (this.#catcher.style.pointerEvents === 'none' && !isFrame(this.#under(e as PointerEvent))) this.#catcher.style.pointerEvents = '';
    });
    this.#listen(win, 'keydown', (e) => this.#onKey(e as KeyboardEvent));
    this.#listen(win, 'scroll', () => this.position());
    this.#listen(win, 'resize', () => this.position());
    this.#render();
    this.#panel.querySelector<HTMLButtonElement>('button')?.focus({ preventScroll: true });
  }

  #listen(target: EventTarget, type: string, fn: (e: Event) => void) {
    const listener: EventListener = (e) => fn(e);
    target.addEventListener(type, listener, { capture: true });
    this.#listeners.push([type, listener]);
  }

  stop(): void {
    const win = this.#doc.defaultView;
    for (const [type, listener] of this.#listeners) win?.removeEventListener(type, listener, { capture: true });
    this.#root.remove();
    this.deps.done();
  }

  /** Another frame saved a mapping: leave, unless this is the frame showing that it saved. */
  stopUnlessSaved(): void {
    if (this.#state.kind !== 'saved' && this.#state.kind !== 'saving') this.stop();
  }

  #own(e: Event): boolean {
    return e.composedPath().includes(this.deps.host);
  }

  /** The innermost element at the event, inside open shadow roots too. */
  #target(e: Event): Element | undefined {
    const first = e.composedPath()[0];
    return first instanceof Element ? first : undefined;
  }

  /** The page's element under the pointer (the layer itself is Unitwise's). */
  #under(e: MouseEvent): Element | undefined {
    return pageElementAt(this.#doc, e.clientX, e.clientY, this.deps.host);
  }

  #onClick(e: MouseEvent) {
    e.preventDefault();
    // Only a real click picks: a page's script cannot teach Unitwise by dispatching events
    // (nor reach this layer: it is inside a closed shadow root).
    if (!e.isTrusted || this.#state.kind !== 'asking') return;
    const el = this.#under(e);
    if (el) this.#pick(fieldAt(el));
  }

  #onMove(e: PointerEvent) {
    const el = this.#under(e);
    if (isFrame(el)) this.#catcher.style.pointerEvents = 'none';
    this.#hovered = el && !isFrame(el) && this.#state.kind === 'asking' ? fieldAt(el) : undefined;
    this.position();
  }

  #onWheel(e: WheelEvent) {
    const pane = scrollableFrom(this.#under(e), e.deltaX, e.deltaY);
    if (!pane) return; // nothing of the page's scrolls here: the page itself scrolls as usual
    e.preventDefault();
    // Lines (Firefox) and pages, as the browser would scroll them.
    const k = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? pane.clientHeight : 1;
    pane.scrollBy({ left: e.deltaX * k, top: e.deltaY * k });
  }

  #onKey(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopImmediatePropagation();
      this.stop();
      return;
    }
    // Keyboard picking: Tab to a field on the page and press Enter.
    if (e.key === 'Enter' && e.isTrusted && !this.#own(e) && this.#state.kind === 'asking') {
      e.preventDefault();
      e.stopImmediatePropagation();
      const el = this.#target(e);
      if (el) this.#pick(fieldAt(el));
    }
  }

  #pick(el: Element) {
    const step = STEPS[this.#step];
    if (!step) return;
    if (step.kind === 'row') this.#picks.row[step.role as TeachRowRole] = el;
    else this.#picks.visit[step.role as TeachVisitRole] = el;
    this.#skipped.delete(step.role);
    this.#advance();
  }

  #advance() {
    this.#step++;
    if (this.#step >= STEPS.length) this.#finish();
    this.#render();
  }

  #skip() {
    const step = STEPS[this.#step];
    if (!step) return;
    delete (this.#picks.row as Record<string, Element>)[step.role];
    delete (this.#picks.visit as Record<string, Element>)[step.role];
    this.#skipped.add(step.role);
    this.#advance();
  }

  #back() {
    if (this.#step === 0) return;
    this.#step--;
    this.#state = { kind: 'asking' };
    this.#render();
  }

  #restart() {
    this.#step = 0;
    this.#picks = { row: {}, visit: {} };
    this.#skipped.clear();
    this.#state = { kind: 'asking' };
    this.#render();
  }

  #finish() {
    this.#step = STEPS.length;
    const taught = profileFromPicks(this.#picks, { origin: this.#doc.location.origin, name: 'taught', root: this.#doc, codes: this.deps.codes, phrases: this.deps.phrases });
    this.#state = taught.ok ? { kind: 'review', profile: taught.profile, rows: taught.rows } : { kind: 'error', error: taught.error };
  }

  async #save() {
    if (this.#state.kind !== 'review') return;
    const profile = this.#state.profile;
    this.#state = { kind: 'saving' };
    this.#render();
    const reply: { ok: boolean; error?: string; saved?: string[] } = await this.deps.save(profile).catch((e: unknown) => ({ ok: false, error: `The mapping could not be saved: ${String(e)}` }));
    this.#state = reply.ok ? { kind: 'saved', name: reply.saved?.[0] ?? 'mapping' } : { kind: 'error', error: reply.error ?? 'The mapping could not be saved.' };
    this.#render();
  }

  #button(text: string, onClick: () => void, primary = false): HTMLButtonElement {
    const b = this.#doc.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (primary) b.className = 'primary';
    b.addEventListener('click', onClick);
    return b;
  }

  #el<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, className?: string): HTMLElementTagNameMap[K] {
    const el = this.#doc.createElement(tag);
    el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  #render() {
    const title = this.#el('h2', 'Unitwise · Map this form');
    const list = this.#doc.createElement('ol');
    STEPS.forEach((s, i) => {
      const picked = (s.kind === 'row' ? this.#picks.row[s.role as TeachRowRole] : this.#picks.visit[s.role as TeachVisitRole]) !== undefined;
      const li = this.#el('li', NAMES[s.role]);
      li.className = i === this.#step && this.#state.kind === 'asking' ? 'now' : picked ? 'done' : this.#skipped.has(s.role) ? 'skipped' : '';
      list.append(li);
    });
    const ask = this.#el('p', '', 'ask');
    ask.setAttribute('aria-live', 'polite');
    const buttons = this.#el('div', '', 'buttons');
    const cancel = this.#button('Cancel', () => this.stop());
    const state = this.#state;
    if (state.kind === 'asking') {
      ask.textContent = `Step ${this.#step + 1} of ${STEPS.length}: ${STEPS[this.#step]!.ask}`;
      const rowPicks = Object.keys(this.#picks.row).length;
      buttons.append(this.#button('Skip', () => this.#skip()), ...(this.#step > 0 ? [this.#button('Back', () => this.#back())] : []));
      if (rowPicks >= 2) buttons.append(this.#button('Finish', () => (this.#finish(), this.#render())));
      buttons.append(cancel);
    } else if (state.kind === 'review') {
      ask.textContent = `This mapping reads ${state.rows} ${state.rows === 1 ? 'row' : 'rows'} on this page. Save it for ${this.#doc.location.host}? It keeps where the fields are, never what they hold.`;
      buttons.append(this.#button('Save mapping', () => void this.#save(), true), this.#button('Start over', () => this.#restart()), cancel);
    } else if (state.kind === 'saving') {
      ask.textContent = 'Saving…';
    } else if (state.kind === 'error') {
      ask.className = 'ask error';
      ask.setAttribute('role', 'alert');
      ask.textContent = state.error;
      buttons.append(this.#button('Start over', () => this.#restart(), true), cancel);
    } else {
      ask.textContent = `Saved as '${state.name}'. Unitwise now reads this form with it.`;
      buttons.append(this.#button('Close', () => this.stop(), true));
    }
    this.#panel.replaceChildren(title, list, ask, buttons);
    // The layer catches the pointer only while a field is asked for.
    this.#catcher.hidden = state.kind !== 'asking';
    this.#panel.querySelector<HTMLButtonElement>('button.primary')?.focus({ preventScroll: true });
    this.#drawPicks();
  }

  #drawPicks() {
    for (const { box } of this.#boxes) box.remove();
    this.#boxes = [];
    const picked = [...Object.entries(this.#picks.row), ...Object.entries(this.#picks.visit)] as [Role, Element][];
    for (const [role, el] of picked) {
      const box = this.#el('div', '', 'box picked');
      box.append(this.#el('span', NAMES[role]));
      this.#root.insertBefore(box, this.#panel);
      this.#boxes.push({ el, box });
    }
    this.position();
  }

  /** Keeps the boxes on their fields as the page scrolls, resizes or re-renders. */
  position(): void {
    const place = (box: HTMLElement, el: Element | undefined) => {
      const r = el?.isConnected ? el.getBoundingClientRect() : undefined;
      box.hidden = !r || (r.width === 0 && r.height === 0);
      if (!r) return;
      Object.assign(box.style, { left: `${r.left - 3}px`, top: `${r.top - 3}px`, width: `${r.width + 2}px`, height: `${r.height + 2}px` });
    };
    place(this.#hover, this.#hovered);
    for (const { el, box } of this.#boxes) place(box, el);
  }
}
