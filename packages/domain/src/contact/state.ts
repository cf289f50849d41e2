/**
 * What a decision knows of a contact: its kind, every user's copy, the team copy (or the one
 * withdrawn from the team view), who holds it, and the assignees. `applyToCopy` is the one place that says how an event changes a copy; the deciders
 * and the projections both use it.
 */
import * as t from 'io-ts';
import { Id } from '../ids.js';
import { absurd } from '../internal/absurd.js';
import { entryOf, removeEntry, setEntry } from '../internal/idRecords.js';
import { isCopyEvent } from '../internal/eventFamilies.js';
import { tagKey } from '../tags.js';
import { ContactKind } from '../vocabulary.js';
import type { ContactEvent, CopyEvent } from './events.js';
import { CopyState, emptyCopy, type CopyRef } from './model.js';

/**
 * A contact's state: `kind` is null until some user adds it. `team` is the team copy while it is
 * in the team view; `withdrawn` is the team copy withdrawn from it (R-SHARE-7, R-SHARE-8), kept
 * for a later share to bring back; at most one of them is not null. `sharer` is the user whose
 * share created the team copy or last brought it back (R-SHARE-8). `holders` are the users whose
 * copy has exchanged a value with the team copy since they last stopped holding it (R-SHARE-7), in
 * the order they came to hold it.
 *
 * @example
 * import { ContactState, initialContactState } from './state.js';
 * ContactState.is(initialContactState); // true
 */
export const ContactState = t.type(
  {
    kind: t.union([ContactKind, t.null]),
    copies: t.record(t.string, CopyState),
    team: t.union([CopyState, t.null]),
    withdrawn: t.union([CopyState, t.null]),
    sharer: t.union([Id, t.null]),
    holders: t.array(Id),
    assignees: t.array(Id),
  },
  'ContactState',
);
export type ContactState = t.TypeOf<typeof ContactState>;

/**
 * The state of a contact nobody has added yet.
 *
 * @example
 * import { initialContactState } from './state.js';
 * initialContactState.kind; // null
 */
export const initialContactState: ContactState = {
  kind: null,
  copies: {},
  team: null,
  withdrawn: null,
  sharer: null,
  holders: [],
  assignees: [],
};

/**
 * The copy an event or a command is about, or undefined when it does not exist.
 *
 * @example
 * import { copyOf, initialContactState } from './state.js';
 * copyOf(initialContactState, { owner: 'team' }); // undefined
 */
export const copyOf = (contact: ContactState, ref: CopyRef): CopyState | undefined =>
  ref.owner === 'team' ? (contact.team ?? undefined) : entryOf(contact.copies, ref.userId);

/**
 * Changes a copy in place as a copy event says: meant for immer drafts and fresh copies.
 *
 * @example
 * import { applyToCopy } from './state.js';
 * import { emptyCopy } from './model.js';
 * const copy = emptyCopy('Ada');
 * applyToCopy(copy, { type: 'StageSet', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, stage: 'lead', previous: null } });
 * copy.stage; // 'lead'
 */
export const applyToCopy = (copy: CopyState, event: CopyEvent): void => {
  switch (event.type) {
    case 'ContactAdded':
      copy.name = event.data.name;
      return;
    case 'ContactRenamed':
      copy.name = event.data.name;
      return;
    case 'ContactInfoSet':
      setEntry(copy.info, event.data.item.itemId, event.data.item);
      return;
    case 'ContactInfoRemoved':
    case 'ContactInfoWithdrawn':
      removeEntry(copy.info, event.data.itemId);
      return;
    case 'StageSet':
      copy.stage = event.data.stage;
      return;
    case 'StageCleared':
      copy.stage = null;
      return;
    case 'SegmentSet':
      copy.segment = event.data.segment;
      return;
    case 'SegmentCleared':
      copy.segment = null;
      return;
    case 'NextStepSet':
      copy.step = event.data.stepId;
      return;
    case 'NextStepCompleted':
      copy.step = event.data.next;
      return;
    case 'NextStepCleared':
      copy.step = null;
      return;
    case 'FieldValueSet':
      setEntry(copy.fields, event.data.fieldId, event.data.value);
      return;
    case 'FieldValueCleared':
      removeEntry(copy.fields, event.data.fieldId);
      return;
    case 'TagApplied':
      copy.tags.push(event.data.tag);
      return;
    case 'TagRemoved': {
      const key = tagKey(event.data.tag);
      const index = copy.tags.findIndex((tag) => tagKey(tag) === key);
      if (index >= 0) copy.tags.splice(index, 1);
      return;
    }
    case 'ContactArchived':
      copy.archived = true;
      return;
    case 'ContactRestored':
      copy.archived = false;
      return;
    default:
      absurd(event);
  }
};

