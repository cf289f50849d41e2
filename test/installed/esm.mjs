// Run by scripts/check-packages.sh in an app that installed the packed tarballs with npm: every
// entry loads from plain Node ESM, a Rapport over the in-memory store executes commands, the stores
// open (SQLite through better-sqlite3, PostgreSQL on PGlite), and @rapport/core/testing loads
// without vitest, which the app does not install.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInMemoryEventStore, verifyStore } from '@rapport/core';
import { createRapport } from '@rapport/domain';
import { openSqliteEventStore, verifySqliteStore } from '@rapport/store-sqlite';
import { openPgliteEventStore } from '@rapport/store-postgres';
import { runCli } from '@rapport/cli';

const store = createInMemoryEventStore();
const rapport = createRapport({ store });
const ann = rapport.as('ann');
const org = { orgId: 'acme' };
assert.equal((await ann.execute({ type: 'CreateOrganization', ...org, name: 'Acme' }))._tag, 'Right');
const added = await ann.execute({
  type: 'AddContact',
  ...org,
  contactId: 'ada',
  kind: 'person',
  name: 'Ada',
});
assert.equal(added._tag, 'Right');
await ann.execute({ type: 'SetSegment', ...org, contactId: 'ada', segmentId: 'family' });
const refused = await ann.execute({ type: 'SetStage', ...org, contactId: 'ada', stage: 'lead' });
assert.equal(refused._tag, 'Left');
assert.equal(refused.left.code, 'STAGE_PERSONAL_SEGMENT');
assert.equal((await verifyStore(store)).ok, true);

for (const entry of ['@rapport/core/adapter', '@rapport/domain/testing']) {
  assert.ok(Object.keys(await import(entry)).length > 0, `${entry} exports nothing`);
}

await assert.rejects(import('vitest'), { code: 'ERR_MODULE_NOT_FOUND' }, 'vitest is installed in the app');
const { newEvent } = await import('@rapport/core/testing');
const appended = await store.append('thing-1', [newEvent({ data: { n: 1 } })], {
  expectedVersion: 'no_stream',
});
assert.equal(appended.nextExpectedVersion, 1);
await assert.rejects(import('@rapport/core/testing/vitest'), (error) => {
  assert.equal(error.code, 'ERR_MODULE_NOT_FOUND');
  assert.match(error.message, /'vitest'/);
  return true;
});

const dir = mkdtempSync(join(tmpdir(), 'rapport-installed-'));
try {
  const path = join(dir, 'rapport.db');
  const sqlite = await openSqliteEventStore({ path });
  await sqlite.append('thing-1', [newEvent()], { expectedVersion: 'no_stream' });
  await sqlite.close();
  assert.equal((await verifySqliteStore(path)).ok, true);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const pglite = await openPgliteEventStore();
await pglite.append('thing-1', [newEvent()], { expectedVersion: 'no_stream' });
assert.equal(await pglite.headPosition(), 1);
await pglite.close();

let out = '';
const io = {
  stdout: { write: (text) => (out += text) },
  stderr: process.stderr,
  env: {},
  cwd: process.cwd(),
};
assert.equal(await runCli(['--version'], io), 0);
assert.match(out, /^\d+\.\d+\.\d+/);

console.log('ES modules: every entry loads; a Rapport executes commands; SQLite and PGlite stores open');
