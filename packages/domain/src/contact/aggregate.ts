/**
 * The contact as an aggregate: one stream per contact holds every user's copy and the team copy;
 * a contact command is decided on it and on the organization (rights, settings).
 */
import { map } from 'fp-ts/lib/Either.js';
import { defineAggregate, type StreamModel } from '@rapport/core';
import type { ReadModels } from '../audit/readModels.js';
import type { DomainEvent } from '../events.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import { organizationOf } from '../organization/aggregate.js';
import { initialOrganizationState, type OrganizationState } from '../organization/state.js';
import { contactStream } from '../streams.js';
import { contactCommandCodecs, type ContactCommand } from './commands.js';
import { contactDecider } from './decider.js';
import type { ContactEvent } from './events.js';
import { evolveContact, initialContactState, type ContactState } from './state.js';
import { syncStateOf } from '../sync/read.js';
import { builtInSegmentKind } from '../vocabulary.js';
import { isPersonalField, syncFields, syncValueOf } from '../sync/fields.js';

/**
 * How a contact's stream folds.
 *
 * @example
 * import { contactModel } from './aggregate.js';
 * contactModel.initialState.team; // null
 */
export const contactModel: StreamModel<ContactState, DomainEvent> = {
  name: 'contact',
  initialState: initialContactState,
  evolve: (state, event) => evolveContact(state, event as ContactEvent),
};

/**
 * A contact's stream, folded.
 *
 * @example
 * import { contactOf } from './aggregate.js';
 * contactOf('acme', 'c1').streamId; // 'contact-acme/c1'
 */
export const contactOf = (orgId: string, contactId: string) => ({
  streamId: contactStream(orgId, contactId),
  model: contactModel,
});

const archivesTeamCopy = (command: ContactCommand): boolean =>
  command.type === 'ArchiveContact' && command.target === 'team';

/**
 * Whether a decision reads the projects and deals the contact is in: archiving the team copy
 * (R-ARCH-3), and what may withdraw it, which they hold (R-SHARE-7, R-SHARE-8): unsharing, and a
 * move to a segment that may be personal (a built-in business segment never is, so the most common
 * move waits for no read model).
 */
const readsEngagements = (command: ContactCommand): boolean =>
  archivesTeamCopy(command) ||
  command.type === 'UnshareContact' ||
  (command.type === 'SetSegment' && builtInSegmentKind(command.segmentId) !== 'business');

/** What a decision reads from the read models: those, and a share. */
const readsModels = (command: ContactCommand): boolean =>
  readsEngagements(command) || command.type === 'ShareContact';

/**
 * What a share of a contact the team holds, or held before it was withdrawn, sends (R-SHARE-9,
 * R-SHARE-8): the fields the sharer's sync state says the sharer changed since the last sync and
 * the team did not. When the sharer's copy never met the team copy, bringing it back is like
 * creating it: the share carries the sharer's values of the fields the team copy lacks, and the
 * rest is their first meeting (R-SHARE-4, R-SYNC-7).
 */
const sendsOf = (readModels: ReadModels, command: ContactCommand): string[] => {
  const { projections, syncPoints } = readModels;
  const { orgId, actor, contactId } = command;
  const team =
    projections.copy(orgId, { owner: 'team' }, contactId) ?? projections.withdrawnCopy(orgId, contactId);
  const mine = projections.copy(orgId, { owner: 'user', userId: actor }, contactId);
  if (team === undefined || mine === undefined) return [];
  if (!syncPoints.met(orgId, actor, contactId)) {
    const org = projections.organization(orgId) ?? initialOrganizationState;
    return syncFields(org, mine, team, projections.links(orgId, contactId).withdrawn).filter(
      (field) =>
        !isPersonalField(mine, field) &&
        syncValueOf(team, field) === null &&
        syncValueOf(mine, field) !== null,
    );
  }
  return (syncStateOf(projections, syncPoints, orgId, actor, contactId, team)?.fields ?? [])
    .filter((field) => field.direction === 'to_team')
    .map((field) => field.field);
};

/** The projects and deals that have the command's contact as a member contact (R-ARCH-3). */
const engagementsOf = (projections: RelationshipProjections, command: ContactCommand) => {
  const engagements = projections.engagements(command.orgId);
  return projections.links(command.orgId, command.contactId).engagements.flatMap((engagementId) => {
    const engagement = engagements.get(engagementId);
    if (engagement === undefined || engagement.kind === null) return [];
    const { kind, name, stage } = engagement;
    return [{ engagementId, kind, name: name ?? engagementId, stage }];
  });
};

/**
 * The contact aggregate.
 *
 * @example
 * import { contactAggregate } from './aggregate.js';
 * contactAggregate.commandTypes.includes('SetStage'); // true
 */
export const contactAggregate = defineAggregate<
  ContactCommand,
  { contact: ContactState; org: OrganizationState },
  DomainEvent,
  ReadModels
>({
  name: 'contact',
  commandTypes: Object.keys(contactCommandCodecs) as ReadonlyArray<ContactCommand['type']>,
  // Archiving or withdrawing the team copy looks at the projects and deals the contact is in
  // (R-ARCH-3, R-SHARE-7, R-SHARE-8); sharing a contact the team holds, at the sharer's sync state
  // (R-SHARE-9).
  readsModels,
  streams: (command) => ({
    contact: contactOf(command.orgId, command.contactId),
    org: organizationOf(command.orgId),
  }),
  decide: (command, states, { readModels }) =>
    map((events: ReadonlyArray<DomainEvent>) => ({ contact: events }))(
      contactDecider.decide(
        command,
        readsEngagements(command)
          ? { ...states, engagements: engagementsOf(readModels.projections, command) }
          : command.type === 'ShareContact'
            ? { ...states, sends: sendsOf(readModels, command) }
            : states,
      ),
    ),
});
