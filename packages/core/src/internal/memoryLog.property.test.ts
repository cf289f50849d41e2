import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../envelope.js';
import { MemoryLog } from './memoryLog.js';

/** Ids that often ascend (as a monotonic generator makes them) and sometimes do not. */
const ids = fc.uniqueArray(
  fc.oneof(
    fc.constantFrom('', 'a', 'b', 'ab', 'b0', 'z', '01J', '01JA', '\u00e9', '\ud83d\ude00'),
    fc.string(),
  ),
  { maxLength: 40 },
);

const fakeEvent = (id: string, n: number): RecordedEvent => ({ id, globalPosition: n + 1 }) as RecordedEvent;

describe('MemoryLog', () => {
  it('finds exactly the stored event of an id, whatever order the ids came in', () => {
    fc.assert(
      fc.property(ids, fc.boolean(), fc.array(fc.string(), { maxLength: 10 }), (list, sorted, probes) => {
        const order = sorted ? [...list].sort() : list;
        const log = new MemoryLog();
        const stream: RecordedEvent[] = [];
        const model = new Map<string, RecordedEvent>();
        order.forEach((id, n) => {
          const event = fakeEvent(id, n);
          expect(log.isAboveEveryId(id) ? undefined : log.eventById(id)).toBeUndefined();
          log.add(event, stream);
          model.set(id, event);
        });
        for (const id of [...order, ...probes]) expect(log.eventById(id)).toBe(model.get(id));
        for (const id of probes) {
          if (log.isAboveEveryId(id)) expect(model.has(id)).toBe(false);
        }
        expect(log.events).toEqual(order.map(fakeEvent));
        expect(stream).toEqual(log.events);
      }),
      { numRuns: 500 },
    );
  });
});
