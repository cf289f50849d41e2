/**
 * The event envelope: what the store keeps around each domain event (R-AUDIT-2). A `NewEvent` is
 * what a command handler proposes; a `RecordedEvent` is what the store made of it: its stream
 * version, its global position and its link in the stream's hash chain (R-AUDIT-5).
 */
import * as t from 'io-ts';
import { IsoInstant, NonEmptyString, NonNegativeInteger } from './codecs.js';

/**
 * Who, when and why: the metadata every event carries.
 * `correlationId` groups everything one user action caused; `causationId` is the id of the
 * command or event that caused this one (null for a command typed by a person).
 *
 * @example
 * import { EventMetadata } from '@rapport/core';
 * EventMetadata.is({ actor: 'u_ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c1', causationId: null }); // true
 * EventMetadata.is({ actor: '', recordedAt: 'yesterday', correlationId: 'c1', causationId: null }); // false
 */
export const EventMetadata = t.type({
  actor: NonEmptyString,
  recordedAt: IsoInstant,
  correlationId: NonEmptyString,
  causationId: t.union([NonEmptyString, t.null]),
});
export type EventMetadata = t.TypeOf<typeof EventMetadata>;

/**
 * An event proposed for appending: a ULID `id` (the idempotency key), its `type`, the `schemaVersion`
 * of its data, the data itself and its metadata.
 *
 * @example
 * import { NewEvent } from '@rapport/core';
 * NewEvent.is({
 *   id: '01JD00000000000000000000AA', type: 'StageSet', schemaVersion: 1, data: { stage: 'lead' },
 *   actor: 'u_ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c1', causationId: null,
 * }); // true
 */
export const NewEvent = t.intersection([
  t.type({
    id: NonEmptyString,
    type: NonEmptyString,
    schemaVersion: NonNegativeInteger,
    data: t.unknown,
  }),
  EventMetadata,
]);
export type NewEvent = t.TypeOf<typeof NewEvent>;

/**
 * An event as stored: a `NewEvent` plus its place in the history.
 * `streamVersion` counts from 1 within its stream; `globalPosition` counts from 1 across the store
 * and only grows; `hash` is the SHA-256 (hex) of the event's canonical form chained to
 * `previousHash`, the hash of the event before it in the same stream (null for the first).
 *
 * @example
 * import { createInMemoryEventStore, RecordedEvent } from '@rapport/core';
 * const store = createInMemoryEventStore();
 * const { events } = await store.append('s1', [{
 *   id: '01JD00000000000000000000AA', type: 'Noted', schemaVersion: 1, data: {},
 *   actor: 'u_ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c1', causationId: null,
 * }]);
 * RecordedEvent.is(events[0]); // true: streamVersion 1, globalPosition 1, previousHash null
 */
export const RecordedEvent = t.intersection([
  NewEvent,
  t.type({
    streamId: NonEmptyString,
    streamVersion: NonNegativeInteger,
    globalPosition: NonNegativeInteger,
    previousHash: t.union([t.string, t.null]),
    hash: t.string,
  }),
]);
export type RecordedEvent = t.TypeOf<typeof RecordedEvent>;

/** A recorded event whose `type` and `data` are narrowed to a domain event union. */
export type Recorded<E extends { readonly type: string; readonly data: unknown }> = Omit<
  RecordedEvent,
  'type' | 'data'
> &
  E;
