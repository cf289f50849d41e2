/**
 * A session: what one user, the caller's principal, does and reads through the facade
 * (R-AUTH-4, R-AUTH-5). `rapport.as(userId)` makes one; the actor of every command it runs is that
 * user, and every read is that user's.
 */
import { left, type Either } from 'fp-ts/lib/Either.js';
import { limitInput, reject, type Rejection } from '@rapport/core';
import { decodeCommand, type Command } from '../commands.js';
import type { ExecuteMeta, ExecuteResult, Session, UserReads } from './api.js';

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
