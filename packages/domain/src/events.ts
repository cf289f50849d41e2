/**
 * Every event of the domain, the schema version events are written with, and the decoder for
 * events read back from a store (R-AUDIT-2).
 */
import * as t from 'io-ts';
import { map, mapLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeOrReject, type Recorded, type RecordedEvent, type Rejection } from '@rapport/core';
import { AudienceEvent } from './audiences/events.js';
import { ContactEvent } from './contact/events.js';
import { EngagementEvent } from './engagement/events.js';
import { OrganizationEvent } from './organization/events.js';
import { SyncEvent } from './sync/events.js';

/**
 * The schema version of every event this version of the domain writes.
 *
 * @example
 * import { EVENT_SCHEMA_VERSION } from '@rapport/domain';
 * EVENT_SCHEMA_VERSION; // 1
 */
export const EVENT_SCHEMA_VERSION = 1;

/**
 * Any domain event: `{ type, data }`.
 *
 * @example
 * import { DomainEvent } from '@rapport/domain';
 * DomainEvent.is({ type: 'TagApplied', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, tag: 'VIP' } }); // true
 */
export const DomainEvent = t.union(
  [OrganizationEvent, ContactEvent, EngagementEvent, AudienceEvent, SyncEvent],
  'DomainEvent',
);
export type DomainEvent = t.TypeOf<typeof DomainEvent>;

/** A stored domain event: the envelope with its type and data narrowed. */
export type RecordedDomainEvent = Recorded<DomainEvent>;

/**
 * Adds to `table`, for each event type `codec` stands for (a union's members, by their `type`
 * literal), the codec of that type's data.
 */
const collectByType = (codec: t.Mixed, table: Map<string, t.Mixed>): void => {
  if (codec instanceof t.UnionType) {
    for (const member of codec.types as ReadonlyArray<t.Mixed>) collectByType(member, table);
    return;
  }
  if (codec instanceof t.InterfaceType) {
    const props = codec.props as Record<string, t.Mixed>;
    const type = props['type'];
    const data = props['data'];
    if (type instanceof t.LiteralType && typeof type.value === 'string' && data !== undefined)
      table.set(type.value, data);
  }
};

/**
 * The codec of every event type's data, so that reading an event checks its data against the
 * codec of its own type only. Each member of the union is `t.type({ type: literal, data })`: its
 * `is` holds exactly when the type is its literal and the data passes `data`'s `is`.
 */
const DATA_CODEC_BY_TYPE: ReadonlyMap<string, t.Mixed> = (() => {
  const table = new Map<string, t.Mixed>();
  collectByType(DomainEvent, table);
  return table;
})();

/**
 * Whether a stored event is a domain event: its type is one of the domain's and its data passes
 * that type's codec. Allocates nothing.
 *
 * @example
 * import { isDomainEvent } from '@rapport/domain';
 * isDomainEvent({ type: 'FieldRetired', data: { orgId: 'acme', fieldId: 'f' } }); // true
 * isDomainEvent({ type: 'FieldRetired', data: { orgId: 'acme' } }); // false
 * isDomainEvent({ type: 'NoSuchEvent', data: {} }); // false
 */
export const isDomainEvent = <E extends { readonly type: string; readonly data: unknown }>(
  event: E,
): event is E & DomainEvent => DATA_CODEC_BY_TYPE.get(event.type)?.is(event.data) === true;

/**
 * Narrows a stored event to a domain event, or a rejection naming what is wrong with its data.
 * The event's data is checked against the codec of its type (`isDomainEvent`); only an event that
 * fails it is decoded with the whole `DomainEvent` union, to say what is wrong.
 *
 * @example
 * import { decodeRecordedEvent } from '@rapport/domain';
 * decodeRecordedEvent({
 *   id: '01JD00000000000000000000AA', type: 'FieldRetired', schemaVersion: 1, data: { orgId: 'acme', fieldId: 'f' },
 *   actor: 'ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'k', causationId: null,
 *   streamId: 'org-acme', streamVersion: 1, globalPosition: 1, previousHash: null, hash: 'h',
 * })._tag; // 'Right'
 */
export const decodeRecordedEvent = (event: RecordedEvent): Either<Rejection, RecordedDomainEvent> => {
  if (isDomainEvent(event)) return right(event as RecordedDomainEvent);
  return pipe(
    decodeOrReject(DomainEvent, { type: event.type, data: event.data }, 'EVENT_INVALID'),
    map(() => event as RecordedDomainEvent),
    mapLeft((rejection) => ({
      ...rejection,
      message: `event ${event.id} (${event.type}) cannot be read: ${rejection.message}`,
    })),
  );
};
