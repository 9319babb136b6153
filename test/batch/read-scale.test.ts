import { describe, expect, it } from 'vitest';
import { ExportReader } from '../../lib/batch/reader';
import type { ReadError } from '../../lib/batch/report';

// The reader remembers the last 100,000 visits it handed on (to refuse a late row of one of
// them) and forgets the oldest first. (How fast it forgets is the batch bench's business: at
// 1,000,000 visits; see docs/performance.md §6.)

describe('reader at scale', () => {
  it('forgets the oldest of the last 100,000 visits first, as before', { timeout: 60_000 }, () => {
    const errors: ReadError[] = [];
    let visits = 0;
    const reader = new ExportReader('many.csv', { window: 5 }, { visit: () => void visits++, error: (e) => errors.push(e) });
    const rows = ['Visit ID,Date,Payer,CPT,Minutes'];
    // With a window of 5 rows, 100,003 visits have been handed on after these rows: V0, V1 and
    // V2 are forgotten, V3 is the oldest remembered.
    const count = 100_008;
    for (let i = 0; i < count; i++) rows.push(`V${i},3/16/2026,Aetna,97110,23`);
    // V3's late row is refused; V0 and V2 (forgotten) are read again as new visits.
    rows.push('V3,3/16/2026,Aetna,97140,10', 'V0,3/16/2026,Aetna,97140,10', 'V2,3/16/2026,Aetna,97140,10');
    reader.push(`${rows.join('\n')}\n`);
    reader.end();
    expect(visits).toBe(count + 2);
    expect(errors).toEqual([{ file: 'many.csv', line: count + 2, reason: expect.stringMatching(/^visit "V3" was already checked \(it starts on line 5\)/) }]);
  });
});
