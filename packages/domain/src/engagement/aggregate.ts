/**
 * The project or deal as an aggregate: one stream each, decided on with the organization; adding a
 * member contact also reads (and guards) that contact's stream.
 */
import { map } from 'fp-ts/lib/Either.js';
import { defineAggregate, type StreamModel } from '@rapport/core';
import { contactOf } from '../contact/aggregate.js';
import { initialContactState, type ContactState } from '../contact/state.js';
import type { DomainEvent } from '../events.js';
import { organizationOf } from '../organization/aggregate.js';
import type { OrganizationState } from '../organization/state.js';
import { engagementStream } from '../streams.js';
import { engagementCommandCodecs, type EngagementCommand } from './commands.js';
import { engagementDecider } from './decider.js';
import type { EngagementEvent } from './events.js';
import { evolveEngagement, initialEngagementState, type EngagementState } from './state.js';

/**
 * How a project's or deal's stream folds.
 *
 * @example
 * import { engagementModel } from './aggregate.js';
 * engagementModel.name; // 'engagement'
 */
export const engagementModel: StreamModel<EngagementState, DomainEvent> = {
  name: 'engagement',
  initialState: initialEngagementState,
  evolve: (state, event) => evolveEngagement(state, event as EngagementEvent),
};

type States = { engagement: EngagementState; org: OrganizationState; contact?: ContactState };

/**
 * The project and deal aggregate.
 *
 * @example
 * import { engagementAggregate } from './aggregate.js';
 * engagementAggregate.commandTypes.includes('AddMemberContact'); // true
 */
export const engagementAggregate = defineAggregate<EngagementCommand, States, DomainEvent>({
  name: 'engagement',
  commandTypes: Object.keys(engagementCommandCodecs) as ReadonlyArray<EngagementCommand['type']>,
  // Only adding a member contact reads a contact; the others decide on the initial contact state.
  streams: (command) => ({
    engagement: { streamId: engagementStream(command.orgId, command.engagementId), model: engagementModel },
    org: organizationOf(command.orgId),
    ...(command.type === 'AddMemberContact' ? { contact: contactOf(command.orgId, command.contactId) } : {}),
  }),
  decide: (command, states) =>
    map((events: ReadonlyArray<DomainEvent>) => ({ engagement: events }))(
      engagementDecider.decide(command, { ...states, contact: states.contact ?? initialContactState }),
    ),
});
