/**
 * Readers that fail loudly (R-AUDIT-6): `export`, `replay` and `timeline` check that they read
 * every event the store holds, and say what is missing instead of stopping early.
 */
import { RapportError, type EventStore, type ReadAllOptions, type StoredExtent } from '@rapport/core';
import type { CliStore } from './store.js';

/** What a reader read: its events up to the head the store gave, and the last position among them. */
interface Tally {
  events: number;
  lastPosition: number;
}

/**
 * The store with `readAll` counting the events it hands over up to `head`, each read apart: `best`
 * keeps the tally of the read that went furthest, so that a reader may read the history more than
 * once (a first pass over all of it, then a shorter one) and is judged by its fullest read.
 */
const counting = <S extends EventStore>(store: S, head: number, best: Tally): S =>
  new Proxy(store, {
    get: (target, property, receiver) => {
      if (property !== 'readAll') return Reflect.get(target, property, receiver) as unknown;
      return (options?: ReadAllOptions) => {
        const batches = target.readAll(options);
        const tally: Tally = { events: 0, lastPosition: options?.after ?? 0 };
        return (async function* () {
          for await (const batch of batches) {
            for (const event of batch) {
              if (event.globalPosition > head) continue;
              tally.events++;
              tally.lastPosition = Math.max(tally.lastPosition, event.globalPosition);
            }
            if (tally.events > best.events || tally.lastPosition > best.lastPosition)
              Object.assign(best, tally);
            yield batch;
          }
        })();
      };
    },
  });

const describeRange = (range: Pick<ReadAllOptions, 'after' | 'to'>): string =>
  range.after === undefined && range.to === undefined
    ? ''
    : ` after position ${range.after ?? 0}${range.to === undefined ? '' : ` up to ${range.to}`}`;

/**
 * Runs `read` with the store, then checks that it read every event the store says it holds in
 * `range` (its `storedExtent`, taken before reading: events appended meanwhile do not count).
 * A read that fails, or reads less than the store holds, throws `STORE_INCOMPLETE` saying how
 * many events the store holds, up to which position, and how many were read, up to which.
 *
 * @example
 * import { readWhole } from './readWhole.js';
 * import { openStore } from './store.js';
 * const store = await openStore({ db: ':memory:' }, process.cwd(), 'write');
 * await readWhole(store, {}, async (whole) => {
 *   let events = 0;
 *   for await (const batch of whole.readAll()) events += batch.length;
 *   return events;
 * }); // 0
 * await store.close();
 */
export const readWhole = async <A>(
  store: CliStore,
  range: Pick<ReadAllOptions, 'after' | 'to'>,
  read: (store: CliStore) => Promise<A>,
): Promise<A> => {
  const stored: StoredExtent = await store.storedExtent(range);
  const after = range.after ?? 0;
  const tally: Tally = { events: 0, lastPosition: after };
  const holds = `the store holds ${stored.events} event(s)${describeRange(range)}, up to position ${stored.headPosition}`;
  let result: A;
  try {
    result = await read(counting(store, stored.headPosition, tally));
  } catch (error) {
    if (!(error instanceof RapportError) || !error.code.startsWith('STORE_')) throw error;
    throw new RapportError(
      'STORE_INCOMPLETE',
      `reading ${store.label} stopped after position ${tally.lastPosition}, with ${tally.events} event(s) read: ${error.message} (${error.code}); ${holds}. Run "rapport verify" to see what is damaged`,
      { stored, read: { ...tally }, cause: error.code },
    );
  }
  const headRead = stored.headPosition <= after || tally.lastPosition === stored.headPosition;
  if (tally.events !== stored.events || !headRead)
    throw new RapportError(
      'STORE_INCOMPLETE',
      `${holds}; ${tally.events} were read, up to position ${tally.lastPosition}: ${store.label} is damaged or was changed behind the store's back. Run "rapport verify" to see what is missing`,
      { stored, read: { ...tally } },
    );
  return result;
};
