/**
 * Turns an example block (an `@example`, or a Markdown block after its page's setup) into a
 * function that runs it: imports become look-ups in a module table, and each statement followed by
 * a `// <value>` comment becomes a deep-equality check.
 */
import ts from 'typescript';
import type { ExampleBlock } from './extract.js';

/** One `// <value>` check of an example: where it is and what it compares. */
export interface ExampleCheck {
  readonly line: number;
  readonly actual: string;
  readonly expected: string;
}

/** An example ready to run. */
export interface CompiledExample {
  /** Runs the example with the runtime it calls. */
  readonly run: (runtime: ExampleRuntime) => Promise<void>;
  /** The checks, in order; `check` is called with their index. */
  readonly checks: ReadonlyArray<ExampleCheck>;
}

/** What a compiled example calls while it runs. */
export interface ExampleRuntime {
  readonly load: (specifier: string) => Promise<Record<string, unknown>>;
  readonly check: (actual: unknown, expected: unknown, index: number) => void;
  /** What `…` stands for in a value comment: "and more" (run.ts's `MORE`). */
  readonly more: object;
  /** What a capitalized name the example does not know stands for in a list of a value: an event. */
  readonly event: (type: string) => unknown;
  readonly importMeta: { readonly url: string };
}

/** Whether JavaScript (not TypeScript: `such as 'a'` is prose) parses `text` as an expression. */
const parsesAsJavaScript = (text: string): boolean => {
  try {
    new Function(`return (${text}\n);`);
    return true;
  } catch {
    return false;
  }
};

/**
 * Prose that JavaScript would parse (`keep in touch` is an `in` test): two words in a row at the
 * start, the first not an operator such as `typeof`.
 */
const PROSE = /^\s*(?!(?:new|typeof|await|void|delete)\s)[A-Za-z_$][\w$]*\s+[A-Za-z_$]/;

/** A call written with a space before its parenthesis: a value and a note, `'proposal' (R-STEP-3)`. */
const isSpacedCall = (expression: ts.Expression, source: ts.SourceFile): boolean =>
  ts.isCallExpression(expression) &&
  /\s/.test(source.text.slice(expression.expression.getEnd(), expression.arguments.pos - 1));

/** The names a value uses that `isNamed` does not know, keys and properties aside. */
const unknownNames = (value: ts.Node, isNamed: (name: string) => boolean): ts.Identifier[] => {
  const names: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isIdentifier(node) &&
      !isNamed(node.text) &&
      !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) &&
      !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)
    ) {
      names.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(value);
  return names;
};

/** A capitalized name as an item of a list: `[SegmentSet, ContactShared]` lists events by type. */
const isEventItem = (name: ts.Identifier): boolean =>
  /^[A-Z]/.test(name.text) && ts.isArrayLiteralExpression(name.parent);

/**
 * An unknown name that makes a value prose: a key written alone, `{ orgId, contacts }`, lists keys;
 * a capitalized name elsewhere than in a list names a type, `Either<Rejection, KeyObject>`.
 */
const isProseName = (name: ts.Identifier): boolean =>
  ts.isShorthandPropertyAssignment(name.parent) || (/^[A-Z]/.test(name.text) && !isEventItem(name));

/**
 * A comment's text parses as one JavaScript expression and does not read as prose (a top-level
 * comma is taken as prose too, and so is a value with a name `isProseName` finds).
 */
const isExpression = (text: string, isNamed: (name: string) => boolean): boolean => {
  if (text.trim() === '' || PROSE.test(text) || !parsesAsJavaScript(`async () => (${text}\n)`)) return false;
  const word = /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(text)?.[1];
  if (word !== undefined && !isNamed(word)) return false;
  const source = ts.createSourceFile('value.ts', `(${text}\n);`, ts.ScriptTarget.ES2022, true);
  const diagnostics = (source as { parseDiagnostics?: ReadonlyArray<unknown> }).parseDiagnostics ?? [];
  if (diagnostics.length > 0 || source.statements.length !== 1) return false;
  const statement = source.statements[0];
  if (statement === undefined || !ts.isExpressionStatement(statement)) return false;
  const inner = ts.isParenthesizedExpression(statement.expression)
    ? statement.expression.expression
    : undefined;
  return (
    inner !== undefined &&
    !(ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.CommaToken) &&
    !isSpacedCall(inner, source) &&
    !unknownNames(inner, isNamed).some(isProseName)
  );
};

