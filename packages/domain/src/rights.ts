/**
 * Rights (R-AUTH): who may do what in an organization. Every decision starts with these checks;
 * a removed member is no member from the event that removed them on (R-AUTH-3).
 */
import { right, type Either } from 'fp-ts/lib/Either.js';
import type { Rejection } from '@rapport/core';
import { refuse, type Subject } from './internal/rejections.js';
import { roleOf, type OrganizationState } from './organization/state.js';
import type { Role } from './vocabulary.js';

/**
 * Whether a role may re-assign or unassign someone else:
 * managers and administrators (R-AUTH-2).
 *
 * @example
 * import { canManageAssignments } from './rights.js';
 * canManageAssignments('manager'); // true
 * canManageAssignments('member'); // false
 */
export const canManageAssignments = (role: Role): boolean => role === 'administrator' || role === 'manager';

/**
 * The actor's role, or a rejection when the organization does not exist or the actor is not a
 * member (R-AUTH-3).
 *
 * @example
 * import { right } from 'fp-ts/lib/Either.js';
 * import { initialOrganizationState } from '@rapport/domain';
 * import { requireMember } from './rights.js';
 * const org = { ...initialOrganizationState, orgId: 'acme', members: { ann: 'member' as const } };
 * requireMember(org, { type: 'SetStage', actor: 'ann' }, 'contact c1'); // right('member')
 */
export const requireMember = (
  org: OrganizationState,
  command: { readonly type: string; readonly actor: string },
  subject: Subject,
): Either<Rejection, Role> => {
  if (org.orgId === null)
    return refuse(command.type, subject, 'ORGANIZATION_NOT_FOUND', 'the organization does not exist');
  const role = roleOf(org, command.actor);
  return role === undefined
    ? refuse(
        command.type,
        subject,
        'NOT_A_MEMBER',
        `user "${command.actor}" is not a member of organization ${org.orgId}`,
        'R-AUTH-3',
      )
    : right(role);
};

/**
 * A rejection unless the actor is an administrator of the organization (R-AUTH-2).
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { requireAdministrator } from './rights.js';
 * const org = { ...initialOrganizationState, orgId: 'acme', members: { bob: 'member' as const } };
 * requireAdministrator(org, { type: 'DefineSegment', actor: 'bob' }, 'organization acme')._tag; // 'Left'
 */
export const requireAdministrator = (
  org: OrganizationState,
  command: { readonly type: string; readonly actor: string },
  subject: Subject,
): Either<Rejection, Role> => {
  const role = requireMember(org, command, subject);
  if (role._tag === 'Left' || role.right === 'administrator') return role;
  return refuse(
    command.type,
    subject,
    'NOT_AN_ADMINISTRATOR',
    `settings need an administrator; "${command.actor}" is a ${role.right}`,
    'R-AUTH-2',
  );
};
