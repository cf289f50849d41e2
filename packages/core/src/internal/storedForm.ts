/**
 * Links a reader that transforms events (an upcasting view) to the store it reads, so that
 * verification can always read the stored form.
 */
import type { EventStore } from '../eventStore.js';

const underlying = new WeakMap<object, Pick<EventStore, 'readAll'>>();

export const registerStoredForm = (view: object, store: Pick<EventStore, 'readAll'>): void => {
  underlying.set(view, store);
};

/** The store whose stored events `reader` shows, following views down to the store itself. */
export const storedFormOf = (reader: Pick<EventStore, 'readAll'>): Pick<EventStore, 'readAll'> => {
  let current = reader;
  for (let next = underlying.get(current); next !== undefined; next = underlying.get(current)) current = next;
  return current;
};
