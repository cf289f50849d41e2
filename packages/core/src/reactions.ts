/**
 * Durable reactions: what an appended event calls for (sharing a contact, carrying a sync flow)
 * is done by ordinary commands that a reactor runs for every event in global order, from a
 * checkpoint kept in the snapshot store. After a crash, a restart or a lost race, the reactor
 * starts again from its checkpoint, so every reaction happens at least once; it happens once in
 * effect because each follow-up's event ids are derived from its trigger (a second try finds them
 * stored and stops) and because reactions decide on the state as it is (a done share is not
 * redone). A follow-up cites its trigger as causation and keeps its correlation id.
 */
import { createHash } from 'node:crypto';
import type { StreamOf } from './aggregate.js';
import type { CommandPipeline } from './commandPipeline.js';
import type { DomainEvent } from './decider.js';
import type { Recorded, RecordedEvent } from './envelope.js';
import type { EventStore } from './eventStore.js';
import type { SnapshotStore } from './snapshotStore.js';

/** What a reaction may read: the read models caught up past its event, and streams' states. */
export interface ReactionContext<Ev extends DomainEvent, RM> {
  readonly readModels: RM;
  state<S>(stream: StreamOf<S, Ev>): Promise<S>;
}

/**
 * A command a reaction calls for, who it runs as, and, when the event that made the change it
 * carries out is not the trigger itself, that event's id as its causation (default the trigger's).
 */
export interface FollowUp<C> {
  readonly command: C;
  readonly actor: string;
  readonly causationId?: string;
}

/**
 * A reaction: the commands an event calls for. Its `name` is part of the follow-ups' event ids:
 * keep it stable.
 *
 * @example
 * import type { Reaction } from '@rapport/core';
 * type Added = { type: 'Added'; data: { n: number } };
 * const double: Reaction<{ type: 'Add'; n: number }, Added, null> = {
 *   name: 'double',
 *   react: (event) => (event.data.n < 100 ? [{ command: { type: 'Add', n: event.data.n * 2 }, actor: 'system' }] : []),
 * };
 */
export interface Reaction<C, Ev extends DomainEvent, RM> {
  readonly name: string;
  react(
    event: Recorded<Ev>,
    context: ReactionContext<Ev, RM>,
  ): ReadonlyArray<FollowUp<C>> | Promise<ReadonlyArray<FollowUp<C>>>;
}

/** How a reactor is built. */
export interface ReactorOptions<C extends { readonly type: string }, Ev extends DomainEvent, RM> {
  readonly store: EventStore;
  readonly pipeline: CommandPipeline<C, Ev>;
  readonly reactions: ReadonlyArray<Reaction<C, Ev, RM>>;
  readonly decodeEvent: (event: RecordedEvent) => Recorded<Ev>;
  /** The read models holding at least every event up to `position`, at once when they can. */
  readonly readModels: (position: number) => RM | Promise<RM>;
  /** Where the checkpoint is kept; without one it is kept in memory and starts at 0. */
  readonly checkpoints?: SnapshotStore;
  /** How deep follow-ups may lead to follow-ups from one command; default 16. */
  readonly maxDepth?: number;
  /** At least this many milliseconds between two saves of the checkpoint; default 1,000. */
  readonly saveInterval?: number;
  /** The time in milliseconds; default `Date.now`. */
  readonly now?: () => number;
}

const isPromise = <A>(value: A | Promise<A>): value is Promise<A> => value instanceof Promise;

/** The name of the reactor's checkpoint in the snapshot store. */
export const REACTIONS_CHECKPOINT = 'rapport.reactions';

/** A reactor over a store. */
export interface Reactor<Ev extends DomainEvent> {
  /** The position of the last event reacted to. */
  readonly checkpoint: number;
  /**
   * Whether an event's follow-ups met a concurrent write or a store that could not be reached,
   * so that a try is scheduled (with backoff and jitter) and the checkpoint waits at that event.
   */
  readonly pending: boolean;
  /**
   * Reacts to every event after the checkpoint, and to the events those reactions append, until
   * none is left; `appended`, events the caller has just appended, spare reading them again.
   * Gives the events that follow-ups of `appended`'s correlation id appended meanwhile.
   */
  drain(appended?: ReadonlyArray<Recorded<Ev>>): Promise<ReadonlyArray<Recorded<Ev>>>;
  /** Saves the checkpoint now. */
  save(): Promise<void>;
}

