/**
 * The event store port. Every store (in-memory, SQLite, PostgreSQL) implements it and passes the
 * conformance suite in `@rapport/core/testing`.
 */
import type { NewEvent, RecordedEvent } from './envelope.js';

/**
 * What the caller believes of a stream's version before appending.
 * - `'any'`: append whatever the version;
 * - `'no_stream'`: the stream must have no event;
 * - `'stream_exists'`: the stream must have at least one event;
 * - a number n: the stream's last event must be version n (0 is the same as `'no_stream'`).
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

/** One stream's part of an append. */
export interface StreamWrite {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  /** May be empty: the write then only checks the expected version (a guard on a stream read). */
  readonly events: ReadonlyArray<NewEvent>;
}

/** What an append did to one stream. */
export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append: pass it as the next expected version. */
  readonly nextExpectedVersion: number;
  /** The stored events, in order, with their versions, positions and hashes. */
  readonly events: ReadonlyArray<RecordedEvent>;
}

/** A range of versions of one stream. */
export interface ReadStreamOptions {
  /** First version to read, inclusive; default 1. */
  readonly fromVersion?: number;
  /** Last version to read, inclusive; default the end. */
  readonly toVersion?: number;
}

/** A range of global positions, read in batches. */
export interface ReadAllOptions {
  /** A checkpoint: read the events whose global position is greater than this; default 0. */
  readonly after?: number;
  /** Last global position to read, inclusive; default the end as of the call. */
  readonly to?: number;
  /** How many events a batch holds at most; default chosen by the store. */
  readonly batchSize?: number;
}

/** Where a subscription starts, how it batches, and what ends it. */
export interface SubscribeOptions {
  /** The checkpoint to catch up from (exclusive); default 0, the beginning. */
  readonly after?: number;
  readonly batchSize?: number;
  /** Aborting ends the iteration. */
  readonly signal?: AbortSignal;
}

/**
 * A subscription: an async iterable of batches in global order that first catches up from its
 * checkpoint, then waits for new events; no gap, no duplicate. It ends when `close` is called or
 * the signal aborts.
 */
export interface Subscription extends AsyncIterable<ReadonlyArray<RecordedEvent>> {
  close(): Promise<void>;
}

/**
 * An event store.
 *
 * Appends are atomic and idempotent: retrying an append whose events' ids are already stored in
 * that stream returns the first result and stores nothing twice, whatever the expected version.
 * A version mismatch throws `ConcurrencyError`; reusing an id for other content throws
 * `DuplicateEventIdError`. Global positions only grow, and a reader that has seen position p
 * never later sees an event below p (what `readAll` and `subscribe` rely on).
 */
export interface EventStore {
  /** Appends events to one stream. */
  append(
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    options?: { readonly expectedVersion?: ExpectedVersion },
  ): Promise<AppendResult>;
  /** Appends to several streams at once, each with its own expected version: all or nothing. */
  appendMany(writes: ReadonlyArray<StreamWrite>): Promise<ReadonlyArray<AppendResult>>;
  /** The events of one stream, in version order; empty for an unknown stream. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadonlyArray<RecordedEvent>>;
  /** The version of a stream: the version of its last event, 0 when it has none. */
  streamVersion(streamId: string): Promise<number>;
  /** Every event in global order, in batches. */
  readAll(options?: ReadAllOptions): AsyncIterable<ReadonlyArray<RecordedEvent>>;
  /** Catch up from a checkpoint, then follow new events live. */
  subscribe(options?: SubscribeOptions): Subscription;
  /** The global position of the last stored event, 0 for an empty store. */
  headPosition(): Promise<number>;
  /** Releases the store's resources; a closed store rejects further calls. */
  close(): Promise<void>;
}
