/**
 * The sync decider: what the sync commands write, checked against the sync state of the actor
 * and the contact. A user's command must answer a prompt the state offers (R-SYNC-2, R-SYNC-3,
 * R-SYNC-4); a policy's command must carry automatic flows of the actor's scenario (R-SYNC-1,
 * R-SYNC-2), so nothing is overwritten without a prompt in B and C. The changes are the
 * contact's ordinary events; a dismissal is recorded in the user's sync stream.
 */
import { right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider, Rejection } from '@rapport/core';
import type { ContactEvent } from '../contact/events.js';
import type { CopyRef, CopyState } from '../contact/model.js';
import { copyOf, evolveContact, initialContactState, type ContactState } from '../contact/state.js';
import { entryOf } from '../internal/idRecords.js';
import { refuse } from '../internal/rejections.js';
import { initialOrganizationState, type OrganizationState } from '../organization/state.js';
import { requireMember } from '../rights.js';
import type { SyncCommand } from './commands.js';
import type { SyncEvent } from './events.js';
import { align, exchanged } from './internal/align.js';
import type { PromptKind } from './events.js';
import { stepFits, type SyncState } from './syncState.js';

/**
 * What a sync decision reads: the organization, the contact's copies, the sync state of the
 * actor and the contact (null when the contact is not in both the actor's My People and the team
 * view), and the items withdrawn from the team copy (R-SHARE-6), which only an explicit send brings
 * back.
 *
 * @example
 * import { syncDecider } from './decider.js';
 * syncDecider.initialState.sync; // null
 */
export interface SyncDecisionState {
  readonly org: OrganizationState;
  readonly contact: ContactState;
  readonly sync: SyncState | null;
  readonly withdrawn?: ReadonlyArray<string>;
}

type Decision = Either<Rejection, ReadonlyArray<ContactEvent | SyncEvent>>;

const RULE_OF_KIND: { readonly [K in PromptKind]: string } = {
  accept: 'R-SYNC-3',
  send: 'R-SYNC-2',
  resolve: 'R-SYNC-4',
  make_business: 'R-TEAM-4',
};

