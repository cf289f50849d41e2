/**
 * Anchor files of `rapport verify` (R-AUDIT-5, R-AUDIT-7): an anchor or a signed anchor read from
 * a file and refused with a sentence when it is neither, Ed25519 key files, and anchors written
 * whole or not at all.
 */
import type { KeyObject } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { decodeOrReject, HistoryAnchor, readAnchorKey, SignedAnchor } from '@rapport/core';
import { RejectedError } from './exitCodes.js';

/** What an anchor file holds: a plain anchor, or a signed one. */
export type AnchorFile =
  | { readonly signed: false; readonly anchor: HistoryAnchor }
  | { readonly signed: true; readonly anchor: SignedAnchor };

/**
 * The anchor a file holds, signed or not, or `ANCHOR_INVALID` naming what is wrong with it. A
 * file with a `signature` is read as a signed anchor, every field of it.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * import { createTempDir } from '@rapport/core/testing';
 * import { readAnchorFile } from './anchorFiles.js';
 * const temp = createTempDir('anchor-file');
 * writeFileSync(temp.file('head.json'), JSON.stringify({ globalPosition: 3, eventId: 'e3', hash: 'ab' }));
 * readAnchorFile(temp.file('head.json'), 'head.json').signed; // false
 * writeFileSync(temp.file('bad.json'), JSON.stringify({ globalPosition: 3, eventId: 'e3', hash: 'ab', signature: 'x' }));
 * try { readAnchorFile(temp.file('bad.json'), 'bad.json'); } catch (e) { (e as Error).message.startsWith('the anchor file bad.json is not a signed anchor: at events: expected PositiveInteger'); } // true
 * temp.remove();
 */
export const readAnchorFile = (path: string, shown: string): AnchorFile => {
  let text: string;
  let parsed: unknown;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RejectedError(
      'ANCHOR_INVALID',
      `the anchor file ${shown} cannot be read (${(error as Error).message})`,
    );
  }
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RejectedError('ANCHOR_INVALID', `the anchor file ${shown} is not JSON`);
  }
  const signed = typeof parsed === 'object' && parsed !== null && Object.hasOwn(parsed, 'signature');
  const decoded = signed
    ? decodeOrReject(SignedAnchor, parsed, 'ANCHOR_INVALID')
    : decodeOrReject(HistoryAnchor, parsed, 'ANCHOR_INVALID');
  if (decoded._tag === 'Left')
    throw new RejectedError(
      'ANCHOR_INVALID',
      `the anchor file ${shown} is not ${signed ? 'a signed anchor' : 'an anchor'}: ${decoded.left.message}`,
      decoded.left,
    );
  return signed
    ? { signed: true, anchor: decoded.right as SignedAnchor }
    : { signed: false, anchor: decoded.right };
};

/**
 * An Ed25519 key from a PEM file: the private key that signs, or the public key that checks;
 * `ANCHOR_KEY_INVALID` with a sentence otherwise.
 *
 * @example
 * import { generateKeyPairSync } from 'node:crypto';
 * import { writeFileSync } from 'node:fs';
 * import { createTempDir } from '@rapport/core/testing';
 * import { readKeyFile } from './anchorFiles.js';
 * const temp = createTempDir('key-file');
 * const { publicKey } = generateKeyPairSync('ed25519');
 * writeFileSync(temp.file('key.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
 * readKeyFile(temp.file('key.pub.pem'), 'key.pub.pem', 'public').asymmetricKeyType; // 'ed25519'
 * temp.remove();
 */
export const readKeyFile = (path: string, shown: string, kind: 'private' | 'public'): KeyObject => {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (error) {
    throw new RejectedError(
      'ANCHOR_KEY_INVALID',
      `the key file ${shown} cannot be read (${(error as Error).message})`,
    );
  }
  const key = readAnchorKey(pem, kind);
  if (key._tag === 'Left')
    throw new RejectedError(
      'ANCHOR_KEY_INVALID',
      `the key file ${shown} holds no Ed25519 ${kind} key: ${key.left.message}`,
    );
  return key.right;
};

/**
 * Writes an anchor to a file whole or not at all: a temporary file beside it takes its name once
 * written.
 *
 * @example
 * import { readFileSync } from 'node:fs';
 * import { createTempDir } from '@rapport/core/testing';
 * import { writeAnchorFile } from './anchorFiles.js';
 * const temp = createTempDir('write-anchor');
 * writeAnchorFile(temp.file('head.json'), { globalPosition: 1, eventId: 'e1', hash: 'ab' });
 * JSON.parse(readFileSync(temp.file('head.json'), 'utf8')).eventId; // 'e1'
 * temp.remove();
 */
export const writeAnchorFile = (path: string, anchor: HistoryAnchor | SignedAnchor): void => {
  const temporary = `${path}.${process.pid}.partial`;
  writeFileSync(temporary, `${JSON.stringify(anchor, null, 2)}\n`);
  renameSync(temporary, path);
};
