// @vitest-environment happy-dom
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BarChart } from '../../components/batch/BarChart';
import { MappingTable } from '../../components/batch/MappingTable';
import { ResultsTable } from '../../components/batch/ResultsTable';
import { StoppedNote } from '../../components/batch/StoppedNote';
import type { Report } from '../../entrypoints/batch/protocol';
import type { CheckedVisit } from '../../lib/batch/export-csv';
import { evaluate } from '../../lib/rules/evaluate';
import { readExport } from '../../lib/batch/reader';
import { WEEK } from '../fixtures/exports/week';

// The Batch page's pieces: the mapping report with a dropdown per column, the sortable
// results table, the charts; text from the file is shown as text.

afterEach(cleanup);

const report: Report = {
  file: 'x.csv',
  format: 'csv',
  delimiter: ';',
  headerLine: 3,
  layout: 'long',
  columns: [
    { index: 0, name: 'Svc Date', role: 'date', how: 'name' },
    { index: 1, name: '<img src=x onerror=alert(1)>', note: 'not a column Unitwise knows' },
    { index: 2, name: 'CPT 1', role: 'code', item: 1, how: 'name' },
  ],
  skipped: [{ reason: 'total', count: 2, lines: [9, 14], examples: ['Daily total'] }],
  notes: ['dates read as month/day'],
  rows: { total: 10, checked: 8, skipped: 2, refused: 0 },
  visits: 3,
  minutes: true,
};

