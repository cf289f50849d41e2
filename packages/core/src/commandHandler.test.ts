import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { fixedContext } from './commandContext.js';
import { commandHandler, deciderCommand, type CommandDefinition } from './commandHandler.js';
import type { Decider } from './decider.js';
import type { EventStore } from './eventStore.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { reject } from './rejection.js';
import { upcast, upcasterRegistry } from './upcasting.js';

const Add = t.type({ counterId: t.string, amount: t.number });
type Add = t.TypeOf<typeof Add>;
const CounterEvent = t.type({ type: t.literal('Added'), data: t.type({ amount: t.number }) });
type CounterEvent = t.TypeOf<typeof CounterEvent>;

const counter: Decider<Add, number, CounterEvent> = {
  decide: (command, total) =>
    command.amount <= 0
      ? E.left(reject('NOT_POSITIVE', `amount ${command.amount} is not positive`))
      : total + command.amount > 10
        ? E.left(reject('OVER_LIMIT', 'the total would pass 10'))
        : E.right([{ type: 'Added', data: { amount: command.amount } }]),
  evolve: (total, event) => total + event.data.amount,
  initialState: 0,
};

const addCommand = deciderCommand({
  name: 'Add',
  command: Add,
  streamId: (c) => `counter-${c.counterId}`,
  decider: counter,
  event: CounterEvent,
});

const context = fixedContext({
  actor: 'u_ann',
  now: '2026-11-23T09:30:00.000Z',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
});

/** A store on which another writer appends to `streamId` just before each of the first `times` appends. */
let interferences = 0;
const contended = (store: EventStore, streamId: string, times: number): EventStore => {
  let left = times;
  const interfere = async (): Promise<void> => {
    if (left-- <= 0) return;
    const n = ++interferences;
    await store.append(streamId, [
      {
        id: `other-${n}`,
        type: 'Added',
        schemaVersion: 1,
        data: { amount: 1 },
        actor: 'u_bob',
        recordedAt: '2026-11-23T09:29:00.000Z',
        correlationId: `other-${n}`,
        causationId: null,
      },
    ]);
  };
  return {
    readStream: (s, o) => store.readStream(s, o),
    streamVersion: (s) => store.streamVersion(s),
    readAll: (o) => store.readAll(o),
    subscribe: (o) => store.subscribe(o),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    append: async (s, events, o) => {
      await interfere();
      return store.append(s, events, o);
    },
    appendMany: async (writes) => {
      await interfere();
      return store.appendMany(writes);
    },
  };
};

