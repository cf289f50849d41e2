/**
 * The model-based conformance test: random sequences of appends, retries, multi-stream writes and
 * reads run against the store and against a plain model of a store; after each step they agree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../envelope.js';
import type { EventStore, ExpectedVersion } from '../../eventStore.js';
import { verifyStore } from '../../verify.js';
import type { Harness } from './harness.js';
import { freshStream, newEvents, readEverything } from '../events.js';

interface Model {
  /** Events per stream slot, in version order. */
  readonly streams: NewEvent[][];
  /** Ids of every event, in global order. */
  readonly all: string[];
  /** The last successful non-empty append: a retry candidate. */
  last:
    { readonly slot: number; readonly events: ReadonlyArray<NewEvent>; readonly version: number } | undefined;
}

interface Real {
  readonly store: EventStore;
  readonly names: ReadonlyArray<string>;
}

const STREAMS = 3;

/** How a command states its expected version, relative to the model's version. */
type Expectation = 'any' | 'no_stream' | 'stream_exists' | 'exact' | 'exact_wrong';

const expectedFor = (expectation: Expectation, version: number): ExpectedVersion => {
  switch (expectation) {
    case 'exact':
      return version;
    case 'exact_wrong':
      return version + 1;
    default:
      return expectation;
  }
};

const holds = (expected: ExpectedVersion, version: number): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' && version === 0) ||
  (expected === 'stream_exists' && version > 0) ||
  expected === version;

const expectation = fc.constantFrom<Expectation>('any', 'no_stream', 'stream_exists', 'exact', 'exact_wrong');

class AppendCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly slot: number,
    readonly count: number,
    readonly expectation: Expectation,
  ) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const stream = model.streams[this.slot]!;
    const expected = expectedFor(this.expectation, stream.length);
    const events = newEvents(this.count);
    const attempt = real.store.append(real.names[this.slot]!, events, { expectedVersion: expected });
    if (!holds(expected, stream.length)) {
      await expect(attempt).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', actual: stream.length });
      return;
    }
    const result = await attempt;
    expect(result.nextExpectedVersion).toBe(stream.length + this.count);
    expect(result.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    stream.push(...events);
    model.all.push(...events.map((e) => e.id));
    if (this.count > 0) model.last = { slot: this.slot, events, version: stream.length };
  }
  toString = (): string => `append(${this.slot}, ${this.count}, ${this.expectation})`;
}

class RetryCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly expectation: Expectation) {}
  check = (model: Readonly<Model>): boolean => model.last !== undefined;
  async run(model: Model, real: Real): Promise<void> {
    const last = model.last!;
    const result = await real.store.append(real.names[last.slot]!, last.events, {
      expectedVersion: expectedFor(this.expectation, 0),
    });
    expect(result.nextExpectedVersion).toBe(last.version);
    expect(result.events.map((e) => e.id)).toEqual(last.events.map((e) => e.id));
  }
  toString = (): string => `retry(${this.expectation})`;
}

class AppendManyCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly writes: ReadonlyArray<{ slot: number; count: number; expectation: Expectation }>) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const planned = this.writes.map((w) => {
      const version = model.streams[w.slot]!.length;
      const expected = expectedFor(w.expectation, version);
      return { ...w, version, expected, events: newEvents(w.count) };
    });
    const attempt = real.store.appendMany(
      planned.map((p) => ({ streamId: real.names[p.slot]!, expectedVersion: p.expected, events: p.events })),
    );
    if (!planned.every((p) => holds(p.expected, p.version))) {
      await expect(attempt).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
      return;
    }
    const results = await attempt;
    expect(results.map((r) => r.nextExpectedVersion)).toEqual(planned.map((p) => p.version + p.count));
    for (const p of planned) {
      model.streams[p.slot]!.push(...p.events);
      model.all.push(...p.events.map((e) => e.id));
    }
  }
  toString = (): string =>
    `appendMany(${this.writes.map((w) => `${w.slot}:${w.count}:${w.expectation}`).join(', ')})`;
}

class CheckCommand implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    for (let slot = 0; slot < STREAMS; slot++) {
      const expected = model.streams[slot]!;
      const read = await real.store.readStream(real.names[slot]!);
      expect(read.map((e) => e.id)).toEqual(expected.map((e) => e.id));
      expect(read.map((e) => e.streamVersion)).toEqual(expected.map((_, i) => i + 1));
      expect(await real.store.streamVersion(real.names[slot]!)).toBe(expected.length);
    }
    const all = await readEverything(real.store, 4);
    expect(all.map((e) => e.id)).toEqual(model.all);
    expect(await real.store.headPosition()).toBe(all.at(-1)?.globalPosition ?? 0);
    expect((await verifyStore(real.store)).ok).toBe(true);
  }
  toString = (): string => 'check';
}

const slot = fc.integer({ min: 0, max: STREAMS - 1 });

const commands = [
  fc.tuple(slot, fc.integer({ min: 0, max: 3 }), expectation).map(([s, n, e]) => new AppendCommand(s, n, e)),
  expectation.map((e) => new RetryCommand(e)),
  fc
    .uniqueArray(fc.record({ slot, count: fc.integer({ min: 0, max: 2 }), expectation }), {
      minLength: 1,
      maxLength: STREAMS,
      selector: (w) => w.slot,
    })
    .map((writes) => new AppendManyCommand(writes)),
  fc.constant(new CheckCommand()),
];

/** Declares the model-based test of `describeEventStoreConformance`, `h.modelRuns` runs. */
export const describeModelConformance = <S extends EventStore>(h: Harness<S>): void => {
  describe('model', () => {
    it('behaves as a simple model of a store under random appends, retries and reads', async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
          const store = await h.create();
          try {
            const names = Array.from({ length: STREAMS }, () => freshStream('model'));
            const model: Model = { streams: names.map(() => []), all: [], last: undefined };
            await fc.asyncModelRun(() => ({ model, real: { store, names } }), [...cmds, new CheckCommand()]);
          } finally {
            await h.dispose(store);
          }
        }),
        { numRuns: h.modelRuns },
      );
    });
  });
};
