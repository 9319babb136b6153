// A second review (helper session) of the patient's last and first names in two columns:
// each test failed before its fix.
import { describe, expect, it } from 'vitest';
import { readExport } from '../../lib/batch/reader';
import { formatReportHead } from '../../lib/batch/format';
import type { ReadVisit } from '../../lib/batch/report';
import { evaluate } from '../../lib/rules/evaluate';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const rules = (v: ReadVisit) => evaluate(v.visit).findings.map((f) => f.rule);

describe('the patient in two name columns: the second review', () => {
  it('B1. "Name" (the last name) + "First Name": siblings Ann and Tim Lee on one date are two visits, not one "Lee" visit', () => {
    // Before the fix: "Name" → patient, "First Name" ignored: one visit "Lee 2026-03-16", 20 minutes billed 2 → a false units.over-billed.
    const { visits } = readExport(csv('Name,First Name,DOS,Payer,CPT,Minutes,Units,Modifiers', 'Lee,Ann,03/16/2026,Medicare,97110,10,1,GP', 'Lee,Tim,03/16/2026,Medicare,97112,10,1,GP'), 'b1.csv');
    expect(visits).toHaveLength(2);
    expect(visits.flatMap(rules)).not.toContain('units.over-billed');
  });

  it('B2. "Patient" holding the last name + "First Name": the first name is read with it', () => {
    const { visits } = readExport(csv('Patient,First Name,DOS,Payer,CPT,Minutes,Units,Modifiers', 'Lee,Ann,03/16/2026,Medicare,97110,10,1,GP', 'Lee,Tim,03/16/2026,Medicare,97112,10,1,GP'), 'b2.csv');
    expect(visits).toHaveLength(2);
  });

  it('B3. a continuation row of visit A with the first name blank (last name printed) stays in visit A', () => {
    // Before the fix: visit A split into "Lee, Ann" (97110 10 min) and "Lee" (97112 10 min), each fine alone; the visit's
    // 20 minutes billed 2 units (8–22 → 1) is not flagged. Before 7606587 (names ignored) it was.
    const { visits } = readExport(csv('Visit ID,Last Name,First Name,DOS,Payer,CPT,Minutes,Units,Modifiers', 'A,Lee,Ann,03/16/2026,Medicare,97110,10,1,GP', 'A,Lee,,03/16/2026,Medicare,97112,10,1,GP'), 'b3.csv');
    expect(visits).toHaveLength(1);
    expect(rules(visits[0]!)).toContain('units.over-billed');
  });

  it('B4. "Pt Last Name" / "Pt First Name" (and "Resident …") are read as the patient, like "Pat Last Name"', () => {
    // Before the fix: both ignored; with no id column the file is refused ("no column for visit id (or patient)").
    for (const prefix of ['Pt', 'Resident']) {
      const { visits, errors } = readExport(csv(`${prefix} Last Name,${prefix} First Name,DOS,Payer,CPT,Minutes,Units,Modifiers`, 'Lee,Ann,03/16/2026,Medicare,97110,10,1,GP'), 'b4.csv');
      expect(errors).toEqual([]);
      expect(visits).toHaveLength(1);
    }
  });

  it('B5. (cosmetic) the report\'s column line says the two name columns are read together, not just "→ patient" twice', () => {
    const { report } = readExport(csv('Visit ID,Last Name,First Name,DOS,Payer,CPT,Minutes,Units,Modifiers', 'A,Lee,Ann,03/16/2026,Medicare,97110,10,1,GP'), 'b5.csv');
    // Before the fix: '"Last Name" → patient · "First Name" → patient': the note "the patient is the two together" is only in the JSON.
    expect(formatReportHead(report).join(' ')).toMatch(/together/);
  });
});
