import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import { medicarePT, ofRule, one } from './helpers';

// CMS Claims Processing Manual Pub. 100-04 Ch. 5 §20.3 (rules-reference §1.6): "if gait
// training in a patient with a recent stroke requires both a therapist and an assistant, or
// even two therapists, to manage in the parallel bars, each 15 minutes the patient is being
// treated can count as only one unit of code 97116."

const gait = (label: string, extra: object = {}) => ({ code: '97116', label, minutes: 30, units: 2, modifiers: ['GP'], startTime: '10:00', endTime: '10:30', ...extra });

describe('co-treatment: the patient’s time counts once (CPM §20.3)', () => {
  it('§20.3: two clinicians gait-training one patient over the same 10:00–10:30 give 97116 ×2, not ×4', () => {
    const e = evaluate(medicarePT([gait('Gait training in parallel bars (PT)'), gait('Gait training in parallel bars (second PT)')]));
    // 30 minutes of patient time → 2 units (CPM §20.2 chart: 23–37 minutes).
    expect(e.totalTimedMinutes).toBe(30);
    expect(e.lines.map((l) => [l.code, l.units])).toEqual([['97116', 2]]);
    const f = one(e, 'minutes.co-treatment');
    expect(f.source).toMatch(/§20\.3/);
    expect(f.message).toMatch(/60 minutes in all, but the patient was treated for 30 minutes/);
    expect(f.action).toMatch(/Bill 97116 for the patient's 30 minutes on one claim line/);
    expect(f.entries).toEqual([0, 1]);
    // 2 + 2 entered: over-billed by the same arithmetic.
    expect(one(e, 'units.over-billed').headline).toBe('97116: bill 2 units, not 4');
    // Not also reported as two different services at the same time.
    expect(ofRule(e, 'minutes.overlap')).toEqual([]);
  });

  it('§20.3: partly shared time counts the patient’s minutes: 10:00–10:30 and 10:15–10:45 are 45 minutes → 3 units', () => {
    const e = evaluate(medicarePT([gait('PT'), gait('PTA', { startTime: '10:15', endTime: '10:45', units: 1 })]));
    expect(e.totalTimedMinutes).toBe(45);
    expect(e.lines.map((l) => [l.code, l.units])).toEqual([['97116', 3]]);
    expect(one(e, 'minutes.co-treatment').headline).toBe('97116: co-treatment, count 45 min once, not 60');
  });

  it('the same code at different times of the day is not shared: 09:00–09:15 and 14:00–14:15 are 30 minutes → 2 units', () => {
    const e = evaluate(medicarePT([gait('AM', { startTime: '09:00', endTime: '09:15', minutes: 15, units: 1 }), gait('PM', { startTime: '14:00', endTime: '14:15', minutes: 15, units: 1 })]));
    expect(e.totalTimedMinutes).toBe(30);
    expect(ofRule(e, 'minutes.co-treatment')).toEqual([]);
    expect(ofRule(e, 'units.over-billed')).toEqual([]);
  });

  it('an export that marks co-treatment without clock times: the lines are the same patient time', () => {
    const line = (minutes: number) => ({ code: '97116', minutes, units: 2, modifiers: ['GP'], coTreatment: true });
    const e = evaluate(medicarePT([line(30), line(28)]));
    expect(e.totalTimedMinutes).toBe(30);
    expect(e.lines.map((l) => [l.code, l.units])).toEqual([['97116', 2]]);
    expect(one(e, 'minutes.co-treatment').message).toMatch(/marked as co-treatment/);
    // Without the marker and without times, two lines of one code are two sessions: 58 minutes → 4 units.
    const plain = evaluate(medicarePT([{ ...line(30), coTreatment: undefined }, { ...line(28), coTreatment: undefined }]));
    expect(plain.totalTimedMinutes).toBe(58);
    expect(ofRule(plain, 'minutes.co-treatment')).toEqual([]);
  });

  it('the visit’s total treatment time is compared with the patient’s time, not each clinician’s', () => {
    const e = evaluate(medicarePT([gait('PT'), gait('PTA')], { totalTreatmentMinutes: 30 }));
    expect(ofRule(e, 'minutes.total-mismatch')).toEqual([]);
  });

  it('different codes over the same time stay a warning about two services at once (NCCI Ch. XI §P.2)', () => {
    const e = evaluate(medicarePT([gait('Gait'), { code: '97530', minutes: 30, units: 2, modifiers: ['GP'], startTime: '10:00', endTime: '10:30' }]));
    expect(one(e, 'minutes.overlap').codes).toEqual(['97116', '97530']);
    expect(ofRule(e, 'minutes.co-treatment')).toEqual([]);
  });
});
