// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataPackSection, type DataInForce, type DataPackSectionProps, type ImportOutcome } from '@/components/options/DataPackSection';
import type { ImportProgress, ImportSummary } from '@/lib/import/browser-import';

const BUILT_IN: DataInForce = {
  version: 'built-in 2026.11-starter (starter PTP 2026.11-starter, starter MUE 2017-snapshot)',
  builtIn: true,
  tables: [
    { name: 'catalog', version: '2026.11', effective: { from: '2026-01-01', to: null }, starter: false },
    { name: 'ptp', version: '2026.11-starter', effective: { from: '2020-10-01', to: '2026-12-31' }, starter: true },
    { name: 'mue', version: '2017-snapshot', effective: { from: '2017-01-01', to: null }, starter: true },
  ],
};
const IMPORTED: DataInForce = {
  version: 'data pack cms-ptp-v322r0+mue-2026-07-01 + catalog 2026.11',
  builtIn: false,
  tables: [
    { name: 'catalog', version: '2026.11', effective: { from: '2026-01-01', to: null }, starter: false },
    { name: 'ptp', version: 'cms-ptp-v322r0+mue-2026-07-01', effective: { from: '2026-07-01', to: null }, starter: false },
    { name: 'mue', version: 'cms-ptp-v322r0+mue-2026-07-01', effective: { from: '2026-07-01', to: null }, starter: false },
  ],
};

const SUMMARY: ImportSummary = {
  version: 'cms-ptp-v322r0+mue-2026-07-01',
  effective: { from: '2026-07-01', to: null },
  previousVersion: BUILT_IN.version,
  files: [],
  ptp: { added: 1234, removed: 5, changed: 12, unchanged: 3, source: 'imported' },
  mue: { added: 4, removed: 8, changed: 0, unchanged: 1, source: 'imported' },
  problems: ['ccipra-v322r0-f1.TXT:18: effective date "2020013" is not a YYYYMMDD date', '<img src=x onerror=alert(1)>'],
  problemCount: 2,
  text: '1,234 pairs added, 5 removed, 12 changed; MUE: 4 codes added, 8 removed, 0 changed; 2 problems',
};

function setup(props: Partial<DataPackSectionProps> = {}) {
  const onImport = vi.fn<DataPackSectionProps['onImport']>(async () => ({ ok: true, summary: SUMMARY }));
  const onUseBuiltIn = vi.fn<DataPackSectionProps['onUseBuiltIn']>(async () => {});
  const view = render(<DataPackSection current={BUILT_IN} onImport={onImport} onUseBuiltIn={onUseBuiltIn} {...props} />);
  return { user: userEvent.setup(), onImport, onUseBuiltIn, ...view };
}

