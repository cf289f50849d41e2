/**
 * The facade's read models kept up with the store: started from the saved snapshot when it is
 * usable (R-AUDIT-3), caught up from the store before a read, and given the events a command has
 * just appended at once, without reading them back.
 */
import type { EventStore, PipelineReadModels, SnapshotStore } from '@rapport/core';
import { loadReadModels, ReadModels, saveReadModels } from '../audit/readModels.js';
import type { DomainEvent, RecordedDomainEvent } from '../events.js';
import { decodeStored } from '../internal/decodeStored.js';

/** The read models of a facade. */
export interface ReadSide extends PipelineReadModels<ReadModels, DomainEvent> {
  /** The read models holding at least every event up to `position`, at once when they do. */
  atLeast(position: number): ReadModels | Promise<ReadModels>;
  /** Catches up, then saves the read models; gives the checkpoint saved. */
  save(snapshots: SnapshotStore): Promise<number>;
}

/**
 * Makes the read side of a facade over `store`, started from `snapshots` when given.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { createReadSide } from './readSide.js';
 * const models = await createReadSide(new InMemoryEventStore()).caughtUp();
 * models.checkpoint; // 0
 */
export const createReadSide = (store: EventStore, snapshots?: SnapshotStore): ReadSide => {
  let models = new ReadModels();
  let catchingUp: Promise<void> | undefined;
  // Whether `catchingUp` has settled with nothing chained after it: the read models can then be
  // read and changed at once, without waiting for a turn of the event loop.
  let idle = false;

  /** Makes `step` what is under way; idle again once it is done, unless another step follows it. */
  const underWay = (step: Promise<void>): Promise<void> => {
    catchingUp = step;
    idle = false;
    void step.then(
      () => {
        if (catchingUp === step) idle = true;
      },
      // Those who wait for the step see its failure.
      () => undefined,
    );
    return step;
  };

  /**
   * What is under way, settled. The first call starts the read models: from the saved snapshot
   * when `loadReadModels` finds it usable, otherwise from nothing; every later step is chained
   * after it, so nothing is applied before the start is known.
   */
  const settled = (): Promise<void> =>
    catchingUp ??
    underWay(
      (async () => {
        if (snapshots === undefined) return;
        const saved = await loadReadModels(snapshots, store);
        if (saved !== undefined) models = ReadModels.resume(saved);
      })(),
    );

  const catchUp = (): Promise<void> =>
    underWay(
      settled().then(async () => {
        for await (const batch of store.readAll({ after: models.checkpoint }))
          models.applyAll(batch.map(decodeStored));
      }),
    );

  /**
   * Applies events just appended, or catches up with the store when others' events came between;
   * what is already applied is skipped, so it may run while a catch-up is under way.
   */
  const applyAppended = (events: ReadonlyArray<RecordedDomainEvent>): Promise<void> | undefined => {
    const next: RecordedDomainEvent[] = [];
    for (const event of events) {
      if (event.globalPosition <= models.checkpoint + next.length) continue;
      if (event.globalPosition !== models.checkpoint + next.length + 1) {
        models.applyAll(next);
        return catchUp();
      }
      next.push(event);
    }
    models.applyAll(next);
    return undefined;
  };

  return {
    current: () => models,
    caughtUp: async () => {
      await catchUp();
      return models;
    },
    atLeast: (position) => (idle && models.checkpoint >= position ? models : catchUp().then(() => models)),
    project: (events) => (idle ? applyAppended(events) : settled().then(() => applyAppended(events))),
    save: async (to) => {
      await catchUp();
      const snapshot = models.snapshot();
      await saveReadModels(to, snapshot);
      return snapshot.checkpoint;
    },
  };
};
