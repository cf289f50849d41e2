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
import type { RelationshipProjections } from '../projections/relationships.js';
import { initialOrganizationState } from '../organization/state.js';
import { isPersonalField, sameSyncValue, syncFields, syncValueOf } from './fields.js';

/**
 * Where two copies last agreed on a field: the event, and its global position.
 *
 * @example
 * import { SyncPoint } from '@rapport/domain';
 * SyncPoint.is({ eventId: '01JD00000000000000000000AA', globalPosition: 12 }); // true
 */
export const SyncPoint = t.type({ eventId: t.string, globalPosition: NonNegativeInteger }, 'SyncPoint');
export type SyncPoint = t.TypeOf<typeof SyncPoint>;

/**
 * Everything `SyncPoints` holds, as plain data: the sync points by pair (`acme/ann/c1`) and field,
 * and the prompts each user (`acme/ann`) dismissed. What a snapshot saves and `restore` reads.
 *
 * @example
 * import { SyncPoints, SyncPointsState } from '@rapport/domain';
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

const pairKey = (orgId: string, userId: string, contactId: string): string =>
  `${orgId}/${userId}/${contactId}`;

/**
 * Sync points and dismissed prompts, kept event by event. The work of an event grows with the
 * number of users holding its contact, never with the number of contacts.
 *
 * @example
 * import { SyncPoints } from '@rapport/domain';
 * new SyncPoints().point('acme', 'ann', 'c1', 'stage'); // undefined
 */
export class SyncPoints {
  readonly #points = new Map<string, Map<string, SyncPoint>>();
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
    if (!('contactId' in event.data) || 'engagementId' in event.data) return;
    const { orgId, contactId } = event.data;
    const changed =
      'copy' in event.data
        ? event.data.copy
        : event.type === 'ContactShared'
          ? { owner: 'team' as const }
          : undefined;
    if (changed === undefined) return;
    // The fields of the copy whose last change is this event.
    const changedFields = projections.fieldsChangedBy(event.id);
    if (changedFields.length === 0) return;
    if (projections.copy(orgId, changed, contactId) === undefined) return;
    // When a pair of copies comes to be, every field they agree on is in sync from that event on.
    const pairCreated =
      event.type === 'ContactAdded' || (event.type === 'ContactShared' && event.data.previous === null);
    const users = changed.owner === 'team' ? projections.holders(orgId, contactId) : [changed.userId];
    const team = projections.copy(orgId, { owner: 'team' }, contactId);
    if (team === undefined) return;
    const org = projections.organization(orgId) ?? initialOrganizationState;
    for (const userId of users) {
      const mine = projections.copy(orgId, { owner: 'user', userId }, contactId);
      if (mine === undefined) continue;
      const fields = pairCreated ? syncFields(org, mine, team) : changedFields;
      for (const field of fields) {
        if (isPersonalField(mine, field)) continue;
        if (!sameSyncValue(field, syncValueOf(mine, field), syncValueOf(team, field))) continue;
        const key = pairKey(orgId, userId, contactId);
        const points = this.#points.get(key) ?? new Map<string, SyncPoint>();
        points.set(field, { eventId: event.id, globalPosition: event.globalPosition });
        this.#points.set(key, points);
      }
    }
  }

  /** Where a user's copy and the team copy last agreed on a field, or undefined if never. */
  point(orgId: string, userId: string, contactId: string, field: string): SyncPoint | undefined {
    return this.#points.get(pairKey(orgId, userId, contactId))?.get(field);
  }

  /** Everything, as plain data with sorted keys: equal sync points give equal snapshots. */
  snapshot(): SyncPointsState {
    return {
      points: Object.fromEntries(
        byKey(this.#points).map(([pair, fields]) => [pair, Object.fromEntries(byKey(fields))]),
      ),
      dismissed: Object.fromEntries(byKey(this.#dismissed).map(([user, ids]) => [user, [...ids].sort()])),
    };
  }

  /**
   * Sync points holding a snapshot's state; apply the events after the snapshot's checkpoint to catch up.
   *
   * @example
   * import { SyncPoints } from '@rapport/domain';
   * SyncPoints.restore(new SyncPoints().snapshot()).point('acme', 'ann', 'c1', 'stage'); // undefined
   */
  static restore(state: SyncPointsState): SyncPoints {
    const points = new SyncPoints();
    for (const [pair, fields] of Object.entries(state.points))
      points.#points.set(pair, new Map(Object.entries(fields)));
    for (const [user, ids] of Object.entries(state.dismissed)) points.#dismissed.set(user, new Set(ids));
    return points;
  }

  /** The prompts a user dismissed, by id. */
  dismissed(orgId: string, userId: string): ReadonlySet<string> {
    return this.#dismissed.get(`${orgId}/${userId}`) ?? new Set<string>();
  }
}
