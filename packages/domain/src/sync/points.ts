/**
 * The last sync point of each shareable field, per user and contact (R-SYNC): the event after
 * which the user's copy and the team copy last agreed on that field, whoever made them agree
 * (a share, an accepted or imported team change, a change sent to the team, a resolved conflict,
 * or the same change made on both sides). A side "changed since the last sync" when its last
 * change of the field comes after that point. Also keeps, per pair, the fields whose direction
 * rests on something else: those that differed when the two copies first met and have not agreed
 * since (R-SYNC-7: no side changed since a last sync there, there was none), and those the user
 * changed while the copy was in a personal segment (R-SYNC-8: local, not the user's change); and
 * the prompts each user dismissed. Folded from recorded events only, right after the relationship
 * projections applied them.
 */
import * as t from 'io-ts';
import { NonNegativeInteger } from '@rapport/core';
import type { RecordedDomainEvent } from '../events.js';
import type { CopyRef } from '../contact/model.js';
import type { CopyDocument } from '../projections/documents.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import { initialOrganizationState, roleOf, segmentKindOf } from '../organization/state.js';
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
 * Why a field of a pair is diverged, when it is not the changes since the last sync point: the
 * copies differed on it when they first met (R-SYNC-7), or the user changed it while the copy was
 * in a personal segment (R-SYNC-8).
 *
 * @example
 * import { SyncOrigin } from './points.js';
 * SyncOrigin.is('first_meeting'); // true
 */
export const SyncOrigin = t.keyof({ first_meeting: null, personal_segment: null }, 'SyncOrigin');
export type SyncOrigin = t.TypeOf<typeof SyncOrigin>;

/**
 * Everything `SyncPoints` holds, as plain data: the sync points by pair (`acme/ann/c1`) and field,
 * the fields of each pair whose divergence has another origin, and the prompts each user
 * (`acme/ann`) dismissed. What a snapshot saves and `restore` reads.
 *
 * @example
 * import { SyncPoints, SyncPointsState } from './points.js';
 * SyncPointsState.is(new SyncPoints().snapshot()); // true
 */
