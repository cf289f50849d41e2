/**
 * Doc examples: every `@example` block in the doc comments of packages/*\/src (tests and the bench
 * package aside) runs, and each statement followed by a `// <value>` comment equals that value.
 * docs/contributing.md says how to write an example that this test can run.
 *
 * Examples not run, each with a line `// (not run: <reason>)` in its block, and listed in `NOT_RUN`:
 * - packages/core/src/testing/eventStoreConformance.ts describeEventStoreConformance: it declares a
 *   vitest suite, which a running test cannot do; inMemoryStore.conformance.test.ts runs it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleBlocks, type ExampleBlock } from './docExamples/extract.js';
import { runExample } from './docExamples/run.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Examples marked `// (not run: …)`, by file and name: the marks and this list must agree. */
const NOT_RUN: ReadonlyArray<string> = [
  'packages/core/src/testing/eventStoreConformance.ts describeEventStoreConformance',
];

/**
 * Examples known to fail, by file and name, until their corrections land. Each is expected to fail; one that passes fails this test, so the list cannot go stale.
 */
const KNOWN_FAILING: ReadonlyArray<string> = [
  'packages/core/src/adapter/eventRow.ts eventFromRow',
  'packages/core/src/adapter/importPlan.ts brokenLink',
  'packages/core/src/adapter/importPlan.ts planImport',
  'packages/core/src/adapter/storeCalls.ts appendOneStream',
  'packages/core/src/adapter/storeCalls.ts readAllInRanges',
  'packages/core/src/adapter/storeCalls.ts openSubscriptions',
  'packages/core/src/appendRules.ts isSameEvent',
  'packages/domain/src/rapport/facade.ts Rapport.saveSnapshot',
  'packages/store-postgres/src/postgresEventStore.ts openPostgresEventStore',
];

/** The source files whose doc comments are checked: packages/<pkg>/src, no tests, no bench. */
const sourceFiles = (): ReadonlyArray<string> =>
  readdirSync(join(root, 'packages'))
    .filter((pkg) => pkg !== 'bench')
    .flatMap((pkg) =>
      (readdirSync(join(root, 'packages', pkg, 'src'), { recursive: true }) as string[])
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
        .map((file) => join('packages', pkg, 'src', file)),
    )
    .sort();

const isNotRun = (block: ExampleBlock): boolean =>
  block.lines.some((line) => /^\s*\/\/ \(not run: .+\)/.test(line));

const examples = sourceFiles().map((file) => {
  const blocks = exampleBlocks(file, readFileSync(join(root, file), 'utf8'));
  const seen = new Map<string, number>();
  return {
    file,
    blocks: blocks.map((block) => {
      const count = (seen.get(block.name) ?? 0) + 1;
      seen.set(block.name, count);
      return { block, title: count === 1 ? block.name : `${block.name} (example ${count})` };
    }),
  };
});

describe('doc examples', () => {
  const notRun = examples.flatMap(({ file, blocks }) =>
    blocks.filter(({ block }) => isNotRun(block)).map(({ title }) => `${file} ${title}`),
  );
  it('the examples marked not run are those listed in NOT_RUN', () => {
    expect(notRun.sort()).toEqual([...NOT_RUN].sort());
  });
  it('every example known to fail is still an example', () => {
    const all = new Set(
      examples.flatMap(({ file, blocks }) => blocks.map(({ title }) => `${file} ${title}`)),
    );
    expect(KNOWN_FAILING.filter((key) => !all.has(key))).toEqual([]);
  });

  for (const { file, blocks } of examples.filter(({ blocks }) => blocks.length > 0)) {
    describe(file, () => {
      for (const { block, title } of blocks) {
        const key = `${file} ${title}`;
        if (isNotRun(block)) {
          it.skip(title, () => undefined);
        } else if (KNOWN_FAILING.includes(key)) {
          it(`${title} (known to fail)`, async () => {
            const outcome = await runExample(root, file, block).then(
              () => 'passes',
              () => 'fails',
            );
            expect(outcome, `${key} passes now: remove it from KNOWN_FAILING`).toBe('fails');
          });
        } else {
          it(title, () => runExample(root, file, block));
        }
      }
    });
  }
});
