/**
 * Decision states cached by stream and version, so that a command folds only the events it has
 * not seen yet. A stale entry is harmless: the append's expected version catches it, and the
 * entry is refreshed from the store before the command is decided again.
 */
import { RapportError, type EventStore, type RecordedEvent } from '@rapport/core';
import { decodeRecordedEvent, type RecordedDomainEvent } from '../events.js';

export interface Cached<S> {
  readonly version: number;
  readonly state: S;
}

export const decodeStored = (event: RecordedEvent): RecordedDomainEvent => {
  const decoded = decodeRecordedEvent(event);
  if (decoded._tag === 'Left') throw new RapportError('EVENT_UNREADABLE', decoded.left.message, decoded.left);
  return decoded.right;
};

export class StreamCache<S> {
  readonly #entries = new Map<string, Cached<S>>();

  constructor(
    private readonly initial: S,
    private readonly evolve: (state: S, event: RecordedDomainEvent) => S,
  ) {}

  /** The cached state, caught up with the store when `refresh` is asked or nothing is cached. */
  async load(store: EventStore, streamId: string, refresh = false): Promise<Cached<S>> {
    const cached = this.#entries.get(streamId);
    if (cached !== undefined && !refresh) return cached;
    const from = cached ?? { version: 0, state: this.initial };
    const events = await store.readStream(streamId, { fromVersion: from.version + 1 });
    const next = events.reduce<Cached<S>>(
      (entry, event) => ({
        version: event.streamVersion,
        state: this.evolve(entry.state, decodeStored(event)),
      }),
      from,
    );
    this.#entries.set(streamId, next);
    return next;
  }

  /** Folds events just appended on top of `base`, if the cache still holds `base`. */
  advance(streamId: string, base: Cached<S>, events: ReadonlyArray<RecordedDomainEvent>): void {
    if (this.#entries.get(streamId) !== base) {
      this.#entries.delete(streamId);
      return;
    }
    this.#entries.set(
      streamId,
      events.reduce<Cached<S>>(
        (entry, event) => ({ version: event.streamVersion, state: this.evolve(entry.state, event) }),
        base,
      ),
    );
  }
}
