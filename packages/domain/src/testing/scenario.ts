/**
 * A scenario for tests and examples: a facade over a fresh in-memory store with a fixed clock and
 * ids, an organization `acme` with an administrator (ann), a manager (mia) and two members (bob,
 * cat), and helpers that say what a command must do: `accepted` or `rejected`.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import {
  createInMemoryEventStore,
  type InMemoryEventStore,
  type RecordedEvent,
  type Rejection,
} from '@rapport/core';
import { createRapport, type Rapport, type SessionCommand } from '../rapport/facade.js';
import { executeInput } from './execute.js';

export interface Scenario {
  readonly rapport: Rapport;
  readonly store: InMemoryEventStore;
  /** Runs a command as the user its `actor` names (`rapport.as(actor).execute`) and gives its result. */
  run(command: Record<string, unknown>): Promise<Either<Rejection, ReadonlyArray<RecordedEvent>>>;
  /** Runs a command that must be accepted; gives its events. */
  accepted(command: Record<string, unknown>): Promise<ReadonlyArray<RecordedEvent>>;
  /** Runs a command that must be rejected; gives the rejection. */
  rejected(command: Record<string, unknown>): Promise<Rejection>;
  /** Runs commands in order, each of which must be accepted: the set-up a test starts from. */
  given(...commands: ReadonlyArray<Record<string, unknown>>): Promise<void>;
}

/** How a scenario starts. */
export interface ScenarioOptions {
  /** `false` leaves the organization uncreated. */
  readonly members?: boolean;
  /** Commands run after the organization, each of which must be accepted. */
  readonly given?: ReadonlyArray<Record<string, unknown>>;
}

/**
 * A fresh scenario; `members: false` leaves the organization uncreated. `given` (the option or the
 * method) runs the set-up a test starts from, often built with the commands of `commands.ts`.
 *
 * @example
 * import { addContact, createEngagement, ok, onEngagement, scenario, typesOf } from '@rapport/domain/testing';
 * const s = await scenario();
 * const events = await s.accepted({ type: 'AddContact', actor: 'bob', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada' });
 * events[0]?.type; // 'ContactAdded'
 * await s.given(
 *   addContact('bob', 'c2', 'Bea'),
 *   createEngagement('bob', 'd1'),
 *   onEngagement('bob', 'd1', 'AddMemberContact', { contactId: 'c1' }),
 * );
 * typesOf(await s.store.readStream('engagement-acme/d1')); // ['EngagementCreated', 'TeamMemberAdded', 'MemberContactAdded']
 * const t = await scenario({ given: [addContact('cat', 'c1', 'Ada')] });
 * ok(await t.rapport.as('cat').contact('acme', 'c1')).mine?.name; // 'Ada'
 */
export const scenario = async (options: ScenarioOptions = {}): Promise<Scenario> => {
  const store = createInMemoryEventStore();
  let tick = 0;
  let id = 0;
  const rapport = createRapport({
    store,
    clock: () => new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + tick++ * 1000),
    newId: () => `01JD${String(++id).padStart(22, '0')}`,
  });
  // A command runs as the user its `actor` names (R-AUTH-4: `rapport.as(actor)`); one without a
  // string actor is decoded as the trusted path would, and the decoder says what is wrong.
  const run = (command: Record<string, unknown>) => {
    const actor = command['actor'];
    return typeof actor === 'string'
      ? rapport.as(actor).execute(command as SessionCommand)
      : executeInput(rapport, command);
  };
  const accepted = async (command: Record<string, unknown>) => {
    const result = await run(command);
    if (result._tag === 'Left')
      throw new Error(`expected ${String(command['type'])} to be accepted: ${result.left.message}`);
    return result.right;
  };
  const rejected = async (command: Record<string, unknown>) => {
    const result = await run(command);
    if (result._tag === 'Right')
      throw new Error(
        `expected ${String(command['type'])} to be rejected, got ${result.right.map((e) => e.type).join(', ')}`,
      );
    return result.left;
  };
  const given = async (...commands: ReadonlyArray<Record<string, unknown>>) => {
    for (const command of commands) await accepted(command);
  };
  if (options.members !== false) {
    await accepted({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
    await accepted({ type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'mia', role: 'manager' });
    await accepted({ type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' });
    await accepted({ type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'cat', role: 'member' });
  }
  await given(...(options.given ?? []));
  return { rapport, store, run, accepted, rejected, given };
};

/**
 * The types of recorded events, for short assertions.
 *
 * @example
 * import { typesOf } from '@rapport/domain/testing';
 * typesOf([]); // []
 */
export const typesOf = (events: ReadonlyArray<{ readonly type: string }>): string[] =>
  events.map((e) => e.type);

/**
 * The value of a read that must succeed; a failed read throws with its message.
 *
 * @example
 * import { right } from 'fp-ts/lib/Either.js';
 * import { ok } from '@rapport/domain/testing';
 * ok(right(2)); // 2
 */
export const ok = <A>(either: Either<{ readonly message: string }, A>): A => {
  if (either._tag === 'Left') throw new Error(either.left.message);
  return either.right;
};
