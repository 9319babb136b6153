// The CLI's saved export layouts on disk (npm run check -- --save-layout, --forget-layout,
// --no-layout, --layouts FILE): the file system side of lib/batch/layouts.ts, used only by
// scripts/check.ts. The file holds what a layout holds (the format, the header's names as
// keys, the roles chosen by column number, the day) and never a cell of an export.
//
// Safety: the file is written whole to a temporary file beside it (mode 0600) and renamed over
// it, so a reader never sees half a file; its folder is made (mode 0700) when missing. A file
// that cannot be read or is not a Unitwise layouts file (corrupt, another program's, a newer
// version's) is reported and ignored for reading, and never written over: saving or forgetting
// refuses until it is moved aside, deleted, or another file is chosen with --layouts.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LayoutsFile, layoutsFile, parseLayoutsFile, tooLargeForLayouts, type SavedLayout } from '../lib/batch/layouts';


/** `${XDG_CONFIG_HOME:-~/.config}/unitwise/layouts.json` (an XDG_CONFIG_HOME that is not absolute is ignored, as the spec says). */
export function defaultLayoutsPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const config = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(config, 'unitwise', 'layouts.json');
}

export interface LoadedLayouts {
  layouts: SavedLayout[];
  /** Why the file could not be used (it is then taken as holding none, and must not be written over). */
  problem?: string;
}

/** The layouts in `path`: none when there is no file; none and a problem when it cannot be read as one. */
export function loadLayouts(path: string): LoadedLayouts {
  let text: string;
  try {
    const tooLarge = tooLargeForLayouts(statSync(path).size);
    if (tooLarge) return { layouts: [], problem: tooLarge };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { layouts: [] };
    return { layouts: [], problem: code ?? (e as Error).message };
  }
  return parseLayoutsFile(text);
}

/** Replaces `path` with these layouts at once (temporary file, then rename), mode 0600. */
export function writeLayouts(path: string, layouts: SavedLayout[]): void {
  const text = `${JSON.stringify(LayoutsFile.parse(layoutsFile(layouts)), null, 2)}\n`;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // closed already
    }
    rmSync(tmp, { force: true });
    throw e;
  }
}
