/**
 * Every workload of the suite, in the order they run. Each is loaded only in the child process
 * that runs it, so that one workload's modules and heap never weigh on another's figures.
 */
import type { Workload } from '../internal/workload.js';

export interface WorkloadEntry {
  readonly name: string;
  readonly title: string;
  readonly load: () => Promise<Workload>;
}

export const WORKLOADS: ReadonlyArray<WorkloadEntry> = [
  { name: 'limits', title: 'Machine limits', load: async () => (await import('./limits.js')).limits },
  { name: 'appends', title: '2. Appends', load: async () => (await import('./appends.js')).appends },
  { name: 'memory', title: '6. Memory', load: async () => (await import('./memory.js')).memory },
  { name: 'peer', title: '7. Peer (Emmett)', load: async () => (await import('./peer.js')).peer },
];

/** The workload of that name, or undefined. */
export const workloadEntry = (name: string): WorkloadEntry | undefined =>
  WORKLOADS.find((entry) => entry.name === name);
