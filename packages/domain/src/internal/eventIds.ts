/**
 * The ids of the events a command appends: new ids from the facade's generator, or ids derived
 * from the command's own id, so that a command given again with the same id can be recognized as
 * done (`rapport exec` run again after a crash).
 */

/** Where a command's event ids come from, across its attempts and the policies it sets off. */
export interface EventIds {
  /** The id of the next event. */
  next(): string;
  /** Starts an attempt: the ids of an attempt that met a concurrent write are given again. */
  rewind(): void;
  /** Keeps the ids given so far: their events were appended. */
  keep(): void;
}

/**
 * New ids from `newId` for every event.
 *
 * @example
 * import { freshEventIds } from './eventIds.js';
 * let n = 0;
 * const ids = freshEventIds(() => `e${++n}`);
 * [ids.next(), ids.next()]; // ['e1', 'e2']
 */
export const freshEventIds = (newId: () => string): EventIds => ({
  next: newId,
  rewind: () => undefined,
  keep: () => undefined,
});

/**
 * The id of the `index`th event (from 0) appended for the command `commandId`.
 *
 * @example
 * import { commandEventId } from '@rapport/domain';
 * commandEventId('import-7', 0); // 'import-7~0'
 */
export const commandEventId = (commandId: string, index: number): string => `${commandId}~${index}`;

/**
 * Ids `<commandId>~0`, `~1`… in the order the command's events, then its policies', are appended;
 * an attempt that met a concurrent write gives its ids back, so the first event kept is always `~0`.
 *
 * @example
 * import { commandEventIds } from './eventIds.js';
 * const ids = commandEventIds('line-3');
 * ids.rewind();
 * ids.next(); // 'line-3~0'
 * ids.rewind(); // the attempt met a concurrent write
 * ids.next(); // 'line-3~0'
 * ids.keep();
 * ids.next(); // 'line-3~1'
 */
export const commandEventIds = (commandId: string): EventIds => {
  let kept = 0;
  let next = 0;
  return {
    next: () => commandEventId(commandId, next++),
    rewind: () => {
      next = kept;
    },
    keep: () => {
      kept = next;
    },
  };
};
