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

export const ContactEvent = t.union([
  t.type({ type: t.literal('ContactAdded'), data: t.type({ contactId: ContactId, name: NonEmptyString }) }),
  t.type({ type: t.literal('ContactRenamed'), data: t.type({ contactId: ContactId, name: NonEmptyString }) }),
  t.type({ type: t.literal('TagAdded'), data: t.type({ contactId: ContactId, tag: Tag }) }),
  t.type({ type: t.literal('TagRemoved'), data: t.type({ contactId: ContactId, tag: Tag }) }),
  t.type({ type: t.literal('ContactRemoved'), data: t.type({ contactId: ContactId }) }),
]);
export type ContactEvent = t.TypeOf<typeof ContactEvent>;

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
