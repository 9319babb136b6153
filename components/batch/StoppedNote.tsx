import { count } from './count';

/** Said when the Batch page checked only part of a file: how much, where it stopped, and how to check all of it. */
export function StoppedNote({ stopped, file }: { stopped: { visits: number; line: number }; file: string }) {
  return (
    <p role="alert" className="error">
      Only the first {count(stopped.visits)} visits were checked: this page keeps every result in the browser tab&apos;s memory and holds at most {count(stopped.visits)} visits. The visits from line {count(stopped.line)} of the file on were not checked. To check the whole file, use the command line, which reads any size in constant memory:{' '}
      <code>npm run check -- &quot;{file}&quot;</code>
    </p>
  );
}
