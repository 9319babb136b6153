import { describe, expect, it } from 'vitest';
import { parseMinutesCell } from '../../lib/batch/cells';
import { readExport } from '../../lib/batch/reader';
import type { ReadVisit } from '../../lib/batch/report';
import { evaluate } from '../../lib/rules/evaluate';

// The mapping stage against the red-team's exports (defects #1, #4, #5, #10, #11, #15, #17):
// which column is what when names compete, when h:mm is a clock or a duration, and what the
// report says about it.

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const rules = (v: ReadVisit) => evaluate(v.visit).findings.map((f) => f.rule);
const column = (r: ReturnType<typeof readExport>, name: string) => r.report.columns.find((c) => c.name === name)!;

describe('#5 the payer is the primary one, never the secondary', () => {
  it('"Pri Payer" is the payer and "Sec Payer" is not, whichever comes first', () => {
    const b = readExport(
      csv('Visit ID,Patient,DOS,Pri Payer,Sec Payer,CPT,Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,MCR PART B,BCBS SUPPLEMENT,97110,20,1,GP', 'V1,Ann Lee,03/16/2026,MCR PART B,BCBS SUPPLEMENT,97140,20,1,GP'),
      'd1b.csv',
    );
    expect(b.visits[0]!.visit.payer).toBe('MCR PART B');
    expect(column(b, 'Pri Payer')).toMatchObject({ role: 'payer', how: 'name' });
    expect(column(b, 'Sec Payer')).toMatchObject({ note: 'a secondary or tertiary payer: the claim is checked against the primary payer' });
    const a = readExport(
      csv('Visit ID,Patient,DOS,Sec Payer,Pri Payer,CPT,Minutes,Units,Modifiers', 'V1,Ann Lee,03/16/2026,Medicare,Aetna PPO,97110,20,1,GP', 'V1,Ann Lee,03/16/2026,Medicare,Aetna PPO,97140,20,1,GP'),
      'd1.csv',
    );
    expect(a.visits[0]!.visit.payer).toBe('Aetna PPO');
  });

  it('"Primary Insurance" beside "Secondary Insurance" (Medicare there): Medicare is not read as the payer, by name or by content', () => {
    const r = readExport(csv('Visit ID,DOS,Secondary Insurance,Primary Insurance,CPT,Minutes,Units', 'V1,03/16/2026,Medicare,Aetna,97110,20,1', 'V1,03/16/2026,Medicare,Aetna,97140,20,1'), 'x.csv');
    expect(r.visits[0]!.visit.payer).toBe('Aetna');
    // Only a secondary payer column: no payer is found, and the message says what was seen.
    const only = readExport(csv('Visit ID,DOS,Secondary Insurance,Tertiary Payer,CPT,Minutes', 'V1,03/16/2026,Medicare,Medicaid,97110,20'), 'y.csv');
    expect(only.errors[0]!.reason).toMatch(/^cannot read this export: no column for payer/);
  });
});
