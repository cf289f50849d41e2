import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from './envelope.js';
import type { StreamWrite } from './eventStore.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { newEvent, readEverything } from './testing/index.js';

/**
 * How an event's content departs from the base content: not at all, or in one field. Two events
 * with one id are the same event exactly when they depart in the same way; the base data is given
 * with its keys in either order, which changes nothing.
 */
const VARIANTS = [
  'base',
  'type',
  'schemaVersion',
  'actor',
  'recordedAt',
  'correlationId',
  'causationId',
  'data',
] as const;
type Variant = (typeof VARIANTS)[number];

const eventOf = (id: string, variant: Variant, keysReversed: boolean): NewEvent => {
  const data = keysReversed ? { b: 2, a: 1 } : { a: 1, b: 2 };
  const base = newEvent({ id, type: 'Noted', schemaVersion: 1, data, causationId: null });
  switch (variant) {
    case 'base':
      return base;
    case 'type':
      return { ...base, type: 'Renamed' };
    case 'schemaVersion':
      return { ...base, schemaVersion: 2 };
    case 'actor':
      return { ...base, actor: 'u_other' };
    case 'recordedAt':
      return { ...base, recordedAt: '2026-11-23T09:30:00.001Z' };
    case 'correlationId':
      return { ...base, correlationId: 'corr-other' };
    case 'causationId':
      return { ...base, causationId: 'cause' };
    case 'data':
      return { ...base, data: { a: 1, b: 3 } };
  }
};

/** One write: a stream and a few events, their ids from a small set so that retries and reused ids occur. */
const writeArb = fc.record({
  stream: fc.constantFrom('s1', 's2', 's3'),
  events: fc.uniqueArray(
    fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      variant: fc.oneof(
        { weight: 6, arbitrary: fc.constant<Variant>('base') },
        { weight: 1, arbitrary: fc.constantFrom(...VARIANTS) },
      ),
      keysReversed: fc.boolean(),
    }),
    { selector: (event) => event.id, maxLength: 4 },
  ),
});

/** A call: one append, or an appendMany of writes to distinct streams. */
const callArb = fc.oneof(
  writeArb.map((write) => ({ kind: 'append' as const, writes: [write] })),
  fc
    .uniqueArray(writeArb, { selector: (write) => write.stream, minLength: 1, maxLength: 3 })
    .map((writes) => ({ kind: 'appendMany' as const, writes })),
);

/** The model: each stored id with its stream and variant, and the ids in the order they were stored. */
interface Model {
  readonly byId: Map<string, { readonly stream: string; readonly variant: Variant }>;
  readonly order: string[];
}

/**
 * What the model says of a write: 'new' when none of its ids is stored, 'retry' when all of them are,
 * in its stream, with the same content, and 'DUPLICATE_EVENT_ID' otherwise.
 */
const modelOutcome = (
  model: Model,
  stream: string,
  events: ReadonlyArray<{ readonly id: string; readonly variant: Variant }>,
): 'new' | 'retry' | 'DUPLICATE_EVENT_ID' => {
  const stored = events.filter((event) => model.byId.has(event.id));
  if (stored.length === 0) return 'new';
  const same = stored.every((event) => {
    const held = model.byId.get(event.id)!;
    return held.stream === stream && held.variant === event.variant;
  });
  return same && stored.length === events.length ? 'retry' : 'DUPLICATE_EVENT_ID';
};

describe('InMemoryEventStore', () => {
  it('R-AUDIT-1: an append is new when none of its ids is stored, a retry when all are, in its stream, with the same content, and refused otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(callArb, { maxLength: 12 }), async (calls) => {
        const store = new InMemoryEventStore();
        const model: Model = { byId: new Map(), order: [] };
        const recorded = new Map<string, RecordedEvent>();
        for (const call of calls) {
          const writes: StreamWrite[] = call.writes.map((write) => ({
            streamId: write.stream,
            expectedVersion: 'any',
            events: write.events.map((event) => eventOf(event.id, event.variant, event.keysReversed)),
          }));
          const ids = call.writes.flatMap((write) => write.events.map((event) => event.id));
          const outcomes = call.writes.map((write) => modelOutcome(model, write.stream, write.events));
          const refused =
            new Set(ids).size < ids.length || outcomes.some((outcome) => outcome === 'DUPLICATE_EVENT_ID');
          const results = await (
            call.kind === 'append'
              ? store.append(writes[0]!.streamId, writes[0]!.events).then((result) => [result])
              : store.appendMany(writes)
          ).then(
            (result) => result,
            (error: { code: string }) => error.code,
          );
          if (refused) {
            expect(results).toBe('DUPLICATE_EVENT_ID');
            continue;
          }
          if (typeof results === 'string') throw new Error(`refused with ${results}`);
          call.writes.forEach((write, i) => {
            const result = results[i]!;
            expect(result.streamId).toBe(write.stream);
            expect(result.events.map((event) => event.id)).toEqual(write.events.map((event) => event.id));
            if (outcomes[i] === 'retry') {
              result.events.forEach((event) => expect(event).toBe(recorded.get(event.id)));
              return;
            }
            for (const [j, event] of write.events.entries()) {
              model.byId.set(event.id, { stream: write.stream, variant: event.variant });
              model.order.push(event.id);
              expect(result.events[j]).toMatchObject({
                streamId: write.stream,
                globalPosition: model.order.length,
              });
              recorded.set(event.id, result.events[j]!);
            }
          });
        }
        const all = await readEverything(store);
        expect(all.map((event) => event.id)).toEqual(model.order);
        expect(all.map((event) => [event.streamId, event.type, event.actor])).toEqual(
          model.order.map((id) => {
            const held = model.byId.get(id)!;
            return [
              held.stream,
              held.variant === 'type' ? 'Renamed' : 'Noted',
              held.variant === 'actor' ? 'u_other' : 'u_conformance',
            ];
          }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
