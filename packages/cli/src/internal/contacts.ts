/**
 * Finding a contact from the command line: by its id, or by its name when exactly one contact of
 * the organization bears it.
 */
import { RapportError } from '@rapport/core';
import type { RelationshipProjections } from '@rapport/domain';

/** Finds a contact by id, or by name when exactly one contact bears it. */
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
