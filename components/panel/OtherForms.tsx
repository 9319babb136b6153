import type { FrameForm } from '@/lib/messages';

// A page can hold forms in several frames (the page itself, a billing grid in a frame). The
// tab shows one: the page's own form first, else the biggest; the user can pick another here.
// Frames are named by their site and size only: nothing they contain is shown before picked.

function where(f: Pick<FrameForm, 'frameId' | 'origin' | 'entries'>): string {
  const lines = `${f.entries} ${f.entries === 1 ? 'line' : 'lines'}`;
  return f.frameId === 0 ? `the page's own form (${lines})` : `a form in a frame from ${f.origin || 'another site'} (${lines})`;
}

export function OtherForms({ frames, shown, pick, onPick }: { frames: FrameForm[]; shown: number | undefined; pick: number | null; onPick(frameId: number | null): void }) {
  const others = frames.filter((f) => f.frameId !== shown);
  if (!others.length && pick === null) return null;
  return (
    <section aria-labelledby="forms-h" className="notice other-forms">
      <h2 id="forms-h" className="small">Other forms on this page</h2>
      {shown !== undefined && <p>Checked here: {where(frames.find((f) => f.frameId === shown) ?? { frameId: shown, origin: '', entries: 0 })}.</p>}
      <ul>
        {others.map((f) => (
          <li key={f.frameId}>
            {where(f)}{' '}
            <button type="button" onClick={() => onPick(f.frameId)}>
              Check this form instead
            </button>
          </li>
        ))}
      </ul>
      {pick !== null && (
        <button type="button" onClick={() => onPick(null)}>
          Let Unitwise choose again
        </button>
      )}
    </section>
  );
}
