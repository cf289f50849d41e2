import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The seed of fast-check's properties (test/setup/fastCheckSeed.ts): RAPPORT_FC_SEED when given;
 * on CI, the first 32 bits of the commit under test, so that a commit's runs draw the same cases;
 * otherwise none, and each property draws its own.
 */
const fastCheckSeed = (): string | undefined => {
  if (process.env.RAPPORT_FC_SEED !== undefined) return process.env.RAPPORT_FC_SEED;
  if (process.env.CI === undefined || process.env.CI === '' || process.env.CI === 'false') return undefined;
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    return String(Number.parseInt(commit.slice(0, 8), 16) | 0);
  } catch {
    return undefined;
  }
};
const seed = fastCheckSeed();
if (seed !== undefined) process.stdout.write(`fast-check seed ${seed} (RAPPORT_FC_SEED)\n`);

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
    setupFiles: [`${root}test/setup/fastCheckSeed.ts`],
    env: seed === undefined ? {} : { RAPPORT_FC_SEED: seed },
  },
});
