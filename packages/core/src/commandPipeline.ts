/**
 * The command pipeline, the one road every command takes once it is decoded and its actor known:
 * load the states of the streams its aggregate reads (through a bounded cache) → decide →
 * stamp (ids, time, actor, correlation, causation) → append with the versions read → project.
 * A concurrent write is retried with backoff and jitter; a busy or lost store connection too,
 * and then given as a `STORE_UNAVAILABLE` rejection. A rejected command appends nothing
 * (R-AUDIT-1); every event carries who, when and why (R-AUDIT-2). Reactions to the appended
 * events run after it (`reactions.ts`).
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { AnyAggregate, StreamModel, StreamOf } from './aggregate.js';
import type { DomainEvent } from './decider.js';
import type { NewEvent, Recorded, RecordedEvent } from './envelope.js';
import type { AppendResult, EventStore, StreamWrite } from './eventStore.js';
import { checkEventSize } from './inputLimits.js';
import { reject, type Rejection } from './rejection.js';
import { StateCache, type Cached } from './stateCache.js';

/** Where a pipeline's read models are: decisions that read them, and the projection of what it appends. */
export interface PipelineReadModels<RM, Ev extends DomainEvent> {
  /** The read models as they are now, without waiting. */
  current(): RM;
  /** The read models caught up with the store. */
  caughtUp(): Promise<RM>;
  /** Projects events just appended, in order; gives a promise when it has to wait. */
  project(events: ReadonlyArray<Recorded<Ev>>): Promise<void> | undefined;
}

/** How a pipeline is built. */
export interface CommandPipelineOptions<C extends { readonly type: string }, Ev extends DomainEvent, RM> {
  readonly store: EventStore;
  /** Every aggregate; each command type belongs to exactly one. */
  readonly aggregates: ReadonlyArray<AnyAggregate<C, Ev, RM>>;
  /**
   * A stored event as the application's event, upcast first where needed; it throws a
   * `RapportError('EVENT_UNREADABLE')` for an event it cannot read.
   */
  readonly decodeEvent: (event: RecordedEvent) => Recorded<Ev>;
  readonly readModels: PipelineReadModels<RM, Ev>;
  /**
   * Refuses, before anything is appended, writes whose events could not be read back (R-AUDIT-8).
   * Every event is also held to `MAX_EVENT_BYTES` (`checkEventSize`).
   */
  readonly checkWrites?: (command: C, writes: ReadonlyArray<StreamWrite>) => Rejection | undefined;
  /** The schema version of an event's data; default 1. */
  readonly schemaVersion?: (event: Ev) => number;
  /** The time in milliseconds; default `Date.now`. */
  readonly now?: () => number;
  /** Event ids; default the caller must give `newId`. */
  readonly newId: () => string;
  /** How many times a command is decided again after a concurrent write; default 5. */
  readonly maxRetries?: number;
  /** How many times a busy or lost store is tried again before `STORE_UNAVAILABLE`; default 4. */
  readonly storeRetries?: number;
  /** How many streams' states are cached; default 50,000. */
  readonly cacheSize?: number;
}

/** Who runs a command and why. */
export interface RunMeta {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** The id of the command's `index`th event, when ids must be derived (idempotent reactions). */
  readonly eventId?: (index: number) => string;
  /** When the events are recorded, ISO 8601 UTC; default the pipeline's clock. */
  readonly recordedAt?: string;
}

/** What an accepted command did. */
export interface RunOutcome<Ev extends DomainEvent> {
  /** Every stored event, in global order. */
  readonly events: ReadonlyArray<Recorded<Ev>>;
  /** One result per stream written or guarded; none when the decision appended nothing. */
  readonly results: ReadonlyArray<AppendResult>;
  /** How many times the command was decided (1 without a concurrent write). */
  readonly attempts: number;
}

/** A pipeline: commands in, stored events or a rejection out. */
export interface CommandPipeline<C extends { readonly type: string }, Ev extends DomainEvent> {
  run(command: C, meta: RunMeta): Promise<Either<Rejection, RunOutcome<Ev>>>;
  /** The cached state of a stream, read from the store when not cached. */
  state<S>(stream: StreamOf<S, Ev>): Promise<S>;
  /** The aggregate of a command type, or undefined. */
  aggregateOf(type: string): AnyAggregate<C, Ev, unknown> | undefined;
}

