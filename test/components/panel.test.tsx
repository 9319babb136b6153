// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { evaluate } from '../../lib/rules/evaluate';
import { claimRows, findingKey, provisionalText, verdict } from '../../lib/report';
import type { Visit } from '../../lib/model';
import { Summary } from '../../components/panel/Summary';
import { VerdictBar } from '../../components/panel/VerdictBar';
import { headlineOf } from '../../components/panel/finding-text';
import { ClaimTable } from '../../components/panel/ClaimTable';
import { VisitNav } from '../../components/panel/VisitNav';
import type { VisitSummary } from '../../lib/messages';
import { FindingGroups } from '../../components/panel/FindingGroups';
import { ExportBar } from '../../components/panel/ExportBar';
import { EmptyState, Notices } from '../../components/panel/Notices';

// The side panel's pieces on a real evaluation: CMS's worked example (CPM Ch. 5 §20.2, 24 min
// 97112 + 23 min 97110 → 2 + 1 units) entered as 2 + 2, with a label a hostile page could write.

afterEach(cleanup);

const visit: Visit = {
  payer: 'Medicare Part B',
  dateOfService: '2026-11-20',
  entries: [
    { code: '97112', label: 'Balance <img src=x onerror="alert(1)">', minutes: 24, units: 2, modifiers: ['GP'], fieldKey: 'r0:minutes' },
    { code: '97110', label: 'Ther ex', minutes: 23, units: 2, modifiers: ['GP'], fieldKey: 'r1:minutes' },
  ],
};
const evaluation = evaluate(visit);
const names = new Map([
  ['97110', 'Therapeutic exercise'],
  ['97112', 'Neuromuscular re-education'],
]);

describe('Summary', () => {
  it('behind "How units were counted": the payer, the method and why, the totals and each line\'s reason', () => {
    render(<Summary visit={visit} evaluation={evaluation} rows={claimRows(visit, evaluation)} />);
    const details = screen.getByText('How units were counted').closest('details')!;
    expect(details.open).toBe(false);
    expect(details.textContent).toMatch(/Medicare Part B/);
    expect(details.textContent).toMatch(/CMS 8-minute rule.*Medicare payer "Medicare Part B"/);
    expect(details.textContent).toMatch(/47 min → 3 units/);
    expect(within(details).getByRole('list', { name: "Each line's units" }).textContent).toMatch(/97110: .+/);
  });

  it('the verdict leads: the fixes to make, as a link to the first card', () => {
    render(<VerdictBar verdict={verdict(evaluation, [])} />);
    expect(screen.getByRole('status').textContent).toBe('✕1 fix before billing');
    expect(screen.getByRole('link', { name: /1 fix before billing/ }).getAttribute('href')).toBe('#problems');
  });
});

