/**
 * A session: what one user, the caller's principal, does and reads through the facade
 * (R-AUTH-4, R-AUTH-5). `rapport.as(userId)` makes one; the actor of every command it runs is that
 * user, and every read is that user's.
 */
import { left, type Either } from 'fp-ts/lib/Either.js';
import { limitInput, reject, type RecordedEvent, type Rejection } from '@rapport/core';
import { decodeCommand, type Command } from '../commands.js';
import type { ContactCopies, ExecuteMeta } from './api.js';
import type { AudienceList } from '../audiences/read.js';
import type { MembershipExplanation } from '../audiences/why.js';
import type { MyPeopleView, TeamView } from '../projections/views.js';
import type { SyncPrompt, SyncState } from '../sync/syncState.js';
import type { SyncExplanation } from '../sync/why.js';
import type { UserReads } from './queries.js';

/** `Omit` over each member of a union, so that each command keeps its own fields. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A command as a session takes it: any `Command` without its `actor`, which is the session's
 * principal. A misspelled `type` or field does not compile.
 *
 * @example
 * import type { SessionCommand } from '@rapport/domain';
 * const command: SessionCommand = { type: 'SetStage', orgId: 'acme', contactId: 'c1', stage: 'lead' };
 * command.type; // 'SetStage'
 */
export type SessionCommand = OmitEach<Command, 'actor'>;

/** The result of a command: every event appended (its own and its follow-ups), or the rejection. */
export type ExecuteResult = Either<Rejection, ReadonlyArray<RecordedEvent>>;

/**
 * What one user does and reads: `rapport.as(userId)`. Every argument list starts with the
 * organization; no read takes a user id, since the reader is the principal.
 */
export interface Session {
  /** The principal: the user id every command is done by and every read is for. */
  readonly principal: string;
  /**
   * Runs a command as the principal, then the follow-ups the reactions draw from its events. A
   * body `actor` equal to the principal, or none, is accepted (the old format, mapped); any other
   * `actor` is rejected with `ACTOR_MISMATCH` (R-AUTH-4) and appends nothing. Input of unknown
   * shape goes through `decodeCommand` first.
   */
  execute(command: SessionCommand, meta?: ExecuteMeta): Promise<ExecuteResult>;
  /** The principal's My People in an organization (R-AUTH-5). */
  myPeople(orgId: string): Promise<Either<Rejection, MyPeopleView>>;
  /** The team view of an organization the principal is a member of (R-AUTH-3). */
  teamView(orgId: string): Promise<Either<Rejection, TeamView>>;
  /** One contact: the principal's own copy and the team copy, never another user's (R-AUTH-5). */
  contact(orgId: string, contactId: string): Promise<Either<Rejection, ContactCopies>>;
  /** The principal's audiences: the defaults, their own and the organization's (R-AUD-2). */
  audiences(orgId: string): Promise<Either<Rejection, AudienceList>>;
  /** The contacts in one of the principal's audiences, in their My People (`mine`, default) or the team view. */
  members(
    orgId: string,
    audienceId: string,
    view?: 'mine' | 'team',
  ): Promise<Either<Rejection, ReadonlyArray<string>>>;
  /** Why a contact is, or is not, in one of the principal's audiences. */
  whyMember(
    orgId: string,
    audienceId: string,
    contactId: string,
    view?: 'mine' | 'team',
  ): Promise<Either<Rejection, MembershipExplanation>>;
  /** Every sync prompt the principal sees (R-SYNC-5). */
  prompts(orgId: string): Promise<Either<Rejection, ReadonlyArray<SyncPrompt>>>;
  /** The sync state of the principal and a contact; null unless the contact is in both views. */
  syncState(orgId: string, contactId: string): Promise<Either<Rejection, SyncState | null>>;
  /** Why a field of a contact has a prompt, a flow, or neither, for the principal. */
  whySync(orgId: string, contactId: string, field: string): Promise<Either<Rejection, SyncExplanation>>;
}

/**
 * The actor a command body names, if any: `ACTOR_MISMATCH` when it is not the principal
 * (R-AUTH-4); otherwise the command with the principal as its actor, decoded.
 *
 * @example
 * import { commandOfPrincipal } from './session.js';
 * commandOfPrincipal('ann', { type: 'SetStage', orgId: 'acme', contactId: 'c1', stage: 'lead' })._tag; // 'Right'
 * const other = commandOfPrincipal('ann', { type: 'SetStage', actor: 'bob', orgId: 'acme', contactId: 'c1', stage: 'lead' });
 * other._tag === 'Left' && other.left.code; // 'ACTOR_MISMATCH'
 */
export const commandOfPrincipal = (principal: string, input: unknown): Either<Rejection, Command> => {
  // The body is read once, as a frozen plain copy (COMMAND_LIMITS), before its actor is looked at.
  const limited = limitInput(input);
  if (limited._tag === 'Left') return limited;
  const body = limited.right;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return decodeCommand(body);
  if (Object.prototype.hasOwnProperty.call(body, 'actor')) {
    const actor: unknown = (body as { actor?: unknown }).actor;
    if (actor !== principal)
      return left(
        reject(
          'ACTOR_MISMATCH',
          `Rejected the command: its body names the actor ${JSON.stringify(actor)}, but it is run by "${principal}"; the actor comes from the caller (rapport.as(userId)), so leave "actor" out of the body`,
          { path: 'actor', rule: 'R-AUTH-4' },
        ),
      );
  }
  return decodeCommand({ ...body, actor: principal });
};

/**
 * A session over the facade's command runner and reads.
 *
 * @example
 * import { right } from 'fp-ts/lib/Either.js';
 * import { createSession } from './session.js';
 * const session = createSession('ann', async (command) => right([]), {} as never);
 * session.principal; // 'ann'
 */
export const createSession = (
  principal: string,
  run: (command: Command, meta: ExecuteMeta) => Promise<ExecuteResult>,
  reads: UserReads,
): Session => ({
  principal,
  execute: async (input, meta = {}) => {
    const command = commandOfPrincipal(principal, input);
    return command._tag === 'Left' ? command : run(command.right, meta);
  },
  myPeople: (orgId) => reads.myPeople(orgId, principal),
  teamView: (orgId) => reads.teamView(orgId, principal),
  contact: (orgId, contactId) => reads.contact(orgId, principal, contactId),
  audiences: (orgId) => reads.audiences(orgId, principal),
  members: (orgId, audienceId, view) => reads.members(orgId, principal, audienceId, view),
  whyMember: (orgId, audienceId, contactId, view) =>
    reads.whyMember(orgId, principal, audienceId, contactId, view),
  prompts: (orgId) => reads.prompts(orgId, principal),
  syncState: (orgId, contactId) => reads.syncState(orgId, principal, contactId),
  whySync: (orgId, contactId, field) => reads.whySync(orgId, principal, contactId, field),
});
