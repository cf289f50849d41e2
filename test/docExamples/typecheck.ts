/**
 * Typechecks `@example` blocks with the workspace's compiler options: each block becomes a module
 * beside the file it documents (in memory only), so its imports resolve as that file's would.
 */
import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { ExampleBlock } from './extract.js';

/** One example to typecheck: the documented file (relative to the root) and its block. */
export interface TypedExample {
  readonly file: string;
  readonly title: string;
  readonly block: ExampleBlock;
  /**
   * The folder, relative to the root, the block's module is placed in (its imports resolve from
   * there); the documented file's own folder when absent.
   */
  readonly folder?: string;
  /** Declarations put after the block's code (a Markdown fragment's context), on lines of their own. */
  readonly context?: string;
}

/** A type error in an example, at its line in the documented file. */
export interface ExampleTypeError {
  readonly file: string;
  readonly title: string;
  readonly line: number;
  readonly message: string;
}

/** The compiler options of tsconfig.paths.json, less the checks that a fragment cannot meet. */
const optionsOf = (root: string): ts.CompilerOptions => {
  const path = join(root, 'tsconfig.paths.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    path,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error(`cannot read ${path}`);
  return {
    ...config.options,
    noEmit: true,
    // An example shows a call; a name it declares and leaves unused is part of what it shows.
    noUnusedLocals: false,
    noUnusedParameters: false,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
  };
};

/**
 * The type errors of the examples, each at its line in the documented file. Every block is a module
 * of its own (`export {}` closes it) named `<file>.example<N>.ts`, beside the documented file.
 */
export const typecheckExamples = (
  root: string,
  examples: ReadonlyArray<TypedExample>,
): ExampleTypeError[] => {
  const virtual = new Map<string, TypedExample>();
  examples.forEach((example, index) => {
    const path = join(root, example.folder ?? dirname(example.file), `__docExample${index}.ts`);
    virtual.set(path, example);
  });
  const options = optionsOf(root);
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const textOf = (example: TypedExample): string =>
    `${example.block.lines.join('\n')}\nexport {};\n${example.context ?? ''}\n`;
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.readFile = (name) => {
    const example = virtual.get(name);
    return example === undefined ? readFile(name) : textOf(example);
  };
  host.getSourceFile = (name, language, onError, create) => {
    const example = virtual.get(name);
    return example === undefined
      ? getSourceFile(name, language, onError, create)
      : ts.createSourceFile(name, textOf(example), language, true);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  const errors: ExampleTypeError[] = [];
  for (const [path, example] of virtual) {
    const source = program.getSourceFile(path);
    if (source === undefined) continue;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const diagnostic of diagnostics) {
      const line =
        diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line;
      errors.push({
        file: example.file,
        title: example.title,
        line: example.block.firstLine + line,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      });
    }
  }
  return errors;
};
