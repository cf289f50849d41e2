/**
 * Workload 5, hash verification: `verifyStore` walking an in-memory store of many streams,
 * recomputing every event's canonical text and chained SHA-256 (R-AUDIT-5).
 */
import { InMemoryEventStore, verifyStore } from '@rapport/core';
import { figure, type Measured } from '../internal/figure.js';
import { measureRate } from '../internal/measure.js';
import type { Workload, WorkloadContext } from '../internal/workload.js';
import { appendAll, appendCalls } from './appends.js';
import { stringifyAndHashLimit } from './limits.js';

const run = async (context: WorkloadContext): Promise<ReadonlyArray<Measured>> => {
  const { sizes } = context;
  const store = new InMemoryEventStore();
  await appendAll(store, appendCalls(sizes.verifyEvents, 10, sizes.streams));
  const limit = await stringifyAndHashLimit(context, 'verification', 2);
  const measured = await measureRate({
    ...sizes.repeats,
    setup: () => undefined,
    run: async () => {
      const report = await verifyStore(store);
      if (!report.ok)
        throw new Error(`verification found ${report.breaks.length} broken streams in an intact store`);
      return report.events;
    },
  });
  return [
    limit,
    figure(
      {
        workload: 'verification',
        id: 'verification.memory',
        label: `verifyStore, in-memory store (${sizes.streams.toLocaleString('en-US')} streams)`,
        unit: 'events/s',
        target: { kind: 'atLeast', value: 600_000 },
        limitId: limit.id,
      },
      measured,
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
