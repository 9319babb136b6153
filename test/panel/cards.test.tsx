// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { evaluate } from '../../lib/rules/evaluate';
import { findingKey } from '../../lib/report';
import type { Acknowledgement } from '../../lib/messages';
import type { Finding, Visit } from '../../lib/model';
import { FindingGroups } from '../../components/panel/FindingGroups';
import { NotesLine } from '../../components/panel/NotesLine';
import { AllowSite } from '../../components/panel/AllowSite';

// The cards by keyboard: the acknowledge form closes on Esc and gives the focus back to the
// button that opened it, Save leaves the focus on the card in its new place, every button
// has its own name; notes fold into one line; "Allow on this site" asks in the click.

afterEach(cleanup);

// 97112 and 97110 both over-billed (each code on its own: 24 min → 2, 23 min → 2 entered as 3),
// a code suggestion and a note: several cards naming the same codes.
const visit: Visit = {
  payer: 'Aetna',
  dateOfService: '2026-11-20',
  entries: [
    { code: '97112', label: 'Balance', minutes: 24, units: 3, modifiers: ['GP'], fieldKey: 'r0:minutes' },
    { code: '97110', label: 'Balance and proprioception drills', minutes: 23, units: 3, modifiers: ['GP'], fieldKey: 'r1:minutes' },
    { code: '97116', label: 'Gait', minutes: 4, modifiers: ['GP'], fieldKey: 'r2:minutes' },
  ],
};
const evaluation = evaluate(visit);
const problems = evaluation.findings.filter((f) => f.severity !== 'info');
const notes = evaluation.findings.filter((f) => f.severity === 'info');

/** FindingGroups with acknowledgements kept in state, as the panel keeps them. */
function Stateful({ onAck }: { onAck?: (f: Finding, reason: string) => void }) {
  const [acks, setAcks] = useState<Acknowledgement[]>([]);
  return (
    <FindingGroups
      findings={problems}
      acks={acks}
      dataText="built-in"
      onReveal={() => {}}
      // As in the panel, the acknowledgements come back later (from storage.session).
      onAcknowledge={(f, reason) => {
        onAck?.(f, reason);
        setTimeout(() => setAcks((a) => [...a, { key: findingKey(f), rule: f.rule, reason, at: 0 }]), 20);
      }}
      onUnacknowledge={(f) => setTimeout(() => setAcks((a) => a.filter((x) => x.key !== findingKey(f))), 20)}
    />
  );
}

describe('finding cards by keyboard', () => {
  it('has problems to show (the fixture is what the tests below need)', () => {
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(notes.length).toBeGreaterThanOrEqual(1);
  });

  it('every button and "Why?" has a name of its own', () => {
    render(<Stateful />);
    const names = [...screen.getAllByRole('button'), ...document.querySelectorAll('summary')].map((b) => b.getAttribute('aria-label') ?? b.textContent);
    expect(names.length).toBeGreaterThanOrEqual(problems.length * 3);
    expect(new Set(names).size).toBe(names.length);
  });

  it('Esc closes the acknowledge form and the focus goes back to the button that opened it; so does Cancel', async () => {
    const user = userEvent.setup();
    render(<Stateful />);
    const card = within(screen.getByRole('list', { name: 'Errors' })).getAllByRole('listitem')[0]!;
    const opener = within(card).getByRole('button', { name: /^Acknowledge…/ });
    expect(opener.getAttribute('aria-expanded')).toBe('false');
    await user.click(opener);
    expect(opener.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(within(card).getByLabelText(/Reason/));
    await user.keyboard('{Escape}');
    expect(within(card).queryByLabelText(/Reason/)).toBeNull();
    expect(document.activeElement).toBe(opener);

    await user.keyboard('{Enter}');
    await user.click(within(card).getByRole('button', { name: /^Cancel/ }));
    expect(within(card).queryByLabelText(/Reason/)).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('Save moves the card to the acknowledged ones, with the focus on its own button there', async () => {
    const user = userEvent.setup();
    const onAck = vi.fn();
    render(<Stateful onAck={onAck} />);
    const card = within(screen.getByRole('list', { name: 'Errors' })).getAllByRole('listitem')[0]!;
    const rule = card.getAttribute('data-rule');
    await user.click(within(card).getByRole('button', { name: /^Acknowledge…/ }));
    // An empty reason is not saved.
    await user.keyboard('{Enter}');
    expect(onAck).not.toHaveBeenCalled();
    await user.keyboard('Agreed with the therapist{Enter}');
    expect(onAck).toHaveBeenCalledWith(expect.objectContaining({ rule }), 'Agreed with the therapist');
    const acked = within(await screen.findByRole('list', { name: 'Acknowledged' })).getByRole('listitem');
    expect(acked.getAttribute('data-rule')).toBe(rule);
    expect(document.activeElement).toBe(within(acked).getByRole('button', { name: /^Undo acknowledgement/ }));
    // And back: the focus follows the card again.
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Acknowledged' })).toBeNull());
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Acknowledge…/);
    expect(document.activeElement?.closest('li')?.getAttribute('data-rule')).toBe(rule);
  });
});

describe('the primary action', () => {
  it("a visit's fact is shown without a line's field; a field the page does not have is said on the card", async () => {
    const payer: Finding = { rule: 'payer.missing', severity: 'warning', codes: [], fix: 'payer', message: 'No payer on the form.', source: 'test' };
    const onReveal = vi.fn().mockResolvedValue(false);
    render(<FindingGroups findings={[payer]} acks={[]} dataText="" onReveal={onReveal} onAcknowledge={() => {}} onUnacknowledge={() => {}} />);
    expect(screen.queryByRole('status')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /^Show payer field for / }));
    expect(onReveal).toHaveBeenCalledWith(payer);
    expect((await screen.findByRole('status')).textContent).toMatch(/That field is not on the page now/);
  });
});