/**
 * A copy that `applyToCopy` may change as `event` says, leaving `copy` as it is: the part the
 * event changes in place is copied, the others are shared, since a state is never changed.
 */
const freshCopyFor = (copy: CopyState, event: CopyEvent): CopyState => {
  // Spread alone, then assigned: V8 builds a literal that spreads and then lists properties slowly.
  const next = { ...copy };
  switch (event.type) {
    case 'ContactInfoSet':
    case 'ContactInfoRemoved':
    case 'ContactInfoWithdrawn':
      next.info = { ...copy.info };
      return next;
    case 'FieldValueSet':
    case 'FieldValueCleared':
      next.fields = { ...copy.fields };
      return next;
    case 'TagApplied':
    case 'TagRemoved':
      next.tags = [...copy.tags];
      return next;
    case 'ContactAdded':
    case 'ContactRenamed':
    case 'StageSet':
    case 'StageCleared':
    case 'SegmentSet':
    case 'SegmentCleared':
    case 'NextStepSet':
    case 'NextStepCompleted':
    case 'NextStepCleared':
    case 'ContactArchived':
    case 'ContactRestored':
      return next;
    default:
      return absurd(event);
  }
};

/**
 * `contact` with some of its parts replaced. Spread alone, then assigned: V8 builds a literal that
 * spreads and then lists properties by a slower path, slower still as the shapes it meets vary.
 */
const withParts = (contact: ContactState, parts: Partial<ContactState>): ContactState =>
  Object.assign({ ...contact }, parts);

const withCopy = (contact: ContactState, ref: CopyRef, copy: CopyState): ContactState => {
  if (ref.owner === 'team') return withParts(contact, { team: copy });
  const copies = { ...contact.copies };
  setEntry(copies, ref.userId, copy);
  return withParts(contact, { copies });
};

/**
 * Folds one contact event into a contact's state, without changing the given state.
 *
 * @example
 * import { evolveContact, initialContactState } from './state.js';
 * const state = evolveContact(initialContactState, {
 *   type: 'ContactAdded', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'user', userId: 'ann' }, kind: 'person', name: 'Ada' },
 * });
 * state.copies['ann']?.name; // 'Ada'
 */
export const evolveContact = (contact: ContactState, event: ContactEvent): ContactState => {
  switch (event.type) {
    case 'ContactAdded':
      return withCopy(
        withParts(contact, { kind: event.data.kind }),
        event.data.copy,
        emptyCopy(event.data.name),
      );
    case 'ContactShared':
      return withParts(contact, {
        kind: event.data.kind,
        team: Object.assign(
          { ...event.data.team },
          { archived: (contact.team ?? contact.withdrawn)?.archived ?? false },
        ),
        withdrawn: null,
        sharer: contact.team === null ? event.data.sharedBy : contact.sharer,
        holders: withHolder(contact.holders, event.data.sharedBy),
      });
    case 'ContactUnshared':
      return withParts(contact, { team: null, withdrawn: contact.team });
    case 'TeamCopyExchanged':
      return withParts(contact, { holders: withHolder(contact.holders, event.data.userId) });
    case 'TeamCopyReleased':
      return withParts(contact, {
        holders: contact.holders.filter((userId) => userId !== event.data.userId),
      });
    case 'UserAssigned':
      return withParts(contact, { assignees: [...contact.assignees, event.data.userId] });
    case 'UserUnassigned':
      return withParts(contact, {
        assignees: contact.assignees.filter((userId) => userId !== event.data.userId),
      });
    default:
      return isCopyEvent(event) ? onCopyEvent(contact, event) : absurd(event as never);
  }
};

const withHolder = (holders: string[], userId: string): string[] =>
  holders.includes(userId) ? holders : [...holders, userId];

/**
 * Folds an event that changes one copy. An item withdrawn from the team copy (R-SHARE-6) leaves
 * it even while the team copy is itself withdrawn: privacy comes first.
 */
const onCopyEvent = (contact: ContactState, event: CopyEvent): ContactState => {
  if (event.type === 'ContactInfoWithdrawn' && contact.team === null && contact.withdrawn !== null) {
    const kept = freshCopyFor(contact.withdrawn, event);
    applyToCopy(kept, event);
    return withParts(contact, { withdrawn: kept });
  }
  const current = copyOf(contact, event.data.copy);
  if (current === undefined) return contact;
  const next = freshCopyFor(current, event);
  applyToCopy(next, event);
  return withCopy(contact, event.data.copy, next);
};
