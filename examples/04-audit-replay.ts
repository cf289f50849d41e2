// Audit and replay: a contact's timeline, a view as of an earlier point, what changed since, and
// tamper detection on a copy of the database. Run: pnpm example examples/04-audit-replay.ts
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyStore } from '@rapport/core';
import {
  contactTimeline,
  createRapport,
  diffProjections,
  formatCopy,
  formatTimelineValue,
  projectionsAt,
  readHistory,
  type SessionCommand,
} from '@rapport/domain';
import { openSqliteEventStore } from '@rapport/store-sqlite';

const dir = mkdtempSync(join(tmpdir(), 'rapport-audit-'));
const store = await openSqliteEventStore({ path: join(dir, 'rapport.db') });
let now = Date.parse('2026-11-02T09:00:00Z');
const rapport = createRapport({ store, clock: () => new Date((now += 60_000)) });
const org = { orgId: 'acme' };
const run = (userId: string, command: SessionCommand) => rapport.as(userId).execute(command);

await run('ann', { type: 'CreateOrganization', ...org, name: 'Acme' });
await run('ann', { type: 'AddMember', ...org, userId: 'bob', role: 'member' });
await run('bob', { type: 'AddContact', ...org, contactId: 'ada', kind: 'person', name: 'Ada Lovelace' });
await run('bob', { type: 'SetSegment', ...org, contactId: 'ada', segmentId: 'customer' });
await run('bob', { type: 'SetStage', ...org, contactId: 'ada', stage: 'lead' });
const checkpoint = await store.headPosition();
await run('bob', { type: 'SetStage', ...org, contactId: 'ada', stage: 'potential' });
await run('bob', { type: 'ApplyTag', ...org, contactId: 'ada', tag: 'Conference 2026' });

// Who changed which field, when, from what, to what, and why.
const { events } = await readHistory(store);
console.log('timeline of ada:');
for (const change of contactTimeline(events, { orgId: 'acme', contactId: 'ada' }))
  console.log(
    `  #${change.position} ${change.recordedAt} ${change.actor} ${formatCopy(change.copy)} ${change.field}: ` +
      `${formatTimelineValue(change.from)} -> ${formatTimelineValue(change.to)} (${change.cause})`,
  );

// My People of bob as of the checkpoint, and what changed since.
const then = await projectionsAt(store, { position: checkpoint });
const later = await projectionsAt(store);
console.log(
  `as of position ${checkpoint}: ada is ${then.projections.copy('acme', { owner: 'user', userId: 'bob' }, 'ada')?.stage}`,
);
for (const d of diffProjections(then.projections.snapshot(), later.projections.snapshot()))
  console.log(
    `  since then: ${d.group} ${d.document} ${d.field}: ${JSON.stringify(d.from)} -> ${JSON.stringify(d.to)}`,
  );
await store.close();

// Tamper with a copy of the database behind the store's back, then verify both.
const copy = join(dir, 'copy.db');
copyFileSync(join(dir, 'rapport.db'), copy);
const raw = new Database(copy);
raw.prepare(`UPDATE events SET data = replace(data, '"lead"', '"active"') WHERE type = 'StageSet'`).run();
raw.close();
for (const path of [join(dir, 'rapport.db'), copy]) {
  const opened = await openSqliteEventStore({ path });
  const report = await verifyStore(opened);
  await opened.close();
  console.log(
    `${path === copy ? 'copy' : 'original'}: ${report.ok ? 'ok' : report.breaks.map((b) => b.message).join('; ')}`,
  );
}
