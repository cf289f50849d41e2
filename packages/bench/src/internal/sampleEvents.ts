/**
 * The synthetic events the workloads store: about 300 bytes of JSON each, as the machine limits are
 * measured on, spread over many streams as a CRM's contacts would be.
 */
import type { NewEvent } from '@rapport/core';
import { monotonicFactory } from 'ulid';

const STAGES = ['lead', 'potential', 'active', 'inactive', 'lost'] as const;
const SEGMENTS = ['customer', 'buyer', 'seller', 'partner', 'supplier'] as const;

/** Makes new, unique, monotonic ULIDs; one factory per workload. */
export const ulidFactory = (): (() => string) => {
  const next = monotonicFactory();
  return () => next();
};

/**
 * An event of about 300 bytes (as JSON) for contact number `contact`, with a fresh id.
 *
 * @example
 * import { sampleEvent, ulidFactory } from './sampleEvents.js';
 * JSON.stringify(sampleEvent(ulidFactory(), 7, 1)).length > 250; // true
 */
export const sampleEvent = (ulid: () => string, contact: number, n: number): NewEvent => ({
  id: ulid(),
  type: 'ContactStageSet',
  schemaVersion: 1,
  data: {
    contactId: `c_${String(contact).padStart(8, '0')}`,
    ownerId: `u_${String(contact % 50).padStart(4, '0')}`,
    stage: STAGES[n % STAGES.length]!,
    previousStage: STAGES[(n + 4) % STAGES.length]!,
    segment: SEGMENTS[contact % SEGMENTS.length]!,
  },
  actor: `u_${String(contact % 50).padStart(4, '0')}`,
  recordedAt: new Date(Date.UTC(2026, 10, 23, 9, 30) + n * 1000).toISOString(),
  correlationId: `corr_${String(n).padStart(10, '0')}`,
  causationId: null,
});

/** The stream of contact number `contact`. */
export const streamOf = (contact: number): string => `contact-${String(contact).padStart(8, '0')}`;

/**
 * `count` events spread round-robin over `streams` streams.
 *
 * @example
 * import { sampleEvents } from './sampleEvents.js';
 * sampleEvents(4, 2).map((w) => w.streamId); // ['contact-00000000', 'contact-00000001', 'contact-00000000', 'contact-00000001']
 */
export const sampleEvents = (
  count: number,
  streams: number,
  ulid: () => string = ulidFactory(),
): ReadonlyArray<{ readonly streamId: string; readonly event: NewEvent }> =>
  Array.from({ length: count }, (_, n) => {
    const contact = n % streams;
    return { streamId: streamOf(contact), event: sampleEvent(ulid, contact, n) };
  });
