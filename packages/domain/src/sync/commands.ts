/**
 * The sync commands. A user accepts a team change, sends a change to the team, resolves a
 * conflict (keep mine or take theirs) or dismisses a prompt (R-SYNC-2..4); the sync policy
 * imports team changes and sends changes to the team with ordinary commands, recorded in history
 * like any change (R-SYNC-1, R-SYNC-2, R-SYNC-5). Each names the user whose copy is synced: the actor.
 */
import * as t from 'io-ts';
import { Id } from '../ids.js';
import { SyncField } from './fields.js';

const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), actor: Id, orgId: Id, contactId: Id, ...props }, type);

const SyncFields = t.refinement(
  t.array(SyncField),
  (fields) => fields.length > 0 && fields.length <= 500,
  'SyncFields',
);

/**
 * Takes the team's value of a field into the actor's copy, as a prompt offered (R-SYNC-3).
 *
 * @example
 * import { AcceptTeamChange } from './commands.js';
 * AcceptTeamChange.is({ type: 'AcceptTeamChange', actor: 'ann', orgId: 'acme', contactId: 'c1', field: 'stage' }); // true
 */
export const AcceptTeamChange = command('AcceptTeamChange', { field: SyncField });
export type AcceptTeamChange = t.TypeOf<typeof AcceptTeamChange>;

/**
 * Sends the actor's value of a field to the team copy, as a prompt offered (R-SYNC-2, R-SYNC-3).
 *
 * @example
 * import { SendChangeToTeam } from './commands.js';
 * SendChangeToTeam.is({ type: 'SendChangeToTeam', actor: 'ann', orgId: 'acme', contactId: 'c1', field: 'tag:vip' }); // true
 */
export const SendChangeToTeam = command('SendChangeToTeam', { field: SyncField });
export type SendChangeToTeam = t.TypeOf<typeof SendChangeToTeam>;

/**
 * How a conflict is resolved: keep the actor's value (the team copy takes it) or take the team's.
 *
 * @example
 * import { ConflictChoice } from './commands.js';
 * ConflictChoice.is('theirs'); // true
 */
export const ConflictChoice = t.keyof({ mine: null, theirs: null }, 'ConflictChoice');
export type ConflictChoice = t.TypeOf<typeof ConflictChoice>;

/**
 * Resolves a conflict on a field both sides changed (R-SYNC-4).
 *
 * @example
 * import { ResolveSyncConflict } from './commands.js';
 * ResolveSyncConflict.is({ type: 'ResolveSyncConflict', actor: 'ann', orgId: 'acme', contactId: 'c1', field: 'name', keep: 'mine' }); // true
 */
export const ResolveSyncConflict = command('ResolveSyncConflict', { field: SyncField, keep: ConflictChoice });
export type ResolveSyncConflict = t.TypeOf<typeof ResolveSyncConflict>;

/**
 * Dismisses a prompt; it comes back only when either side changes the field again.
 *
 * @example
 * import { DismissSyncPrompt } from './commands.js';
 * DismissSyncPrompt.is({ type: 'DismissSyncPrompt', actor: 'ann', orgId: 'acme', contactId: 'c1', promptId: 'c1|stage|accept|-|e9' }); // true
 */
export const DismissSyncPrompt = command('DismissSyncPrompt', {
  promptId: t.refinement(t.string, (id) => id.length > 0 && id.length <= 1000, 'PromptId'),
});
export type DismissSyncPrompt = t.TypeOf<typeof DismissSyncPrompt>;

/**
 * Imports team changes into the actor's copy: the fields must be automatic flows of the actor's
 * scenario (A, or B for team changes). Issued by the sync policy.
 *
 * @example
 * import { ImportTeamChanges } from './commands.js';
 * ImportTeamChanges.is({ type: 'ImportTeamChanges', actor: 'ann', orgId: 'acme', contactId: 'c1', fields: ['stage'] }); // true
 */
export const ImportTeamChanges = command('ImportTeamChanges', { fields: SyncFields });
export type ImportTeamChanges = t.TypeOf<typeof ImportTeamChanges>;

/**
 * Sends the actor's changes to the team copy: the fields must be automatic flows of scenario A.
 * Issued by the sync policy.
 *
 * @example
 * import { SendChangesToTeam } from './commands.js';
 * SendChangesToTeam.is({ type: 'SendChangesToTeam', actor: 'ann', orgId: 'acme', contactId: 'c1', fields: ['name'] }); // true
 */
export const SendChangesToTeam = command('SendChangesToTeam', { fields: SyncFields });
export type SendChangesToTeam = t.TypeOf<typeof SendChangesToTeam>;

/**
 * The codec of every sync command, keyed by its `type`.
 *
 * @example
 * import { syncCommandCodecs } from './commands.js';
 * 'ResolveSyncConflict' in syncCommandCodecs; // true
 */
export const syncCommandCodecs = {
  AcceptTeamChange,
  SendChangeToTeam,
  ResolveSyncConflict,
  DismissSyncPrompt,
  ImportTeamChanges,
  SendChangesToTeam,
} as const;

/**
 * Any sync command.
 *
 * @example
 * import { SyncCommand } from './commands.js';
 * SyncCommand.is({ type: 'AcceptTeamChange', actor: 'ann', orgId: 'acme', contactId: 'c1', field: 'stage' }); // true
 */
export const SyncCommand = t.union(
  [
    AcceptTeamChange,
    SendChangeToTeam,
    ResolveSyncConflict,
    DismissSyncPrompt,
    ImportTeamChanges,
    SendChangesToTeam,
  ],
  'SyncCommand',
);
export type SyncCommand = t.TypeOf<typeof SyncCommand>;
