import { afterAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, type RecordedEvent } from '@rapport/core';
import { historyProblems, newEvent, readEverything } from '@rapport/core/testing';
import { createTarget, NEEDS_SERVER, serverUrl } from './fixtures/target.js';
import type { PostgresEventStore } from './index.js';

const target = createTarget('conc');
afterAll(() => target.dispose());
const onServer = serverUrl === undefined ? NEEDS_SERVER : 'server';

/** Increments a counter kept in a stream: read, then append with the version read; retried on conflict. */
const increment = async (
  store: PostgresEventStore,
  streamId: string,
  worker: string,
  conflicts: number[][],
) => {
  for (;;) {
    const stream = await store.readStream(streamId);
    const count = (stream[stream.length - 1]?.data as { count?: number } | undefined)?.count ?? 0;
    try {
      await store.append(
        streamId,
        [newEvent({ data: { count: count + 1, basedOn: stream.length, worker } })],
        {
          expectedVersion: stream.length,
        },
      );
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      conflicts.push([Number(error.expected), error.actual]);
    }
  }
};

describe('several connections writing the same streams', () => {
  it.skipIf(serverUrl === undefined)(
    `R-AUDIT-1: of six connections creating one stream at once, one succeeds and five get a conflict (${onServer})`,
    async () => {
      const schema = target.newSchema();
      const stores = await Promise.all(Array.from({ length: 6 }, () => target.open({ schema })));
      const outcomes = await Promise.allSettled(
        stores.map((store) => store.append('the-one-stream', [newEvent()], { expectedVersion: 'no_stream' })),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const reasons = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(reasons).toEqual(
        Array.from({ length: 5 }, () => expect.objectContaining({ expected: 'no_stream', actual: 1 })),
      );
      await Promise.all(stores.map((store) => store.close()));
    },
  );

  it.skipIf(serverUrl === undefined)(
    `R-AUDIT-1: concurrent writers lose no update, and a subscriber skips no event while they append at once (${onServer})`,
    async () => {
      const schema = target.newSchema();
      const writers = await Promise.all(Array.from({ length: 4 }, () => target.open({ schema })));
      const reader = await target.open({ schema, pollIntervalMs: 20 });
      const rounds = 30;
      const total = writers.length * rounds;
      const seen: RecordedEvent[] = [];
      const subscription = reader.subscribe({ batchSize: 7 });
      const following = (async () => {
        for await (const batch of subscription) {
          seen.push(...batch);
          if (seen.length >= total) await subscription.close();
        }
      })();
      const conflicts: number[][] = [];
      await Promise.all(
        writers.map(async (store, index) => {
          for (let round = 0; round < rounds; round += 1) {
            await increment(store, `counter-${round % 3}`, `w${index}`, conflicts);
          }
        }),
      );
      await following;

      expect(seen.map((event) => event.globalPosition)).toEqual(
        Array.from({ length: total }, (_, i) => i + 1),
      );
      const stored = await readEverything(reader);
      expect(historyProblems(stored)).toEqual([]);
      expect(seen).toEqual(stored);
      for (const streamId of ['counter-0', 'counter-1', 'counter-2']) {
        for (const event of await reader.readStream(streamId)) {
          expect(event.data).toMatchObject({ count: event.streamVersion, basedOn: event.streamVersion - 1 });
        }
      }
      for (const [expected = 0, actual = 0] of conflicts) expect(actual).toBeGreaterThan(expected);
      await Promise.all([...writers, reader].map((store) => store.close()));
    },
  );
});
