// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OtherForms } from '../../components/panel/OtherForms';

// Several frames with forms: the panel says which one it checks and offers the others, named
// by origin and size only (nothing they hold is shown before the user picks one).

afterEach(cleanup);

const top = { frameId: 0, token: 'a', origin: 'http://ehr.example', entries: 2, source: 'generic' as const };
const frame = { frameId: 6, token: 'b', origin: 'https://billing.example', entries: 4, source: 'generic' as const };

describe('OtherForms', () => {
  it('nothing when the page has one form', () => {
    const { container } = render(<OtherForms frames={[top]} shown={0} pick={null} onPick={() => {}} />);
    expect(container.textContent).toBe('');
  });

  it('names the form checked and offers the other; a pick can be undone', async () => {
    const onPick = vi.fn();
    const { rerender } = render(<OtherForms frames={[top, frame]} shown={0} pick={null} onPick={onPick} />);
    const region = screen.getByRole('region', { name: 'Other forms on this page' });
    expect(region.textContent).toMatch(/Checked here: the page's own form \(2 lines\)/);
    expect(region.textContent).toMatch(/a form in a frame from https:\/\/billing\.example \(4 lines\)/);
    await userEvent.click(screen.getByRole('button', { name: 'Check this form instead' }));
    expect(onPick).toHaveBeenCalledWith(6);
    rerender(<OtherForms frames={[top, frame]} shown={6} pick={6} onPick={onPick} />);
    expect(screen.getByRole('region').textContent).toMatch(/Checked here: a form in a frame from https:\/\/billing\.example/);
    await userEvent.click(screen.getByRole('button', { name: 'Let Unitwise choose again' }));
    expect(onPick).toHaveBeenLastCalledWith(null);
  });
});
