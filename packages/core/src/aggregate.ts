/**
 * Aggregates as definitions: the streams a command reads, each folded by its model, and the pure
 * decision over their states. The command pipeline (`createCommandPipeline`) runs every
 * definition the same way, so a new aggregate is one definition and one line that lists it.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainEvent } from './decider.js';
import type { Recorded } from './envelope.js';
import type { Rejection } from './rejection.js';

/**
 * How one kind of stream folds into a state. The pipeline caches states by stream id, so one
 * model serves every stream of its kind (every contact, say).
 *
 * @example
 * import type { StreamModel } from '@rapport/core';
 * const count: StreamModel<number, { type: 'Added'; data: { n: number } }> = {
 *   name: 'counter',
 *   initialState: 0,
 *   evolve: (total, event) => total + event.data.n,
 * };
 */
export interface StreamModel<S, Ev extends DomainEvent = DomainEvent> {
  /** The kind of stream, for messages. */
  readonly name: string;
  readonly initialState: S;
  evolve(state: S, event: Recorded<Ev>): S;
}

/**
 * One stream a command reads: its id and the model that folds it.
 *
 * @example
 * import type { StreamOf } from '@rapport/core';
 * const counter: StreamOf<number> = {
 *   streamId: 'counter-1',
 *   model: { name: 'counter', initialState: 0, evolve: (n) => n + 1 },
 * };
 */
export interface StreamOf<S, Ev extends DomainEvent = DomainEvent> {
  readonly streamId: string;
  readonly model: StreamModel<S, Ev>;
}

/** What a decision may know besides the command and the states: who decides, when, and the read models. */
export interface DecisionContext<RM = unknown> {
  readonly actor: string;
  /** When the command is decided, ISO 8601 UTC; the clock is read at the first call. */
  now(): string;
  /** The read models, caught up with the store when the aggregate asks for them (`readsModels`). */
  readonly readModels: RM;
}

/**
 * A test of a command. Written as a method's type, whose parameter TypeScript checks both ways as
 * it does `decide`'s, so that an aggregate of some commands is one of the application's.
 */
type CommandTest<C> = { test(command: C): boolean }['test'];

/** The events a decision appends, by stream role; a role left out appends nothing. */
export type Decision<Roles extends string, Ev> = { readonly [K in Roles]?: ReadonlyArray<Ev> };

/**
 * An aggregate: the commands it takes, the streams each reads (one role per stream), and the
 * decision. Every stream read is guarded at append by the version read, whether or not the
 * decision appends to it; events are appended in the order the roles are listed.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js';
 * import { defineAggregate, reject } from '@rapport/core';
 * type Rename = { type: 'Rename'; contactId: string; name: string };
 * type Renamed = { type: 'Renamed'; data: { name: string } };
 * const names = { name: 'contact', initialState: '', evolve: (_: string, e: Renamed) => e.data.name };
 * const contact = defineAggregate<Rename, { contact: string }, Renamed>({
 *   name: 'contact',
 *   commandTypes: ['Rename'],
 *   streams: (c) => ({ contact: { streamId: `contact-${c.contactId}`, model: names } }),
 *   decide: (c, { contact }) =>
 *     c.name === contact
 *       ? E.left(reject('SAME_NAME', 'the contact already has this name'))
 *       : E.right({ contact: [{ type: 'Renamed', data: { name: c.name } }] }),
 * });
 * contact.commandTypes; // ['Rename']
 */
export interface Aggregate<
  C extends { readonly type: string },
  States extends Record<string, unknown>,
  Ev extends DomainEvent,
  RM = unknown,
> {
  /** The aggregate's name, for messages. */
  readonly name: string;
  /** The `type` of every command it decides. */
  readonly commandTypes: ReadonlyArray<C['type']>;
  /**
   * Whether `decide` reads the read models, for every command or for the commands the function
   * names: they are then caught up with the store first. Otherwise `decide` gets them as they
   * are, without a wait.
   */
  readonly readsModels?: boolean | CommandTest<C>;
  /** The stream of each role. */
  streams(command: C): { readonly [K in keyof States]: StreamOf<States[K], Ev> };
  decide(
    command: C,
    states: States,
    context: DecisionContext<RM>,
  ): Either<Rejection, Decision<keyof States & string, Ev>>;
}

/**
 * Any aggregate of an application's commands and events, as the pipeline holds them.
 *
 * @example
 * import type { AnyAggregate } from '@rapport/core';
 * const none: ReadonlyArray<AnyAggregate<{ type: string }, { type: string; data: unknown }>> = [];
 */
export type AnyAggregate<C extends { readonly type: string }, Ev extends DomainEvent, RM = unknown> =
  // The states of each aggregate are its own: the pipeline only hands them from `streams` to `decide`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Aggregate<C, any, Ev, RM>;

/**
 * Types an aggregate definition: the identity, with the types checked.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js';
 * import { defineAggregate } from '@rapport/core';
 * const counter = defineAggregate<{ type: 'Add'; n: number }, { total: number }, { type: 'Added'; data: { n: number } }>({
 *   name: 'counter',
 *   commandTypes: ['Add'],
 *   streams: () => ({ total: { streamId: 'counter', model: { name: 'counter', initialState: 0, evolve: (t, e) => t + e.data.n } } }),
 *   decide: (c) => E.right({ total: [{ type: 'Added', data: { n: c.n } }] }),
 * });
 * counter.name; // 'counter'
 */
export const defineAggregate = <
  C extends { readonly type: string },
  States extends Record<string, unknown>,
  Ev extends DomainEvent,
  RM = unknown,
>(
  aggregate: Aggregate<C, States, Ev, RM>,
): Aggregate<C, States, Ev, RM> => aggregate;
