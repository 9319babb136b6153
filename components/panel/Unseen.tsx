import { frameOriginOf, isCanvasNote } from '@/lib/extract/unseen';
import { AllowSite, type AllowSiteProps } from './AllowSite';

// What the page shows that Unitwise cannot read, said where the user looks (not folded into
// the notes): a grid drawn on a canvas, and frames from sites not allowed yet, each with
// "Allow on <its site>" (the browser asks first; the page is checked again at once).

export interface UnseenProps {
  notes: readonly string[];
  /** Origins of the frames Unitwise already reads forms in: nothing to allow there. */
  reading: readonly string[];
  onAllow: AllowSiteProps['onAllow'];
  onOpenOptions(): void;
}

export function Unseen({ notes, reading, onAllow, onOpenOptions }: UnseenProps) {
  const canvas = notes.filter(isCanvasNote);
  const frames = notes.map(frameOriginOf).filter((o): o is string => !!o && !reading.includes(o));
  if (!canvas.length && !frames.length) return null;
  return (
    <section className="unseen" aria-labelledby="unseen-h">
      <h2 id="unseen-h">What Unitwise cannot see here</h2>
      {canvas.map((n) => (
        <p key={n}>{n}</p>
      ))}
      {frames.map((origin) => (
        <div key={origin}>
          <p>A frame on this page comes from {origin}. If the visit is in it, allow Unitwise on that site:</p>
          <AllowSite origin={origin} onAllow={onAllow} onOpenOptions={onOpenOptions} />
        </div>
      ))}
    </section>
  );
}
