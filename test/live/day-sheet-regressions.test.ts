// @vitest-environment happy-dom
// One-visit forms that happen to have a Date, Patient, Visit or Payer column: read as they were
// before tables were split by their rows (a fourth review, helper session; each failed before its fix).
import { beforeEach, describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';
import { evaluate } from '../../lib/rules/evaluate';
import type { Visit } from '../../lib/model';

const OPTIONS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);
const read = () => new PageSession(document, () => OPTIONS).flush()!;
const rules = (visit: Visit) => evaluate(visit).findings.map((f) => f.rule);
// (Inline, not ./day-sheet-rows: that file is not in 2ca85b3.)
let n = 0;
const HEAD = (...first: string[]) => `<thead><tr>${first.map((f) => `<th>${f}</th>`).join('')}<th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>`;
const line = (code: string, minutes: number, units: number) => {
  n++;
  return `<td><input name="int-${n}" value="Exercise block"></td><td><input name="cpt-${n}" value="${code}"></td><td><input name="min-${n}" value="${minutes}"></td><td><input name="units-${n}" value="${units}"></td><td><input name="mod-${n}" value="GP"></td>`;
};
const row = (first: string | null, code: string, minutes: number, units: number) => `<tr>${first === null ? '' : `<td>${first}</td>`}${line(code, minutes, units)}</tr>`;
/** One patient's one visit: 10 + 10 timed minutes billed 1 + 1 (20 min supports 1 unit: over-billed). */
const BANNER = `<h1>Daily note — Ann Lee</h1><p>Payer: Medicare Part B · Date of service: 11/02/2026</p>`;
const oneVisit = () => {
  const update = read();
  expect(update.list!.map((v) => v.label)).toHaveLength(1);
  const visit = update.visits[0]!.visit;
  expect(evaluate(visit).totalTimedMinutes).toBe(20);
  expect(rules(visit)).toContain('units.over-billed');
  return visit;
};
beforeEach(() => {
  document.body.innerHTML = '';
  n = 0;
});

describe('one-visit forms with a Date, Patient, Visit or Payer column', () => {
  it('R1. a note\'s two tables (Timed codes with a Date column, Modalities without) are one visit', () => {
    document.body.innerHTML = `${BANNER}<h2>Timed codes</h2><table>${HEAD('Date')}<tbody>${row('11/02/2026', '97110', 10, 1)}</tbody></table>
      <h2>Modalities</h2><table>${HEAD('Site')}<tbody>${row('L knee', '97140', 10, 1)}</tbody></table>`;
    oneVisit();
  });

  it('R2. a table with a Patient column then an unheaded second table of the same note: one visit, the second keeps the payer', () => {
    document.body.innerHTML = `${BANNER}<table>${HEAD('Patient')}<tbody>${row('Ann Lee', '97110', 10, 1)}</tbody></table>
      <table>${HEAD('Site')}<tbody>${row('L knee', '97140', 10, 1)}</tbody></table>`;
    expect(oneVisit().payer).toBe('Medicare Part B');
  });

  it('R3. a Date-column table then a keyless table of more lines (no heading between): one visit, not "Visit 1" with payer.missing', () => {
    document.body.innerHTML = `${BANNER}<table>${HEAD('Date')}<tbody>${row('11/02/2026', '97110', 10, 1)}</tbody></table>
      <table>${HEAD()}<tbody>${row(null, '97112', 10, 1)}</tbody></table>`;
    const visit = oneVisit();
    expect(rules(visit)).not.toContain('payer.missing');
  });

  it('R4. a "Visit" column naming the line\'s visit type (Treatment / Re-eval) does not split one visit', () => {
    document.body.innerHTML = `${BANNER}<table>${HEAD('Visit')}<tbody>${row('Treatment', '97110', 10, 1)}${row('Re-eval', '97112', 10, 1)}</tbody></table>`;
    oneVisit();
  });

  it('R5. a "Visit" column holding Initial / Follow-up: the eval line and the treatment lines are one visit', () => {
    document.body.innerHTML = `${BANNER}<table>${HEAD('Visit')}<tbody>${row('Initial', '97161', 30, 1)}${row('Follow-up', '97110', 10, 1)}${row('Follow-up', '97112', 10, 1)}</tbody></table>`;
    const update = read();
    expect(update.list).toHaveLength(1);
    expect(update.list![0]!.entries).toBe(3);
  });

  it('R6. a per-line Payer column saying the payer\'s rank ("Primary") does not replace the page\'s payer (Medicare: the 8-minute rule applies)', () => {
    document.body.innerHTML = `${BANNER}<table>${HEAD('Payer')}<tbody>${row('Primary', '97110', 10, 1)}${row('Primary', '97112', 10, 1)}</tbody></table>`;
    expect(oneVisit().payer).toBe('Medicare Part B');
  });

  it('R7. a per-row date of service the user is still typing ("11/0") does not make the row another, undated visit', () => {
    document.body.innerHTML = `${BANNER}<table>${HEAD('Date')}<tbody>
      <tr><td><input name="d1" value="11/02/2026"></td>${line('97110', 10, 1)}</tr>
      <tr><td><input name="d2" value="11/0"></td>${line('97112', 10, 1)}</tr></tbody></table>`;
    expect(oneVisit().dateOfService).toBe('2026-11-02');
  });

  it('R8. the patient written two ways in a note\'s lines ("Ann Lee", "Lee, Ann") is one visit', () => {
    document.body.innerHTML = `${BANNER}<table>${HEAD('Patient')}<tbody>${row('Ann Lee', '97110', 10, 1)}${row('Lee, Ann', '97112', 10, 1)}</tbody></table>`;
    oneVisit();
  });
});
