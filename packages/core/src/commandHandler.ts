/**
 * The command handler: decode the input, load the state of the streams the command reads, decide,
 * append with the versions read, retry on a concurrent write (R-AUDIT-1: a refused command
 * appends nothing and returns a typed reason; R-AUDIT-2: events carry actor, time, correlation,
 * causation and schema version).
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { CommandContext } from './commandContext.js';
import type { Decider, DomainEvent } from './decider.js';
import { decodeIssues, decodeOrReject, formatDecodeIssues } from './decoding.js';
import type { NewEvent, Recorded, RecordedEvent } from './envelope.js';
import { type ConcurrencyError, RapportError } from './errors.js';
import type { AppendResult, EventStore, StreamWrite } from './eventStore.js';
import { reject, type Rejection } from './rejection.js';

/** How one stream folds into a state. */
export interface StreamModel<S, Ev extends DomainEvent> {
  readonly initialState: S;
  readonly evolve: (state: S, event: Recorded<Ev>) => S;
  /**
   * Decodes a stored event's `{ type, data }` before `evolve` sees it. A stored event it refuses
   * throws `RapportError('EVENT_UNREADABLE')`: the store holds what this code cannot read.
   */
  readonly event?: t.Decoder<unknown, Ev>;
}

/** What a decision may know besides the command and the state: who decides, and when. */
export interface DecisionContext {
  readonly actor: string;
  readonly now: string;
}

/** The events a decision appends, by stream role; a role left out appends nothing. */
export type Decision<Roles extends string, Ev> = { readonly [K in Roles]?: ReadonlyArray<Ev> };

/**
 * A command over one or more streams, each given a role (`contact`, `organization`…). The state
 * of every role is loaded, `decide` sees them all, and the events it returns are appended to
 * their streams in one atomic `appendMany`, each stream guarded by the version that was read
 * (a role with no event still guards its read).
 */
export interface CommandDefinition<C, States extends Record<string, unknown>, Ev extends DomainEvent> {
  /** The command's name, used in messages. */
  readonly name: string;
  readonly command: t.Decoder<unknown, C>;
  /** The stream of each role. */
  readonly streams: (command: C) => { readonly [K in keyof States & string]: string };
  readonly models: { readonly [K in keyof States & string]: StreamModel<States[K], Ev> };
  readonly decide: (
    command: C,
    states: States,
    context: DecisionContext,
  ) => E.Either<Rejection, Decision<keyof States & string, Ev>>;
  /** The schema version of an event's data; default 1. */
  readonly schemaVersion?: (event: Ev) => number;
}

/** How a command handler retries, upcasts and tells projections of what it appended. */
export interface CommandHandlerOptions {
  /** How many times a decision is retried after a concurrent write; default 3. */
  readonly maxRetries?: number;
  /** Applied to each stored event before it is decoded and folded (see `upcast`). */
  readonly upcast?: (event: RecordedEvent) => RecordedEvent;
  /** Called after each successful append with the stored events, in order (inline projections). */
  readonly onAppended?: ReadonlyArray<(events: ReadonlyArray<RecordedEvent>) => Promise<void> | void>;
}

/** What an accepted command did. */
export interface CommandOutcome {
  /** Every stored event, in global order. */
  readonly events: ReadonlyArray<RecordedEvent>;
  /** One result per stream written or guarded. */
  readonly results: ReadonlyArray<AppendResult>;
  /** How many times the command was decided (1 without a concurrent write). */
  readonly attempts: number;
}

/** A command handler: raw input in, a rejection or what was appended out. */
export type CommandHandler = (
  input: unknown,
  context: CommandContext,
) => Promise<E.Either<Rejection, CommandOutcome>>;

/** By code rather than class: a store built against another copy of this package throws its own class. */
const isConcurrencyConflict = (error: unknown): error is ConcurrencyError =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === 'CONCURRENCY_CONFLICT';

interface Loaded {
  readonly state: unknown;
  readonly version: number;
}

const load = async <S, Ev extends DomainEvent>(
  store: EventStore,
  streamId: string,
  model: StreamModel<S, Ev>,
  upcast: ((event: RecordedEvent) => RecordedEvent) | undefined,
): Promise<Loaded> => {
  const events = await store.readStream(streamId);
  let state = model.initialState;
  for (const stored of events) {
    const event = upcast === undefined ? stored : upcast(stored);
    if (model.event === undefined) {
      state = model.evolve(state, event as Recorded<Ev>);
      continue;
    }
    const decoded = model.event.decode({ type: event.type, data: event.data });
    if (E.isLeft(decoded)) {
      throw new RapportError(
        'EVENT_UNREADABLE',
        `event ${event.streamVersion} of stream "${streamId}" (${event.type} v${event.schemaVersion}) cannot be read: ${formatDecodeIssues(decodeIssues(decoded.left))}`,
        { streamId, streamVersion: event.streamVersion, eventId: event.id },
      );
    }
    state = model.evolve(state, {
      ...event,
      type: decoded.right.type,
      data: decoded.right.data,
    } as Recorded<Ev>);
  }
  return { state, version: events[events.length - 1]?.streamVersion ?? 0 };
};

