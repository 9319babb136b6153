import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MINUTES, parseMinutes } from '../../lib/extract/minutes';

// Issue 5, promise 5: bad input gets a clear finding, never a crash or a silent zero.
// parseMinutes is where a form's or an export's minutes text becomes a number: whatever the
// text, it answers with minutes in [0, a day] or a reason quoting the text, and a readable
// duration reads back as the minutes it says.

const SEED = 5_0505;
const RUNS = 400;

const hmm = (n: number) => `${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`;
const hhmm = (n: number) => `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
/** A clock time of the day (minutes since midnight) the 12-hour way: "9:05 am", "12:30 p.m.". */
function twelve(n: number, marker: (typeof MARKERS)[number], space: string): string {
  const h24 = Math.floor(n / 60);
  const h = h24 % 12 === 0 ? 12 : h24 % 12;
  const pm = h24 >= 12;
  return `${h}:${String(n % 60).padStart(2, '0')}${space}${pm ? marker.pm : marker.am}`;
}
const MARKERS = [
  { am: 'am', pm: 'pm' },
  { am: 'AM', pm: 'PM' },
  { am: 'a.m.', pm: 'p.m.' },
  { am: 'a', pm: 'p' },
] as const;

const space = fc.constantFrom('', ' ', '  ', '\t', '\u00a0');
const dash = fc.constantFrom('-', ' - ', '\u2013', ' \u2013 ', '\u2014', ' to ', ' until ', '\u2212');
const minuteWord = fc.constantFrom('', 'min', 'mins', 'minute', 'minutes', 'm', "'", '\u2019', '\u2032', 'Min.', 'MIN', 'mn');
const hourWord = fc.constantFrom('h', 'hr', 'hrs', 'hour', 'hours', 'H', 'Hr.', 'HOURS');
const minuteOfDay = fc.integer({ min: 0, max: MAX_MINUTES - 1 });

/** Whatever the text, a reading is a finite number of minutes in a day, or a failure with a reason. */
function sane(raw: string) {
  const r = parseMinutes(raw);
  if (r.ok) {
    expect(typeof r.minutes).toBe('number');
    expect(Number.isFinite(r.minutes)).toBe(true);
    expect(r.minutes).toBeGreaterThanOrEqual(0);
    expect(r.minutes).toBeLessThanOrEqual(MAX_MINUTES);
    expect(Object.is(r.minutes, -0)).toBe(false);
  } else {
    expect(typeof r.reason).toBe('string');
    expect(r.reason.trim().length).toBeGreaterThan(0);
    // The reason quotes what was read (shortened when long), so the finding can show it.
    if (raw.trim() !== '') expect(r.reason).toContain(`'${raw.trim().slice(0, 20)}`);
  }
  return r;
}

// Text made of what durations are made of, and of what they are not.
const durationish = fc.string({
  unit: fc.constantFrom(...'0123456789:.,-\u2013\u2014\' hHmMrinutesaApP\u00a0\t/x'.split('')),
  maxLength: 24,
});
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  durationish,
  fc.constantFrom('<b>23</b>', '23<br>', '&nbsp;23', 'NaN', 'Infinity', '-Infinity', '1e3', '0x17', '23e', '.5', '5.', '1:60', '24:00', '99:59', '1_000', '١٢', '\uff12\uff13'),
);

