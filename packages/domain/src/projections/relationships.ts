/**
 * The relationship projections: every organization's settings, every user's My People copies, the
 * team copies, the links of contacts (assignees, projects and deals) and the projects and deals,
 * one frozen document per key, changed by recipes written as plain mutation: a batch of events
 * (`applyAll`) copies each document it touches once, changes the copy in place and freezes it
 * when the batch ends. Built only from recorded events, so replaying the history rebuilds them
 * exactly (R-AUDIT-3).
 */
import * as t from 'io-ts';
import { NonNegativeInteger, canonicalJson } from '@rapport/core';
import type { RecordedDomainEvent } from '../events.js';
import { absurd } from '../internal/absurd.js';
import { BatchCopies, deepCopy, deepFreeze } from '../internal/batchCopies.js';
import { entryOf, hasEntry } from '../internal/idRecords.js';
import {
  applyToOrganization,
  checklistOf,
  initialOrganizationState,
  OrganizationState,
} from '../organization/state.js';
import { isContactEvent, isEngagementEvent, isOrganizationEvent } from '../internal/eventFamilies.js';
import type { ContactEvent, ContactInfoWithdrawn, ContactShared, CopyEvent } from '../contact/events.js';
import type { CopyContent, CopyRef } from '../contact/model.js';
import { applyToCopy } from '../contact/state.js';
import type { EngagementEvent } from '../engagement/events.js';
import { applyToEngagement, initialEngagementState } from '../engagement/state.js';
import { tagKey } from '../tags.js';
import type { ChangeMark } from './documents.js';
import { ContactLinks, CopyDocument, EngagementDocument, WithdrawnCopy, ownerKey } from './documents.js';

/**
 * Everything the projections hold, as plain data: what a snapshot saves and `restore` reads.
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * import { ProjectionState } from './relationships.js';
 * ProjectionState.is(new RelationshipProjections().snapshot()); // true
 */
export const ProjectionState = t.type(
  {
    checkpoint: NonNegativeInteger,
    organizations: t.record(t.string, OrganizationState),
    copies: t.record(t.string, t.record(t.string, CopyDocument)),
    withdrawn: t.record(t.string, t.record(t.string, WithdrawnCopy)),
    links: t.record(t.string, t.record(t.string, ContactLinks)),
    engagements: t.record(t.string, t.record(t.string, EngagementDocument)),
  },
  'ProjectionState',
);
export type ProjectionState = t.TypeOf<typeof ProjectionState>;

const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();

const markOf = (event: RecordedDomainEvent): ChangeMark => ({
  eventId: event.id,
  globalPosition: event.globalPosition,
  recordedAt: event.recordedAt,
  actor: event.actor,
});

const NAME: ReadonlyArray<string> = Object.freeze(['name']);
const STAGE: ReadonlyArray<string> = Object.freeze(['stage']);
const SEGMENT: ReadonlyArray<string> = Object.freeze(['segment']);
const STEP: ReadonlyArray<string> = Object.freeze(['step']);
const ARCHIVED: ReadonlyArray<string> = Object.freeze(['archived']);
const NO_FIELDS: ReadonlyArray<string> = Object.freeze([]);

/** The fields a copy event changes, as keys of `CopyDocument.changes`. */
const changedKeys = (event: CopyEvent): ReadonlyArray<string> => {
  switch (event.type) {
    case 'ContactAdded':
    case 'ContactRenamed':
      return NAME;
    case 'ContactInfoSet':
      return [`info:${event.data.item.itemId}`];
    case 'ContactInfoRemoved':
    case 'ContactInfoWithdrawn':
      return [`info:${event.data.itemId}`];
    case 'StageSet':
    case 'StageCleared':
      return STAGE;
    case 'SegmentSet':
    case 'SegmentCleared':
      return SEGMENT;
    case 'NextStepSet':
    case 'NextStepCompleted':
    case 'NextStepCleared':
      return STEP;
    case 'FieldValueSet':
    case 'FieldValueCleared':
      return [`field:${event.data.fieldId}`];
    case 'TagApplied':
    case 'TagRemoved':
      return [`tag:${tagKey(event.data.tag)}`];
    case 'ContactArchived':
    case 'ContactRestored':
      return ARCHIVED;
    default:
      return absurd(event);
  }
};

