import { defineConfig } from 'vitest/config';

// End-to-end tests in real Chromium with the built extension: run after `wxt build`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
