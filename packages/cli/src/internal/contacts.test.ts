import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '@rapport/core';
import { createRapport, readModelsAt } from '@rapport/domain';
import { executeInput } from '@rapport/domain/testing';
import { findContacts, projectedContacts, resolveContact } from './contacts.js';

/** acme with ann and bob; bob's Ada renamed "Countess", shared; ann's and bob's Grace; cy's team copy withdrawn. */
const history = async () => {
  const store = createInMemoryEventStore();
  const rapport = createRapport({ store });
  const run = async (command: Record<string, unknown>): Promise<void> => {
    const result = await executeInput(rapport, command);
    if (result._tag === 'Left') throw new Error(result.left.message);
  };
  await run({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
  await run({ type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' });
  await run({
    type: 'AddContact',
    actor: 'bob',
    orgId: 'acme',
    contactId: 'ada',
    kind: 'person',
    name: 'Ada',
  });
  await run({ type: 'RenameContact', actor: 'bob', orgId: 'acme', contactId: 'ada', name: 'Countess' });
  await run({ type: 'SetSegment', actor: 'bob', orgId: 'acme', contactId: 'ada', segmentId: 'customer' });
  for (const [actor, contactId] of [
    ['ann', 'g1'],
    ['bob', 'g2'],
  ] as const)
    await run({ type: 'AddContact', actor, orgId: 'acme', contactId, kind: 'person', name: 'Grace Hopper' });
  await run({ type: 'AddContact', actor: 'bob', orgId: 'acme', contactId: 'cy', kind: 'person', name: 'Cy' });
  await run({ type: 'SetSegment', actor: 'bob', orgId: 'acme', contactId: 'cy', segmentId: 'customer' });
  await run({ type: 'SetSegment', actor: 'bob', orgId: 'acme', contactId: 'cy', segmentId: 'family' });
  await run({ type: 'CreateOrganization', actor: 'dan', orgId: 'globex', name: 'Globex' });
  return store;
};

/** What resolving gives: the contact id, or the code of the refusal. */
const outcome = (resolve: () => string): string => {
  try {
    return resolve();
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('finding a contact from the command line', () => {
  it('a pass over the history finds what the projections find, by id or by the name a copy bears now', async () => {
    const store = await history();
    const { projections } = (await readModelsAt(store)).models;
    for (const wanted of [
      'ada',
      'countess',
      ' COUNTESS ',
      'Ada',
      'grace hopper',
      'g2',
      'nobody',
      'toString',
      '__proto__',
    ])
      for (const orgId of ['acme', 'globex']) {
        const found = await findContacts(store, wanted);
        expect(found.organizations).toEqual(['acme', 'globex']);
        expect(
          outcome(() => resolveContact(found.contacts(orgId), orgId, wanted)),
          `${wanted} in ${orgId}`,
        ).toBe(outcome(() => resolveContact(projectedContacts(projections, orgId), orgId, wanted)));
      }
    expect(outcome(() => resolveContact(projectedContacts(projections, 'acme'), 'acme', 'Countess'))).toBe(
      'ada',
    );
    expect(outcome(() => resolveContact(projectedContacts(projections, 'acme'), 'acme', 'Ada'))).toBe(
      'CONTACT_NOT_FOUND',
    );
    expect(
      outcome(() => resolveContact(projectedContacts(projections, 'acme'), 'acme', 'Grace Hopper')),
    ).toBe('CONTACT_AMBIGUOUS');
  });

  it('a team copy withdrawn from the team view is still found by its last name, for its timeline', async () => {
    const store = await history();
    await createRapport({ store }).execute({
      type: 'RenameContact',
      actor: 'bob',
      orgId: 'acme',
      contactId: 'cy',
      name: 'Cyrus',
    });
    const found = await findContacts(store, 'Cy');
    expect(resolveContact(found.contacts('acme'), 'acme', 'Cy')).toBe('cy');
    // The projections hold it apart from the team view: a view's lookup does not find it.
    const { projections } = (await readModelsAt(store)).models;
    expect(outcome(() => resolveContact(projectedContacts(projections, 'acme'), 'acme', 'Cy'))).toBe(
      'CONTACT_NOT_FOUND',
    );
  });
});
