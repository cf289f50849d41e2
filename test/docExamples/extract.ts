/**
 * Finds the `@example` blocks of a source file's doc comments, each with the name of what it documents
 * (`ownerKey`, `Rapport.saveSnapshot`) and the source line of each of its lines.
 */
import ts from 'typescript';

/** One `@example` block: its code lines with their line numbers in the source file. */
export interface ExampleBlock {
  /** The documented declaration, with its enclosing declarations: `InMemoryEventStore.append`. */
  readonly name: string;
  /** The code, one entry per line, without the comment's leading `*`. */
  readonly lines: ReadonlyArray<string>;
  /** The 1-based source line of the block's first code line. */
  readonly firstLine: number;
}

/** Declarations whose name is part of a documented thing's name. */
const nameOf = (node: ts.Node): string | undefined => {
  if (ts.isVariableStatement(node)) return nameOf(node.declarationList.declarations[0] ?? node);
  if (
    (ts.isVariableDeclaration(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isEnumDeclaration(node) ||
      ts.isEnumMember(node) ||
      ts.isModuleDeclaration(node) ||
      ts.isPropertyAssignment(node) ||
      ts.isShorthandPropertyAssignment(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isMethodSignature(node) ||
      ts.isPropertyDeclaration(node) ||
      ts.isPropertySignature(node) ||
      ts.isGetAccessorDeclaration(node)) &&
    node.name !== undefined
  ) {
    return node.name.getText();
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return undefined;
};

/** The dotted name of a node: its own name after those of the declarations around it. */
const qualifiedName = (node: ts.Node): string => {
  const names: string[] = [];
  for (let at: ts.Node | undefined = node; at !== undefined; at = at.parent) {
    if (ts.isVariableDeclarationList(at)) continue;
    const name = nameOf(at);
    if (name !== undefined && names[0] !== name) names.unshift(name);
  }
  return names.join('.');
};

/** Where each doc comment starts, with the name of the declaration it documents. */
const documentedNames = (source: ts.SourceFile): Map<number, string> => {
  const names = new Map<number, string>();
  const visit = (node: ts.Node): void => {
    // `jsDoc` is how the parser attaches doc comments; the public getter also returns the parents'.
    const docs = (node as { jsDoc?: ReadonlyArray<ts.JSDoc> }).jsDoc ?? [];
    for (const doc of docs) names.set(doc.pos, qualifiedName(node) || '(module)');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
};

/** The line of a doc comment without its leading ` * `. */
const commentLine = (line: string): string => line.replace(/^\s*\*(?: |$)/, '');

/**
 * Every `@example` block of a TypeScript source file, in order. A block runs from its `@example`
 * line to the next tag or the end of the comment.
 */
export const exampleBlocks = (fileName: string, text: string): ReadonlyArray<ExampleBlock> => {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names = documentedNames(source);
  const blocks: ExampleBlock[] = [];
  for (const match of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const start = match.index;
    const startLine = source.getLineAndCharacterOfPosition(start).line + 1;
    const name = names.get(start) ?? `(comment at line ${startLine})`;
    const lines = match[0].replace(/\s*\*\/$/, '').split('\n');
    let current: { lines: string[]; firstLine: number } | undefined;
    const close = (): void => {
      if (current === undefined) return;
      while (current.lines.length > 0 && current.lines[current.lines.length - 1]?.trim() === '') {
        current.lines.pop();
      }
      blocks.push({ name, lines: current.lines, firstLine: current.firstLine });
      current = undefined;
    };
    lines.forEach((raw, index) => {
      const line = commentLine(index === 0 ? raw.replace(/^\/\*\*/, '') : raw);
      if (/^\s*@example\b/.test(line)) {
        close();
        current = { lines: [], firstLine: startLine + index + 1 };
      } else if (/^\s*@\w/.test(line)) {
        close();
      } else if (current !== undefined) {
        current.lines.push(line);
      }
    });
    close();
  }
  return blocks;
};
