/**
 * Sync as an aggregate: a user's sync command (accept, send, resolve, dismiss, and the automatic
 * flows' import and send) changes the contact's stream and records dismissals in the user's own
 * sync stream. It is decided on the sync state of the user and the contact, which the read
 * models give (R-SYNC-5), so they are caught up with the store first.
 */
import { map } from 'fp-ts/lib/Either.js';
import { defineAggregate, type StreamModel } from '@rapport/core';
import type { ReadModels } from '../audit/readModels.js';
import { contactOf } from '../contact/aggregate.js';
import type { ContactState } from '../contact/state.js';
import type { DomainEvent } from '../events.js';
import { organizationOf } from '../organization/aggregate.js';
import type { OrganizationState } from '../organization/state.js';
import { syncCommandCodecs, type SyncCommand } from './commands.js';
import { syncDecider } from './decider.js';
import { syncStream } from './events.js';
import { syncStateOf } from './read.js';

/**
 * A user's sync stream: its events (dismissed prompts) are read by the read models, not by decisions.
 *
 * @example
 * import { syncModel } from './aggregate.js';
 * syncModel.initialState; // null
 */
export const syncModel: StreamModel<null, DomainEvent> = {
  name: 'sync',
  initialState: null,
  evolve: () => null,
};

/**
 * The sync aggregate.
 *
 * @example
 * import { syncAggregate } from './aggregate.js';
 * syncAggregate.readsModels; // true
 */
export const syncAggregate = defineAggregate<
  SyncCommand,
  { contact: ContactState; sync: null; org: OrganizationState },
  DomainEvent,
  ReadModels
>({
  name: 'sync',
  commandTypes: Object.keys(syncCommandCodecs) as ReadonlyArray<SyncCommand['type']>,
  readsModels: true,
  streams: (command) => ({
    contact: contactOf(command.orgId, command.contactId),
    sync: { streamId: syncStream(command.orgId, command.actor), model: syncModel },
    org: organizationOf(command.orgId),
  }),
  decide: (command, { contact, org }, { readModels }) =>
    map((events: ReadonlyArray<DomainEvent>) => ({
      contact: events.filter((event) => event.type !== 'SyncPromptDismissed'),
      sync: events.filter((event) => event.type === 'SyncPromptDismissed'),
    }))(
      syncDecider.decide(command, {
        org,
        contact,
        sync: syncStateOf(
          readModels.projections,
          readModels.syncPoints,
          command.orgId,
          command.actor,
          command.contactId,
        ),
        withdrawn: readModels.projections.links(command.orgId, command.contactId).withdrawn,
      }),
    ),
});
