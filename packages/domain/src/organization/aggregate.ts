/**
 * The organization as an aggregate: its stream holds members, roles and settings; every other
 * aggregate reads it (and guards its read) to check rights and settings.
 */
import { map } from 'fp-ts/lib/Either.js';
import { defineAggregate, type StreamModel } from '@rapport/core';
import type { DomainEvent } from '../events.js';
import { organizationStream } from '../streams.js';
import { organizationCommandCodecs, type OrganizationCommand } from './commands.js';
import { organizationDecider } from './decider.js';
import type { OrganizationEvent } from './events.js';
import { evolveOrganization, initialOrganizationState, type OrganizationState } from './state.js';

/**
 * How an organization's stream folds.
 *
 * @example
 * import { organizationModel } from './aggregate.js';
 * organizationModel.name; // 'organization'
 */
export const organizationModel: StreamModel<OrganizationState, DomainEvent> = {
  name: 'organization',
  initialState: initialOrganizationState,
  evolve: (state, event) => evolveOrganization(state, event as OrganizationEvent),
};

/**
 * The organization's stream of a command, folded.
 *
 * @example
 * import { organizationOf } from './aggregate.js';
 * organizationOf('acme').streamId; // 'org-acme'
 */
export const organizationOf = (orgId: string) => ({
  streamId: organizationStream(orgId),
  model: organizationModel,
});

/**
 * The organization aggregate.
 *
 * @example
 * import { organizationAggregate } from './aggregate.js';
 * organizationAggregate.commandTypes.includes('CreateOrganization'); // true
 */
export const organizationAggregate = defineAggregate<
  OrganizationCommand,
  { org: OrganizationState },
  DomainEvent
>({
  name: 'organization',
  commandTypes: Object.keys(organizationCommandCodecs) as ReadonlyArray<OrganizationCommand['type']>,
  streams: (command) => ({ org: organizationOf(command.orgId) }),
  decide: (command, { org }) =>
    map((events: ReadonlyArray<DomainEvent>) => ({ org: events }))(organizationDecider.decide(command, org)),
});
