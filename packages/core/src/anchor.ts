/**
 * Anchors: a copy of a history's head, kept outside the store, that shows later whether the
 * history still holds it (R-AUDIT-5). Verification sees every event removed but the store's own
 * last ones, since positions are given without gaps; the last ones take the head back with them,
 * and only a copy of the head kept elsewhere shows that they were there. Signed anchors
 * (R-AUDIT-7) also show a rewrite of the whole history, chain recomputed, which an unkeyed chain
 * cannot: no checkpoint naming the new head can be signed without a key the store never holds.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { NonEmptyString, PositiveInteger } from './codecs.js';
import type { RecordedEvent } from './envelope.js';
import type { EventStore } from './eventStore.js';
import { canonicalJson } from './hashChain.js';
import { reject, type Rejection } from './rejection.js';

/**
 * The head of a history: the global position of its last event, that event's id and its hash.
 *
 * @example
 * import { HistoryAnchor } from '@rapport/core';
 * HistoryAnchor.is({ globalPosition: 42, eventId: '01JD00000000000000000000AA', hash: 'ab12' }); // true
 * HistoryAnchor.is({ globalPosition: 0, eventId: 'e', hash: 'h' }); // false
 */
export const HistoryAnchor = t.type(
  { globalPosition: PositiveInteger, eventId: NonEmptyString, hash: NonEmptyString },
  'HistoryAnchor',
);
export type HistoryAnchor = t.TypeOf<typeof HistoryAnchor>;

/** Whether a history still holds the event an anchor names, at the anchor's position. */
export interface AnchorCheck {
  readonly ok: boolean;
  readonly anchor: HistoryAnchor;
  /** The event the history holds at the anchor's position, if any. */
  readonly found: { readonly eventId: string; readonly hash: string } | null;
  /** The outcome in words. */
  readonly message: string;
}

/** The event at one global position, read as `readAll` hands it over. */
const eventAt = async (
  store: Pick<EventStore, 'readAll'>,
  globalPosition: number,
): Promise<RecordedEvent | undefined> => {
  for await (const batch of store.readAll({ after: globalPosition - 1, to: globalPosition, batchSize: 1 }))
    for (const event of batch) if (event.globalPosition === globalPosition) return event;
  return undefined;
};

/**
 * The anchor of a store's history as it stands: its last event's position, id and hash; null for
 * an empty store. Keep it outside the store (in another system, a signed note, an auditor's
 * file), then give it to `checkAnchor`.
 *
 * @example
 * import { InMemoryEventStore, anchorOf } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await anchorOf(store); // null
 * const { events } = await store.append('s1', [newEvent()]);
 * (await anchorOf(store))?.hash === events[0]!.hash; // true
 */
export const anchorOf = async (
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
): Promise<HistoryAnchor | null> => {
  const head = await store.headPosition();
  if (head === 0) return null;
  const event = await eventAt(store, head);
  return event === undefined ? null : { globalPosition: head, eventId: event.id, hash: event.hash };
};

/**
 * Checks that a history still holds the event an anchor names, at its position, with its hash.
 * With `verifyStore`'s report ok, the history then holds every event up to the anchor as it was
 * when the anchor was taken: chains show what was altered or reordered, empty positions what was
 * removed, and the anchor that nothing was removed from the end.
 *
 * @example
 * import { InMemoryEventStore, anchorOf, checkAnchor } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await store.append('s1', [newEvent(), newEvent()]);
 * const anchor = (await anchorOf(store))!;
 * (await checkAnchor(store, anchor)).ok; // true
 * (await checkAnchor(store, { ...anchor, globalPosition: 3 })).message;
 * // 'the history ends at position 2, before the anchored position 3: events were removed from its end'
 */
export const checkAnchor = async (
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  anchor: HistoryAnchor,
): Promise<AnchorCheck> => {
  const event = await eventAt(store, anchor.globalPosition);
  if (event === undefined) {
    const head = await store.headPosition();
    return {
      ok: false,
      anchor,
      found: null,
      message:
        head < anchor.globalPosition
          ? `the history ends at position ${head}, before the anchored position ${anchor.globalPosition}: events were removed from its end`
          : `the history holds no event at the anchored position ${anchor.globalPosition}: it was removed`,
    };
  }
  const found = { eventId: event.id, hash: event.hash };
  const same = event.id === anchor.eventId && event.hash === anchor.hash;
  return {
    ok: same,
    anchor,
    found,
    message: same
      ? `position ${anchor.globalPosition} holds the anchored event ${anchor.eventId}`
      : `position ${anchor.globalPosition} holds event ${event.id} (hash ${event.hash}), not the anchored event ${anchor.eventId} (hash ${anchor.hash}): the history was rewritten`,
  };
};

