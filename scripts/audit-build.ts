// Checks the built extensions: manifests no broader than needed, no network API in any
// bundle, and no character Chrome refuses in a script. Exit 1 with each problem on stderr. Run after `wxt build` and `wxt build -b firefox`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { manifestProblems, networkCalls, refusedCharacters, type BrowserBuild } from '../lib/audit/build-audit';
import { DEV_ORIGINS_ENV, outDirFor, parseDevOrigins } from '../lib/dev-origins';

/** The two builds in a build folder (.output for the shipped build, .output-dev for a demo/test one). */
const buildsIn = (out: string): [BrowserBuild, string][] => [
  ['chrome', `${out}/chrome-mv3`],
  ['firefox', `${out}/firefox-mv2`],
];

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsFiles(path) : path.endsWith('.js') ? [path] : [];
  });
}

/**
 * Problems in the builds under `root`. `devOrigins`: what the build was made with
 * (UNITWISE_DEV_ORIGINS); none for the shipped build, which then may have no fixed host at all.
 */
export function auditBuild(root = '.', devOrigins: readonly string[] = parseDevOrigins(process.env[DEV_ORIGINS_ENV])): string[] {
  const problems: string[] = [];
  for (const [browser, dir] of buildsIn(outDirFor(devOrigins))) {
    const base = join(root, dir);
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(readFileSync(join(base, 'manifest.json'), 'utf8'));
    } catch (e) {
      problems.push(`${dir}/manifest.json: cannot read (${(e as Error).message}); build first`);
      continue;
    }
    problems.push(...manifestProblems(manifest, browser, devOrigins).map((p) => `${dir}/manifest.json: ${p}`));
    for (const file of jsFiles(base)) {
      // Decoded strictly: a lenient read turns bytes that are no UTF-8 into U+FFFD, which Chrome would refuse.
      let source: string;
      try {
        source = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
      } catch {
        problems.push(`${relative(root, file)}: not UTF-8: Chrome refuses to load it`);
        continue;
      }
      for (const call of networkCalls(source)) problems.push(`${relative(root, file)}: network API ${call.api} in "…${call.context}…"`);
      for (const c of refusedCharacters(source)) problems.push(`${relative(root, file)}: ${c.code} at character ${c.at}: Chrome refuses to load a script holding it (write the comparison without it)`);
    }
  }
  return problems;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const problems = auditBuild();
  for (const p of problems) console.error(p);
  console.log(problems.length ? `build audit: ${problems.length} problem(s)` : 'build audit: manifests least-privilege, no network API and no character Chrome refuses in any bundle');
  process.exit(problems.length ? 1 : 0);
}
