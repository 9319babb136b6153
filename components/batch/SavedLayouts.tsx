import { useRef } from 'react';

// The export layouts saved in this browser, and the way they travel to and from the command
// line (`npm run check -- --layouts FILE`) or another browser: one file format for both
// (lib/batch/layouts.ts LayoutsFile). A layout holds column names and the roles chosen, never a
// cell of an export.

export function SavedLayouts({ count, onDownload, onAdd, status, disabled }: { count: number; onDownload(): void; onAdd(file: File): void; status?: { text: string; error?: boolean }; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <section aria-labelledby="layouts-title" className="saved-layouts no-print">
      <h2 id="layouts-title">Saved layouts</h2>
      <p>
        {count ? `${count} export layout${count === 1 ? '' : 's'} saved in this browser.` : 'No export layout saved in this browser yet.'} The command line keeps its own in{' '}
        <code>~/.config/unitwise/layouts.json</code>, in the same format: download this browser&apos;s to use them there (<code>--layouts FILE</code>), or add that file here.
      </p>
      <p>
        <button type="button" disabled={disabled || !count} onClick={onDownload}>
          Download layouts file
        </button>{' '}
        <button type="button" disabled={disabled} onClick={() => input.current?.click()}>
          Add layouts from a file…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Layouts file to add"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onAdd(file);
          }}
        />
      </p>
      {status && (
        <p role={status.error ? 'alert' : 'status'} className={status.error ? 'error' : undefined}>
          {status.text}
        </p>
      )}
    </section>
  );
}
