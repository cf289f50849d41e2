import { describe, expect, expectTypeOf, it } from 'vitest';
import { createInMemoryEventStore } from '@rapport/core';
import { readEverything } from '@rapport/core/testing';
import { addContact, ok, scenario } from '../testing/index.js';
import { createRapport, grantAudit, type AuditCapability, type SessionCommand } from './facade.js';
import { decodeCommand } from '../commands.js';

const at = { orgId: 'acme', contactId: 'c1' };

describe('R-AUTH: the principal comes from the caller', () => {
  it('R-AUTH-4: a session runs its commands as its principal; a body without actor is accepted', async () => {
    const s = await scenario();
    const [event] = ok(
      await s.rapport.as('bob').execute({ type: 'AddContact', ...at, kind: 'person', name: 'Ada' }),
    );
    expect(event).toMatchObject({ type: 'ContactAdded', actor: 'bob' });
    expect(event?.data).toMatchObject({ copy: { owner: 'user', userId: 'bob' } });
  });

  it('R-AUTH-4: a body actor equal to the principal is accepted (the old format, mapped)', async () => {
    const s = await scenario();
    const old = { type: 'AddContact', actor: 'bob', ...at, kind: 'person', name: 'Ada' } as const;
    const [event] = ok(await s.rapport.as('bob').execute(old));
    expect(event).toMatchObject({ actor: 'bob' });
  });

  it('R-AUTH-4: a body actor that differs from the principal is rejected with ACTOR_MISMATCH and appends nothing', async () => {
    const s = await scenario({ given: [addContact('ann', 'c1', 'Ada')] });
    const before = await readEverything(s.store);
    const forged = { type: 'SetStage', actor: 'ann', ...at, stage: 'lead' } as const;
    const result = await s.rapport.as('bob').execute(forged);
    expect(result._tag === 'Left' && result.left).toMatchObject({
      code: 'ACTOR_MISMATCH',
      path: 'actor',
      rule: 'R-AUTH-4',
    });
    expect(result._tag === 'Left' && result.left.message).toMatch(/the actor comes from the caller/);
    for (const actor of [null, 42, '', 'Bob', ['bob']]) {
      const odd = await s.rapport.as('bob').execute({ ...forged, actor } as unknown as SessionCommand);
      expect(odd._tag === 'Left' && odd.left.code).toBe('ACTOR_MISMATCH');
    }
    expect(await readEverything(s.store)).toEqual(before);
    // ann's copy is untouched: bob could not act as ann.
    expect(ok(await s.rapport.as('ann').contact('acme', 'c1')).mine).toMatchObject({ stage: null });
  });

  it('R-AUTH-4: commands are typed: a misspelled type or field, a session command with an actor, or input of unknown shape does not compile', () => {
    expectTypeOf<{
      type: 'SetStage';
      orgId: string;
      contactId: string;
      stage: 'lead';
    }>().toExtend<SessionCommand>();
    expectTypeOf<{
      type: 'SetStag';
      orgId: string;
      contactId: string;
      stage: 'lead';
    }>().not.toExtend<SessionCommand>();
    const rapport = createRapport({ store: createInMemoryEventStore() });
    const session = rapport.as('ann');
    // Only the types are checked here; nothing is run.
    const typeOnly = (): void => {
      // @ts-expect-error: no command is called SetStag
      void session.execute({ type: 'SetStag', orgId: 'acme', contactId: 'c1', stage: 'lead' });
      // @ts-expect-error: SetStage has no field stag
      void session.execute({ type: 'SetStage', orgId: 'acme', contactId: 'c1', stag: 'lead' });
      // @ts-expect-error: the actor comes from the caller, not the body
      void session.execute({ type: 'SetStage', actor: 'bob', orgId: 'acme', contactId: 'c1', stage: 'lead' });
      // @ts-expect-error: input of unknown shape goes through decodeCommand first
      void session.execute(JSON.parse('{}') as unknown);
      // @ts-expect-error: a session's reads take no user id (R-AUTH-5)
      void session.myPeople('acme', 'bob');
      // @ts-expect-error: the facade has no read for a named user (R-AUTH-6)
      void rapport.myPeople('acme', 'bob');
      // @ts-expect-error: the trusted path takes a command too: no command is called SetStag
      void rapport.execute({ type: 'SetStag', actor: 'ann', orgId: 'acme', contactId: 'c1', stage: 'lead' });
      // @ts-expect-error: the trusted path's command names its actor
      void rapport.execute({ type: 'SetStage', orgId: 'acme', contactId: 'c1', stage: 'lead' });
      // @ts-expect-error: input of unknown shape goes through decodeCommand first, on the trusted path too
      void rapport.execute(JSON.parse('{}') as unknown);
      const decoded = decodeCommand(JSON.parse('{}') as unknown);
      if (decoded._tag === 'Right') void rapport.execute(decoded.right);
    };
    expect(typeof typeOnly).toBe('function');
  });

  it("R-AUTH-5: a session's reads give only its principal's data: its My People, audiences, prompts and copy", async () => {
    const s = await scenario({
      given: [
        addContact('bob', 'c1', 'Ada'),
        addContact('cat', 'c2', 'Cy'),
        addContact('cat', 'c1', 'Ada C.'),
      ],
    });
    const bob = s.rapport.as('bob');
    expect(ok(await bob.myPeople('acme')).contacts.map((c) => c.contactId)).toEqual(['c1']);
    expect(
      ok(await s.rapport.as('cat').myPeople('acme'))
        .contacts.map((c) => c.contactId)
        .sort(),
    ).toEqual(['c1', 'c2']);
    // A contact both hold: bob reads his own copy, never cat's.
    expect(ok(await bob.contact('acme', 'c1')).mine).toMatchObject({ name: 'Ada' });
    expect(ok(await s.rapport.as('cat').contact('acme', 'c1')).mine).toMatchObject({ name: 'Ada C.' });
    expect(ok(await bob.contact('acme', 'c2')).mine).toBeNull();
    // Extra arguments from untyped callers name no one: the reader stays the principal.
    const untyped = bob.myPeople as unknown as (
      orgId: string,
      userId: string,
    ) => ReturnType<typeof bob.myPeople>;
    expect(ok(await untyped('acme', 'cat')).userId).toBe('bob');
    expect(ok(await bob.members('acme', 'my-people'))).toEqual(['c1']);
    // A user who is not a member reads nothing of the organization (R-AUTH-3).
    expect((await s.rapport.as('zed').myPeople('acme'))._tag).toBe('Left');
  });

  it("R-AUTH-6: reading another user's My People, prompts or audiences without the audit capability is FORBIDDEN", async () => {
    const s = await scenario({ given: [addContact('ann', 'c1', 'Ada')] });
    const forged = { purpose: 'export' } as unknown as AuditCapability;
    for (const capability of [undefined, forged]) {
      const audit = s.rapport.audit(capability);
      for (const read of [
        audit.myPeople('acme', 'ann'),
        audit.prompts('acme', 'ann'),
        audit.audiences('acme', 'ann'),
        audit.members('acme', 'ann', 'my-people'),
        audit.contact('acme', 'ann', 'c1'),
        audit.syncState('acme', 'ann', 'c1'),
        audit.teamView('acme'),
        audit.projections(),
      ]) {
        const result = await read;
        expect(result._tag === 'Left' && result.left).toMatchObject({ code: 'FORBIDDEN', rule: 'R-AUTH-6' });
      }
    }
  });

  it("R-AUTH-6: with the capability the application granted, any member's My People, prompts and audiences and the projections are read", async () => {
    const s = await scenario({ given: [addContact('ann', 'c1', 'Ada'), addContact('bob', 'c2', 'Bea')] });
    const audit = s.rapport.audit(grantAudit('test'));
    expect(ok(await audit.myPeople('acme', 'ann')).contacts.map((c) => c.contactId)).toEqual(['c1']);
    expect(ok(await audit.myPeople('acme', 'bob')).contacts.map((c) => c.contactId)).toEqual(['c2']);
    expect(ok(await audit.audiences('acme', 'bob'))).toEqual(ok(await s.rapport.as('bob').audiences('acme')));
    expect(ok(await audit.prompts('acme', 'bob'))).toEqual(ok(await s.rapport.as('bob').prompts('acme')));
    expect(ok(await audit.contact('acme', 'bob', 'c2')).mine).toMatchObject({ name: 'Bea' });
    expect(ok(await audit.teamView('acme')).orgId).toBe('acme');
    expect(ok(await audit.projections()).organization('acme')).toBeDefined();
  });

  it('R-AUTH-6: the facade itself has no read of the whole projections: they are read with the audit capability only', async () => {
    const s = await scenario({ given: [addContact('ann', 'c1', 'Ada')] });
    // @ts-expect-error The projections hold every user's private copies: no read without a grant.
    expect(s.rapport.projections).toBeUndefined();
    expect(Object.keys(s.rapport).sort()).toEqual([
      'as',
      'audit',
      'close',
      'execute',
      'react',
      'saveSnapshot',
    ]);
  });
});
