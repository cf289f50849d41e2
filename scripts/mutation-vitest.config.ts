/**
 * The vitest configuration of a package's mutation testing: the workspace's, with that package's
 * tests only (RAPPORT_MUTATION_PACKAGE, set by scripts/mutation-config.mjs). Stryker's own
 * `testFiles` option is not used: with it, Stryker 9.6 turns a mutant of a module's top level on
 * after the module is loaded, and such a mutant always survives (stryker-js issue 6144).
 */
import workspace from '../vitest.config.ts';

const name = process.env.RAPPORT_MUTATION_PACKAGE;
if (name === undefined) throw new Error('RAPPORT_MUTATION_PACKAGE names the package under mutation testing');

export default {
  ...workspace,
  test: { ...workspace.test, include: [`packages/${name}/src/**/*.test.ts`] },
};
