/**
 * The documents a batch of events changes, as plain mutable copies owned by the batch: copied on
 * first touch, changed in place by the projections' recipes, deeply frozen when the batch ends.
 * Outside a batch every document is frozen and may be shared; a recipe never sees one of those.
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

  /** The batch's mutable copy of a document: the document itself when it is already one. */
  own<T extends object>(doc: T): T {
    if (this.#copies.has(doc)) return doc;
    const copy = deepCopy(doc);
    this.#copies.add(copy);
    return copy;
  }

  /** Takes a document the batch has just built into the batch, unchanged, to freeze at its end. */
  adopt<T extends object>(doc: T): T {
    this.#copies.add(doc);
    return doc;
  }

  /** Ends the batch: every copy it made or adopted is frozen, all the way down. */
  close(): void {
    for (const copy of this.#copies) deepFreeze(copy);
    this.#copies.clear();
  }
}