/** Adds to `keys` the keys whose values differ between two records, prefixed: `before`'s first. */
const pushDiffering = <V>(
  keys: string[],
  prefix: string,
  before: Readonly<Record<string, V>>,
  after: Readonly<Record<string, V>>,
): void => {
  const differ = (a: V | undefined, b: V | undefined) => a !== b && canonicalJson(a) !== canonicalJson(b);
  for (const key of Object.keys(before))
    if (differ(before[key], entryOf(after, key))) keys.push(`${prefix}${key}`);
  for (const key of Object.keys(after))
    if (!hasEntry(before, key) && differ(undefined, after[key])) keys.push(`${prefix}${key}`);
};

const NO_RECORD: Readonly<Record<string, never>> = {};

/** The fields sharing changed in the team copy. */
const sharedKeys = (before: CopyContent | null, after: CopyContent): ReadonlyArray<string> => {
  const tagSet = (tags: ReadonlyArray<string>) => Object.fromEntries(tags.map((tag) => [tagKey(tag), true]));
  const keys: string[] = [];
  for (const key of ['name', 'stage', 'segment', 'step'] as const)
    if (before === null || before[key] !== after[key]) keys.push(key);
  pushDiffering(keys, 'info:', before?.info ?? NO_RECORD, after.info);
  pushDiffering(keys, 'field:', before?.fields ?? NO_RECORD, after.fields);
  pushDiffering(keys, 'tag:', tagSet(before?.tags ?? []), tagSet(after.tags));
  return keys;
};

/**
 * A new copy document: `emptyCopy` with the document's own fields, written as one literal in the
 * same key order, so every copy is built with one shape instead of a spread and five additions.
 */
const newCopy = (
  name: string,
  contactId: string,
  kind: CopyDocument['kind'],
  owner: CopyRef,
  changes: CopyDocument['changes'],
): CopyDocument => ({
  name,
  stage: null,
  segment: null,
  step: null,
  fields: {},
  tags: [],
  info: {},
  archived: false,
  contactId,
  kind,
  owner,
  stepSetAt: null,
  stepDefinition: null,
  changes,
});

/**
 * The current step of `copy` as its checklist defines it now: kept in the copy's document when
 * the step becomes current, so that its reminder is the one given then (R-STEP-6) and its title
 * stays when the checklist drops it (R-STEP-7).
 */
const stepDefinitionOf = (org: OrganizationState | undefined, copy: CopyDocument) =>
  org === undefined || copy.step === null || copy.segment === null || copy.stage === null
    ? null
    : (checklistOf(org, copy.segment, copy.stage).find((step) => step.stepId === copy.step) ?? null);

const getOrCreate = <K, V>(map: Map<K, V>, key: K, create: () => V): V => {
  const found = map.get(key);
  if (found !== undefined) return found;
  const created = create();
  map.set(key, created);
  return created;
};

/**
 * The copies of one organization: the team's and each user's, by contact id, the team copies
 * withdrawn from the team view (R-SHARE-7, R-SHARE-8), and per contact the users who hold a copy.
 * Looked up by organization, then owner, so no key is built per read.
 */
interface OrganizationCopies {
  team: Map<string, CopyDocument> | undefined;
  readonly withdrawn: Map<string, WithdrawnCopy>;
  readonly users: Map<string, Map<string, CopyDocument>>;
  readonly holders: Map<string, Set<string>>;
}

const sortedRecord = <V>(map: ReadonlyMap<string, V>): Record<string, V> =>
  Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * The projections of the relationship domain. Feed it recorded events in global order with
 * `apply`; events at or below the checkpoint are ignored, so catching up twice is harmless.
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * const projections = new RelationshipProjections();
 * projections.checkpoint; // 0
 * projections.copies('acme', { owner: 'team' }).size; // 0
 */
export class RelationshipProjections {
  #checkpoint = 0;
  readonly #organizations = new Map<string, OrganizationState>();
  readonly #copies = new Map<string, OrganizationCopies>();
  readonly #links = new Map<string, Map<string, ContactLinks>>();
  readonly #engagements = new Map<string, Map<string, EngagementDocument>>();
  /** The last event applied that changed a copy, and the fields of the copy it marked as changed. */
  #markedEventId = '';
  #markedFields: ReadonlyArray<string> = NO_FIELDS;

