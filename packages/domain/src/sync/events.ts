/**
 * The events of a user's sync stream: the prompts they dismissed. The changes sync makes to the
 * copies are the contact's ordinary events, in the contact's stream.
 */
import * as t from 'io-ts';
import { Id } from '../ids.js';
import { SyncField } from './fields.js';

/**
 * What a prompt asks: accept a team change, send the user's change, resolve a conflict, or, for a
 * user assigned to a contact their own copy of which is personal, make that copy business or keep
 * it private (`make_business`, R-TEAM-4: answered by moving the copy to a business segment, or
 * by dismissing the prompt).
 *
 * @example
 * import { PromptKind } from './events.js';
 * PromptKind.is('resolve'); // true
 */
export const PromptKind = t.keyof(
  { accept: null, send: null, resolve: null, make_business: null },
  'PromptKind',
);
export type PromptKind = t.TypeOf<typeof PromptKind>;

/**
 * A user dismissed a prompt.
 *
 * @example
 * import { SyncPromptDismissed } from './events.js';
 * SyncPromptDismissed.is({ type: 'SyncPromptDismissed', data: { orgId: 'acme', userId: 'ann',
 *   prompt: { promptId: 'c1|stage|accept|-|e9', contactId: 'c1', field: 'stage', kind: 'accept' } } }); // true
 */
export const SyncPromptDismissed = t.type(
  {
    type: t.literal('SyncPromptDismissed'),
    data: t.type({
      orgId: Id,
      userId: Id,
      prompt: t.type({ promptId: t.string, contactId: Id, field: SyncField, kind: PromptKind }),
    }),
  },
  'SyncPromptDismissed',
);
export type SyncPromptDismissed = t.TypeOf<typeof SyncPromptDismissed>;

/**
 * Any event of a sync stream (only dismissals so far).
 *
 * @example
 * import { SyncEvent } from './events.js';
 * SyncEvent.is({ type: 'SyncPromptDismissed', data: { orgId: 'acme', userId: 'ann',
 *   prompt: { promptId: 'p', contactId: 'c1', field: 'name', kind: 'send' } } }); // true
 */
export const SyncEvent = SyncPromptDismissed;
export type SyncEvent = t.TypeOf<typeof SyncEvent>;

/**
 * The stream of a user's sync decisions in an organization.
 *
 * @example
 * import { syncStream } from './events.js';
 * syncStream('acme', 'ann'); // 'sync-acme/ann'
 */
export const syncStream = (orgId: string, userId: string): string => `sync-${orgId}/${userId}`;