describe('ClaimTable', () => {
  it('lists the suggested lines and says in words what the form has differently', () => {
    render(<ClaimTable rows={claimRows(visit, evaluation)} names={names} />);
    const table = screen.getByRole('table', { name: 'Suggested claim lines' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-code'))).toEqual(['97112', '97110']);
    expect(rows[0]!.className).not.toMatch(/differs/);
    expect(within(rows[0]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', 'GP']);
    expect(rows[1]!.className).toMatch(/differs/);
    expect(within(rows[1]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2 → 1 (change)', 'GP']);
    expect(document.body.textContent).toMatch(/97110 “2 → 1 \(change\)”: the form has 2; bill 1\./);
    // The arithmetic is not in the table (it is behind "How units were counted").
    expect(table.textContent).not.toMatch(/minutes/);
  });

  // From a screenshot review: with minutes missing the table looked final ("97110 2 GP") and a
  // line with unreadable minutes read "0". CPM §20.2 Example 1 without 97110's minutes.
  it('minutes missing: the claim says it is provisional and which lines, each such line unchecked', () => {
    const v: Visit = { ...visit, entries: [visit.entries[0]!, { ...visit.entries[1]!, minutes: undefined }, { code: '97140', label: 'Manual', minutes: null, rawMinutes: 'abt ten', modifiers: ['GP'], fieldKey: 'r2:minutes' }] };
    const e = evaluate(v);
    render(<ClaimTable rows={claimRows(v, e)} names={names} provisional={provisionalText(v, e)} />);
    const note = screen.getByRole('note', { name: 'Provisional claim' });
    expect(note.textContent).toMatch(/^Provisional claim until the minutes are entered\. No minutes for 97110 “Ther ex”; minutes not readable for 97140 “Manual”\./);
    expect(note.textContent).toMatch(/the other lines may change too/);
    const table = screen.getByRole('table', { name: 'Suggested claim lines, provisional until the minutes are entered' });
    const row = (code: string) => within(table).getAllByRole('row').find((r) => r.getAttribute('data-code') === code)!;
    expect(within(row('97110')).getAllByRole('cell')[0]!.textContent).toBe('2 as entered (unchecked)');
    expect(within(row('97140')).getAllByRole('cell')[0]!.textContent).toBe('enter minutes');
    expect(row('97112').className).not.toMatch(/pending/);
    // The verdict, with the minutes cards acknowledged: not "Ready to bill", and it leads to the claim.
    cleanup();
    const acks = e.findings.filter((f) => f.rule.startsWith('minutes.')).map((f) => ({ key: findingKey(f), rule: f.rule, reason: 'per-code minutes not charted', at: 0 }));
    render(<VerdictBar verdict={verdict({ ...e, findings: e.findings.filter((f) => f.rule.startsWith('minutes.') || f.severity === 'info') }, acks)} />);
    expect(screen.getByRole('link', { name: 'Enter minutes for 97110, 97140 before billing' }).getAttribute('href')).toBe('#claim');
  });

  it('every minute entered: no provisional note, the table named as before', () => {
    render(<ClaimTable rows={claimRows(visit, evaluation)} names={names} provisional={provisionalText(visit, evaluation)} />);
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByRole('table', { name: 'Suggested claim lines' })).toBeTruthy();
  });

  it('a billed line with no units, on a form that has units for other lines, says to enter them', () => {
    const v: Visit = { ...visit, entries: [visit.entries[0]!, { ...visit.entries[1]!, units: undefined }] };
    render(<ClaimTable rows={claimRows(v, evaluate(v))} names={names} />);
    const row = screen.getAllByRole('row').find((r) => r.getAttribute('data-code') === '97110')!;
    expect(within(row).getAllByRole('cell')[0]!.textContent).toBe('none → 1 (enter)');
    expect(row.className).toMatch(/differs/);
  });

  // From a review with screenshots (2026-12-05): two cards said "add GP" while the table showed a
  // plain "GP" and the copied claim "97110 × 2 GP", as if the form had it.
  it('an empty modifiers field where GP is billed says to enter it (none → GP)', () => {
    const v: Visit = { ...visit, discipline: 'PT', entries: visit.entries.map((e) => ({ ...e, modifiers: [] })) };
    const e = evaluate(v);
    expect(e.findings.map((f) => f.rule)).toContain('modifier.discipline-missing');
    render(<ClaimTable rows={claimRows(v, e)} names={names} />);
    const row = screen.getAllByRole('row').find((r) => r.getAttribute('data-code') === '97112')!;
    expect(within(row).getAllByRole('cell')[1]!.textContent).toBe('none → GP (enter)');
    expect(row.className).toMatch(/differs/);
  });

  it('a form with no modifiers field at all: GP shown plainly, no change asked of a field that is not there', () => {
    const v: Visit = { ...visit, discipline: 'PT', entries: visit.entries.map(({ modifiers: _, ...rest }) => rest) };
    render(<ClaimTable rows={claimRows(v, evaluate(v))} names={names} />);
    const row = screen.getAllByRole('row').find((r) => r.getAttribute('data-code') === '97112')!;
    expect(within(row).getAllByRole('cell')[1]!.textContent).toBe('GP');
  });
});

describe('FindingGroups', () => {
  const problems = evaluation.findings.filter((f) => f.severity !== 'info');
  const props = () => ({ findings: problems, acks: [], dataText: 'built-in', onReveal: vi.fn(), onAcknowledge: vi.fn(), onUnacknowledge: vi.fn() });

  it('one card per problem: the headline, the fix as a button, the rest behind "Why?", page text as text', () => {
    render(<FindingGroups {...props()} />);
    const card = within(screen.getByRole('list', { name: 'Errors' })).getAllByRole('listitem')[0]!;
    const over = problems.find((f) => f.rule === 'units.over-billed')!;
    expect(card.querySelector('.headline')!.textContent).toBe(`✕Error: ${headlineOf(over)}`);
    expect(headlineOf(over).length).toBeLessThanOrEqual(64);
    const why = within(card).getByText('Why?', { exact: false }).closest('details')!;
    expect(why.open).toBe(false);
    expect(why.textContent).toMatch(/Source: CMS.*units\.over-billed/s);
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows the field to fix on the page and acknowledges a finding with a reason', async () => {
    const p = props();
    render(<FindingGroups {...p} />);
    const item = within(screen.getByRole('list', { name: 'Errors' })).getAllByRole('listitem')[0]!;
    await userEvent.click(within(item).getByRole('button', { name: 'Show units field for 97110' }));
    expect(p.onReveal).toHaveBeenCalledWith(expect.objectContaining({ rule: 'units.over-billed', fix: 'units', fieldKeys: [expect.stringMatching(/^r\d:/)] }));
    await userEvent.click(within(item).getByRole('button', { name: 'Acknowledge… for 97110' }));
    await userEvent.type(within(item).getByLabelText(/Reason/), 'Payer contract allows it');
    await userEvent.click(within(item).getByRole('button', { name: 'Save acknowledgement: 97110' }));
    expect(p.onAcknowledge).toHaveBeenCalledWith(expect.objectContaining({ rule: 'units.over-billed' }), 'Payer contract allows it');
  });

  // From a screenshot review: a pair card from the built-in STARTER table showed its source as
  // plain text only (behind "Why?"), nothing saying the data must be verified or replaced.
  it('a pair from the built-in starter table carries a visible "Starter data — verify" chip with a name that says what to do', async () => {
    const pair: Visit = { payer: 'Medicare Part B', dateOfService: '2026-11-20', discipline: 'PT', entries: [{ code: '97140', minutes: 15, units: 1, modifiers: ['GP'], fieldKey: 'r0:minutes' }, { code: '97530', minutes: 15, units: 1, modifiers: ['GP'], fieldKey: 'r1:minutes' }] };
    const findings = evaluate(pair).findings.filter((f) => f.severity !== 'info');
    render(<FindingGroups {...props()} findings={findings} />);
    const card = within(screen.getByRole('list', { name: 'Errors' })).getAllByRole('listitem').find((li) => li.getAttribute('data-rule') === 'pair.modifier-required')!;
    const chip = within(card).getByRole('note', { name: /^Starter data — verify: this NCCI pair comes from Unitwise's built-in starter table .*import the practice's quarterly CMS files in Options → Rule data/ });
    expect(chip.textContent).toBe('Starter data — verify');
    // Not behind "Why?": on the card's face.
    expect(chip.closest('details')).toBeNull();
    await userEvent.click(within(card).getByText('Why?'));
    expect(card.querySelector('.source.starter')?.textContent).toMatch(/^Starter data: this NCCI pair comes from/);
    // Cards not resting on starter data have none.
    cleanup();
    render(<FindingGroups {...props()} />);
    expect(screen.queryByRole('note', { name: /Starter data/ })).toBeNull();
  });

  it('an acknowledged finding moves to its own group with the reason, and can be undone', async () => {
    const f = evaluation.findings.find((x) => x.rule === 'units.over-billed')!;
    const p = { ...props(), acks: [{ key: findingKey(f), rule: f.rule, reason: 'checked with the therapist', at: 0 }] };
    render(<FindingGroups {...p} />);
    const acked = screen.getByRole('list', { name: 'Acknowledged' });
    expect(acked.textContent).toMatch(/Acknowledged: checked with the therapist/);
    expect(screen.queryByRole('list', { name: 'Errors' })?.textContent ?? '').not.toMatch(/units\.over-billed/);
    await userEvent.click(within(acked).getByRole('button', { name: 'Undo acknowledgement for 97110' }));
    expect(p.onUnacknowledge).toHaveBeenCalledWith(f);
  });
});

describe('Notices and empty states', () => {
  it('settings warnings, rule data out of date and unreadable fields are alerts that say what to do', () => {
    const odd = evaluate({ ...visit, dateOfService: '1999-01-04', entries: [{ code: '97110', minutes: null, rawMinutes: '1:5x', label: 'Gait' }] });
    render(<Notices warnings={['Your saved settings could not be read']} findings={odd.findings} notes={[]} />);
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts[0]).toMatch(/settings could not be read/);
    expect(alerts.join('\n')).toMatch(/rule data is not for this date of service.*Import the CMS files/);
    expect(alerts.join('\n')).toMatch(/One field could not be read/);
  });

  it('no form found offers teach mode; a site not enabled offers Options as the second way', async () => {
    const onTeach = vi.fn();
    const onOpenOptions = vi.fn();
    const onAllow = vi.fn();
    const { rerender } = render(<EmptyState kind="no-form" origin="https://ehr.example.com" onTeach={onTeach} onOpenOptions={onOpenOptions} onAllow={onAllow} />);
    expect(screen.getByRole('status').textContent).toMatch(/No visit form found on this page \(https:\/\/ehr\.example\.com\)/);
    await userEvent.click(screen.getByRole('button', { name: 'Map this form' }));
    expect(onTeach).toHaveBeenCalled();
    rerender(<EmptyState kind="not-enabled" onTeach={onTeach} onOpenOptions={onOpenOptions} onAllow={onAllow} />);
    await userEvent.click(screen.getByRole('button', { name: 'Options → Sites' }));
    expect(onOpenOptions).toHaveBeenCalled();
    expect(onAllow).not.toHaveBeenCalled();
  });
});

describe('ExportBar', () => {
  it('says when the copy worked and when it did not', async () => {
    const onCopy = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('Document is not focused'));
    render(<ExportBar onCopy={onCopy} onExport={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy as text' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Copied/);
    await userEvent.click(screen.getByRole('button', { name: 'Copy as text' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not copy: Document is not focused/);
  });
});

describe('VisitNav', () => {
  const v = (key: string, errors: number, warnings = 0, extra: Partial<VisitSummary> = {}): VisitSummary => ({ key, label: `Visit ${key}`, history: false, entries: 2, errors, warnings, checked: true, ...extra });

  // From a review with screenshots: the panel opened on the AM session's green "Ready to bill"
  // while the PM session had an error; the list of visits was ~1,000 px down the panel.
  it('under a clean visit, says another has an error and goes to it in one click', async () => {
    const onPick = vi.fn();
    render(<VisitNav all={[v('v1', 0), v('v2', 1), v('h', 0, 0, { history: true })]} shown="v1" onPick={onPick} />);
    const nav = screen.getByRole('navigation', { name: 'Visits on this page' });
    expect(nav.textContent).toBe('Visit 1 of 2 · 1 other visit has problems (1 with errors) Next with problems ›');
    await userEvent.click(within(nav).getByRole('button', { name: 'Next with problems ›' }));
    expect(onPick).toHaveBeenCalledWith('v2');
  });

  it('goes round the page to the next visit with problems after this one', async () => {
    const onPick = vi.fn();
    render(<VisitNav all={[v('v1', 0, 2), v('v2', 0), v('v3', 1), v('v4', 0)]} shown="v3" onPick={onPick} />);
    expect(screen.getByRole('navigation').textContent).toMatch(/^Visit 3 of 4 · 1 other visit has problems Next/);
    await userEvent.click(screen.getByRole('button', { name: /Next with problems/ }));
    expect(onPick).toHaveBeenCalledWith('v1');
  });

  it('says the others are OK, or not checked yet; nothing on a page of one visit', () => {
    const { unmount } = render(<VisitNav all={[v('v1', 1), v('v2', 0), v('v3', 0)]} shown="v1" onPick={vi.fn()} />);
    expect(screen.getByRole('navigation').textContent).toBe('Visit 1 of 3 · the other 2 visits are OK');
    unmount();
    render(<VisitNav all={[v('v1', 0), v('v2', 0, 0, { checked: false })]} shown="v1" onPick={vi.fn()} />);
    expect(screen.getByRole('navigation').textContent).toBe('Visit 1 of 2 · 1 other visit not checked yet');
    cleanup();
    render(<VisitNav all={[v('v1', 1)]} shown="v1" onPick={vi.fn()} />);
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});
