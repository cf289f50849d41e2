/**
 * Runs a compiled example block (an `@example`, or a Markdown block): its imports loaded as the
 * documented file's package would see them, and each `// <value>` compared with vitest's deep
 * equality.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vitest from 'vitest';
import { expect } from 'vitest';
import { compileExample, type CompiledExample, type Surroundings } from './compile.js';
import type { ExampleBlock } from './extract.js';

/**
 * "And more" in a value comment: `{ code: 'X', … }` is any object with that code, `['a', …]` any
 * array that starts with 'a'. The comment's `…` is spread there: a key in an object, an item in an
 * array.
 */
const MORE = Symbol('more');
const more = {
  [MORE]: true,
  *[Symbol.iterator]() {
    yield MORE;
  },
};

/** An array that starts with `prefix`, as vitest's asymmetric matchers do. */
const startingWith = (prefix: ReadonlyArray<unknown>) => ({
  $$typeof: Symbol.for('jest.asymmetricMatcher'),
  asymmetricMatch: (other: unknown): boolean => {
    if (!Array.isArray(other) || other.length < prefix.length) return false;
    try {
      expect(other.slice(0, prefix.length)).toEqual(prefix);
      return true;
    } catch {
      return false;
    }
  },
  toString: () => 'ArrayStartingWith',
  toAsymmetricMatcher: () => `[${prefix.map((item) => JSON.stringify(item)).join(', ')}, …]`,
});

/** The expected value with every object or array that holds `…` turned into a partial match. */
const toMatcher = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    const items = value.map(toMatcher);
    const at = items.indexOf(MORE);
    if (at === -1) return items;
    if (at !== items.length - 1)
      throw new Error('`…` in an array stands only for the items after the last one shown');
    return startingWith(items.slice(0, -1));
  }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
    return value;
  }
  const entries = Object.entries(value).map(([key, inner]) => [key, toMatcher(inner)] as const);
  const plain = Object.fromEntries(entries);
  return MORE in value ? expect.objectContaining(plain) : plain;
};

/**
 * Loads an example's imports: the workspace packages from sources, a relative path from beside the
 * documented file (for modules the package does not export), others from the file's package;
 * `vitest` is the running test's own, so that an example's `expect` belongs to its test.
 */
const loader = (root: string, file: string) => {
  const require = createRequire(join(root, file.split('/').slice(0, 2).join('/'), 'package.json'));
  return async (specifier: string): Promise<Record<string, unknown>> => {
    if (specifier === 'vitest') return vitest;
    if (specifier.startsWith('.')) {
      const path = resolve(root, dirname(file), specifier);
      const source = path.replace(/\.js$/, '.ts');
      return (await import(/* @vite-ignore */ existsSync(source) ? source : path)) as Record<string, unknown>;
    }
    if (specifier.startsWith('@rapport/') || specifier.startsWith('node:')) {
      return (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
    }
    return (await import(/* @vite-ignore */ pathToFileURL(require.resolve(specifier)).href)) as Record<
      string,
      unknown
    >;
  };
};

/** What an example runs with besides its block. */
export interface RunOptions extends Surroundings {
  /**
   * The folder, relative to the root, whose package the example's imports resolve from, as if its
   * module were there (a Markdown page's blocks); the documented file's own folder when absent.
   */
  readonly folder?: string;
}

/** Runs one example; a failing check names its line, its statement and the value it expected. */
export const runExample = async (
  root: string,
  file: string,
  block: ExampleBlock,
  options: RunOptions = {},
): Promise<void> => {
  const { folder, ...surroundings } = options;
  const compiled: CompiledExample = compileExample(block, surroundings);
  const place = folder === undefined ? file : join(folder, basename(file));
  await compiled.run({
    load: loader(root, place),
    more,
    event: (type) => expect.objectContaining({ type }),
    importMeta: { url: pathToFileURL(join(root, place)).href },
    check: (actual, expected, index) => {
      const check = compiled.checks[index];
      const where = `${file}:${check?.line}: ${check?.actual} // ${check?.expected}`;
      expect(actual, where).toEqual(toMatcher(expected));
    },
  });
};
