/**
 * Withdrawal (R-SHARE-6) as a durable reaction: when a user labels personal an item of contact
 * information that the team copy holds (the item becomes personal in their copy, from not
 * personal or absent), the item with that id leaves the team copy by `WithdrawContactInfo`, run as
 * that user and citing the label change. The item's other holders keep their own copies.
 */
import type { Reaction } from '@rapport/core';
import type { ReadModels } from '../audit/readModels.js';
import type { Command } from '../commands.js';
import type { WithdrawContactInfo } from '../contact/commands.js';
import type { DomainEvent } from '../events.js';
import { entryOf } from '../internal/idRecords.js';

/**
 * The item an event labels personal in a user's copy, or undefined: an item set personal that was
 * not personal before, or did not exist.
 *
 * @example
 * import { labeledPersonal } from './withdrawal.js';
 * labeledPersonal({ type: 'ContactInfoSet', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'user', userId: 'ann' },
 *   item: { itemId: 'e1', kind: 'email', value: 'ada@example.com', personal: true },
 *   previous: { itemId: 'e1', kind: 'email', value: 'ada@example.com', personal: false } } });
 * // { orgId: 'acme', contactId: 'c1', userId: 'ann', itemId: 'e1' }
 */
export const labeledPersonal = (
  event: DomainEvent,
):
  | { readonly orgId: string; readonly contactId: string; readonly userId: string; readonly itemId: string }
  | undefined => {
  if (event.type !== 'ContactInfoSet' || event.data.copy.owner !== 'user') return undefined;
  const { item, previous } = event.data;
  if (!item.personal || previous?.personal === true) return undefined;
  return {
    orgId: event.data.orgId,
    contactId: event.data.contactId,
    userId: event.data.copy.userId,
    itemId: item.itemId,
  };
};

/**
 * The withdrawal policy as a durable reaction (R-SHARE-6): for an item labeled personal that the
 * team copy holds, the command that withdraws it, as the user who labeled it.
 *
 * @example
 * import { withdrawalReaction } from './withdrawal.js';
 * withdrawalReaction.name; // 'withdraw'
 */
export const withdrawalReaction: Reaction<Command, DomainEvent, ReadModels> = {
  name: 'withdraw',
  react: (event, { readModels }) => {
    const labeled = labeledPersonal(event);
    if (labeled === undefined) return [];
    const { orgId, contactId, userId, itemId } = labeled;
    // The item the label found in the team copy: one the team copy still holds from before the
    // label. A reaction may be carried out again later (after a restart): an item the team copy
    // took after the label is not this label's to withdraw. A team copy itself withdrawn
    // (R-SHARE-7) loses the item all the same: a share would bring it back.
    const { projections } = readModels;
    const team =
      projections.copy(orgId, { owner: 'team' }, contactId) ?? projections.withdrawnCopy(orgId, contactId);
    const held = team === undefined ? undefined : entryOf(team.info, itemId);
    const since = team === undefined ? undefined : entryOf(team.changes, `info:${itemId}`);
    if (held === undefined || (since !== undefined && since.globalPosition > event.globalPosition)) return [];
    const command: WithdrawContactInfo = {
      type: 'WithdrawContactInfo',
      actor: userId,
      orgId,
      contactId,
      itemId,
    };
    return [{ command, actor: userId }];
  },
};