/** `…` outside strings, as a spread of the runtime's "and more" marker. */
const withMore = (text: string): string => {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  let out = '';
  let last = 0;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.Unknown && scanner.getTokenText() === '…') {
      out += `${text.slice(last, scanner.getTokenStart())}...__more`;
      last = scanner.getTokenEnd();
    }
  }
  return out + text.slice(last);
};

/**
 * Where a value comment's value ends and its prose begins: `false: the canonical form is '1.5'`,
 * `'proposal' (R-STEP-3)`.
 */
const PROSE_AFTER = /:|,|;| — | \(/g;

/** A literal followed by prose without a separator: `true when every chain holds`. */
const LITERAL_THEN_PROSE = /^\s*(true|false|null|undefined|-?\d+(?:\.\d+)?)\s+[A-Za-z]/;

/** A JavaScript literal or global such as `true`, `null`, `undefined` or `NaN`. */
const isGlobal = (name: string): boolean =>
  ['true', 'false', 'null', 'this'].includes(name) || name in globalThis;

/**
 * The value of a comment after a statement, if it states one: the comment (with the comment lines
 * right after it, as long as the value needs them) when it parses as an expression, or else the
 * part before a `:`, `,`, `;`, ` — ` or ` (` that does, the rest being prose; a literal (`true`,
 * `null`, `undefined`, a number) that prose follows without a separator is the value too. A single word
 * is a value only when `isNamed` knows it (the example imports or declares it, or it is a global):
 * `// passes` is prose; so is a value with an unknown key written alone (`{ orgId, contacts }`) or
 * an unknown capitalized name outside a list (`Either<Rejection, KeyObject>`).
 */
export const valueOf = (
  comments: ReadonlyArray<string>,
  isNamed: (name: string) => boolean = isGlobal,
): string | undefined => {
  for (let count = 1; count <= comments.length; count += 1) {
    const joined = withMore(comments.slice(0, count).join('\n'));
    if (isExpression(joined, isNamed)) return joined.trim();
  }
  const first = comments[0];
  if (first === undefined) return undefined;
  for (const separator of first.matchAll(PROSE_AFTER)) {
    const head = withMore(first.slice(0, separator.index));
    if (isExpression(head, isNamed)) return head.trim();
  }
  return LITERAL_THEN_PROSE.exec(first)?.[1];
};

/** The names an example declares at its top level or imports. */
const declaredNames = (source: ts.SourceFile): Set<string> => {
  const names = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name !== undefined) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else if (bindings !== undefined) for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    }
  }
  return names;
};

/** The `// ` comments that close a statement's line and the comment-only lines right after it. */
const commentsAfter = (source: ts.SourceFile, statement: ts.Statement): string[] => {
  const text = source.text;
  const lineOfEnd = source.getLineAndCharacterOfPosition(statement.end).line;
  const lines = text.split('\n');
  const comments: string[] = [];
  const rest = (lines[lineOfEnd] ?? '').slice(source.getLineAndCharacterOfPosition(statement.end).character);
  const trailing = /^\s*\/\/ ?(.*)$/.exec(rest);
  if (trailing !== null) comments.push(trailing[1] ?? '');
  else if (rest.trim() !== '') return [];
  for (let line = lineOfEnd + 1; line < lines.length; line += 1) {
    const only = /^\s*\/\/ ?(.*)$/.exec(lines[line] ?? '');
    if (only === null) break;
    comments.push(only[1] ?? '');
  }
  return comments;
};

