/**
 * Every event of the domain, the schema version events are written with, the decoder for events
 * read back from a store (R-AUDIT-2), and the check that an event about to be appended will read
 * back with that decoder (R-AUDIT-8).
 */
import * as t from 'io-ts';
import { map, mapLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  decodeOrReject,
  reject,
  upcast,
  upcasterRegistry,
  type Recorded,
  type RecordedEvent,
  type Rejection,
} from '@rapport/core';
import { AudienceEvent } from './audiences/events.js';
import { ContactEvent } from './contact/events.js';
import { EngagementEvent } from './engagement/events.js';
import { OrganizationEvent } from './organization/events.js';
import { SyncEvent } from './sync/events.js';
import { DOMAIN_UPCASTERS } from './upcasters.js';

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
const collectByType = (codec: t.Mixed, table: Map<string, t.Mixed>, events: Map<string, t.Mixed>): void => {
  if (codec instanceof t.UnionType) {
    for (const member of codec.types as ReadonlyArray<t.Mixed>) collectByType(member, table, events);
    return;
  }
  if (codec instanceof t.InterfaceType) {
    const props = codec.props as Record<string, t.Mixed>;
    const type = props['type'];
    const data = props['data'];
    if (type instanceof t.LiteralType && typeof type.value === 'string' && data !== undefined) {
      table.set(type.value, data);
      events.set(type.value, codec);
    }
  }
};

/**
 * The codec of every event type's data, so that reading an event checks its data against the
 * codec of its own type only. Each member of the union is `t.type({ type: literal, data })`: its
 * `is` holds exactly when the type is its literal and the data passes `data`'s `is`.
 */
const DATA_CODEC_BY_TYPE = new Map<string, t.Mixed>();

/** The codec of each event type's whole `{ type, data }`: the member of the union for that type. */
const EVENT_CODEC_BY_TYPE = new Map<string, t.Mixed>();
collectByType(DomainEvent, DATA_CODEC_BY_TYPE, EVENT_CODEC_BY_TYPE);

/**
 * Whether a stored event is a domain event: its type is one of the domain's and its data passes
 * that type's codec. Allocates nothing.
 *
 * @example
 * import { isDomainEvent } from './events.js';
 * isDomainEvent({ type: 'FieldRetired', data: { orgId: 'acme', fieldId: 'f' } }); // true
 * isDomainEvent({ type: 'FieldRetired', data: { orgId: 'acme' } }); // false
 * isDomainEvent({ type: 'NoSuchEvent', data: {} }); // false
 */
export const isDomainEvent = <E extends { readonly type: string; readonly data: unknown }>(
  event: E,
): event is E & DomainEvent => DATA_CODEC_BY_TYPE.get(event.type)?.is(event.data) === true;

const toLatest = upcast(upcasterRegistry(DOMAIN_UPCASTERS));

/**
 * A stored event at the schema version this domain writes, through the domain's upcasters
 * (`DOMAIN_UPCASTERS`); an event written at that version is given as it is.
 *
 * @example
 * import { upcastStored } from './events.js';
 * const event = {
 *   id: '01JD00000000000000000000AA', type: 'FieldRetired', schemaVersion: 1, data: { orgId: 'acme', fieldId: 'f' },
 *   actor: 'ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'k', causationId: null,
 *   streamId: 'org-acme', streamVersion: 1, globalPosition: 1, previousHash: null, hash: 'h',
 * };
 * upcastStored(event) === event; // true
 */
export const upcastStored = (event: RecordedEvent): RecordedEvent =>
  event.schemaVersion === EVENT_SCHEMA_VERSION ? event : toLatest(event);

/**
 * Narrows a stored event to a domain event, or a rejection naming what is wrong with its data,
 * after taking it to the current schema version (`upcastStored`).
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
export const decodeRecordedEvent = (stored: RecordedEvent): Either<Rejection, RecordedDomainEvent> => {
  const event = upcastStored(stored);
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

/**
 * Whether a value is JSON already: strings, finite numbers other than -0, booleans, null, arrays
 * and plain objects of such values. Such a value reads back from a store equal to itself; any
 * other (undefined, a function, a date, a class instance, a hole in an array) reads back as
 * `JSON.parse(JSON.stringify(value))` makes it.
 */
const isJson = (value: unknown): boolean => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isJson(value[i])) return false;
        return true;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key of Object.keys(value))
        if (!isJson((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
};

/** A write as the facade hands it to the store: events with their type and data. */
interface WriteOfEvents {
  readonly streamId: string;
  readonly events: ReadonlyArray<{ readonly type: string; readonly data: unknown }>;
}

/**
 * The rejection of a command (named by its type) for the first event of `writes` that would not
 * read back (R-AUDIT-8), or undefined when every one would: each event's data, as a store keeps it
 * (JSON), must decode with the codec of its type that `decodeRecordedEvent` reads it with. The rejection's code is
 * `EVENT_WOULD_NOT_READ`; its path is the event's (`data.previous`), its details name the event
 * type and the stream. Called before every append, so that no command can store an event that
 * readers then refuse, which would stop every later replay.
 *
 * @example
 * import { eventsWouldNotRead } from './events.js';
 * const write = (data: unknown) => ({ streamId: 'org-acme', events: [{ type: 'FieldRetired', data }] });
 * eventsWouldNotRead('RetireField', [write({ orgId: 'acme', fieldId: 'f' })]); // undefined
 * eventsWouldNotRead('RetireField', [write({ orgId: 'acme', fieldId: undefined })])?.code; // 'EVENT_WOULD_NOT_READ'
 * eventsWouldNotRead('RetireField', [write({ orgId: 'acme' })])?.path; // 'data.fieldId'
 */
export const eventsWouldNotRead = (
  commandType: string,
  writes: ReadonlyArray<WriteOfEvents>,
): Rejection | undefined => {
  for (const write of writes)
    for (const event of write.events) {
      const codec = EVENT_CODEC_BY_TYPE.get(event.type);
      const stored: unknown = isJson(event.data)
        ? event.data
        : JSON.parse(JSON.stringify(event.data) ?? 'null');
      if (codec !== undefined && DATA_CODEC_BY_TYPE.get(event.type)?.is(stored) === true) continue;
      const decoded =
        codec === undefined
          ? undefined
          : decodeOrReject(codec, { type: event.type, data: stored }, 'EVENT_WOULD_NOT_READ');
      // Readers accept what the codec decodes even when its guard refuses it (decodeRecordedEvent).
      if (decoded?._tag === 'Right') continue;
      const problem =
        decoded === undefined ? `"${event.type}" is not an event type of the domain` : decoded.left.message;
      const path = decoded?.left.path;
      return reject(
        'EVENT_WOULD_NOT_READ',
        `Rejected ${commandType}: its ${event.type} event for stream "${write.streamId}" would be stored in a form no reader decodes (${problem}); nothing was appended`,
        {
          rule: 'R-AUDIT-8',
          ...(path === undefined ? {} : { path }),
          details: { eventType: event.type, streamId: write.streamId },
        },
      );
    }
  return undefined;
};
