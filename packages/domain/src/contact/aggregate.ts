/**
 * The contact as an aggregate: one stream per contact holds every user's copy and the team copy;
 * a contact command is decided on it and on the organization (rights, settings).
 */
import { map } from 'fp-ts/lib/Either.js';
import { defineAggregate, type StreamModel } from '@rapport/core';
import type { DomainEvent } from '../events.js';
import { organizationOf } from '../organization/aggregate.js';
import type { OrganizationState } from '../organization/state.js';
import { contactStream } from '../streams.js';
import { contactCommandCodecs, type ContactCommand } from './commands.js';
import { contactDecider } from './decider.js';
import type { ContactEvent } from './events.js';
import { evolveContact, initialContactState, type ContactState } from './state.js';

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
  DomainEvent
>({
  name: 'contact',
  commandTypes: Object.keys(contactCommandCodecs) as ReadonlyArray<ContactCommand['type']>,
  streams: (command) => ({
    contact: contactOf(command.orgId, command.contactId),
    org: organizationOf(command.orgId),
  }),
  decide: (command, states) =>
    map((events: ReadonlyArray<DomainEvent>) => ({ contact: events }))(
      contactDecider.decide(command, states),
    ),
});
