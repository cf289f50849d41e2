/**
 * Doc examples: every `@example` block in the doc comments of packages/*\/src (tests and the bench
 * package aside) and every ```ts block of README.md and docs/*.md typechecks and runs, and each
 * statement followed by a `// <value>` comment equals that value. A Markdown block is a module of
 * its own, run in an empty temporary directory. A ```ts fragment block is typechecked with the
 * declarations of `FRAGMENT_CONTEXT` for the names it uses and does not declare, and runs after the
 * page's last ```ts setup block before it (most often kept in an HTML comment, so that the page
 * does not show it), which gives those names their values. docs/contributing.md says how to write an example or
 * a block that this test can run.
 *
 * Examples not run (only typechecked), each with a line `// (not run: <reason>)` in its block, and
 * listed in `NOT_RUN`:
 * - packages/core/src/testing/eventStoreConformance.ts describeEventStoreConformance: it declares a
 *   vitest suite, which a running test cannot do; inMemoryStore.conformance.test.ts runs it.
 * - packages/cli/src/internal/harness.ts runProcess: it starts Node with tsx, several seconds;
 *   the CLI's process tests run it.
 * - packages/store-postgres/src/postgresEventStore.ts openPostgresEventStore,
 *   packages/store-postgres/src/verifyPostgresStore.ts verifyPostgresStore and
 *   packages/store-postgres/src/internal/readPartition.ts readPartition, and the blocks of
 *   docs/stores.md "PostgreSQL" and "Moving a history from SQLite to PostgreSQL" and of
 *   docs/auditing.md "On several threads": they need a PostgreSQL server, which a run of the tests
 *   may not have; the store's tests run them on one when RAPPORT_PG_URL names it, and the examples
 *   of openPgliteEventStore and verifySqliteStore run the same store in-process and the SQLite half.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleBlocks, type ExampleBlock } from './docExamples/extract.js';
import { fragmentContext, markdownBlocks, namesWithoutValue } from './docExamples/markdown.js';
import { runExample, type RunOptions } from './docExamples/run.js';
import { typecheckExamples } from './docExamples/typecheck.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Examples marked `// (not run: …)`, by file and name (a Markdown block by its page and heading):
 * the marks and this list must agree.
 */
const NOT_RUN: ReadonlyArray<string> = [
  'docs/auditing.md On several threads',
  'docs/stores.md Moving a history from SQLite to PostgreSQL',
  'docs/stores.md PostgreSQL (`@rapport/store-postgres`)',
  'packages/cli/src/internal/harness.ts runProcess',
  'packages/core/src/testing/eventStoreConformance.ts describeEventStoreConformance',
  'packages/store-postgres/src/internal/readPartition.ts readPartition',
  'packages/store-postgres/src/postgresEventStore.ts openPostgresEventStore',
  'packages/store-postgres/src/verifyPostgresStore.ts verifyPostgresStore',
];

/**
 * Examples known to fail, by file and name, until their corrections land. Each is expected to
 * fail; one that passes fails this test, so the list cannot go stale.
 */
const KNOWN_FAILING: ReadonlyArray<string> = [];

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

/** Every example, keyed `<file> <title>`. */
const all = examples.flatMap(({ file, blocks }) =>
  blocks.map(({ block, title }) => ({ key: `${file} ${title}`, file, title, block })),
);

