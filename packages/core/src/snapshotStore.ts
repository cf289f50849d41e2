/**
 * Projection snapshots: a projection's state saved with the checkpoint (global position) it
 * reflects, so that an app restarts without replaying the whole history. A store that keeps
 * snapshots in the same database as the events implements this beside `EventStore`.
 */

/** A projection's state as of `checkpoint`, written by projection `version`. */
export interface ProjectionSnapshot {
  readonly projection: string;
  /** The projection's version when saved; a snapshot of another version is ignored and rebuilt. */
  readonly version: number;
  readonly checkpoint: number;
  /** JSON-serializable state. */
  readonly state: unknown;
}

/**
 * Where projection snapshots are kept: the latest per projection.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * const snapshots = new InMemoryEventStore();
 * await snapshots.saveSnapshot({ projection: 'contacts', version: 1, checkpoint: 0, state: { documents: [] } });
 * (await snapshots.loadSnapshot('contacts'))?.version; // 1
 * await snapshots.loadSnapshot('tags'); // undefined: nothing saved
 */
export interface SnapshotStore {
  loadSnapshot(projection: string): Promise<ProjectionSnapshot | undefined>;
  saveSnapshot(snapshot: ProjectionSnapshot): Promise<void>;
}
