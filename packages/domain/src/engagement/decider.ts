/**
 * The engagement decider: projects and deals with their team, member contacts, stage, tags and
 * custom field values (R-TEAM-2, R-TAG-1, R-FIELD-3). Any member creates one and joins its team;
 * its team, managers and administrators change it (D-ENG-1). A member contact must be a team
 * contact or a shareable copy of the actor (R-SHARE-1, R-SHARE-2).
 */
import { right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider, Rejection } from '@rapport/core';
import { definedField, newFieldValue } from '../internal/fieldChanges.js';
import { entryOf } from '../internal/idRecords.js';
import { refuse } from '../internal/rejections.js';
import {
  initialOrganizationState,
  roleOf,
  segmentKindOf,
  type OrganizationState,
} from '../organization/state.js';
import { copyOf, initialContactState, type ContactState } from '../contact/state.js';
import { canManageAssignments, requireMember } from '../rights.js';
import { findTag } from '../tags.js';
import type { EngagementKind, Role } from '../vocabulary.js';
import type { EngagementCommand } from './commands.js';
import type { EngagementEvent } from './events.js';
import { evolveEngagement, initialEngagementState, type EngagementState } from './state.js';

/**
 * What an engagement decision reads: the organization, the engagement, and the contact the command
 * names (`AddMemberContact`; the initial contact state for other commands).
 *
 * @example
 * import { engagementDecider } from './decider.js';
 * engagementDecider.initialState.engagement.kind; // null
 */
export interface EngagementDecisionState {
  readonly org: OrganizationState;
  readonly engagement: EngagementState;
  readonly contact: ContactState;
}

type Decision = Either<Rejection, ReadonlyArray<EngagementEvent>>;
const unchanged: Decision = right([]);

type CommandOf<K extends EngagementCommand['type']> = Extract<EngagementCommand, { type: K }>;

interface Context {
  readonly state: EngagementDecisionState;
  readonly role: Role;
  readonly subject: string;
  readonly kind: EngagementKind;
}

type Handler<K extends EngagementCommand['type']> = (command: CommandOf<K>, context: Context) => Decision;

/**
 * The data of an event on a project or deal: the organization and the engagement, then `rest`
 * (spread last, as the contact decider's `about` says why).
 */
const about = <Rest extends object>(command: EngagementCommand, rest: Rest) => ({
  orgId: command.orgId,
  engagementId: command.engagementId,
  ...rest,
});

const handlers: { readonly [K in Exclude<EngagementCommand['type'], 'CreateEngagement'>]: Handler<K> } = {
  AddTeamMember: (command, { state, subject }) => {
    if (roleOf(state.org, command.userId) === undefined)
      return refuse(
        command.type,
        subject,
        'TEAM_MEMBER_NOT_MEMBER',
        `user "${command.userId}" is not a member of organization ${command.orgId}`,
        'R-TEAM-2',
      );
    return state.engagement.team.includes(command.userId)
      ? unchanged
      : right([{ type: 'TeamMemberAdded', data: about(command, { userId: command.userId }) }]);
  },
  RemoveTeamMember: (command, { state }) =>
    state.engagement.team.includes(command.userId)
      ? right([{ type: 'TeamMemberRemoved', data: about(command, { userId: command.userId }) }])
      : unchanged,
  AddMemberContact: (command, { state, subject }) => {
    if (state.engagement.contacts.includes(command.contactId)) return unchanged;
    const { contact, org } = state;
    if (contact.team === null) {
      const own = copyOf(contact, { owner: 'user', userId: command.actor });
      if (own === undefined)
        return refuse(
          command.type,
          subject,
          'CONTACT_NOT_FOUND',
          `contact ${command.contactId} is neither in the team view nor in the My People of "${command.actor}"`,
          'R-TEAM-2',
        );
      if (own.segment !== null && segmentKindOf(org, own.segment) === 'personal')
        return refuse(
          command.type,
          subject,
          'SHARE_PERSONAL_SEGMENT',
          `a member contact is shared, and contact ${command.contactId} is in a personal segment (${own.segment})`,
          'R-SHARE-2',
        );
    }
    return right([{ type: 'MemberContactAdded', data: about(command, { contactId: command.contactId }) }]);
  },
  RemoveMemberContact: (command, { state }) =>
    state.engagement.contacts.includes(command.contactId)
      ? right([{ type: 'MemberContactRemoved', data: about(command, { contactId: command.contactId }) }])
      : unchanged,
  SetEngagementStage: (command, { state }) =>
    state.engagement.stage === command.stage
      ? unchanged
      : right([
          {
            type: 'EngagementStageSet',
            data: about(command, { stage: command.stage, previous: state.engagement.stage }),
          },
        ]),
  ClearEngagementStage: (command, { state }) =>
    state.engagement.stage === null
      ? unchanged
      : right([
          { type: 'EngagementStageCleared', data: about(command, { previous: state.engagement.stage }) },
        ]),
  ApplyEngagementTag: (command, { state }) =>
    findTag(state.engagement.tags, command.tag) !== undefined
      ? unchanged
      : right([{ type: 'EngagementTagApplied', data: about(command, { tag: command.tag.trim() }) }]),
  RemoveEngagementTag: (command, { state }) => {
    const present = findTag(state.engagement.tags, command.tag);
    return present === undefined
      ? unchanged
      : right([{ type: 'EngagementTagRemoved', data: about(command, { tag: present }) }]);
  },
  SetEngagementFieldValue: (command, { state, subject, kind }) => {
    const previous = entryOf(state.engagement.fields, command.fieldId) ?? null;
    const scope = { kind, stage: state.engagement.stage ?? undefined };
    const value = newFieldValue(command, subject, state.org.fields, scope, previous);
    if (value._tag === 'Left') return value;
    return value.right === undefined
      ? unchanged
      : right([
          {
            type: 'EngagementFieldValueSet',
            data: about(command, { fieldId: command.fieldId, value: value.right, previous }),
          },
        ]);
  },
  ClearEngagementFieldValue: (command, { state, subject }) => {
    const field = definedField(command, subject, state.org.fields);
    if (field._tag === 'Left') return field;
    const previous = entryOf(state.engagement.fields, command.fieldId);
    return previous === undefined
      ? unchanged
      : right([
          {
            type: 'EngagementFieldValueCleared',
            data: about(command, { fieldId: command.fieldId, previous }),
          },
        ]);
  },
};

