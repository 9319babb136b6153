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