/**
 * The id of a follow-up's event: its trigger's id, the reaction, which follow-up, which event. An
 * id that would pass 100 characters (a follow-up of a follow-up of…) is the SHA-256 of that text
 * instead, so ids keep one size however deep the reactions go.
 *
 * @example
 * import { followUpEventId } from '@rapport/core';
 * followUpEventId('01JD00000000000000000000AA', 'share', 0, 1); // '01JD00000000000000000000AA.share.0.1'
 * followUpEventId('x'.repeat(100), 'sync', 0, 0).length; // 66: 'r-' and 64 hexadecimal digits
 */
export const followUpEventId = (
  triggerId: string,
  reaction: string,
  followUp: number,
  event: number,
): string => {
  const id = `${triggerId}.${reaction}.${followUp}.${event}`;
  return id.length <= 100 ? id : `r-${createHash('sha256').update(id).digest('hex')}`;
};

/**
 * Makes a reactor. Call `drain` after each append, and once at start-up to catch up with what
 * happened while no reactor ran.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js';
 * import { createCommandPipeline, createReactor, defineAggregate, InMemoryEventStore, monotonicUlid } from '@rapport/core';
 * type Add = { type: 'Add'; n: number };
 * type Added = { type: 'Added'; data: { n: number } };
 * const store = new InMemoryEventStore();
 * const total = { name: 'counter', initialState: 0, evolve: (t: number, e: Added) => t + e.data.n };
 * const pipeline = createCommandPipeline<Add, Added, null>({
 *   store,
 *   aggregates: [defineAggregate<Add, { total: number }, Added>({
 *     name: 'counter', commandTypes: ['Add'],
 *     streams: () => ({ total: { streamId: 'counter', model: total } }),
 *     decide: (c) => E.right({ total: [{ type: 'Added', data: { n: c.n } }] }),
 *   })],
 *   decodeEvent: (event) => event as never,
 *   readModels: { current: () => null, caughtUp: async () => null, project: () => undefined },
 *   newId: monotonicUlid(),
 * });
 * const reactor = createReactor<Add, Added, null>({
 *   store, pipeline, decodeEvent: (event) => event as never, readModels: async () => null,
 *   reactions: [{ name: 'double', react: (e) => (e.data.n < 4 ? [{ command: { type: 'Add', n: e.data.n * 2 }, actor: 'system' }] : []) }],
 * });
 * await pipeline.run({ type: 'Add', n: 1 }, { actor: 'ann', correlationId: 'c1', causationId: null });
 * await reactor.drain();
 * (await store.readStream('counter')).map((e) => e.data); // [{ n: 1 }, { n: 2 }, { n: 4 }]
 */
