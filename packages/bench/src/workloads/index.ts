/**
 * Every workload of the suite, in the order they run. Each is loaded only in the child process
 * that runs it, so that one workload's modules and heap never weigh on another's figures.
 */
import type { Workload } from '../internal/workload.js';

/** A workload as the suite lists it: loaded only in the child process that runs it. */
export interface WorkloadEntry {
  readonly name: string;
  readonly title: string;
  readonly load: () => Promise<Workload>;
}

/**
 * The workloads, in the order the suite runs them.
 *
 * @example
 * import { WORKLOADS } from './index.js';
 * WORKLOADS.map((w) => w.name).includes('replay'); // true
 */
export const WORKLOADS: ReadonlyArray<WorkloadEntry> = [
  { name: 'limits', title: 'Machine limits', load: async () => (await import('./limits.js')).limits },
  {
    name: 'pipeline',
    title: '1. Command pipeline',
    load: async () => (await import('./pipeline.js')).pipeline,
  },
  { name: 'appends', title: '2. Appends', load: async () => (await import('./appends.js')).appends },
  { name: 'replay', title: '3. Replay', load: async () => (await import('./replay.js')).replay },
  {
    name: 'audiences',
    title: '4. Audience maintenance',
    load: async () => (await import('./audiences.js')).audiences,
  },
  {
    name: 'verification',
    title: '5. Hash verification',
    load: async () => (await import('./verification.js')).verification,
  },
  { name: 'memory', title: '6. Memory', load: async () => (await import('./memory.js')).memory },
  { name: 'peer', title: '7. Peer (Emmett)', load: async () => (await import('./peer.js')).peer },
];

/** The workload of that name, or undefined. */
export const workloadEntry = (name: string): WorkloadEntry | undefined =>
  WORKLOADS.find((entry) => entry.name === name);
