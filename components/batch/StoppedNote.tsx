import { count } from '@/lib/count';

/** `name` as one word for a POSIX shell, whatever it holds (`$(…)`, quotes): single-quoted, its own quotes escaped. */
const shellWord = (name: string) => `'${name.replaceAll("'", `'\\''`)}'`;

/** Said when the Batch page checked only part of a file: how much, where it stopped, and how to check all of it. */
export function StoppedNote({ stopped, file }: { stopped: { visits: number; line: number }; file: string }) {
  return (
    <p role="alert" className="error">
      Only the first {count(stopped.visits)} visits were checked: this page keeps every result in the browser tab&apos;s memory and holds at most {count(stopped.visits)} visits. The visits from line {count(stopped.line)} of the file on were not checked (the counts of rows above cover what was read). To check the whole file, use the command line, which reads any size in constant memory:{' '}
      <code>npm run check -- {shellWord(file)}</code>
    </p>
  );
}
