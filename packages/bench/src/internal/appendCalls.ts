/**
 * The calls to `append` the append workloads make, built ahead of the measured time, and the loop
 * that makes them one after the other.
 */
import type { EventStore, NewEvent } from '@rapport/core';
import { sampleEvent, streamOf, ulidFactory } from './sampleEvents.js';

/** One call to `append`: a stream, its expected version and its events. */
export interface AppendCall {
  readonly streamId: string;
  readonly expectedVersion: number;
  readonly events: ReadonlyArray<NewEvent>;
}

/**
 * `total` events in calls of `batch` events, each call to one stream, the streams taken
 * round-robin; every call carries the version its stream will be at.
 *
 * @example
 * import { appendCalls } from './appendCalls.js';
 * appendCalls(300, 100, 2).map((c) => c.expectedVersion); // [0, 0, 100]
 */
export const appendCalls = (total: number, batch: number, streams: number): ReadonlyArray<AppendCall> => {
  const ulid = ulidFactory();
  const versions = new Map<number, number>();
  const calls: AppendCall[] = [];
  for (let start = 0, call = 0; start < total; start += batch, call++) {
    const contact = call % streams;
    const version = versions.get(contact) ?? 0;
    const size = Math.min(batch, total - start);
    const events = Array.from({ length: size }, (_, k) => sampleEvent(ulid, contact, start + k));
    calls.push({ streamId: streamOf(contact), expectedVersion: version, events });
    versions.set(contact, version + size);
  }
  return calls;
};

/** Appends every call in order, one after the other; returns the number of events. */
export const appendAll = async (store: EventStore, calls: ReadonlyArray<AppendCall>): Promise<number> => {
  let events = 0;
  for (const call of calls) {
    await store.append(call.streamId, call.events, { expectedVersion: call.expectedVersion });
    events += call.events.length;
  }
  return events;
};
