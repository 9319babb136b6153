import { useId, useState } from 'react';
import type { SiteProfile } from '@/lib/site-profiles';

// Site mappings, in the side panel (start teach mode on the page) and in Options (rename,
// export): import a mapping file, see, rename or delete the saved ones. The page's own
// origin's mappings come first.

export interface MappingStatus {
  kind: 'ok' | 'error';
  text: string;
}

export interface SiteMappingsProps {
  profiles: readonly SiteProfile[];
  /** Mappings pushed by an administrator: listed, not editable. */
  managed?: readonly SiteProfile[];
  /** The origin of the page in the tab the panel follows, when known. */
  origin?: string;
  status?: MappingStatus;
  /** Teach mode needs a page: only the side panel offers it. */
  onTeach?: () => void;
  canTeach?: boolean;
  onImport(file: File): void;
  onDelete(profile: SiteProfile): void;
  onRename?: (profile: SiteProfile, newName: string) => void;
  onExport?: () => void;
}

function MappingItem({ profile, here, onDelete, onRename }: { profile: SiteProfile; here: boolean; onDelete?: () => void; onRename?: (name: string) => void }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(profile.name);
  return (
    <li>
      {renaming && onRename ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim() && name.trim() !== profile.name) onRename(name.trim());
            setRenaming(false);
          }}
        >
          <label>
            New name
            <input value={name} maxLength={200} required autoFocus onChange={(e) => setName(e.currentTarget.value)} />
          </label>
          <button type="submit">Save</button>
          <button
            type="button"
            onClick={() => {
              setName(profile.name);
              setRenaming(false);
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <>
          <strong>{profile.name}</strong> <small>{profile.origin}</small>
          {here && <small> · this site</small>}{' '}
          {onRename && (
            <button type="button" aria-label={`Rename mapping ${profile.name}`} onClick={() => setRenaming(true)}>
              Rename
            </button>
          )}{' '}
          {onDelete ? (
            <button type="button" aria-label={`Delete mapping ${profile.name}`} onClick={onDelete}>
              Delete
            </button>
          ) : (
            <small className="locked"> 🔒 set by your administrator</small>
          )}
        </>
      )}
    </li>
  );
}

export function SiteMappings({ profiles, managed = [], origin, status, onTeach, canTeach, onImport, onDelete, onRename, onExport }: SiteMappingsProps) {
  const inputId = useId();
  const byHere = (a: SiteProfile, b: SiteProfile) => Number(b.origin === origin) - Number(a.origin === origin);
  const sorted = [...profiles].sort(byHere);
  return (
    <section aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`}>Site mappings</h2>
      <p>
        Unitwise finds most visit forms by itself. When it misses one, map it once: click <em>Map this form</em> in the side panel, then click the
        fields of one row on the page (shortcut: Alt+Shift+M). A mapping keeps where the fields are, never what they hold.
      </p>
      <div className="buttons">
        {onTeach && (
          <button type="button" onClick={onTeach} disabled={!canTeach}>
            Map this form
          </button>
        )}
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
        {onExport && profiles.length > 0 && (
          <button type="button" onClick={onExport}>
            Export mappings
          </button>
        )}
      </div>
      {status && (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={`msg-${status.kind}`}>
          {status.text}
        </p>
      )}
      {sorted.length + managed.length === 0 ? (
        <p>No mappings saved.</p>
      ) : (
        <ul aria-label="Saved mappings">
          {[...managed].sort(byHere).map((p) => (
            <MappingItem key={`managed ${p.origin} ${p.name}`} profile={p} here={p.origin === origin} />
          ))}
          {sorted.map((p) => (
            <MappingItem key={`${p.origin} ${p.name}`} profile={p} here={p.origin === origin} onDelete={() => onDelete(p)} onRename={onRename && ((name) => onRename(p, name))} />
          ))}
        </ul>
      )}
    </section>
  );
}
