import { describe, expect, it } from 'vitest';
import { evaluate, resolveSettings } from '../../lib/rules/evaluate';
import { buildContext } from '../../lib/rules/context';
import { builtInRuleData } from '../../lib/rules/data';
import { checkMinutes } from '../../lib/rules/minutes';
import { medicarePT, ofRule, one, rules } from './helpers';

// The minutes family: readable, present, consistent with total treatment time and clock times,
// and not double-counted across one-on-one services.

describe('minutes.unreadable', () => {
  it('BPM §220.3 (total timed minutes must be documented): "1:5x" is reported as read, with the line named', () => {
    const e = evaluate(medicarePT([{ code: '97110', label: 'Ther ex R knee', minutes: null, rawMinutes: '1:5x' }]));
    const f = one(e, 'minutes.unreadable');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97110']);
    expect(f.message).toContain("'1:5x'");
    expect(f.message).toContain('Ther ex R knee');
    expect(f.entries).toEqual([0]);
    expect(f.source).toMatch(/220\.3/);
    // Units cannot be worked out from minutes that could not be read: no line is invented for it.
    expect(e.lines.map((l) => l.code)).not.toContain('97110');
  });

  it('BPM §220.3: a row with no code still gets the finding, named by its description', () => {
    const e = evaluate(medicarePT([{ label: 'Gait with walker', minutes: null, rawMinutes: 'ten-ish' }]));
    const f = one(e, 'minutes.unreadable');
    expect(f.codes).toEqual([]);
    expect(f.message).toContain("'ten-ish'");
    expect(f.message).toContain('Gait with walker');
  });

  it('checkMinutes on its own: readable minutes raise nothing', () => {
    const ctx = buildContext(medicarePT([{ code: '97110', minutes: 23 }]), resolveSettings(), builtInRuleData());
    expect(checkMinutes(ctx)).toEqual([]);
  });
});

describe('minutes.missing', () => {
  it('BPM §220.3 / CPM §20.2: a timed code without minutes cannot support its units', () => {
    const e = evaluate(medicarePT([{ code: '97116', label: 'Gait training' }, { code: '97110', minutes: 20 }]));
    const f = one(e, 'minutes.missing');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['97116']);
    expect(f.entries).toEqual([0]);
    expect(f.message).toMatch(/timed code/);
  });

  it('CPM §20.2 B: an untimed code (evaluation 97161) needs no minutes: no finding', () => {
    const e = evaluate(medicarePT([{ code: '97161' }]));
    expect(rules(e)).not.toContain('minutes.missing');
  });

  // From a screenshot review: with a line's minutes missing the claim was shown and copied as if
  // final. CPM §20.2 Example 1 (97112 24 min + 97110 23 min → 2 + 1) with 97110's minutes not
  // entered and 97140's unreadable: the evaluation says which lines the claim waits on.
  it('CPM §20.2 Example 1 with minutes missing: the evaluation names the lines its claim waits on, whatever the settings show', () => {
    const entries = [
      { code: '97112', minutes: 24, units: 2, modifiers: ['GP'] },
      { code: '97110', units: 2, modifiers: ['GP'] },
      { code: '97140', minutes: null, rawMinutes: 'abt ten', modifiers: ['GP'] },
      { code: '97161' },
    ];
    const e = evaluate(medicarePT(entries));
    expect(e.minutesPending).toEqual([{ entry: 1, code: '97110' }, { entry: 2, code: '97140', unreadable: true }]);
    // Turning the minutes rules off hides their cards, not the fact that the claim is unsure.
    const off = evaluate(medicarePT(entries), { rules: { 'minutes.missing': { enabled: false }, 'minutes.unreadable': { enabled: false } } });
    expect(rules(off)).not.toContain('minutes.missing');
    expect(off.minutesPending).toEqual(e.minutesPending);
    // Every timed line with its minutes (the example as the manual gives it): nothing pending.
    expect(evaluate(medicarePT([entries[0]!, { ...entries[1]!, minutes: 23 }])).minutesPending).toBeUndefined();
  });
});

