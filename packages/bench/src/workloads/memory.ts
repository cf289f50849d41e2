/**
 * Workload 6, memory: bytes of heap each stored event costs in the in-memory store, measured with
 * full garbage collections before and after (the child runs with `--expose-gc`).
 */
import { InMemoryEventStore } from '@rapport/core';
import { figure, type Measured } from '../internal/figure.js';
import { collectGarbage, measureValue } from '../internal/measure.js';
import type { Workload, WorkloadContext } from '../internal/workload.js';
import { appendAll, appendCalls } from './appends.js';

/** Heap and array buffers in use after a full collection. */
export const usedBytes = (): number => {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

const CHUNK = 10_000;

const run = async (context: WorkloadContext): Promise<ReadonlyArray<Measured>> => {
  const { sizes } = context;
  const total = sizes.memoryEvents;
  const measured = await measureValue({ warmup: 1, runs: sizes.repeats.runs }, async () => {
    const before = usedBytes();
    const store = new InMemoryEventStore();
    // The input events are made a chunk at a time, so that only what the store keeps stays alive.
    for (let start = 0; start < total; start += CHUNK) {
      await appendAll(
        store,
        appendCalls(Math.min(CHUNK, total - start), 10, sizes.streams).map((call) => ({
          ...call,
          streamId: `${call.streamId}-${start}`,
        })),
      );
    }
    const after = usedBytes();
    if ((await store.headPosition()) !== total) throw new Error('the store lost events');
    return (after - before) / total;
  });
  return [
    figure(
      {
        workload: 'memory',
        id: 'memory.event.inMemoryStore',
        label: 'heap per stored event, in-memory store (~300-byte event)',
        unit: 'bytes/event',
      },
      measured,
    ),
  ];
};

export const memory: Workload = { name: 'memory', title: '6. Memory', run };
