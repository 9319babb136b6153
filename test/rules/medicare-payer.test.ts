import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import { ofRule } from './helpers';

// Which payer names mean Medicare (rules-reference §2: Medicare uses the CMS total-time method;
// §6: GP/GO/GN are required on Medicare therapy lines). Practice systems often name the payer by
// its abbreviation or by the Part B contractor that processes its claims.

const visit = (payer: string) => ({ payer, discipline: 'PT' as const, dateOfService: '2026-03-16', entries: [{ code: '97110', minutes: 20, units: 1, modifiers: [] }, { code: '97140', minutes: 20, units: 1, modifiers: [] }] });

describe('Medicare payer names', () => {
  it.each(['Medicare Part B', 'MCR PART B', 'mcr', 'Novitas Solutions', 'Palmetto GBA', 'Noridian JF', 'National Government Services', 'CGS Administrators', 'WPS Government Health Administrators', 'First Coast Service Options'])(
    '%s: CMS method (20 + 20 minutes → 3 units, 2 billed is under) and the missing GP is an error',
    (payer) => {
      const e = evaluate(visit(payer));
      expect(e.method).toBe('cms');
      expect(e.totalTimedUnits).toBe(3);
      expect(ofRule(e, 'units.under-billed')).toHaveLength(1);
      expect(ofRule(e, 'modifier.discipline-missing')[0]?.severity).toBe('error');
    },
  );

  it('a contractor is named as such in the method reason', () => {
    expect(evaluate(visit('Novitas Solutions')).methodReason).toMatch(/Medicare Administrative Contractor/);
  });

  it.each(['Aetna PPO', 'McRae Health Plan', 'Medicaid of Texas', 'BCBS Supplement'])('%s is not Medicare', (payer) => {
    expect(evaluate(visit(payer)).methodReason).not.toMatch(/Medicare payer/);
  });
});
