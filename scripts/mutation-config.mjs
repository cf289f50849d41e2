/**
 * The Stryker configuration of a package's mutation testing (docs/contributing.md, "Mutation
 * testing"): the package's sources are mutated, each mutant is tested by that package's tests alone,
 * in the long profile, one test process at a time. Paths are relative to the workspace root, where
 * scripts/test-mutation.mjs starts Stryker.
 */

/**
 * @param {string} name the package's folder under packages/, e.g. 'core'
 * @returns {object} Stryker's options for that package
 */
export const mutationConfig = (name) => {
  const src = `packages/${name}/src`;
  const reports = `reports/mutation/${name}`;
  // Set here so that the test processes Stryker starts inherit them: the long profile, as CI's and
  // pnpm test:long's, and the package whose tests scripts/mutation-vitest.config.ts runs.
  process.env.RAPPORT_PROFILE = 'long';
  process.env.RAPPORT_MUTATION_PACKAGE = name;
  return {
    // Under pnpm, Stryker cannot find its runner beside itself in node_modules: it is named by path.
    plugins: [import.meta.resolve('@stryker-mutator/vitest-runner')],
    testRunner: 'vitest',
    vitest: { configFile: 'scripts/mutation-vitest.config.ts' },
    mutate: [
      `${src}/**/*.ts`,
      `!${src}/**/*.test.ts`,
      `!${src}/**/testing/**`,
      `!${src}/**/testFixtures/**`,
      `!${src}/**/fixtures/**`,
      `!${src}/**/index.ts`,
    ],
    coverageAnalysis: 'perTest',
    concurrency: 1,
    incremental: true,
    incrementalFile: `${reports}/incremental.json`,
    reporters: ['clear-text', 'html', 'json', 'progress'],
    htmlReporter: { fileName: `${reports}/index.html` },
    jsonReporter: { fileName: `${reports}/mutation.json` },
    clearTextReporter: { allowColor: false, logTests: false },
    thresholds: { high: 90, low: 80, break: null },
    tempDirName: '.stryker-tmp',
  };
};
