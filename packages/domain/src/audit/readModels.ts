/**
 * Every read model the live system keeps, rebuilt from history: the relationship projections,
 * audience membership (R-AUD-3) and sync points (R-SYNC-5), folded in the same order as the
 * facade folds them, to the end of the history or to a point (R-AUDIT-3); and their snapshot, so
 * that a reader restarts from a saved checkpoint instead of replaying everything. One pipeline:
 * the facade holds a `ReadModels` and applies every batch through it, so a rebuild and the live
 * read models fold events the same way.
 */
import * as t from 'io-ts';
import { NonNegativeInteger, type EventStore, type Rejection, type SnapshotStore } from '@rapport/core';
import { AudienceMembership, MembershipState } from '../audiences/membership.js';
import type { RecordedDomainEvent } from '../events.js';
import { ProjectionState, RelationshipProjections } from '../projections/relationships.js';
import { SyncPoints, SyncPointsState } from '../sync/points.js';
import { laterThan } from '../internal/instants.js';
import { foldHistory, type HistoryPoint } from './history.js';

/**
 * The read models together, and the one place their order is kept: a batch is folded into the
 * projections, each event followed at once by the sync points (they compare the two copies as
 * that event left them); audience membership then follows the batch once (it depends only on the
 * copies as the batch leaves them). The facade and every replay go through `applyAll`.
 *
 * @example
 * import { ReadModels } from '@rapport/domain';
 * const models = new ReadModels();
 * models.checkpoint; // 0
 * models.membership.members('acme', { owner: 'team' }, 'leads'); // []
 */
export class ReadModels {
  /** The event at the checkpoint and the latest time recorded up to it: what a snapshot is checked against. */
  #head: ReadModelsHead = { eventId: null, hash: null, latestRecordedAt: null };

  constructor(
    readonly projections: RelationshipProjections = new RelationshipProjections(),
    readonly membership: AudienceMembership = new AudienceMembership(),
    readonly syncPoints: SyncPoints = new SyncPoints(),
  ) {}

  /** The global position of the last event applied; 0 before any. */
  get checkpoint(): number {
    return this.projections.checkpoint;
  }

  /**
   * Folds recorded events in global order; events at or below the checkpoint are ignored. Gives
   * the events folded.
   *
   * @example
   * import { ReadModels } from '@rapport/domain';
   * new ReadModels().applyAll([]); // []
   */
  applyAll(events: Iterable<RecordedDomainEvent>): RecordedDomainEvent[] {
    const applied = this.projections.applyAll(events, (event) =>
      this.syncPoints.apply(event, this.projections),
    );
    this.membership.applyAll(applied, this.projections);
    const last = applied[applied.length - 1];
    if (last !== undefined) {
      let latest = this.#head.latestRecordedAt;
      for (const event of applied)
        if (latest === null || laterThan(event.recordedAt, latest)) latest = event.recordedAt;
      this.#head = { eventId: last.id, hash: last.hash, latestRecordedAt: latest };
    }
    return applied;
  }

  /** Folds one recorded event: `applyAll` of that event alone. */
  apply(event: RecordedDomainEvent): void {
    this.applyAll([event]);
  }

  /** Everything, as plain data: equal read models give equal states. */
  state(): ReadModelsState {
    return {
      projections: this.projections.snapshot(),
      membership: this.membership.snapshot(),
      syncPoints: this.syncPoints.snapshot(),
    };
  }

