import { afterAll } from 'vitest';
import { describeEventStoreConformance } from '@rapport/core/testing/vitest';
import { createTarget } from './fixtures/target.js';
import type { PostgresEventStore } from './index.js';

const target = createTarget('conf');
afterAll(() => target.dispose());

describeEventStoreConformance<PostgresEventStore>(`PostgreSQL event store (${target.kind})`, {
  create: () => target.open({ pollIntervalMs: 50 }),
  tamper: async (store, { streamId, streamVersion, action }) => {
    const rows = await target.raw(
      action === 'alter'
        ? `UPDATE ${store.schema}.events SET data = '{"tampered":true}' WHERE stream_id = $1 AND stream_version = $2 RETURNING 1`
        : `DELETE FROM ${store.schema}.events WHERE stream_id = $1 AND stream_version = $2 RETURNING 1`,
      [streamId, streamVersion],
    );
    if (rows.length !== 1) throw new Error(`no event ${streamVersion} in stream ${streamId} to tamper with`);
  },
});
