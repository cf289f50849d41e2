/** Conformance of appends: expected versions, races, idempotency, atomic multi-stream writes. */
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../envelope.js';
import type { EventStore, ExpectedVersion } from '../../eventStore.js';
import type { Harness } from './harness.js';
import { freshStream, newEvent, newEvents, readEverything } from '../events.js';

const conflict = (streamId: string, expected: ExpectedVersion, actual: number) =>
  expect.objectContaining({ code: 'CONCURRENCY_CONFLICT', streamId, expected, actual });

const ids = (events: ReadonlyArray<{ readonly id: string }>): string[] => events.map((e) => e.id);

/** Declares the append tests of `describeEventStoreConformance`, each on a fresh store of `h`. */
export const describeAppendConformance = <S extends EventStore>(h: Harness<S>): void => {
  describe('expected versions', () => {
    it(
      "'any' appends to a new and to an existing stream; it is the default",
      h.withStore(async (store) => {
        const s = freshStream();
        expect((await store.append(s, [newEvent()], { expectedVersion: 'any' })).nextExpectedVersion).toBe(1);
        expect((await store.append(s, newEvents(2), { expectedVersion: 'any' })).nextExpectedVersion).toBe(3);
        expect((await store.append(s, [newEvent()])).nextExpectedVersion).toBe(4);
        expect(await store.streamVersion(s)).toBe(4);
      }),
    );

    it(
      "'no_stream' (and 0) appends only to a stream without events",
      h.withStore(async (store) => {
        const s = freshStream();
        await store.append(s, [newEvent()], { expectedVersion: 'no_stream' });
        await expect(store.append(s, [newEvent()], { expectedVersion: 'no_stream' })).rejects.toEqual(
          conflict(s, 'no_stream', 1),
        );
        await expect(store.append(s, [newEvent()], { expectedVersion: 0 })).rejects.toEqual(
          conflict(s, 0, 1),
        );
        const t = freshStream();
        expect((await store.append(t, [newEvent()], { expectedVersion: 0 })).nextExpectedVersion).toBe(1);
        expect(await store.streamVersion(s)).toBe(1);
      }),
    );

    it(
      "'stream_exists' appends only to a stream with events",
      h.withStore(async (store) => {
        const s = freshStream();
        await expect(store.append(s, [newEvent()], { expectedVersion: 'stream_exists' })).rejects.toEqual(
          conflict(s, 'stream_exists', 0),
        );
        expect(await store.streamVersion(s)).toBe(0);
        await store.append(s, [newEvent()]);
        expect(
          (await store.append(s, [newEvent()], { expectedVersion: 'stream_exists' })).nextExpectedVersion,
        ).toBe(2);
      }),
    );

    it(
      'an exact version appends only when the stream is at that version; the conflict carries expected and actual',
      h.withStore(async (store) => {
        const s = freshStream();
        const first = await store.append(s, newEvents(2), { expectedVersion: 0 });
        expect(first.nextExpectedVersion).toBe(2);
        await expect(store.append(s, [newEvent()], { expectedVersion: 1 })).rejects.toEqual(
          conflict(s, 1, 2),
        );
        await expect(store.append(s, [newEvent()], { expectedVersion: 3 })).rejects.toEqual(
          conflict(s, 3, 2),
        );
        const second = await store.append(s, [newEvent()], { expectedVersion: first.nextExpectedVersion });
        expect(second.nextExpectedVersion).toBe(3);
        expect(second.events.map((e) => e.streamVersion)).toEqual([3]);
        expect(await store.streamVersion(s)).toBe(3);
      }),
    );

    it(
      'a conflicting append stores nothing',
      h.withStore(async (store) => {
        const s = freshStream();
        await store.append(s, [newEvent()]);
        const head = await store.headPosition();
        await expect(store.append(s, newEvents(3), { expectedVersion: 5 })).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT',
        });
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(s)).toHaveLength(1);
      }),
    );

    it(
      'an expected version that is not a whole number ≥ 0 is refused',
      h.withStore(async (store) => {
        const s = freshStream();
        for (const bad of [-1, 1.5]) {
          await expect(store.append(s, [newEvent()], { expectedVersion: bad })).rejects.toMatchObject({
            code: 'INVALID_EXPECTED_VERSION',
          });
        }
        expect(await store.streamVersion(s)).toBe(0);
      }),
    );

    it(
      'an empty append only checks the version',
      h.withStore(async (store) => {
        const s = freshStream();
        expect(await store.append(s, [], { expectedVersion: 'no_stream' })).toEqual({
          streamId: s,
          nextExpectedVersion: 0,
          events: [],
        });
        await store.append(s, newEvents(2));
        expect((await store.append(s, [], { expectedVersion: 2 })).nextExpectedVersion).toBe(2);
        await expect(store.append(s, [], { expectedVersion: 1 })).rejects.toEqual(conflict(s, 1, 2));
        expect(await store.headPosition()).toBe((await readEverything(store)).at(-1)?.globalPosition);
      }),
    );
  });

  describe('concurrency', () => {
    it(
      'two racing appends with the same expected version: exactly one wins',
      h.withStore(async (store) => {
        const s = freshStream();
        await store.append(s, [newEvent()]);
        const a = newEvents(2);
        const b = newEvents(2);
        const outcomes = await Promise.allSettled([
          store.append(s, a, { expectedVersion: 1 }),
          store.append(s, b, { expectedVersion: 1 }),
        ]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect((lost[0] as PromiseRejectedResult).reason).toEqual(conflict(s, 1, 3));
        const winner = outcomes[0]?.status === 'fulfilled' ? a : b;
        expect(ids((await store.readStream(s)).slice(1))).toEqual(ids(winner));
      }),
    );

    it(
      'many racing writers on one stream with the same expected version: exactly one wins',
      h.withStore(async (store) => {
        const s = freshStream();
        const writers = Array.from({ length: 8 }, () => newEvents(1));
        const outcomes = await Promise.allSettled(
          writers.map((events) => store.append(s, events, { expectedVersion: 'no_stream' })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) {
          if (o.status === 'rejected') expect(o.reason).toEqual(conflict(s, 'no_stream', 1));
        }
        expect(await store.readStream(s)).toHaveLength(1);
      }),
    );

    it(
      "racing writers with 'any' all succeed, with versions 1..n and no duplicate",
      h.withStore(async (store) => {
        const s = freshStream();
        const results = await Promise.all(Array.from({ length: 10 }, () => store.append(s, newEvents(2))));
        const versions = results.flatMap((r) => r.events.map((e) => e.streamVersion)).sort((x, y) => x - y);
        expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect((await store.readStream(s)).map((e) => e.streamVersion)).toEqual(versions);
      }),
    );
  });

  describe('idempotency', () => {
    it(
      'retrying an append returns the first result and stores nothing twice, whatever the expected version',
      h.withStore(async (store) => {
        const s = freshStream();
        const events = newEvents(3);
        const first = await store.append(s, events, { expectedVersion: 'no_stream' });
        await store.append(s, [newEvent()]);
        const again = await store.append(s, events, { expectedVersion: 'no_stream' });
        expect(again).toEqual(first);
        const retriedCopy = await store.append(
          s,
          events.map((e) => ({ ...e, data: JSON.parse(JSON.stringify(e.data)) as unknown })),
          { expectedVersion: 17 },
        );
        expect(retriedCopy).toEqual(first);
        expect(await store.readStream(s)).toHaveLength(4);
      }),
    );

    it(
      'an id reused for other content, or in another stream, is refused',
      h.withStore(async (store) => {
        const s = freshStream();
        const [event] = newEvents(1) as [NewEvent];
        await store.append(s, [event]);
        await expect(store.append(s, [{ ...event, data: { other: true } }])).rejects.toMatchObject({
          code: 'DUPLICATE_EVENT_ID',
          eventId: event.id,
        });
        await expect(store.append(s, [{ ...event, actor: 'u_other' }])).rejects.toMatchObject({
          code: 'DUPLICATE_EVENT_ID',
        });
        await expect(store.append(freshStream(), [event])).rejects.toMatchObject({
          code: 'DUPLICATE_EVENT_ID',
        });
        expect(await readEverything(store)).toHaveLength(1);
      }),
    );

    it(
      'an append mixing stored ids with new ones is refused and stores nothing',
      h.withStore(async (store) => {
        const s = freshStream();
        const stored = newEvents(2);
        await store.append(s, stored);
        await expect(store.append(s, [...stored, newEvent()])).rejects.toMatchObject({
          code: 'DUPLICATE_EVENT_ID',
        });
        expect(await store.readStream(s)).toHaveLength(2);
      }),
    );

    it(
      'two events with one id in a single append are refused and nothing is stored',
      h.withStore(async (store) => {
        const s = freshStream();
        const event = newEvent();
        await expect(store.append(s, [event, { ...event }])).rejects.toMatchObject({
          code: 'DUPLICATE_EVENT_ID',
        });
        expect(await store.streamVersion(s)).toBe(0);
        expect(await store.headPosition()).toBe(0);
      }),
    );
  });

  describe('appendMany', () => {
    it(
      'writes several streams at once, each with its expected version, in the order given',
      h.withStore(async (store) => {
        const a = freshStream('a');
        const b = freshStream('b');
        await store.append(b, [newEvent()]);
        const results = await store.appendMany([
          { streamId: a, expectedVersion: 'no_stream', events: newEvents(2) },
          { streamId: b, expectedVersion: 1, events: newEvents(1) },
        ]);
        expect(results.map((r) => [r.streamId, r.nextExpectedVersion])).toEqual([
          [a, 2],
          [b, 2],
        ]);
        const positions = results.flatMap((r) => r.events.map((e) => e.globalPosition));
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        const all = await readEverything(store);
        expect(ids(all.slice(1))).toEqual(ids(results.flatMap((r) => r.events)));
      }),
    );

    it(
      'is all or nothing: one conflicting stream and nothing is stored',
      h.withStore(async (store) => {
        const a = freshStream('a');
        const b = freshStream('b');
        await store.append(b, newEvents(2));
        await expect(
          store.appendMany([
            { streamId: a, expectedVersion: 'no_stream', events: newEvents(2) },
            { streamId: b, expectedVersion: 1, events: newEvents(1) },
          ]),
        ).rejects.toEqual(conflict(b, 1, 2));
        expect(await store.streamVersion(a)).toBe(0);
        expect(await store.streamVersion(b)).toBe(2);
        expect(await readEverything(store)).toHaveLength(2);
      }),
    );

    it(
      'a write with no events guards a stream read: it passes when the stream is unchanged and blocks otherwise',
      h.withStore(async (store) => {
        const contact = freshStream('contact');
        const org = freshStream('org');
        await store.append(org, newEvents(3));
        const passed = await store.appendMany([
          { streamId: contact, expectedVersion: 'no_stream', events: [newEvent()] },
          { streamId: org, expectedVersion: 3, events: [] },
        ]);
        expect(passed.map((r) => r.nextExpectedVersion)).toEqual([1, 3]);
        expect(passed[1]?.events).toEqual([]);
        await store.append(org, [newEvent()]);
        await expect(
          store.appendMany([
            { streamId: contact, expectedVersion: 1, events: [newEvent()] },
            { streamId: org, expectedVersion: 3, events: [] },
          ]),
        ).rejects.toEqual(conflict(org, 3, 4));
        expect(await store.streamVersion(contact)).toBe(1);
      }),
    );

    it(
      'R-AUDIT-1: a malformed event in any write refuses the whole call, naming its path',
      h.withStore(async (store) => {
        const a = freshStream('a');
        const b = freshStream('b');
        await expect(
          store.appendMany([
            { streamId: a, expectedVersion: 'any', events: newEvents(1) },
            {
              streamId: b,
              expectedVersion: 'any',
              events: [newEvent(), { ...newEvent(), schemaVersion: -1 }],
            },
          ]),
        ).rejects.toMatchObject({ code: 'INVALID_EVENT', path: 'writes[1].events[1].schemaVersion' });
        expect(await store.headPosition()).toBe(0);
      }),
    );

    it(
      'a stream written twice in one call, or one id in two writes, is refused',
      h.withStore(async (store) => {
        const a = freshStream('a');
        await expect(
          store.appendMany([
            { streamId: a, expectedVersion: 'any', events: newEvents(1) },
            { streamId: a, expectedVersion: 'any', events: newEvents(1) },
          ]),
        ).rejects.toMatchObject({ code: 'INVALID_EVENT' });
        const event = newEvent();
        await expect(
          store.appendMany([
            { streamId: a, expectedVersion: 'any', events: [event] },
            { streamId: freshStream('b'), expectedVersion: 'any', events: [{ ...event }] },
          ]),
        ).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
        expect(await store.headPosition()).toBe(0);
      }),
    );

    it(
      'retrying an appendMany returns the first results and stores nothing twice',
      h.withStore(async (store) => {
        const a = freshStream('a');
        const b = freshStream('b');
        const writes = [
          { streamId: a, expectedVersion: 'no_stream' as const, events: newEvents(2) },
          { streamId: b, expectedVersion: 'no_stream' as const, events: newEvents(1) },
        ];
        const first = await store.appendMany(writes);
        await store.append(b, [newEvent()]);
        expect(await store.appendMany(writes)).toEqual(first);
        expect(await readEverything(store)).toHaveLength(4);
      }),
    );
  });

  describe('input', () => {
    it(
      'R-AUDIT-1: a malformed event is refused with the path of the fault, and nothing is stored',
      h.withStore(async (store) => {
        const s = freshStream();
        const cases: ReadonlyArray<[unknown, string]> = [
          [{ ...newEvent(), recordedAt: 'yesterday' }, 'events[1].recordedAt'],
          [{ ...newEvent(), id: '' }, 'events[1].id'],
          [{ ...newEvent(), causationId: 5 }, 'events[1].causationId'],
          [{ ...newEvent(), actor: undefined }, 'events[1].actor'],
          ['not an event', 'events[1]'],
        ];
        for (const [bad, path] of cases) {
          await expect(store.append(s, [newEvent(), bad as NewEvent])).rejects.toMatchObject({
            code: 'INVALID_EVENT',
            path,
          });
        }
        await expect(store.append('', [newEvent()])).rejects.toMatchObject({ code: 'INVALID_EVENT' });
        expect(await store.headPosition()).toBe(0);
      }),
    );

    it(
      'R-AUDIT-8: data JSON would not keep as it is is refused with its path, and nothing is stored',
      h.withStore(async (store) => {
        const s = freshStream();
        const sparse: unknown[] = [1];
        sparse[2] = 3;
        const cases: ReadonlyArray<[unknown, string]> = [
          [{ amount: Number.NaN }, 'events[0].data.amount'],
          [{ list: [1, Number.POSITIVE_INFINITY] }, 'events[0].data.list[1]'],
          [{ at: new Date(0) }, 'events[0].data.at'],
          [{ gone: undefined }, 'events[0].data.gone'],
          [{ set: new Map() }, 'events[0].data.set'],
          [{ big: 1n }, 'events[0].data.big'],
          [{ list: sparse }, 'events[0].data.list[1]'],
          [Number.NaN, 'events[0].data'],
        ];
        for (const [data, path] of cases)
          await expect(store.append(s, [newEvent({ data })])).rejects.toMatchObject({
            code: 'INVALID_EVENT',
            path,
          });
        expect(await store.headPosition()).toBe(0);
      }),
    );

    it(
      'R-AUDIT-2: data and metadata read back as appended',
      h.withStore(async (store) => {
        const s = freshStream();
        const event = newEvent({
          type: 'ContactRenamed',
          schemaVersion: 3,
          data: {
            name: 'Zoë “Ø” 名前 🎉',
            nested: { list: [1, 2.5, null, true, { z: 1, a: 'b' }] },
            empty: {},
          },
          actor: 'u_ann',
          recordedAt: '2026-01-02T03:04:05.678Z',
          correlationId: 'corr-9',
          causationId: 'cmd-7',
        });
        await store.append(s, [event]);
        const [stored] = await store.readStream(s);
        expect(stored).toMatchObject({ ...event, streamId: s, streamVersion: 1 });
      }),
    );

    it(
      'a closed store refuses further calls',
      h.withStore(async (store) => {
        await store.close();
        await expect(store.append(freshStream(), [newEvent()])).rejects.toBeInstanceOf(Error);
        await expect(store.readStream(freshStream())).rejects.toBeInstanceOf(Error);
      }),
    );
  });
};