/**
 * A signed checkpoint (R-AUDIT-7): a history's head (its last event's position, id and hash), how
 * many events it holds up to there and the digest of all of them (`historyDigest`), signed with an
 * Ed25519 private key the store never holds. The digest is what covers the whole history: each
 * stream has its own chain, so the head's hash covers only the head's stream. `keyId` names the
 * key (the first 16 hex digits of the SHA-256 of its public key, DER), so that a checkpoint
 * checked with another key says so.
 *
 * @example
 * import { SignedAnchor } from '@rapport/core';
 * SignedAnchor.is({ globalPosition: 2, eventId: 'e2', hash: 'ab', events: 2, historyDigest: 'cd', algorithm: 'ed25519', keyId: '0f1e', signature: 'c2ln' }); // true
 * SignedAnchor.is({ globalPosition: 2, eventId: 'e2', hash: 'ab' }); // false: an unsigned anchor
 */
export const SignedAnchor = t.intersection(
  [
    HistoryAnchor,
    t.type({
      events: PositiveInteger,
      historyDigest: NonEmptyString,
      algorithm: t.literal('ed25519'),
      keyId: NonEmptyString,
      signature: NonEmptyString,
    }),
  ],
  'SignedAnchor',
);
export type SignedAnchor = t.TypeOf<typeof SignedAnchor>;

/** What a signature covers: the domain's name and version, then the checkpoint as canonical JSON. */
const signedText = (anchor: Omit<SignedAnchor, 'signature'>): Buffer =>
  Buffer.from(
    `rapport-signed-anchor-v1\n${canonicalJson({
      algorithm: anchor.algorithm,
      events: anchor.events,
      eventId: anchor.eventId,
      globalPosition: anchor.globalPosition,
      hash: anchor.hash,
      historyDigest: anchor.historyDigest,
      keyId: anchor.keyId,
    })}`,
    'utf8',
  );

/**
 * The id of a key: the first 16 hex digits of the SHA-256 of its public key (DER, SPKI).
 *
 * @example
 * import { generateKeyPairSync } from 'node:crypto';
 * import { anchorKeyId } from '@rapport/core';
 * const { privateKey, publicKey } = generateKeyPairSync('ed25519');
 * anchorKeyId(privateKey) === anchorKeyId(publicKey); // true
 * /^[0-9a-f]{16}$/.test(anchorKeyId(publicKey)); // true
 */