interface Read {
  readonly role: string;
  readonly streamId: string;
  readonly model: StreamModel<unknown, never>;
  readonly base: Cached<unknown>;
}

/** By code rather than class: a store built against another copy of this package throws its own class. */
const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;

/**
 * Store failures that may pass: SQLite busy, and PostgreSQL's lost connections, shutdowns,
 * serialization failures and deadlocks (SQLSTATE classes 08, 57P and 40).
 */
const TRANSIENT = new Set([
  'STORE_BUSY',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '40001',
  '40P01',
  '53300',
]);

/**
 * Whether a store error may pass if the call is tried again.
 *
 * @example
 * import { isTransientStoreError, RapportError } from '@rapport/core';
 * isTransientStoreError(new RapportError('STORE_BUSY', 'locked')); // true
 * isTransientStoreError(Object.assign(new Error('terminating connection'), { code: '57P01' })); // true
 * isTransientStoreError(new Error('bug')); // false
 */
export const isTransientStoreError = (error: unknown): boolean => {
  const code = codeOf(error);
  return typeof code === 'string' && TRANSIENT.has(code);
};

/**
 * The rejection for what a store did (an event it holds that this code cannot read, an event id
 * it holds already, a store that stayed busy or unreachable), or undefined for any other error,
 * which is a programming error and is thrown. `what` opens the sentence.
 *
 * @example
 * import { RapportError, storeErrorRejection } from '@rapport/core';
 * storeErrorRejection('Rejected SetStage', new RapportError('STORE_BUSY', 'locked'), 5)?.code; // 'STORE_UNAVAILABLE'
 * storeErrorRejection('Rejected SetStage', new Error('bug'), 1); // undefined
 */