  /**
   * What to save to resume from the checkpoint: the state with the event it was built up to.
   *
   * @example
   * import { ReadModels } from '@rapport/domain';
   * new ReadModels().snapshot().checkpoint; // 0
   */
  snapshot(): ReadModelsSnapshot {
    return { checkpoint: this.checkpoint, ...this.#head, state: this.state() };
  }

  /**
   * Read models holding a state; apply the events after its checkpoint to catch up.
   *
   * @example
   * import { ReadModels } from '@rapport/domain';
   * ReadModels.restore(new ReadModels().state()).checkpoint; // 0
   */
  static restore(state: ReadModelsState): ReadModels {
    return new ReadModels(
      RelationshipProjections.restore(state.projections),
      AudienceMembership.restore(state.membership),
      SyncPoints.restore(state.syncPoints),
    );
  }

  /**
   * Read models resumed from a saved snapshot, keeping what identifies its checkpoint so that a
   * later `snapshot()` can be checked against the store too.
   *
   * @example
   * import { ReadModels } from '@rapport/domain';
   * ReadModels.resume(new ReadModels().snapshot()).checkpoint; // 0
   */
  static resume(snapshot: ReadModelsSnapshot): ReadModels {
    const models = ReadModels.restore(snapshot.state);
    models.#head = {
      eventId: snapshot.eventId,
      hash: snapshot.hash,
      latestRecordedAt: snapshot.latestRecordedAt,
    };
    return models;
  }
}

/** The event at a checkpoint (id and hash, null at 0) and the latest time recorded up to it. */
interface ReadModelsHead {
  readonly eventId: string | null;
  readonly hash: string | null;
  readonly latestRecordedAt: string | null;
}

/**
 * The read models as plain data.
 *
 * @example
 * import { ReadModels } from '@rapport/domain';
 * import { ReadModelsState } from './readModels.js';
 * ReadModelsState.is(new ReadModels().state()); // true
 */
export const ReadModelsState = t.type(
  { projections: ProjectionState, membership: MembershipState, syncPoints: SyncPointsState },
  'ReadModelsState',
);
export type ReadModelsState = t.TypeOf<typeof ReadModelsState>;

/**
 * The name read models are saved under in a snapshot store.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport } from '@rapport/domain';
 * import { READ_MODELS_SNAPSHOT } from './readModels.js';
 * const store = createInMemoryEventStore();
 * const rapport = createRapport({ store, snapshots: store });
 * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * await rapport.saveSnapshot();
 * (await store.loadSnapshot(READ_MODELS_SNAPSHOT))?.checkpoint; // 2
 */
export const READ_MODELS_SNAPSHOT = 'rapport.read-models';

/**
 * The version of the saved read models: raised whenever a projection, membership or the sync
 * points change meaning, so that an older snapshot is ignored and the history replayed. Version 2:
 * ids named like `Object.prototype` members (`__proto__`, `constructor`) are entries like any
 * other (R-FIELD-7), where version 1 could drop them from an organization's members or settings.
 * Version 3: a copy keeps its current step as given (`stepDefinition`, R-STEP-6, R-STEP-7).
 * Version 4: the sync points keep the fields whose divergence rests on a pair's first meeting
 * (R-SYNC-7) or on a personal segment (R-SYNC-8). Version 5: the projections keep the team copies
 * withdrawn from the team view (R-SHARE-7, R-SHARE-8).
 *
 * @example
 * import { READ_MODELS_VERSION } from '@rapport/domain';
 * READ_MODELS_VERSION; // 5
 */
export const READ_MODELS_VERSION = 5;

/**
 * A saved state of the read models, with what identifies the history it was built from: the event
 * at its checkpoint (id and hash) and the latest time recorded up to there.
 *
 * @example
 * import { ReadModels, ReadModelsSnapshot } from '@rapport/domain';
 * ReadModelsSnapshot.is({ checkpoint: 0, eventId: null, hash: null, latestRecordedAt: null, state: new ReadModels().state() }); // true
 */
export const ReadModelsSnapshot = t.type(
  {
    checkpoint: NonNegativeInteger,
    eventId: t.union([t.string, t.null]),
    hash: t.union([t.string, t.null]),
    latestRecordedAt: t.union([t.string, t.null]),
    state: ReadModelsState,
  },
  'ReadModelsSnapshot',
);
export type ReadModelsSnapshot = t.TypeOf<typeof ReadModelsSnapshot>;

/** Read models rebuilt up to a point, the position they reach and the events that could not be read. */
export interface ReadModelsAt {
  readonly models: ReadModels;
  readonly position: number;
  readonly unreadable: ReadonlyArray<Rejection>;
  /** The checkpoint of the snapshot the replay started from; null when it started from nothing. */
  readonly restoredFrom: number | null;
  /** What to save to resume from this point, or null when the replay met an unreadable event. */
  readonly snapshot: ReadModelsSnapshot | null;
}

