/**
 * The Markdown side of the doc-example runner: which fenced blocks are found, what a fragment is
 * given, and that a block that does not typecheck is reported at its line in the page.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FRAGMENT_CONTEXT, fragmentContext, markdownBlocks } from './markdown.js';
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

describe('doc examples: Markdown blocks', () => {
  it('finds the ts blocks, each named after its heading and the line of its fence', () => {
    expect(markdownBlocks(PAGE)).toEqual([
      { name: 'Embedding (line 9)', lines: ["const a = 'a';"], firstLine: 10, fragment: false },
      {
        name: 'Embedding (line 13)',
        lines: ['await rapport.as(a).myPeople(b);'],
        firstLine: 14,
        fragment: true,
      },
    ]);
  });
  it('gives a fragment the declarations of the context names it uses and does not declare', () => {
    expect(fragmentContext(['await rapport.as(a).myPeople(b);'])).toBe(FRAGMENT_CONTEXT.rapport);
    expect(fragmentContext(['const [rapport] = [f()];', 'rapport.store;', '({ store: 1 });'])).toBe('');
    expect(
      fragmentContext(["import { createRapport } from '@rapport/domain';", 'createRapport({ store });']),
    ).toBe(FRAGMENT_CONTEXT.store);
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