export const storeErrorRejection = (what: string, error: unknown, attempts = 1): Rejection | undefined => {
  const code = codeOf(error);
  const cause = { code: typeof code === 'string' ? code : 'UNKNOWN', message: (error as Error).message };
  const details = (error as { details?: unknown }).details;
  if (code === 'EVENT_UNREADABLE')
    return reject(
      'EVENT_UNREADABLE',
      `${what}: the store holds an event this code cannot read: ${cause.message}`,
      {
        details,
      },
    );
  if (code === 'DUPLICATE_EVENT_ID')
    return reject('DUPLICATE_EVENT_ID', `${what}: ${cause.message}`, { details });
  if (isTransientStoreError(error))
    return reject(
      'STORE_UNAVAILABLE',
      `${what}: the store stayed unavailable (${cause.code}: ${cause.message}) after ${attempts} attempt(s); nothing was appended, try again later`,
      { details: { cause, attempts } },
    );
  return undefined;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Full jitter: a random wait up to `base · 2^attempt` milliseconds, at most `cap`. */
const backoff = (attempt: number, base: number, cap: number): Promise<void> =>
  sleep(Math.random() * Math.min(cap, base * 2 ** attempt));

/**
 * Makes the pipeline of a set of aggregates over a store.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js';
 * import { createCommandPipeline, defineAggregate, InMemoryEventStore, monotonicUlid } from '@rapport/core';
 * type Add = { type: 'Add'; n: number };
 * type Added = { type: 'Added'; data: { n: number } };
 * const total = { name: 'counter', initialState: 0, evolve: (t: number, e: Added) => t + e.data.n };
 * const counter = defineAggregate<Add, { total: number }, Added>({
 *   name: 'counter',
 *   commandTypes: ['Add'],
 *   streams: () => ({ total: { streamId: 'counter', model: total } }),
 *   decide: (c) => E.right({ total: [{ type: 'Added', data: { n: c.n } }] }),
 * });
 * const pipeline = createCommandPipeline<Add, Added, null>({
 *   store: new InMemoryEventStore(),
 *   aggregates: [counter],
 *   decodeEvent: (event) => event as never,
 *   readModels: { current: () => null, caughtUp: async () => null, project: () => undefined },
 *   newId: monotonicUlid(),
 * });
 * const result = await pipeline.run({ type: 'Add', n: 2 }, { actor: 'ann', correlationId: 'c1', causationId: null });
 * E.isRight(result) && result.right.events.map((e) => e.type); // ['Added']
 */
export const createCommandPipeline = <C extends { readonly type: string }, Ev extends DomainEvent, RM>(
  options: CommandPipelineOptions<C, Ev, RM>,
): CommandPipeline<C, Ev> => {
  const { store, readModels, checkWrites, newId } = options;
  const now = options.now ?? Date.now;
  const schemaVersion = options.schemaVersion ?? (() => 1);
  const maxRetries = options.maxRetries ?? 5;
  const storeRetries = options.storeRetries ?? 4;
  const cache = new StateCache<Ev>(options.decodeEvent, options.cacheSize);

  const byType = new Map<string, AnyAggregate<C, Ev, RM>>();
  for (const aggregate of options.aggregates)
    for (const type of aggregate.commandTypes) {
      if (byType.has(type)) throw new Error(`command type ${type} is listed by two aggregates`);
      byType.set(type, aggregate);
    }

  // Writing an ISO timestamp costs more than the rest of the stamping; commands in the same
  // millisecond share one text.
  let lastTime = Number.NaN;
  let lastText = '';
  const recordedAt = (): string => {
    const time = now();
    if (time !== lastTime) {
      lastText = new Date(time).toISOString();
      lastTime = time;
    }
    return lastText;
  };

  /** The streams a command reads with their cached states, or undefined when one is not cached. */
  const cachedReads = (streams: Readonly<Record<string, StreamOf<unknown, never>>>): Read[] | undefined => {
    const reads: Read[] = [];
    for (const role in streams) {
      const { streamId, model } = streams[role]!;
      const base = cache.cached(streamId);
      if (base === undefined) return undefined;
      reads.push({ role, streamId, model, base });
    }
    return reads;
  };

  const loadReads = async (
    streams: Readonly<Record<string, StreamOf<unknown, never>>>,
    refresh: boolean,
  ): Promise<Read[]> => {
    const reads: Read[] = [];
    for (const role in streams) {
      const { streamId, model } = streams[role]!;
      reads.push({
        role,
        streamId,
        model,
        base: await cache.load(store, streamId, model as StreamModel<unknown, Ev>, refresh),
      });
    }
    return reads;
  };

  /** The attempt's writes, or the decision's rejection; no write at all means nothing to append. */
  const decideOn = (
    aggregate: AnyAggregate<C, Ev, RM>,
    command: C,
    reads: ReadonlyArray<Read>,
    rm: RM,
    meta: RunMeta,
  ): Either<Rejection, { writes: StreamWrite[]; reads: ReadonlyArray<Read> } | null> => {
    const states: Record<string, unknown> = {};
    for (const read of reads) states[read.role] = read.base.state;
    // The clock is read once a command, and only by a command that appends or asks for it.
    let stamp = meta.recordedAt;
    const at = (): string => (stamp ??= recordedAt());
    const decision = aggregate.decide(command, states, { actor: meta.actor, now: at, readModels: rm });
    if (decision._tag === 'Left') return decision;
    const decided = decision.right as Readonly<Record<string, ReadonlyArray<Ev> | undefined>>;
    if (reads.every((read) => (decided[read.role]?.length ?? 0) === 0)) return right(null);
    let index = 0;
    const writes: StreamWrite[] = [];
    for (const read of reads) {
      const events = decided[read.role] ?? [];
      writes.push({
        streamId: read.streamId,
        expectedVersion: read.base.version === 0 ? 'no_stream' : read.base.version,
        events: events.map((event): NewEvent => ({
          id: meta.eventId === undefined ? newId() : meta.eventId(index++),
          type: event.type,
          schemaVersion: schemaVersion(event),
          data: event.data,
          actor: meta.actor,
          recordedAt: at(),
          correlationId: meta.correlationId,
          causationId: meta.causationId,
        })),
      });
    }
    for (const write of writes)
      for (const event of write.events) {
        const size = checkEventSize(event);
        if (size._tag === 'Left')
          return left({
            ...size.left,
            message: size.left.message.replace(/^Rejected:/, `Rejected ${command.type}:`),
          });
      }
    const unreadable = checkWrites?.(command, writes);
    if (unreadable !== undefined) return left(unreadable);
    return right({ writes, reads });
  };

  const appendAndProject = async (
    writes: StreamWrite[],
    reads: ReadonlyArray<Read>,
  ): Promise<{ events: ReadonlyArray<Recorded<Ev>>; results: ReadonlyArray<AppendResult> }> => {
    const results = await store.appendMany(writes);
    const recorded: Recorded<Ev>[] = [];
    let written = 0;
    for (let index = 0; index < writes.length; index += 1) {
      const read = reads[index]!;
      const events = results[index]?.events as ReadonlyArray<Recorded<Ev>> | undefined;
      if (events === undefined || writes[index]!.events.length === 0) continue;
      cache.advance(read.streamId, read.model as StreamModel<unknown, Ev>, read.base, events);
      for (const event of events) recorded.push(event);
      written += 1;
    }
    // One write's events are in order already; several writes' are ordered here by position.
    if (written > 1) recorded.sort((a, b) => a.globalPosition - b.globalPosition);
    const projecting = readModels.project(recorded);
    if (projecting !== undefined) await projecting;
    return { events: recorded, results };
  };

  /** One attempt: load what is not cached (everything, when `refresh`), decide, append, project. */
  const attempt = async (
    aggregate: AnyAggregate<C, Ev, RM>,
    command: C,
    streams: Readonly<Record<string, StreamOf<unknown, never>>>,
    meta: RunMeta,
    attempts: number,
  ): Promise<Either<Rejection, RunOutcome<Ev>>> => {
    // Most commands find their states cached and are decided at once, without a wait.
    const { readsModels } = aggregate;
    const waits = typeof readsModels === 'function' ? readsModels(command) : readsModels === true;
    const fresh = attempts === 1 && !waits ? cachedReads(streams) : undefined;
    const reads = fresh ?? (await loadReads(streams, attempts > 1));
    const rm = waits ? await readModels.caughtUp() : readModels.current();
    const outcome = decideOn(aggregate, command, reads, rm, meta);
    if (outcome._tag === 'Left') return outcome;
    if (outcome.right === null) return right({ events: [], results: [], attempts });
    const { events, results } = await appendAndProject(outcome.right.writes, outcome.right.reads);
    return right({ events, results, attempts });
  };

  const run = async (command: C, meta: RunMeta): Promise<Either<Rejection, RunOutcome<Ev>>> => {
    const aggregate = byType.get(command.type);
    if (aggregate === undefined)
      return left(reject('COMMAND_UNKNOWN', `Rejected ${command.type}: no aggregate decides this command`));
    const streams = aggregate.streams(command) as Readonly<Record<string, StreamOf<unknown, never>>>;
    let conflicts = 0;
    let failures = 0;
    for (let attempts = 1; ; attempts += 1) {
      try {
        return await attempt(aggregate, command, streams, meta, attempts);
      } catch (error) {
        if (codeOf(error) === 'CONCURRENCY_CONFLICT') {
          conflicts += 1;
          if (conflicts > maxRetries) {
            const streamId = (error as { streamId?: string }).streamId;
            return left(
              reject(
                'CONCURRENCY_CONFLICT',
                `Rejected ${command.type}: stream "${streamId}" kept changing while the command was decided (${attempts} attempts); try again`,
                { details: { streamId, attempts } },
              ),
            );
          }
          // The first retry reads again at once; later ones wait a little, at random, so that
          // writers that keep meeting spread out.
          if (conflicts > 1) await backoff(conflicts, 1, 50);
          continue;
        }
        if (isTransientStoreError(error) && failures < storeRetries) {
          failures += 1;
          await backoff(failures, 20, 1000);
          continue;
        }
        const rejection = storeErrorRejection(`Rejected ${command.type}`, error, attempts);
        if (rejection === undefined) throw error;
        return left(rejection);
      }
    }
  };

  return {
    run,
    state: async <S>(stream: StreamOf<S, Ev>) => {
      const cached = cache.cached<S>(stream.streamId);
      return (cached ?? (await cache.load(store, stream.streamId, stream.model))).state;
    },
    aggregateOf: (type) => byType.get(type) as AnyAggregate<C, Ev, unknown> | undefined,
  };
};
