// Always-on origins for demo and test builds only. The shipped build runs on no site until a
// practice grants one in Options → Sites; a build made with UNITWISE_DEV_ORIGINS (match
// patterns, comma-separated, e.g. `http://127.0.0.1/*,http://localhost/*`) also runs on exactly
// those, so `npm run demo` and the e2e suite work on the local demo server.

export const DEV_ORIGINS_ENV = 'UNITWISE_DEV_ORIGINS';

/** Where a demo/test build goes: never over the shipped build in `.output/`, which could then be packaged with its dev origins. */
export const DEV_OUT_DIR = '.output-dev';

/** The build folder for a build with these dev origins. */
export const outDirFor = (devOrigins: readonly string[]) => (devOrigins.length ? DEV_OUT_DIR : '.output');

const PATTERN = /^(https?|\*):\/\/(\*|(\*\.)?[a-z0-9.-]+|\[[0-9a-f:]+\])\/.*$/i;

/** The match patterns in the variable's value; throws on one that is not a host match pattern (a build must not guess). */
export function parseDevOrigins(raw: string | undefined): string[] {
  const list = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of list) {
    if (p === '<all_urls>' || !PATTERN.test(p) || /^(\*|https?):\/\/\*\//.test(p)) {
      throw new Error(`${DEV_ORIGINS_ENV}: '${p}' is not a match pattern for one host, like http://127.0.0.1/*`);
    }
  }
  return [...new Set(list)];
}

/** The origins a built manifest runs the content script on at all times (none in the shipped build). */
export function alwaysOnOrigins(manifest: { content_scripts?: { matches?: string[] }[] }): string[] {
  return [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []))];
}