/** Where a replay starts from and what it reports. */
export interface ReadModelsOptions {
  /** A snapshot to start from; used only when it lies at or before the point asked for. */
  readonly from?: ReadModelsSnapshot | undefined;
  /** Called after each batch with the number of stored events read so far. */
  readonly onProgress?: (read: number) => void;
}

/**
 * Whether a snapshot lies within the history up to a point: at or before a position, or built
 * only of events recorded at or before a time.
 */
const covers = (snapshot: ReadModelsSnapshot, until: HistoryPoint | undefined): boolean =>
  until === undefined ||
  ('position' in until
    ? snapshot.checkpoint <= until.position
    : snapshot.latestRecordedAt === null || Date.parse(snapshot.latestRecordedAt) <= Date.parse(until.time));

/**
 * Rebuilds every read model by replaying the history up to a point, or to the end, starting from a
 * snapshot when one is given and lies within that part of the history.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { readModelsAt } from '@rapport/domain';
 * const { position, restoredFrom } = await readModelsAt(createInMemoryEventStore());
 * position; // 0
 * restoredFrom; // null
 */
export const readModelsAt = async (
  store: Pick<EventStore, 'readAll'>,
  until?: HistoryPoint,
  options: ReadModelsOptions = {},
): Promise<ReadModelsAt> => {
  const start = options.from !== undefined && covers(options.from, until) ? options.from : undefined;
  const models = start === undefined ? new ReadModels() : ReadModels.resume(start);
  // Each batch is folded and let go: the replay holds the read models and one batch, no more.
  const { unreadable, position } = await foldHistory(
    store,
    {
      ...(until === undefined ? {} : { until }),
      ...(start === undefined ? {} : { after: start.checkpoint }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    },
    (events) => models.applyAll(events),
  );
  const snapshot = unreadable.length > 0 ? null : models.snapshot();
  return {
    models,
    position,
    unreadable,
    restoredFrom: start?.checkpoint ?? null,
    snapshot,
  };
};

/**
 * Saves read models to a snapshot store.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { readModelsAt, saveReadModels } from '@rapport/domain';
 * const store = createInMemoryEventStore();
 * const { snapshot } = await readModelsAt(store);
 * if (snapshot !== null) await saveReadModels(store, snapshot);
 */
export const saveReadModels = (snapshots: SnapshotStore, snapshot: ReadModelsSnapshot): Promise<void> =>
  snapshots.saveSnapshot({
    projection: READ_MODELS_SNAPSHOT,
    version: READ_MODELS_VERSION,
    checkpoint: snapshot.checkpoint,
    state: snapshot,
  });

/**
 * The saved read models, when there are any of the current version that decode and belong to this
 * store's history: the store must hold, at the snapshot's checkpoint, the very event (id and hash)
 * the snapshot was built up to. Anything else gives undefined, and the caller replays everything.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { loadReadModels } from '@rapport/domain';
 * const store = createInMemoryEventStore();
 * await loadReadModels(store, store); // undefined: nothing saved
 */
export const loadReadModels = async (
  snapshots: SnapshotStore,
  store: Pick<EventStore, 'readAll'>,
): Promise<ReadModelsSnapshot | undefined> => {
  const saved = await snapshots.loadSnapshot(READ_MODELS_SNAPSHOT);
  if (saved === undefined || saved.version !== READ_MODELS_VERSION) return undefined;
  const decoded = ReadModelsSnapshot.decode(saved.state);
  if (decoded._tag === 'Left' || decoded.right.checkpoint !== saved.checkpoint) return undefined;
  const snapshot = decoded.right;
  if (snapshot.checkpoint === 0) return snapshot;
  for await (const batch of store.readAll({ after: snapshot.checkpoint - 1, to: snapshot.checkpoint }))
    for (const event of batch)
      if (event.globalPosition === snapshot.checkpoint)
        return event.id === snapshot.eventId && event.hash === snapshot.hash ? snapshot : undefined;
  return undefined;
};
