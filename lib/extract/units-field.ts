// A units field as clinicians type it: "2", "2.0", "2 units", and the shorthand of therapy
// notes, "2u", "2 U", "x2", "×2", "2x" (each can only mean two units in a field named Units).
// Anything else is not read, and the reason is given in words: the engine then says the
// visit's units cannot be checked, rather than counting the line as no units.

/** `why`: what follows the value in a note ("'2.5' is not a whole number …"). */
export type UnitsRead = { ok: true; units: number } | { ok: false; why: string };

const WHOLE = /^(\d{1,3})(?:\.0+)?(?:\s*(?:u|un|units?)\.?)?$/i;
const TIMES = /^(?:[x×]\s*(\d{1,3})|(\d{1,3})\s*[x×])$/i;
const FRACTION = /^\d{0,3}[.,]\d+(?:\s*(?:u|units?))?$/i;
const NEGATIVE = /^(?:[-\u2212]\s*\d+|\(\d+\))$/;

export function readUnits(raw: string): UnitsRead {
  const t = raw.trim();
  const m = WHOLE.exec(t) ?? TIMES.exec(t);
  if (m) return { ok: true, units: Number(m[1] ?? m[2]) };
  if (FRACTION.test(t)) return { ok: false, why: 'is not a whole number of units: units are billed whole; enter the units the minutes support (e.g. 2)' };
  if (NEGATIVE.test(t)) return { ok: false, why: 'is not a number of units (a negative one, as accounting writes it?): enter the units billed as a whole number (e.g. 2)' };
  return { ok: false, why: 'is not a number of units: enter them as a whole number (e.g. 2)' };
}
