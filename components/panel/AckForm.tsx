import { useState } from 'react';

// Override a finding for this visit, with the reason a biller will read later. Esc or Cancel
// closes it; the card puts the focus back where the user was (onClose).

export function AckForm({ id, subject, onSave, onClose }: { id: string; subject: string; onSave(reason: string): void; onClose(): void }) {
  const [reason, setReason] = useState('');
  return (
    <form
      id={id}
      className="ack-form"
      aria-label={`Acknowledge ${subject}`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onClose();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onSave(reason.trim());
      }}
    >
      <label>
        Reason (kept for this visit only)
        <input value={reason} maxLength={500} required autoFocus onChange={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="submit" aria-label={`Save acknowledgement: ${subject}`}>
        Save
      </button>
      <button type="button" aria-label={`Cancel acknowledgement: ${subject}`} onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
