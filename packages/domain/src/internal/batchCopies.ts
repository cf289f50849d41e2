/**
 * The documents a batch of events changes, as plain mutable copies owned by the batch: copied on
 * first touch, changed in place by the projections' recipes, frozen when the batch ends. Outside
 * a batch every document is frozen and may be shared; a recipe never changes one of those.
 *
 * A batch copies a document and its containers (the objects and arrays it holds directly), not
 * what those containers hold: recipes add, replace or remove the entries of a container (a tag, a
 * field value, a change mark) and never change an entry in place. An entry stays frozen and
 * shared between the old document and the new one, so a recipe that broke this rule would throw
 * on the frozen entry rather than change a document someone else holds.
 */

/**
 * A plain deep copy of a document: every object and array copied, everything else shared.
 * Documents hold plain data only (what JSON holds), so nothing else needs copying.
 *
 * @example
 * import { deepCopy } from './batchCopies.js';
 * const doc = Object.freeze({ tags: Object.freeze(['vip']) });
 * const copy = deepCopy(doc);
 * copy.tags === doc.tags; // false
 * Object.isFrozen(copy.tags); // false
 * copy.tags; // ['vip']
 */
export const deepCopy = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = deepCopy(value[index] as unknown);
    return copy as T;
  }
  // The spread keeps a `__proto__` key as an own property; assigning it afterwards writes that property.
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key in copy) {
    const item = copy[key];
    if (typeof item === 'object' && item !== null) copy[key] = deepCopy(item);
  }
  return copy as T;
};

/**
 * A copy of a document and of each object or array it holds directly; what those hold is shared.
 *
 * @example
 * import { copyWithContainers } from './batchCopies.js';
 * const mark = Object.freeze({ eventId: 'e1' });
 * const doc = Object.freeze({ name: 'Ada', changes: Object.freeze({ name: mark }) });
 * const copy = copyWithContainers(doc);
 * copy.changes === doc.changes; // false
 * copy.changes.name === mark; // true
 * Object.isFrozen(copy.changes); // false
 */
export const copyWithContainers = <T extends object>(doc: T): T => {
  if (Array.isArray(doc)) return [...(doc as unknown[])] as T;
  // The spread keeps a `__proto__` key as an own property; assigning it afterwards writes that property.
  const copy: Record<string, unknown> = { ...(doc as Record<string, unknown>) };
  for (const key in copy) {
    const item = copy[key];
    if (typeof item === 'object' && item !== null)
      copy[key] = Array.isArray(item) ? [...(item as unknown[])] : { ...(item as Record<string, unknown>) };
  }
  return copy as T;
};

/**
 * Freezes a document and everything in it; a part already frozen is taken to be frozen all the
 * way down, as every document and stored event is, and is not walked again.
 *
 * @example
 * import { deepFreeze } from './batchCopies.js';
 * Object.isFrozen(deepFreeze({ tags: ['vip'] }).tags); // true
 */
export const deepFreeze = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (typeof item === 'object' && item !== null) deepFreeze(item);
  } else
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) deepFreeze(item);
    }
  return value;
};

/**
 * The working copies of one batch: the documents it copied or built, changed in place until
 * `close` freezes them.
 *
 * @example
 * import { BatchCopies } from './batchCopies.js';
 * const batch = new BatchCopies();
 * const saved: { stage: string | null } = Object.freeze({ stage: null });
 * const doc = batch.own(saved);
 * doc.stage = 'lead';
 * batch.own(doc) === doc; // true
 * batch.close();
 * Object.isFrozen(doc); // true
 * saved.stage; // null
 */
export class BatchCopies {
  readonly #copies = new Set<object>();

  /**
   * The batch's mutable copy of a document (the document and its containers copied, see above):
   * the document itself when it is already one.
   */
  own<T extends object>(doc: T): T {
    if (this.#copies.has(doc)) return doc;
    const copy = copyWithContainers(doc);
    this.#copies.add(copy);
    return copy;
  }

  /** Takes a document the batch has just built into the batch, unchanged, to freeze at its end. */
  adopt<T extends object>(doc: T): T {
    this.#copies.add(doc);
    return doc;
  }

  /** Ends the batch: every copy it made or adopted is frozen, all the way down (shared entries already are). */
  close(): void {
    for (const copy of this.#copies) deepFreeze(copy);
    this.#copies.clear();
  }
}
