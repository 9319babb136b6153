// npm run check: runs scripts/check.ts (see there) from a bundle that esbuild writes once into
// .cache/check/ and writes again only when a file it was built from changes. Starting the CLI
// through tsx compiled its ~150 modules on every run (about a second of CPU); the bundle loads
// in a few hundred milliseconds. Plain JavaScript, so it runs on node alone.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, '.cache', 'check', 'check.mjs');
/** Each input of the bundle (as esbuild's metafile lists them) with the mtime and size it had. */
const stamp = `${bundle}.inputs.json`;
/** Read by esbuild but not listed as inputs. */
const SETTINGS = ['package.json', 'tsconfig.json'];

const signature = (file) => {
  const s = statSync(join(root, file));
  return `${s.mtimeMs}:${s.size}`;
};

function upToDate() {
  try {
    const inputs = JSON.parse(readFileSync(stamp, 'utf8'));
    return Object.entries(inputs).every(([file, sig]) => signature(file) === sig);
  } catch {
    return false; // no bundle yet, or an input gone
  }
}

if (!upToDate()) {
  const { buildSync } = await import('esbuild');
  mkdirSync(dirname(bundle), { recursive: true });
  // Written beside and renamed, so a run started meanwhile never loads half a file.
  const tmp = `${bundle}.${process.pid}.tmp`;
  const { metafile } = buildSync({
    absWorkingDir: root,
    entryPoints: ['scripts/check.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: tmp,
    metafile: true,
    logLevel: 'warning',
    // CommonJS packages (papaparse) call require: give the ES module one.
    banner: { js: "import { createRequire as __unitwiseRequire } from 'node:module'; const require = __unitwiseRequire(import.meta.url);" },
  });
  renameSync(tmp, bundle);
  const inputs = Object.fromEntries([...Object.keys(metafile.inputs), ...SETTINGS].map((file) => [file, signature(file)]));
  writeFileSync(`${stamp}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(`${stamp}.${process.pid}.tmp`, stamp);
}

await import(pathToFileURL(bundle).href);