export const anchorKeyId = (key: KeyObject): string =>
  createHash('sha256')
    .update((key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

/** Whether PEM text holds a private key (from which a public key can also be derived). */
const isPrivateKey = (pem: string | Buffer): boolean => {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
};

/**
 * An Ed25519 key from its PEM text (a `.pem` file made with `openssl genpkey -algorithm ed25519`
 * or Node's `generateKeyPairSync('ed25519')`): the private key that signs, or the public key that
 * checks. Anything else is refused with `ANCHOR_KEY_INVALID` and a sentence.
 *
 * @example
 * import { generateKeyPairSync } from 'node:crypto';
 * import { readAnchorKey } from '@rapport/core';
 * const { publicKey } = generateKeyPairSync('ed25519');
 * const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
 * readAnchorKey(pem, 'public')._tag; // 'Right'
 * const wrong = readAnchorKey(pem, 'private');
 * wrong._tag === 'Left' && wrong.left.code; // 'ANCHOR_KEY_INVALID'
 */
export const readAnchorKey = (
  pem: string | Buffer,
  kind: 'private' | 'public',
): E.Either<Rejection, KeyObject> => {
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch (error) {
    return E.left(
      reject(
        'ANCHOR_KEY_INVALID',
        `not a ${kind} key in PEM (${error instanceof Error ? error.message : String(error)}): make a key pair with "openssl genpkey -algorithm ed25519 -out anchor-key.pem" and "openssl pkey -in anchor-key.pem -pubout -out anchor-key.pub.pem"`,
        { rule: 'R-AUDIT-7' },
      ),
    );
  }
  if (kind === 'public' && isPrivateKey(pem))
    return E.left(
      reject(
        'ANCHOR_KEY_INVALID',
        'this is a private key: check anchors with the public key (openssl pkey -in anchor-key.pem -pubout)',
        { rule: 'R-AUDIT-7' },
      ),
    );
  if (key.asymmetricKeyType !== 'ed25519')
    return E.left(
      reject(
        'ANCHOR_KEY_INVALID',
        `this is a ${key.asymmetricKeyType ?? 'secret'} key; anchors are signed with Ed25519 keys (openssl genpkey -algorithm ed25519)`,
        { rule: 'R-AUDIT-7' },
      ),
    );
  return E.right(key);
};

/** What a history holds up to a position: its count of events and the digest of all of them. */
interface HistoryExtent {
  readonly events: number;
  readonly historyDigest: string;
}

/**
 * Reads a history up to `position`: its events counted, and digested in global order (SHA-256 of
 * each event's position, stream and hash, one line each); an event's hash covers its content and
 * the chain of its stream before it, so the digest covers every event up to there.
 */
const extentUpTo = async (store: Pick<EventStore, 'readAll'>, position: number): Promise<HistoryExtent> => {
  const digest = createHash('sha256');
  let events = 0;
  for await (const batch of store.readAll({ to: position }))
    for (const event of batch) {
      if (event.globalPosition > position) continue;
      events++;
      digest.update(`${event.globalPosition} ${JSON.stringify(event.streamId)} ${event.hash}\n`);
    }
  return { events, historyDigest: digest.digest('hex') };
};

/**
 * A signed checkpoint of a store's history as it stands, with an Ed25519 private key
 * (`readAnchorKey`): its head, its count of events and their digest, read from the store; null for
 * an empty history. Sign after a verification that found nothing wrong, and keep the checkpoint
 * outside the store.
 *
 * @example
 * import { generateKeyPairSync } from 'node:crypto';
 * import { InMemoryEventStore, signAnchor } from '@rapport/core';
 * import { newEvents } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await store.append('s1', newEvents(2));
 * const { privateKey } = generateKeyPairSync('ed25519');
 * const signed = (await signAnchor(store, privateKey))!;
 * [signed.globalPosition, signed.events, signed.algorithm]; // [2, 2, 'ed25519']
 */
export const signAnchor = async (
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  privateKey: KeyObject,
): Promise<SignedAnchor | null> => {
  const anchor = await anchorOf(store);
  if (anchor === null) return null;
  const unsigned = {
    ...anchor,
    ...(await extentUpTo(store, anchor.globalPosition)),
    algorithm: 'ed25519' as const,
    keyId: anchorKeyId(privateKey),
  };
  return { ...unsigned, signature: sign(null, signedText(unsigned), privateKey).toString('base64') };
};

/** Whether a history still holds a signed checkpoint, and whether its signature holds. */
export interface SignedAnchorCheck {
  readonly ok: boolean;
  /** `valid`, or why not: signed with another key, or altered since it was signed. */
  readonly signature: 'valid' | 'other_key' | 'invalid';
  /** The check of the head, when the signature is valid. */
  readonly head: AnchorCheck | null;
  /** Events the history holds up to the anchored position, when the signature is valid. */
  readonly events: number | null;
  /** Whether those events digest to the signed `historyDigest`, when the signature is valid. */
  readonly digestHeld: boolean | null;
  /** The outcome in words. */
  readonly message: string;
}

/**
 * Checks a signed checkpoint against a history (R-AUDIT-7): first its signature with the public
 * key, so that a checkpoint edited to fit a rewritten history fails; then that the history still
 * holds the anchored event at its position with its hash (`checkAnchor`), and as many events up
 * to it as were signed, with the signed digest. A history rewritten with its whole chain
 * recomputed verifies, but its events no longer digest to the one signed, and no checkpoint that
 * names the new digest can be signed without the private key.
 *
 * @example
 * import { generateKeyPairSync } from 'node:crypto';
 * import { InMemoryEventStore, checkSignedAnchor, signAnchor } from '@rapport/core';
 * import { newEvents } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await store.append('s1', newEvents(2));
 * const { privateKey, publicKey } = generateKeyPairSync('ed25519');
 * const signed = (await signAnchor(store, privateKey))!;
 * (await checkSignedAnchor(store, signed, publicKey)).ok; // true
 * (await checkSignedAnchor(store, { ...signed, globalPosition: 1 }, publicKey)).signature; // 'invalid'
 * (await checkSignedAnchor(store, signed, generateKeyPairSync('ed25519').publicKey)).signature; // 'other_key'
 */
export const checkSignedAnchor = async (
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  signed: SignedAnchor,
  publicKey: KeyObject,
): Promise<SignedAnchorCheck> => {
  const keyId = anchorKeyId(publicKey);
  const { signature, ...unsigned } = signed;
  if (
    signed.keyId !== keyId ||
    !verify(null, signedText(unsigned), publicKey, Buffer.from(signature, 'base64'))
  ) {
    const otherKey = signed.keyId !== keyId;
    return {
      ok: false,
      signature: otherKey ? 'other_key' : 'invalid',
      head: null,
      events: null,
      digestHeld: null,
      message: otherKey
        ? `the anchor was signed with key ${signed.keyId}, not with the public key given (${keyId})`
        : `the anchor's signature does not match what it holds: it was altered after it was signed`,
    };
  }
  const head = await checkAnchor(store, signed);
  const held = await extentUpTo(store, signed.globalPosition);
  const sameCount = held.events === signed.events;
  const digestHeld = held.historyDigest === signed.historyDigest;
  return {
    ok: head.ok && sameCount && digestHeld,
    signature: 'valid',
    head,
    events: held.events,
    digestHeld,
    message: `signature valid (key ${keyId}); ${
      !head.ok
        ? head.message
        : !sameCount
          ? `the history holds ${held.events} events up to position ${signed.globalPosition}, not the ${signed.events} signed: events were removed`
          : !digestHeld
            ? `the ${held.events} events up to position ${signed.globalPosition} are not those signed: the history was rewritten`
            : `the history holds the ${held.events} events signed, up to the anchored event ${signed.eventId} at position ${signed.globalPosition}`
    }`,
  };
};
