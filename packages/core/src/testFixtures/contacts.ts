/**
 * A small contacts domain used by the kernel's own tests: codecs, a decider, a command handler
 * definition and two projections. Not part of the package.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { NonEmptyString } from '../codecs.js';
import type { CommandDefinition } from '../commandHandler.js';
import type { Decider } from '../decider.js';
import { defineProjection } from '../projection.js';
import { nothing } from 'immer';
import { reject } from '../rejection.js';

const ContactId = t.keyof({ c1: null, c2: null, c3: null });
const Tag = t.keyof({ vip: null, friend: null, press: null });

/**
 * The fixture's events: a contact added, renamed, tagged, untagged or removed.
 *
 * @example
 * import { ContactEvent } from './contacts.js';
 * ContactEvent.is({ type: 'TagAdded', data: { contactId: 'c1', tag: 'vip' } }); // true
 * ContactEvent.is({ type: 'TagAdded', data: { contactId: 'c9', tag: 'vip' } }); // false: ids are c1 to c3
 */
export const ContactEvent = t.union([
  t.type({ type: t.literal('ContactAdded'), data: t.type({ contactId: ContactId, name: NonEmptyString }) }),
  t.type({ type: t.literal('ContactRenamed'), data: t.type({ contactId: ContactId, name: NonEmptyString }) }),
  t.type({ type: t.literal('TagAdded'), data: t.type({ contactId: ContactId, tag: Tag }) }),
  t.type({ type: t.literal('TagRemoved'), data: t.type({ contactId: ContactId, tag: Tag }) }),
  t.type({ type: t.literal('ContactRemoved'), data: t.type({ contactId: ContactId }) }),
]);
export type ContactEvent = t.TypeOf<typeof ContactEvent>;

/**
 * The fixture's commands, one for each event.
 *
 * @example
 * import { ContactCommand } from './contacts.js';
 * ContactCommand.is({ type: 'AddContact', contactId: 'c1', name: 'Ann' }); // true
 */
export const ContactCommand = t.union([
  t.type({ type: t.literal('AddContact'), contactId: ContactId, name: NonEmptyString }),
  t.type({ type: t.literal('RenameContact'), contactId: ContactId, name: NonEmptyString }),
  t.type({ type: t.literal('Tag'), contactId: ContactId, tag: Tag }),
  t.type({ type: t.literal('Untag'), contactId: ContactId, tag: Tag }),
  t.type({ type: t.literal('RemoveContact'), contactId: ContactId }),
]);
export type ContactCommand = t.TypeOf<typeof ContactCommand>;

export interface ContactState {
  readonly exists: boolean;
  readonly name: string;
  readonly tags: ReadonlyArray<string>;
}

const absent = E.left(reject('CONTACT_UNKNOWN', 'no such contact'));

/**
 * The fixture's decider: a contact must exist to be changed, a tag must be there to be removed, and
 * a command that changes nothing records nothing.
 *
 * @example
 * import { contactDecider } from './contacts.js';
 * const added = contactDecider.evolve(contactDecider.initialState, { type: 'ContactAdded', data: { contactId: 'c1', name: 'Ann' } });
 * contactDecider.decide({ type: 'RenameContact', contactId: 'c1', name: 'Ann' }, added); // { _tag: 'Right', right: [] }
 * contactDecider.decide({ type: 'Untag', contactId: 'c1', tag: 'vip' }, added)._tag; // 'Left'
 */
export const contactDecider: Decider<ContactCommand, ContactState, ContactEvent> = {
  initialState: { exists: false, name: '', tags: [] },
  decide: (command, state) => {
    switch (command.type) {
      case 'AddContact':
        return state.exists
          ? E.left(reject('CONTACT_EXISTS', 'the contact exists'))
          : E.right([{ type: 'ContactAdded', data: { contactId: command.contactId, name: command.name } }]);
      case 'RenameContact':
        if (!state.exists) return absent;
        return command.name === state.name
          ? E.right([])
          : E.right([{ type: 'ContactRenamed', data: { contactId: command.contactId, name: command.name } }]);
      case 'Tag':
        if (!state.exists) return absent;
        return state.tags.includes(command.tag)
          ? E.right([])
          : E.right([{ type: 'TagAdded', data: { contactId: command.contactId, tag: command.tag } }]);
      case 'Untag':
        if (!state.exists) return absent;
        return state.tags.includes(command.tag)
          ? E.right([{ type: 'TagRemoved', data: { contactId: command.contactId, tag: command.tag } }])
          : E.left(reject('TAG_ABSENT', `the contact has no tag ${command.tag}`));
      case 'RemoveContact':
        return state.exists
          ? E.right([{ type: 'ContactRemoved', data: { contactId: command.contactId } }])
          : absent;
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'ContactAdded':
        return { exists: true, name: event.data.name, tags: [] };
      case 'ContactRenamed':
        return { ...state, name: event.data.name };
      case 'TagAdded':
        return { ...state, tags: [...state.tags, event.data.tag] };
      case 'TagRemoved':
        return { ...state, tags: state.tags.filter((tag) => tag !== event.data.tag) };
      case 'ContactRemoved':
        return contactDecider.initialState;
    }
  },
};

