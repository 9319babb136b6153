// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SitesSection, type SitesSectionProps } from '@/components/options/SitesSection';
import type { Site } from '@/lib/sites';

const SITES: Site[] = [
  { origin: 'http://127.0.0.1', pattern: 'http://127.0.0.1/*', builtIn: true },
  { origin: 'http://localhost', pattern: 'http://localhost/*', builtIn: true },
  { origin: 'https://ehr.example.com', pattern: 'https://ehr.example.com/*', builtIn: false },
];

function setup(props: Partial<SitesSectionProps> = {}) {
  const onAdd = vi.fn<SitesSectionProps['onAdd']>(async () => ({ ok: true }));
  const onRemove = vi.fn<SitesSectionProps['onRemove']>(async () => {});
  render(<SitesSection sites={SITES} onAdd={onAdd} onRemove={onRemove} {...props} />);
  return { user: userEvent.setup(), onAdd: (props.onAdd as typeof onAdd | undefined) ?? onAdd, onRemove: (props.onRemove as typeof onRemove | undefined) ?? onRemove };
}

const input = () => screen.getByRole('textbox', { name: 'EHR address' });
const addButton = () => screen.getByRole('button', { name: 'Add site' });

afterEach(cleanup);

describe('SitesSection', () => {
  it('says that access is asked per site and never for all sites', () => {
    setup();
    expect(screen.getByText(/asks for each site separately and never for all sites/)).toBeTruthy();
    expect(input().getAttribute('aria-describedby')).toContain(screen.getByText(/never for all sites/).id);
  });

  it('shows why a bad address is refused, on the input, and does not ask the browser', async () => {
    const { user, onAdd } = setup();
    await user.type(input(), 'file:///home/me/visit.html');
    await user.click(addButton());

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Local files cannot be added: enter the web address your EHR opens at (https://…).');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(input().getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(onAdd).not.toHaveBeenCalled();
    expect((input() as HTMLInputElement).value).toBe('file:///home/me/visit.html');
  });

  it('refuses an empty address and clears the error once the user types again', async () => {
    const { user, onAdd } = setup();
    await user.click(addButton());
    expect(screen.getByRole('alert').textContent).toMatch(/^Enter the address of your EHR/);
    await user.type(input(), 'e');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(input().getAttribute('aria-invalid')).toBeNull();
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('asks for a good address with the normalised origin and pattern, then clears the input', async () => {
    const { user, onAdd } = setup();
    await user.type(input(), 'EHR.Clinic.example/visits/42?tab=billing');
    await user.click(addButton());

    expect(onAdd).toHaveBeenCalledExactlyOnceWith('https://ehr.clinic.example', 'https://ehr.clinic.example/*');
    expect((input() as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('Added https://ehr.clinic.example.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('submits with Enter too, and says a port-specific address covers the whole host', async () => {
    const { user, onAdd } = setup();
    await user.type(input(), 'http://10.0.0.5:8080{Enter}');
    expect(onAdd).toHaveBeenCalledExactlyOnceWith('http://10.0.0.5:8080', 'http://10.0.0.5/*');
    expect(screen.getByRole('status').textContent).toBe('Added http://10.0.0.5 (every port on that host).');
  });

  it('says access was not granted when the user declines the browser prompt, and keeps the address', async () => {
    const onAdd = vi.fn<SitesSectionProps['onAdd']>(async () => ({ ok: false }));
    const { user } = setup({ onAdd });
    await user.type(input(), 'ehr.clinic.example');
    await user.click(addButton());

    expect(onAdd).toHaveBeenCalledOnce();
    expect(screen.getByRole('alert').textContent).toBe('Access to https://ehr.clinic.example was not granted.');
    expect(input().getAttribute('aria-invalid')).toBeNull();
    expect((input() as HTMLInputElement).value).toBe('ehr.clinic.example');
  });

  it('shows the reason when the request fails', async () => {
    const onAdd = vi.fn<SitesSectionProps['onAdd']>(async () => {
      throw new Error('permissions.request may only be called from a user input handler');
    });
    const { user } = setup({ onAdd });
    await user.type(input(), 'ehr.clinic.example{Enter}');
    expect(screen.getByRole('alert').textContent).toBe(
      'Access to https://ehr.clinic.example was not granted: permissions.request may only be called from a user input handler',
    );
  });

  it('does not ask again for a site already on the list', async () => {
    const { user, onAdd } = setup();
    await user.type(input(), 'http://127.0.0.1:4580/flowsheet.html{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('http://127.0.0.1 is already on the list (built in).');
    await user.clear(input());
    await user.type(input(), 'https://ehr.example.com/x{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('https://ehr.example.com is already on the list.');
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('disables Add while the browser prompt is open', async () => {
    let answer: (r: { ok: boolean }) => void = () => {};
    const onAdd = vi.fn<SitesSectionProps['onAdd']>(() => new Promise((resolve) => (answer = resolve)));
    const { user } = setup({ onAdd });
    await user.type(input(), 'ehr.clinic.example{Enter}');
    expect((addButton() as HTMLButtonElement).disabled).toBe(true);
    await user.type(input(), '{Enter}');
    expect(onAdd).toHaveBeenCalledOnce();
    answer({ ok: true });
    await vi.waitFor(() => expect((addButton() as HTMLButtonElement).disabled).toBe(false));
  });

  it('lists the sites; Remove calls onRemove with the pattern; built-in sites have no Remove', async () => {
    const { user, onRemove } = setup();
    const items = within(screen.getByRole('list', { name: 'Sites Unitwise runs on' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['http://127.0.0.1 built in (demo/dev)', 'http://localhost built in (demo/dev)', 'https://ehr.example.com Remove']);
    expect(within(items[0]!).queryByRole('button')).toBeNull();
    expect(within(items[1]!).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove http://localhost' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Remove https://ehr.example.com' }));
    expect(onRemove).toHaveBeenCalledExactlyOnceWith('https://ehr.example.com/*');
  });

  it('shows text as text: an origin with markup is not parsed as HTML', () => {
    setup({ sites: [{ origin: 'https://<img src=x onerror=alert(1)>', pattern: 'https://evil/*', builtIn: false }] });
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('https://<img src=x onerror=alert(1)>')).toBeTruthy();
  });
});
