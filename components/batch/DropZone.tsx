import { useState, type DragEvent } from 'react';

// Where the biller gives the page an export: drop it, or pick it with the file button
// (keyboard users and screen readers use the button; the drop area is a convenience).

export function DropZone({ onFile, disabled }: { onFile(file: File): void; disabled?: boolean }) {
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p>Drop an export here (CSV, TSV, .xlsx, 837P, JSON), or</p>
      <input
        id="batch-file"
        type="file"
        className="visually-hidden"
        disabled={disabled}
        accept=".csv,.tsv,.tab,.txt,.psv,.xlsx,.xlsm,.xls,.ods,.json,.jsonl,.ndjson,.x12,.edi,.837"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
          // The same file can be picked again after a change on disk.
          e.currentTarget.value = '';
        }}
      />
      {/* After the input, so the shared style's `input:focus-visible + .file-button` shows keyboard focus. */}
      <label htmlFor="batch-file" className="file-button">
        Choose a file…
      </label>
      <p className="hint">The file is read in this browser tab only: nothing is sent or stored.</p>
    </div>
  );
}
