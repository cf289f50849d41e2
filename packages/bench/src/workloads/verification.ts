/**
 * Workload 5, hash verification: `verifyStore` walking an in-memory store of many streams,
 * recomputing every event's canonical text and chained SHA-256 (R-AUDIT-5); then the same events
 * in a SQLite file, verified by `verifyStore` on one thread and by `verifySqliteStore` on two
 * threads that each read the file.
 */
import { join } from 'node:path';
import { InMemoryEventStore, verifyStore, type VerificationReport } from '@rapport/core';
import { openSqliteEventStore, verifySqliteStore } from '@rapport/store-sqlite';
import { figure, type Measured } from '../internal/figure.js';
import { measureRate } from '../internal/measure.js';
import type { Workload, WorkloadContext } from '../internal/workload.js';
import { appendAll, appendCalls } from '../internal/appendCalls.js';
import { stringifyAndHashLimit } from './limits.js';

const W = 'verification';
const TARGET = { kind: 'atLeast', value: 600_000 } as const;

/** The events a report covers, after checking that the intact store verified. */
const intact = (report: VerificationReport): number => {
  if (!report.ok)
    throw new Error(`verification found ${report.breaks.length} broken streams in an intact store`);
  return report.events;
};

/** The in-memory store's events copied verbatim into a SQLite file; its path. */
const sqliteCopy = async (context: WorkloadContext, memory: InMemoryEventStore): Promise<string> => {
  const path = join(context.scratchDir, 'verification.db');
  const store = await openSqliteEventStore({ path, synchronous: 'NORMAL' });
  for await (const batch of memory.readAll({ batchSize: 5000 })) await store.importEvents(batch);
  await store.close();
  return path;
};

const run = async (context: WorkloadContext): Promise<ReadonlyArray<Measured>> => {
  const { sizes } = context;
  const memory = new InMemoryEventStore();
  await appendAll(memory, appendCalls(sizes.verifyEvents, 10, sizes.streams));
  const path = await sqliteCopy(context, memory);
  const limit = await stringifyAndHashLimit(context, W, 2);
  const streams = `${sizes.streams.toLocaleString('en-US')} streams`;
  const inMemory = await measureRate({
    ...sizes.repeats,
    setup: () => undefined,
    run: async () => intact(await verifyStore(memory)),
  });
  const sqliteOneThread = await measureRate({
    ...sizes.slowRepeats,
    setup: () => openSqliteEventStore({ path }),
    run: async (store) => intact(await verifyStore(store)),
    teardown: (store) => store.close(),
  });
  const sqliteTwoThreads = await measureRate({
    ...sizes.slowRepeats,
    setup: () => undefined,
    run: async () => intact(await verifySqliteStore(path, { threads: 2 })),
  });
  return [
    limit,
    figure(
      {
        workload: W,
        id: 'verification.memory',
        label: `verifyStore, in-memory store (${streams})`,
        unit: 'events/s',
        target: TARGET,
        limitId: limit.id,
      },
      inMemory,
    ),
    figure(
      {
        workload: W,
        id: 'verification.sqlite.oneThread',
        label: `verifyStore, SQLite store, one thread (${streams})`,
        unit: 'events/s',
        limitId: limit.id,
      },
      sqliteOneThread,
    ),
    figure(
      {
        workload: W,
        id: 'verification.sqlite.twoThreads',
        label: `verifySqliteStore, SQLite file, 2 threads each reading it (${streams})`,
        unit: 'events/s',
        target: TARGET,
        limitId: limit.id,
      },
      sqliteTwoThreads,
    ),
  ];
};

/**
 * Workload 5, hash verification, as the suite runs it.
 *
 * @example
 * import { verification } from './verification.js';
 * verification.name; // 'verification'
 */
export const verification: Workload = { name: 'verification', title: '5. Hash verification', run };
