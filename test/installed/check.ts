// Type-checked by scripts/check-packages.sh against the .d.ts files the tarballs ship (with their
// own declarations checked too: skipLibCheck is off).
import {
  createInMemoryEventStore,
  verifyStore,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@rapport/core';
import { newEvent } from '@rapport/core/testing';
import { createRapport, type Rapport } from '@rapport/domain';
import { openSqliteEventStore, type SqliteEventStore } from '@rapport/store-sqlite';
import { openPgliteEventStore } from '@rapport/store-postgres';
import { runCli } from '@rapport/cli';

const store: EventStore = createInMemoryEventStore();
const rapport: Rapport = createRapport({ store: createInMemoryEventStore() });
const event: NewEvent = newEvent({ type: 'Noted', data: null });

export const stored: Promise<ReadonlyArray<RecordedEvent>> = store.append('s', [event]).then((r) => r.events);
export const ok: Promise<boolean> = verifyStore(store).then((r) => r.ok);
export const executed: Promise<boolean> = rapport
  .as('ann')
  .execute({ type: 'CreateOrganization', orgId: 'acme', name: 'Acme' })
  .then((result) => result._tag === 'Right');
export const sqlite: Promise<SqliteEventStore> = openSqliteEventStore({ path: ':memory:' });
export const pglite: Promise<number> = openPgliteEventStore().then((s) => s.headPosition());
export const code: Promise<number> = runCli(['--version']);
