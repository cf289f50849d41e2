/**
 * The in-memory event store: the reference implementation of the `EventStore` port, and a
 * `SnapshotStore`. Each appended event costs O(1) work besides hashing and copying it: one global
 * array of events, one array of references per stream, an index by id (`MemoryLog`). Events are hashed
 * into their stream's chain on append (R-AUDIT-5) and stored frozen, in the canonical JSON form
 * their hash covers (R-AUDIT-1, R-AUDIT-2).
 */
import { freeze } from 'immer';
import {
  checkExpectedVersion,
  checkStreamId,
  checkWrites,
  classifyWrite,
  decodeNewEvents,
} from './appendRules.js';
import type { NewEvent, RecordedEvent } from './envelope.js';
import { DuplicateEventIdError, StoreClosedError } from './errors.js';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  ReadAllOptions,
  ReadStreamOptions,
  StreamWrite,
  SubscribeOptions,
  Subscription,
} from './eventStore.js';
import { canonicalEventText, canonicalJson, chainHash } from './hashChain.js';
import { canonicalFrozenCopy, plainEventText } from './internal/canonical.js';
import { MemoryLog, registerLog } from './internal/memoryLog.js';
import type { ProjectionSnapshot, SnapshotStore } from './snapshotStore.js';
import { createSubscription } from './subscription.js';

/** Options of the in-memory store. */
export interface InMemoryEventStoreOptions {
  /** How many events a `readAll` batch holds when the call gives no `batchSize`; default 1,000. */
  readonly batchSize?: number;
}

const NO_EVENTS: ReadonlyArray<RecordedEvent> = Object.freeze([]);

/** One write of an append, decoded; `stored` holds the stored events when the write is a retry. */
interface Plan {
  readonly streamId: string;
  readonly events: ReadonlyArray<NewEvent>;
  readonly stored: ReadonlyArray<RecordedEvent> | undefined;
}

/** What a retried write returns: the events stored the first time. */
const retryResult = (streamId: string, stored: ReadonlyArray<RecordedEvent>): AppendResult => ({
  streamId,
  nextExpectedVersion: stored[stored.length - 1]!.streamVersion,
  events: stored,
});

/**
 * An event store that keeps everything in memory: for tests, examples and short-lived tools.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * const store = new InMemoryEventStore();
 * const result = await store.append('contact-1', [{
 *   id: '01JD00000000000000000000AA', type: 'ContactCreated', schemaVersion: 1, data: { name: 'Ann' },
 *   actor: 'u_ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c1', causationId: null,
 * }], { expectedVersion: 'no_stream' });
 * result.nextExpectedVersion; // 1
 */
export class InMemoryEventStore implements EventStore, SnapshotStore {
  readonly #log = new MemoryLog();
  readonly #batchSize: number;
  readonly #waiters = new Set<() => void>();
  #closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.#batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
    registerLog(this, this.#log);
  }

