import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from './report';
import { DEV_OUT_DIR } from '../../lib/dev-origins';

// Bundle sizes of the built Chrome extension: the content script (it runs on every EHR page,
// budget 25 kB gzip), and the background worker and side panel with the chunks they load.

const OUT = `${DEV_OUT_DIR}/chrome-mv3`; // the bench's own build (same bundles as shipped; its manifest adds the dev origins)

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The JS an HTML page loads (its module scripts and the chunks they name). */
function pageScripts(html: string): string[] {
  const page = readFileSync(join(OUT, html), 'utf8');
  const entry = [...page.matchAll(/src="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(OUT, file), 'utf8');
    for (const m of text.matchAll(/from\s*["']\.{0,2}\/?([^"']+\.js)["']|import\(["']\.{0,2}\/?([^"']+\.js)["']\)/g)) {
      const name = (m[1] ?? m[2])!;
      visit(name.startsWith('chunks/') ? name : join('chunks', name.replace(/^.*\//, '')));
    }
  };
  entry.forEach(visit);
  return [...seen];
}

const sizeOf = (paths: string[]) => {
  const text = paths.map((p) => readFileSync(join(OUT, p)));
  return { raw: text.reduce((n, b) => n + b.length, 0), gzip: text.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) };
};

export function benchSize(): Figure[] {
  files(OUT); // fails clearly when the build is missing
  const g = 'size and memory';
  const content = sizeOf(['content-scripts/content.js']);
  const background = sizeOf(['background.js']);
  const panel = sizeOf(pageScripts('sidepanel.html'));
  const kB = (n: number) => n / 1000;
  return [
    { group: g, measure: 'content script, raw', value: kB(content.raw), unit: 'kB' },
    { group: g, measure: 'content script, gzip', value: kB(content.gzip), unit: 'kB', budget: 25 },
    { group: g, measure: 'background worker, raw / gzip', value: kB(background.raw), unit: 'kB', note: `${kB(background.gzip).toFixed(1)} kB gzip` },
    { group: g, measure: 'side panel (page scripts and chunks), raw / gzip', value: kB(panel.raw), unit: 'kB', note: `${kB(panel.gzip).toFixed(1)} kB gzip` },
  ];
}
