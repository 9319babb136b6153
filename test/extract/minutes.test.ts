import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MINUTES, parseClockTime, parseMinutes } from '../../lib/extract/minutes';

describe('parseMinutes: what people write', () => {
  it.each([
    ['23', 23],
    ['0', 0],
    ['23 min', 23],
    ['23 mins', 23],
    ['23 minutes', 23],
    ['23min', 23],
    ['23m', 23],
    ['23 Min.', 23],
    ["23'", 23],
    ['23\u2019', 23],
    ['23\u2032', 23],
    ['  23  MIN  ', 23],
    ['0:23', 23],
    ['1:05', 65],
    ['1:00', 60],
    ['1h 5m', 65],
    ['1h5m', 65],
    ['1h05', 65],
    ['1 hr 05 min', 65],
    ['1 HR 5 MINS', 65],
    ['1 hour 5 minutes', 65],
    ['2 hrs', 120],
    ['1h', 60],
    ['1.5 hours', 90],
    ['90 min', 90],
    ['7.5', 7.5],
    ['7.5 min', 7.5],
    ['12 hours', 720],
    ['1440', 1440],
    ['24h', 1440],
    // clock ranges
    ['10:05-10:28', 23],
    ['10:05 - 10:28', 23],
    ['10:05 \u2013 10:28', 23],
    ['10:05\u201410:28', 23],
    ['10:05 to 10:28', 23],
    ['10:05 AM \u2013 10:28 AM', 23],
    ['9:50am-10:10am', 20],
    ['9:50 a.m. - 10:10 a.m.', 20],
    ['11:50 AM - 12:10 PM', 20],
    ['12:50 PM - 1:10 PM', 20],
    ['11:50 PM - 12:10 AM', 20],
    ['9:50-10:10am', 20],
    ['11:50-12:10pm', 20],
    ['11:50am-12:10', 20],
    ['12:50-1:10pm', 20],
    ['13:50-14:10', 20],
    ['13:50-2:10pm', 20],
    ['9am-10am', 60],
    ['10:05-10:05', 0],
  ])('%j → %d', (raw, minutes) => {
    expect(parseMinutes(raw)).toEqual({ ok: true, minutes });
  });
});

