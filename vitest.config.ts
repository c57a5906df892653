import { defineConfig } from 'vitest/config';

// Unit and physics tests run in Node against the built build/core.wasm (npm test builds it first);
// browser tests in tests/e2e start their own Vite server and drive Chromium (they set their own,
// longer timeouts).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/artifacts/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
