/**
 * The last sync point of each shareable field, per user and contact (R-SYNC): the event after
 * which the user's copy and the team copy last agreed on that field, whoever made them agree
 * (a share, an accepted or imported team change, a change sent to the team, a resolved conflict,
 * or the same change made on both sides). A side "changed since the last sync" when its last
 * change of the field comes after that point. Also keeps the prompts each user dismissed.
 * Folded from recorded events only, right after the relationship projections applied them.
 */
import * as t from 'io-ts';
import { NonNegativeInteger } from '@rapport/core';
import type { RecordedDomainEvent } from '../events.js';
import type { CopyRef } from '../contact/model.js';
import type { CopyDocument } from '../projections/documents.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import { initialOrganizationState } from '../organization/state.js';
import { isPersonalField, sameSyncValue, syncFields, syncValueOf } from './fields.js';

/**
 * Where two copies last agreed on a field: the event, and its global position.
 *
 * @example
 * import { SyncPoint } from './points.js';
 * SyncPoint.is({ eventId: '01JD00000000000000000000AA', globalPosition: 12 }); // true
 */
export const SyncPoint = t.type({ eventId: t.string, globalPosition: NonNegativeInteger }, 'SyncPoint');
export type SyncPoint = t.TypeOf<typeof SyncPoint>;

/**
 * Everything `SyncPoints` holds, as plain data: the sync points by pair (`acme/ann/c1`) and field,
 * and the prompts each user (`acme/ann`) dismissed. What a snapshot saves and `restore` reads.
 *
 * @example
 * import { SyncPoints, SyncPointsState } from './points.js';
 * SyncPointsState.is(new SyncPoints().snapshot()); // true
 */
export const SyncPointsState = t.type(
  {
    points: t.record(t.string, t.record(t.string, SyncPoint)),
    dismissed: t.record(t.string, t.array(t.string)),
  },
  'SyncPointsState',
);
export type SyncPointsState = t.TypeOf<typeof SyncPointsState>;

