import { useId, useState, type FormEvent } from 'react';
import { parseSiteInput } from '@/lib/sites';

// "Allow on this site" from the panel, without a trip to Options. onAllow must call
// browser.permissions.request at once (no await before it): the browser shows its prompt only
// during the click. The browser tells Unitwise a tab's address only on sites it may read, so
// when the origin is unknown the user types it (the address bar shows it).

export type AllowResult = { ok: true; checking: boolean } | { ok: false; error?: string };

export interface AllowSiteProps {
  /** The tab's origin, when the browser told it. */
  origin?: string;
  onAllow(origin: string, pattern: string): Promise<AllowResult>;
  onOpenOptions(): void;
}

type Message = { kind: 'ok' | 'error'; text: string };

export function AllowSite({ origin, onAllow, onOpenOptions }: AllowSiteProps) {
  const id = useId();
  const [address, setAddress] = useState('');
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);

  const allow = (site: { origin: string; pattern: string }) => {
    const asked = onAllow(site.origin, site.pattern);
    setBusy(true);
    setMessage(undefined);
    asked
      .then(
        (r) =>
          setMessage(
            r.ok
              ? { kind: 'ok', text: r.checking ? `Allowed on ${site.origin}. Checking this page…` : `Allowed on ${site.origin}. Reload the page to check it.` }
              : { kind: 'error', text: `Access to ${site.origin} was not granted${r.error ? `: ${r.error}` : '.'}` },
          ),
        (e: unknown) => setMessage({ kind: 'error', text: `Access to ${site.origin} was not granted: ${e instanceof Error ? e.message : String(e)}` }),
      )
      .finally(() => setBusy(false));
  };

  const known = origin ? parseSiteInput(origin) : undefined;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = parseSiteInput(address);
    if (!parsed.ok) return setMessage({ kind: 'error', text: parsed.error });
    allow(parsed);
  };

  return (
    <div className="allow">
      {known?.ok ? (
        <button type="button" className="primary" disabled={busy} onClick={() => allow(known)}>
          Allow on {known.origin}
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <p id={`${id}-hint`}>The browser shows Unitwise this tab's address only on sites it may read: type the address shown in the address bar.</p>
          <label htmlFor={`${id}-address`}>Site address</label>
          <div className="buttons">
            <input
              id={`${id}-address`}
              type="text"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="ehr.example.com"
              value={address}
              aria-describedby={`${id}-hint`}
              onChange={(e) => setAddress(e.currentTarget.value)}
            />
            <button type="submit" className="primary" disabled={busy}>
              Allow on this site
            </button>
          </div>
        </form>
      )}
      {message && (
        <p role={message.kind === 'ok' ? 'status' : 'alert'} className={`msg-${message.kind}`}>
          {message.text}
        </p>
      )}
      <p>
        Or manage every site in{' '}
        <button type="button" className="link" onClick={onOpenOptions}>
          Options → Sites
        </button>
        .
      </p>
    </div>
  );
}
