/**
 * Upcasting: old events read as their latest schema. A registry holds pure functions, each taking
 * the data of one event type from one schema version to the next; readers apply them in sequence
 * when they read. Stores keep the stored form, and verification reads it (R-AUDIT-5), so an
 * upcast never touches a hash.
 */
import type { RecordedEvent } from './envelope.js';
import { RapportError } from './errors.js';
import type { EventStore, Subscription } from './eventStore.js';
import { registerStoredForm } from './internal/storedForm.js';

/** Takes the data of an event at `fromVersion` to `fromVersion + 1`. Pure: no I/O, no clock. */
export type UpcastFunction = (data: unknown, event: RecordedEvent) => unknown;

/** One step of an event type's schema history. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: UpcastFunction;
}

/** The upcasters of every event type, keyed by type then by the version they start from. */
export interface UpcasterRegistry {
  readonly steps: ReadonlyMap<string, ReadonlyMap<number, UpcastFunction>>;
}

/**
 * Builds a registry; two upcasters for the same type and version throw `RapportError`
 * (`DUPLICATE_UPCASTER`).
 *
 * @example
 * import { upcasterRegistry } from '@rapport/core';
 * const registry = upcasterRegistry([
 *   { type: 'ContactNamed', fromVersion: 1, upcast: (data) => ({ ...(data as object), middleName: null }) },
 * ]);
 * registry.steps.get('ContactNamed')?.has(1); // true
 */
export const upcasterRegistry = (upcasters: ReadonlyArray<Upcaster>): UpcasterRegistry => {
  const steps = new Map<string, Map<number, UpcastFunction>>();
  for (const { type, fromVersion, upcast } of upcasters) {
    const byVersion = steps.get(type) ?? new Map<number, UpcastFunction>();
    if (byVersion.has(fromVersion)) {
      throw new RapportError(
        'DUPLICATE_UPCASTER',
        `two upcasters take "${type}" from schema version ${fromVersion}`,
        { type, fromVersion },
      );
    }
    byVersion.set(fromVersion, upcast);
    steps.set(type, byVersion);
  }
  return { steps };
};

/**
 * A function that brings a recorded event to the latest schema version the registry knows,
 * applying one step after another. An event with no step to take is returned as it is; the
 * stored event is never changed (a new object carries the upcast data and schema version).
 *
 * @example
 * import { InMemoryEventStore, upcast, upcasterRegistry } from '@rapport/core';
 * import { newEvent, readEverything } from '@rapport/core/testing';
 * const toLatest = upcast(upcasterRegistry([
 *   { type: 'Noted', fromVersion: 1, upcast: (data) => ({ text: (data as { note: string }).note }) },
 * ]));
 * const store = new InMemoryEventStore();
 * await store.append('s1', [newEvent({ type: 'Noted', schemaVersion: 1, data: { note: 'hi' } })]);
 * const [stored] = await readEverything(store);
 * const latest = toLatest(stored!);
 * [latest.schemaVersion, latest.data]; // [2, { text: 'hi' }]
 */
export const upcast =
  (registry: UpcasterRegistry) =>
  (event: RecordedEvent): RecordedEvent => {
    const byVersion = registry.steps.get(event.type);
    if (byVersion === undefined) return event;
    let current = event;
    for (
      let step = byVersion.get(current.schemaVersion);
      step !== undefined;
      step = byVersion.get(current.schemaVersion)
    ) {
      current = { ...current, schemaVersion: current.schemaVersion + 1, data: step(current.data, current) };
    }
    return current;
  };

const upcastBatch =
  (toLatest: (event: RecordedEvent) => RecordedEvent) =>
  (batch: ReadonlyArray<RecordedEvent>): ReadonlyArray<RecordedEvent> =>
    batch.map(toLatest);

/**
 * A view of a store whose reads (`readStream`, `readAll`, `subscribe`) return upcast events;
 * appends go to the store unchanged. `verifyStore` given this view verifies the store behind it.
 *
 * @example
 * import { InMemoryEventStore, upcasterRegistry, withUpcasting } from '@rapport/core';
 * const store = withUpcasting(new InMemoryEventStore(), upcasterRegistry([]));
 * await store.headPosition(); // 0
 */
export const withUpcasting = (store: EventStore, registry: UpcasterRegistry): EventStore => {
  const toLatest = upcast(registry);
  const batch = upcastBatch(toLatest);
  const view: EventStore = {
    append: (streamId, events, options) => store.append(streamId, events, options),
    appendMany: (writes) => store.appendMany(writes),
    readStream: async (streamId, options) => batch(await store.readStream(streamId, options)),
    streamVersion: (streamId) => store.streamVersion(streamId),
    readAll: (options) => {
      const source = store.readAll(options);
      return {
        async *[Symbol.asyncIterator]() {
          for await (const events of source) yield batch(events);
        },
      };
    },
    subscribe: (options): Subscription => {
      const subscription = store.subscribe(options);
      return {
        async *[Symbol.asyncIterator]() {
          for await (const events of subscription) yield batch(events);
        },
        close: () => subscription.close(),
      };
    },
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
  registerStoredForm(view, store);
  return view;
};
