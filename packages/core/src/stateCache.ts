/**
 * Decision states cached by stream id and version, so that a command folds only the events it has
 * not seen. The cache holds at most `capacity` streams and forgets the least recently used first.
 * A stale entry is harmless: the append's expected version catches it, and the pipeline reads the
 * stream again before it decides again.
 */
import type { DomainEvent } from './decider.js';
import type { Recorded, RecordedEvent } from './envelope.js';
import type { EventStore } from './eventStore.js';
import type { StreamModel } from './aggregate.js';

/**
 * A state folded from a stream, and the stream version it was folded up to.
 *
 * @example
 * import type { Cached } from '@rapport/core';
 * const empty: Cached<number> = { version: 0, state: 0 };
 */
export interface Cached<S> {
  readonly version: number;
  readonly state: S;
}

interface Entry {
  readonly cached: Cached<unknown>;
  /** When the entry was last put at the end. */
  readonly tick: number;
}

/**
 * States by stream id, folded with each stream's model from events read through `decode`.
 *
 * @example
 * import { InMemoryEventStore, StateCache } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await store.append('counter-1', [newEvent({ type: 'Added', data: { n: 2 } })]);
 * const cache = new StateCache((event) => event as never, 2);
 * const count = { name: 'counter', initialState: 0, evolve: (n: number, e: { data: { n: number } }) => n + e.data.n };
 * await cache.load(store, 'counter-1', count); // { version: 1, state: 2 }
 * cache.cached('counter-1'); // { version: 1, state: 2 }
 */
export class StateCache<Ev extends DomainEvent> {
  // Insertion order is recency, roughly: a hit moves its entry to the end only when it has come
  // within the older half, which spares moving a hot entry on every hit (moving the
  // organization's entry on each command was 5% of the pipeline's profile); the first entry is
  // evicted.
  readonly #entries = new Map<string, Entry>();
  #tick = 0;

  constructor(
    private readonly decode: (event: RecordedEvent) => Recorded<Ev>,
    readonly capacity = 50_000,
  ) {}

  /** How many streams are cached. */
  get size(): number {
    return this.#entries.size;
  }

  /** The cached state, without reading the store, or undefined when nothing is cached. */
  cached<S>(streamId: string): Cached<S> | undefined {
    const entry = this.#entries.get(streamId);
    if (entry === undefined) return undefined;
    if (this.#tick - entry.tick > this.capacity / 2) this.#put(streamId, entry.cached);
    return entry.cached as Cached<S>;
  }

  /** The cached state, caught up with the store when `refresh` is asked or nothing is cached. */
  async load<S>(
    store: EventStore,
    streamId: string,
    model: StreamModel<S, Ev>,
    refresh = false,
  ): Promise<Cached<S>> {
    const cached = this.#entries.get(streamId)?.cached as Cached<S> | undefined;
    if (cached !== undefined && !refresh) return cached;
    const from = cached ?? { version: 0, state: model.initialState };
    const events = await store.readStream(streamId, { fromVersion: from.version + 1 });
    let { version, state } = from;
    for (const event of events) {
      state = model.evolve(state, this.decode(event));
      version = event.streamVersion;
    }
    const next = { version, state };
    this.#put(streamId, next);
    return next;
  }

  /** Folds events just appended on top of `base`, if the cache still holds `base`; forgets it otherwise. */
  advance<S>(
    streamId: string,
    model: StreamModel<S, Ev>,
    base: Cached<S>,
    events: ReadonlyArray<Recorded<Ev>>,
  ): void {
    if (this.#entries.get(streamId)?.cached !== base) {
      this.#entries.delete(streamId);
      return;
    }
    let { version, state } = base;
    for (const event of events) {
      state = model.evolve(state, event);
      version = event.streamVersion;
    }
    // Setting a key that is there keeps its place: a recent entry stays where it is.
    const entry = this.#entries.get(streamId)!;
    if (this.#tick - entry.tick > this.capacity / 2) this.#put(streamId, { version, state });
    else this.#entries.set(streamId, { cached: { version, state }, tick: entry.tick });
  }

  #put(streamId: string, cached: Cached<unknown>): void {
    this.#entries.delete(streamId);
    this.#entries.set(streamId, { cached, tick: (this.#tick += 1) });
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }
}