const decide = (command: SyncCommand, state: SyncDecisionState): Decision => {
  const subject = `contact ${command.contactId}`;
  const member = requireMember(state.org, command, subject);
  if (member._tag === 'Left') return member;
  const mine = copyOf(state.contact, { owner: 'user', userId: command.actor });
  const team = state.contact.team;
  const sync = state.sync;
  if (mine === undefined || team === null || sync === null)
    return refuse(
      command.type,
      subject,
      'SYNC_NOT_APPLICABLE',
      `the contact is not both in the My People of "${command.actor}" and in the team view`,
      'R-SYNC-5',
    );
  // A prompt is dismissed even while the copy is excluded: the one a personal copy has (R-TEAM-4).
  const dismiss = (promptId: string): Decision => {
    const prompt = sync.prompts.find((candidate) => candidate.promptId === promptId);
    return prompt === undefined
      ? refuse(
          command.type,
          subject,
          'SYNC_PROMPT_NOT_FOUND',
          `there is no prompt "${promptId}" to dismiss`,
          'R-SYNC-5',
        )
      : right([
          {
            type: 'SyncPromptDismissed',
            data: {
              orgId: command.orgId,
              userId: command.actor,
              prompt: {
                promptId: prompt.promptId,
                contactId: prompt.contactId,
                field: prompt.field,
                kind: prompt.kind,
              },
            },
          },
        ]);
  };
  if (command.type === 'DismissSyncPrompt') return dismiss(command.promptId);
  if (sync.excluded !== null)
    return sync.excluded === 'personal_segment'
      ? refuse(
          command.type,
          subject,
          'SYNC_PERSONAL_SEGMENT',
          'the copy is in a personal segment: nothing is synced from or into it',
          'R-SYNC-6',
        )
      : refuse(
          command.type,
          subject,
          'CONTACT_ARCHIVED',
          'an archived copy is not synced; restore it first',
          'R-ARCH-2',
        );

  const mineRef: CopyRef = { owner: 'user', userId: command.actor };
  const write = (into: 'mine' | 'team', fields: ReadonlyArray<string>): Decision =>
    right(
      exchanged(
        state.contact,
        command,
        align({
          org: state.org,
          orgId: command.orgId,
          contactId: command.contactId,
          ref: into === 'mine' ? mineRef : { owner: 'team' },
          target: into === 'mine' ? mine : team,
          source: (into === 'mine' ? team : mine) satisfies CopyState,
          fields,
        }),
      ),
    );
  const prompted = (kind: PromptKind, field: string, then: () => Decision): Decision =>
    sync.prompts.some((prompt) => prompt.kind === kind && prompt.field === field)
      ? then()
      : refuse(
          command.type,
          subject,
          'SYNC_PROMPT_NOT_FOUND',
          `there is no ${kind} prompt for field "${field}" in scenario ${sync.scenario}`,
          RULE_OF_KIND[kind],
        );
  const automatic = (
    flow: 'import' | 'send',
    fields: ReadonlyArray<string>,
    then: () => Decision,
  ): Decision => {
    const missing = fields.find(
      (field) => !sync.flows.some((candidate) => candidate.flow === flow && candidate.field === field),
    );
    return missing === undefined
      ? then()
      : refuse(
          command.type,
          subject,
          'SYNC_NOT_AUTOMATIC',
          `field "${missing}" is not an automatic ${flow} in scenario ${sync.scenario}; it needs the user's answer to a prompt`,
          sync.scenario === 'C' ? 'R-SYNC-3' : 'R-SYNC-4',
        );
  };

  // An item withdrawn from the team copy goes back only by a holder's explicit send (R-SHARE-6):
  // one the actor's copy holds, not labeled personal.
  const sendsWithdrawn = (field: string): boolean => {
    if (!field.startsWith('info:')) return false;
    const itemId = field.slice('info:'.length);
    return (state.withdrawn ?? []).includes(itemId) && entryOf(mine.info, itemId)?.personal === false;
  };

  switch (command.type) {
    case 'AcceptTeamChange':
      return prompted('accept', command.field, () => write('mine', [command.field]));
    case 'SendChangeToTeam':
      return sendsWithdrawn(command.field)
        ? write('team', [command.field])
        : prompted('send', command.field, () => write('team', [command.field]));
    case 'ResolveSyncConflict':
      return prompted('resolve', command.field, () =>
        command.keep === 'theirs' && command.field === 'step' && !stepFits(state.org, mine, team.step)
          ? refuse(
              command.type,
              subject,
              'STEP_NOT_IN_CHECKLIST',
              `the team's next step "${team.step ?? ''}" is not in the checklist of your copy's segment and stage; settle them first, or keep your step`,
              'R-STEP-2',
            )
          : write(command.keep === 'mine' ? 'team' : 'mine', [command.field]),
      );
    case 'ImportTeamChanges':
      return automatic('import', command.fields, () => write('mine', command.fields));
    case 'SendChangesToTeam':
      return automatic('send', command.fields, () => write('team', command.fields));
  }
};

/**
 * The sync decider. Its state pairs the organization and the contact with the sync state the
 * projections give for the actor; `evolve` folds the contact's events.
 *
 * @example
 * import { syncDecider } from './decider.js';
 * import { organizationDecider } from '../organization/decider.js';
 * const org = { ...organizationDecider.initialState, orgId: 'acme', members: { ann: 'member' as const } };
 * const decision = syncDecider.decide(
 *   { type: 'AcceptTeamChange', actor: 'ann', orgId: 'acme', contactId: 'c1', field: 'stage' },
 *   { ...syncDecider.initialState, org },
 * );
 * decision._tag === 'Left' && decision.left.code; // 'SYNC_NOT_APPLICABLE'
 */
export const syncDecider: Decider<SyncCommand, SyncDecisionState, ContactEvent | SyncEvent> = {
  decide,
  evolve: (state, event) =>
    event.type === 'SyncPromptDismissed' ? state : { ...state, contact: evolveContact(state.contact, event) },
  initialState: { org: initialOrganizationState, contact: initialContactState, sync: null },
};