describe('parseMinutes: text that is not a duration', () => {
  it.each([
    ['1:5x', "could not read minutes '1:5x'"],
    ['twenty', "could not read minutes 'twenty'"],
    ['-5', "negative minutes '-5'"],
    ['- 5 min', "negative minutes '- 5 min'"],
    ['999999', "'999999' is more than a day (1440 minutes)"],
    ['1441', "'1441' is more than a day (1440 minutes)"],
    ['25 hours', "'25 hours' is more than a day (1440 minutes)"],
    ['1:75', "'1:75' has 75 minutes after the colon (h:mm needs fewer than 60)"],
    ['1:5', "could not read minutes '1:5' (expected h:mm)"],
    ['10:28-10:05', "time range '10:28-10:05' ends before it starts (write AM/PM if it crosses noon or midnight)"],
    ['12:50-1:10', "time range '12:50-1:10' ends before it starts (write AM/PM if it crosses noon or midnight)"],
    ['10:28 AM - 10:05 AM', "time range '10:28 AM - 10:05 AM' ends before it starts"],
    ['1:10 PM - 12:50 PM', "time range '1:10 PM - 12:50 PM' ends before it starts"],
    ['10:05 AM - 10:70 AM', "not a clock time in '10:05 AM - 10:70 AM'"],
    ['13:05 pm - 14:00 pm', "not a clock time in '13:05 pm - 14:00 pm'"],
    ['25:00-26:00', "not a clock time in '25:00-26:00'"],
    ['10-28', "could not read minutes '10-28'"],
    ['23 sec', "could not read minutes '23 sec'"],
    ['23 min 5', "could not read minutes '23 min 5'"],
    ['7,5', "could not read minutes '7,5'"],
    ['N/A', "could not read minutes 'N/A'"],
    ['', 'empty'],
    ['   ', 'empty'],
    ['\t\n', 'empty'],
  ])('%j → %s', (raw, reason) => {
    expect(parseMinutes(raw)).toEqual({ ok: false, reason });
  });

  it('quotes what was read, shortened when long', () => {
    const r = parseMinutes(`x${'y'.repeat(200)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeLessThan(100);
  });

  it('is not fooled by non-strings at run time', () => {
    expect(parseMinutes(undefined as unknown as string)).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('parseMinutes: properties', () => {
  it('never throws, and every reading is a finite number of minutes within a day', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => {
        const r = parseMinutes(raw);
        if (r.ok) {
          expect(Number.isFinite(r.minutes)).toBe(true);
          expect(r.minutes).toBeGreaterThanOrEqual(0);
          expect(r.minutes).toBeLessThanOrEqual(MAX_MINUTES);
        } else {
          expect(r.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  }, 20_000); // 2,000 runs: over 5 s once on a loaded machine

  it('never throws on strings made of the characters durations use', () => {
    const chars = fc.constantFrom(...'0123456789:.-–\' hmrinutesapAPM'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 30 }), (raw) => {
        const r = parseMinutes(raw);
        if (r.ok) expect(r.minutes >= 0 && r.minutes <= MAX_MINUTES && Number.isFinite(r.minutes)).toBe(true);
        else expect(r.reason === 'empty' || r.reason.includes(`'${raw.trim()}'`) || raw.trim().length > 60).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads back every whole number of minutes in a day, bare and with "min"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINUTES }), (n) => {
        expect(parseMinutes(String(n))).toEqual({ ok: true, minutes: n });
        expect(parseMinutes(`${n} min`)).toEqual({ ok: true, minutes: n });
        expect(parseMinutes(`${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`)).toEqual({ ok: true, minutes: n });
      }),
    );
  });

  it('reads a same-morning 24-hour range as the difference of its ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINUTES - 1 }), fc.integer({ min: 0, max: MAX_MINUTES - 1 }), (a, b) => {
        const [s, e] = a <= b ? [a, b] : [b, a];
        const t = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
        expect(parseMinutes(`${t(s)}-${t(e)}`)).toEqual({ ok: true, minutes: e - s });
      }),
    );
  });
});

describe('parseClockTime', () => {
  it.each([
    ['9:05', '09:05'],
    ['09:05', '09:05'],
    [' 9:05 am ', '09:05'],
    ['9:05 AM', '09:05'],
    ['9:05am', '09:05'],
    ['9:05 p.m.', '21:05'],
    ['9:05 PM', '21:05'],
    ['21:05', '21:05'],
    ['0:00', '00:00'],
    ['23:59', '23:59'],
    ['12:05 am', '00:05'],
    ['12:05 pm', '12:05'],
    ['9 am', '09:00'],
  ])('%j → %s', (raw, time) => {
    expect(parseClockTime(raw)).toBe(time);
  });

  it.each(['9', '', '24:00', '25:00', '9:60', '9:5', '13:05 pm', '0:05 am', 'noon', '9:05 xm', '10:05-10:28'])('%j → null', (raw) => {
    expect(parseClockTime(raw)).toBeNull();
  });

  it('never throws and always gives HH:MM or null', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (raw) => {
        const t = parseClockTime(raw);
        expect(t === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(t)).toBe(true);
      }),
    );
  });
});

describe('parseMinutes under a column headed minutes:seconds (a stopwatch)', () => {
  it.each([
    ['23:40', 23.67],
    ['08:15', 8.25],
    ['7:40', 7.67],
    ['0:45', 0.75],
    ['23', 23],
  ])('%s → %s minutes', (raw, want) => expect(parseMinutes(raw, 'mm:ss')).toEqual({ ok: true, minutes: want }));

  it('says so when the seconds are not seconds, naming the column’s form', () => {
    expect(parseMinutes('23:75', 'mm:ss')).toEqual({ ok: false, reason: "'23:75' has 75 seconds after the colon (mm:ss needs fewer than 60)" });
  });

  it('h:mm stays the default: "1:05" is 65 minutes', () => {
    expect(parseMinutes('1:05')).toEqual({ ok: true, minutes: 65 });
  });
});