const decide = (command: EngagementCommand, state: EngagementDecisionState): Decision => {
  const { engagement } = state;
  const subject = `${engagement.kind ?? (command.type === 'CreateEngagement' ? command.kind : 'engagement')} ${
    command.engagementId
  }`;
  const member = requireMember(state.org, command, subject);
  if (member._tag === 'Left') return member;
  const role = member.right;
  if (command.type === 'CreateEngagement')
    return engagement.kind !== null
      ? refuse(command.type, subject, 'ENGAGEMENT_EXISTS', `${subject} already exists`, 'D-ENG-2')
      : right([
          {
            type: 'EngagementCreated',
            data: about(command, { kind: command.kind, name: command.name }),
          },
          { type: 'TeamMemberAdded', data: about(command, { userId: command.actor }) },
        ]);
  if (engagement.kind === null)
    return refuse(command.type, subject, 'ENGAGEMENT_NOT_FOUND', `${subject} does not exist`, 'R-TEAM-2');
  if (!engagement.team.includes(command.actor) && !canManageAssignments(role))
    return refuse(
      command.type,
      subject,
      'NOT_ON_TEAM',
      `"${command.actor}" is not on the team of ${subject}; ask a team member, a manager or an administrator`,
      'D-ENG-1',
    );
  const handler = handlers[command.type] as Handler<Exclude<EngagementCommand['type'], 'CreateEngagement'>>;
  return handler(command as CommandOf<Exclude<EngagementCommand['type'], 'CreateEngagement'>>, {
    state,
    role,
    subject,
    kind: engagement.kind,
  });
};

/**
 * The engagement decider. `evolve` folds engagement events into the engagement part of its state.
 *
 * @example
 * import { engagementDecider } from './decider.js';
 * import { organizationDecider } from '../organization/decider.js';
 * const org = { ...organizationDecider.initialState, orgId: 'acme', members: { ann: 'member' as const } };
 * engagementDecider.decide(
 *   { type: 'CreateEngagement', actor: 'ann', orgId: 'acme', engagementId: 'd1', kind: 'deal', name: 'Big deal' },
 *   { ...engagementDecider.initialState, org },
 * )._tag; // 'Right'
 */
export const engagementDecider: Decider<EngagementCommand, EngagementDecisionState, EngagementEvent> = {
  decide,
  evolve: (state, event) => ({ ...state, engagement: evolveEngagement(state.engagement, event) }),
  initialState: {
    org: initialOrganizationState,
    engagement: initialEngagementState,
    contact: initialContactState,
  },
};
