/**
 * An upcaster registered once, in the domain's schema history (`DOMAIN_UPCASTERS`), is applied on
 * every path that reads stored events: a command's state, the facade's read models, its
 * reactions, a replay, and the command line. The history is stood in for by a mock holding one
 * step: `ContactAdded` at schema version 0 named the contact `fullName`.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createRapport, contactStream, readModelsAt } from '@rapport/domain';
import { openSqliteEventStore } from '@rapport/store-sqlite';
import { runInProcess, tempDir } from './internal/harness.js';

vi.mock('../../domain/src/upcasters.js', () => ({
  DOMAIN_UPCASTERS: [
    {
      type: 'ContactAdded',
      fromVersion: 0,
      upcast: (data: unknown) => {
        const { fullName, ...rest } = data as { fullName: string };
        return { ...rest, name: fullName };
      },
    },
  ],
}));

describe('upcasting', () => {
  it('a stored version-0 event is read through the registered upcaster by commands, read models, reactions, replay and the CLI', async () => {
    const dir = tempDir();
    const store = await openSqliteEventStore({ path: join(dir, 'rapport.db') });
    const first = createRapport({ store, snapshots: store });
    expect(
      (await first.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' }))._tag,
    ).toBe('Right');
    await store.append(contactStream('acme', 'ada'), [
      {
        id: '01JD00000000000000000000V0',
        type: 'ContactAdded',
        schemaVersion: 0,
        data: {
          orgId: 'acme',
          contactId: 'ada',
          copy: { owner: 'user', userId: 'ann' },
          kind: 'person',
          fullName: 'Ada Lovelace',
        },
        actor: 'ann',
        recordedAt: '2026-11-23T09:30:00.000Z',
        correlationId: 'old',
        causationId: null,
      },
    ]);

    const rapport = createRapport({ store, snapshots: store });
    // The command's state: the copy exists; the reaction shares it, named as the upcaster says.
    const set = await rapport.execute({
      type: 'SetSegment',
      actor: 'ann',
      orgId: 'acme',
      contactId: 'ada',
      segmentId: 'customer',
    });
    expect(set._tag === 'Right' && set.right.map((event) => event.type)).toEqual([
      'SegmentSet',
      'ContactShared',
    ]);
    const people = await rapport.as('ann').myPeople('acme');
    expect(people._tag === 'Right' && people.right.contacts.map((contact) => contact.name)).toEqual([
      'Ada Lovelace',
    ]);
    const team = await rapport.as('ann').teamView('acme');
    expect(team._tag === 'Right' && team.right.contacts.map((contact) => contact.name)).toEqual([
      'Ada Lovelace',
    ]);
    const replayed = await readModelsAt(store);
    expect(replayed.models.projections.copy('acme', { owner: 'team' }, 'ada')?.name).toBe('Ada Lovelace');
    await store.close();

    expect((await runInProcess(['replay'], dir)).code).toBe(0);
    const timeline = await runInProcess(['timeline', 'Ada Lovelace', '--json'], dir);
    expect(timeline.code).toBe(0);
  });
});