export const SyncPointsState = t.type(
  {
    points: t.record(t.string, t.record(t.string, SyncPoint)),
    origins: t.record(t.string, t.record(t.string, t.array(SyncOrigin))),
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

/** A pair key's three ids; ids hold no slash. */
const pairOf = (pair: string): [orgId: string, userId: string, contactId: string] => {
  const first = pair.indexOf('/');
  const second = pair.indexOf('/', first + 1);
  return [pair.slice(0, first), pair.slice(first + 1, second), pair.slice(second + 1)];
};

const NONE: ReadonlyMap<string, SyncOrigin> = new Map();

/** The bits of a field's marks: apart since the first meeting, changed while personal. */
const APART = 1;
const LOCAL = 2;
const originsOf = (marked: number): SyncOrigin[] => [
  ...((marked & APART) !== 0 ? ['first_meeting' as const] : []),
  ...((marked & LOCAL) !== 0 ? ['personal_segment' as const] : []),
];
const marksOf = (origins: ReadonlyArray<SyncOrigin>): number =>
  (origins.includes('first_meeting') ? APART : 0) | (origins.includes('personal_segment') ? LOCAL : 0);

/** Whether a shareable field that is no scalar is held by neither copy. */
const absentFromBoth = (
  field: string,
  mine: CopyDocument,
  team: CopyDocument,
  withdrawn: ReadonlyArray<string>,
): boolean =>
  (field.startsWith('info:') || field.startsWith('field:') || field.startsWith('tag:')) &&
  !(field.startsWith('info:') && withdrawn.includes(field.slice('info:'.length))) &&
  syncValueOf(mine, field) === null &&
  syncValueOf(team, field) === null;

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
  /**
   * By pair key: the fields whose divergence rests on something else than changes, as bits: apart
   * since the first meeting (`APART`), changed while the copy was personal (`LOCAL`); both at once
   * when a field apart is changed while personal.
   */
  readonly #marks = new Map<string, Map<string, number>>();
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
    // One point for every field this event brings in sync: points are never changed, only replaced.
    const point: SyncPoint = { eventId: event.id, globalPosition: event.globalPosition };
    if (event.type === 'MemberAdded') {
      // A member added again: their copies meet the team copies they have not met yet (R-SYNC-7).
      const { orgId, userId } = event.data;
      for (const [contactId, mine] of projections.copies(orgId, { owner: 'user', userId })) {
        const team = projections.copy(orgId, TEAM, contactId);
        if (team !== undefined) this.#meet(point, projections, orgId, userId, mine, team);
      }
      return;
    }
    // The fields of a copy whose last change is this event: none unless it changed a copy.
    const changedFields = projections.fieldsChangedBy(event.id);
    // A share that brings a withdrawn team copy back may change no field; it meets the copies
    // that never met it all the same (R-SYNC-7, R-SHARE-8).
    if (changedFields.length === 0 && event.type !== 'ContactShared') return;
    const data = event.data as {
      readonly orgId: string;
      readonly contactId: string;
      readonly copy?: CopyRef;
    };
    const { orgId, contactId } = data;
    // While the team copy is withdrawn (R-SHARE-7, R-SHARE-8) the pairs that met it keep their
    // points and marks against the copy kept, which a share brings back; none meets it.
    const present = projections.copy(orgId, TEAM, contactId);
    const team = present ?? projections.withdrawnCopy(orgId, contactId);
    if (team === undefined) return;
    const mark = (userId: string, mine: CopyDocument): void => {
      const points = this.#points.get(orgId)?.get(userId)?.get(contactId);
      if (points === undefined) {
        if (present !== undefined) this.#meet(point, projections, orgId, userId, mine, present);
        return;
      }
      // A change of the user's copy while it is in a personal segment (or moving it there) is
      // local (R-SYNC-8); one made while it is not is the user's own, local no more. A team
      // change meanwhile leaves a local field local: the team's value then comes back.
      const minePersonal = personal(mine);
      const local = data.copy?.owner === 'user' && minePersonal;
      // The pair's key is built only when some pair has marks, or this one may come to.
      const key = local || this.#marks.size > 0 ? pairKey(orgId, userId, contactId) : '';
      let marks = key === '' ? undefined : this.#marks.get(key);
      for (const field of changedFields) {
        if (isPersonalField(mine, field)) continue;
        const marked = marks?.get(field) ?? 0;
        if (local) {
          // Local even when it happens to agree: the team's value comes back on return (R-SYNC-8).
          if (marks === undefined) this.#marks.set(key, (marks = new Map()));
          marks.set(field, marked | LOCAL);
        } else if (minePersonal && (marked & LOCAL) !== 0) {
          continue;
        } else if (sameSyncValue(field, syncValueOf(mine, field), syncValueOf(team, field))) {
          points.set(field, point);
          marks?.delete(field);
        } else if (data.copy?.owner === 'user' && (marked & LOCAL) !== 0) {
          // The user's own change now; a first meeting's difference still stands (R-SYNC-7).
          if (marked === LOCAL) marks?.delete(field);
          else marks?.set(field, marked & ~LOCAL);
        }
      }
      // Back from a personal segment: a local field the team holds the same value of is in sync.
      if (marks !== undefined && data.copy?.owner === 'user' && !minePersonal)
        for (const [field, marked] of marks)
          if (
            (marked & LOCAL) !== 0 &&
            sameSyncValue(field, syncValueOf(mine, field), syncValueOf(team, field))
          ) {
            points.set(field, point);
            marks.delete(field);
          }
      if (marks?.size === 0) this.#marks.delete(key);
    };
    const personal = (mine: CopyDocument): boolean => {
      const org = projections.organization(orgId);
      return mine.segment !== null && org !== undefined && segmentKindOf(org, mine.segment) === 'personal';
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

  /**
   * The first meeting of a user's copy and the team copy (R-SYNC-7), unless they met before, once
   * the pair can sync: the user is a member and the copy is not in a personal segment (R-SYNC-6).
   * Until then the pair has no sync points at all; a copy made while personal, or kept by a
   * removed member, meets the team copy when it can. Every field the copies agree on is in sync
   * from this event on; every field they differ on is apart until they agree.
   */
  #meet(
    point: SyncPoint,
    projections: RelationshipProjections,
    orgId: string,
    userId: string,
    mine: CopyDocument,
    team: CopyDocument,
  ): void {
    if (this.#points.get(orgId)?.get(userId)?.get(mine.contactId) !== undefined) return;
    const org = projections.organization(orgId) ?? initialOrganizationState;
    if (roleOf(org, userId) === undefined) return;
    if (mine.segment !== null && segmentKindOf(org, mine.segment) === 'personal') return;
    const points = this.#pointsOf(orgId, userId, mine.contactId);
    const marks = new Map<string, number>();
    const { withdrawn } = projections.links(orgId, mine.contactId);
    for (const field of syncFields(org, mine, team, withdrawn)) {
      if (isPersonalField(mine, field)) continue;
      if (sameSyncValue(field, syncValueOf(mine, field), syncValueOf(team, field))) points.set(field, point);
      else marks.set(field, APART);
    }
    // A field either side changed before and neither holds now agrees too: absent on both sides,
    // it is in sync from the meeting, and an earlier change of it is no change since (R-SYNC-7).
    for (const field of [...Object.keys(mine.changes), ...Object.keys(team.changes)])
      if (!points.has(field) && !marks.has(field) && absentFromBoth(field, mine, team, withdrawn))
        points.set(field, point);
    if (marks.size > 0) this.#marks.set(pairKey(orgId, userId, mine.contactId), marks);
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

  /** Whether a user's copy and the team copy have met (R-SYNC-7). */
  met(orgId: string, userId: string, contactId: string): boolean {
    return this.#points.get(orgId)?.get(userId)?.get(contactId) !== undefined;
  }

  /** Where a user's copy and the team copy last agreed on a field, or undefined if never. */
  point(orgId: string, userId: string, contactId: string, field: string): SyncPoint | undefined {
    return this.#points.get(orgId)?.get(userId)?.get(contactId)?.get(field);
  }

  /**
   * The fields of a pair whose divergence rests on something other than the changes since the
   * last sync point, with that origin: a first meeting whose difference the copies have not
   * settled (R-SYNC-7), or a change the user made while the copy was in a personal segment
   * (R-SYNC-8).
   */
  origins(orgId: string, userId: string, contactId: string): ReadonlyMap<string, SyncOrigin> {
    const marks = this.#marks.size === 0 ? undefined : this.#marks.get(pairKey(orgId, userId, contactId));
    if (marks === undefined) return NONE;
    // A local change is what the field rests on until the copy is back; then the first meeting's.
    return new Map(
      [...marks].map(([field, marked]) => [
        field,
        (marked & LOCAL) !== 0 ? 'personal_segment' : 'first_meeting',
      ]),
    );
  }

  /** Everything, as plain data with sorted keys: equal sync points give equal snapshots. */
  snapshot(): SyncPointsState {
    return {
      points: Object.fromEntries(
        byKey(this.#pairs()).map(([pair, fields]) => [pair, Object.fromEntries(byKey(fields))]),
      ),
      origins: Object.fromEntries(
        byKey(this.#marks).map(([pair, fields]) => [
          pair,
          Object.fromEntries(byKey(fields).map(([field, marked]) => [field, originsOf(marked)])),
        ]),
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
      const points = restored.#pointsOf(...pairOf(pair));
      for (const [field, point] of Object.entries(fields)) points.set(field, point);
    }
    for (const [pair, fields] of Object.entries(state.origins))
      restored.#marks.set(
        pair,
        new Map(Object.entries(fields).map(([field, origins]) => [field, marksOf(origins)])),
      );
    for (const [user, ids] of Object.entries(state.dismissed)) restored.#dismissed.set(user, new Set(ids));
    return restored;
  }

  /** The prompts a user dismissed, by id. */
  dismissed(orgId: string, userId: string): ReadonlySet<string> {
    return this.#dismissed.get(`${orgId}/${userId}`) ?? new Set<string>();
  }
}
