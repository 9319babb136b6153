// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { line, readPage, table, visitsOf } from './read-page';
import { cutLabel } from '../../lib/extract/visits';

// Found by a visual review (helper session): two visits of one patient under long headings were
// listed in the side panel cut at 80 characters, "…— Outpatient Physi" and "…— Outpatient P (2)",
// losing what told them apart (what was done, and when), with no sign of the cut.
const NAME = 'Maximilian Alexander Rodriguez-Featherstonehaugh-Vandenberghe';

describe('long visit labels', () => {
  it("keep their start and their end, the cut marked: two visits of one patient stay told apart by what was done", () => {
    const got = visitsOf(
      readPage(`<h1>Day sheet</h1>
        <h2>${NAME} — Outpatient Physical Therapy Re-evaluation — 2026-11-02</h2>${table(`<tr>${line('97164', 30, 1)}</tr>`)}
        <h2>${NAME} — Outpatient Physical Therapy Treatment — 2026-11-02</h2>${table(`<tr>${line('97110', 23, 2)}</tr>`)}`),
    );
    expect(got).toHaveLength(2);
    expect(got[0]!.label).toMatch(/^Maximilian .*….*Re-evaluation — 2026-11-02$/);
    expect(got[1]!.label).toMatch(/^Maximilian .*….*Treatment — 2026-11-02$/);
    for (const v of got) expect(v.label.length).toBeLessThanOrEqual(80);
    // Still hers: the label's patient is read from its start.
    expect(got[0]!.patient).toBe(got[1]!.patient);
  });
  it('a label of 80 characters or fewer is kept whole', () => {
    const label = 'Lee, Ann — Daily note — 11/02/2026';
    expect(cutLabel(label)).toBe(label);
    expect(cutLabel('x'.repeat(80))).toBe('x'.repeat(80));
    expect(cutLabel('x'.repeat(81))).toHaveLength(80);
  });
});
