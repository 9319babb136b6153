import { createServer, type Server } from 'node:http';
import { access, readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';

// Serves the demo EHR pages on 127.0.0.1 only, on a free port or on DEMO_PORT (the origin the
// shipped demo mapping, test/fixtures/ehr/profiles/daily-log.json, is for).

export const DEMO_PORT = 4580;

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'ehr');
// Pages built with real grid libraries (issue 16): grids/<name>.ts or .tsx bundled on first
// request, the library from node_modules, nothing from a CDN. A library's stylesheet is
// imported as text (the page puts it in a <style>); React is built for production.
const bundles = new Map<string, Promise<string>>();
function gridBundle(name: string): Promise<string> {
  let b = bundles.get(name);
  if (!b) {
    const entry = join(ROOT, 'grids', `${name}.ts`);
    b = access(`${entry}x`)
      .then(() => `${entry}x`, () => entry)
      .then((file) => build({ entryPoints: [file], bundle: true, format: 'iife', write: false, minify: true, target: 'chrome120', logLevel: 'silent', jsx: 'automatic', loader: { '.css': 'text' }, define: { 'process.env.NODE_ENV': '"production"' } }))
      .then((r) => r.outputFiles[0]!.text);
    bundles.set(name, b);
  }
  return b;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

export async function serveDemo(port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const grid = /^[/\\]grids[/\\]([a-z-]+)\.js$/.exec(path);
      if (grid) {
        const js = await gridBundle(grid[1]!);
        res.writeHead(200, { 'content-type': TYPES['.js']! });
        res.end(js);
        return;
      }
      const body = await readFile(join(ROOT, path === '/' ? 'flowsheet.html' : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`cannot serve the demo on 127.0.0.1:${port}: ${e.message}`)));
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${bound}`, close: () => new Promise((r) => server.close(() => r())) };
}
