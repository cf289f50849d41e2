/**
 * Projections as of a point of the history, and what changed between two points (R-AUDIT-3).
 * Replaying the history up to a point gives exactly the projections, audience membership and sync
 * points the live system held right after the last event up to that point was applied.
 */
import * as t from 'io-ts';
import { canonicalJson, type EventStore, type Rejection } from '@rapport/core';
import type { AudienceMembership } from '../audiences/membership.js';
import type { RelationshipProjections, ProjectionState } from '../projections/relationships.js';
import type { SyncPoints } from '../sync/points.js';
import type { HistoryPoint } from './history.js';
import { readModelsAt } from './readModels.js';
import { entryOf } from '../internal/idRecords.js';

/**
 * Projections rebuilt up to a point with audience membership and sync points, the position they
 * reach and the events that could not be read.
 */
export interface ProjectionsAt {
  readonly projections: RelationshipProjections;
  readonly membership: AudienceMembership;
  readonly syncPoints: SyncPoints;
  readonly position: number;
  readonly unreadable: ReadonlyArray<Rejection>;
}

/**
 * Rebuilds the projections, audience membership and sync points by replaying the history up to a
 * point, or to the end.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { projectionsAt } from '@rapport/domain';
 * const { position } = await projectionsAt(createInMemoryEventStore(), { position: 5 });
 * position; // 0: the store is empty
 */
export const projectionsAt = async (
  store: Pick<EventStore, 'readAll'>,
  until?: HistoryPoint,
  onProgress?: (read: number) => void,
): Promise<ProjectionsAt> => {
  const { models, position, unreadable } = await readModelsAt(
    store,
    until,
    onProgress === undefined ? {} : { onProgress },
  );
  const { projections, membership, syncPoints } = models;
  return { projections, membership, syncPoints, position, unreadable };
};

/**
 * Which documents of the projections a difference is about: an organization's settings, the
 * copies of one owner (`<orgId>/team`, `<orgId>/user:<userId>`), the links of an organization's
 * contacts, or its projects and deals.
 *
 * @example
 * import { ProjectionCollection } from './asOf.js';
 * ProjectionCollection.is('copies'); // true
 */
export const ProjectionCollection = t.keyof(
  { organizations: null, copies: null, links: null, engagements: null },
  'ProjectionCollection',
);
export type ProjectionCollection = t.TypeOf<typeof ProjectionCollection>;

/**
 * One value that differs between two points: in which collection and group (`acme/user:ann`),
 * which document (a contact, project or deal id; the organization id for settings), which field
 * (`stage`, `fields.budget`, `members.bob`), and its value at each point (null when absent).
 *
 * @example
 * import { ProjectionDifference } from '@rapport/domain';
 * ProjectionDifference.is({ collection: 'copies', group: 'acme/team', document: 'c1', field: 'stage', from: 'lead', to: 'active' }); // true
 */
export const ProjectionDifference = t.type(
  {
    collection: ProjectionCollection,
    group: t.string,
    document: t.string,
    field: t.string,
    from: t.unknown,
    to: t.unknown,
  },
  'ProjectionDifference',
);
export type ProjectionDifference = t.TypeOf<typeof ProjectionDifference>;

/** Bookkeeping of the projections that says when, not what, and the keys a document is found by. */
const LEFT_OUT = new Set(['changes', 'stepSetAt', 'stepDefinition', 'contactId', 'engagementId', 'owner']);

/** Values a document that appears or disappears holds by default: not worth a line each. */
const isEmpty = (value: unknown): boolean =>
  value === null ||
  value === false ||
  (Array.isArray(value) && value.length === 0) ||
  (isRecord(value) && Object.keys(value).length === 0);

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A document as field paths and values: records one level deep are spread (`fields.budget`). */
const flatten = (document: unknown): Map<string, unknown> => {
  const fields = new Map<string, unknown>();
  if (!isRecord(document)) return fields;
  for (const [key, value] of Object.entries(document)) {
    if (LEFT_OUT.has(key)) continue;
    if (isRecord(value)) for (const [sub, inner] of Object.entries(value)) fields.set(`${key}.${sub}`, inner);
    else fields.set(key, value);
  }
  return fields;
};

const sorted = (keys: Iterable<string>): string[] => [...new Set(keys)].sort();

const diffDocuments = (
  collection: ProjectionCollection,
  group: string,
  document: string,
  before: unknown,
  after: unknown,
  into: ProjectionDifference[],
): void => {
  const a = flatten(before);
  const b = flatten(after);
  const appearing = before === undefined || after === undefined;
  for (const field of sorted([...a.keys(), ...b.keys()])) {
    const from = a.get(field) ?? null;
    const to = b.get(field) ?? null;
    if (appearing && isEmpty(from) && isEmpty(to)) continue;
    if (canonicalJson(from) !== canonicalJson(to))
      into.push({ collection, group, document, field, from, to });
  }
};

const diffGroups = (
  collection: ProjectionCollection,
  before: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  after: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  into: ProjectionDifference[],
): void => {
  for (const group of sorted([...Object.keys(before), ...Object.keys(after)])) {
    const a = entryOf(before, group) ?? {};
    const b = entryOf(after, group) ?? {};
    for (const document of sorted([...Object.keys(a), ...Object.keys(b)]))
      diffDocuments(collection, group, document, entryOf(a, document), entryOf(b, document), into);
  }
};

/**
 * Every value that differs between two snapshots of the projections, in a stable order. The
 * bookkeeping of when each field last changed is left out: only what a reader sees is compared. A
 * document that appears or disappears is told by its values that are not empty.
 *
 * @example
 * import { diffProjections, RelationshipProjections } from '@rapport/domain';
 * const empty = new RelationshipProjections().snapshot();
 * diffProjections(empty, empty); // []
 */
export const diffProjections = (
  before: ProjectionState,
  after: ProjectionState,
): ReadonlyArray<ProjectionDifference> => {
  const differences: ProjectionDifference[] = [];
  for (const orgId of sorted([...Object.keys(before.organizations), ...Object.keys(after.organizations)]))
    diffDocuments(
      'organizations',
      orgId,
      orgId,
      entryOf(before.organizations, orgId),
      entryOf(after.organizations, orgId),
      differences,
    );
  diffGroups('copies', before.copies, after.copies, differences);
  diffGroups('links', before.links, after.links, differences);
  diffGroups('engagements', before.engagements, after.engagements, differences);
  return differences;
};
