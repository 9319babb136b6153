import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// WXT's env values are undefined under vitest 4 + vite 8 (toolchain facts):
// substitute literals so code that branches on the browser stays testable.
const envLiterals = {
  name: 'unitwise-env-literals',
  transform(code: string) {
    if (!code.includes('import.meta.env.')) return null;
    return code
      .replaceAll('import.meta.env.BROWSER', JSON.stringify('chrome'))
      .replaceAll('import.meta.env.CHROME', 'true')
      .replaceAll('import.meta.env.FIREFOX', 'false')
      .replaceAll('import.meta.env.MANIFEST_VERSION', '3');
  },
};

export default defineConfig({
  plugins: [WxtVitest(), envLiterals],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
  },
});
