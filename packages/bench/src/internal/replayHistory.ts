/**
 * The history the replay and memory workloads rebuild projections from: a team history made by
 * the facade, copied under other organization ids up to the wanted size, in memory and in a
 * SQLite file of the run's scratch directory (built once, shared by the workloads of one run).
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryEventStore, type RecordedEvent } from '@rapport/core';
import { openSqliteEventStore } from '@rapport/store-sqlite';
import { recordLongHistory, recordTemplate, replicateTemplate } from './history.js';
import type { WorkloadContext } from './workload.js';

/** The replay history in memory: the store, its events and the contacts they add. */
export interface MemoryHistory {
  readonly store: InMemoryEventStore;
  readonly events: number;
  readonly contacts: number;
}

/** The replay history in a new in-memory store. */
export const buildMemoryHistory = async (context: WorkloadContext): Promise<MemoryHistory> => {
  const { replayEvents, templateContacts } = context.sizes;
  const template = await recordTemplate(new InMemoryEventStore(), templateContacts);
  const store = new InMemoryEventStore();
  const { events, contacts } = await replicateTemplate(store, template, replayEvents, templateContacts);
  return { store, events, contacts };
};

const IMPORT_CHUNK = 5000;

/**
 * The path of the replay history as a SQLite store, built (from `memory`, or from a new
 * in-memory history) when the run has none yet.
 */
export const replayDatabase = async (context: WorkloadContext, memory?: MemoryHistory): Promise<string> => {
  const path = join(context.scratchDir, `replay-${context.sizes.replayEvents}.db`);
  if (existsSync(path)) return path;
  return copyToSqlite((memory ?? (await buildMemoryHistory(context))).store, path);
};

/**
 * The path of a long history over few contacts as a SQLite store: `templateContacts` contacts
 * worked on round after round up to `cliEvents` events, built when the run has none yet.
 */
export const longHistoryDatabase = async (context: WorkloadContext): Promise<string> => {
  const { cliEvents, templateContacts } = context.sizes;
  const path = join(context.scratchDir, `long-${cliEvents}.db`);
  if (existsSync(path)) return path;
  const store = new InMemoryEventStore();
  await recordLongHistory(store, templateContacts, cliEvents);
  return copyToSqlite(store, path);
};

/** Copies the events of `source` into a new SQLite store at `path`, made whole before it is named so. */
const copyToSqlite = async (source: InMemoryEventStore, path: string): Promise<string> => {
  const target = await openSqliteEventStore({ path: `${path}.building`, synchronous: 'NORMAL' });
  try {
    let chunk: RecordedEvent[] = [];
    for await (const batch of source.readAll()) {
      chunk.push(...batch);
      if (chunk.length >= IMPORT_CHUNK) {
        await target.importEvents(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await target.importEvents(chunk);
  } finally {
    await target.close();
  }
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(`${path}.building${suffix}`)) renameSync(`${path}.building${suffix}`, `${path}${suffix}`);
  }
  return path;
};
