/**
 * Every event of the domain, the schema version events are written with, and the decoder for
 * events read back from a store (R-AUDIT-2).
 */
import * as t from 'io-ts';
import { map, mapLeft, type Either } from 'fp-ts/lib/Either.js';
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
 * Narrows a stored event to a domain event, or a rejection naming what is wrong with its data.
 *
 * @example
 * import { decodeRecordedEvent } from '@rapport/domain';
 * decodeRecordedEvent({
 *   id: '01JD00000000000000000000AA', type: 'FieldRetired', schemaVersion: 1, data: { orgId: 'acme', fieldId: 'f' },
 *   actor: 'ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'k', causationId: null,
 *   streamId: 'org-acme', streamVersion: 1, globalPosition: 1, previousHash: null, hash: 'h',
 * })._tag; // 'Right'
 */
export const decodeRecordedEvent = (event: RecordedEvent): Either<Rejection, RecordedDomainEvent> =>
  pipe(
    decodeOrReject(DomainEvent, { type: event.type, data: event.data }, 'EVENT_INVALID'),
    map(() => event as RecordedDomainEvent),
    mapLeft((rejection) => ({
      ...rejection,
      message: `event ${event.id} (${event.type}) cannot be read: ${rejection.message}`,
    })),
  );
