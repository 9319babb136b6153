import type { SavedLayout } from '@/lib/batch/layouts';

// Saving how this export's columns are read, for the next file laid out the same way (the
// same format and header). What is saved is the header (as keys) and the roles chosen: never a
// value from the file (lib/batch/layouts.ts).

export function LayoutBar({ saved, justSaved, changed, onSave, onForget, disabled }: { saved?: SavedLayout; justSaved: boolean; changed: boolean; onSave(): void; onForget(): void; disabled?: boolean }) {
  if (justSaved && saved) {
    return (
      <p className="layout-bar" role="status">
        Saved: the next file with these columns is read this way. Only the header and your choices are kept, no data from the file.
      </p>
    );
  }
  if (!saved && !changed) return null;
  return (
    <p className="layout-bar no-print">
      {saved && (
        <>
          Read with the layout you saved on {saved.savedAt} for files with these columns.{' '}
          <button type="button" disabled={disabled} onClick={onForget}>
            Forget this layout
          </button>{' '}
        </>
      )}
      {changed && (
        <button type="button" disabled={disabled} onClick={onSave}>
          {saved ? 'Save these changes to the layout' : 'Save this reading for files laid out like this'}
        </button>
      )}
    </p>
  );
}
