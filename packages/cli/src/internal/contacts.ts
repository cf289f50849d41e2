/**
 * Finding a contact from the command line: by its id, or by its name when exactly one contact of
 * the organization bears it. The contacts are looked up in the projections a command has, or, for
 * a command that reads the history once without them (`timeline`), in what a pass over the history
 * keeps about the one id or name asked for.
 */
import { RapportError, type EventStore } from '@rapport/core';
import { historyBatches, type CopyRef, type RelationshipProjections } from '@rapport/domain';

/** What finding a contact needs of an organization's contacts. */
export interface ContactDirectory {
  /** Whether a contact of the organization has this id. */
  readonly isContact: (contactId: string) => boolean;
  /** The contacts one of whose copies bears this name, compared without regard to case. */
  readonly named: (name: string) => ReadonlyArray<string>;
}

const nameKey = (name: string): string => name.trim().toLowerCase();

/**
 * The contacts of an organization as its projections hold them: every copy in My People and the
 * team view, with the name it bears now.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, readModelsAt } from '@rapport/domain';
 * import { projectedContacts } from './contacts.js';
 * const store = createInMemoryEventStore();
 * const rapport = createRapport({ store });
 * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * await rapport.execute({ type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada' });
 * const contacts = projectedContacts((await readModelsAt(store)).models.projections, 'acme');
 * [contacts.isContact('c1'), contacts.named(' ADA ')]; // [true, ['c1']]
 */
export const projectedContacts = (projections: RelationshipProjections, orgId: string): ContactDirectory => {
  const ids = new Set<string>();
  const named = new Map<string, Set<string>>();
  for (const [key, docs] of Object.entries(projections.snapshot().copies)) {
    if (!key.startsWith(`${orgId}/`)) continue;
    for (const doc of Object.values(docs)) {
      ids.add(doc.contactId);
      const names = named.get(nameKey(doc.name)) ?? new Set<string>();
      names.add(doc.contactId);
      named.set(nameKey(doc.name), names);
    }
  }
  return {
    isContact: (contactId) => ids.has(contactId),
    named: (name) => [...(named.get(nameKey(name)) ?? [])],
  };
};

/** The organizations of a history, and its contacts with one id or name, as one pass finds them. */
export interface ContactsFound {
  readonly organizations: ReadonlyArray<string>;
  readonly contacts: (orgId: string) => ContactDirectory;
}

/**
 * Reads the history once, keeping only its organizations and what bears on `wanted`: the
 * organizations where a contact has that id, and the copies whose latest name is that name (a team
 * copy withdrawn from the team view keeps its last name). The memory it takes does not grow with
 * the history.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport } from '@rapport/domain';
 * import { findContacts } from './contacts.js';
 * const store = createInMemoryEventStore();
 * const rapport = createRapport({ store });
 * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * await rapport.execute({ type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada' });
 * await rapport.execute({ type: 'RenameContact', actor: 'ann', orgId: 'acme', contactId: 'c1', name: 'Ada Lovelace' });
 * const found = await findContacts(store, 'ada');
 * [found.organizations, found.contacts('acme').named('ada')]; // [['acme'], []]
 */
export const findContacts = async (
  store: Pick<EventStore, 'readAll'>,
  wanted: string,
): Promise<ContactsFound> => {
  const organizations = new Set<string>();
  const withId = new Set<string>();
  // By organization, then contact: the copies whose latest name is the one wanted.
  const named = new Map<string, Map<string, Set<string>>>();
  const bears = (orgId: string, contactId: string, copy: string, name: string): void => {
    const contacts = named.get(orgId) ?? new Map<string, Set<string>>();
    const copies = contacts.get(contactId) ?? new Set<string>();
    if (nameKey(name) === nameKey(wanted)) copies.add(copy);
    else copies.delete(copy);
    if (copies.size > 0) contacts.set(contactId, copies);
    else contacts.delete(contactId);
    if (contacts.size > 0) named.set(orgId, contacts);
    else named.delete(orgId);
  };
  const copyKey = (copy: CopyRef): string => (copy.owner === 'team' ? 'team' : `user:${copy.userId}`);
  for await (const batch of historyBatches(store))
    for (const event of batch.events) {
      if (event.type === 'OrganizationCreated') organizations.add(event.data.orgId);
      else if (event.type === 'ContactAdded') {
        if (event.data.contactId === wanted) withId.add(event.data.orgId);
        bears(event.data.orgId, event.data.contactId, copyKey(event.data.copy), event.data.name);
      } else if (event.type === 'ContactRenamed')
        bears(event.data.orgId, event.data.contactId, copyKey(event.data.copy), event.data.name);
      else if (event.type === 'ContactShared')
        bears(event.data.orgId, event.data.contactId, 'team', event.data.team.name);
    }
  return {
    organizations: [...organizations],
    contacts: (orgId) => ({
      isContact: (contactId) => contactId === wanted && withId.has(orgId),
      named: (name) => (nameKey(name) === nameKey(wanted) ? [...(named.get(orgId)?.keys() ?? [])] : []),
    }),
  };
};

/**
 * Finds a contact by id, or by name when exactly one contact bears it.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, readModelsAt } from '@rapport/domain';
 * import { projectedContacts, resolveContact } from './contacts.js';
 * const store = createInMemoryEventStore();
 * const rapport = createRapport({ store });
 * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * await rapport.execute({ type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada Lovelace' });
 * const contacts = projectedContacts((await readModelsAt(store)).models.projections, 'acme');
 * resolveContact(contacts, 'acme', 'c1'); // 'c1'
 * resolveContact(contacts, 'acme', 'ada lovelace'); // 'c1'
 * try { resolveContact(contacts, 'acme', 'Grace'); } catch (e) { (e as { code: string }).code; } // 'CONTACT_NOT_FOUND'
 */
export const resolveContact = (contacts: ContactDirectory, orgId: string, wanted: string): string => {
  if (contacts.isContact(wanted)) return wanted;
  const ids = contacts.named(wanted);
  if (ids.length === 1 && ids[0] !== undefined) return ids[0];
  if (ids.length > 1)
    throw new RapportError(
      'CONTACT_AMBIGUOUS',
      `several contacts are named "${wanted}": ${[...ids].sort().join(', ')}; give an id`,
    );
  throw new RapportError('CONTACT_NOT_FOUND', `no contact of ${orgId} has the id or the name "${wanted}"`);
};
