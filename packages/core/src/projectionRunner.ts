/**
 * Runs projections over a store: inline after each append, catching up from a checkpoint, or
 * following a subscription; restores them from snapshots when the projection version matches and
 * rebuilds them otherwise (R-AUDIT-3: a rebuild from scratch equals the live projection).
 */
import type { DomainEvent } from './decider.js';
import type { RecordedEvent } from './envelope.js';
import { RapportError } from './errors.js';
import type { EventStore, ReadAllOptions } from './eventStore.js';
import {
  applyEvents,
  documentsFromJson,
  documentsToJson,
  type DocumentsSnapshot,
  type Projection,
  type ProjectionDocuments,
} from './projection.js';
import type { SnapshotStore } from './snapshotStore.js';

/** What a runner shows of one projection. */
export interface ProjectionView<D> {
  readonly name: string;
  /** The global position of the last event applied. */
  readonly checkpoint: number;
  get(key: string): D | undefined;
  readonly documents: ReadonlyMap<string, D>;
}

/** Where a runner keeps snapshots, how it upcasts, and how many events it reads at once. */
export interface ProjectionRunnerOptions {
  /** Where snapshots are loaded from and saved to. */
  readonly snapshots?: SnapshotStore;
  /** Applied to each stored event before the projections see it (see `upcast`). */
  readonly upcast?: (event: RecordedEvent) => RecordedEvent;
  /** Events per batch when catching up. */
  readonly batchSize?: number;
}

interface Running {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projection: Projection<any, any>;
  documents: ProjectionDocuments<unknown>;
  checkpoint: number;
}

/**
 * Keeps projections up to date with a store.
 *
 * @example
 * import { defineProjection, InMemoryEventStore, ProjectionRunner } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * const names = defineProjection<{ name: string }, { type: 'Named'; data: { id: string; name: string } }>({
 *   name: 'names', version: 1,
 *   keys: (e) => [e.data.id],
 *   initial: () => ({ name: '' }),
 *   recipes: { Named: (d, e) => { d.name = e.data.name; } },
 * });
 * const store = new InMemoryEventStore();
 * await store.append('contact-c1', [newEvent({ type: 'Named', data: { id: 'c1', name: 'Ann' } })]);
 * const runner = new ProjectionRunner(store, [names]);
 * await runner.start(); // catches up: reads the events already stored
 * runner.view<{ name: string }>('names').get('c1'); // { name: 'Ann' }
 * // A command handler keeps it live: commandHandler(store, definition, { onAppended: [runner.onAppended] })
 * const appended = await store.append('contact-c1', [newEvent({ type: 'Named', data: { id: 'c1', name: 'Anna' } })]);
 * await runner.onAppended(appended.events);
 * runner.view<{ name: string }>('names').get('c1'); // { name: 'Anna' }
 */
