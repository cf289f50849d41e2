/**
 * Finds the TypeScript blocks of a Markdown page (```ts fences), each named after the heading it is
 * under and its line, gives a fragment the declarations of the names it uses without declaring,
 * and the page's setup it runs after.
 */
import ts from 'typescript';
import type { ExampleBlock } from './extract.js';

/**
 * What a block is, by its fence: `program` (```ts), a whole program; `fragment` (```ts fragment), a
 * part of one, over names the page's prose gives; `setup` (```ts setup), what the fragments after
 * it run after, most often written inside an HTML comment so that the page does not show it.
 */
export type BlockKind = 'program' | 'fragment' | 'setup';

/** One fenced TypeScript block of a Markdown page. */
export interface MarkdownBlock extends ExampleBlock {
  /** The heading the block is under, `(top)` before the first. */
  readonly heading: string;
  readonly kind: BlockKind;
  /** For a fragment: the last setup block before it on the page, if any. */
  readonly setup?: ExampleBlock;
}

/** The languages of the fences that are typechecked. */
const TYPESCRIPT = new Set(['ts', 'typescript']);

/** The kind a fence's words after the language give. */
const kindOf = (words: ReadonlyArray<string>): BlockKind =>
  words.includes('setup') ? 'setup' : words.includes('fragment') ? 'fragment' : 'program';

/**
 * Every ```ts block of a Markdown page, in order: its name is `<heading> (line <n>)`, the line of
 * its opening fence; the code runs from the line after the fence to the closing one. A fragment
 * gets the page's last setup block before it.
 */
export const markdownBlocks = (text: string): ReadonlyArray<MarkdownBlock> => {
  const blocks: MarkdownBlock[] = [];
  const lines = text.split('\n');
  let heading = '(top)';
  let setup: ExampleBlock | undefined;
  let open: { fence: string; typed: boolean; kind: BlockKind; at: number; lines: string[] } | undefined;
  lines.forEach((line, index) => {
    if (open !== undefined) {
      if (line.trim() === open.fence) {
        if (open.typed) {
          const block = {
            name: `${heading} (line ${open.at + 1})`,
            lines: open.lines,
            firstLine: open.at + 2,
          };
          if (open.kind === 'setup') setup = block;
          blocks.push({
            ...block,
            heading,
            kind: open.kind,
            ...(open.kind === 'fragment' && setup !== undefined ? { setup } : {}),
          });
        }
        open = undefined;
      } else {
        open.lines.push(line);
      }
      return;
    }
    const fence = /^(`{3,}|~{3,})\s*(\S*)(.*)$/.exec(line.trim());
    if (fence !== null) {
      const words = (fence[3] ?? '').trim().split(/\s+/);
      open = {
        fence: fence[1] ?? '```',
        typed: TYPESCRIPT.has(fence[2] ?? ''),
        kind: kindOf(words),
        at: index,
        lines: [],
      };
      return;
    }
    const title = /^#{1,6}\s+(.*)$/.exec(line);
    if (title !== null) heading = (title[1] ?? '').trim();
  });
  return blocks;
};

/**
 * The names a fragment may use without declaring them, each with its declaration. The code of a
 * page's fragments reads as if these were given: the facade `rapport`, its `store`, the packages'
 * functions the page's prose has introduced.
 */
export const FRAGMENT_CONTEXT: Readonly<Record<string, string>> = {
  rapport: "declare const rapport: import('@rapport/domain').Rapport;",
  store: "declare const store: import('@rapport/core').EventStore & import('@rapport/core').SnapshotStore;",
  connectionString: 'declare const connectionString: string;',
  publicKey: "declare const publicKey: import('node:crypto').KeyObject;",
  myPgPool: "declare const myPgPool: import('pg').Pool;",
  budget: "declare const budget: import('@rapport/domain').FieldDefinition;",
  createRapport: "import { createRapport } from '@rapport/domain';",
  defineAggregate: "import { defineAggregate } from '@rapport/core';",
  reject: "import { reject } from '@rapport/core';",
  StreamModel: "import type { StreamModel } from '@rapport/core';",
  openSqliteEventStore: "import { openSqliteEventStore } from '@rapport/store-sqlite';",
  openPostgresEventStore: "import { openPostgresEventStore } from '@rapport/store-postgres';",
  E: "import * as E from 'fp-ts/lib/Either.js';",
};

/** The names a binding declares: `a`, `[a, b]`, `{ a, b: c }`. */
const bindingNames = (name: ts.BindingName): string[] =>
  ts.isIdentifier(name)
    ? [name.text]
    : name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));

/** The names a top-level statement declares. */
const declaredBy = (statement: ts.Statement): string[] => {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause === undefined) return [];
    const bindings = clause.namedBindings;
    return [
      ...(clause.name === undefined ? [] : [clause.name.text]),
      ...(bindings === undefined
        ? []
        : ts.isNamespaceImport(bindings)
          ? [bindings.name.text]
          : bindings.elements.map((element) => element.name.text)),
    ];
  }
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((declaration) => bindingNames(declaration.name));
  if (
    (ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement)) &&
    statement.name !== undefined
  )
    return [statement.name.text];
  return [];
};

/** The names a block declares at its top level. */
const topLevelNames = (lines: ReadonlyArray<string>): Set<string> => {
  const source = ts.createSourceFile('block.ts', lines.join('\n'), ts.ScriptTarget.ES2022, true);
  return new Set(source.statements.flatMap(declaredBy));
};

/**
 * The names of `FRAGMENT_CONTEXT` that a fragment uses and does not declare at its top level. A
 * name counts as used wherever it stands but after a `.` or as an object key.
 */
const contextNames = (lines: ReadonlyArray<string>): string[] => {
  const source = ts.createSourceFile('fragment.ts', lines.join('\n'), ts.ScriptTarget.ES2022, true);
  const declared = topLevelNames(lines);
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isIdentifier(node) &&
      !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) &&
      !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)
    ) {
      used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return Object.keys(FRAGMENT_CONTEXT).filter((name) => used.has(name) && !declared.has(name));
};

/** The declarations of `FRAGMENT_CONTEXT` that a fragment needs (`contextNames`), one a line. */
export const fragmentContext = (lines: ReadonlyArray<string>): string =>
  contextNames(lines)
    .map((name) => FRAGMENT_CONTEXT[name])
    .join('\n');

/**
 * The names a fragment takes from `FRAGMENT_CONTEXT` that are declared there without a value
 * (`rapport`, `store`, …) and that its setup does not declare: the fragment cannot run without them.
 */
export const namesWithoutValue = (block: MarkdownBlock): string[] => {
  const given = block.setup === undefined ? new Set<string>() : topLevelNames(block.setup.lines);
  return contextNames(block.lines).filter(
    (name) => FRAGMENT_CONTEXT[name]?.startsWith('declare ') === true && !given.has(name),
  );
};
