/**
 * Commands for tests and examples, written by what they are about: they act in the organization
 * `acme` of `scenario`, and the settings are changed by its administrator ann.
 */

/** A command as `Scenario.run` takes it. */
export type Command = Record<string, unknown>;

const orgId = 'acme';
const admin = { actor: 'ann', orgId };

/**
 * `actor` adds a contact to his My People; a person unless `kind` says company.
 *
 * @example
 * import { addContact } from '@rapport/domain/testing';
 * addContact('bob', 'co', 'Acme Ltd', 'company').kind; // 'company'
 */
export const addContact = (
  actor: string,
  contactId: string,
  name: string,
  kind: 'person' | 'company' = 'person',
): Command => ({ type: 'AddContact', actor, orgId, contactId, kind, name });

/**
 * `actor` creates a deal (or a project) named `Deal` unless `name` says otherwise.
 *
 * @example
 * import { createEngagement } from '@rapport/domain/testing';
 * createEngagement('bob', 'd1').name; // 'Deal'
 * createEngagement('bob', 'p1', 'project', 'Rollout').kind; // 'project'
 */
export const createEngagement = (
  actor: string,
  engagementId: string,
  kind: 'deal' | 'project' = 'deal',
  name = 'Deal',
): Command => ({ type: 'CreateEngagement', actor, orgId, engagementId, kind, name });

/**
 * `actor` runs a command of type `type` on the engagement `engagementId`, with `data`.
 *
 * @example
 * import { onEngagement } from '@rapport/domain/testing';
 * onEngagement('bob', 'd1', 'AddTeamMember', { userId: 'cat' }).userId; // 'cat'
 */
export const onEngagement = (
  actor: string,
  engagementId: string,
  type: string,
  data: Record<string, unknown> = {},
): Command => ({ type, actor, orgId, engagementId, ...data });

/**
 * Ann defines the checklist of (`segmentId`, `stage`): its steps in order.
 *
 * @example
 * import { defineChecklist } from '@rapport/domain/testing';
 * defineChecklist('customer', 'lead', [{ stepId: 'call', title: 'Call' }]).actor; // 'ann'
 */
export const defineChecklist = (
  segmentId: string,
  stage: string,
  steps: ReadonlyArray<Record<string, unknown>>,
): Command => ({ type: 'DefineChecklist', ...admin, segmentId, stage, steps });

/**
 * Ann defines a custom segment, business or personal.
 *
 * @example
 * import { defineSegment } from '@rapport/domain/testing';
 * defineSegment('golfers', 'Golfers', 'personal').segmentId; // 'golfers'
 */
export const defineSegment = (segmentId: string, name: string, kind: 'business' | 'personal'): Command => ({
  type: 'DefineSegment',
  ...admin,
  segmentId,
  name,
  kind,
});

/**
 * Ann defines a section of custom fields.
 *
 * @example
 * import { defineSection } from '@rapport/domain/testing';
 * defineSection('billing', 'Billing').type; // 'DefineSection'
 */
export const defineSection = (sectionId: string, name: string): Command => ({
  type: 'DefineSection',
  ...admin,
  sectionId,
  name,
});

/**
 * Ann defines a custom field `fieldId` of `valueType` for persons; `more` adds to the definition
 * or overrides it (`appliesTo`, `segments`, `stages`, `sectionId`), also with what it refuses.
 *
 * @example
 * import { defineField } from '@rapport/domain/testing';
 * defineField('tier', 'Tier', { type: 'text' }, { stages: ['active'] }).definition;
 * // { fieldId: 'tier', name: 'Tier', valueType: { type: 'text' }, appliesTo: ['person'], stages: ['active'] }
 */
export const defineField = (
  fieldId: string,
  name: string,
  valueType: Record<string, unknown>,
  more: Record<string, unknown> = {},
): Command => ({
  type: 'DefineField',
  ...admin,
  definition: { fieldId, name, valueType, appliesTo: ['person'], ...more },
});

/**
 * Ada in both views: bob adds her and shares her with the team view, cat adds her to her My People
 * (the copies first meet and agree, R-SYNC-7), then mia, a manager, makes the team copy a
 * customer. The pair a sync test starts from: cat's copy and the team's, the team's segment a
 * change cat has not taken yet.
 *
 * @example
 * import { adaInBothViews, ok, scenario } from '@rapport/domain/testing';
 * const s = await scenario({ given: adaInBothViews });
 * const { mine, team } = ok(await s.rapport.as('cat').contact('acme', 'ada'));
 * [mine?.name, team?.segment]; // ['Ada', 'customer']
 */
export const adaInBothViews: ReadonlyArray<Command> = [
  addContact('bob', 'ada', 'Ada'),
  { type: 'ShareContact', actor: 'bob', orgId, contactId: 'ada' },
  addContact('cat', 'ada', 'Ada'),
  { type: 'SetSegment', actor: 'mia', orgId, contactId: 'ada', segmentId: 'customer', target: 'team' },
];
