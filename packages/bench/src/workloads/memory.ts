/**
 * Workload 6, memory: bytes of heap per stored event in the in-memory store, bytes of heap per
 * contact in the projections, and the peak memory of a full replay. Heap figures are taken after
 * full garbage collections (the child runs with `--expose-gc`); the replay reads the SQLite copy
 * of the replay history, so that the events themselves are not in the heap. Then the peak resident
 * memory of the command line's readers of a whole history (`timeline`, `export`, `replay`), each
 * run as a person runs it, in a process of its own.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryEventStore, type EventStore, type RecordedEvent } from '@rapport/core';
import { openSqliteEventStore } from '@rapport/store-sqlite';
import { figure, type Measured } from '../internal/figure.js';
import { collectGarbage, measureValue } from '../internal/measure.js';
import { longHistoryDatabase, replayDatabase } from '../internal/replayHistory.js';
import { caughtUpProjections } from './replay.js';
import type { Workload, WorkloadContext } from '../internal/workload.js';
import { appendAll, appendCalls } from '../internal/appendCalls.js';
import { runCliMeasured } from '../internal/cliPeak.js';

const W = 'memory';
const MiB = 2 ** 20;

/** Heap and array buffers in use after a full collection. */
export const usedBytes = (): number => {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

/** A view of `store` whose `readAll` calls `onBatch` with every batch it hands over. */
const watchedReads = (
  store: EventStore,
  onBatch: (batch: ReadonlyArray<RecordedEvent>) => void,
): EventStore => ({
  append: (...args) => store.append(...args),
  appendMany: (...args) => store.appendMany(...args),
  readStream: (...args) => store.readStream(...args),
  streamVersion: (...args) => store.streamVersion(...args),
  subscribe: (...args) => store.subscribe(...args),
  headPosition: () => store.headPosition(),
  close: () => store.close(),
  readAll: (options) => ({
    async *[Symbol.asyncIterator]() {
      for await (const batch of store.readAll(options)) {
        onBatch(batch);
        yield batch;
      }
    },
  }),
});

/** Replays the SQLite history into the projections, watching the heap at every batch. */
const replayFigures = async (context: WorkloadContext): Promise<Measured[]> => {
  const path = await replayDatabase(context);
  const store = await openSqliteEventStore({ path });
  try {
    const baseline = usedBytes();
    const rssBefore = process.memoryUsage().rss;
    let peakHeap = 0;
    let contacts = 0;
    let events = 0;
    const watched = watchedReads(store, (batch) => {
      events += batch.length;
      for (const event of batch) if (event.type === 'ContactAdded') contacts++;
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    });
    const projections = await caughtUpProjections(watched);
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const retained = usedBytes() - baseline;
    if (projections.checkpoint !== events) throw new Error('the replay did not fold every event');
    const size = `${events.toLocaleString('en-US')} events`;
    return [
      figure(
        {
          workload: W,
          id: 'memory.projections.perContact',
          label: `heap per contact in the projections (${contacts.toLocaleString('en-US')} contacts)`,
          unit: 'bytes/contact',
          note: 'all projections kept after the replay, divided by the contacts added (each with its user copy; 4 in 5 also with a team copy)',
        },
        { median: retained / contacts, samples: [retained / contacts] },
      ),
      figure(
        {
          workload: W,
          id: 'memory.replay.peakHeap',
          label: `peak heap during the replay above the heap before it (${size})`,
          unit: 'MiB',
        },
        { median: (peakHeap - baseline) / MiB, samples: [(peakHeap - baseline) / MiB] },
      ),
      figure(
        {
          workload: W,
          id: 'memory.replay.peakRss',
          label: `peak resident memory of the replaying process (${size})`,
          unit: 'MiB',
          note: `resident memory was ${(rssBefore / MiB).toFixed(0)} MiB before the replay (Node, tsx and the modules); when the run had no replay history yet, building it counts in this peak`,
        },
        { median: peakRss / MiB, samples: [peakRss / MiB] },
      ),
    ];
  } finally {
    await store.close();
  }
};

const CHUNK = 10_000;

const storeFigures = async (context: WorkloadContext): Promise<Measured[]> => {
  const { sizes } = context;
  const total = sizes.memoryEvents;
  const measured = await measureValue({ warmup: 1, runs: sizes.slowRepeats.runs }, async () => {
    const before = usedBytes();
    const store = new InMemoryEventStore();
    // The input events are made a chunk at a time, so that only what the store keeps stays alive.
    for (let start = 0; start < total; start += CHUNK) {
      const calls = appendCalls(Math.min(CHUNK, total - start), 10, sizes.streams);
      await appendAll(
        store,
        calls.map((call) => ({ ...call, streamId: `${call.streamId}-${start}` })),
      );
    }
    const after = usedBytes();
    if ((await store.headPosition()) !== total) throw new Error('the store lost events');
    return (after - before) / total;
  });
  return [
    figure(
      {
        workload: W,
        id: 'memory.event.inMemoryStore',
        label: 'heap per stored event, in-memory store (~300-byte event)',
        unit: 'bytes/event',
      },
      measured,
    ),
  ];
};

/** The first contact a history adds: the one whose timeline the command line reads. */
const firstContact = async (store: EventStore): Promise<{ orgId: string; contactId: string }> => {
  for await (const batch of store.readAll())
    for (const event of batch)
      if (event.type === 'ContactAdded') {
        const { orgId, contactId } = event.data as { orgId: string; contactId: string };
        return { orgId, contactId };
      }
  throw new Error('the history adds no contact');
};

/** A history the command line reads, as a SQLite file, and how it is named in the figures. */
interface CommandLineHistory {
  readonly id: string;
  readonly path: string;
  readonly described: string;
}

/**
 * The peak resident memory of `rapport timeline`, `export` (to a reader that waits a second before
 * it reads) and `replay`, each in a process of its own, over a history in a SQLite file.
 */
const commandLineRuns = async (
  context: WorkloadContext,
  history: CommandLineHistory,
  commands: ReadonlyArray<'timeline' | 'export' | 'replay'>,
): Promise<Measured[]> => {
  // `replay` saves a snapshot in the store: the command line works on a copy.
  const path = join(context.scratchDir, `cli-${history.id}.db`);
  copyFileSync(history.path, path);
  const source = await openSqliteEventStore({ path });
  const events = await source.headPosition();
  const subject = await firstContact(source);
  await source.close();
  const size = `${events.toLocaleString('en-US')} events, ${history.described}`;
  const runs = {
    timeline: {
      label: `rapport timeline of one contact (${size})`,
      args: ['timeline', subject.contactId, '--org', subject.orgId],
      slowReader: 0,
    },
    export: {
      label: `rapport export to a pipe read after a second (${size})`,
      args: ['export'],
      slowReader: 1000,
    },
    replay: { label: `rapport replay, saving its snapshot (${size})`, args: ['replay'], slowReader: 0 },
  };
  const figures: Measured[] = [];
  for (const command of commands) {
    const { label, args, slowReader } = runs[command];
    const run = await runCliMeasured(context.code, [...args, '--db', path], context.scratchDir, slowReader);
    if (run.code !== 0) throw new Error(`rapport ${args.join(' ')} exited with ${run.code}: ${run.stderr}`);
    figures.push(
      figure(
        {
          workload: W,
          id: `memory.cli.${command}${history.id === 'dense' ? '' : `.${history.id}`}.peakRss`,
          label: `peak resident memory of ${label}`,
          unit: 'MiB',
          target: { kind: 'below', value: 150 },
          ...(command === 'replay' && history.id === 'dense'
            ? {
                note: 'replay keeps the read models of every contact in memory (see the heap per contact above) and writes their snapshot as one JSON text: its memory grows with the contacts, not the events',
              }
            : {}),
        },
        { median: run.peakRss / MiB, samples: [run.peakRss / MiB] },
      ),
    );
  }
  return figures;
};

/**
 * The command line's readers over two histories of `cliEvents` events: the replay history (many
 * organizations of 1,000 contacts each, a few events per contact), and a long history of 1,000
 * contacts worked on round after round, whose replay shows what the events alone cost.
 */
const commandLineFigures = async (context: WorkloadContext): Promise<Measured[]> => {
  const sizes = { ...context.sizes, replayEvents: context.sizes.cliEvents };
  const dense = await replayDatabase({ ...context, sizes });
  const long = await longHistoryDatabase(context);
  return [
    ...(await commandLineRuns(context, { id: 'dense', path: dense, described: 'a few per contact' }, [
      'timeline',
      'export',
      'replay',
    ])),
    ...(await commandLineRuns(
      context,
      {
        id: 'long',
        path: long,
        described: `${context.sizes.templateContacts.toLocaleString('en-US')} contacts`,
      },
      ['timeline', 'replay'],
    )),
  ];
};

// The replay goes first: the peak resident memory of the process only ever grows. The command
// line runs in processes of its own.
const run = async (context: WorkloadContext): Promise<ReadonlyArray<Measured>> => [
  ...(await replayFigures(context)),
  ...(await storeFigures(context)),
  ...(await commandLineFigures(context)),
];

/**
 * Workload 6, memory, as the suite runs it.
 *
 * @example
 * import { memory } from './memory.js';
 * memory.name; // 'memory'
 */
export const memory: Workload = { name: W, title: '6. Memory', run };