/** The Markdown pages whose ```ts blocks are typechecked: README.md and docs/*.md. */
const markdownFiles = (): ReadonlyArray<string> => [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/${file}`),
];

/**
 * Where the Markdown blocks' modules are placed: the CLI's package depends on every other package,
 * fp-ts and pg, so a block's imports resolve as an application's would.
 */
const MARKDOWN_FOLDER = 'packages/cli/src';

const pages = markdownFiles().map((file) => ({
  file,
  blocks: markdownBlocks(readFileSync(join(root, file), 'utf8')),
}));

/** Every Markdown block, keyed `<file> <heading> (line <n>)`. */
const markdown = pages.flatMap(({ file, blocks }) =>
  blocks.map((block) => ({
    key: `${file} ${block.name}`,
    file,
    title: block.name,
    block,
    folder: MARKDOWN_FOLDER,
    context: block.kind === 'fragment' ? fragmentContext(block.lines) : '',
  })),
);

/**
 * Runs a Markdown block in an empty temporary directory, its working directory, so that a file it
 * names (`./rapport.db`, `anchor-key.pem`) is its own and is removed after it.
 */
const inTempDir = async (run: () => Promise<void>): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-doc-'));
  const before = process.cwd();
  process.chdir(dir);
  try {
    await run();
  } finally {
    process.chdir(before);
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('doc examples', () => {
  // One program typechecks every example (about 15 s); each example's test reports its own errors.
  let typeErrors = new Map<string, string[]>();
  beforeAll(() => {
    typeErrors = new Map();
    for (const error of typecheckExamples(root, [...all, ...markdown])) {
      const key = `${error.file} ${error.title}`;
      typeErrors.set(key, [...(typeErrors.get(key) ?? []), `${error.file}:${error.line}: ${error.message}`]);
    }
  }, 120_000);

  /** Typechecks, then runs unless marked not run: a failure gives the type errors and what went wrong. */
  const check = async (
    key: string,
    file: string,
    block: ExampleBlock,
    options?: RunOptions,
  ): Promise<void> => {
    const problems = [...(typeErrors.get(key) ?? [])];
    if (!isNotRun(block)) {
      await runExample(root, file, block, options).catch((error: unknown) => {
        if (problems.length === 0) throw error;
        problems.push(`and when run: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    if (problems.length > 0) throw new Error(`the example does not typecheck:\n${problems.join('\n')}`);
  };

  const notRun = [
    ...all.filter(({ block }) => isNotRun(block)).map(({ key }) => key),
    ...markdown.filter(({ block }) => isNotRun(block)).map(({ file, block }) => `${file} ${block.heading}`),
  ];
  it('the examples marked not run are those listed in NOT_RUN', () => {
    expect(notRun.sort()).toEqual([...NOT_RUN].sort());
  });
  it('every example known to fail is still an example', () => {
    const keys = new Set(all.map(({ key }) => key));
    const gone = KNOWN_FAILING.filter((key) => !keys.has(key));
    expect(gone, `no longer examples, to remove from KNOWN_FAILING: ${gone.join('; ')}`).toEqual([]);
  });

  for (const { file, blocks } of examples.filter(({ blocks }) => blocks.length > 0)) {
    describe(file, () => {
      for (const { block, title } of blocks) {
        const key = `${file} ${title}`;
        if (KNOWN_FAILING.includes(key)) {
          it(`${title} (known to fail)`, async () => {
            const outcome = await check(key, file, block).then(
              () => 'passes',
              () => 'fails',
            );
            expect(outcome, `${key} passes now: remove it from KNOWN_FAILING`).toBe('fails');
          });
        } else {
          it(isNotRun(block) ? `${title} (typechecked, not run)` : title, () => check(key, file, block));
        }
      }
    });
  }

  for (const { file, blocks } of pages.filter(({ blocks }) => blocks.length > 0)) {
    describe(file, () => {
      for (const block of blocks) {
        const key = `${file} ${block.name}`;
        if (block.kind === 'setup') {
          // A setup runs before each fragment after it, not alone.
          it(`${block.name} (setup), typechecked`, () => {
            const problems = typeErrors.get(key) ?? [];
            if (problems.length > 0) throw new Error(`the setup does not typecheck:\n${problems.join('\n')}`);
            if (!blocks.some((other) => other.setup?.firstLine === block.firstLine))
              throw new Error(
                'no fragment runs after this setup: the next setup or the end of the page comes first',
              );
          });
          continue;
        }
        const fragment = block.kind === 'fragment';
        const title = `${block.name}${fragment ? ' (fragment)' : ''}${isNotRun(block) ? ' (typechecked, not run)' : ''}`;
        it(title, async () => {
          const missing = fragment ? namesWithoutValue(block) : [];
          if (missing.length > 0 && !isNotRun(block)) {
            throw new Error(
              `the fragment uses ${missing.join(', ')}, which no setup before it declares: give ` +
                'the page a ```ts setup block that does (docs/contributing.md)',
            );
          }
          const options: RunOptions = {
            folder: MARKDOWN_FOLDER,
            ...(fragment ? { context: fragmentContext(block.lines) } : {}),
            ...(block.setup === undefined ? {} : { setup: block.setup }),
          };
          await inTempDir(() => check(key, file, block, options));
        });
      }
    });
  }
});
