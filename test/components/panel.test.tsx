// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { evaluate } from '../../lib/rules/evaluate';
import { claimRows, findingKey, verdict } from '../../lib/report';
import type { Visit } from '../../lib/model';
import { Summary } from '../../components/panel/Summary';
import { ClaimTable } from '../../components/panel/ClaimTable';
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
  it('shows the payer, the method and why, the totals and the verdict', () => {
    render(<Summary visit={visit} evaluation={evaluation} verdict={verdict(evaluation, [])} />);
    expect(screen.getByRole('status').textContent).toMatch(/problems? to check \(1 error/);
    expect(document.body.textContent).toMatch(/Medicare Part B/);
    expect(document.body.textContent).toMatch(/CMS 8-minute rule.*Medicare payer "Medicare Part B"/);
    expect(document.body.textContent).toMatch(/47 min → 3 units/);
  });
});

describe('ClaimTable', () => {
  it('lists the suggested lines and marks what the form has differently', () => {
    render(<ClaimTable rows={claimRows(visit, evaluation)} names={names} />);
    const table = screen.getByRole('table', { name: 'Suggested claim lines' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-code'))).toEqual(['97112', '97110']);
    expect(rows[0]!.className).not.toMatch(/differs/);
    expect(rows[1]!.className).toMatch(/differs/);
    expect(within(rows[1]!).getByText('2', { selector: 'mark' })).toBeTruthy();
    expect(rows[1]!.textContent).toMatch(/differs from the suggestion/);
  });
});

describe('FindingGroups', () => {
  const props = () => ({ findings: evaluation.findings, acks: [], dataText: 'built-in', onReveal: vi.fn(), onAcknowledge: vi.fn(), onUnacknowledge: vi.fn() });

  it('groups by severity with message, what to do and source, page text as text', () => {
    render(<FindingGroups {...props()} />);
    const errors = screen.getByRole('list', { name: 'Errors' });
    expect(within(errors).getAllByRole('listitem')[0]!.textContent).toMatch(/units\.over-billed.*Source: CMS/s);
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows a field on the page and acknowledges a finding with a reason', async () => {
    const p = props();
    render(<FindingGroups {...p} />);
    const item = within(screen.getByRole('list', { name: 'Errors' })).getAllByRole('listitem')[0]!;
    await userEvent.click(within(item).getByRole('button', { name: 'Show on page' }));
    expect(p.onReveal).toHaveBeenCalledWith(expect.stringMatching(/^r\d:/));
    await userEvent.click(within(item).getByRole('button', { name: 'Acknowledge…' }));
    await userEvent.type(within(item).getByLabelText(/Reason/), 'Payer contract allows it');
    await userEvent.click(within(item).getByRole('button', { name: 'Save' }));
    expect(p.onAcknowledge).toHaveBeenCalledWith(expect.objectContaining({ rule: 'units.over-billed' }), 'Payer contract allows it');
  });

  it('an acknowledged finding moves to its own group with the reason, and can be undone', async () => {
    const f = evaluation.findings.find((x) => x.rule === 'units.over-billed')!;
    const p = { ...props(), acks: [{ key: findingKey(f), rule: f.rule, reason: 'checked with the therapist', at: 0 }] };
    render(<FindingGroups {...p} />);
    const acked = screen.getByRole('list', { name: 'Acknowledged' });
    expect(acked.textContent).toMatch(/Acknowledged: checked with the therapist/);
    expect(screen.queryByRole('list', { name: 'Errors' })?.textContent ?? '').not.toMatch(/units\.over-billed/);
    await userEvent.click(within(acked).getByRole('button', { name: 'Undo acknowledgement' }));
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

  it('no form found offers teach mode; a site not enabled offers Options', async () => {
    const onTeach = vi.fn();
    const onOpenOptions = vi.fn();
    const { rerender } = render(<EmptyState kind="no-form" origin="https://ehr.example.com" onTeach={onTeach} onOpenOptions={onOpenOptions} />);
    expect(screen.getByRole('status').textContent).toMatch(/No visit form found on this page \(https:\/\/ehr\.example\.com\)/);
    await userEvent.click(screen.getByRole('button', { name: 'Map this form' }));
    expect(onTeach).toHaveBeenCalled();
    rerender(<EmptyState kind="not-enabled" onTeach={onTeach} onOpenOptions={onOpenOptions} />);
    await userEvent.click(screen.getByRole('button', { name: 'Open Options' }));
    expect(onOpenOptions).toHaveBeenCalled();
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