const byKey = <V>(map: ReadonlyMap<string, V>): Array<[string, V]> =>
  [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const getOrCreate = <V>(map: Map<string, V>, key: string, create: () => V): V => {
  const found = map.get(key);
  if (found !== undefined) return found;
  const created = create();
  map.set(key, created);
  return created;
};

const TEAM: CopyRef = { owner: 'team' };

const pairKey = (orgId: string, userId: string, contactId: string): string =>
  `${orgId}/${userId}/${contactId}`;

/**
 * Sync points and dismissed prompts, kept event by event. The work of an event grows with the
 * number of users holding its contact, never with the number of contacts.
 *
 * @example
 * import { SyncPoints } from './points.js';
 * new SyncPoints().point('acme', 'ann', 'c1', 'stage'); // undefined
 */
export class SyncPoints {
  /** By organization, user and contact (looked up by the event's own ids, no key built), then field. */
  readonly #points = new Map<string, Map<string, Map<string, Map<string, SyncPoint>>>>();
  readonly #dismissed = new Map<string, Set<string>>();

  /** Follows one event the projections have just applied. */
  apply(event: RecordedDomainEvent, projections: RelationshipProjections): void {
    if (event.type === 'SyncPromptDismissed') {
      const key = `${event.data.orgId}/${event.data.userId}`;
      const set = this.#dismissed.get(key) ?? new Set<string>();
      set.add(event.data.prompt.promptId);
      this.#dismissed.set(key, set);
      return;
    }
    // The fields of a copy whose last change is this event: none unless it changed a copy.
    const changedFields = projections.fieldsChangedBy(event.id);
    if (changedFields.length === 0) return;
    const data = event.data as {
      readonly orgId: string;
      readonly contactId: string;
      readonly copy?: CopyRef;
    };
    const { orgId, contactId } = data;
    const team = projections.copy(orgId, TEAM, contactId);
    if (team === undefined) return;
    // When a pair of copies comes to be, every field they agree on is in sync from that event on.
    const pairCreated =
      event.type === 'ContactAdded' || (event.type === 'ContactShared' && event.data.previous === null);
    // One point for every field this event brings in sync: points are never changed, only replaced.
    const point: SyncPoint = { eventId: event.id, globalPosition: event.globalPosition };
    const mark = (userId: string, mine: CopyDocument): void => {
      const fields = pairCreated
        ? syncFields(projections.organization(orgId) ?? initialOrganizationState, mine, team)
        : changedFields;
      let points: Map<string, SyncPoint> | undefined;
      for (const field of fields) {
        if (isPersonalField(mine, field)) continue;
        if (!sameSyncValue(field, syncValueOf(mine, field), syncValueOf(team, field))) continue;
        points ??= this.#pointsOf(orgId, userId, contactId);
        points.set(field, point);
      }
    };
    const changed = data.copy;
    if (changed !== undefined && changed.owner === 'user') {
      const mine = projections.copy(orgId, changed, contactId);
      if (mine !== undefined) mark(changed.userId, mine);
      return;
    }
    for (const userId of projections.holders(orgId, contactId)) {
      const mine = projections.copy(orgId, { owner: 'user', userId }, contactId);
      if (mine !== undefined) mark(userId, mine);
    }
  }

  /** The sync points of one pair, created empty the first time. */
  #pointsOf(orgId: string, userId: string, contactId: string): Map<string, SyncPoint> {
    const byUser = getOrCreate(
      this.#points,
      orgId,
      () => new Map<string, Map<string, Map<string, SyncPoint>>>(),
    );
    const byContact = getOrCreate(byUser, userId, () => new Map<string, Map<string, SyncPoint>>());
    return getOrCreate(byContact, contactId, () => new Map<string, SyncPoint>());
  }

  /** Every pair's points, by pair key. */
  #pairs(): Map<string, ReadonlyMap<string, SyncPoint>> {
    const pairs = new Map<string, ReadonlyMap<string, SyncPoint>>();
    for (const [orgId, byUser] of this.#points)
      for (const [userId, byContact] of byUser)
        for (const [contactId, points] of byContact) pairs.set(pairKey(orgId, userId, contactId), points);
    return pairs;
  }

  /** Where a user's copy and the team copy last agreed on a field, or undefined if never. */
  point(orgId: string, userId: string, contactId: string, field: string): SyncPoint | undefined {
    return this.#points.get(orgId)?.get(userId)?.get(contactId)?.get(field);
  }

  /** Everything, as plain data with sorted keys: equal sync points give equal snapshots. */
  snapshot(): SyncPointsState {
    return {
      points: Object.fromEntries(
        byKey(this.#pairs()).map(([pair, fields]) => [pair, Object.fromEntries(byKey(fields))]),
      ),
      dismissed: Object.fromEntries(byKey(this.#dismissed).map(([user, ids]) => [user, [...ids].sort()])),
    };
  }

  /**
   * Sync points holding a snapshot's state; apply the events after the snapshot's checkpoint to catch up.
   *
   * @example
   * import { SyncPoints } from './points.js';
   * SyncPoints.restore(new SyncPoints().snapshot()).point('acme', 'ann', 'c1', 'stage'); // undefined
   */
  static restore(state: SyncPointsState): SyncPoints {
    const restored = new SyncPoints();
    for (const [pair, fields] of Object.entries(state.points)) {
      // A pair's key is `<orgId>/<userId>/<contactId>`; ids hold no slash.
      const first = pair.indexOf('/');
      const second = pair.indexOf('/', first + 1);
      const points = restored.#pointsOf(
        pair.slice(0, first),
        pair.slice(first + 1, second),
        pair.slice(second + 1),
      );
      for (const [field, point] of Object.entries(fields)) points.set(field, point);
    }
    for (const [user, ids] of Object.entries(state.dismissed)) restored.#dismissed.set(user, new Set(ids));
    return restored;
  }

  /** The prompts a user dismissed, by id. */
  dismissed(orgId: string, userId: string): ReadonlySet<string> {
    return this.#dismissed.get(`${orgId}/${userId}`) ?? new Set<string>();
  }
}
