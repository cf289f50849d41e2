/**
 * Anchors: a copy of a history's head, kept outside the store, that shows later whether the
 * history still holds it (R-AUDIT-5). Verification sees every event removed but the store's own
 * last ones, since positions are given without gaps; the last ones take the head back with them,
 * and only a copy of the head kept elsewhere shows that they were there.
 */
import * as t from 'io-ts';
import { NonEmptyString, PositiveInteger } from './codecs.js';
import type { RecordedEvent } from './envelope.js';
import type { EventStore } from './eventStore.js';

/**
 * The head of a history: the global position of its last event, that event's id and its hash.
 *
 * @example
 * import { HistoryAnchor } from '@rapport/core';
 * HistoryAnchor.is({ globalPosition: 42, eventId: '01JD00000000000000000000AA', hash: 'ab12' }); // true
 * HistoryAnchor.is({ globalPosition: 0, eventId: 'e', hash: 'h' }); // false
 */
export const HistoryAnchor = t.type(
  { globalPosition: PositiveInteger, eventId: NonEmptyString, hash: NonEmptyString },
  'HistoryAnchor',
);
export type HistoryAnchor = t.TypeOf<typeof HistoryAnchor>;

/** Whether a history still holds the event an anchor names, at the anchor's position. */
export interface AnchorCheck {
  readonly ok: boolean;
  readonly anchor: HistoryAnchor;
  /** The event the history holds at the anchor's position, if any. */
  readonly found: { readonly eventId: string; readonly hash: string } | null;
  /** The outcome in words. */
  readonly message: string;
}

/** The event at one global position, read as `readAll` hands it over. */
const eventAt = async (
  store: Pick<EventStore, 'readAll'>,
  globalPosition: number,
): Promise<RecordedEvent | undefined> => {
  for await (const batch of store.readAll({ after: globalPosition - 1, to: globalPosition, batchSize: 1 }))
    for (const event of batch) if (event.globalPosition === globalPosition) return event;
  return undefined;
};

/**
 * The anchor of a store's history as it stands: its last event's position, id and hash; null for
 * an empty store. Keep it outside the store (in another system, a signed note, an auditor's
 * file), then give it to `checkAnchor`.
 *
 * @example
 * import { InMemoryEventStore, anchorOf } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await anchorOf(store); // null
 * const { events } = await store.append('s1', [newEvent()]);
 * (await anchorOf(store))?.hash === events[0]!.hash; // true
 */
export const anchorOf = async (
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
): Promise<HistoryAnchor | null> => {
  const head = await store.headPosition();
  if (head === 0) return null;
  const event = await eventAt(store, head);
  return event === undefined ? null : { globalPosition: head, eventId: event.id, hash: event.hash };
};

/**
 * Checks that a history still holds the event an anchor names, at its position, with its hash.
 * With `verifyStore`'s report ok, the history then holds every event up to the anchor as it was
 * when the anchor was taken: chains show what was altered or reordered, empty positions what was
 * removed, and the anchor that nothing was removed from the end.
 *
 * @example
 * import { InMemoryEventStore, anchorOf, checkAnchor } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await store.append('s1', [newEvent(), newEvent()]);
 * const anchor = (await anchorOf(store))!;
 * (await checkAnchor(store, anchor)).ok; // true
 * (await checkAnchor(store, { ...anchor, globalPosition: 3 })).message;
 * // 'the history ends at position 2, before the anchored position 3: events were removed from its end'
 */
export const checkAnchor = async (
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  anchor: HistoryAnchor,
): Promise<AnchorCheck> => {
  const event = await eventAt(store, anchor.globalPosition);
  if (event === undefined) {
    const head = await store.headPosition();
    return {
      ok: false,
      anchor,
      found: null,
      message:
        head < anchor.globalPosition
          ? `the history ends at position ${head}, before the anchored position ${anchor.globalPosition}: events were removed from its end`
          : `the history holds no event at the anchored position ${anchor.globalPosition}: it was removed`,
    };
  }
  const found = { eventId: event.id, hash: event.hash };
  const same = event.id === anchor.eventId && event.hash === anchor.hash;
  return {
    ok: same,
    anchor,
    found,
    message: same
      ? `position ${anchor.globalPosition} holds the anchored event ${anchor.eventId}`
      : `position ${anchor.globalPosition} holds event ${event.id} (hash ${event.hash}), not the anchored event ${anchor.eventId} (hash ${anchor.hash}): the history was rewritten`,
  };
};
