import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { verifyStore, type EventStore, type SnapshotStore } from '@rapport/core';
import { createTempDir, startChild, type Child } from '@rapport/core/testing';
import { openSqliteEventStore } from '@rapport/store-sqlite';
// The PostgreSQL tests' own target: a fresh schema per test on the server of RAPPORT_PG_URL.
import { createTarget, NEEDS_SERVER, serverUrl } from '../../../store-postgres/src/fixtures/target.js';
import { createRapport } from '../rapport/facade.js';
import { checkShares, setUpOrganization, type ShareOutcome } from './fixtures/killCheck.js';

/** A count from the environment (for a long run), or its default. */
const countFrom = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? '');
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
/** The long profile (CI, or `pnpm test:long`) kills 25 times; a local `pnpm test`, 5. */
const LONG = process.env['RAPPORT_PROFILE'] === 'long' || Boolean(process.env['CI']);
const KILLS = countFrom('RAPPORT_KILL_TEST_KILLS', LONG ? 25 : 5);
const ROUNDS = countFrom('RAPPORT_KILL_TEST_ROUNDS', LONG ? 40 : 10);
const SEGMENT_PROCESSES = 3;

const temp = createTempDir('auto-share-kill');
const target = createTarget('kill');
afterAll(async () => {
  temp.remove();
  await target.dispose();
});

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Starts the writer (fixtures/writer.ts) in its own process. */
const startWriter = (args: ReadonlyArray<string>): Child =>
  startChild(new URL('./fixtures/writer.ts', import.meta.url), args, {
    nodeArgs: ['--import', 'tsx'],
    cwd: workspaceRoot,
    env: { TSX_TSCONFIG_PATH: `${packageRoot}tsconfig.json` },
  });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Store = EventStore & SnapshotStore & { close(): Promise<void> };

/** Sets up the organization in a store just opened. */
const setUp = async (store: Store): Promise<void> => {
  const rapport = createRapport({ store, snapshots: store });
  await setUpOrganization(rapport);
  await rapport.close();
  await store.close();
};

/**
 * Starts a writer moving contacts into a business segment, lets it run for a random moment after
 * its first contact, kills it with SIGKILL, and again, `KILLS` times. Gives the contacts acknowledged.
 */
const killRepeatedly = async (where: string, schema: string): Promise<number> => {
  let acknowledged = 0;
  for (let kill = 1; kill <= KILLS; kill += 1) {
    const writer = startWriter([where, schema, 'segments', `k${kill}`, '0']);
    await writer.waitForLine((line) => line.startsWith('ack '));
    await sleep(Math.random() * 250);
    writer.process.kill('SIGKILL');
    expect(await writer.exited).toBe('SIGKILL');
    acknowledged += writer.lines.filter((line) => line.startsWith('ack ')).length;
  }
  return acknowledged;
};

/**
 * Opens the store again, checks it before and after `react()`, and gives both outcomes; the
 * outcome after must have no problem and the store must verify.
 */
const reactAndCheck = async (store: Store): Promise<{ before: ShareOutcome; after: ShareOutcome }> => {
  const rapport = createRapport({ store, snapshots: store });
  const before = await checkShares(store, rapport);
  // Alone on the store, the reactions carry out everything: nothing is left for later.
  expect(await rapport.react()).toEqual({
    _tag: 'Right',
    right: { checkpoint: await store.headPosition(), pending: false },
  });
  const after = await checkShares(store, createRapport({ store }));
  expect(after.problems).toEqual([]);
  expect(after.shareable).toBeGreaterThan(0);
  expect(await verifyStore(store)).toMatchObject({ ok: true, events: after.events });
  await rapport.close();
  await store.close();
  return { before, after };
};

const report = (label: string, figures: Record<string, unknown>): void => {
  console.log(`${label}: ${JSON.stringify(figures)}`);
};

describe('auto-sharing survives a writer killed with SIGKILL (R-SHARE-1, R-SYNC-11)', () => {
  it(`R-SHARE-1, R-SYNC-11: SQLite, ${KILLS} kills while contacts move into a business segment: after react(), every shareable contact is shared once, each share citing its trigger`, async () => {
    const started = Date.now();
    const path = temp.file('kill.db');
    await setUp(await openSqliteEventStore({ path }));
    const acknowledged = await killRepeatedly(path, '-');
    const { before, after } = await reactAndCheck(await openSqliteEventStore({ path }));
    report('sqlite kill test', {
      kills: KILLS,
      acknowledged,
      contacts: after.contacts,
      shareable: after.shareable,
      shares: after.shares,
      missingBeforeReact: before.problems.length,
      ms: Date.now() - started,
    });
  }, 180_000);

  it.skipIf(serverUrl === undefined)(
    `R-SHARE-1, R-SYNC-11: PostgreSQL, ${KILLS} kills while contacts move into a business segment: after react(), every shareable contact is shared once, each share citing its trigger (${serverUrl === undefined ? NEEDS_SERVER : 'server'})`,
    async () => {
      const started = Date.now();
      const schema = target.newSchema();
      await setUp(await target.open({ schema }));
      const acknowledged = await killRepeatedly(serverUrl ?? '', schema);
      const { before, after } = await reactAndCheck(await target.open({ schema }));
      report('postgres kill test', {
        kills: KILLS,
        acknowledged,
        contacts: after.contacts,
        shareable: after.shareable,
        shares: after.shares,
        missingBeforeReact: before.problems.length,
        ms: Date.now() - started,
      });
    },
    180_000,
  );
});

describe('auto-sharing under concurrent writers and role churn (R-SHARE-1, R-SYNC-11)', () => {
  it.skipIf(serverUrl === undefined)(
    `R-SHARE-1, R-SYNC-11: PostgreSQL, ${SEGMENT_PROCESSES} processes move ${ROUNDS} contacts each into a business segment while another changes members' roles: after one react(), no follow-up is missing or doubled (${serverUrl === undefined ? NEEDS_SERVER : 'server'})`,
    async () => {
      const started = Date.now();
      const schema = target.newSchema();
      await setUp(await target.open({ schema }));
      const url = serverUrl ?? '';
      const roles = startWriter([url, schema, 'roles', 'roles', '0']);
      await roles.waitForLine((line) => line.startsWith('ack '));
      const writers = Array.from({ length: SEGMENT_PROCESSES }, (_, index) =>
        startWriter([url, schema, 'segments', `w${index}`, String(ROUNDS)]),
      );
      for (const writer of writers) expect(await writer.exited).toBe(0);
      roles.send('stop');
      expect(await roles.exited).toBe(0);
      const lines = [...writers, roles].flatMap((writer) => writer.lines);
      const { before, after } = await reactAndCheck(await target.open({ schema }));
      report('postgres churn test', {
        writers: SEGMENT_PROCESSES,
        rounds: ROUNDS,
        contactsAcknowledged: writers
          .flatMap((writer) => writer.lines)
          .filter((line) => line.startsWith('ack ')).length,
        roleChanges: roles.lines.filter((line) => line.startsWith('ack ')).length,
        rejected: lines.filter((line) => line.startsWith('rejected ')).length,
        contacts: after.contacts,
        shareable: after.shareable,
        shares: after.shares,
        missingBeforeReact: before.problems.length,
        ms: Date.now() - started,
      });
    },
    180_000,
  );
});
