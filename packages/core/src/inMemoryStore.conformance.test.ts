import type { RecordedEvent } from './envelope.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { logOf } from './internal/memoryLog.js';
import { describeEventStoreConformance } from './testing/vitest.js';

describeEventStoreConformance('InMemoryEventStore', {
  create: async () => new InMemoryEventStore({ batchSize: 3 }),
  tamper: async (store, { streamId, streamVersion, action }) => {
    const log = logOf(store);
    const stream = log.streams.get(streamId)!;
    const target = stream[streamVersion - 1]!;
    const index = log.events.indexOf(target);
    if (action === 'remove') {
      stream.splice(streamVersion - 1, 1);
      log.events.splice(index, 1);
      return;
    }
    const altered: RecordedEvent = { ...target, data: { altered: true } };
    stream[streamVersion - 1] = altered;
    log.events[index] = altered;
  },
});
