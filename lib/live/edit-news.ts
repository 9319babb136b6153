// Whether an edit event can bring a value Unitwise has not been told of. A `change` usually
// follows `input` events that already brought its value (the user leaves a field after
// typing, as Tab or a click does); reading again then costs a read, a message and two
// animation frames for nothing, and frames still running when the next key comes hold up that
// key's own frame. A change whose value differs from the last input's is still news: a
// select, a page that swallows or reformats input events, a value set by script.
import { readField } from '../extract/fields';

export class EditNews {
  readonly #lastInput = new WeakMap<Element, string>();

  /** For an `input` or `change` event: false only for a change to the value the last input already had. */
  news(e: Pick<Event, 'type' | 'target'>): boolean {
    const el = e.target;
    if (!el || typeof (el as Partial<Element>).localName !== 'string') return true;
    const r = readField(el as Element);
    const value = `${r.kind}\u0000${r.value}\u0000${r.text}`;
    if (e.type !== 'change') {
      this.#lastInput.set(el as Element, value);
      return true;
    }
    return this.#lastInput.get(el as Element) !== value;
  }
}
