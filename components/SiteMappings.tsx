import { useId } from 'react';
import type { SiteProfile } from '@/lib/site-profiles';

// Site mappings in the side panel: start teach mode on the page, import a mapping file, and
// see or delete the saved ones. The page's own origin's mappings come first.

export interface MappingStatus {
  kind: 'ok' | 'error';
  text: string;
}

export interface SiteMappingsProps {
  profiles: readonly SiteProfile[];
  /** The origin of the page in the tab the panel follows, when known. */
  origin?: string;
  canTeach: boolean;
  status?: MappingStatus;
  onTeach(): void;
  onImport(file: File): void;
  onDelete(profile: SiteProfile): void;
}

export function SiteMappings({ profiles, origin, canTeach, status, onTeach, onImport, onDelete }: SiteMappingsProps) {
  const inputId = useId();
  const sorted = [...profiles].sort((a, b) => Number(b.origin === origin) - Number(a.origin === origin));
  return (
    <section aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`}>Site mappings</h2>
      <p>
        Unitwise finds most visit forms by itself. When it misses one, map it once: click <em>Map this form</em>, then click the fields of one row
        on the page (shortcut: Alt+Shift+M).
      </p>
      <div className="buttons">
        <button type="button" onClick={onTeach} disabled={!canTeach}>
          Map this form
        </button>
        <input
          id={inputId}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) onImport(file);
            e.currentTarget.value = '';
          }}
        />
        <label className="file-button" htmlFor={inputId}>
          Import mapping…
        </label>
      </div>
      {status && (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={`msg-${status.kind}`}>
          {status.text}
        </p>
      )}
      {sorted.length === 0 ? (
        <p>No mappings saved.</p>
      ) : (
        <ul aria-label="Saved mappings">
          {sorted.map((p) => (
            <li key={`${p.origin} ${p.name}`}>
              <strong>{p.name}</strong> <small>{p.origin}</small>
              {p.origin === origin && <small> · this site</small>}{' '}
              <button type="button" aria-label={`Delete mapping ${p.name}`} onClick={() => onDelete(p)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