describe('NotesLine', () => {
  it('folds the rules\' notes and the reader\'s notes into one closed line', () => {
    render(<NotesLine findings={notes} readerNotes={['Row 3 minutes were read from the free text.']} dataText="built-in" onReveal={() => {}} />);
    const details = screen.getByText(`${notes.length + 1} notes`).closest('details')!;
    expect(details.open).toBe(false);
    expect(within(details).getByRole('list', { name: 'Notes', hidden: true }).children).toHaveLength(notes.length);
    expect(details.textContent).toMatch(/How the form was read.*Row 3 minutes/s);
    // Notes are shown, never acknowledged: they do not hold up a claim.
    expect(details.textContent).not.toMatch(/Acknowledge/);
  });

  it('says nothing when there is nothing to note', () => {
    const { container } = render(<NotesLine findings={[]} readerNotes={[]} dataText="" onReveal={() => {}} />);
    expect(container.textContent).toBe('');
  });
});

describe('AllowSite', () => {
  it("with the tab's origin known: one click asks for that one site, then says the page is being checked", async () => {
    const onAllow = vi.fn().mockResolvedValue({ ok: true, checking: true });
    render(<AllowSite origin="http://ehr.example.com:8080" onAllow={onAllow} onOpenOptions={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Allow on http://ehr.example.com:8080' }));
    // The pattern has no port (lib/sites.ts: Firefox refuses one; Chrome's covers every port).
    expect(onAllow).toHaveBeenCalledExactlyOnceWith('http://ehr.example.com:8080', 'http://ehr.example.com/*');
    expect((await screen.findByRole('status')).textContent).toBe('Allowed on http://ehr.example.com:8080. Checking this page…');
  });

  it('with the origin unknown: the address typed is checked, then asked for; a refusal is said', async () => {
    const onAllow = vi.fn().mockResolvedValue({ ok: false });
    render(<AllowSite onAllow={onAllow} onOpenOptions={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Allow on this site' }));
    expect(onAllow).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/Enter the address of your EHR/);
    await userEvent.type(screen.getByLabelText('Site address'), 'https://EHR.example.com/visits/1{Enter}');
    expect(onAllow).toHaveBeenCalledExactlyOnceWith('https://ehr.example.com', 'https://ehr.example.com/*');
    expect((await screen.findByRole('alert')).textContent).toBe('Access to https://ehr.example.com was not granted.');
  });

  it('a site allowed whose page cannot be checked at once says to reload it', async () => {
    render(<AllowSite origin="https://ehr.example.com" onAllow={() => Promise.resolve({ ok: true, checking: false })} onOpenOptions={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: /^Allow on/ }));
    expect((await screen.findByRole('status')).textContent).toBe('Allowed on https://ehr.example.com. Reload the page to check it.');
  });
});
