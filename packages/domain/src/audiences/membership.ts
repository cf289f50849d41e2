/**
 * Audience membership kept event by event (R-AUD-3): after the relationship projections fold an
 * event (or a batch of events), only the copies it changed are evaluated again, against each audience of their
 * view, so the cost of an event grows with the number of audiences, never with the number of
 * contacts. Defining or redefining an audience evaluates that audience over its views once.
 * Membership is held per view: a user's My People, or the team view. An archived copy leaves
 * every audience (R-ARCH-2).
 */
import * as t from 'io-ts';
import type { RecordedDomainEvent } from '../events.js';
import { isContactEvent, isCopyEvent } from '../internal/eventFamilies.js';
import { initialOrganizationState } from '../organization/state.js';
import { ownerKey } from '../projections/documents.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import type { CopyRef } from '../contact/model.js';
import { copyFacts } from './facts.js';
import { compileFilter, fieldsRead, type FilterPredicate } from './filter.js';
import { Audience, DEFAULT_AUDIENCES, audienceVisibleTo, type DefaultAudience } from './model.js';

const sorted = (ids: Iterable<string>): string[] => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Everything `AudienceMembership` holds, as plain data: the custom audiences by organization,
 * the members by view (`acme/user:ann`, `acme/team`) and audience, and the users of each
 * organization who hold copies. What a snapshot saves and `restore` reads.
 *
 * @example
 * import { AudienceMembership } from '@rapport/domain';
 * import { MembershipState } from './membership.js';
 * MembershipState.is(new AudienceMembership().snapshot()); // true
 */
export const MembershipState = t.type(
  {
    catalog: t.record(t.string, t.record(t.string, Audience)),
    members: t.record(t.string, t.record(t.string, t.array(t.string))),
    users: t.record(t.string, t.array(t.string)),
  },
  'MembershipState',
);
export type MembershipState = t.TypeOf<typeof MembershipState>;

const sameView = (a: CopyRef, b: CopyRef): boolean =>
  a.owner === 'team' ? b.owner === 'team' : b.owner === 'user' && a.userId === b.userId;

/** An audience evaluated in a view: its id and its filter, compiled. */
type ApplicableAudience = { readonly audienceId: string; readonly holds: FilterPredicate };

const applicableAudience = (audience: {
  audienceId: string;
  filter: Audience['filter'];
}): ApplicableAudience => ({
  audienceId: audience.audienceId,
  holds: compileFilter(audience.filter),
});

const DEFAULTS_APPLICABLE: ReadonlyArray<ApplicableAudience> = DEFAULT_AUDIENCES.map(applicableAudience);

