/**
 * Text boxes a read passed over after they were typed in: a visit comment, a goal, a free-text
 * box beside the form whose label names no part of a line or a visit. The first keystroke in a
 * box not read has the page read whole (it may be a new line's); when that read does not take
 * it, its next keystrokes do not, as long as its labels and what its text says to the reader
 * stay the same: whether it is filled, the known codes in it, whether it names an intervention,
 * the visit fact its label and text name. Typing a comment on a 2,000-field day sheet was 27
 * whole reads in 41 keystrokes (866 ms of the page's main thread).
 */
import { factKey, roleOfLabel, type PhraseMatcher } from '../extract/detect';
import { isTextInput, knownCodesIn, labelCandidates, readField, words, type LabelCandidate } from '../extract/fields';

/** Labels of what a clinician writes beside the lines, which the reader sets aside and reads nothing from (not a Bill column's, which says whether a line is billed). */
const REMARK = /\b(?:comments?|notes?|remarks?|goals?|response|narrative|instructions?|parameters|details?)\b/;

/**
 * A box's labels as the reader finds them; a text beside it ("nearby") only when no label a person
 * sees names anything (a "Date of service: …" line above a box with a placeholder "Comment" is
 * not its label; "Primary" beside a box with only an id, or "Date of service:" beside one whose
 * placeholder is "mm/dd/yyyy", is: the reader stops at the first label that names something).
 */
function labelsOf(el: Element): LabelCandidate[] {
  const all = labelCandidates(el);
  return all.some((c) => c.source !== 'nearby' && c.source !== 'name' && roleOfLabel(c.text) !== null) ? all.filter((c) => c.source !== 'nearby') : all;
}

/** Whether no label names a part of a line or a visit, and each that names anything names a remark. */
function remarkLabels(labels: readonly LabelCandidate[]): { ok: boolean; remark: boolean } {
  let remark = false;
  for (const c of labels) {
    const role = roleOfLabel(c.text);
    if (role === null) continue;
    if (role !== 'ignore' || !REMARK.test(words(c.text))) return { ok: false, remark: false };
    remark = true;
  }
  return { ok: true, remark };
}

/** What a box's labels and text say to the reader: its labels, filled, its known codes, an intervention named, its label's fact. */
function signals(el: Element, codes: ReadonlySet<string>, phrases: PhraseMatcher): string {
  const labels = labelsOf(el);
  const label = labels.find((c) => c.source !== 'name')?.text ?? labels[0]?.text ?? '';
  const text = readField(el, 500).text;
  return `${labels.map((c) => c.text).join('\u0001')}|${text.trim() ? 1 : 0}|${knownCodesIn(text, codes).join(',')}|${phrases.test(text) ? 1 : 0}|${factKey(label, text) ?? ''}`;
}

/**
 * Whether `row` is a form's layout row for one remark box: `box` its only control, the rest of its
 * text a remark's label ("<tr><td>Visit comment</td><td><input></td></tr>", as older forms are
 * laid out), which the reader's labels do not see.
 */
function layoutRemark(row: Element, box: Element): boolean {
  if (row.querySelectorAll('input, select, textarea').length !== 1) return false;
  const text = (row.textContent ?? '').trim();
  return text.length <= 40 && REMARK.test(words(text)) && (roleOfLabel(text) ?? 'ignore') === 'ignore' && !box.closest('[contenteditable]');
}

/** A box a clinician types a remark in: a text input or a textarea. */
const typedIn = (el: Element) => isTextInput(el) || el.localName === 'textarea';

export class PassedFields {
  readonly #remark = new WeakMap<Element, boolean>();
  readonly #passed = new WeakMap<Element, string>();

  /**
   * Whether `el`, a box in a row read that is none of its fields, is a remark's (a Comments
   * column): typed in, its row is read again, not the page. Any other box may become a field or
   * say whether the line is billed as it is filled (a "Time" box that held a clock time, an
   * unheaded description column, a Bill column's box or tick): the page is read.
   */
  rowRemark(el: Element): boolean {
    let remark = this.#remark.get(el);
    if (remark === undefined) {
      const labels = remarkLabels(labelsOf(el));
      this.#remark.set(el, (remark = typedIn(el) && labels.ok && labels.remark));
    }
    return remark;
  }

  /**
   * A read did not take `el`, typed in before it: kept when it is a text box whose labels name
   * no part of a line or a visit, outside any table's or grid's row unless labelled as a remark
   * (a blank row's cell, a "Minutes" box, a date, may become one as it is filled).
   */
  pass(el: Element, codes: ReadonlySet<string>, phrases: PhraseMatcher): void {
    if (!el.isConnected || !isTextInput(el)) return;
    const labels = remarkLabels(labelsOf(el));
    if (!labels.ok) return;
    const row = el.closest('tr, [role="row"]');
    if (row && !labels.remark && !layoutRemark(row, el)) return;
    this.#passed.set(el, signals(el, codes, phrases));
  }

  /** Whether a keystroke in `el` needs no read of the page: a box passed over whose labels and text say the same. */
  passed(el: Element, codes: ReadonlySet<string>, phrases: PhraseMatcher): boolean {
    const was = this.#passed.get(el);
    return was !== undefined && signals(el, codes, phrases) === was;
  }
}