export class ProjectionRunner {
  readonly #store: EventStore;
  readonly #running: Running[];
  readonly #options: ProjectionRunnerOptions;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    store: EventStore,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    projections: ReadonlyArray<Projection<any, any>>,
    options: ProjectionRunnerOptions = {},
  ) {
    this.#store = store;
    this.#options = options;
    this.#running = projections.map((projection) => ({ projection, documents: new Map(), checkpoint: 0 }));
  }

  /** The current state of a projection. */
  view<D>(name: string): ProjectionView<D> {
    const running = this.#find(name);
    return {
      name,
      get checkpoint() {
        return running.checkpoint;
      },
      get: (key) => running.documents.get(key) as D | undefined,
      get documents() {
        return running.documents as ReadonlyMap<string, D>;
      },
    };
  }

  /** Restores snapshots of the current projection versions, then catches up with the store. */
  start(): Promise<void> {
    return this.#serial(async () => {
      const snapshots = this.#options.snapshots;
      if (snapshots !== undefined) {
        for (const running of this.#running) {
          const snapshot = await snapshots.loadSnapshot(running.projection.name);
          if (snapshot === undefined || snapshot.version !== running.projection.version) continue;
          running.documents = documentsFromJson(snapshot.state as DocumentsSnapshot<unknown>);
          running.checkpoint = snapshot.checkpoint;
        }
      }
      await this.#catchUp();
    });
  }

  /** Applies every event after the projections' checkpoints, up to `to` or the head. */
  catchUp(options: { readonly to?: number } = {}): Promise<void> {
    return this.#serial(() => this.#catchUp(options.to));
  }

  /**
   * Applies events just appended (pass it to a command handler's `onAppended`). Events that do
   * not follow the checkpoints directly are read from the store instead, so nothing is skipped.
   */
  readonly onAppended = (events: ReadonlyArray<RecordedEvent>): Promise<void> =>
    this.#serial(async () => {
      const last = events[events.length - 1];
      if (last === undefined) return;
      const checkpoint = Math.min(...this.#running.map((r) => r.checkpoint));
      const follows =
        events[0]!.globalPosition === checkpoint + 1 &&
        events.every((event, i) => i === 0 || event.globalPosition === events[i - 1]!.globalPosition + 1);
      if (follows && this.#running.every((r) => r.checkpoint === checkpoint)) this.#apply(events);
      else await this.#catchUp(last.globalPosition);
    });

  /** Follows the store live until the signal aborts. */
  async follow(signal: AbortSignal): Promise<void> {
    await this.catchUp();
    const after = Math.min(...this.#running.map((r) => r.checkpoint));
    const subscription = this.#store.subscribe({
      after,
      signal,
      ...(this.#options.batchSize === undefined ? {} : { batchSize: this.#options.batchSize }),
    });
    for await (const batch of subscription) await this.#serial(async () => this.#apply(batch));
  }

  /** Forgets every document and replays the whole history. */
  rebuild(): Promise<void> {
    return this.#serial(async () => {
      for (const running of this.#running) {
        running.documents = new Map();
        running.checkpoint = 0;
      }
      await this.#catchUp();
    });
  }

  /** Saves a snapshot of every projection at its checkpoint. */
  saveSnapshots(): Promise<void> {
    return this.#serial(async () => {
      const snapshots = this.#options.snapshots;
      if (snapshots === undefined) return;
      for (const running of this.#running) {
        await snapshots.saveSnapshot({
          projection: running.projection.name,
          version: running.projection.version,
          checkpoint: running.checkpoint,
          state: documentsToJson(running.documents),
        });
      }
    });
  }

  #find(name: string): Running {
    const running = this.#running.find((r) => r.projection.name === name);
    if (running === undefined) {
      throw new RapportError('UNKNOWN_PROJECTION', `this runner has no projection named "${name}"`, { name });
    }
    return running;
  }

  /** One mutation at a time: inline applications, catch-ups and rebuilds never interleave. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #catchUp(to?: number): Promise<void> {
    if (this.#running.length === 0) return;
    const after = Math.min(...this.#running.map((r) => r.checkpoint));
    const options: ReadAllOptions = {
      after,
      ...(to === undefined ? {} : { to }),
      ...(this.#options.batchSize === undefined ? {} : { batchSize: this.#options.batchSize }),
    };
    for await (const batch of this.#store.readAll(options)) this.#apply(batch);
  }

  #apply(batch: ReadonlyArray<RecordedEvent>): void {
    const last = batch[batch.length - 1];
    if (last === undefined) return;
    const upcast = this.#options.upcast;
    const events = upcast === undefined ? batch : batch.map(upcast);
    for (const running of this.#running) {
      if (last.globalPosition <= running.checkpoint) continue;
      const fresh =
        events[0]!.globalPosition > running.checkpoint
          ? events
          : events.filter((e) => e.globalPosition > running.checkpoint);
      applyEvents(running.projection, running.documents, fresh);
      running.checkpoint = last.globalPosition;
    }
  }
}

/**
 * Replays a projection from the beginning to a global position or to an instant, without touching
 * any running projection (R-AUDIT-3: any projection, to the end or to a point in time).
 *
 * @example
 * import { defineProjection, InMemoryEventStore, replayProjection } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * const names = defineProjection<{ name: string }, { type: 'Named'; data: { id: string; name: string } }>({
 *   name: 'names', version: 1,
 *   keys: (e) => [e.data.id],
 *   initial: () => ({ name: '' }),
 *   recipes: { Named: (d, e) => { d.name = e.data.name; } },
 * });
 * const store = new InMemoryEventStore();
 * await store.append('contact-c1', [
 *   newEvent({ type: 'Named', data: { id: 'c1', name: 'Ann' }, recordedAt: '2026-11-20T09:00:00.000Z' }),
 *   newEvent({ type: 'Named', data: { id: 'c1', name: 'Anna' }, recordedAt: '2026-11-24T09:00:00.000Z' }),
 * ]);
 * const asOfMonday = await replayProjection(store, names, { until: '2026-11-23T00:00:00.000Z' });
 * asOfMonday.get('c1'); // { name: 'Ann' }
 * (await replayProjection(store, names, { to: 2 })).get('c1'); // { name: 'Anna' }
 */
export const replayProjection = async <D extends object, Ev extends DomainEvent>(
  store: Pick<EventStore, 'readAll'>,
  projection: Projection<D, Ev>,
  options: {
    readonly to?: number;
    readonly until?: string;
    readonly upcast?: (event: RecordedEvent) => RecordedEvent;
  } = {},
): Promise<ProjectionDocuments<D>> => {
  const documents: ProjectionDocuments<D> = new Map();
  const until = options.until === undefined ? undefined : Date.parse(options.until);
  for await (const batch of store.readAll(options.to === undefined ? {} : { to: options.to })) {
    let events = options.upcast === undefined ? batch : batch.map(options.upcast);
    if (until !== undefined) events = events.filter((event) => Date.parse(event.recordedAt) <= until);
    applyEvents(projection, documents, events);
  }
  return documents;
};