describe('MappingTable', () => {
  it('shows each column, what it became and why, and the skipped rows', () => {
    render(<MappingTable report={report} onChange={() => {}} />);
    expect(screen.getByText(/delimiter semicolon · header on line 3/)).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Read column Svc Date as' }) as HTMLSelectElement).value).toBe('date');
    // A hostile column name is text, not markup.
    expect(screen.getByRole('rowheader', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    // A wide layout's numbered column is shown, not offered alone.
    expect(screen.queryByRole('combobox', { name: 'Read column CPT 1 as' })).toBeNull();
    expect(screen.getByText(/code \(line 1\)/)).toBeTruthy();
    expect(screen.getByText(/2 total or subtotal rows \(line 9, 14\): “Daily total”/)).toBeTruthy();
  });

  it('says in the code column\'s row that units were read from it ("97110 x2"), as the reader read the file', () => {
    const read = readExport('Visit ID,Date,Payer,CPT,Minutes\nV1,03/16/2026,Medicare,97110,15\nV2,03/16/2026,Medicare,97110-GP x2,33\n', 'x.csv');
    expect(read.errors).toEqual([]);
    render(<MappingTable report={read.report} onChange={() => {}} />);
    const row = screen.getByRole('row', { name: /^CPT/ });
    expect(row.textContent).toContain('by its name — units written after the code ("97110-GP x2", line 3) read as the line\'s units');
    expect(screen.getByText(/"CPT" has units written after the code/)).toBeTruthy();
  });

  it('a choice in a dropdown reports the column and the role', async () => {
    const onChange = vi.fn();
    render(<MappingTable report={report} onChange={onChange} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Read column <img src=x onerror=alert(1)> as' }), 'minutes');
    expect(onChange).toHaveBeenCalledWith(1, 'minutes');
  });
});

describe('ResultsTable', () => {
  const rows: CheckedVisit[] = WEEK.slice(0, 4).map((w, i) => ({ line: i + 2, visit: w.visit, evaluation: evaluate(w.visit) }));
  it('has column headers, says the sort with aria-sort, and asks for the next sort', async () => {
    const onSort = vi.fn();
    render(<ResultsTable shown={rows.map((result, i) => ({ key: String(i), result }))} matching={4} total={12} sort={{ key: 'date', dir: 1 }} onSort={onSort} />);
    expect(screen.getByRole('columnheader', { name: /Date/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByText('Showing 4 of 4 matching visits (12 checked)')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /Date/ }));
    expect(onSort).toHaveBeenCalledWith({ key: 'date', dir: -1 });
    await userEvent.click(screen.getByRole('button', { name: /Payer/ }));
    expect(onSort).toHaveBeenLastCalledWith({ key: 'payer', dir: 1 });
    const w04 = screen.getAllByRole('row').find((r) => r.textContent?.includes('W04'))!;
    expect(within(w04).getByText('units.over-billed')).toBeTruthy();
    expect(w04.textContent).toContain('97110-GP ×2');
  });

  it('a finding opened stays with its visit when the rows are sorted again, though visits share a line (a JSON array on one line)', async () => {
    const [a, b] = [rows[3]!, rows[0]!].map((c) => ({ ...c, line: 1 }));
    const props = { matching: 2, total: 2, sort: { key: 'line', dir: 1 } as const, onSort: () => {} };
    const { rerender } = render(<ResultsTable shown={[{ key: '0:3', result: a! }, { key: '0:0', result: b! }]} {...props} />);
    const rowOf = (id: string) => screen.getAllByRole('row').find((r) => r.textContent?.includes(id))!;
    await userEvent.click(within(rowOf(a!.visit.id!)).getByText('units.over-billed'));
    expect(rowOf(a!.visit.id!).querySelector('details[open]')).not.toBeNull();
    rerender(<ResultsTable shown={[{ key: '0:0', result: b! }, { key: '0:3', result: a! }]} {...props} />);
    expect(rowOf(a!.visit.id!).querySelector('details[open]')).not.toBeNull();
    expect(rowOf(b!.visit.id!).querySelector('details[open]')).toBeNull();
  });

  it('a visit whose minutes are missing: its claim says provisional until they are entered, which lines, and names a line with no units yet', () => {
    const visit = {
      id: 'P1',
      payer: 'Medicare',
      dateOfService: '2026-03-16',
      entries: [
        { code: '97110', units: 2, modifiers: ['GP'] },
        { code: '97140', minutes: null, rawMinutes: 'abt ten', modifiers: ['GP'] },
        { code: '97530', minutes: 24, units: 2, modifiers: ['GP'] },
      ],
    };
    // As the page keeps it: the visit's facts, not its lines.
    const { entries, ...facts } = visit;
    const pending: CheckedVisit = { line: 2, visit: facts, evaluation: evaluate(visit) };
    const props = { matching: 2, total: 2, sort: { key: 'line', dir: 1 } as const, onSort: () => {} };
    const { rerender } = render(<ResultsTable shown={[{ key: 'p', result: pending }, { key: 'f', result: rows[0]! }]} {...props} />);
    const row = screen.getAllByRole('row').find((r) => r.textContent?.includes('P1'))!;
    const note = within(row).getByRole('note');
    expect(note.textContent).toContain('Provisional claim until the minutes are entered. No minutes for 97110; minutes not readable for 97140.');
    expect(note.textContent).toContain('Enter the minutes before billing or copying this claim.');
    expect(row.textContent).toContain('97110-GP ×2 (as entered, unchecked)');
    expect(row.textContent).toContain('97530-GP ×2');
    expect(row.textContent).not.toContain('97530-GP ×2 (as entered');
    expect(row.textContent).toContain('97140 ×? (enter its minutes)');
    // A visit with its minutes is not provisional.
    const other = screen.getAllByRole('row').find((r) => r.textContent?.includes('W01'))!;
    expect(within(other).queryByRole('note')).toBeNull();
    expect(screen.getAllByRole('note')).toHaveLength(1);
    // An export with no minutes at all (837P): its report says so once, not every visit.
    rerender(<ResultsTable shown={[{ key: 'p', result: pending }]} {...props} inputHasMinutes={false} />);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('a result that could not be read back is a row that says so, on its line', () => {
    render(<ResultsTable shown={[{ key: 'a', result: rows[0]! }, { key: 'b', result: { line: 3, problem: "line 3: a finding's text is missing" } }]} matching={2} total={2} sort={{ key: 'line', dir: 1 }} onSort={() => {}} />);
    const bad = screen.getAllByRole('row').find((r) => r.textContent?.startsWith('3'))!;
    expect(bad.textContent).toBe("3Could not show this visit's result: line 3: a finding's text is missing");
    expect(screen.getAllByRole('row').some((r) => r.textContent?.includes(rows[0]!.visit.id!))).toBe(true);
  });
});

describe('BarChart', () => {
  it('lists label and count, biggest bar full width, the rest beyond max summarised', () => {
    render(<BarChart title="By rule" data={[['a', 4], ['b', 2], ['c', 1]]} max={2} />);
    const items = screen.getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual(['a4', 'b2']);
    expect((items[1]!.querySelector('.bar') as HTMLElement).style.width).toBe('50%');
    expect(screen.getByText('and 1 more')).toBeTruthy();
  });
});

describe('StoppedNote', () => {
  it('says how many visits were checked, from which line none were, and the command that checks the whole file', () => {
    render(<StoppedNote stopped={{ visits: 200_000, line: 812_345 }} file="year 2026.csv" />);
    const note = screen.getByRole('alert');
    expect(note.textContent).toMatch(/^Only the first 200,000 visits were checked: .* The visits from line 812,345 of the file on were not checked .*npm run check -- 'year 2026\.csv'$/);
  });

  it('a file name with shell syntax in it is one quoted word in the command, never code', () => {
    render(<StoppedNote stopped={{ visits: 200_000, line: 9 }} file={"$(rm -rf ~)`x`\"it's\".csv"} />);
    const command = screen.getByRole('alert').querySelector('code')!.textContent!;
    expect(command).toBe(`npm run check -- '$(rm -rf ~)\`x\`"it'\\''s".csv'`);
    // A shell reads it back as the name, one word, nothing run.
    const word = command.slice('npm run check -- '.length);
    expect(execFileSync('bash', ['-c', `printf '%s|' ${word}`], { encoding: 'utf8' })).toBe("$(rm -rf ~)`x`\"it's\".csv|");
  });
});
