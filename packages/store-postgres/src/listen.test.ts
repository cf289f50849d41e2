import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { newEvent } from '@rapport/core/testing';
import { createTarget, NEEDS_SERVER, serverUrl } from './fixtures/target.js';
import { openPostgresEventStore } from './index.js';

const target = createTarget('listen');
afterAll(() => target.dispose());
const onServer = serverUrl === undefined ? NEEDS_SERVER : 'server';

describe('subscriptions and connections on a server', () => {
  it.skipIf(serverUrl === undefined)(
    `a subscriber whose LISTEN connection is killed keeps receiving every event (${onServer})`,
    async () => {
      const schema = target.newSchema();
      const writer = await target.open({ schema });
      const reader = await target.open({ schema, pollIntervalMs: 50 });
      const subscription = reader.subscribe();
      const seen: number[] = [];
      let listenerKilled: Promise<unknown> | undefined;
      const following = (async () => {
        for await (const batch of subscription) {
          seen.push(...batch.map((event) => event.globalPosition));
          if (seen.length === 1) {
            listenerKilled = target.raw(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()`,
              [`LISTEN rapport_events_${schema}`],
            );
            await listenerKilled;
            await writer.append('s', [newEvent()]);
          }
          if (seen.length === 2) await writer.append('s', [newEvent()]);
          if (seen.length === 3) await subscription.close();
        }
      })();
      await writer.append('s', [newEvent()]);
      await following;
      expect(await listenerKilled).toEqual([{ pg_terminate_backend: true }]);
      expect(seen).toEqual([1, 2, 3]);
      await reader.close();
      await writer.close();
    },
  );

  it.skipIf(serverUrl === undefined)(
    `a store opened on the app's pool leaves the pool open when it closes (${onServer})`,
    async () => {
      const pool = new pg.Pool({ connectionString: serverUrl, max: 3 });
      const store = await openPostgresEventStore({ pool, schema: target.newSchema() });
      await store.append('s', [newEvent()]);
      await store.close();
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await pool.end();
    },
  );
});