  async append(
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    options: { readonly expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    this.#open();
    checkStreamId(streamId, 'streamId');
    const decoded = decodeNewEvents(streamId, events, 'events');
    const stored = this.#storedUnder(streamId, decoded);
    if (stored !== undefined) return retryResult(streamId, stored);
    const result = this.#store(streamId, options.expectedVersion ?? 'any', decoded);
    if (result.events.length > 0) this.#wake();
    return result;
  }

  async appendMany(writes: ReadonlyArray<StreamWrite>): Promise<ReadonlyArray<AppendResult>> {
    return this.#write(writes);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadonlyArray<RecordedEvent>> {
    this.#open();
    const stream = this.#log.streams.get(streamId);
    if (stream === undefined) return NO_EVENTS;
    const from = Math.max(1, options.fromVersion ?? 1);
    const to = Math.min(stream.length, options.toVersion ?? stream.length);
    return to < from ? NO_EVENTS : stream.slice(from - 1, to);
  }

  async streamVersion(streamId: string): Promise<number> {
    this.#open();
    return this.#log.streams.get(streamId)?.length ?? 0;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<ReadonlyArray<RecordedEvent>> {
    const log = this.#log.events;
    const end = Math.min(options.to ?? log.length, log.length);
    const size = Math.max(1, Math.floor(options.batchSize ?? this.#batchSize));
    const open = (): void => this.#open();
    return {
      async *[Symbol.asyncIterator]() {
        open();
        for (let start = Math.max(0, options.after ?? 0); start < end; start += size) {
          yield log.slice(start, Math.min(start + size, end));
          open();
        }
      },
    };
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.#open();
    const log = this.#log.events;
    return createSubscription(
      {
        readBatch: async (after, limit) => {
          this.#open();
          return log.slice(after, after + limit);
        },
        waitForEvents: (after, signal) =>
          new Promise<void>((resolve) => {
            if (log.length > after || signal.aborted || this.#closed) return resolve();
            const wake = (): void => {
              this.#waiters.delete(wake);
              signal.removeEventListener('abort', wake);
              resolve();
            };
            this.#waiters.add(wake);
            signal.addEventListener('abort', wake, { once: true });
          }),
      },
      options,
    );
  }

  async headPosition(): Promise<number> {
    this.#open();
    return this.#log.events.length;
  }

  async loadSnapshot(projection: string): Promise<ProjectionSnapshot | undefined> {
    this.#open();
    const text = this.#log.snapshots.get(projection);
    return text === undefined ? undefined : (JSON.parse(text) as ProjectionSnapshot);
  }

  async saveSnapshot(snapshot: ProjectionSnapshot): Promise<void> {
    this.#open();
    this.#log.snapshots.set(snapshot.projection, JSON.stringify(snapshot));
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wake();
  }

  #open(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  #wake(): void {
    if (this.#waiters.size === 0) return;
    for (const wake of [...this.#waiters]) wake();
  }

  /**
   * The stored events under the ids of a write's decoded events, when one of them is stored: then
   * the write is a retry (every id stored with the same content, in this stream) or it throws
   * `DuplicateEventIdError`. The common case, every id above the stored ones, costs one comparison
   * per event and builds no array.
   */
  #storedUnder(streamId: string, events: ReadonlyArray<NewEvent>): ReadonlyArray<RecordedEvent> | undefined {
    const log = this.#log;
    for (let i = 0; i < events.length; i++) {
      if (log.eventById(events[i]!.id) === undefined) continue;
      const stored = events.map((event) => log.eventById(event.id));
      classifyWrite(streamId, events, stored);
      return stored as ReadonlyArray<RecordedEvent>;
    }
    return undefined;
  }

  /** A write's decoded events and, when the write is a retry, the stored events. */
  #plan(streamId: string, events: ReadonlyArray<NewEvent>): Plan {
    return { streamId, events, stored: this.#storedUnder(streamId, events) };
  }

  /** Checks the expected version of a write whose ids are all new, then stores its events. */
  #store(streamId: string, expectedVersion: ExpectedVersion, events: ReadonlyArray<NewEvent>): AppendResult {
    const log = this.#log;
    const existing = log.streams.get(streamId);
    checkExpectedVersion(streamId, expectedVersion, existing?.length ?? 0);
    if (events.length === 0)
      return { streamId, nextExpectedVersion: existing?.length ?? 0, events: NO_EVENTS };
    const stream = existing ?? [];
    if (existing === undefined) log.streams.set(streamId, stream);
    const recorded = new Array<RecordedEvent>(events.length);
    for (let i = 0; i < events.length; i++) {
      const record = this.#record(streamId, stream, events[i]!);
      log.add(record, stream);
      recorded[i] = record;
    }
    return { streamId, nextExpectedVersion: stream.length, events: recorded };
  }

  /** Checks every write, then stores them all: nothing is stored unless every check passes. */
  #write(writes: ReadonlyArray<StreamWrite>): ReadonlyArray<AppendResult> {
    this.#open();
    checkWrites(writes);
    const log = this.#log;
    const plans = writes.map((write, i) => {
      checkStreamId(write.streamId, `writes[${i}].streamId`);
      return this.#plan(write.streamId, decodeNewEvents(write.streamId, write.events, `writes[${i}].events`));
    });
    // Each write's own ids were checked apart by decodeNewEvents; this checks them across writes.
    if (plans.length > 1) {
      const ids = new Set<string>();
      for (const plan of plans) {
        for (const event of plan.events) {
          if (ids.has(event.id)) throw new DuplicateEventIdError(event.id, plan.streamId);
          ids.add(event.id);
        }
      }
    }
    // A call whose every event is already stored is a retry: its guards were checked the first time.
    const isRetry =
      plans.some((plan) => plan.stored !== undefined) &&
      plans.every((plan) => plan.stored !== undefined || plan.events.length === 0);
    if (!isRetry) {
      writes.forEach((write, i) => {
        if (plans[i]!.stored === undefined) {
          checkExpectedVersion(
            write.streamId,
            write.expectedVersion,
            log.streams.get(write.streamId)?.length ?? 0,
          );
        }
      });
    }
    const results = plans.map((plan) =>
      plan.stored === undefined
        ? this.#store(plan.streamId, 'any', plan.events)
        : retryResult(plan.streamId, plan.stored),
    );
    if (!isRetry) this.#wake();
    return results;
  }

  #record(streamId: string, stream: ReadonlyArray<RecordedEvent>, event: NewEvent): RecordedEvent {
    const previousHash = stream[stream.length - 1]?.hash ?? null;
    // Plain JSON data is copied, sorted and frozen in one walk, and its canonical text written in
    // one call; anything else takes the general path through the canonical JSON text.
    const copy = canonicalFrozenCopy(event.data);
    const record = {
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: copy === undefined ? (JSON.parse(canonicalJson(event.data)) as unknown) : copy,
      actor: event.actor,
      recordedAt: event.recordedAt,
      correlationId: event.correlationId,
      causationId: event.causationId,
      streamId,
      streamVersion: stream.length + 1,
      globalPosition: this.#log.events.length + 1,
      previousHash,
      hash: '',
    };
    const text =
      (copy === undefined ? undefined : plainEventText(record, true)) ?? canonicalEventText(record);
    record.hash = chainHash(previousHash, text);
    return copy === undefined ? freeze(record, true) : Object.freeze(record);
  }
}

/**
 * Creates an in-memory event store.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * const store = createInMemoryEventStore();
 * await store.headPosition(); // 0
 */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions = {}): InMemoryEventStore =>
  new InMemoryEventStore(options);
