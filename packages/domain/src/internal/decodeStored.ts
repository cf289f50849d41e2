/**
 * Stored events read as the domain's events, for the command pipeline and the read models alike.
 */
import { RapportError, type RecordedEvent } from '@rapport/core';
import {
  decodeRecordedEvent,
  EVENT_SCHEMA_VERSION,
  isDomainEvent,
  type RecordedDomainEvent,
} from '../events.js';

/**
 * A stored event as a domain event; one the domain cannot read throws `EVENT_UNREADABLE`, since a
 * stream that cannot be folded cannot be decided on.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * import { decodeStored } from './decodeStored.js';
 * const store = new InMemoryEventStore();
 * const { events } = await store.append('org-acme', [
 *   newEvent({ type: 'OrganizationCreated', data: { orgId: 'acme', name: 'Acme', createdBy: 'ann' } }),
 *   newEvent({ type: 'OrganizationCreated', data: { orgId: 'acme' } }),
 * ]);
 * decodeStored(events[0]!).data; // { orgId: 'acme', name: 'Acme', createdBy: 'ann' }
 * try { decodeStored(events[1]!); } catch (e) { (e as { code: string }).code; } // 'EVENT_UNREADABLE'
 */
export const decodeStored = (event: RecordedEvent): RecordedDomainEvent => {
  if (event.schemaVersion === EVENT_SCHEMA_VERSION && isDomainEvent(event)) return event;
  const decoded = decodeRecordedEvent(event);
  if (decoded._tag === 'Left') throw new RapportError('EVENT_UNREADABLE', decoded.left.message, decoded.left);
  return decoded.right;
};
