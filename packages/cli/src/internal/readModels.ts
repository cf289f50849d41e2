/**
 * The read models a command reads (projections, audience membership, sync points), rebuilt up to
 * a point or to the end, starting from the snapshot `rapport replay` saved when it belongs to
 * this history and lies within the part asked for.
 */
import { loadReadModels, readModelsAt, type HistoryPoint, type ReadModelsAt } from '@rapport/domain';
import type { CliIo } from './io.js';
import { startProgress } from './progress.js';
import type { CliStore } from './store.js';

/**
 * The read models up to `point` (the end when absent), with a progress bar on long replays.
 *
 * @example
 * import { readModelsFor } from './readModels.js';
 * import { openStore } from './store.js';
 * const store = await openStore({ db: ':memory:' }, process.cwd(), 'write');
 * const io = { stdout: process.stdout, stderr: { write: () => true }, env: {}, cwd: process.cwd() };
 * (await readModelsFor(store, io)).position; // 0
 * await store.close();
 */
export const readModelsFor = async (
  store: CliStore,
  io: CliIo,
  point?: HistoryPoint,
): Promise<ReadModelsAt> => {
  const from = await loadReadModels(store, store);
  const head = await store.headPosition();
  const progress = startProgress(io, head - (from?.checkpoint ?? 0), 'replaying');
  try {
    return await readModelsAt(store, point, {
      from,
      onProgress: (read) => progress.update(read),
    });
  } finally {
    progress.stop();
  }
};
