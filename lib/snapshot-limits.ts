// What one frame's snapshot may carry, shared by the content script (which trims to it) and
// the background's schema (which checks it). No zod here: the content script imports this.
//
// A page decides how much it shows; Unitwise decides how much it sends. Anything past a limit
// is cut with a note saying so, never sent whole to be refused: a refused snapshot would leave
// the side panel showing the previous answer without a word.

export const SNAPSHOT_LIMITS = {
  /** Reader notes per snapshot; the last one says how many more there were. */
  notes: 20,
  /** Characters per note. */
  noteChars: 300,
} as const;

/** At most SNAPSHOT_LIMITS.notes notes of at most noteChars each, the last saying how many were left out. */
export function fitNotes(notes: readonly string[]): string[] {
  const { notes: max, noteChars } = SNAPSHOT_LIMITS;
  const cut = (n: string) => (n.length > noteChars ? `${n.slice(0, noteChars - 1)}…` : n);
  if (notes.length <= max) return notes.map(cut);
  const left = notes.length - (max - 1);
  return [...notes.slice(0, max - 1).map(cut), `…and ${left} more notes about this form, not shown (fix the ones above first; they are often the same problem).`];
}
