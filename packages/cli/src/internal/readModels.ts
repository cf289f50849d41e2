/**
 * The read models a command reads (projections, audience membership, sync points), rebuilt up to
 * a point or to the end, starting from the snapshot `rapport replay` saved when it belongs to
 * this history and lies within the part asked for.
 */
import type { Rejection } from '@rapport/core';
import { loadReadModels, readModelsAt, type HistoryPoint, type ReadModelsAt } from '@rapport/domain';
import type { CliContext } from './context.js';
import { EXIT } from './exitCodes.js';
import { startProgress } from './progress.js';
import type { CliStore } from './store.js';

/**
 * Says that stored events could not be read as domain events, so that what a reader prints leaves
 * them out, and makes the run exit with 3 (`EVENT_UNREADABLE`: the history does not hold together).
 *
 * @example
 * import { CliContext } from './context.js';
 * import { reject } from '@rapport/core';
 * import { reportUnreadable } from './readModels.js';
 * let said = '';
 * const context = new CliContext({ stdout: process.stdout, stderr: { write: (text: string) => (said += text) }, env: {}, cwd: process.cwd() });
 * reportUnreadable(context, [reject('EVENT_UNREADABLE', 'event #7 (Mystery) is not a domain event')]);
 * said.startsWith('warning: 1 stored event(s) cannot be read as domain events'); // true
 */
export const reportUnreadable = (context: CliContext, unreadable: ReadonlyArray<Rejection>): void => {
  const [first] = unreadable;
  if (first === undefined) return;
  context.warn(
    `${unreadable.length} stored event(s) cannot be read as domain events and are left out of what follows (EVENT_UNREADABLE), the first: ${first.message}. Run "rapport verify" and "rapport replay" to see them all`,
  );
  context.fail(EXIT.store);
};

/**
 * The read models up to `point` (the end when absent), with a progress bar on long replays; events
 * that cannot be read are reported (`reportUnreadable`).
 *
 * @example
 * import { CliContext } from './context.js';
 * import { readModelsFor } from './readModels.js';
 * import { openStore } from './store.js';
 * const store = await openStore({ db: ':memory:' }, process.cwd(), 'write');
 * const context = new CliContext({ stdout: process.stdout, stderr: { write: () => true }, env: {}, cwd: process.cwd() });
 * (await readModelsFor(store, context)).position; // 0
 * await store.close();
 */
export const readModelsFor = async (
  store: CliStore,
  context: CliContext,
  point?: HistoryPoint,
): Promise<ReadModelsAt> => {
  const from = await loadReadModels(store, store);
  const head = await store.headPosition();
  const progress = startProgress(context.io, head - (from?.checkpoint ?? 0), 'replaying');
  let read: ReadModelsAt;
  try {
    read = await readModelsAt(store, point, { from, onProgress: (events) => progress.update(events) });
  } finally {
    progress.stop();
  }
  reportUnreadable(context, read.unreadable);
  return read;
};
