import { useId, useState, type FormEvent } from 'react';
import { parseSiteInput, type Site } from '@/lib/sites';

// Sites on the options page: which EHR origins Unitwise runs on. Adding one validates the
// address, then calls onAdd at once, inside the submit handler: the caller must call
// browser.permissions.request({ origins: [pattern] }) before awaiting anything else, since
// browsers only show the prompt during a user action.

export interface SitesSectionProps {
  sites: readonly Site[];
  /** Asks the browser for access to one site; ok: false when the user declined. */
  onAdd(origin: string, pattern: string): Promise<{ ok: boolean; error?: string }>;
  onRemove(pattern: string): Promise<void>;
}

type Message = { kind: 'invalid' | 'failed' | 'added'; text: string };

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function SitesSection({ sites, onAdd, onRemove }: SitesSectionProps) {
  const id = useId();
  const inputId = `${id}-address`;
  const hintId = `${id}-hint`;
  const messageId = `${id}-message`;
  const [address, setAddress] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsed = parseSiteInput(address);
    if (!parsed.ok) {
      setMessage({ kind: 'invalid', text: parsed.error });
      return;
    }
    const listed = sites.find((s) => s.pattern === parsed.pattern);
    if (listed) {
      setMessage({ kind: 'invalid', text: `${listed.origin} is already on the list${listed.builtIn ? ' (built in)' : ''}.` });
      return;
    }
    const covered = parsed.pattern.slice(0, -2);
    const granting = onAdd(parsed.origin, parsed.pattern);
    setBusy(true);
    setMessage(null);
    granting
      .then(
        (result) => {
          if (result.ok) {
            setAddress('');
            const ports = covered === parsed.origin ? '' : ' (every port on that host)';
            setMessage({ kind: 'added', text: `Added ${covered}${ports}.` });
          } else {
            setMessage({ kind: 'failed', text: `Access to ${parsed.origin} was not granted${result.error ? `: ${result.error}` : '.'}` });
          }
        },
        (error: unknown) => setMessage({ kind: 'failed', text: `Access to ${parsed.origin} was not granted: ${reason(error)}` }),
      )
      .finally(() => setBusy(false));
  }

  function remove(site: Site) {
    setMessage(null);
    onRemove(site.pattern).catch((error: unknown) => setMessage({ kind: 'failed', text: `Could not remove ${site.origin}: ${reason(error)}` }));
  }

  const invalid = message?.kind === 'invalid';
  return (
    <section className="sites" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Sites</h2>
      <p id={hintId}>
        Unitwise reads visit forms only on the sites listed here. When you add a site, your browser asks you to allow access to that one site:
        Unitwise asks for each site separately and never for all sites.
      </p>
      <form className="site-add" onSubmit={submit} noValidate>
        <label htmlFor={inputId}>EHR address</label>
        <input
          id={inputId}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="ehr.example.com"
          value={address}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${messageId} ${hintId}` : hintId}
          onChange={(e) => {
            setAddress(e.currentTarget.value);
            if (invalid) setMessage(null);
          }}
        />
        <button type="submit" disabled={busy}>
          Add site
        </button>
      </form>
      {message && (
        <p id={messageId} role={message.kind === 'added' ? 'status' : 'alert'} className={message.kind === 'added' ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
      <ul className="site-list" aria-label="Sites Unitwise runs on">
        {sites.map((site) => (
          <li key={site.pattern}>
            <span className="site-origin">{site.origin}</span>{' '}
            {site.builtIn ? (
              <small className="site-builtin">built in (demo/dev)</small>
            ) : (
              <button type="button" aria-label={`Remove ${site.origin}`} onClick={() => remove(site)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
