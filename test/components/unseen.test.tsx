// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Unseen } from '@/components/panel/Unseen';
import { frameNote } from '@/lib/extract/unseen';

afterEach(cleanup);

describe('What Unitwise cannot see here', () => {
  const canvas = 'Part of this page is drawn on a canvas (900×400 px): Unitwise cannot read what is drawn there. If the visit\'s lines are in it, check them by hand.';

  it('says a canvas grid cannot be read, and offers to allow a frame’s site; the request is asked for that site', async () => {
    const onAllow = vi.fn().mockResolvedValue({ ok: true, checking: true });
    render(<Unseen notes={['Row 1 minutes were read from the free text.', canvas, frameNote('https://billing.example.com')]} reading={[]} onAllow={onAllow} onOpenOptions={() => {}} />);
    expect(screen.getByRole('heading', { name: 'What Unitwise cannot see here' })).toBeTruthy();
    expect(screen.getByText(/drawn on a canvas \(900×400 px\)/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Allow on https://billing.example.com' }));
    expect(onAllow).toHaveBeenCalledWith('https://billing.example.com', 'https://billing.example.com/*');
    expect((await screen.findByRole('status')).textContent).toMatch(/Allowed on https:\/\/billing\.example\.com\. Checking this page/);
  });

  it('a frame Unitwise already reads a form in is not offered; nothing unseen, nothing shown', () => {
    const { container } = render(<Unseen notes={[frameNote('https://billing.example.com')]} reading={['https://billing.example.com']} onAllow={vi.fn()} onOpenOptions={() => {}} />);
    expect(container.textContent).toBe('');
  });
});
