/**
 * A command handler for one command definition: decodes the input with the command's codec, then
 * runs it through the command pipeline (`createCommandPipeline`), the one road of every command,
 * with the actor, time, ids, correlation and causation of a `CommandContext` (R-AUDIT-1, R-AUDIT-2).
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { AnyAggregate, Decision, DecisionContext, StreamModel } from './aggregate.js';
import type { CommandContext } from './commandContext.js';
import { createCommandPipeline, type RunOutcome } from './commandPipeline.js';
import type { Decider, DomainEvent } from './decider.js';
import { decodeIssues, decodeOrReject, formatDecodeIssues } from './decoding.js';
import type { Recorded, RecordedEvent } from './envelope.js';
import { RapportError } from './errors.js';
import type { EventStore } from './eventStore.js';
import type { Rejection } from './rejection.js';

/** How one stream folds into a state, and optionally the decoder of its stored events. */
export interface HandlerStreamModel<S, Ev extends DomainEvent> {
  readonly initialState: S;
  readonly evolve: (state: S, event: Recorded<Ev>) => S;
  /**
   * Decodes a stored event's `{ type, data }` before `evolve` sees it. A stored event it refuses
   * is a `EVENT_UNREADABLE` rejection: the store holds what this code cannot read.
   */
  readonly event?: t.Decoder<unknown, Ev>;
}

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
  readonly models: { readonly [K in keyof States & string]: HandlerStreamModel<States[K], Ev> };
  readonly decide: (
    command: C,
    states: States,
    context: DecisionContext<unknown>,
  ) => E.Either<Rejection, Decision<keyof States & string, Ev>>;
  /** The schema version of an event's data; default 1. */
  readonly schemaVersion?: (event: Ev) => number;
}

/** How a command handler retries, upcasts and tells projections of what it appended. */
export interface CommandHandlerOptions {
  /** How many times a decision is retried after a concurrent write; default 5, as every command. */
  readonly maxRetries?: number;
  /** Applied to each stored event before it is decoded and folded (see `upcast`). */
  readonly upcast?: (event: RecordedEvent) => RecordedEvent;
  /** Called after each successful append with the stored events, in order (inline projections). */
  readonly onAppended?: ReadonlyArray<(events: ReadonlyArray<RecordedEvent>) => Promise<void> | void>;
}

/** What an accepted command did. */
export type CommandOutcome = RunOutcome<DomainEvent>;

/** A command handler: raw input in, a rejection or what was appended out. */
export type CommandHandler = (
  input: unknown,
  context: CommandContext,
) => Promise<E.Either<Rejection, CommandOutcome>>;

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
  type Role = keyof States & string;
  type Named = { readonly type: string; readonly command: C };
  const models = Object.fromEntries(
    (Object.keys(definition.models) as Role[]).map((role) => {
      const model = definition.models[role];
      const decoder = model.event;
      const decode = (event: Recorded<Ev>): Recorded<Ev> => {
        if (decoder === undefined) return event;
        const decoded = decoder.decode({ type: event.type, data: event.data });
        if (E.isLeft(decoded))
          throw new RapportError(
            'EVENT_UNREADABLE',
            `event ${event.streamVersion} of stream "${event.streamId}" (${event.type} v${event.schemaVersion}) cannot be read: ${formatDecodeIssues(decodeIssues(decoded.left))}`,
            { streamId: event.streamId, streamVersion: event.streamVersion, eventId: event.id },
          );
        return { ...event, type: decoded.right.type, data: decoded.right.data } as Recorded<Ev>;
      };
      const folded: StreamModel<unknown, Ev> = {
        name: role,
        initialState: model.initialState,
        evolve: (state, event) => model.evolve(state as States[Role], decode(event)),
      };
      return [role, folded];
    }),
  ) as Record<Role, StreamModel<unknown, Ev>>;
  const aggregate: AnyAggregate<Named, Ev> = {
    name: definition.name,
    commandTypes: [definition.name],
    streams: ({ command }) => {
      const ids = definition.streams(command);
      return Object.fromEntries(
        (Object.keys(models) as Role[]).map((role) => [role, { streamId: ids[role], model: models[role] }]),
      );
    },
    decide: ({ command }, states, context) => definition.decide(command, states as States, context),
  };
  const hooks = options.onAppended ?? [];
  const pipeline = createCommandPipeline<Named, Ev, null>({
    store,
    aggregates: [aggregate],
    decodeEvent: (event) => (options.upcast === undefined ? event : options.upcast(event)) as Recorded<Ev>,
    readModels: {
      current: () => null,
      caughtUp: async () => null,
      project: (events) =>
        hooks.length === 0
          ? undefined
          : (async () => {
              for (const hook of hooks) await hook(events);
            })(),
    },
    schemaVersion: definition.schemaVersion ?? (() => 1),
    newId: () => {
      throw new Error('commandHandler gives every event id from its context');
    },
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });

  return async (input, context) => {
    const decoded = decodeOrReject(definition.command, input, 'COMMAND_INVALID');
    if (E.isLeft(decoded)) {
      return E.left({ ...decoded.left, message: `Rejected ${definition.name}: ${decoded.left.message}` });
    }
    return pipeline.run(
      { type: definition.name, command: decoded.right },
      {
        actor: context.actor,
        correlationId: context.correlationId,
        causationId: context.causationId,
        recordedAt: context.now(),
        eventId: () => context.newId(),
      },
    );
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
