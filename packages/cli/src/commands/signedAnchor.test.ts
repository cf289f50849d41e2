import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashEvent, type RecordedEvent } from '@rapport/core';
import { openSqliteEventStore } from '@rapport/store-sqlite';
import { runInProcess, tempDir } from '../internal/harness.js';

const commands = [
  { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
  { type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' },
  { type: 'AddContact', actor: 'bob', orgId: 'acme', contactId: 'ada', kind: 'person', name: 'Ada' },
  { type: 'SetStage', actor: 'bob', orgId: 'acme', contactId: 'ada', stage: 'lead' },
  { type: 'AddContact', actor: 'bob', orgId: 'acme', contactId: 'bea', kind: 'person', name: 'Bea' },
];

let source = '';

/** Writes an Ed25519 key pair as PEM files in `dir`: `<name>.pem` (private), `<name>.pub.pem`. */
const keyPair = (dir: string, name: string): void => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dir, `${name}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, `${name}.pub.pem`), publicKey.export({ type: 'spki', format: 'pem' }));
};

/** A directory with a copy of the store and the key pair `key`. */
const withStore = (): string => {
  const dir = tempDir();
  copyFileSync(source, join(dir, 'rapport.db'));
  keyPair(dir, 'key');
  return dir;
};

/**
 * Rewrites the store in `dir` as one who has the file and no key would: the data of the event at
 * `position` changed, and every hash of its stream recomputed from there, so that every chain holds.
 */
const rewrite = async (dir: string, position: number): Promise<void> => {
  const path = join(dir, 'rapport.db');
  const store = await openSqliteEventStore({ path });
  const events: RecordedEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  await store.close();
  const heads = new Map<string, string>();
  const rewritten = events.map((event) => {
    const previousHash = heads.get(event.streamId) ?? null;
    const data =
      event.globalPosition === position ? { ...(event.data as object), name: 'Mallory' } : event.data;
    const changed = { ...event, data, previousHash };
    const recomputed = { ...changed, hash: hashEvent(previousHash, changed) };
    heads.set(event.streamId, recomputed.hash);
    return recomputed;
  });
  rmSync(path);
  const fresh = await openSqliteEventStore({ path });
  await fresh.importEvents(rewritten);
  await fresh.close();
};

beforeAll(async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'commands.jsonl'), commands.map((command) => JSON.stringify(command)).join('\n'));
  expect((await runInProcess(['exec', 'commands.jsonl'], dir)).code).toBe(0);
  source = join(dir, 'rapport.db');
});

describe('rapport verify with signed anchors', () => {
  it('R-AUDIT-7: --write-anchor with --sign writes a signed anchor that --anchor with --public-key checks', async () => {
    const dir = withStore();
    const wrote = await runInProcess(['verify', '--write-anchor', 'head.json', '--sign', 'key.pem'], dir);
    expect(wrote.code).toBe(0);
    expect(wrote.stdout).toMatch(
      /signed anchor written to head\.json: position \d+, event \S+, \d+ events, key [0-9a-f]{16}/,
    );
    const anchor = JSON.parse(readFileSync(join(dir, 'head.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(anchor).sort()).toEqual(
      [
        'algorithm',
        'eventId',
        'events',
        'globalPosition',
        'hash',
        'historyDigest',
        'keyId',
        'signature',
      ].sort(),
    );
    const checked = await runInProcess(
      ['verify', '--anchor', 'head.json', '--public-key', 'key.pub.pem'],
      dir,
    );
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('anchor: signature valid (key');
    expect(checked.stdout).toContain('ok: every hash chain holds');
  });

  it('R-AUDIT-7: a history rewritten with its whole chain recomputed passes plain verification, and fails against the signed anchor', async () => {
    const dir = withStore();
    expect(
      (await runInProcess(['verify', '--write-anchor', 'head.json', '--sign', 'key.pem'], dir)).code,
    ).toBe(0);
    // Ada's name, in the event that added her: an event in the middle, not the head.
    await rewrite(dir, 3);
    const plain = await runInProcess(['verify'], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('ok: every hash chain holds');
    const checked = await runInProcess(
      ['verify', '--anchor', 'head.json', '--public-key', 'key.pub.pem'],
      dir,
    );
    expect(checked.code).toBe(3);
    expect(checked.stdout).toContain('are not those signed: the history was rewritten');
  });

  it('R-AUDIT-7: an anchor file edited after signing (its position or hash) fails its signature', async () => {
    const dir = withStore();
    expect(
      (await runInProcess(['verify', '--write-anchor', 'head.json', '--sign', 'key.pem'], dir)).code,
    ).toBe(0);
    const anchor = JSON.parse(readFileSync(join(dir, 'head.json'), 'utf8')) as {
      globalPosition: number;
      hash: string;
    };
    for (const edited of [
      { ...anchor, globalPosition: anchor.globalPosition - 1 },
      { ...anchor, hash: anchor.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
    ]) {
      writeFileSync(join(dir, 'edited.json'), JSON.stringify(edited));
      const run = await runInProcess(
        ['verify', '--anchor', 'edited.json', '--public-key', 'key.pub.pem'],
        dir,
      );
      expect(run.code).toBe(3);
      expect(run.stdout).toContain("anchor: the anchor's signature does not match what it holds");
    }
  });

  it('R-AUDIT-7: a wrong public key fails, and so does an unsigned anchor put in place of a signed one', async () => {
    const dir = withStore();
    keyPair(dir, 'other');
    expect(
      (await runInProcess(['verify', '--write-anchor', 'head.json', '--sign', 'key.pem'], dir)).code,
    ).toBe(0);
    const wrongKey = await runInProcess(
      ['verify', '--anchor', 'head.json', '--public-key', 'other.pub.pem'],
      dir,
    );
    expect(wrongKey.code).toBe(3);
    expect(wrongKey.stdout).toMatch(
      /anchor: the anchor was signed with key [0-9a-f]{16}, not with the public key given/,
    );
    expect((await runInProcess(['verify', '--write-anchor', 'plain.json'], dir)).code).toBe(0);
    const unsigned = await runInProcess(
      ['verify', '--anchor', 'plain.json', '--public-key', 'key.pub.pem'],
      dir,
    );
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain(
      'the anchor file plain.json is not signed, so --public-key cannot check it: was a signed anchor replaced? (ANCHOR_NOT_SIGNED)',
    );
  });

  it('refuses keys that are not Ed25519 keys of the right kind, and a signed anchor without its public key', async () => {
    const dir = withStore();
    const publicAsPrivate = await runInProcess(
      ['verify', '--write-anchor', 'head.json', '--sign', 'key.pub.pem'],
      dir,
    );
    expect(publicAsPrivate.code).toBe(1);
    expect(publicAsPrivate.stderr).toContain('the key file key.pub.pem holds no Ed25519 private key');
    expect(
      (await runInProcess(['verify', '--write-anchor', 'head.json', '--sign', 'key.pem'], dir)).code,
    ).toBe(0);
    const privateAsPublic = await runInProcess(
      ['verify', '--anchor', 'head.json', '--public-key', 'key.pem'],
      dir,
    );
    expect(privateAsPublic.code).toBe(1);
    expect(privateAsPublic.stderr).toContain('this is a private key');
    const noKey = await runInProcess(['verify', '--anchor', 'head.json'], dir);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('(PUBLIC_KEY_REQUIRED)');
    expect((await runInProcess(['verify', '--sign', 'key.pem'], dir)).code).toBe(2);
  });
});
