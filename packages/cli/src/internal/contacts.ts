/**
 * Finding a contact from the command line: by its id, or by its name when exactly one contact of
 * the organization bears it.
 */
import { RapportError } from '@rapport/core';
import type { RelationshipProjections } from '@rapport/domain';

/**
 * Finds a contact by id, or by name when exactly one contact bears it.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, readModelsAt } from '@rapport/domain';
 * import { resolveContact } from './contacts.js';
 * const store = createInMemoryEventStore();
 * const rapport = createRapport({ store });
 * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * await rapport.execute({ type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada Lovelace' });
 * const { projections } = (await readModelsAt(store)).models;
 * resolveContact(projections, 'acme', 'c1'); // 'c1'
 * resolveContact(projections, 'acme', 'ada lovelace'); // 'c1'
 * try { resolveContact(projections, 'acme', 'Grace'); } catch (e) { (e as { code: string }).code; } // 'CONTACT_NOT_FOUND'
 */
export const resolveContact = (
  projections: RelationshipProjections,
  orgId: string,
  wanted: string,
): string => {
  const snapshot = projections.snapshot();
  const named = new Map<string, Set<string>>();
  for (const [key, docs] of Object.entries(snapshot.copies)) {
    if (!key.startsWith(`${orgId}/`)) continue;
    for (const doc of Object.values(docs)) {
      if (doc.contactId === wanted) return wanted;
      const names = named.get(doc.name.toLowerCase()) ?? new Set<string>();
      names.add(doc.contactId);
      named.set(doc.name.toLowerCase(), names);
    }
  }
  const ids = [...(named.get(wanted.trim().toLowerCase()) ?? [])];
  if (ids.length === 1 && ids[0] !== undefined) return ids[0];
  if (ids.length > 1)
    throw new RapportError(
      'CONTACT_AMBIGUOUS',
      `several contacts are named "${wanted}": ${ids.join(', ')}; give an id`,
    );
  throw new RapportError('CONTACT_NOT_FOUND', `no contact of ${orgId} has the id or the name "${wanted}"`);
};
