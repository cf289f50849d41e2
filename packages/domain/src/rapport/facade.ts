/**
 * The facade an application embeds: `createRapport({ store })` over any event store, then
 * `execute` commands and read My People, the team view, one contact, audiences and sync. It is
 * wiring: core's command pipeline runs every command of the domain's aggregates
 * (`aggregates.ts`), the read side projects what is appended (R-AUDIT-3), and core's reactor
 * carries out auto-sharing (R-SHARE-1), the sync flows (R-SYNC-1, R-SYNC-2) and what removing a
 * member calls for (R-TEAM-3) as durable
 * reactions (R-SYNC-11), from a checkpoint kept in the snapshot store.
 */
import { left, right } from 'fp-ts/lib/Either.js';
import {
  createCommandPipeline,
  createReactor,
  monotonicUlid,
  reject,
  storeErrorRejection,
  type Rejection,
} from '@rapport/core';
import { decodeCommand, type Command } from '../commands.js';
import { EVENT_SCHEMA_VERSION, eventsWouldNotRead } from '../events.js';
import { commandEventId } from '../internal/eventIds.js';
import { decodeStored } from '../internal/decodeStored.js';
import { memberRemovalReaction } from '../organization/removal.js';
import { autoShareReaction } from '../sharing/autoShare.js';
import { unshareReaction } from '../sharing/unshare.js';
import { withdrawalReaction } from '../sharing/withdrawal.js';
import { syncReaction } from '../sync/policy.js';
import { AGGREGATES } from './aggregates.js';
import type { ExecuteMeta, ExecuteResult, Rapport, RapportOptions } from './api.js';
import { createAuditReads, createQueries } from './queries.js';
import { createReadSide } from './readSide.js';
import { createSession } from './session.js';

export type {
  AuditReads,
  ContactCopies,
  ExecuteMeta,
  ExecuteResult,
  Rapport,
  RapportOptions,
  ReactionsProgress,
  Session,
  SessionCommand,
} from './api.js';
export { grantAudit, isGrantedAudit, type AuditCapability } from './auditCapability.js';

/**
 * Creates the facade over an event store.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport } from '@rapport/domain';
 * const rapport = createRapport({ store: createInMemoryEventStore() });
 * const result = await rapport.as('ann').execute({ type: 'CreateOrganization', orgId: 'acme', name: 'Acme' });
 * result._tag; // 'Right': OrganizationCreated and MemberAdded
 *
 * @example
 * import { openSqliteEventStore } from '@rapport/store-sqlite';
 * import { createRapport } from '@rapport/domain';
 * const store = await openSqliteEventStore({ path: './rapport.db' });
 * const rapport = createRapport({ store, snapshots: store }); // starts from the saved read models, if usable
 * await rapport.saveSnapshot(); // e.g. at shutdown, or every few thousand events
 */
export const createRapport = (options: RapportOptions): Rapport => {
  const { store, snapshots, clock } = options;
  const newId = options.newId ?? monotonicUlid();
  const readSide = createReadSide(store, snapshots);
  const pipeline = createCommandPipeline({
    store,
    aggregates: AGGREGATES,
    decodeEvent: decodeStored,
    readModels: readSide,
    checkWrites: (command, writes) => eventsWouldNotRead(command.type, writes),
    schemaVersion: () => EVENT_SCHEMA_VERSION,
    newId,
    ...(clock === undefined ? {} : { now: () => clock().getTime() }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  const reactor = createReactor({
    store,
    pipeline,
    reactions: [withdrawalReaction, autoShareReaction, syncReaction, memberRemovalReaction, unshareReaction],
    decodeEvent: decodeStored,
    readModels: (position) => readSide.atLeast(position),
    ...(snapshots === undefined ? {} : { checkpoints: snapshots }),
  });
  // The first use of the facade resumes what reactions were left undone when it last stopped.
  let resumed: Promise<unknown> | undefined;
  const resume = (): Promise<unknown> =>
    (resumed ??= reactor.drain().catch((error: unknown) => {
      resumed = undefined;
      throw error;
    }));
  /** What a store did to `step`, as a rejection; a programming error is thrown. */
  const settle = async (step: Promise<unknown>, what: string): Promise<Rejection | undefined> => {
    try {
      await step;
      return undefined;
    } catch (error) {
      const rejection = storeErrorRejection(what, error);
      if (rejection === undefined) throw error;
      return rejection;
    }
  };

  const run = async (command: Command, meta: ExecuteMeta): Promise<ExecuteResult> => {
    if (resumed === undefined) {
      const failed = await settle(resume(), `Rejected ${command.type}`);
      if (failed !== undefined) return left(failed);
    }
    const correlationId = meta.correlationId ?? newId();
    const { commandId } = meta;
    const result = await pipeline.run(command, {
      actor: command.actor,
      correlationId,
      causationId: meta.causationId ?? null,
      ...(commandId === undefined ? {} : { eventId: (index: number) => commandEventId(commandId, index) }),
    });
    if (result._tag === 'Left') return result;
    const { events } = result.right;
    if (events.length === 0) return right(events);
    // The follow-ups of this command, as the reactor carries them out. The command is done
    // whatever they meet: what they could not do is tried again by the next drain.
    const followUps = await reactor.drain(events).catch((error: unknown) => {
      if (storeErrorRejection('', error) === undefined) throw error;
      return [];
    });
    return right(followUps.length === 0 ? events : [...events, ...followUps]);
  };
  const reads = createQueries(readSide);

  return {
    as: (principal) => createSession(principal, run, reads),
    audit: (capability) => createAuditReads(readSide, reads, capability),
    execute: async (input, meta = {}) => {
      const decoded = decodeCommand(input);
      return decoded._tag === 'Left' ? decoded : run(decoded.right, meta);
    },
    react: async () => {
      const failed = await settle(
        resume().then(() => reactor.drain()),
        'Rejected carrying out the reactions',
      );
      return failed === undefined
        ? right({ checkpoint: reactor.checkpoint, pending: reactor.pending })
        : left(failed);
    },
    close: () => reactor.save(),
    saveSnapshot: async () => {
      if (snapshots === undefined)
        return left(
          reject(
            'NO_SNAPSHOT_STORE',
            'Rejected saving a snapshot: the facade was created without a snapshot store (option `snapshots`)',
          ),
        );
      const checkpoint = await readSide.save(snapshots);
      await reactor.save();
      return right(checkpoint);
    },
  };
};
