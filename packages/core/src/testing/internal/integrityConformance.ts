/** Conformance of the hash chain: stored events verify, tampered ones are found (R-AUDIT-5). */
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../eventStore.js';
import { hashEvent } from '../../hashChain.js';
import { verifyStore } from '../../verify.js';
import type { Harness } from './harness.js';
import { freshStream, newEvents, readEverything } from '../events.js';

/** Declares the hash-chain tests of `describeEventStoreConformance`; tampering ones need `h.tamper`. */
export const describeIntegrityConformance = <S extends EventStore>(h: Harness<S>): void => {
  describe('hash chain', () => {
    it(
      'R-AUDIT-5: every stored event carries the hash of its content chained to the event before it in its stream',
      h.withStore(async (store) => {
        const a = freshStream('a');
        const b = freshStream('b');
        await store.append(a, newEvents(3));
        await store.appendMany([
          { streamId: b, expectedVersion: 'any', events: newEvents(2) },
          { streamId: a, expectedVersion: 3, events: newEvents(1) },
        ]);
        for (const stream of [a, b]) {
          let previous: string | null = null;
          for (const event of await store.readStream(stream)) {
            expect(event.previousHash).toBe(previous);
            expect(event.hash).toBe(hashEvent(previous, event));
            previous = event.hash;
          }
        }
        const report = await verifyStore(store);
        expect(report).toMatchObject({ ok: true, events: 6, streams: 2, breaks: [] });
      }),
    );

    it(
      'R-AUDIT-5: data read back hashes the same even when it was written with keys in another order',
      h.withStore(async (store) => {
        const s = freshStream();
        const [event] = newEvents(1);
        await store.append(s, [{ ...event!, data: { z: 1, a: { y: [2, { d: 1, c: 2 }], b: null } } }]);
        const [stored] = await store.readStream(s);
        expect(stored!.hash).toBe(hashEvent(null, stored!));
        expect(stored!.data).toEqual({ a: { b: null, y: [2, { c: 2, d: 1 }] }, z: 1 });
      }),
    );

    const tamper = h.tamper;
    it.skipIf(tamper === undefined)(
      'R-AUDIT-5: an altered event is detected at its stream and version; other streams stay verified',
      h.withStore(async (store) => {
        const a = freshStream('a');
        const b = freshStream('b');
        await store.append(a, newEvents(4));
        await store.append(b, newEvents(2));
        await tamper!(store, { streamId: a, streamVersion: 2, action: 'alter' });
        const report = await verifyStore(store);
        expect(report.ok).toBe(false);
        expect(report.breaks).toEqual([
          expect.objectContaining({ streamId: a, streamVersion: 2, kind: 'hash_mismatch' }),
        ]);
        expect(report.events).toBe(6);
      }),
    );

    it.skipIf(tamper === undefined)(
      'R-AUDIT-5: a removed event is detected at the event after it',
      h.withStore(async (store) => {
        const a = freshStream('a');
        await store.append(a, newEvents(4));
        await tamper!(store, { streamId: a, streamVersion: 2, action: 'remove' });
        const report = await verifyStore(store);
        expect(report.ok).toBe(false);
        expect(report.breaks).toEqual([
          expect.objectContaining({ streamId: a, streamVersion: 3, kind: 'version_gap' }),
        ]);
        expect((await readEverything(store)).length).toBe(3);
      }),
    );
  });
};