  /** The global position of the last event applied; 0 before any. */
  get checkpoint(): number {
    return this.#checkpoint;
  }

  /** Folds one recorded event into the documents it concerns: `applyAll` of that event alone. */
  apply(event: RecordedDomainEvent): void {
    this.applyAll([event]);
  }

  /** Folds one event in the open batch; audience and sync events concern no document. */
  #fold(event: RecordedDomainEvent, batch: BatchCopies): void {
    this.#checkpoint = event.globalPosition;
    if (isContactEvent(event)) {
      this.#applyContact(event, batch);
    } else if (isEngagementEvent(event)) {
      this.#applyEngagement(event, batch);
    } else if (isOrganizationEvent(event)) {
      this.#update(
        batch,
        this.#organizations,
        event.data.orgId,
        () => deepCopy(initialOrganizationState),
        (org) => applyToOrganization(org, event),
      );
    }
  }

  /**
   * Folds recorded events in global order, as `apply` does one by one, copying each document the
   * batch touches once and freezing the copies when it ends. `follow` is called after each event
   * is folded (not for the events at or below the checkpoint); while it runs the documents it
   * reads are the batch's copies, to read and not to keep. Gives the events folded.
   *
   * @example
   * import { RelationshipProjections } from '@rapport/domain';
   * new RelationshipProjections().applyAll([]); // []
   */
  applyAll(
    events: Iterable<RecordedDomainEvent>,
    follow?: (event: RecordedDomainEvent) => void,
  ): RecordedDomainEvent[] {
    const applied: RecordedDomainEvent[] = [];
    const batch = new BatchCopies();
    try {
      for (const event of events) {
        if (event.globalPosition <= this.#checkpoint) continue;
        this.#fold(event, batch);
        applied.push(event);
        follow?.(event);
      }
    } finally {
      batch.close();
    }
    return applied;
  }

  /**
   * The fields (keys of `CopyDocument.changes`) whose last change the event just applied is: the
   * fields it changed in a copy; none for another event, or for an event applied before the last.
   *
   * @example
   * import { RelationshipProjections } from '@rapport/domain';
   * new RelationshipProjections().fieldsChangedBy('01JD00000000000000000000AA'); // []
   */
  fieldsChangedBy(eventId: string): ReadonlyArray<string> {
    return this.#markedEventId === eventId ? this.#markedFields : NO_FIELDS;
  }

  /** The settings and members of an organization, or undefined when it does not exist. */
  organization(orgId: string): OrganizationState | undefined {
    return this.#organizations.get(orgId);
  }

  /** Every copy one owner (a user, or the team) holds in an organization, by contact id. */
  copies(orgId: string, owner: CopyRef): ReadonlyMap<string, CopyDocument> {
    return this.#ownerCopies(orgId, owner) ?? EMPTY;
  }

  /** One copy, or undefined. */
  copy(orgId: string, owner: CopyRef, contactId: string): CopyDocument | undefined {
    return this.#ownerCopies(orgId, owner)?.get(contactId);
  }

  /**
   * The team copy withdrawn from the team view (R-SHARE-7, R-SHARE-8), as it was kept for a later
   * share to bring back, or undefined when the contact has none.
   */
  withdrawnCopy(orgId: string, contactId: string): CopyDocument | undefined {
    return this.#copies.get(orgId)?.withdrawn.get(contactId)?.copy;
  }

  /** The last withdrawal of a contact's team copy, while it is withdrawn; undefined otherwise. */
  withdrawal(orgId: string, contactId: string): ChangeMark | undefined {
    return this.#copies.get(orgId)?.withdrawn.get(contactId)?.withdrawnAt;
  }

  /** The assignees and the projects and deals of a contact. */
  links(orgId: string, contactId: string): ContactLinks {
    return (
      this.#links.get(orgId)?.get(contactId) ?? { contactId, assignees: [], engagements: [], withdrawn: [] }
    );
  }

  /**
   * The users who hold a copy of the contact in their My People, by user id: the order in which
   * the sync policy serves them, the same after a replay and after a snapshot's restore.
   */
  holders(orgId: string, contactId: string): ReadonlyArray<string> {
    return [...(this.#copies.get(orgId)?.holders.get(contactId) ?? [])].sort();
  }

  /** The projects and deals of an organization, by id. */
  engagements(orgId: string): ReadonlyMap<string, EngagementDocument> {
    return this.#engagements.get(orgId) ?? EMPTY;
  }

  /** Everything, as plain data with sorted keys: equal projections give equal snapshots. */
  snapshot(): ProjectionState {
    const nested = <V>(maps: ReadonlyMap<string, ReadonlyMap<string, V>>) =>
      Object.fromEntries(
        [...maps.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, map]) => [key, sortedRecord(map)]),
      );
    const copies = new Map<string, ReadonlyMap<string, CopyDocument>>();
    const withdrawn = new Map<string, ReadonlyMap<string, WithdrawnCopy>>();
    for (const [orgId, org] of this.#copies) {
      if (org.team !== undefined) copies.set(ownerKey(orgId, { owner: 'team' }), org.team);
      for (const [userId, docs] of org.users) copies.set(ownerKey(orgId, { owner: 'user', userId }), docs);
      if (org.withdrawn.size > 0) withdrawn.set(orgId, org.withdrawn);
    }
    return {
      checkpoint: this.#checkpoint,
      organizations: sortedRecord(this.#organizations),
      copies: nested(copies),
      withdrawn: nested(withdrawn),
      links: nested(this.#links),
      engagements: nested(this.#engagements),
    };
  }

  /**
   * Projections holding a snapshot's state; apply the events after its checkpoint to catch up.
   *
   * @example
   * import { RelationshipProjections } from '@rapport/domain';
   * RelationshipProjections.restore(new RelationshipProjections().snapshot()).checkpoint; // 0
   */
  static restore(state: ProjectionState): RelationshipProjections {
    const projections = new RelationshipProjections();
    projections.#checkpoint = state.checkpoint;
    for (const [orgId, org] of Object.entries(state.organizations))
      projections.#organizations.set(orgId, deepFreeze(org));
    for (const [key, docs] of Object.entries(state.copies)) {
      // The key is `<orgId>/team` or `<orgId>/user:<userId>`; ids hold no slash.
      const orgId = key.slice(0, key.indexOf('/'));
      const owner = key.slice(orgId.length + 1);
      const map = projections.#ownerCopiesToWrite(
        orgId,
        owner === 'team' ? { owner: 'team' } : { owner: 'user', userId: owner.slice('user:'.length) },
      );
      for (const [id, doc] of Object.entries(docs)) {
        map.set(id, deepFreeze(doc));
        if (doc.owner.owner === 'user') projections.#holdersOf(orgId, doc.contactId).add(doc.owner.userId);
      }
    }
    for (const [orgId, docs] of Object.entries(state.withdrawn))
      for (const [id, doc] of Object.entries(docs))
        projections.#organizationCopies(orgId).withdrawn.set(id, deepFreeze(doc));
    for (const [orgId, docs] of Object.entries(state.links))
      projections.#links.set(orgId, new Map(Object.entries(docs).map(([id, doc]) => [id, deepFreeze(doc)])));
    for (const [orgId, docs] of Object.entries(state.engagements))
      projections.#engagements.set(
        orgId,
        new Map(Object.entries(docs).map(([id, doc]) => [id, deepFreeze(doc)])),
      );
    return projections;
  }

  /** The copies one owner holds in an organization, if any. */
  #ownerCopies(orgId: string, owner: CopyRef): Map<string, CopyDocument> | undefined {
    const org = this.#copies.get(orgId);
    return owner.owner === 'team' ? org?.team : org?.users.get(owner.userId);
  }

  /** The copies of an organization, created empty the first time. */
  #organizationCopies(orgId: string): OrganizationCopies {
    return getOrCreate(this.#copies, orgId, () => ({
      team: undefined,
      withdrawn: new Map(),
      users: new Map(),
      holders: new Map(),
    }));
  }

  /** The copies one owner holds in an organization, to add to. */
  #ownerCopiesToWrite(orgId: string, owner: CopyRef): Map<string, CopyDocument> {
    const org = this.#organizationCopies(orgId);
    if (owner.owner === 'user') return getOrCreate(org.users, owner.userId, () => new Map());
    org.team ??= new Map();
    return org.team;
  }

  /** The users holding a copy of a contact, to add to. */
  #holdersOf(orgId: string, contactId: string): Set<string> {
    return getOrCreate(this.#organizationCopies(orgId).holders, contactId, () => new Set<string>());
  }

  /**
   * Writes the document `key` of `docs` with a recipe, run on the batch's own copy of it; when
   * there is no such document, on a new one `create` makes (a fresh object, owned by the batch).
   */
  #update<V extends object>(
    batch: BatchCopies,
    docs: Map<string, V>,
    key: string,
    create: () => V,
    recipe: (doc: V) => void,
  ): void {
    const found = docs.get(key);
    const doc = found === undefined ? batch.adopt(create()) : batch.own(found);
    recipe(doc);
    if (doc !== found) docs.set(key, doc);
  }

  /** Records which fields of a copy the event just applied changed (`fieldsChangedBy`). */
  #mark(eventId: string, fields: ReadonlyArray<string>): void {
    this.#markedEventId = eventId;
    this.#markedFields = fields;
  }

  #updateLinks(
    batch: BatchCopies,
    orgId: string,
    contactId: string,
    recipe: (links: ContactLinks) => void,
  ): void {
    const links = getOrCreate(this.#links, orgId, () => new Map<string, ContactLinks>());
    this.#update(
      batch,
      links,
      contactId,
      () => ({ contactId, assignees: [], engagements: [], withdrawn: [] }),
      recipe,
    );
  }

  #applyContact(event: RecordedDomainEvent & ContactEvent, batch: BatchCopies): void {
    const { orgId, contactId } = event.data;
    switch (event.type) {
      case 'ContactShared':
        this.#share(event, batch);
        return;
      case 'ContactUnshared': {
        const org = this.#organizationCopies(orgId);
        const team = org.team?.get(contactId);
        if (team === undefined) return;
        org.team?.delete(contactId);
        org.withdrawn.set(contactId, { copy: team, withdrawnAt: markOf(event) });
        return;
      }
      case 'TeamCopyExchanged':
      case 'TeamCopyReleased':
        return;
      case 'UserAssigned':
        this.#updateLinks(batch, orgId, contactId, (links) => {
          links.assignees.push(event.data.userId);
        });
        return;
      case 'UserUnassigned':
        this.#updateLinks(batch, orgId, contactId, (links) => {
          links.assignees = links.assignees.filter((userId) => userId !== event.data.userId);
        });
        return;
      case 'ContactAdded': {
        const owner = event.data.copy;
        const doc = newCopy(event.data.name, contactId, event.data.kind, owner, { name: markOf(event) });
        this.#ownerCopiesToWrite(orgId, owner).set(contactId, batch.adopt(doc));
        this.#mark(event.id, NAME);
        if (owner.owner === 'user') this.#holdersOf(orgId, contactId).add(owner.userId);
        return;
      }
      default: {
        if (event.type === 'ContactInfoWithdrawn' && this.#withdrawFromKept(event, batch)) return;
        const docs = this.#ownerCopies(orgId, event.data.copy);
        const current = docs?.get(contactId);
        if (docs === undefined || current === undefined) return;
        this.#followWithdrawals(batch, event);
        const mark = markOf(event);
        const fields = changedKeys(event);
        const stepBefore = current.step;
        const copy = batch.own(current);
        applyToCopy(copy, event);
        if (event.type === 'NextStepSet') copy.stepSetAt = event.recordedAt;
        if (event.type === 'NextStepCompleted')
          copy.stepSetAt = event.data.next === null ? null : event.recordedAt;
        if (event.type === 'NextStepCleared') copy.stepSetAt = null;
        if (copy.step !== stepBefore || event.type === 'NextStepSet')
          copy.stepDefinition = stepDefinitionOf(this.#organizations.get(orgId), copy);
        for (const key of fields) copy.changes[key] = mark;
        if (copy !== current) docs.set(contactId, copy);
        this.#mark(event.id, fields);
      }
    }
  }

  /**
   * An item withdrawn from a team copy that is itself withdrawn (R-SHARE-6 while R-SHARE-7): the
   * copy kept loses it, and a share brings the copy back without it. False when the team copy is
   * in the team view, or the contact has none.
   */
  #withdrawFromKept(event: RecordedDomainEvent & ContactInfoWithdrawn, batch: BatchCopies): boolean {
    const { orgId, contactId } = event.data;
    const withdrawn = this.#copies.get(orgId)?.withdrawn;
    const kept = withdrawn?.get(contactId);
    if (withdrawn === undefined || kept === undefined) return false;
    this.#followWithdrawals(batch, event);
    const copy = batch.own(kept.copy);
    applyToCopy(copy, event);
    const fields = changedKeys(event);
    for (const key of fields) copy.changes[key] = markOf(event);
    withdrawn.set(contactId, { copy, withdrawnAt: kept.withdrawnAt });
    this.#mark(event.id, fields);
    return true;
  }

  /**
   * The items withdrawn from a team copy (R-SHARE-6): an item is withdrawn until the team copy
   * holds an item with its id again.
   */
  #followWithdrawals(batch: BatchCopies, event: RecordedDomainEvent & ContactEvent): void {
    const { orgId, contactId } = event.data;
    if (event.type === 'ContactInfoWithdrawn') {
      const { itemId } = event.data;
      this.#updateLinks(batch, orgId, contactId, (links) => {
        if (!links.withdrawn.includes(itemId)) links.withdrawn.push(itemId);
      });
    } else if (event.type === 'ContactInfoSet' && event.data.copy.owner === 'team') {
      const { itemId } = event.data.item;
      if (this.links(orgId, contactId).withdrawn.includes(itemId))
        this.#updateLinks(batch, orgId, contactId, (links) => {
          links.withdrawn = links.withdrawn.filter((id) => id !== itemId);
        });
    }
  }

  #share(event: RecordedDomainEvent & ContactShared, batch: BatchCopies): void {
    const { orgId, contactId, team, previous } = event.data;
    const docs = this.#ownerCopiesToWrite(orgId, { owner: 'team' });
    // Sharing a withdrawn team copy brings it back as it was kept, changes and all (R-SHARE-8).
    const withdrawn = this.#organizationCopies(orgId).withdrawn;
    const kept = withdrawn.get(contactId);
    if (kept !== undefined) {
      withdrawn.delete(contactId);
      docs.set(contactId, kept.copy);
    }
    const current = docs.get(contactId);
    const mark = markOf(event);
    const fields = sharedKeys(current === undefined ? null : previous, team);
    const create = () => newCopy(team.name, contactId, event.data.kind, { owner: 'team' }, {});
    this.#update(batch, docs, contactId, create, (copy) => {
      const step = copy.step;
      // The event's containers are copied: later events of a batch change them in the same copy.
      Object.assign(copy, team, {
        info: { ...team.info },
        fields: { ...team.fields },
        tags: [...team.tags],
      });
      copy.kind = event.data.kind;
      if (step !== team.step || current === undefined) {
        copy.stepSetAt = team.step === null ? null : event.recordedAt;
        copy.stepDefinition = stepDefinitionOf(this.#organizations.get(orgId), copy);
      }
      for (const key of fields) copy.changes[key] = mark;
    });
    this.#mark(event.id, fields);
  }

  #applyEngagement(event: RecordedDomainEvent & EngagementEvent, batch: BatchCopies): void {
    const { orgId, engagementId } = event.data;
    const docs = getOrCreate(this.#engagements, orgId, () => new Map());
    const create = (): EngagementDocument => deepCopy({ ...initialEngagementState, engagementId });
    this.#update(batch, docs, engagementId, create, (engagement) => applyToEngagement(engagement, event));
    if (event.type === 'MemberContactAdded')
      this.#updateLinks(batch, orgId, event.data.contactId, (links) => {
        links.engagements.push(engagementId);
      });
    if (event.type === 'MemberContactRemoved')
      this.#updateLinks(batch, orgId, event.data.contactId, (links) => {
        links.engagements = links.engagements.filter((id) => id !== engagementId);
      });
  }
}
