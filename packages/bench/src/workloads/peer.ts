/**
 * Workload 7, the peer: the same append and aggregate work on Emmett's in-memory store and on
 * Rapport's, in the same process, printed as Rapport's ratio to Emmett. Each stream gets its
 * events one append at a time with its expected version; then every stream is folded into a
 * small state (its event count and its last stage).
 */
import { getInMemoryEventStore } from '@event-driven-io/emmett';
import { InMemoryEventStore, type NewEvent } from '@rapport/core';
import { figure, type Measured } from '../internal/figure.js';
import { measureRate } from '../internal/measure.js';
import { sampleEvent, streamOf, ulidFactory } from '../internal/sampleEvents.js';
import type { Workload, WorkloadContext } from '../internal/workload.js';

interface Tally {
  readonly count: number;
  readonly stage: string;
}

type StageData = { readonly stage: string } & Record<string, unknown>;
type StageEvent = { readonly type: 'ContactStageSet'; readonly data: StageData };

const INITIAL: Tally = { count: 0, stage: '' };
const evolve = (state: Tally, event: { readonly data: unknown }): Tally => ({
  count: state.count + 1,
  stage: (event.data as StageData).stage,
});

/** The events of the comparison: `perStream` events for each of `streams` streams, in rounds. */
const peerEvents = (
  streams: number,
  perStream: number,
): ReadonlyArray<{ streamId: string; version: number; event: NewEvent }> => {
  const ulid = ulidFactory();
  const out: { streamId: string; version: number; event: NewEvent }[] = [];
  for (let round = 0; round < perStream; round++) {
    for (let contact = 0; contact < streams; contact++) {
      out.push({
        streamId: streamOf(contact),
        version: round,
        event: sampleEvent(ulid, contact, out.length),
      });
    }
  }
  return out;
};

const W = 'peer';

const run = async (context: WorkloadContext): Promise<ReadonlyArray<Measured>> => {
  const { peerStreams: streams, peerEventsPerStream: perStream, repeats } = context.sizes;
  const total = streams * perStream;

  const emmettAppend = await measureRate({
    ...repeats,
    setup: () => ({ store: getInMemoryEventStore(), events: peerEvents(streams, perStream) }),
    run: async ({ store, events }) => {
      for (const { streamId, version, event } of events) {
        const payload: StageEvent = { type: 'ContactStageSet', data: event.data as StageData };
        await store.appendToStream<StageEvent>(streamId, [payload], {
          expectedStreamVersion: version === 0 ? 'STREAM_DOES_NOT_EXIST' : BigInt(version),
        });
      }
      return events.length;
    },
  });
  const rapportAppend = await measureRate({
    ...repeats,
    setup: () => ({ store: new InMemoryEventStore(), events: peerEvents(streams, perStream) }),
    run: async ({ store, events }) => {
      for (const { streamId, version, event } of events) {
        await store.append(streamId, [event], { expectedVersion: version === 0 ? 'no_stream' : version });
      }
      return events.length;
    },
  });

  const emmettStore = getInMemoryEventStore();
  const rapportStore = new InMemoryEventStore();
  for (const { streamId, event } of peerEvents(streams, perStream)) {
    await emmettStore.appendToStream<StageEvent>(streamId, [
      { type: 'ContactStageSet', data: event.data as StageData },
    ]);
    await rapportStore.append(streamId, [event]);
  }
  const checkTally = (state: Tally): void => {
    if (state.count !== perStream) throw new Error(`a stream folded ${state.count} events, not ${perStream}`);
  };
  const emmettAggregate = await measureRate({
    ...repeats,
    setup: () => undefined,
    run: async () => {
      for (let contact = 0; contact < streams; contact++) {
        const { state } = await emmettStore.aggregateStream<Tally, StageEvent>(streamOf(contact), {
          evolve,
          initialState: () => INITIAL,
        });
        checkTally(state);
      }
      return total;
    },
  });
  const rapportAggregate = await measureRate({
    ...repeats,
    setup: () => undefined,
    run: async () => {
      for (let contact = 0; contact < streams; contact++) {
        const events = await rapportStore.readStream(streamOf(contact));
        checkTally(events.reduce(evolve, INITIAL));
      }
      return total;
    },
  });

  const spec = (id: string, label: string, role: 'figure' | 'peer', limitId?: string) => ({
    workload: W,
    id,
    label,
    unit: 'events/s',
    role,
    ...(limitId === undefined ? {} : { limitId }),
  });
  return [
    figure(
      spec('peer.emmett.append', 'Emmett in-memory, append one event with expected version', 'peer'),
      emmettAppend,
    ),
    figure(
      spec(
        'peer.rapport.append',
        'Rapport in-memory, append one event with expected version',
        'figure',
        'peer.emmett.append',
      ),
      rapportAppend,
    ),
    figure(spec('peer.emmett.aggregate', 'Emmett in-memory, aggregate a stream', 'peer'), emmettAggregate),
    figure(
      spec(
        'peer.rapport.aggregate',
        'Rapport in-memory, read and fold a stream',
        'figure',
        'peer.emmett.aggregate',
      ),
      rapportAggregate,
    ),
  ];
};

/**
 * Workload 7, the peer comparison with Emmett, as the suite runs it.
 *
 * @example
 * import { peer } from './peer.js';
 * peer.name; // 'peer'
 */
export const peer: Workload = { name: W, title: '7. Peer (Emmett)', run };
