// @vitest-environment happy-dom
// From a review (helper session) of payers read from a rank's or a coverage's label by their value: each case failed on the first version.
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { OPTIONS } from './read-page';

const TABLE = `<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>
  <tr><td>Therapeutic exercise</td><td><input value="97110"></td><td><input value="10"></td><td><input value="1"></td><td><input value="GP"></td></tr></tbody></table>`;
const payersOf = (html: string) => {
  document.body.innerHTML = html;
  return new PageSession(document, () => OPTIONS).flush()!.visits.map((v) => v.visit.payer);
};
const payerOf = (pair: string) => payersOf(`<div class="banner">Patient: Ann Smith · ${pair} · DOS: 03/16/2026</div>${TABLE}`)[0];

describe('review: a payer read from "Plan:"/"Primary:"/"Coverage:" by its value', () => {
  it('F1 a SOAP "Plan:" line above the banner\'s explicit "Payer:" wins over it', () => {
    // Observed: ['Pt to f/u w/ Medicare'] — an Aetna visit checked under Medicare's rules.
    expect(payersOf(`<p>Patient: Ann Smith · DOS: 03/16/2026</p><p>Plan: Pt to f/u w/ Medicare</p><p>Payer: Aetna PPO</p>${TABLE}`)).toEqual(['Aetna PPO']);
  });
  it("F2 a SOAP plan's sentence that mentions a payer is no payer", () => {
    // Observed: the sentence itself is the visit's payer (CARE_PLAN lists no "call", "obtain", "f/u", "auth").
    expect(payersOf(`<p>Patient: Ann Smith · DOS: 03/16/2026</p>${TABLE}<h4>Assessment</h4><p>Pt tolerated well.</p><p>Plan: Pt to f/u w/ Medicare</p>`)).toEqual([undefined]);
    expect(payerOf('Plan: Obtain Aetna authorization')).toBeUndefined();
    expect(payerOf('Plan: Call Humana re auth')).toBeUndefined();
    expect(payerOf('Plan: Discuss cost w/ pt — no Aetna coverage')).toBeUndefined();
  });
  it('F3 "Primary:" naming a physician or a place with a payer-like name is no payer', () => {
    // Observed: 'Dr. Lee, Kaiser Permanente', 'Kaiser Medical Center' (visits.ts's PLACE_OR_STATUS guard is not used by namesPayer).
    expect(payerOf('Primary: Dr. Lee, Kaiser Permanente')).toBeUndefined();
    expect(payerOf('Primary: Kaiser Medical Center')).toBeUndefined();
  });
  it('F4 "Coverage:" giving a status is no payer', () => {
    // Observed: 'Medicare card scanned', 'Medicare benefits exhausted', 'not Medicare'.
    expect(payerOf('Coverage: Medicare card scanned')).toBeUndefined();
    expect(payerOf('Coverage: Medicare benefits exhausted')).toBeUndefined();
    expect(payerOf('Coverage: not Medicare')).toBeUndefined();
  });
  it('F5 a primary whose secondary follows in brackets or after a slash: the primary alone', () => {
    // Observed: 'Medicare Part B (Secondary: AARP)' and 'Medicare Part B /'.
    expect(payerOf('Primary: Medicare Part B (Secondary: AARP)')).toBe('Medicare Part B');
    expect(payerOf('Primary: Medicare Part B / Secondary: AARP')).toBe('Medicare Part B');
  });
});
