/**
 * The documents the projections keep, one frozen document per key: a copy of a contact as a
 * user's My People or the team view holds it, the links of a contact (assignees, projects and
 * deals) and a project or deal. Each copy remembers, per shareable field, the event of its last
 * change: the global order R-SYNC compares.
 */
import * as t from 'io-ts';
import { IsoInstant, NonNegativeInteger } from '@rapport/core';
import { Id } from '../ids.js';
import { ContactKind } from '../vocabulary.js';
import { CopyRef, CopyState } from '../contact/model.js';
import { EngagementState } from '../engagement/state.js';
import { NextStepDefinition } from '../steps/nextStep.js';

/**
 * The last change of one field of a copy: which event, where in the global order, when, by whom.
 *
 * @example
 * import { ChangeMark } from './documents.js';
 * ChangeMark.is({ eventId: '01JD00000000000000000000AA', globalPosition: 7, recordedAt: '2026-11-23T09:30:00.000Z', actor: 'ann' }); // true
 */
export const ChangeMark = t.type(
  { eventId: t.string, globalPosition: NonNegativeInteger, recordedAt: IsoInstant, actor: t.string },
  'ChangeMark',
);
export type ChangeMark = t.TypeOf<typeof ChangeMark>;

/**
 * A copy as a projection holds it. `stepSetAt` is when the current step became current (the
 * reminder counts from it, R-STEP-5), and `stepDefinition` the step as its checklist defined it
 * then: its reminder stays as given when the checklist changes later (R-STEP-6), and its title
 * stays when the step leaves the checklist (R-STEP-7). `changes` is keyed by field: `name`, `stage`, `segment`,
 * `step`, `archived`, `info:<itemId>`, `field:<fieldId>`, `tag:<trimmed lower-case tag>`.
 *
 * @example
 * import { CopyDocument } from './documents.js';
 * CopyDocument.is({
 *   contactId: 'c1', kind: 'person', owner: { owner: 'team' }, name: 'Ada', stage: null, segment: null, step: null,
 *   fields: {}, tags: [], info: {}, archived: false, stepSetAt: null, stepDefinition: null, changes: {},
 * }); // true
 */
export const CopyDocument = t.intersection(
  [
    CopyState,
    t.type({
      contactId: Id,
      kind: ContactKind,
      owner: CopyRef,
      stepSetAt: t.union([IsoInstant, t.null]),
      stepDefinition: t.union([NextStepDefinition, t.null]),
      changes: t.record(t.string, ChangeMark),
    }),
  ],
  'CopyDocument',
);
export type CopyDocument = t.TypeOf<typeof CopyDocument>;

/**
 * What links a contact to the team: its assignees (R-TEAM-1), the projects and deals it is a
 * member contact of (R-TEAM-2), and the information items withdrawn from its team copy because a
 * holder labeled them personal (R-SHARE-6), until the team copy holds an item with that id again.
 *
 * @example
 * import { ContactLinks } from './documents.js';
 * ContactLinks.is({ contactId: 'c1', assignees: ['bob'], engagements: ['d1'], withdrawn: [] }); // true
 */
export const ContactLinks = t.type(
  { contactId: Id, assignees: t.array(Id), engagements: t.array(Id), withdrawn: t.array(Id) },
  'ContactLinks',
);
export type ContactLinks = t.TypeOf<typeof ContactLinks>;

/**
 * A project or deal as the team view holds it.
 *
 * @example
 * import { EngagementDocument } from '@rapport/domain';
 * EngagementDocument.is({ engagementId: 'd1', kind: 'deal', name: 'Big deal', stage: null, team: ['ann'], contacts: [], tags: [], fields: {} }); // true
 */
export const EngagementDocument = t.intersection(
  [EngagementState, t.type({ engagementId: Id })],
  'EngagementDocument',
);
export type EngagementDocument = t.TypeOf<typeof EngagementDocument>;

/**
 * A team copy withdrawn from the team view (R-SHARE-7, R-SHARE-8), kept for a share to bring back,
 * and the withdrawal.
 *
 * @example
 * import { WithdrawnCopy } from './documents.js';
 * WithdrawnCopy.is({ copy: {}, withdrawnAt: {} }); // false
 */
export const WithdrawnCopy = t.type({ copy: CopyDocument, withdrawnAt: ChangeMark }, 'WithdrawnCopy');
export type WithdrawnCopy = t.TypeOf<typeof WithdrawnCopy>;

/**
 * The key of the copies of one owner in one organization: `<orgId>/team` or `<orgId>/user:<userId>`.
 *
 * @example
 * import { ownerKey } from './documents.js';
 * ownerKey('acme', { owner: 'user', userId: 'ann' }); // 'acme/user:ann'
 * ownerKey('acme', { owner: 'team' }); // 'acme/team'
 */
export const ownerKey = (orgId: string, owner: CopyRef): string =>
  owner.owner === 'team' ? `${orgId}/team` : `${orgId}/user:${owner.userId}`;
