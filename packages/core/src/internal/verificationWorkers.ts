/**
 * Verification on several threads (R-AUDIT-5): a database store's streams split into partitions,
 * each verified by a thread that reads the database itself, and the reports merged into one.
 *
 * Why `node:worker_threads` directly and not a pool (piscina, tinypool): a verification starts one
 * thread per partition, each runs one long task (read and check its whole partition) and ends;
 * there is no queue of short tasks to spread and no thread to reuse, which is what a pool is for.
 * What this file does beyond starting the threads is what a pool would not do either: find the
 * worker's file in a build or in the TypeScript sources, and turn a thread's failure into a
 * `RapportError` that names the partition.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RapportError } from '../errors.js';
import type { VerificationReport } from '../verify.js';
import { mergeVerificationReports } from '../verify.js';
import { verifyTaken, type PartitionReader, type WorkerAnswer } from './verifyPartition.js';

/**
 * The module a store names for `verifyInThreads`: it reads one partition of the store's events
 * in global order and hands them over in batches of rows. It is loaded in every thread, so it
 * should import little: only its database driver, not the `@rapport/*` entry points.
 */
export interface PartitionReaderModule<I> {
  readonly readPartition: PartitionReader<I>;
}

export type { PartitionReader };

/**
 * The file `url` names, or its `.ts` twin when only that one is there: code run from its
 * TypeScript sources (tests, tools under tsx) names the `.js` file that the build would make.
 */
const existing = (url: URL): { readonly url: URL; readonly source: boolean } => {
  const file = fileURLToPath(url);
  if (existsSync(file) || !file.endsWith('.js')) return { url, source: false };
  return { url: pathToFileURL(`${file.slice(0, -'.js'.length)}.ts`), source: true };
};

/** The nearest `tsconfig.json` above a file: it maps the `@rapport/*` imports to the sources. */
const tsconfigAbove = (file: string): string | undefined => {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
};

const WORKER = new URL('./verificationWorker.js', import.meta.url);

/**
 * A worker thread that verifies partitions (`verificationWorker.ts`): the built worker script as
 * it is; from the sources, its `.ts` file through tsx, registered from inside the worker (on Node
 * 20 a worker inherits no module hooks, not even those of an `--import` in its `execArgv`).
 */
