/**
 * The audiences of an organization as an aggregate: one stream per organization holds every
 * custom audience, decided on with the organization (rights, settings).
 */
import { map } from 'fp-ts/lib/Either.js';
import { defineAggregate, type StreamModel } from '@rapport/core';
import type { DomainEvent } from '../events.js';
import { organizationOf } from '../organization/aggregate.js';
import type { OrganizationState } from '../organization/state.js';
import type { AudienceCommand } from './commands.js';
import { audienceCommandCodecs } from './commands.js';
import { audienceDecider } from './decider.js';
import { audienceStream, type AudienceEvent } from './events.js';
import { evolveAudiences, initialAudiencesState, type AudiencesState } from './state.js';

/**
 * How an organization's audience stream folds.
 *
 * @example
 * import { audiencesModel } from './aggregate.js';
 * audiencesModel.name; // 'audiences'
 */
export const audiencesModel: StreamModel<AudiencesState, DomainEvent> = {
  name: 'audiences',
  initialState: initialAudiencesState,
  evolve: (state, event) => evolveAudiences(state, event as AudienceEvent),
};

/**
 * The audience aggregate.
 *
 * @example
 * import { audienceAggregate } from './aggregate.js';
 * audienceAggregate.commandTypes.includes('DefineAudience'); // true
 */
export const audienceAggregate = defineAggregate<
  AudienceCommand,
  { audiences: AudiencesState; org: OrganizationState },
  DomainEvent
>({
  name: 'audience',
  commandTypes: Object.keys(audienceCommandCodecs) as ReadonlyArray<AudienceCommand['type']>,
  streams: (command) => ({
    audiences: { streamId: audienceStream(command.orgId), model: audiencesModel },
    org: organizationOf(command.orgId),
  }),
  decide: (command, states) =>
    map((events: ReadonlyArray<DomainEvent>) => ({ audiences: events }))(
      audienceDecider.decide(command, states),
    ),
});
