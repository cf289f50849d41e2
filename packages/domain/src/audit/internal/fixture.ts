/**
 * The facade over a fresh in-memory store with a fixed clock (one second per event batch) and
 * counting ids, for the audit tests: the organization `acme` with ann (administrator) and bob.
 */
import { createInMemoryEventStore, type InMemoryEventStore, type RecordedEvent } from '@rapport/core';
import { createRapport, type Rapport } from '../../rapport/facade.js';
import { executeInput } from '../../testing/execute.js';

export interface AuditFixture {
  readonly rapport: Rapport;
  readonly store: InMemoryEventStore;
  /** Runs a command that must be accepted. */
  accepted(command: Record<string, unknown>): Promise<ReadonlyArray<RecordedEvent>>;
  /** `actor` adds the person `contactId` named `name` to acme. */
  addPerson(actor: string, contactId: string, name: string): Promise<ReadonlyArray<RecordedEvent>>;
  /** `actor` puts their copy of `contactId` in the segment `segmentId`. */
  setSegment(actor: string, contactId: string, segmentId: string): Promise<ReadonlyArray<RecordedEvent>>;
}

/**
 * The instant of the n-th tick of the fixture's clock (from 0).
 *
 * @example
 * import { tickAt } from './fixture.js';
 * tickAt(0); // '2026-11-23T09:00:00.000Z'
 * tickAt(61); // '2026-11-23T09:01:01.000Z'
 */
export const tickAt = (n: number): string =>
  new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + n * 1000).toISOString();

/**
 * A fresh fixture: acme created by ann, with bob as a member.
 *
 * @example
 * import { auditFixture } from './fixture.js';
 * const f = await auditFixture();
 * const added = await f.addPerson('ann', 'ada', 'Ada');
 * added.map((event) => [event.type, event.recordedAt]); // [['ContactAdded', '2026-11-23T09:00:02.000Z'], …]
 * await f.store.headPosition(); // 4
 */
export const auditFixture = async (): Promise<AuditFixture> => {
  const store = createInMemoryEventStore();
  let tick = 0;
  let id = 0;
  const rapport = createRapport({
    store,
    clock: () => new Date(tickAt(tick++)),
    newId: () => `01JD${String(++id).padStart(22, '0')}`,
  });
  const accepted = async (command: Record<string, unknown>) => {
    const result = await executeInput(rapport, command);
    if (result._tag === 'Left')
      throw new Error(`expected ${String(command['type'])} accepted: ${result.left.message}`);
    return result.right;
  };
  await accepted({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
  await accepted({ type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' });
  return {
    rapport,
    store,
    accepted,
    addPerson: (actor, contactId, name) =>
      accepted({ type: 'AddContact', actor, orgId: 'acme', contactId, kind: 'person', name }),
    setSegment: (actor, contactId, segmentId) =>
      accepted({ type: 'SetSegment', actor, orgId: 'acme', contactId, segmentId }),
  };
};

/**
 * Gives both users a copy of each contact of the small world and creates its deal.
 *
 * @example
 * import { readModelsAt } from '@rapport/domain';
 * import { auditFixture, populate } from './fixture.js';
 * const f = await auditFixture();
 * await populate(f);
 * const { projections } = (await readModelsAt(f.store)).models;
 * [...projections.copies('acme', { owner: 'user', userId: 'bob' }).keys()]; // ['ada', 'bo', 'cy']
 */
export const populate = async (f: AuditFixture): Promise<void> => {
  await f.accepted({
    type: 'CreateEngagement',
    actor: 'ann',
    orgId: 'acme',
    engagementId: 'd1',
    kind: 'deal',
    name: 'Renewal',
  });
  for (const actor of ['ann', 'bob'])
    for (const [contactId, name] of [
      ['ada', 'Ada'],
      ['bo', 'Bo'],
      ['cy', 'Cy'],
    ] as const)
      await f.addPerson(actor, contactId, name);
};
