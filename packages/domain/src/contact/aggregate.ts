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
import type { OrganizationState } from '../organization/state.js';
import { contactStream } from '../streams.js';
import { contactCommandCodecs, type ContactCommand } from './commands.js';
import { contactDecider } from './decider.js';
import type { ContactEvent } from './events.js';
import { evolveContact, initialContactState, type ContactState } from './state.js';
import { syncStateOf } from '../sync/read.js';

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

/** What a decision reads from the read models: a share and archiving the team copy do. */
const readsModels = (command: ContactCommand): boolean =>
  archivesTeamCopy(command) || command.type === 'ShareContact';

/**
 * What a share of a contact the team holds sends (R-SHARE-9): the fields the sharer's sync state
 * says the sharer changed since the last sync and the team did not.
 */
const sendsOf = (readModels: ReadModels, command: ContactCommand): string[] =>
  (
    syncStateOf(
      readModels.projections,
      readModels.syncPoints,
      command.orgId,
      command.actor,
      command.contactId,
    )?.fields ?? []
  )
    .filter((field) => field.direction === 'to_team')
    .map((field) => field.field);

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
  // Archiving the team copy looks at the projects and deals the contact is in (R-ARCH-3); sharing
  // a contact the team holds, at the sharer's sync state (R-SHARE-9).
  readsModels,
  streams: (command) => ({
    contact: contactOf(command.orgId, command.contactId),
    org: organizationOf(command.orgId),
  }),
  decide: (command, states, { readModels }) =>
    map((events: ReadonlyArray<DomainEvent>) => ({ contact: events }))(
      contactDecider.decide(
        command,
        archivesTeamCopy(command)
          ? { ...states, engagements: engagementsOf(readModels.projections, command) }
          : command.type === 'ShareContact'
            ? { ...states, sends: sendsOf(readModels, command) }
            : states,
      ),
    ),
});
