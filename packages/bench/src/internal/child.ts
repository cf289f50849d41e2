/**
 * The entry point of a child process that runs one workload and sends its figures to the suite
 * over IPC: `node --import tsx --expose-gc child.ts <workload> <quick|full> <scratchDir> <built|sources>`.
 */
import type { ChildReport } from './figure.js';
import { sizesOf } from './sizes.js';
import { workloadEntry } from '../workloads/index.js';

const send = (report: ChildReport): Promise<void> =>
  new Promise((resolve) => {
    if (process.send === undefined) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      resolve();
    } else process.send(report, () => resolve());
  });

const main = async (): Promise<void> => {
  const [name = '', mode = 'full', scratchDir = '.', code = 'built'] = process.argv.slice(2);
  const entry = workloadEntry(name);
  if (entry === undefined) {
    await send({ ok: false, error: `no workload named "${name}"` });
    return;
  }
  const workload = await entry.load();
  const quick = mode === 'quick';
  const figures = await workload.run({
    quick,
    sizes: sizesOf(quick),
    postgresUrl: process.env['RAPPORT_PG_URL'] || undefined,
    scratchDir,
    code: code === 'sources' ? 'sources' : 'built',
  });
  await send({ ok: true, figures: [...figures] });
};

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