describe('parseMinutes on any text (property)', () => {
  it('never throws, and answers minutes in [0, a day] or a reason quoting the text', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        sane(raw);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reads nothing from text without an ASCII digit: no silent zero', () => {
    fc.assert(
      fc.property(
        anyText.map((s) => s.replace(/[0-9]/g, '')),
        (raw) => {
          expect(sane(raw).ok).toBe(false);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reads zero minutes only from text whose digits are all zero, or from a range that ends where it starts', () => {
    // A digit that is not 0 ("5 sec", "0:5", "1:5x") must never quietly become 0 minutes.
    fc.assert(
      fc.property(anyText, (raw) => {
        const r = sane(raw);
        if (!r.ok || r.minutes !== 0) return;
        const digits = raw.replace(/[^0-9]/g, '');
        const isRange = /[-\u2010-\u2015\u2212]|to|until/i.test(raw) && /\d.*\d/.test(raw);
        expect(/^0+$/.test(digits) || isRange, `0 minutes from ${JSON.stringify(raw)}`).toBe(true);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reads zero only from zeros however many decimals a tiny duration has (no floating-point underflow to 0)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom('', ' min', 'h', ' hours'), (zeros, d, unit) => {
        const raw = `0.${'0'.repeat(zeros)}${d}${unit}`;
        const r = sane(raw);
        if (r.ok) expect(r.minutes, `${raw.length} characters`).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('never reads a negative number as minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), space, minuteWord, (n, sp, unit) => {
        expect(parseMinutes(`-${sp}${n}${sp}${unit}`).ok).toBe(false);
        expect(parseMinutes(`\u2212${n}`).ok).toBe(false);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('refuses more than a day with a reason that says so, not a wrapped or clipped number', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_MINUTES + 1, max: 10_000_000 }), minuteWord, (n, unit) => {
        const r = parseMinutes(`${n} ${unit}`.trim());
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatch(/more than a day/);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('shrugs off absurdly long digit runs and numbers beyond floating point', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 400 }), fc.constantFrom('', ' min', 'h', ':00', '.5'), (len, tail) => {
        const r = sane(`9${'9'.repeat(len)}${tail}`);
        expect(r.ok).toBe(false);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('parseMinutes reads back what a clinician writes (property)', () => {
  it('"N", "N min", "N\'", "N Minutes" in any case and spacing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINUTES }), space, minuteWord, space, space, (n, lead, unit, mid, trail) => {
        const raw = `${lead}${n}${unit ? mid : ''}${unit}${trail}`;
        expect(parseMinutes(raw), JSON.stringify(raw)).toEqual({ ok: true, minutes: n });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('"H:MM" and "HH:MM"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINUTES }), fc.boolean(), (n, padded) => {
        const raw = padded ? hhmm(n) : hmm(n);
        expect(parseMinutes(raw), raw).toEqual({ ok: true, minutes: n });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('"Hh Mm", "H hr MM min", "Hh" and "HhMM"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), hourWord, space, minuteWord, fc.constantFrom(' ', '', ', '), fc.boolean(), (h, m, hw, sp, mw, join, pad) => {
        const mm = pad ? String(m).padStart(2, '0') : String(m);
        const raw = `${h}${sp}${hw}${join}${mm}${mw ? sp : ''}${mw}`;
        expect(parseMinutes(raw), JSON.stringify(raw)).toEqual({ ok: true, minutes: h * 60 + m });
        expect(parseMinutes(`${h}${sp}${hw}`)).toEqual({ ok: true, minutes: h * 60 });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('half and quarter hours: "1.5 hours", "0.25 h"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.constantFrom(['.5', 30], ['.25', 15], ['.75', 45], ['.0', 0]), hourWord, (h, [frac, extra], hw) => {
        expect(parseMinutes(`${h}${frac} ${hw}`)).toEqual({ ok: true, minutes: h * 60 + (extra as number) });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a 24-hour clock range reads as its length, with any dash or "to"', () => {
    fc.assert(
      fc.property(minuteOfDay, minuteOfDay, dash, fc.boolean(), (a, b, d, padded) => {
        const [s, e] = a <= b ? [a, b] : [b, a];
        const t = padded ? hhmm : hmm;
        const raw = `${t(s)}${d}${t(e)}`;
        expect(parseMinutes(raw), JSON.stringify(raw)).toEqual({ ok: true, minutes: e - s });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a 24-hour range that runs backwards is refused, never read as its absolute length or 0', () => {
    fc.assert(
      fc.property(minuteOfDay, minuteOfDay, dash, (a, b, d) => {
        fc.pre(a !== b);
        const [s, e] = a < b ? [a, b] : [b, a];
        const r = parseMinutes(`${hhmm(e)}${d}${hhmm(s)}`);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatch(/ends before it starts/);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a 12-hour range with both markers reads as its length, and across midnight from PM to AM', () => {
    fc.assert(
      fc.property(minuteOfDay, minuteOfDay, dash, fc.constantFrom(...MARKERS), space, (a, b, d, marker, sp) => {
        const raw = `${twelve(a, marker, sp)}${d}${twelve(b, marker, sp)}`;
        const r = parseMinutes(raw);
        if (b >= a) expect(r, raw).toEqual({ ok: true, minutes: b - a });
        else if (a >= 720 && b < 720) expect(r, raw).toEqual({ ok: true, minutes: b + MAX_MINUTES - a });
        else expect(r.ok, raw).toBe(false);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('an impossible clock time in a range is refused: minutes past 59, hours past 23', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 60, max: 99 }), fc.integer({ min: 24, max: 99 }), dash, (h, badMin, badHour, d) => {
        expect(parseMinutes(`${h}:00${d}${h}:${badMin}`).ok).toBe(false);
        expect(parseMinutes(`${badHour}:00${d}${badHour}:30`).ok).toBe(false);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('a readable duration with garbage after it is refused, not read as its number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom(' sec', ' seconds', 'x', ' units', ' min 5', ' reps', ' %', '?', ' lbs', ' / 15'),
        (n, junk) => {
          const r = parseMinutes(`${n}${junk}`);
          expect(r.ok, `${n}${junk}`).toBe(false);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('parseMinutes regressions found by the properties', () => {
  it('"0." then 323 zeros then "1" is refused, not read as 0 minutes (floating-point underflow)', () => {
    const raw = `0.${'0'.repeat(323)}1`;
    const r = parseMinutes(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^could not read minutes '0\.000/);
    // Zeros are still zero.
    expect(parseMinutes(`0.${'0'.repeat(400)}`)).toEqual({ ok: true, minutes: 0 });
    expect(parseMinutes('0h 0m')).toEqual({ ok: true, minutes: 0 });
  });
});
