import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anchorOf,
  checkAnchor,
  checkSignedAnchor,
  readAnchorKey,
  signAnchor,
  SignedAnchor,
  type HistoryAnchor,
} from './anchor.js';
import type { NewEvent } from './envelope.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { newEvents } from './testing/index.js';
import { verifyStore } from './verify.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

/** A store holding `events`, appended one at a time over two streams: the chain its store computes. */
const storeOf = async (events: ReadonlyArray<NewEvent>): Promise<InMemoryEventStore> => {
  const store = new InMemoryEventStore();
  for (const [i, event] of events.entries()) await store.append(`s${i % 2}`, [event]);
  return store;
};

const headOf = async (store: InMemoryEventStore): Promise<HistoryAnchor> => {
  const anchor = await anchorOf(store);
  if (anchor === null) throw new Error('no anchor of an empty history');
  return anchor;
};

const signedOf = async (store: InMemoryEventStore, key = privateKey): Promise<SignedAnchor> => {
  const signed = await signAnchor(store, key);
  if (signed === null) throw new Error('no anchor of an empty history');
  return signed;
};

describe('signed anchors', () => {
  it('R-AUDIT-7: a history rewritten with its whole chain recomputed verifies, but fails against the signed anchor of the original', async () => {
    const original = newEvents(8);
    const store = await storeOf(original);
    const signed = await signedOf(store);
    expect(await checkSignedAnchor(store, signed, publicKey)).toMatchObject({
      ok: true,
      signature: 'valid',
      events: 8,
    });

    // The same events but one, altered, appended anew: every hash is valid again.
    const rewritten = await storeOf(
      original.map((event, i) => (i === 2 ? { ...event, data: { index: 99 } } : event)),
    );
    expect(await verifyStore(rewritten)).toMatchObject({
      ok: true,
      events: 8,
      missingPositions: 0,
      breaks: [],
    });
    const check = await checkSignedAnchor(rewritten, signed, publicKey);
    // The head is in another stream than the event altered: its hash is the same, only the
    // digest of every event shows the rewrite.
    expect(check).toMatchObject({
      ok: false,
      signature: 'valid',
      head: { ok: true },
      events: 8,
      digestHeld: false,
    });
    expect(check.message).toContain('are not those signed: the history was rewritten');
    // Rewritten up to its head's own stream, the head's hash changes too.
    const headRewritten = await storeOf(
      original.map((event, i) => (i === 7 ? { ...event, actor: 'mallory' } : event)),
    );
    expect(await verifyStore(headRewritten)).toMatchObject({ ok: true });
    expect(await checkSignedAnchor(headRewritten, signed, publicKey)).toMatchObject({
      ok: false,
      head: { ok: false },
    });
  });

  it('R-AUDIT-7: an anchor edited to fit the rewritten history (its position, id or hash) fails its signature', async () => {
    const original = newEvents(6);
    const signed = await signedOf(await storeOf(original));
    const rewritten = await storeOf(
      original.map((event, i) => (i === 0 ? { ...event, actor: 'mallory' } : event)),
    );
    const newHead = await headOf(rewritten);
    // Renamed to the rewritten head, the anchor would pass checkAnchor: only the signature shows it.
    const resigned = await signedOf(rewritten, other.privateKey);
    const edited = { ...signed, hash: newHead.hash, historyDigest: resigned.historyDigest };
    expect((await checkAnchor(rewritten, edited)).ok).toBe(true);
    for (const tampered of [
      edited,
      { ...signed, globalPosition: 5 },
      { ...signed, events: 5 },
      { ...signed, eventId: 'x' },
    ]) {
      const check = await checkSignedAnchor(rewritten, tampered, publicKey);
      expect(check).toMatchObject({ ok: false, signature: 'invalid', head: null });
      expect(check.message).toBe(
        "the anchor's signature does not match what it holds: it was altered after it was signed",
      );
    }
  });

  it('R-AUDIT-7: a signature made with another key fails, named or not by its key id', async () => {
    const store = await storeOf(newEvents(3));
    const signed = await signedOf(store);
    const wrongKey = await checkSignedAnchor(store, signed, other.publicKey);
    expect(wrongKey).toMatchObject({ ok: false, signature: 'other_key' });
    expect(wrongKey.message).toContain(`signed with key ${signed.keyId}`);
    // Signed with a key of one's own under the checker's key id: the signature fails.
    const forged = { ...(await signedOf(store, other.privateKey)), keyId: signed.keyId };
    expect(await checkSignedAnchor(store, forged, publicKey)).toMatchObject({
      ok: false,
      signature: 'invalid',
    });
  });

  it("R-AUDIT-7: the store's last events removed after signing fail it: the head is gone and fewer events are held", async () => {
    const events = newEvents(5);
    const signed = await signedOf(await storeOf(events));
    const shorter = await storeOf(events.slice(0, 4));
    expect(await checkSignedAnchor(shorter, signed, publicKey)).toMatchObject({
      ok: false,
      signature: 'valid',
      events: 4,
      head: { ok: false, found: null },
    });
  });

  it('R-AUDIT-7: any change to any field of a signed anchor fails its signature', async () => {
    const store = await storeOf(newEvents(4));
    const signed = await signedOf(store);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('globalPosition', 'eventId', 'hash', 'events', 'historyDigest', 'keyId', 'signature'),
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 1000 }),
        async (field, text, number) => {
          const value = typeof signed[field] === 'number' ? number : text;
          fc.pre(value !== signed[field]);
          const tampered = { ...signed, [field]: value } as SignedAnchor;
          expect((await checkSignedAnchor(store, tampered, publicKey)).ok).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('R-AUDIT-7: a signed anchor survives JSON, and an unsigned one is not a signed one', async () => {
    const signed = await signedOf(await storeOf(newEvents(2)));
    expect(SignedAnchor.is(JSON.parse(JSON.stringify(signed)))).toBe(true);
    const { events: _e, historyDigest: _d, algorithm: _a, keyId: _k, signature: _s, ...unsigned } = signed;
    expect(SignedAnchor.is(unsigned)).toBe(false);
  });

  it('R-AUDIT-7: keys are Ed25519 PEM: a private key to sign, a public one to check; others are refused with a sentence', () => {
    const pem = (kind: 'private' | 'public', key = kind === 'private' ? privateKey : publicKey) =>
      kind === 'private'
        ? key.export({ type: 'pkcs8', format: 'pem' }).toString()
        : key.export({ type: 'spki', format: 'pem' }).toString();
    expect(readAnchorKey(pem('private'), 'private')).toMatchObject({ _tag: 'Right' });
    expect(readAnchorKey(pem('public'), 'public')).toMatchObject({ _tag: 'Right' });
    expect(readAnchorKey(pem('private'), 'public')).toMatchObject({
      _tag: 'Left',
      left: { code: 'ANCHOR_KEY_INVALID', message: expect.stringContaining('this is a private key') },
    });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(readAnchorKey(pem('public', rsa), 'public')).toMatchObject({
      _tag: 'Left',
      left: { code: 'ANCHOR_KEY_INVALID', message: expect.stringContaining('this is a rsa key') },
    });
    expect(readAnchorKey('not a key', 'private')).toMatchObject({
      _tag: 'Left',
      left: {
        code: 'ANCHOR_KEY_INVALID',
        message: expect.stringContaining('openssl genpkey -algorithm ed25519'),
      },
    });
  });
});
