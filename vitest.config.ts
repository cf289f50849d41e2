import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Tests import the workspace packages from their sources, so `pnpm test` needs no build.
export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^@rapport\/([a-z-]+)\/testing\/vitest$/,
        replacement: `${root}packages/$1/src/testing/vitest.ts`,
      },
      { find: /^@rapport\/([a-z-]+)\/(testing|adapter)$/, replacement: `${root}packages/$1/src/$2/index.ts` },
      { find: /^@rapport\/([a-z-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
