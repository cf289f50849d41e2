/**
 * What a decision knows of a project or deal: kind, name, stage, team, member contacts, tags and
 * custom field values (R-TEAM-2). `applyToEngagement` is shared by the decider and the projections.
 */
import * as t from 'io-ts';
import { Id } from '../ids.js';
import { FieldValue } from '../fields/index.js';
import { absurd } from '../internal/absurd.js';
import { removeEntry, setEntry } from '../internal/idRecords.js';
import { tagKey } from '../tags.js';
import { EngagementKind, Stage } from '../vocabulary.js';
import type { EngagementEvent } from './events.js';

/**
 * A project's or deal's state: `kind` and `name` are null until it is created.
 *
 * @example
 * import { EngagementState, initialEngagementState } from './state.js';
 * EngagementState.is(initialEngagementState); // true
 */
export const EngagementState = t.type(
  {
    kind: t.union([EngagementKind, t.null]),
    name: t.union([t.string, t.null]),
    stage: t.union([Stage, t.null]),
    team: t.array(Id),
    contacts: t.array(Id),
    tags: t.array(t.string),
    fields: t.record(t.string, FieldValue),
  },
  'EngagementState',
);
export type EngagementState = t.TypeOf<typeof EngagementState>;

/**
 * The state of a project or deal not created yet.
 *
 * @example
 * import { initialEngagementState } from './state.js';
 * initialEngagementState.kind; // null
 */
export const initialEngagementState: EngagementState = {
  kind: null,
  name: null,
  stage: null,
  team: [],
  contacts: [],
  tags: [],
  fields: {},
};

/**
 * Changes an engagement in place as an event says: meant for immer drafts and fresh copies.
 *
 * @example
 * import { applyToEngagement, initialEngagementState } from './state.js';
 * const deal = { ...initialEngagementState, team: [], contacts: [], tags: [], fields: {} };
 * applyToEngagement(deal, { type: 'EngagementCreated', data: { orgId: 'acme', engagementId: 'd1', kind: 'deal', name: 'Big deal' } });
 * deal.kind; // 'deal'
 */
export const applyToEngagement = (engagement: EngagementState, event: EngagementEvent): void => {
  switch (event.type) {
    case 'EngagementCreated':
      engagement.kind = event.data.kind;
      engagement.name = event.data.name;
      return;
    case 'TeamMemberAdded':
      engagement.team.push(event.data.userId);
      return;
    case 'TeamMemberRemoved': {
      const index = engagement.team.indexOf(event.data.userId);
      if (index >= 0) engagement.team.splice(index, 1);
      return;
    }
    case 'MemberContactAdded':
      engagement.contacts.push(event.data.contactId);
      return;
    case 'MemberContactRemoved': {
      const index = engagement.contacts.indexOf(event.data.contactId);
      if (index >= 0) engagement.contacts.splice(index, 1);
      return;
    }
    case 'EngagementStageSet':
      engagement.stage = event.data.stage;
      return;
    case 'EngagementStageCleared':
      engagement.stage = null;
      return;
    case 'EngagementTagApplied':
      engagement.tags.push(event.data.tag);
      return;
    case 'EngagementTagRemoved': {
      const key = tagKey(event.data.tag);
      const index = engagement.tags.findIndex((tag) => tagKey(tag) === key);
      if (index >= 0) engagement.tags.splice(index, 1);
      return;
    }
    case 'EngagementFieldValueSet':
      setEntry(engagement.fields, event.data.fieldId, event.data.value);
      return;
    case 'EngagementFieldValueCleared':
      removeEntry(engagement.fields, event.data.fieldId);
      return;
    default:
      absurd(event);
  }
};

/**
 * Folds one event into an engagement's state, without changing the given state.
 *
 * @example
 * import { evolveEngagement, initialEngagementState } from './state.js';
 * evolveEngagement(initialEngagementState, { type: 'TeamMemberAdded', data: { orgId: 'acme', engagementId: 'd1', userId: 'bob' } }).team; // ['bob']
 */
export const evolveEngagement = (engagement: EngagementState, event: EngagementEvent): EngagementState => {
  const next: EngagementState = {
    ...engagement,
    team: [...engagement.team],
    contacts: [...engagement.contacts],
    tags: [...engagement.tags],
    fields: { ...engagement.fields },
  };
  applyToEngagement(next, event);
  return next;
};
