/**
 * Verification on several threads (R-AUDIT-5): a database store's streams split into partitions,
 * each verified by a thread that reads the database itself, and the reports merged into one.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { RapportError } from '../errors.js';
import { mergeVerificationReports, type VerificationReport } from '../verify.js';

/** What a worker sends back: its partition's report, or the error that stopped it. */
type Answer =
  | { readonly report: VerificationReport }
  | {
      readonly error: {
        readonly code: string | undefined;
        readonly message: string;
        readonly details: unknown;
      };
    };

/** The nearest `tsconfig.json` above a file: it maps the `@rapport/*` imports to the sources. */
const tsconfigAbove = (file: string): string | undefined => {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
};

/**
 * A worker for `script`: the built `.js` file as it is; when only its TypeScript source is there
 * (tests and tools run from the sources), the `.ts` file through tsx with the package's tsconfig.
 * tsx is registered from inside the worker: on Node 20 a worker does not inherit module hooks,
 * not even those of an `--import` in its `execArgv`.
 */
const startWorker = (script: URL, input: unknown): Worker => {
  const file = fileURLToPath(script);
  if (existsSync(file) || !file.endsWith('.js')) return new Worker(script, { workerData: input });
  const source = pathToFileURL(`${file.slice(0, -'.js'.length)}.ts`);
  const tsxPackage = createRequire(source).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs'));
  const tsconfig = tsconfigAbove(fileURLToPath(source));
  const body = `import(${JSON.stringify(tsxApi.href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(body, {
    eval: true,
    workerData: input,
    env: tsconfig === undefined ? process.env : { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
  });
};

/** The report a worker sends back, or its error. */
const answerOf = (worker: Worker): Promise<VerificationReport> =>
  new Promise((resolve, reject) => {
    let answered = false;
    worker.once('message', (answer: Answer) => {
      answered = true;
      if ('report' in answer) resolve(answer.report);
      else {
        const { code, message, details } = answer.error;
        reject(code === undefined ? new Error(message) : new RapportError(code, message, details));
      }
    });
    worker.once('error', reject);
    worker.once('exit', (exitCode) => {
      if (!answered)
        reject(new Error(`a verification worker stopped (exit code ${exitCode}) without a report`));
    });
  });

/**
 * Verifies partitions of a store's streams side by side and merges the reports
 * (`mergeVerificationReports`): the first input on the calling thread with `verifyHere`, while each
 * other input runs in a worker thread of its own, started first so that it loads while the
 * calling thread works. `script` names the worker's built `.js` file, which must call
 * `answerVerification` with the same work as `verifyHere`; from the sources its `.ts` twin is run
 * through tsx. The first error of any thread rejects, and the workers still running are stopped.
 *
 * @example
 * // await verifyInThreads(new URL('./verifyWorker.js', import.meta.url), inputs, verifyPartition);
 */
export const verifyInThreads = async <I>(
  script: URL,
  inputs: ReadonlyArray<I>,
  verifyHere: (input: I) => VerificationReport | Promise<VerificationReport>,
): Promise<VerificationReport> => {
  const [here, ...elsewhere] = inputs;
  const workers = elsewhere.map((input) => startWorker(script, input));
  const answers = workers.map(answerOf);
  // Every answer is awaited below; until then a failure must not count as unhandled.
  for (const answer of answers) answer.catch(() => undefined);
  try {
    const own = here === undefined ? [] : [await verifyHere(here)];
    return mergeVerificationReports([...own, ...(await Promise.all(answers))]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
};

/**
 * The body of a verification worker: runs `verify` on the worker's input and sends back its report,
 * or the error it threw (with its code, for a `RapportError`).
 *
 * @example
 * // answerVerification(async (input: MyInput) => verifyMyPartition(input));
 */
export const answerVerification = async <I>(
  verify: (input: I) => VerificationReport | Promise<VerificationReport>,
): Promise<void> => {
  let answer: Answer;
  try {
    answer = { report: await verify(workerData as I) };
  } catch (error) {
    answer = {
      error: {
        code: error instanceof RapportError ? error.code : undefined,
        message: error instanceof Error ? error.message : String(error),
        details: error instanceof RapportError ? error.details : undefined,
      },
    };
  }
  try {
    parentPort?.postMessage(answer);
  } catch {
    // Details that cannot be cloned to another thread are left out; the code and message stay.
    parentPort?.postMessage('error' in answer ? { error: { ...answer.error, details: undefined } } : answer);
  }
};
