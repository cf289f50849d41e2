/**
 * The machine's limits, measured with plain code on the same 300-byte events the other workloads
 * store: what JSON, SHA-256 and ULID generation cost at best, on one core and on both. Every
 * Rapport figure is printed beside the limit that bounds it.
 */
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { figure, type Measured } from '../internal/figure.js';
import { measureRate, median } from '../internal/measure.js';
import { sampleEvents, ulidFactory } from '../internal/sampleEvents.js';
import type { Workload, WorkloadContext } from '../internal/workload.js';

/** The ids of the limits, for other workloads to name. */
export const LIMIT = {
  stringify: 'limit.json.stringify',
  parse: 'limit.json.parse',
  sha256One: 'limit.sha256.one',
  sha256OneShot: 'limit.sha256.oneShot',
  sha256Ten: 'limit.sha256.ten',
  ulid: 'limit.ulid.monotonic',
  stringifyAndHash: 'limit.stringify+sha256',
  stringifyAndHashTwoCores: 'limit.stringify+sha256.2cores',
} as const;

const POOL = 1000;

/** Keeps each loop's result alive so that no call can be optimized away. */
export let sink: unknown;

type OneShot = (algorithm: string, data: string, encoding: 'hex') => string;

/**
 * SHA-256 of a short text as fast as this Node does it: the one-shot `crypto.hash` (Node ≥ 20.12),
 * else `createHash`.
 */
const sha256 = ((oneShot: OneShot | undefined) =>
  oneShot === undefined
    ? (text: string): string => createHash('sha256').update(text).digest('hex')
    : (text: string): string => oneShot('sha256', text, 'hex'))((crypto as { hash?: OneShot }).hash);

/** A plain loop run in each of two worker threads at once: JSON.stringify then SHA-256 per event. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const sha256 = crypto.hash === undefined
  ? (text) => crypto.createHash('sha256').update(text).digest('hex')
  : (text) => crypto.hash('sha256', text, 'hex');
const { events, operations } = workerData;
parentPort.on('message', () => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < operations; i++) sha256(JSON.stringify(events[i % events.length]));
  parentPort.postMessage(Number(process.hrtime.bigint() - start) / 1e9);
});
`;

/** The id of a limit measured again inside a workload, right beside the figures it bounds. */
const localId = (id: string, workload: string): string => (workload === 'limits' ? id : `${id}@${workload}`);
const localLabel = (workload: string): string => (workload === 'limits' ? '' : ', measured in this workload');

const limitEvents = (): ReadonlyArray<unknown> =>
  sampleEvents(POOL, 100).map((w) => ({ ...w.event, streamId: w.streamId }));

/**
 * JSON.stringify + SHA-256 per event on one thread (or on two), measured inside a workload right
 * before the figures it bounds, so that the ratio is taken under the same load. Its id is the
 * limit's id followed by `@<workload>`.
 *
 * @example
 * // const limit = await stringifyAndHashLimit(context, 'appends');
 * // limit.id; // 'limit.stringify+sha256@appends'
 */
export const stringifyAndHashLimit = async (
  context: WorkloadContext,
  workload: string,
  threads: 1 | 2 = 1,
): Promise<Measured> => {
  const events = limitEvents();
  if (threads === 2) return twoCoreRate(context, events, workload);
  const n = context.sizes.limitOperations;
  const measured = await measureRate({
    ...context.sizes.repeats,
    setup: () => undefined,
    run: () => {
      for (let i = 0; i < n; i++) sink = sha256(JSON.stringify(events[i % POOL]));
      return n;
    },
  });
  return figure(
    {
      workload,
      id: localId(LIMIT.stringifyAndHash, workload),
      label: `JSON.stringify + SHA-256 (one-shot) per event${localLabel(workload)}`,
      unit: 'events/s',
      role: 'limit',
    },
    measured,
  );
};

const twoCoreRate = async (
  context: WorkloadContext,
  events: ReadonlyArray<unknown>,
  workload = 'limits',
): Promise<Measured> => {
  const operations = context.sizes.limitOperations;
  const workers = [0, 1].map(
    () => new Worker(WORKER_SOURCE, { eval: true, workerData: { events, operations } }),
  );
  const round = (): Promise<number> =>
    Promise.all(
      workers.map(
        (worker) =>
          new Promise<number>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage('go');
          }),
      ),
    ).then((seconds) => (operations * workers.length) / Math.max(...seconds));
  try {
    const { warmup, runs } = context.sizes.repeats;
    const rates: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const rate = await round();
      if (i >= warmup) rates.push(rate);
    }
    return figure(
      {
        workload,
        id: localId(LIMIT.stringifyAndHashTwoCores, workload),
        label: `JSON.stringify + SHA-256 (one-shot) per event, 2 threads${localLabel(workload)}`,
        unit: 'events/s',
        role: 'limit',
      },
      { median: median(rates), samples: rates },
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
};

const run = async (context: WorkloadContext): Promise<ReadonlyArray<Measured>> => {
  const n = context.sizes.limitOperations;
  const events = limitEvents();
  const texts = events.map((event) => JSON.stringify(event));
  const loop = (body: (i: number) => unknown) => (): number => {
    for (let i = 0; i < n; i++) sink = body(i);
    return n;
  };
  const limit = async (
    id: string,
    label: string,
    body: (i: number) => unknown,
    perCall = 1,
  ): Promise<Measured> => {
    const measured = await measureRate({ ...context.sizes.repeats, setup: () => undefined, run: loop(body) });
    return figure(
      { workload: 'limits', id, label, unit: 'events/s', role: 'limit' },
      { median: measured.median * perCall, samples: measured.samples.map((s) => s * perCall) },
    );
  };
  const ulid = ulidFactory();
  const tens = Array.from({ length: POOL }, (_, i) =>
    Array.from({ length: 10 }, (_, k) => texts[(i * 10 + k) % POOL]!),
  );
  const figures = [
    await limit(LIMIT.stringify, 'JSON.stringify of one event', (i) => JSON.stringify(events[i % POOL])),
    await limit(LIMIT.parse, 'JSON.parse of one event', (i) => JSON.parse(texts[i % POOL]!)),
    await limit(LIMIT.sha256One, 'SHA-256 of one event (createHash, hex)', (i) =>
      createHash('sha256')
        .update(texts[i % POOL]!)
        .digest('hex'),
    ),
    await limit(LIMIT.sha256OneShot, 'SHA-256 of one event (one-shot crypto.hash, hex)', (i) =>
      sha256(texts[i % POOL]!),
    ),
    await limit(
      LIMIT.sha256Ten,
      'SHA-256 of ten events sharing one digest',
      (i) => {
        const hash = createHash('sha256');
        for (const text of tens[i % POOL]!) hash.update(text);
        return hash.digest('hex');
      },
      10,
    ),
    await limit(LIMIT.ulid, 'monotonic ULID', () => ulid()),
    await limit(LIMIT.stringifyAndHash, 'JSON.stringify + SHA-256 (one-shot) per event', (i) =>
      sha256(JSON.stringify(events[i % POOL])),
    ),
  ];
  figures.push(await twoCoreRate(context, events));
  return figures;
};

/**
 * The machine limits, as a workload of the suite.
 *
 * @example
 * import { limits } from './limits.js';
 * limits.name; // 'limits'
 */
export const limits: Workload = { name: 'limits', title: 'Machine limits', run };
