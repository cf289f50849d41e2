/**
 * Auto-sharing (R-SHARE-1) as a policy: a pure function from a recorded event (and the state of
 * the contact it concerns) to the commands it leads to. A copy becomes shareable when its segment
 * becomes a business segment, when it is assigned, or when it becomes a member contact of a project
 * or deal; if the contact is not in the team view yet, the policy shares the actor's copy. A team
 * copy withdrawn from the team view (R-SHARE-7, R-SHARE-8) comes back only by such a change made
 * after the withdrawal: a copy entering a business segment from none or a personal one, an
 * assignment, a membership (so an `UnshareContact` sticks until then). Personal-segment copies are
 * never shared (R-SHARE-2): `ShareContact` itself refuses them.
 */
import type { Reaction } from '@rapport/core';
import type { ReadModels } from '../audit/readModels.js';
import type { Command } from '../commands.js';
import { contactOf } from '../contact/aggregate.js';
import type { ShareContact } from '../contact/commands.js';
import { copyOf, type ContactState } from '../contact/state.js';
import type { DomainEvent } from '../events.js';
import { segmentKindOf } from '../organization/state.js';
import type { SegmentKind } from '../vocabulary.js';

/**
 * The contact an event may make shareable, or undefined: the policy needs that contact's state.
 *
 * @example
 * import { autoShareSubject } from './autoShare.js';
 * autoShareSubject({ type: 'MemberContactAdded', data: { orgId: 'acme', engagementId: 'd1', contactId: 'c1' } }); // { orgId: 'acme', contactId: 'c1' }
 */
export const autoShareSubject = (
  event: DomainEvent,
): { readonly orgId: string; readonly contactId: string } | undefined => {
  switch (event.type) {
    case 'SegmentSet':
    case 'UserAssigned':
    case 'MemberContactAdded':
      return { orgId: event.data.orgId, contactId: event.data.contactId };
    default:
      return undefined;
  }
};

const share = (orgId: string, contactId: string, actor: string): ShareContact => ({
  type: 'ShareContact',
  actor,
  orgId,
  contactId,
});

/**
 * What auto-sharing reads besides the contact: the kind of the segment a copy left, and whether
 * the team copy was withdrawn after the event (a reaction carried out again later must not undo
 * that withdrawal).
 */
export interface AutoShareContext {
  readonly previousKind: SegmentKind | undefined;
  readonly withdrawnAfter: boolean;
}

/**
 * The sharing commands an event leads to, given the state of its contact after the event.
 *
 * @example
 * import { autoShare } from './autoShare.js';
 * import { evolveContact, initialContactState } from '../contact/state.js';
 * const contact = evolveContact(initialContactState, {
 *   type: 'ContactAdded', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'user', userId: 'ann' }, kind: 'person', name: 'Ada' },
 * });
 * autoShare(
 *   { type: 'SegmentSet', actor: 'ann', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'user', userId: 'ann' }, segment: 'customer', segmentKind: 'business', previous: null } },
 *   contact,
 *   { previousKind: undefined, withdrawnAfter: false },
 * ); // [{ type: 'ShareContact', actor: 'ann', orgId: 'acme', contactId: 'c1' }]
 */
export const autoShare = (
  event: DomainEvent & { readonly actor: string },
  contact: ContactState,
  context: AutoShareContext,
): ReadonlyArray<ShareContact> => {
  if (contact.team !== null || context.withdrawnAfter) return [];
  switch (event.type) {
    case 'SegmentSet':
      return event.data.copy.owner === 'user' &&
        event.data.segmentKind === 'business' &&
        context.previousKind !== 'business'
        ? [share(event.data.orgId, event.data.contactId, event.data.copy.userId)]
        : [];
    case 'UserAssigned':
    case 'MemberContactAdded':
      return copyOf(contact, { owner: 'user', userId: event.actor }) === undefined
        ? []
        : [share(event.data.orgId, event.data.contactId, event.actor)];
    default:
      return [];
  }
};

/**
 * Auto-sharing as a durable reaction (R-SHARE-1): for an event that may make a contact shareable,
 * the sharing commands it calls for, each run as the user whose copy is shared.
 *
 * @example
 * import { autoShareReaction } from './autoShare.js';
 * autoShareReaction.name; // 'share'
 */
export const autoShareReaction: Reaction<Command, DomainEvent, ReadModels> = {
  name: 'share',
  react: (event, { state, readModels }) => {
    const subject = autoShareSubject(event);
    if (subject === undefined) return [];
    const { orgId, contactId } = subject;
    const { projections } = readModels;
    const org = projections.organization(orgId);
    const previous = event.type === 'SegmentSet' ? event.data.previous : null;
    const context: AutoShareContext = {
      previousKind: previous === null || org === undefined ? undefined : segmentKindOf(org, previous),
      withdrawnAfter: (projections.withdrawal(orgId, contactId)?.globalPosition ?? 0) > event.globalPosition,
    };
    return state(contactOf(orgId, contactId)).then((contact) =>
      autoShare(event, contact, context).map((command) => ({ command, actor: command.actor })),
    );
  },
};
