/**
 * Text boxes a read passed over after they were typed in: a visit comment, a goal, a free-text
 * box beside the form whose label names no part of a line or a visit. The first keystroke in a
 * box not read has the page read whole (it may be a new line's); when that read does not take
 * it, its next keystrokes do not, as long as what its text says to the reader stays the same:
 * whether it is filled, the known codes in it, whether it names an intervention, the visit fact
 * its label and text name. Typing a comment on a 2,000-field day sheet was 27 whole reads in 41
 * keystrokes (866 ms of the page's main thread).
 */
import { factKey, roleOfLabel, type PhraseMatcher } from '../extract/detect';
import { isTextInput, knownCodesIn, labelCandidates, readField } from '../extract/fields';

/** What a box's text says to the reader: filled, its known codes, an intervention named, its label's fact. */
function signals(el: Element, label: string, codes: ReadonlySet<string>, phrases: PhraseMatcher): string {
  const text = readField(el, 500).text;
  return `${text.trim() ? 1 : 0}|${knownCodesIn(text, codes).join(',')}|${phrases.test(text) ? 1 : 0}|${factKey(label, text) ?? ''}`;
}

/** Whether every label of `el` that names anything names what the reader sets aside ("Comments", "Notes", "Goals"), and one does. */
function setAside(el: Element): boolean {
  let aside = false;
  for (const c of labelCandidates(el)) {
    const role = roleOfLabel(c.text);
    if (role === 'ignore') aside = true;
    else if (role !== null) return false;
  }
  return aside;
}

export class PassedFields {
  readonly #aside = new WeakMap<Element, boolean>();

  /**
   * Whether `el`, a box in a row read that is none of its fields, is one whose labels say it is
   * set aside (a Comments column): typed in, its row is read again, not the page. Any other box
   * may become a field as it is filled (a "Time" box that held a clock time, an unheaded
   * description column): the page is read.
   */
  rowRemark(el: Element): boolean {
    let aside = this.#aside.get(el);
    if (aside === undefined) this.#aside.set(el, (aside = setAside(el)));
    return aside;
  }

  readonly #passed = new WeakMap<Element, { label: string; signals: string }>();

  /**
   * A read did not take `el`, typed in before it: kept when it is a plain text box outside any
   * table's or grid's row whose labels name no part of a line or a visit (a row's cell, a
   * "Minutes" box, a date, may become one as it is filled).
   */
  pass(el: Element, codes: ReadonlySet<string>, phrases: PhraseMatcher): void {
    if (!el.isConnected || !isTextInput(el) || el.closest('tr, [role="row"]')) return;
    const labels = labelCandidates(el);
    // (A label the reader sets aside, "Visit comment", "Goals", names none.)
    if (labels.some((c) => (roleOfLabel(c.text) ?? 'ignore') !== 'ignore')) return;
    const label = labels.find((c) => c.source !== 'name')?.text ?? labels[0]?.text ?? '';
    this.#passed.set(el, { label, signals: signals(el, label, codes, phrases) });
  }

  /** Whether a keystroke in `el` needs no read of the page: a box passed over whose text says the same. */
  passed(el: Element, codes: ReadonlySet<string>, phrases: PhraseMatcher): boolean {
    const was = this.#passed.get(el);
    return !!was && signals(el, was.label, codes, phrases) === was.signals;
  }
}