const fileInput = () => screen.getByLabelText<HTMLInputElement>(/Import CMS files/);
const cmsFiles = () => [
  new File(['Column1/Column2 Edits'], 'ccipra-v322r0-f1.TXT', { type: 'text/plain' }),
  new File(['"HCPCS/\nCPT Code",'], 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv', { type: 'text/csv' }),
];

afterEach(cleanup);

describe('DataPackSection', () => {
  it('shows the built-in data in force, each table with its dates, and says the PTP and MUE tables are starter sets', () => {
    setup();
    expect(screen.getByRole('heading', { name: 'Rule data' })).toBeTruthy();
    expect(screen.getByText(/In force:/).textContent).toBe(`In force: built-in data, version ${BUILT_IN.version}.`);
    expect(screen.getByText(/starter sets from public sources, not the CMS tables/).textContent).toMatch(/^The built-in PTP pair table and MUE table are starter sets/);
    const tables = within(screen.getByRole('list', { name: 'Tables in force' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(tables).toEqual([
      'Code catalog: 2026.11, effective from 2026-01-01, no end date',
      'NCCI PTP pairs: 2026.11-starter, effective 2020-10-01 to 2026-12-31 (starter set)',
      'MUE daily limits: 2017-snapshot, effective from 2017-01-01, no end date (starter set)',
    ]);
    expect(screen.queryByRole('button', { name: 'Use built-in data' })).toBeNull();
  });

  it('takes several .txt/.csv files, says zips are not supported, and is labelled', () => {
    setup();
    const input = fileInput();
    expect(input.type).toBe('file');
    expect(input.multiple).toBe(true);
    expect(input.accept).toBe('.txt,.TXT,.csv');
    expect(input.disabled).toBe(false);
    const hint = document.getElementById(input.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).toMatch(/Zip files are not supported: unzip them first/);
  });

  it('imports the chosen files: a labelled progress bar while it runs, then the summary in a status region', async () => {
    let progress: ImportProgress | undefined;
    let finish: (o: ImportOutcome) => void = () => {};
    const onImport = vi.fn<DataPackSectionProps['onImport']>((_files, onProgress) => {
      progress = onProgress;
      return new Promise((resolve) => (finish = resolve));
    });
    const { user } = setup({ onImport });
    const files = cmsFiles();
    await user.upload(fileInput(), files);

    expect(onImport).toHaveBeenCalledTimes(1);
    expect(onImport.mock.calls[0]![0].map((f) => f.name)).toEqual(files.map((f) => f.name));
    const bar = screen.getByRole('progressbar', { name: 'Importing CMS files' }) as HTMLProgressElement;
    expect(bar.max).toBe(2);
    expect(fileInput().disabled).toBe(true); // no second import while one runs

    act(() => progress!(1, 2, 'ccipra-v322r0-f1.TXT'));
    expect(bar.value).toBe(1);
    expect(screen.getByRole('status').textContent).toBe('Read 1 of 2 files (ccipra-v322r0-f1.TXT).');

    await act(async () => finish({ ok: true, summary: SUMMARY }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Imported cms-ptp-v322r0+mue-2026-07-01, effective from 2026-07-01, no end date.');
    expect(status.textContent).toContain('1,234 pairs added, 5 removed, 12 changed; MUE: 4 codes added, 8 removed, 0 changed; 2 problems');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fileInput().disabled).toBe(false);
  });

  it('lists the problems as text: markup in a file is never rendered', async () => {
    const { user, container } = setup();
    await user.upload(fileInput(), cmsFiles());
    const problems = await screen.findByText('Problems in the files (2)');
    const items = within(problems.closest('details')!).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(SUMMARY.problems);
    expect(container.querySelector('img')).toBeNull();
  });

  it('shows a refused import in an alert, with the problems that explain it', async () => {
    const onImport = vi.fn<DataPackSectionProps['onImport']>(async () => ({
      ok: false,
      error: 'notes.txt: not recognised as a CMS practitioner PTP file',
      problems: ['notes.txt: not recognised as a CMS practitioner PTP file'],
    }));
    const { user } = setup({ onImport });
    await user.upload(fileInput(), [new File(['hello'], 'notes.txt', { type: 'text/plain' })]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Nothing was imported: notes.txt: not recognised as a CMS practitioner PTP file');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('an onImport that rejects is an alert too, not an unhandled error', async () => {
    const { user } = setup({ onImport: async () => Promise.reject(new Error('storage quota exceeded')) });
    await user.upload(fileInput(), cmsFiles());
    expect((await screen.findByRole('alert')).textContent).toBe('Nothing was imported: storage quota exceeded');
  });

  it('offers "Use built-in data" only for an imported pack, and calls onUseBuiltIn', async () => {
    const { user, onUseBuiltIn, rerender, onImport } = setup({ current: IMPORTED });
    expect(screen.getByText(/In force:/).textContent).toBe(`In force: imported CMS data, version ${IMPORTED.version}.`);
    expect(screen.queryByText(/starter set/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Use built-in data' }));
    expect(onUseBuiltIn).toHaveBeenCalledTimes(1);
    rerender(<DataPackSection current={BUILT_IN} onImport={onImport} onUseBuiltIn={onUseBuiltIn} />);
    expect(screen.queryByRole('button', { name: 'Use built-in data' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Now using the built-in data.');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Rule data' }));
  });

  it('locked: the import and "Use built-in data" are disabled, with a note that the administrator sets the data', async () => {
    const { user, onImport, onUseBuiltIn } = setup({ current: IMPORTED, locked: true });
    expect(screen.getByText(/set by your administrator/)).toBeTruthy();
    expect(fileInput().disabled).toBe(true);
    const button = screen.getByRole('button', { name: 'Use built-in data' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await user.click(button);
    await user.upload(fileInput(), cmsFiles());
    expect(onUseBuiltIn).not.toHaveBeenCalled();
    expect(onImport).not.toHaveBeenCalled();
  });

  it('says nothing of an administrator when not locked', () => {
    setup({ current: IMPORTED });
    expect(screen.queryByText(/administrator/)).toBeNull();
  });
});
