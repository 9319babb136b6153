// Boxes as Chromium leaves them after what it does not accept for their type is typed in ("10e"
// in a number box, half a time or date): value '' and validity.badInput (FieldRead.unreadable).
// happy-dom never sets badInput; these tests set it.

const badInput = Object.getOwnPropertyDescriptor(ValidityState.prototype, 'badInput')!;
const bad = new WeakSet<ValidityState>();

/** `el` as Chromium leaves it after "10e" or half a time is typed in it. */
export function typedBad(el: Element): void {
  (el as HTMLInputElement).value = '';
  bad.add((el as HTMLInputElement).validity);
  Object.defineProperty(ValidityState.prototype, 'badInput', { configurable: true, get(this: ValidityState) { return bad.has(this) || badInput.get!.call(this); } });
}

/** `el` accepted again (typed right): its badInput cleared. */
export const typedRight = (el: Element): void => void bad.delete((el as HTMLInputElement).validity);

/** Puts the browser's own badInput back (afterEach). */
export function restoreBadInput(): void {
  Object.defineProperty(ValidityState.prototype, 'badInput', badInput);
}

/** A page head naming the patient, payer and date of service. */
export const TIMED_HEAD = `<h1>Daily note — Jane Doe</h1><p>Payer: Medicare Part B</p><p>Date of service: 11/20/2026</p>`;
/** One Gait training line whose time is given by the boxes `cols` (headers) holding `cells`. */
export const timedRow = (cols: string[], cells: string[]) =>
  `${TIMED_HEAD}<table><tr><th>Intervention</th><th>CPT</th>${cols.map((c) => `<th>${c}</th>`).join('')}<th>Units</th><th>Modifiers</th></tr>
  <tr><td>Gait training</td><td>97116</td>${cells.map((c) => `<td>${c}</td>`).join('')}<td><input type="number" value="2"></td><td><input value="GP"></td></tr></table>`;
