import { useState } from 'react';

// Copy the claim and findings as text, or download them as CSV, for the biller.

export function ExportBar({ onCopy, onExport }: { onCopy(): Promise<void>; onExport(): void }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  return (
    <div className="buttons export">
      <button
        type="button"
        onClick={() =>
          void onCopy().then(
            () => setStatus({ ok: true, text: 'Copied the claim and findings.' }),
            (e: unknown) => setStatus({ ok: false, text: `Could not copy: ${(e as Error).message ?? e}` }),
          )
        }
      >
        Copy as text
      </button>
      <button
        type="button"
        onClick={() => {
          onExport();
          setStatus({ ok: true, text: 'Saved the CSV file.' });
        }}
      >
        Export CSV
      </button>
      {status && (
        <span role={status.ok ? 'status' : 'alert'} className={status.ok ? 'msg-ok' : 'msg-error'}>
          {status.text}
        </span>
      )}
    </div>
  );
}
