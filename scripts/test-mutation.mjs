/**
 * pnpm test:mutation [core|domain …] [Stryker's options]: mutation testing of the packages named,
 * one after the other (core then domain when none is named, or those of the files --mutate names),
 * each with its stryker.config.mjs, from the workspace root. The other arguments go to Stryker:
 * `pnpm test:mutation --mutate packages/core/src/verify.ts` tests one file.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PACKAGES = ['core', 'domain'];

const args = process.argv.slice(2);
const named = [];
while (args.length > 0 && PACKAGES.includes(args[0])) named.push(args.shift());

/** The packages whose sources the --mutate (or -m) option names, in PACKAGES' order. */
const packagesMutated = () => {
  const at = args.findIndex((arg) => arg === '--mutate' || arg === '-m');
  if (at === -1 || at + 1 >= args.length) return [];
  const files = args[at + 1].split(',');
  return PACKAGES.filter((name) => files.some((file) => file.startsWith(`packages/${name}/`)));
};

const packages = named.length > 0 ? named : packagesMutated().length > 0 ? packagesMutated() : PACKAGES;
const stryker = fileURLToPath(
  new URL('bin/stryker.js', import.meta.resolve('@stryker-mutator/core/package.json')),
);
const root = fileURLToPath(new URL('..', import.meta.url));

for (const name of packages) {
  process.stdout.write(`\nMutation testing of @rapport/${name}\n`);
  const run = spawnSync(process.execPath, [stryker, 'run', `packages/${name}/stryker.config.mjs`, ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
