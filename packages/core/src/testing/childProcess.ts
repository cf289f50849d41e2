/**
 * A script run in a child Node process, for the tests that need a second process: a writer killed
 * in the middle of its appends (R-AUDIT-1), writers contending for one database.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * A running child process: its output line by line, its input, its end.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * import { pathToFileURL } from 'node:url';
 * import { createTempDir, startChild, type Child } from '@rapport/core/testing';
 * const temp = createTempDir('child');
 * writeFileSync(temp.file('greet.mjs'), 'console.log(`hello ${process.argv[2]}`);');
 * const greeter: Child = startChild(pathToFileURL(temp.file('greet.mjs')), ['ann']);
 * await greeter.exited; // 0
 * greeter.lines; // ['hello ann']
 * temp.remove();
 */
export interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  /** Every line the child printed so far. */
  readonly lines: ReadonlyArray<string>;
  /** Resolves with the first line (from now on or already printed) that `test` accepts. */
  readonly waitForLine: (test: (line: string) => boolean) => Promise<string>;
  /** Resolves with the exit code, or the signal that ended the child. */
  readonly exited: Promise<number | NodeJS.Signals>;
  readonly send: (line: string) => void;
}

/**
 * How a child is started.
 *
 * @example
 * import type { ChildOptions } from '@rapport/core/testing';
 * const typescript: ChildOptions = { nodeArgs: ['--import', 'tsx'], env: { TSX_TSCONFIG_PATH: './tsconfig.json' } };
 */
export interface ChildOptions {
  /** Arguments for Node before the script, such as `['--import', 'tsx']` to run TypeScript. */
  readonly nodeArgs?: ReadonlyArray<string>;
  /** The child's working directory; default this process's. */
  readonly cwd?: string;
  /** Variables added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts `script` with `args` in its own Node process. `waitForLine` rejects with the child's
 * error output if the child ends before printing the line awaited.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * import { pathToFileURL } from 'node:url';
 * import { createTempDir, startChild } from '@rapport/core/testing';
 * const temp = createTempDir('child');
 * writeFileSync(temp.file('writer.mjs'), "console.log('ready'); setInterval(() => {}, 1000);");
 * const writer = startChild(pathToFileURL(temp.file('writer.mjs')), []);
 * await writer.waitForLine((line) => line === 'ready'); // 'ready'
 * writer.process.kill('SIGKILL');
 * await writer.exited; // 'SIGKILL'
 * temp.remove();
 */
export const startChild = (script: URL, args: ReadonlyArray<string>, options: ChildOptions = {}): Child => {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), fileURLToPath(script), ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const watchers = new Set<(line: string) => void>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const watch of [...watchers]) watch(line);
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.on('exit', (code, signal) => resolve(signal ?? code ?? 0));
  });
  return {
    process: child,
    lines,
    exited,
    send: (line) => child.stdin.write(`${line}\n`),
    waitForLine: (test) =>
      new Promise<string>((resolve, reject) => {
        const found = lines.find(test);
        if (found !== undefined) return resolve(found);
        const watch = (line: string): void => {
          if (!test(line)) return;
          watchers.delete(watch);
          resolve(line);
        };
        watchers.add(watch);
        void exited.then((end) => {
          if (!watchers.has(watch)) return;
          watchers.delete(watch);
          reject(new Error(`the child ended (${String(end)}) before printing the line awaited: ${stderr}`));
        });
      }),
  };
};
