/**
 * The Markdown side of the doc-example runner: which fenced blocks are found, what a fragment is
 * given and runs after, and that a block that does not typecheck is reported at its line in the page.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FRAGMENT_CONTEXT, fragmentContext, markdownBlocks, namesWithoutValue } from './markdown.js';
import { runExample } from './run.js';
import { typecheckExamples } from './typecheck.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const PAGE = [
  '# Title',
  '',
  '```sh',
  'pnpm install',
  '```',
  '',
  '## Embedding',
  '',
  '```ts',
  "const a = 'a';",
  '```',
  '',
  '```ts fragment',
  'await rapport.as(a).myPeople(b);',
  '```',
  '',
  '```json',
  '{ "a": 1 }',
  '```',
].join('\n');

/** A page with a hidden setup, a fragment after it, then a shown setup and a fragment after that. */
const SETUP_PAGE = [
  '<!--',
  '```ts setup',
  "const rapport = { name: 'acme' };",
  '```',
  '-->',
  '```ts fragment',
  'rapport.name; // "acme"',
  '```',
  '```ts setup',
  "import { join } from 'node:path';",
  '```',
  '```ts',
  "join('a', 'b'); // 'a/b'",
  '```',
  '```ts fragment',
  "rapport.name; // 'acme'",
  '```',
].join('\n');

describe('doc examples: Markdown blocks', () => {
  it('finds the ts blocks, each named after its heading and the line of its fence', () => {
    expect(markdownBlocks(PAGE)).toEqual([
      {
        name: 'Embedding (line 9)',
        heading: 'Embedding',
        lines: ["const a = 'a';"],
        firstLine: 10,
        kind: 'program',
      },
      {
        name: 'Embedding (line 13)',
        heading: 'Embedding',
        lines: ['await rapport.as(a).myPeople(b);'],
        firstLine: 14,
        kind: 'fragment',
      },
    ]);
  });
  it('gives each fragment the last setup block before it, hidden in an HTML comment or not', () => {
    const [first, , second, , third] = markdownBlocks(SETUP_PAGE);
    expect([first?.kind, second?.kind, third?.kind]).toEqual(['setup', 'setup', 'fragment']);
    expect(markdownBlocks(SETUP_PAGE).map((block) => block.setup?.firstLine)).toEqual([
      undefined,
      3,
      undefined,
      undefined,
      10,
    ]);
  });
  it('tells the context names a fragment uses that no setup gives a value', () => {
    const [, fragment, , , second] = markdownBlocks(SETUP_PAGE);
    if (fragment === undefined || second === undefined) throw new Error('no fragments');
    expect(namesWithoutValue(fragment)).toEqual([]);
    expect(namesWithoutValue({ ...fragment, lines: ['await store.close();'] })).toEqual(['store']);
    expect(namesWithoutValue(second)).toEqual(['rapport']);
  });
  it('gives a fragment the declarations of the context names it uses and does not declare', () => {
    expect(fragmentContext(['await rapport.as(a).myPeople(b);'])).toBe(FRAGMENT_CONTEXT.rapport);
    expect(fragmentContext(['const [rapport] = [f()];', 'rapport.store;', '({ store: 1 });'])).toBe('');
    expect(
      fragmentContext(["import { createRapport } from '@rapport/domain';", 'createRapport({ store });']),
    ).toBe(FRAGMENT_CONTEXT.store);
  });
  it('runs a fragment after its setup, its own names in a scope of their own, its values checked', async () => {
    const [, fragment] = markdownBlocks(SETUP_PAGE);
    if (fragment === undefined) throw new Error('no fragment');
    const options = { folder: 'packages/cli/src', ...(fragment.setup ? { setup: fragment.setup } : {}) };
    await runExample(root, 'docs/page.md', fragment, options);
    await runExample(
      root,
      'docs/page.md',
      { ...fragment, lines: ["const rapport = 'mine';", "rapport; // 'mine'"] },
      options,
    );
    await expect(
      runExample(root, 'docs/page.md', { ...fragment, lines: ["rapport.name; // 'globex'"] }, options),
    ).rejects.toThrow(`docs/page.md:7: rapport.name // 'globex'`);
  });
  it('reports a block that does not typecheck at its line in the page', () => {
    // node:path rather than a workspace package keeps the program small.
    const [, fragment] = markdownBlocks(
      PAGE.replace('await rapport.as(a).myPeople(b);', "import { join } from 'node:path';\njoin(1);"),
    );
    if (fragment === undefined) throw new Error('no fragment');
    const errors = typecheckExamples(root, [
      {
        file: 'docs/page.md',
        title: fragment.name,
        block: fragment,
        folder: 'packages/cli/src',
        context: '',
      },
    ]);
    expect(errors).toEqual([
      {
        file: 'docs/page.md',
        title: 'Embedding (line 13)',
        line: 15,
        message: expect.stringContaining("Argument of type 'number' is not assignable"),
      },
    ]);
  }, 60_000);
});
