/**
 * Decision states cached by stream and version, so that a command folds only the events it has
 * not seen yet. A stale entry is harmless: the append's expected version catches it, and the
 * entry is refreshed from the store before the command is decided again.
 */
import { RapportError, type EventStore, type RecordedEvent } from '@rapport/core';
import { decodeRecordedEvent, isDomainEvent, type RecordedDomainEvent } from '../events.js';

/**
 * A state folded from a stream, and the stream version it was folded up to.
 *
 * @example
 * import type { Cached } from './streamCache.js';
 * const empty: Cached<number> = { version: 0, state: 0 };
 */
export interface Cached<S> {
  readonly version: number;
  readonly state: S;
}

/**
 * A stored event as a domain event; one the domain cannot read throws `EVENT_UNREADABLE`, since a
 * stream that cannot be folded cannot be decided on.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * import { decodeStored } from './streamCache.js';
 * const store = new InMemoryEventStore();
 * const { events } = await store.append('org-acme', [
 *   newEvent({ type: 'OrganizationCreated', data: { orgId: 'acme', name: 'Acme', createdBy: 'ann' } }),
 *   newEvent({ type: 'OrganizationCreated', data: { orgId: 'acme' } }),
 * ]);
 * decodeStored(events[0]!).data; // { orgId: 'acme', name: 'Acme', createdBy: 'ann' }
 * try { decodeStored(events[1]!); } catch (e) { (e as { code: string }).code; } // 'EVENT_UNREADABLE'
 */
export const decodeStored = (event: RecordedEvent): RecordedDomainEvent => {
  if (isDomainEvent(event)) return event;
  const decoded = decodeRecordedEvent(event);
  if (decoded._tag === 'Left') throw new RapportError('EVENT_UNREADABLE', decoded.left.message, decoded.left);
  return decoded.right;
};

/**
 * States by stream id, each folded from its stream with `evolve` from `initial`.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * import { StreamCache } from './streamCache.js';
 * const store = new InMemoryEventStore();
 * const created = newEvent({ type: 'OrganizationCreated', data: { orgId: 'acme', name: 'Acme', createdBy: 'ann' } });
 * await store.append('org-acme', [created]);
 * const names = new StreamCache<string>('', (name, event) => (event.type === 'OrganizationCreated' ? event.data.name : name));
 * await names.load(store, 'org-acme'); // { version: 1, state: 'Acme' }
 * await names.load(store, 'org-none'); // { version: 0, state: '' }
 */
export class StreamCache<S> {
  readonly #entries = new Map<string, Cached<S>>();

  constructor(
    private readonly initial: S,
    private readonly evolve: (state: S, event: RecordedDomainEvent) => S,
  ) {}

  /**
   * The cached state as it is, without reading the store, or undefined when nothing is cached:
   * a decision on it needs no wait, and the append's expected version catches a stale one.
   *
   * @example
   * import { InMemoryEventStore } from '@rapport/core';
   * import { newEvent } from '@rapport/core/testing';
   * import { StreamCache } from './streamCache.js';
   * const store = new InMemoryEventStore();
   * await store.append('org-acme', [newEvent({ type: 'OrganizationCreated', data: { orgId: 'acme', name: 'Acme', createdBy: 'ann' } })]);
   * const count = new StreamCache<number>(0, (n) => n + 1);
   * count.cached('org-acme'); // undefined
   * await count.load(store, 'org-acme');
   * count.cached('org-acme'); // { version: 1, state: 1 }
   */
  cached(streamId: string): Cached<S> | undefined {
    return this.#entries.get(streamId);
  }

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
