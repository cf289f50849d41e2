// Bundles the `rapport` executable into dist/bin.js: the workspace packages from their sources and
// their pure-JavaScript dependencies, so that it runs under plain Node ESM; the database drivers
// (native or with files of their own) stay external and load from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/bin.ts'],
  outfile: 'dist/bin.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: 'tsconfig.json',
  external: ['better-sqlite3', 'pg', 'pg-native', '@electric-sql/pglite'],
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: 'warning',
});