export const createReactor = <C extends { readonly type: string }, Ev extends DomainEvent, RM>(
  options: ReactorOptions<C, Ev, RM>,
): Reactor<Ev> => {
  const { store, pipeline, reactions, decodeEvent, checkpoints } = options;
  const maxDepth = options.maxDepth ?? 16;
  const saveInterval = options.saveInterval ?? 1000;
  const now = options.now ?? Date.now;
  // The follow-ups' events of each correlation id some caller of `drain` waits for.
  const collected = new Map<string, { events: Array<Recorded<Ev>>; waiting: number }>();
  // How deep each follow-up event is; an event not listed was not appended by a reaction here.
  const depths = new Map<string, number>();
  let checkpoint = 0;
  let saved = 0;
  let lastSave = now();
  let started: Promise<void> | undefined;
  let ready = false;
  let running: Promise<void> = Promise.resolve();
  let retry: ReturnType<typeof setTimeout> | undefined;
  let retries = 0;

  const start = (): Promise<void> =>
    (started ??= (async () => {
      const snapshot = await checkpoints?.loadSnapshot(REACTIONS_CHECKPOINT);
      checkpoint = saved = snapshot?.checkpoint ?? 0;
      ready = true;
    })());

  const save = async (): Promise<void> => {
    if (checkpoints === undefined || checkpoint === saved) return;
    const at = checkpoint;
    await checkpoints.saveSnapshot({
      projection: REACTIONS_CHECKPOINT,
      version: 1,
      checkpoint: at,
      state: null,
    });
    saved = at;
    lastSave = now();
  };

  const collect = (correlationId: string, events: ReadonlyArray<Recorded<Ev>>): void => {
    const into = collected.get(correlationId);
    if (into !== undefined) for (const event of events) into.events.push(event);
  };

  /**
   * Reacts to one event, adding the events its follow-ups append to `produced`. Gives whether
   * the event's reactions are done (or refused for good); false when a try must come later.
   */
  const reactTo = async (event: Recorded<Ev>, produced: Array<Recorded<Ev>>): Promise<boolean> => {
    const depth = depths.get(event.id) ?? 0;
    depths.delete(event.id);
    if (depth >= maxDepth) return true;
    const models = options.readModels(event.globalPosition);
    const context = { readModels: isPromise(models) ? await models : models, state: pipeline.state };
    for (const reaction of reactions) {
      const reacted = reaction.react(event, context);
      // Most events call for nothing, and most reactions say so without waiting.
      const followUps = isPromise(reacted) ? await reacted : reacted;
      for (let index = 0; index < followUps.length; index += 1) {
        const { command, actor, causationId } = followUps[index]!;
        const result = await pipeline.run(command, {
          actor,
          correlationId: event.correlationId,
          causationId: causationId ?? event.id,
          eventId: (n) => followUpEventId(event.id, reaction.name, index, n),
        });
        if (result._tag === 'Right') {
          const { events } = result.right;
          for (const appended of events) {
            depths.set(appended.id, depth + 1);
            produced.push(appended);
          }
          if (events.length > 0) collect(event.correlationId, events);
          continue;
        }
        const { code } = result.left;
        // Its events are stored already: an earlier try carried the follow-up out.
        if (code === 'DUPLICATE_EVENT_ID') continue;
        if (code === 'CONCURRENCY_CONFLICT' || code === 'STORE_UNAVAILABLE') return false;
        // Any other rejection is the rules refusing the follow-up: final, like a user's refused command.
      }
    }
    return true;
  };

  /**
   * Reacts to `events` in order from the checkpoint, then to what their follow-ups appended, as
   * long as those follow on from the checkpoint. Gives false when an event must be tried again
   * later, undefined when the store must be read (others appended in between), true when done.
   */
  const reactToAll = async (events: ReadonlyArray<Recorded<Ev>>): Promise<boolean | undefined> => {
    let queue = events;
    while (queue.length > 0) {
      const produced: Array<Recorded<Ev>> = [];
      for (const event of queue) {
        if (event.globalPosition <= checkpoint) continue;
        if (event.globalPosition !== checkpoint + 1) return undefined;
        if (!(await reactTo(event, produced))) return false;
        checkpoint = event.globalPosition;
      }
      queue = produced;
    }
    return true;
  };

  const scheduleRetry = (): void => {
    if (retry !== undefined) return;
    retries += 1;
    retry = setTimeout(
      () => {
        retry = undefined;
        drain().catch(() => undefined);
      },
      Math.random() * Math.min(5000, 10 * 2 ** retries),
    );
    // A retry must not keep a process alive that has nothing else to do.
    retry.unref?.();
  };

  /** Reacts to everything the store holds after the checkpoint; false when a try must come later. */
  const catchUp = async (): Promise<boolean> => {
    for (;;) {
      let read = 0;
      for await (const batch of store.readAll({ after: checkpoint })) {
        read += batch.length;
        if ((await reactToAll(batch.map(decodeEvent))) === false) return false;
      }
      if (read === 0) return true;
    }
  };

  const work = async (appended: ReadonlyArray<Recorded<Ev>> | undefined): Promise<void> => {
    if (!ready) await start();
    // Events just appended that follow on from the checkpoint need no read of the store; the
    // store is read when there are none, or when others' events came in between.
    const done = appended === undefined ? undefined : await reactToAll(appended);
    if (done === false || (done === undefined && !(await catchUp()))) return scheduleRetry();
    // Everything is done: a try scheduled before has nothing left to do.
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    retries = 0;
    if (now() - lastSave >= saveInterval) await save();
  };

  const drain = async (appended?: ReadonlyArray<Recorded<Ev>>): Promise<ReadonlyArray<Recorded<Ev>>> => {
    const correlationId = appended?.[0]?.correlationId;
    let into = correlationId === undefined ? undefined : collected.get(correlationId);
    if (correlationId !== undefined && into === undefined)
      collected.set(correlationId, (into = { events: [], waiting: 0 }));
    if (into !== undefined) into.waiting += 1;
    const step = running.then(() => work(appended));
    running = step.catch(() => undefined);
    try {
      await step;
      return into?.events ?? [];
    } finally {
      if (into !== undefined && (into.waiting -= 1) === 0) collected.delete(correlationId!);
    }
  };

  return {
    get checkpoint() {
      return checkpoint;
    },
    get pending() {
      return retry !== undefined;
    },
    drain,
    save: () => running.then(save),
  };
};