const sortedEntries = <V>(map: ReadonlyMap<string, V>): Array<[string, V]> =>
  [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The membership of every audience in every view, maintained from recorded events. Call `apply`
 * with each event right after the relationship projections applied it.
 *
 * @example
 * import { AudienceMembership, RelationshipProjections } from '@rapport/domain';
 * const membership = new AudienceMembership();
 * membership.members('acme', { owner: 'user', userId: 'ann' }, 'my-people'); // []
 */
export class AudienceMembership {
  readonly #catalog = new Map<string, Map<string, Audience>>();
  readonly #members = new Map<string, Map<string, Set<string>>>();
  readonly #users = new Map<string, Set<string>>();
  /** Per view, the audiences each contact is in: what `#evaluate` compares with, so only flips touch a member set. */
  readonly #audiencesOf = new Map<string, Map<string, Set<string>>>();
  /** Per view, the audiences evaluated there; dropped whenever a catalog changes. */
  readonly #applicableByView = new Map<string, ReadonlyArray<ApplicableAudience>>();

  /** Follows one event the projections have just applied. */
  apply(event: RecordedDomainEvent, projections: RelationshipProjections): void {
    this.#follow(event, projections, (orgId, view, contactId) =>
      this.#evaluate(orgId, view, contactId, projections),
    );
  }

  /**
   * Follows a batch of events the projections have just folded (with `applyAll`). Membership of
   * a copy depends only on its state, so each copy the batch changed is evaluated once, as it
   * stands after the batch; the result is the one `apply` event by event gives.
   *
   * @example
   * import { AudienceMembership, RelationshipProjections } from '@rapport/domain';
   * const projections = new RelationshipProjections();
   * new AudienceMembership().applyAll(projections.applyAll([]), projections);
   */
  applyAll(events: Iterable<RecordedDomainEvent>, projections: RelationshipProjections): void {
    // By organization and contact, the views whose copy the batch changed: found by the event's own
    // ids, with no key built per event.
    const touched = new Map<string, Map<string, CopyRef[]>>();
    for (const event of events)
      this.#follow(event, projections, (orgId, view, contactId) => {
        let byContact = touched.get(orgId);
        if (byContact === undefined) {
          byContact = new Map<string, CopyRef[]>();
          touched.set(orgId, byContact);
        }
        const views = byContact.get(contactId);
        if (views === undefined) byContact.set(contactId, [view]);
        else if (!views.some((seen) => sameView(seen, view))) views.push(view);
      });
    for (const [orgId, byContact] of touched)
      for (const [contactId, views] of byContact)
        for (const view of views) this.#evaluate(orgId, view, contactId, projections);
  }

  /** Carries out the catalog's changes of one event and names to `touch` the copies it changed. */
  #follow(
    event: RecordedDomainEvent,
    projections: RelationshipProjections,
    touch: (orgId: string, view: CopyRef, contactId: string) => void,
  ): void {
    switch (event.type) {
      case 'AudienceDefined':
        this.#define(event.data.orgId, event.data.audience, projections);
        return;
      case 'AudienceRedefined': {
        const current = this.#catalog.get(event.data.orgId)?.get(event.data.audienceId);
        if (current !== undefined)
          this.#define(
            event.data.orgId,
            { ...current, name: event.data.name, filter: event.data.filter },
            projections,
          );
        return;
      }
      case 'AudienceDeleted': {
        const { orgId, audienceId } = event.data;
        this.#catalog.get(orgId)?.delete(audienceId);
        this.#applicableByView.clear();
        for (const view of this.#views(orgId)) this.#drop(ownerKey(orgId, view), audienceId);
        return;
      }
      case 'FieldRedefined':
      case 'FieldRetired': {
        // A field's limits or options changed, or it was retired: what its tests see changed.
        const fieldId = event.type === 'FieldRetired' ? event.data.fieldId : event.data.definition.fieldId;
        for (const audience of this.#catalog.get(event.data.orgId)?.values() ?? [])
          if (fieldsRead(audience.filter).includes(fieldId))
            this.#define(event.data.orgId, audience, projections);
        return;
      }
      case 'ContactAdded':
        if (event.data.copy.owner === 'user') {
          const users = this.#users.get(event.data.orgId) ?? new Set<string>();
          users.add(event.data.copy.userId);
          this.#users.set(event.data.orgId, users);
        }
        touch(event.data.orgId, event.data.copy, event.data.contactId);
        return;
      case 'ContactShared':
      case 'ContactUnshared':
        touch(event.data.orgId, { owner: 'team' }, event.data.contactId);
        return;
      case 'UserAssigned':
      case 'UserUnassigned': {
        const { orgId, contactId } = event.data;
        touch(orgId, { owner: 'team' }, contactId);
        for (const userId of projections.holders(orgId, contactId))
          touch(orgId, { owner: 'user', userId }, contactId);
        return;
      }
      default:
        if (isContactEvent(event) && isCopyEvent(event))
          touch(event.data.orgId, event.data.copy, event.data.contactId);
    }
  }

  /** The audiences a user has: the defaults, their own, and the organization's. */
  audiencesOf(
    orgId: string,
    userId: string,
  ): { readonly defaults: ReadonlyArray<DefaultAudience>; readonly custom: Audience[] } {
    const custom = [...(this.#catalog.get(orgId)?.values() ?? [])].filter((audience) =>
      audienceVisibleTo(audience, userId),
    );
    return {
      defaults: DEFAULT_AUDIENCES,
      custom: custom.sort((a, b) => (a.audienceId < b.audienceId ? -1 : 1)),
    };
  }

  /** A custom audience of an organization, or undefined. */
  audience(orgId: string, audienceId: string): Audience | undefined {
    return this.#catalog.get(orgId)?.get(audienceId);
  }

  /** The contact ids that belong to an audience in one view, sorted. */
  members(orgId: string, view: CopyRef, audienceId: string): string[] {
    return sorted(this.#members.get(ownerKey(orgId, view))?.get(audienceId) ?? []);
  }

  /** Everything, as plain data with sorted keys: equal memberships give equal snapshots. */
  snapshot(): MembershipState {
    return {
      catalog: Object.fromEntries(
        sortedEntries(this.#catalog).map(([orgId, audiences]) => [
          orgId,
          Object.fromEntries(sortedEntries(audiences)),
        ]),
      ),
      members: Object.fromEntries(
        sortedEntries(this.#members).map(([view, byAudience]) => [
          view,
          Object.fromEntries(sortedEntries(byAudience).map(([audienceId, set]) => [audienceId, sorted(set)])),
        ]),
      ),
      users: Object.fromEntries(sortedEntries(this.#users).map(([orgId, users]) => [orgId, sorted(users)])),
    };
  }

  /**
   * Membership holding a snapshot's state; apply the events after the snapshot's checkpoint to catch up.
   *
   * @example
   * import { AudienceMembership } from '@rapport/domain';
   * AudienceMembership.restore(new AudienceMembership().snapshot()).members('acme', { owner: 'team' }, 'leads'); // []
   */
  static restore(state: MembershipState): AudienceMembership {
    const membership = new AudienceMembership();
    for (const [orgId, audiences] of Object.entries(state.catalog))
      membership.#catalog.set(orgId, new Map(Object.entries(audiences)));
    for (const [view, byAudience] of Object.entries(state.members)) {
      membership.#members.set(
        view,
        new Map(Object.entries(byAudience).map(([audienceId, ids]) => [audienceId, new Set(ids)])),
      );
      for (const [audienceId, ids] of Object.entries(byAudience))
        for (const contactId of ids) membership.#held(view, contactId).add(audienceId);
    }
    for (const [orgId, users] of Object.entries(state.users)) membership.#users.set(orgId, new Set(users));
    return membership;
  }

  /**
   * The audiences evaluated in a view: the defaults, the organization's, and the user's (every
   * user's in the team view). Computed once per view until a catalog changes; each of them then
   * has a member set in the view, empty or not.
   */
  #applicable(orgId: string, view: CopyRef, key: string): ReadonlyArray<ApplicableAudience> {
    const cached = this.#applicableByView.get(key);
    if (cached !== undefined) return cached;
    const custom = [...(this.#catalog.get(orgId)?.values() ?? [])].filter(
      (audience) => view.owner === 'team' || audienceVisibleTo(audience, view.userId),
    );
    const applicable = [...DEFAULTS_APPLICABLE, ...custom.map(applicableAudience)];
    const byAudience = this.#byAudience(key);
    for (const { audienceId } of applicable)
      if (!byAudience.has(audienceId)) byAudience.set(audienceId, new Set<string>());
    this.#applicableByView.set(key, applicable);
    return applicable;
  }

  #views(orgId: string): CopyRef[] {
    return [
      { owner: 'team' },
      ...[...(this.#users.get(orgId) ?? [])].map((userId): CopyRef => ({ owner: 'user', userId })),
    ];
  }

  #byAudience(key: string): Map<string, Set<string>> {
    const found = this.#members.get(key);
    if (found !== undefined) return found;
    const created = new Map<string, Set<string>>();
    this.#members.set(key, created);
    return created;
  }

  /** The audiences a contact is in, in one view. */
  #held(key: string, contactId: string): Set<string> {
    let byContact = this.#audiencesOf.get(key);
    if (byContact === undefined) {
      byContact = new Map<string, Set<string>>();
      this.#audiencesOf.set(key, byContact);
    }
    let held = byContact.get(contactId);
    if (held === undefined) {
      held = new Set<string>();
      byContact.set(contactId, held);
    }
    return held;
  }

  /** Forgets an audience's members in one view. */
  #drop(key: string, audienceId: string): void {
    const byAudience = this.#members.get(key);
    const members = byAudience?.get(audienceId);
    if (members === undefined) return;
    for (const contactId of members) this.#audiencesOf.get(key)?.get(contactId)?.delete(audienceId);
    byAudience?.delete(audienceId);
  }

  /**
   * Evaluates one copy against every audience of its view: the per-event work. A member set is
   * touched only when the copy enters or leaves that audience.
   */
  #evaluate(orgId: string, view: CopyRef, contactId: string, projections: RelationshipProjections): void {
    const key = ownerKey(orgId, view);
    const copy = projections.copy(orgId, view, contactId);
    const org = projections.organization(orgId) ?? initialOrganizationState;
    const facts = copy === undefined ? undefined : copyFacts(org, copy, projections.links(orgId, contactId));
    const applicable = this.#applicable(orgId, view, key);
    const held = this.#held(key, contactId);
    const byAudience = this.#byAudience(key);
    for (const audience of applicable) {
      const belongs = facts !== undefined && audience.holds(facts);
      if (belongs === held.has(audience.audienceId)) continue;
      const members = byAudience.get(audience.audienceId) ?? new Set<string>();
      byAudience.set(audience.audienceId, members);
      if (belongs) {
        held.add(audience.audienceId);
        members.add(contactId);
      } else {
        held.delete(audience.audienceId);
        members.delete(contactId);
      }
    }
  }

  /** Records an audience and evaluates it over every view it applies to. */
  #define(orgId: string, audience: Audience, projections: RelationshipProjections): void {
    const catalog = this.#catalog.get(orgId) ?? new Map<string, Audience>();
    catalog.set(audience.audienceId, audience);
    this.#catalog.set(orgId, catalog);
    this.#applicableByView.clear();
    const org = projections.organization(orgId) ?? initialOrganizationState;
    const holds = compileFilter(audience.filter);
    for (const view of this.#views(orgId)) {
      const key = ownerKey(orgId, view);
      this.#drop(key, audience.audienceId);
      if (view.owner === 'user' && !audienceVisibleTo(audience, view.userId)) continue;
      const set = new Set<string>();
      for (const copy of projections.copies(orgId, view).values())
        if (holds(copyFacts(org, copy, projections.links(orgId, copy.contactId)))) {
          set.add(copy.contactId);
          this.#held(key, copy.contactId).add(audience.audienceId);
        }
      this.#byAudience(key).set(audience.audienceId, set);
    }
  }
}