/** An import declaration as constants taken from the runtime's module table. */
const importAsConstants = (declaration: ts.ImportDeclaration): string => {
  const specifier = (declaration.moduleSpecifier as ts.StringLiteral).text;
  const module = `(await __runtime.load(${JSON.stringify(specifier)}))`;
  const clause = declaration.importClause;
  if (clause === undefined) return `${module};`;
  if (clause.isTypeOnly) return '';
  const parts: string[] = [];
  if (clause.name !== undefined) parts.push(`const ${clause.name.text} = ${module}.default;`);
  const bindings = clause.namedBindings;
  if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
    parts.push(`const ${bindings.name.text} = ${module};`);
  } else if (bindings !== undefined) {
    const names = bindings.elements
      .filter((element) => !element.isTypeOnly)
      .map((element) =>
        element.propertyName === undefined
          ? element.name.text
          : `${element.propertyName.getText()}: ${element.name.text}`,
      );
    if (names.length > 0) parts.push(`const { ${names.join(', ')} } = ${module};`);
  }
  return parts.join(' ');
};

/**
 * A statement with its value checked, given how to check an expression: an expression statement's
 * expression, the one variable a declaration declares, or, for `try { … } catch (e) { …; x; }`, the
 * last expression of the catch block, after checking that the try block threw.
 */
const withCheck = (
  statement: ts.Statement,
  line: number,
  check: (actual: string) => string,
): string | undefined => {
  if (ts.isExpressionStatement(statement)) return check(statement.expression.getText());
  if (ts.isVariableStatement(statement)) {
    const [declaration, ...others] = statement.declarationList.declarations;
    if (declaration === undefined || others.length > 0 || !ts.isIdentifier(declaration.name))
      return undefined;
    return `${statement.getText()}\n${check(declaration.name.text)}`;
  }
  if (
    ts.isTryStatement(statement) &&
    statement.catchClause !== undefined &&
    statement.finallyBlock === undefined
  ) {
    const { variableDeclaration, block } = statement.catchClause;
    const last = block.statements[block.statements.length - 1];
    if (last === undefined || !ts.isExpressionStatement(last)) return undefined;
    const before = block.statements.slice(0, -1).map((inner) => inner.getText());
    const binding = variableDeclaration === undefined ? '' : ` (${variableDeclaration.getText()})`;
    return [
      '{ let __threw = false;',
      `try ${statement.tryBlock.getText()} catch${binding} {`,
      ...before,
      '__threw = true;',
      check(last.expression.getText()),
      '}',
      `if (!__threw) throw new Error(${JSON.stringify(`line ${line}: the try block did not throw`)}); }`,
    ].join('\n');
  }
  return undefined;
};

/** The expression a check compares, as the check's message shows it. */
const actualOf = (statement: ts.Statement): string => {
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations[0]?.name.getText() ?? '';
  if (ts.isTryStatement(statement)) {
    const last = statement.catchClause?.block.statements.at(-1);
    return `(thrown) ${last === undefined ? '' : last.getText()}`;
  }
  return ts.isExpressionStatement(statement) ? statement.expression.getText() : statement.getText();
};

/** Parses a block, or throws at the line of its first syntax error. */
const parse = (block: ExampleBlock): ts.SourceFile => {
  const code = block.lines.join('\n');
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const parseErrors = (source as { parseDiagnostics?: ReadonlyArray<ts.Diagnostic> }).parseDiagnostics ?? [];
  if (parseErrors.length > 0) {
    const [first] = parseErrors;
    const at = first?.start === undefined ? 0 : source.getLineAndCharacterOfPosition(first.start).line;
    throw new Error(
      `line ${block.firstLine + at}: the example does not parse: ${ts.flattenDiagnosticMessageText(first?.messageText, '\n')}`,
    );
  }
  return source;
};

/**
 * A value with each capitalized name that `isNamed` does not know, as an item of a list, as an
 * event of that type: `right([SegmentSet, ContactShared])` is a Right of two events, a `SegmentSet`
 * then a `ContactShared`, whatever their other fields.
 */