describe('minutes.total-mismatch', () => {
  it('BPM §220.3 E: timed minutes (35) above the documented total treatment time (30) is an error naming both numbers', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 20 }, { code: '97140', minutes: 15 }], { totalTreatmentMinutes: 30 }));
    const f = one(e, 'minutes.total-mismatch');
    expect(f.severity).toBe('error');
    expect(f.codes.sort()).toEqual(['97110', '97140']);
    expect(f.message).toMatch(/35 minutes/);
    expect(f.message).toMatch(/30 minutes/);
    expect(f.source).toMatch(/220\.3/);
  });

  it('BPM §220.3 E: timed minutes equal to the total are consistent', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 20 }, { code: '97140', minutes: 15 }], { totalTreatmentMinutes: 35 }));
    expect(rules(e)).not.toContain('minutes.total-mismatch');
  });

  it('BPM §220.3 E (total treatment time includes untimed services): timed fits, but timed + untimed exceed the total → warning', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 30 }, { code: '97161', minutes: 20 }], { totalTreatmentMinutes: 40 }));
    const f = one(e, 'minutes.total-mismatch');
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/50 minutes/);
    expect(f.message).toMatch(/40 minutes/);
  });

  it('CPM §20.3 (time counted is time treated): 30 minutes charted inside a 20-minute clock span cannot be right → error', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 30, startTime: '09:00', endTime: '09:20' }]));
    const f = one(e, 'minutes.total-mismatch');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97110']);
    expect(f.message).toMatch(/30 minutes/);
    expect(f.message).toMatch(/09:00–09:20/);
    expect(f.message).toMatch(/20 minutes/);
  });

  it('CPM §20.3 (rest and waiting are not treatment time): 15 minutes inside a 30-minute span is only a warning', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 15, startTime: '09:00', endTime: '09:30' }]));
    const f = one(e, 'minutes.total-mismatch');
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/15 minutes/);
    expect(f.message).toMatch(/30 minutes/);
    expect(f.action).toMatch(/rest/);
  });

  it('CPM §20.3: minutes that match the clock span raise nothing', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 20, startTime: '09:00', endTime: '09:20' }]));
    expect(rules(e)).not.toContain('minutes.total-mismatch');
  });

  it('BPM §220.3: an end time before the start time is an error naming both times', () => {
    const e = evaluate(medicarePT([{ code: '97140', minutes: 10, startTime: '09:30', endTime: '09:25' }]));
    const f = one(e, 'minutes.total-mismatch');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97140']);
    expect(f.message).toContain('09:25');
    expect(f.message).toContain('09:30');
  });

  it('CMS de minimis standard (assistant minutes are part of the service): assistant 12 of 10 minutes is an error', () => {
    const e = evaluate(medicarePT([{ code: '97112', minutes: 10, assistantMinutes: 12 }]));
    const f = one(e, 'minutes.total-mismatch');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97112']);
    expect(f.message).toMatch(/12 minutes/);
    expect(f.message).toMatch(/10 minutes/);
  });
});

describe('minutes.overlap', () => {
  it('NCCI Ch. XI §P.2: two one-on-one services in the same minutes (97110 09:00–09:20, 97140 09:15–09:30) overlap by 5 minutes', () => {
    const e = evaluate(
      medicarePT([
        { code: '97110', minutes: 20, startTime: '09:00', endTime: '09:20' },
        { code: '97140', minutes: 15, startTime: '09:15', endTime: '09:30' },
      ]),
    );
    const f = one(e, 'minutes.overlap');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['97110', '97140']);
    expect(f.message).toMatch(/5 minutes/);
    expect(f.entries).toEqual([0, 1]);
    expect(f.source).toMatch(/Ch\. XI §P\.2/);
  });

  it('NCCI Ch. XI §P.2: a supervised modality (97010–97028) may share the time: mechanical traction 97012 during 97110 does not fire', () => {
    const e = evaluate(
      medicarePT([
        { code: '97110', minutes: 20, startTime: '09:00', endTime: '09:20' },
        { code: '97012', minutes: 15, startTime: '09:05', endTime: '09:20' },
        { code: '97010', minutes: 10, startTime: '09:00', endTime: '09:10' },
      ]),
    );
    expect(ofRule(e, 'minutes.overlap')).toEqual([]);
  });

  it('NCCI Ch. XI §P.2: back-to-back services (one ends 09:20, the next starts 09:20) do not overlap', () => {
    const e = evaluate(
      medicarePT([
        { code: '97110', minutes: 20, startTime: '09:00', endTime: '09:20' },
        { code: '97140', minutes: 15, startTime: '09:20', endTime: '09:35' },
      ]),
    );
    expect(ofRule(e, 'minutes.overlap')).toEqual([]);
  });

  it('NCCI Ch. XI §P.2: each overlapping pair is named once, in charted time order', () => {
    const e = evaluate(
      medicarePT([
        { code: '97530', minutes: 10, startTime: '09:25', endTime: '09:35' },
        { code: '97110', minutes: 30, startTime: '09:00', endTime: '09:30' },
        { code: '97140', minutes: 15, startTime: '09:10', endTime: '09:25' },
      ]),
    );
    expect(ofRule(e, 'minutes.overlap').map((f) => f.codes)).toEqual([
      ['97110', '97140'],
      ['97110', '97530'],
    ]);
  });
});
