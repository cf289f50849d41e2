/**
 * Checking recorded events against the hash chain of their streams (R-AUDIT-5), used to import a
 * history verbatim: an event is accepted only if it follows its stream's last event and its hash
 * is the one `hashEvent` gives.
 */
import type { RecordedEvent } from '../envelope.js';
import { RapportError } from '../errors.js';
import { hashEvent } from '../hashChain.js';
import { EMPTY_HEAD, type StoredState, type StreamHead } from './appendPlan.js';

/**
 * Why `event` cannot follow `head` in its stream, or undefined when it can.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { brokenLink, EMPTY_HEAD } from '@rapport/core/adapter';
 * import { newEvents } from '@rapport/core/testing';
 * const { events } = await new InMemoryEventStore().append('s1', newEvents(2));
 * brokenLink(EMPTY_HEAD, events[0]!); // undefined: the first of its stream, its hash intact
 * brokenLink(EMPTY_HEAD, events[1]!)?.endsWith('does not follow version 0 of its stream'); // true
 * brokenLink(EMPTY_HEAD, { ...events[0]!, data: { note: 'altered' } })?.endsWith('its content was altered'); // true
 */
export const brokenLink = (head: StreamHead, event: RecordedEvent): string | undefined => {
  const where = `event ${event.id} (stream "${event.streamId}", version ${event.streamVersion})`;
  if (event.streamVersion !== head.version + 1) {
    return `${where} does not follow version ${head.version} of its stream`;
  }
  if (event.previousHash !== head.hash) {
    return `${where} names previous hash ${String(event.previousHash)} but the event before it has hash ${String(head.hash)}`;
  }
  if (hashEvent(head.hash, event) !== event.hash) {
    return `${where} does not match its hash: its content was altered`;
  }
  return undefined;
};

/**
 * What an import stored: the answer of a store's `importEvents`.
 *
 * @example
 * import type { ImportResult } from '@rapport/core/adapter';
 * const resumed: ImportResult = { imported: 0, skipped: 42 };
 */
export interface ImportResult {
  /** Events stored by this call. */
  readonly imported: number;
  /** Events already present with the same hash, left as they were (a resumed import). */
  readonly skipped: number;
}

/**
 * What an import stores: `planImport`'s answer.
 *
 * @example
 * import { planImport, type ImportPlan } from '@rapport/core/adapter';
 * const plan: ImportPlan = planImport([], { heads: new Map(), byId: new Map(), firstPosition: 1 });
 * plan.skipped; // 0
 */
export interface ImportPlan {
  /** The events to insert, renumbered from the store's next position, in the given order. */
  readonly inserts: ReadonlyArray<RecordedEvent>;
  /** Events already stored with the same hash (an import that is resumed). */
  readonly skipped: number;
}

/**
 * Plans the import of recorded events, in the order given; throws `RapportError`
 * `IMPORT_CHAIN_BROKEN` or `IMPORT_CONFLICT` and plans nothing when one does not fit.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { planImport } from '@rapport/core/adapter';
 * import { newEvents, readEverything } from '@rapport/core/testing';
 * const source = new InMemoryEventStore();
 * await source.append('s1', newEvents(2));
 * const events = await readEverything(source);
 * // the state of a store that holds only the first event, read inside its write transaction
 * const first = events[0]!;
 * const state = { heads: new Map([['s1', { version: 1, hash: first.hash }]]), byId: new Map([[first.id, first]]), firstPosition: 2 };
 * const plan = planImport(events, state);
 * plan.skipped; // 1: already stored with the same hash
 * plan.inserts.map((e) => [e.streamVersion, e.globalPosition]); // [[2, 2]]
 */
export const planImport = (events: ReadonlyArray<RecordedEvent>, state: StoredState): ImportPlan => {
  const heads = new Map(state.heads);
  const byId = new Map(state.byId);
  const inserts: RecordedEvent[] = [];
  let skipped = 0;
  for (const event of events) {
    const stored = byId.get(event.id);
    if (stored !== undefined) {
      if (
        stored.hash !== event.hash ||
        stored.streamId !== event.streamId ||
        stored.streamVersion !== event.streamVersion
      ) {
        throw new RapportError(
          'IMPORT_CONFLICT',
          `event ${event.id} is already stored with other content (stream "${stored.streamId}", version ${stored.streamVersion})`,
          { eventId: event.id },
        );
      }
      skipped += 1;
      continue;
    }
    const head = heads.get(event.streamId) ?? EMPTY_HEAD;
    const broken = brokenLink(head, event);
    if (broken !== undefined) throw new RapportError('IMPORT_CHAIN_BROKEN', broken, { eventId: event.id });
    const recorded: RecordedEvent = {
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      actor: event.actor,
      recordedAt: event.recordedAt,
      correlationId: event.correlationId,
      causationId: event.causationId,
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      globalPosition: state.firstPosition + inserts.length,
      previousHash: event.previousHash,
      hash: event.hash,
    };
    inserts.push(recorded);
    byId.set(event.id, recorded);
    heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
  }
  return { inserts, skipped };
};