const withEvents = (value: string, isNamed: (name: string) => boolean): string => {
  const source = ts.createSourceFile('value.ts', `(${value}\n);`, ts.ScriptTarget.ES2022, true);
  let out = value;
  for (const name of unknownNames(source, isNamed).filter(isEventItem).reverse()) {
    // The value stands in `(value\n);` at offset 1.
    const [start, end] = [name.getStart(source) - 1, name.getEnd() - 1];
    out = `${out.slice(0, start)}__event(${JSON.stringify(name.text)})${out.slice(end)}`;
  }
  return out;
};

/**
 * A block's statements as the body of the example's function: imports as constants from the
 * runtime's module table, and each statement followed by a value comment with its check, added to
 * `checks`. `runs` tells whether the block has code besides its imports.
 */
const statementsOf = (
  block: ExampleBlock,
  source: ts.SourceFile,
  isNamed: (name: string) => boolean,
  checks: ExampleCheck[],
): { body: string[]; runs: boolean } => {
  const body: string[] = [];
  let runs = false;
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      body.push(importAsConstants(statement));
      continue;
    }
    runs = true;
    const line = block.firstLine + source.getLineAndCharacterOfPosition(statement.end).line;
    const value = valueOf(commentsAfter(source, statement), isNamed);
    if (value === undefined) {
      body.push(statement.getText());
      continue;
    }
    const expected = withEvents(value, isNamed);
    const index = checks.length;
    const checked = withCheck(
      statement,
      line,
      (actual) => `__runtime.check(${actual}, (${expected}\n), ${index});`,
    );
    if (checked === undefined) {
      throw new Error(`line ${line}: the comment // ${value} follows a statement that has no value to check`);
    }
    checks.push({ line, actual: actualOf(statement), expected: value });
    body.push(checked);
  }
  return { body, runs };
};

/** What a Markdown fragment runs inside. */
export interface Surroundings {
  /** A block run first, in a scope around the example's own: the page's setup. */
  readonly setup?: ExampleBlock;
  /**
   * The declarations the example is typechecked with (a fragment's context, TypeScript): their
   * imports are loaded in the example's scope, before its code; a `declare` has no code.
   */
  readonly context?: string;
}

/**
 * Compiles an example block, run after its setup when it has one. Throws when the example cannot be
 * run as written: it has no code besides its imports, or a value comment follows a statement that
 * has no value.
 */
export const compileExample = (block: ExampleBlock, surroundings: Surroundings = {}): CompiledExample => {
  const { setup, context } = surroundings;
  const source = parse(block);
  const parsedSetup = setup === undefined ? undefined : { block: setup, source: parse(setup) };
  const contextSource =
    context === undefined
      ? undefined
      : ts.createSourceFile('context.ts', context, ts.ScriptTarget.ES2022, true);
  const names = new Set(
    [source, parsedSetup?.source, contextSource].flatMap((each) =>
      each === undefined ? [] : [...declaredNames(each)],
    ),
  );
  const isNamed = (name: string): boolean => names.has(name) || isGlobal(name);
  const checks: ExampleCheck[] = [];
  const outer =
    parsedSetup === undefined
      ? []
      : statementsOf(parsedSetup.block, parsedSetup.source, isNamed, checks).body;
  const given = (contextSource?.statements ?? []).flatMap((statement) =>
    ts.isImportDeclaration(statement) ? [importAsConstants(statement)] : [],
  );
  const { body, runs } = statementsOf(block, source, isNamed, checks);
  if (!runs) throw new Error(`line ${block.firstLine}: the example has no code besides its imports`);
  const code = setup === undefined && context === undefined ? body : [...outer, '{', ...given, ...body, '}'];
  const wrapped = [
    'async function __example(__runtime) {',
    'const __more = __runtime.more;',
    'const __event = __runtime.event;',
    ...code,
    '}',
  ].join('\n');
  const javascript = ts.transpileModule(wrapped.replaceAll('import.meta', '__runtime.importMeta'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const run = new Function(`${javascript}\nreturn __example;`)() as (
    runtime: ExampleRuntime,
  ) => Promise<void>;
  return { run, checks };
};
