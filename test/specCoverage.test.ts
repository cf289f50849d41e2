/**
 * Every rule of SPEC.md has a test that names it in its title or body, outside the reference
 * model's own tests (which check the model, not the library). The rules no test names yet are
 * listed here with the open issue that brings them, so that the list can only shrink: a rule
 * that gets a test must leave it, and a new rule must get a test or a line here.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SPEC = resolve(ROOT, '../shared/SPEC.md');

/** The rules that no test names yet, and the issue that brings them. */
const NOT_YET: ReadonlyMap<string, string> = new Map([
  ...['R-STEP-8', 'R-PERSON-1', 'R-PERSON-2', 'R-PERSON-3'].map(
    (rule) => [rule, 'issue 15, people, companies and keep-in-touch reminders'] as const,
  ),
  ...['R-TOUCH-1', 'R-TOUCH-2', 'R-TOUCH-3', 'R-TOUCH-4', 'R-TOUCH-5'].map(
    (rule) => [rule, 'issue 15, people, companies and keep-in-touch reminders'] as const,
  ),
  ...[
    'R-MERGE-1',
    'R-MERGE-2',
    'R-MERGE-3',
    'R-MERGE-4',
    'R-ERASE-1',
    'R-ERASE-2',
    'R-ERASE-3',
    'R-ERASE-4',
  ].map((rule) => [rule, 'issue 16, duplicates and erasure'] as const),
  ...['R-SET-2', 'R-BULK-1', 'R-BULK-2'].map(
    (rule) => [rule, 'issue 17, settings that change and changes to many contacts'] as const,
  ),
]);

/** The rule ids of SPEC.md: each numbered item of a section whose title names a prefix. */
const specRules = (spec: string): string[] => {
  const rules: string[] = [];
  let prefix: string | undefined;
  for (const line of spec.split('\n')) {
    if (line.startsWith('## ')) {
      prefix = /^## \d+\. .*\((R-[A-Z]+)\)/.exec(line)?.[1];
      continue;
    }
    const item = /^(\d+)\. /.exec(line);
    if (item !== null && prefix !== undefined) rules.push(`${prefix}-${item[1]}`);
  }
  return rules;
};

/**
 * The library's test files: every `*.test.ts` but the reference model's, those of dependencies,
 * and those of hidden directories (a mutation run's sandbox copies the whole workspace).
 */
const testFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist', 'stories'].includes(entry.name) || entry.name.startsWith('.')
        ? []
        : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });

describe.skipIf(!existsSync(SPEC))('the rules of SPEC.md and their tests', () => {
  it('every rule has a test that names it, but those listed with the issue that brings them', () => {
    const rules = specRules(readFileSync(SPEC, 'utf8'));
    expect(rules.length).toBeGreaterThan(90);
    const named = new Set<string>();
    for (const file of testFiles(ROOT)) {
      if (relative(ROOT, file) === 'test/specCoverage.test.ts') continue;
      for (const match of readFileSync(file, 'utf8').matchAll(/R-[A-Z]+-\d+/g)) named.add(match[0]);
    }
    const untested = rules.filter((rule) => !named.has(rule));
    expect(untested).toEqual(rules.filter((rule) => NOT_YET.has(rule)));
    // A listed rule that is not in SPEC.md any more leaves the list too.
    expect([...NOT_YET.keys()].filter((rule) => !rules.includes(rule))).toEqual([]);
  });
});