const startWorker = (): Worker => {
  const script = existing(WORKER);
  if (!script.source) return new Worker(script.url);
  const tsxPackage = createRequire(script.url).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs'));
  const tsconfig = tsconfigAbove(fileURLToPath(script.url));
  const body = `import(${JSON.stringify(tsxApi.href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.url.href)}); });`;
  return new Worker(body, {
    eval: true,
    env: tsconfig === undefined ? process.env : { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
  });
};

/** What a worker is asked to do: verify partitions of `inputs`, read by the module `reader`. */
export interface VerificationJob {
  readonly reader: string;
  readonly inputs: ReadonlyArray<unknown>;
  readonly next: Int32Array;
}

/**
 * How long a worker waits for the next verification once it is done: a worker takes tens of
 * milliseconds to start (hundreds from the TypeScript sources), so verifications that follow each
 * other reuse it; an idle worker does not keep the process alive.
 */
const IDLE_MS = 5_000;

/** Workers done with their last verification, each with the timer that stops it. */
const idle = new Map<Worker, NodeJS.Timeout>();

/** A worker for a verification: an idle one, or a new one. */
const takeWorker = (): Worker => {
  for (const [worker, timer] of idle) {
    clearTimeout(timer);
    idle.delete(worker);
    worker.ref();
    return worker;
  }
  const worker = startWorker();
  // A worker that stops while idle is forgotten.
  worker.once('exit', () => {
    const timer = idle.get(worker);
    if (timer !== undefined) clearTimeout(timer);
    idle.delete(worker);
  });
  return worker;
};

/** Keeps a worker that answered for the next verification, for `IDLE_MS` at most. */
const releaseWorker = (worker: Worker): void => {
  worker.unref();
  const timer = setTimeout(() => {
    idle.delete(worker);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle.set(worker, timer);
};

/** Gives a worker its job; the reports it sends back, or its error. */
const runJob = (worker: Worker, job: VerificationJob): Promise<ReadonlyArray<VerificationReport>> =>
  new Promise((resolve, reject) => {
    const settle = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (answer: WorkerAnswer): void => {
      settle();
      if ('reports' in answer) resolve(answer.reports);
      else {
        const { code, message, details } = answer.error;
        reject(code === undefined ? new Error(message) : new RapportError(code, message, details));
      }
    };
    const onError = (error: unknown): void => {
      settle();
      reject(error);
    };
    const onExit = (exitCode: number): void => {
      settle();
      reject(new Error(`a verification worker stopped (exit code ${exitCode}) without a report`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });

/**
 * Verifies partitions of a database store's streams on `threads` threads side by side and merges
 * the reports (`mergeVerificationReports`). `reader` names a module (`PartitionReaderModule`) that
 * reads one partition's rows; every input is one partition. The calling thread and `threads - 1`
 * worker threads, given their job first so that they load while it works, take the partitions one
 * after another from a shared counter until none is left: a partition whose worker is not up yet
 * when the calling thread is done is taken by the calling thread. Workers that answered wait a few
 * seconds for the next verification, which then starts at once; an idle worker does not keep the
 * process alive. The first error of any thread rejects, and the workers of that verification are
 * stopped.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { verifyInThreads, type EventRow } from '@rapport/core/adapter';
 * import { newEvents, readEverything } from '@rapport/core/testing';
 * import type { FixtureInput } from '../testFixtures/partitionReader.js';
 * const store = new InMemoryEventStore();
 * await store.append('a', newEvents(2));
 * await store.append('b', newEvents(1));
 * const rows: EventRow[] = (await readEverything(store)).map((e) => ({
 *   global_position: e.globalPosition, stream_id: e.streamId, stream_version: e.streamVersion, event_id: e.id,
 *   type: e.type, schema_version: e.schemaVersion, data: JSON.stringify(e.data), actor: e.actor,
 *   recorded_at: e.recordedAt, correlation_id: e.correlationId, causation_id: e.causationId,
 *   previous_hash: e.previousHash, hash: e.hash,
 * }));
 * // a reader module that hands over the rows its input holds; one partition per stream
 * const reader = new URL('../testFixtures/partitionReader.js', import.meta.url);
 * const inputs: FixtureInput[] = ['a', 'b'].map((streamId) => ({
 *   rows: rows.filter((row) => row.stream_id === streamId),
 * }));
 * const report = await verifyInThreads(reader, inputs, 2);
 * report; // { ok: true, events: 3, streams: 2, headPosition: 3, missingPositions: 0, breaks: [] }
 */
export const verifyInThreads = async <I>(
  reader: URL,
  inputs: ReadonlyArray<I>,
  threads: number,
): Promise<VerificationReport> => {
  const module = existing(reader).url;
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const workerCount = Math.max(0, Math.min(threads, inputs.length) - 1);
  const workers = Array.from({ length: workerCount }, takeWorker);
  const job: VerificationJob = { reader: module.href, inputs, next };
  const answers = workers.map((worker) => runJob(worker, job));
  // Every answer is awaited below; until then a failure must not count as unhandled.
  for (const answer of answers) answer.catch(() => undefined);
  let answered = false;
  try {
    const { readPartition } = (await import(module.href)) as PartitionReaderModule<I>;
    const own = await verifyTaken(readPartition, inputs, next);
    const report = mergeVerificationReports([...own, ...(await Promise.all(answers)).flat()]);
    answered = true;
    return report;
  } finally {
    // The counter keeps the others from taking more; when one failed, they are stopped at once.
    Atomics.store(next, 0, inputs.length);
    if (answered) workers.forEach(releaseWorker);
    else await Promise.all(workers.map((worker) => worker.terminate()));
  }
};