/**
 * The fixture's decider as a command definition over the stream `contact-<id>`.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js';
 * import { commandHandler, fixedContext, InMemoryEventStore } from '@rapport/core';
 * import { contactCommand } from './contacts.js';
 * const handle = commandHandler(new InMemoryEventStore(), contactCommand);
 * const result = await handle({ type: 'AddContact', contactId: 'c1', name: 'Ann' }, fixedContext({ actor: 'u1', now: '2026-11-23T09:30:00.000Z' }));
 * E.isRight(result) && result.right.events.map((event) => event.streamId); // ['contact-c1']
 */
export const contactCommand: CommandDefinition<ContactCommand, { contact: ContactState }, ContactEvent> = {
  name: 'ContactCommand',
  command: ContactCommand,
  streams: (command) => ({ contact: `contact-${command.contactId}` }),
  models: {
    contact: {
      initialState: contactDecider.initialState,
      evolve: contactDecider.evolve,
      event: ContactEvent,
    },
  },
  decide: (command, { contact }) =>
    E.map((events: ReadonlyArray<ContactEvent>) => ({ contact: events }))(
      contactDecider.decide(command, contact),
    ),
};

/**
 * The fixture's contacts by id: name, tags and how many times the contact was renamed.
 *
 * @example
 * import { foldProjection, InMemoryEventStore } from '@rapport/core';
 * import { newEvent, readEverything } from '@rapport/core/testing';
 * import { contactsProjection } from './contacts.js';
 * const store = new InMemoryEventStore();
 * await store.append('contact-c1', [
 *   newEvent({ type: 'ContactAdded', data: { contactId: 'c1', name: 'Ann' } }),
 *   newEvent({ type: 'ContactRenamed', data: { contactId: 'c1', name: 'Anna' } }),
 * ]);
 * foldProjection(contactsProjection, await readEverything(store)).get('c1'); // { name: 'Anna', tags: [], renames: 1 }
 */
export const contactsProjection = defineProjection<
  { name: string; tags: string[]; renames: number },
  ContactEvent
>({
  name: 'contacts',
  version: 1,
  keys: (event) => [event.data.contactId],
  initial: () => ({ name: '', tags: [], renames: 0 }),
  recipes: {
    ContactAdded: (draft, event) => {
      draft.name = event.data.name;
    },
    ContactRenamed: (draft, event) => {
      draft.name = event.data.name;
      draft.renames += 1;
    },
    TagAdded: (draft, event) => {
      draft.tags.push(event.data.tag);
    },
    TagRemoved: (draft, event) => {
      draft.tags.splice(draft.tags.indexOf(event.data.tag), 1);
    },
    ContactRemoved: () => nothing,
  },
});

/**
 * The fixture's tags by name: how many contacts bear each and which.
 *
 * @example
 * import { foldProjection, InMemoryEventStore } from '@rapport/core';
 * import { newEvent, readEverything } from '@rapport/core/testing';
 * import { tagCountsProjection } from './contacts.js';
 * const store = new InMemoryEventStore();
 * await store.append('contact-c1', [newEvent({ type: 'TagAdded', data: { contactId: 'c1', tag: 'vip' } })]);
 * await store.append('contact-c2', [newEvent({ type: 'TagAdded', data: { contactId: 'c2', tag: 'vip' } })]);
 * foldProjection(tagCountsProjection, await readEverything(store)).get('vip'); // { count: 2, contacts: ['c1', 'c2'] }
 */
export const tagCountsProjection = defineProjection<{ count: number; contacts: string[] }, ContactEvent>({
  name: 'tagCounts',
  version: 1,
  keys: (event) => ('tag' in event.data ? [event.data.tag] : []),
  initial: () => ({ count: 0, contacts: [] }),
  recipes: {
    TagAdded: (draft, event) => {
      draft.count += 1;
      draft.contacts.push(event.data.contactId);
    },
    TagRemoved: (draft, event) => {
      draft.count -= 1;
      draft.contacts.splice(draft.contacts.indexOf(event.data.contactId), 1);
    },
  },
});