describe('commandHandler', () => {
  it('R-AUDIT-1: input that does not decode is rejected as COMMAND_INVALID with the path, and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const result = await commandHandler(store, addCommand)({ counterId: 'c1', amount: 'five' }, context);
    expect(result).toEqual(
      E.left(
        expect.objectContaining({
          code: 'COMMAND_INVALID',
          path: 'amount',
          message: 'Rejected Add: at amount: expected number, got the string "five"',
        }),
      ),
    );
    expect(await store.headPosition()).toBe(0);
  });

  it('R-AUDIT-1: a rejected decision returns its rejection and appends nothing', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, addCommand);
    expect(await handle({ counterId: 'c1', amount: 0 }, context)).toEqual(
      E.left(expect.objectContaining({ code: 'NOT_POSITIVE' })),
    );
    expect(await store.headPosition()).toBe(0);
  });

  it('R-AUDIT-2: accepted events carry the actor, the time, the ids and the schema version of the context', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, addCommand);
    const result = await handle({ counterId: 'c1', amount: 4 }, context);
    expect(E.isRight(result)).toBe(true);
    const [event] = await store.readStream('counter-c1');
    expect(event).toMatchObject({
      id: 'evt-000001',
      type: 'Added',
      schemaVersion: 1,
      data: { amount: 4 },
      actor: 'u_ann',
      recordedAt: '2026-11-23T09:30:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      streamVersion: 1,
    });
    expect(await handle({ counterId: 'c1', amount: 7 }, context)).toEqual(
      E.left(expect.objectContaining({ code: 'OVER_LIMIT' })),
    );
  });

  it('retries a decision after a concurrent write, deciding on the new state', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(contended(store, 'counter-c1', 2), addCommand);
    const result = await handle({ counterId: 'c1', amount: 3 }, context);
    expect(E.isRight(result) && result.right.attempts).toBe(3);
    expect((await store.readStream('counter-c1')).map((e) => e.actor)).toEqual(['u_bob', 'u_bob', 'u_ann']);
    const overLimit = await commandHandler(contended(store, 'counter-c1', 1), addCommand)(
      { counterId: 'c1', amount: 5 },
      context,
    );
    expect(overLimit).toEqual(E.left(expect.objectContaining({ code: 'OVER_LIMIT' })));
  });

  it('gives up after the configured number of retries with a CONCURRENCY_CONFLICT rejection', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(contended(store, 'counter-c1', 10), addCommand, { maxRetries: 2 });
    const result = await handle({ counterId: 'c1', amount: 1 }, context);
    expect(result).toEqual(E.left(expect.objectContaining({ code: 'CONCURRENCY_CONFLICT' })));
    expect((await store.readStream('counter-c1')).every((e) => e.actor === 'u_bob')).toBe(true);
  });

  it('decides over several streams and guards the streams it read but did not write', async () => {
    const Join = t.type({ contactId: t.string, orgId: t.string });
    type Ev =
      | { type: 'SeatsSet'; data: { seats: number } }
      | { type: 'Joined'; data: { orgId: string } }
      | { type: 'MemberAdded'; data: { contactId: string } };
    type States = { contact: string | null; org: { seats: number; members: number } };
    const join: CommandDefinition<t.TypeOf<typeof Join>, States, Ev> = {
      name: 'Join',
      command: Join,
      streams: (c) => ({ contact: `contact-${c.contactId}`, org: `org-${c.orgId}` }),
      models: {
        contact: { initialState: null, evolve: (s, e) => (e.type === 'Joined' ? e.data.orgId : s) },
        org: {
          initialState: { seats: 0, members: 0 },
          evolve: (s, e) =>
            e.type === 'SeatsSet'
              ? { ...s, seats: e.data.seats }
              : e.type === 'MemberAdded'
                ? { ...s, members: s.members + 1 }
                : s,
        },
      },
      decide: (c, { contact, org }) =>
        contact !== null
          ? E.right({})
          : org.members >= org.seats
            ? E.left(reject('NO_SEAT', 'the organization has no free seat'))
            : E.right({
                contact: [{ type: 'Joined', data: { orgId: c.orgId } }],
                org: [{ type: 'MemberAdded', data: { contactId: c.contactId } }],
              }),
    };
    const store = new InMemoryEventStore();
    await store.append('org-o1', [
      {
        id: 's1',
        type: 'SeatsSet',
        schemaVersion: 1,
        data: { seats: 1 },
        actor: 'u',
        recordedAt: '2026-11-23T09:00:00.000Z',
        correlationId: 'c',
        causationId: null,
      },
    ]);
    const handle = commandHandler(store, join);
    const joined = await handle({ contactId: 'a', orgId: 'o1' }, context);
    expect(E.isRight(joined) && joined.right.results.map((r) => [r.streamId, r.nextExpectedVersion])).toEqual(
      [
        ['contact-a', 1],
        ['org-o1', 2],
      ],
    );
    expect(await handle({ contactId: 'a', orgId: 'o1' }, context)).toEqual(
      E.right({ events: [], results: [], attempts: 1 }),
    );
    expect(await handle({ contactId: 'b', orgId: 'o1' }, context)).toEqual(
      E.left(expect.objectContaining({ code: 'NO_SEAT' })),
    );
  });

  it('folds upcast events and hands stored events to inline projections', async () => {
    const store = new InMemoryEventStore();
    await store.append('counter-c1', [
      {
        id: 'old',
        type: 'Added',
        schemaVersion: 0,
        data: { n: 2 },
        actor: 'u',
        recordedAt: '2026-11-23T09:00:00.000Z',
        correlationId: 'c',
        causationId: null,
      },
    ]);
    const seen: string[] = [];
    const handle = commandHandler(store, addCommand, {
      upcast: upcast(
        upcasterRegistry([
          { type: 'Added', fromVersion: 0, upcast: (d) => ({ amount: (d as { n: number }).n }) },
        ]),
      ),
      onAppended: [(events) => void seen.push(...events.map((e) => e.id))],
    });
    expect(await handle({ counterId: 'c1', amount: 9 }, context)).toEqual(
      E.left(expect.objectContaining({ code: 'OVER_LIMIT' })),
    );
    expect(E.isRight(await handle({ counterId: 'c1', amount: 8 }, context))).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('rejects with EVENT_UNREADABLE, appending nothing, when a stored event does not decode', async () => {
    const store = new InMemoryEventStore();
    await store.append('counter-c1', [
      {
        id: 'bad',
        type: 'Added',
        schemaVersion: 1,
        data: { amount: 'x' },
        actor: 'u',
        recordedAt: '2026-11-23T09:00:00.000Z',
        correlationId: 'c',
        causationId: null,
      },
    ]);
    expect(await commandHandler(store, addCommand)({ counterId: 'c1', amount: 1 }, context)).toEqual(
      E.left(expect.objectContaining({ code: 'EVENT_UNREADABLE' })),
    );
    expect(await store.headPosition()).toBe(1);
  });
});