/**
 * Makes a handler for one command definition over a store.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js';
 * import * as t from 'io-ts';
 * import { commandHandler, fixedContext, InMemoryEventStore, reject } from '@rapport/core';
 * const Rename = t.type({ contactId: t.string, name: t.string });
 * const rename = commandHandler(new InMemoryEventStore(), {
 *   name: 'Rename',
 *   command: Rename,
 *   streams: (c) => ({ contact: `contact-${c.contactId}` }),
 *   models: { contact: { initialState: '', evolve: (_, e: { type: 'Renamed'; data: { name: string } }) => e.data.name } },
 *   decide: (c, { contact }) =>
 *     c.name === contact ? E.left(reject('SAME_NAME', 'the contact already has this name')) : E.right({ contact: [{ type: 'Renamed', data: { name: c.name } }] }),
 * });
 * const result = await rename({ contactId: 'c1', name: 'Ann' }, fixedContext({ actor: 'u_ann', now: '2026-11-23T09:30:00.000Z' }));
 * E.isRight(result); // true
 */
export const commandHandler = <C, States extends Record<string, unknown>, Ev extends DomainEvent>(
  store: EventStore,
  definition: CommandDefinition<C, States, Ev>,
  options: CommandHandlerOptions = {},
): CommandHandler => {
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 3));
  const schemaVersion = definition.schemaVersion ?? (() => 1);
  type Role = keyof States & string;

  return async (input, context) => {
    const decoded = decodeOrReject(definition.command, input, 'COMMAND_INVALID');
    if (E.isLeft(decoded)) {
      return E.left({ ...decoded.left, message: `Rejected ${definition.name}: ${decoded.left.message}` });
    }
    const command = decoded.right;
    const streams = definition.streams(command);
    const roles = Object.keys(definition.models) as Role[];

    for (let attempt = 1; ; attempt++) {
      const loaded = await Promise.all(
        roles.map((role) => load(store, streams[role], definition.models[role], options.upcast)),
      );
      const states = Object.fromEntries(roles.map((role, i) => [role, loaded[i]!.state])) as States;
      const now = context.now();
      const decision = definition.decide(command, states, { actor: context.actor, now });
      if (E.isLeft(decision)) return decision;

      const writes: StreamWrite[] = roles.map((role, i) => ({
        streamId: streams[role],
        expectedVersion: loaded[i]!.version,
        events: (decision.right[role] ?? []).map((event): NewEvent => ({
          id: context.newId(),
          type: event.type,
          schemaVersion: schemaVersion(event),
          data: event.data,
          actor: context.actor,
          recordedAt: now,
          correlationId: context.correlationId,
          causationId: context.causationId,
        })),
      }));
      if (writes.every((write) => write.events.length === 0)) {
        return E.right({ events: [], results: [], attempts: attempt });
      }
      try {
        const results =
          writes.length === 1
            ? [
                await store.append(writes[0]!.streamId, writes[0]!.events, {
                  expectedVersion: writes[0]!.expectedVersion,
                }),
              ]
            : await store.appendMany(writes);
        const events = results
          .flatMap((result) => result.events)
          .sort((a, b) => a.globalPosition - b.globalPosition);
        for (const hook of options.onAppended ?? []) await hook(events);
        return E.right({ events, results, attempts: attempt });
      } catch (error) {
        if (!isConcurrencyConflict(error)) throw error;
        if (attempt > maxRetries) {
          return E.left(
            reject(
              'CONCURRENCY_CONFLICT',
              `Rejected ${definition.name}: stream "${error.streamId}" kept changing while the command was decided (${attempt} attempts); try again`,
              { details: { streamId: error.streamId, attempts: attempt } },
            ),
          );
        }
      }
    }
  };
};

/**
 * A command definition for one decider over one stream: the single-stream case of
 * `commandHandler`, with the stream's role named `stream`.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js';
 * import * as t from 'io-ts';
 * import { commandHandler, deciderCommand, fixedContext, InMemoryEventStore, type Decider } from '@rapport/core';
 * const Add = t.type({ id: t.string, n: t.number });
 * const counter: Decider<t.TypeOf<typeof Add>, number, { type: 'Added'; data: { n: number } }> = {
 *   decide: (c) => E.right([{ type: 'Added', data: { n: c.n } }]),
 *   evolve: (total, e) => total + e.data.n,
 *   initialState: 0,
 * };
 * const add = commandHandler(
 *   new InMemoryEventStore(),
 *   deciderCommand({ name: 'Add', command: Add, streamId: (c) => `counter-${c.id}`, decider: counter }),
 * );
 * const result = await add({ id: 'c1', n: 2 }, fixedContext({ actor: 'u_ann', now: '2026-11-23T09:30:00.000Z' }));
 * E.isRight(result) && result.right.events.map((e) => e.streamId); // ['counter-c1']
 */
export const deciderCommand = <C, S, Ev extends DomainEvent>(config: {
  readonly name: string;
  readonly command: t.Decoder<unknown, C>;
  readonly streamId: (command: C) => string;
  readonly decider: Decider<C, S, Ev>;
  readonly event?: t.Decoder<unknown, Ev>;
  readonly schemaVersion?: (event: Ev) => number;
}): CommandDefinition<C, { stream: S }, Ev> => ({
  name: config.name,
  command: config.command,
  streams: (command) => ({ stream: config.streamId(command) }),
  models: {
    stream: {
      initialState: config.decider.initialState,
      evolve: (state, event) => config.decider.evolve(state, event),
      ...(config.event === undefined ? {} : { event: config.event }),
    },
  },
  decide: (command, { stream }) =>
    E.map((events: ReadonlyArray<Ev>) => ({ stream: events }))(config.decider.decide(command, stream)),
  ...(config.schemaVersion === undefined ? {} : { schemaVersion: config.schemaVersion }),
});
