/**
 * A decider: the pure heart of an aggregate. `decide` turns a command and the current state into
 * events or a rejection; `evolve` folds one event into the state; `initialState` is the state of an
 * empty stream. No I/O, no clock, no id generation: those are passed in by the command handler.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type { Rejection } from './rejection.js';

/**
 * @example
 * import * as E from 'fp-ts/lib/Either.js';
 * import type { Decider } from '@rapport/core';
 * type Cmd = { type: 'Add'; n: number };
 * type Ev = { type: 'Added'; data: { n: number } };
 * const counter: Decider<Cmd, number, Ev> = {
 *   decide: (c) => (c.n > 0 ? E.right([{ type: 'Added', data: { n: c.n } }]) : E.left({ code: 'NOT_POSITIVE', message: 'n must be positive' })),
 *   evolve: (s, e) => s + e.data.n,
 *   initialState: 0,
 * };
 * counter.decide({ type: 'Add', n: 2 }, counter.initialState); // E.right([{ type: 'Added', data: { n: 2 } }])
 * counter.decide({ type: 'Add', n: 0 }, counter.initialState)._tag; // 'Left'
 */
export interface Decider<Command, State, Event, R = Rejection> {
  readonly decide: (command: Command, state: State) => Either<R, ReadonlyArray<Event>>;
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

/** A domain event before it is stored: its type and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}
