/**
 * Each package's modules form floors: a module imports only modules below it, so the import graph
 * of a package's sources (type-only imports and re-exports included) has no cycle. The graph is
 * read with the TypeScript compiler's own pre-processor, which lists every module a file names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });

/** The package's own modules each file imports (relative specifiers resolved to `.ts` files). */
const importGraph = (files: ReadonlyArray<string>): Map<string, string[]> => {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')))
      .flatMap((target) =>
        known.has(target) ? [target] : known.has(join(target, 'index.ts')) ? [join(target, 'index.ts')] : [],
      );
    graph.set(file, targets);
  }
  return graph;
};

/** Every cycle found by a depth-first walk, each as the files along it (the first repeated last). */
export const cyclesOf = (graph: ReadonlyMap<string, ReadonlyArray<string>>): string[][] => {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): void => {
    if (onPath.has(file)) {
      cycles.push([...path.slice(path.indexOf(file)), file]);
      return;
    }
    if (done.has(file)) return;
    path.push(file);
    onPath.add(file);
    for (const target of graph.get(file) ?? []) visit(target);
    onPath.delete(file);
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return cycles;
};

const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('import graph', () => {
  it('finds a cycle it is shown (a -> b -> a) and none in a chain', () => {
    expect(
      cyclesOf(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'a']]);
    expect(
      cyclesOf(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });

  it.each(packages)('the modules of %s import one another without a cycle', (name) => {
    const dir = join(root, 'packages', name);
    const src = join(dir, 'src');
    const files = sourcesUnder(src);
    const cycles = cyclesOf(importGraph(files)).map((cycle) =>
      cycle.map((file) => relative(dir, file)).join(' -> '),
    );
    expect(cycles).toEqual([]);
  });
});
