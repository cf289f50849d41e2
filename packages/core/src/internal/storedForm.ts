/**
 * Links a reader that transforms events (an upcasting view) to the store it reads, so that
 * verification can always read the stored form.
 */
import type { EventStore } from '../eventStore.js';

const underlying = new WeakMap<object, Pick<EventStore, 'readAll'>>();

/**
 * Records that `view` shows the events of `store`, for `storedFormOf`.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { registerStoredForm, storedFormOf } from './storedForm.js';
 * const store = new InMemoryEventStore();
 * const view = { readAll: store.readAll.bind(store) };
 * registerStoredForm(view, store);
 * storedFormOf(view) === store; // true
 */
export const registerStoredForm = (view: object, store: Pick<EventStore, 'readAll'>): void => {
  underlying.set(view, store);
};

/**
 * The store whose stored events `reader` shows, following views down to the store itself.
 *
 * @example
 * import { InMemoryEventStore, upcasterRegistry, withUpcasting } from '@rapport/core';
 * import { storedFormOf } from './storedForm.js';
 * const store = new InMemoryEventStore();
 * const view = withUpcasting(withUpcasting(store, upcasterRegistry([])), upcasterRegistry([]));
 * storedFormOf(view) === store; // true
 * storedFormOf(store) === store; // true
 */
export const storedFormOf = (reader: Pick<EventStore, 'readAll'>): Pick<EventStore, 'readAll'> => {
  let current = reader;
  for (let next = underlying.get(current); next !== undefined; next = underlying.get(current)) current = next;
  return current;
};
