import type { Finding } from '@/lib/model';
import { STARTER_DATA } from '@/lib/starter-data';

// The card a marker opens (click, Enter or Space): each finding's headline and fix, "Why?"
// with the full message, its source and rule, and "Open in panel". One card at a time, inside
// Unitwise's closed shadow root; Esc or Close puts focus back on the marker. A card taller than
// it may be scrolls its findings under its buttons, which stay at its foot: the focused one is
// seen, and the cut-off text above them says there is more (a scroll bar may not be drawn).

const WORDS: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };
const CARD_WIDTH = 320;

export class MarkerCard {
  static readonly STYLE = `
      .card { position: fixed; z-index: 2147483647; box-sizing: border-box; width: min(${CARD_WIDTH}px, calc(100vw - 16px)); max-height: min(60vh, 420px); overflow: auto;
              pointer-events: auto; background: #fff; color: #1b1b1b; border: 1px solid #8a8a8a; border-radius: 8px; padding: 10px 12px;
              box-shadow: 0 4px 16px #0005; font: 14px/1.4 system-ui, sans-serif; text-align: left; }
      .card[hidden] { display: none; }
      .card h2 { font-size: 14px; margin: 0 0 2px; }
      .card .finding + .finding { border-top: 1px solid #ddd; margin-top: 8px; padding-top: 8px; }
      .card .sev-error { color: #b3261e; } .card .sev-warning { color: #8a5300; } .card .sev-info { color: #245e9c; }
      .card p { margin: 2px 0; }
      .card .fix { font-weight: 600; }
      .card .starter { font-size: 12px; color: #6b4e00; }
      .card details { margin-top: 4px; } .card summary { cursor: pointer; color: #1a4f8a; }
      .card .fine { font-size: 12px; color: #4a4a4a; }
      .card .actions { display: flex; gap: 8px; flex-wrap: wrap; position: sticky; bottom: -10px; margin: 8px -12px -10px; padding: 8px 12px 10px; background: inherit; border-top: 1px solid #ddd; }
      .card button { font: inherit; font-size: 13px; padding: 3px 10px; border-radius: 4px; border: 1px solid #1a4f8a; background: #fff; color: #1a4f8a; cursor: pointer; }
      .card button.primary { background: #1a4f8a; color: #fff; }
      .card :focus-visible { outline: 2px solid #000; outline-offset: 2px; }
      @media (prefers-color-scheme: dark) {
        .card { background: #1f1f1f; color: #eee; border-color: #777; }
        .card .sev-error { color: #ff8a80; } .card .sev-warning { color: #ffc069; } .card .sev-info { color: #8ab4f8; }
        .card .starter { color: #ffd27a; }
        .card summary { color: #8ab4f8; } .card .fine { color: #bbb; } .card .finding + .finding, .card .actions { border-color: #444; }
        .card button { background: #1f1f1f; color: #8ab4f8; border-color: #8ab4f8; } .card button.primary { background: #8ab4f8; color: #111; }
      }`;

  readonly element: HTMLElement;
  readonly #doc: Document;
  #badge: HTMLElement | undefined;
  #shown: readonly Finding[] = [];

  constructor(
    doc: Document,
    private readonly on: { openPanel(): void; closed(badge: HTMLElement | undefined): void },
  ) {
    this.#doc = doc;
    this.element = doc.createElement('div');
    this.element.className = 'card';
    this.element.hidden = true;
    this.element.setAttribute('role', 'dialog');
    this.element.addEventListener('click', (e) => {
      const act = (e.target as Element).closest?.('button')?.dataset.act;
      if (act === 'close') this.close();
      if (act === 'panel') this.on.openPanel();
    });
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.close();
      }
    });
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  /** Opens the card for `badge` (closes it if it is already open for that badge). */
  toggle(badge: HTMLElement, findings: readonly Finding[]): void {
    if (this.open && this.#badge === badge) return this.close();
    this.#badge = badge;
    this.#fill(findings);
    this.element.hidden = false;
    this.follow();
    this.element.querySelector<HTMLElement>('button.primary, button')?.focus({ preventScroll: true });
  }

  /** Whether the card is open for `badge`. */
  isFor(badge: HTMLElement): boolean {
    return this.open && this.#badge === badge;
  }

  close(): void {
    if (!this.open) return;
    this.element.hidden = true;
    const badge = this.#badge;
    this.#badge = undefined;
    this.on.closed(badge);
  }

  /** After a re-render: the open card shows its marker's findings now, or closes if the marker went. */
  refresh(findingsOf: (badge: HTMLElement) => Finding[] | undefined): void {
    if (!this.open || !this.#badge) return;
    const now = this.#badge.isConnected ? findingsOf(this.#badge) : undefined;
    if (!now) return this.close();
    if (now.length !== this.#shown.length || now.some((f, i) => f.message !== this.#shown[i]?.message)) this.#fill(now, true);
  }

  /** Keeps the open card beside its marker (below it, or above when there is no room). */
  follow(): void {
    if (!this.open || !this.#badge) return;
    const b = this.#badge.getBoundingClientRect();
    const view = this.#doc.defaultView;
    const vw = view?.innerWidth ?? CARD_WIDTH;
    const vh = view?.innerHeight ?? 600;
    const h = this.element.offsetHeight;
    const top = b.bottom + 6 + h > vh && b.top - 6 - h >= 0 ? b.top - 6 - h : b.bottom + 6;
    this.element.style.left = `${Math.max(8, Math.min(b.left, vw - Math.min(CARD_WIDTH, vw - 16) - 8))}px`;
    this.element.style.top = `${Math.max(8, top)}px`;
  }

  /** The card's content, as text only (messages quote the page and must never become HTML). */
  #fill(findings: readonly Finding[], keepFocus = false): void {
    const doc = this.#doc;
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
      const e = doc.createElement(tag);
      if (text !== undefined) e.textContent = text;
      if (className) e.className = className;
      return e;
    };
    this.#shown = findings;
    const focused = keepFocus ? (this.element.getRootNode() as ShadowRoot).activeElement : null;
    const headingId = `unitwise-card-h`;
    const parts: HTMLElement[] = findings.map((f, i) => {
      const box = el('div', undefined, 'finding');
      const h = el('h2', `${WORDS[f.severity]}: ${f.headline ?? f.message}`, `sev-${f.severity}`);
      if (i === 0) h.id = headingId;
      box.append(h);
      if (f.action) box.append(el('p', f.action, 'fix'));
      // As the panel's card says it: a starter table's pair or limit is to be checked before it
      // is trusted. (After the fix, which is read first; what to check is behind Why?.)
      if (f.starterData) box.append(el('p', 'Starter data — verify (Why? says how)', 'starter'));
      const why = el('details');
      why.append(el('summary', 'Why?'), el('p', f.message), ...(f.starterData ? [el('p', `Starter data: ${STARTER_DATA[f.starterData]}`, 'fine')] : []), el('p', `${f.source} · rule ${f.rule}`, 'fine'));
      box.append(why);
      return box;
    });
    const actions = el('div', undefined, 'actions');
    const panel = el('button', 'Open in panel', 'primary');
    panel.dataset.act = 'panel';
    const close = el('button', 'Close');
    close.dataset.act = 'close';
    actions.append(panel, close);
    this.element.replaceChildren(...parts, actions);
    this.element.setAttribute('aria-labelledby', headingId);
    if (focused && !this.element.contains(focused)) panel.focus({ preventScroll: true });
  }
}
