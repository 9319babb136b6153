// A long read in steps: a generator that gives the page its thread back now and then, so reading
// a big page on load is many short tasks, not one long one (typing meanwhile is answered between
// them). The same steps run whole where nothing waits (the bench, tests, a keystroke's re-read).

/** Asked now and then during a read: true when the read should stop here for now (its caller resumes it). */
export type Pause = () => boolean;

/** Never stops: the read runs whole. */
export const NEVER: Pause = () => false;

/** A read's steps: yields where it may stop, returns what it read. */
export type Steps<T> = Generator<void, T, void>;

/** Runs a read's steps to their end at once. */
export function whole<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How many elements or rows a loop takes between two looks at the clock (a look costs little, but not nothing). */
export const PAUSE_EVERY = 32;
