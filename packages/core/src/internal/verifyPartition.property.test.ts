import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventFromRow, type EventRow } from '../adapter/eventRow.js';
import { canonicalJson } from '../hashChain.js';
import { InMemoryEventStore } from '../inMemoryStore.js';
import { rowOf } from '../testFixtures/rows.js';
import { newEvent } from '../testing/index.js';
import { createChainVerifier, type VerificationReport } from '../verify.js';
import { verifyPartition } from './verifyPartition.js';

/** Events of a few streams with any JSON data, strings of any code units included. */
const appends = fc.array(
  fc.record({ stream: fc.integer({ min: 0, max: 3 }), data: fc.jsonValue({ stringUnit: 'binary' }) }),
  { minLength: 1, maxLength: 20 },
);

/** How a row's stored data text is rewritten: the same value written otherwise, another value, or no JSON. */
const rewrites = fc.array(
  fc.record({
    kind: fc.constantFrom('unsorted', 'spaced', 'other', 'notJson', 'blob', 'hash', 'previousHash'),
    at: fc.nat(),
    other: fc.jsonValue({ stringUnit: 'binary' }),
  }),
  { maxLength: 4 },
);

const rowsOf = async (input: ReadonlyArray<{ stream: number; data: unknown }>): Promise<EventRow[]> => {
  const store = new InMemoryEventStore();
  for (const [i, { stream, data }] of input.entries())
    await store.append(`s-${stream}`, [newEvent({ id: `e${i}`, data })]);
  const rows: EventRow[] = [];
  for await (const batch of store.readAll()) rows.push(...batch.map(rowOf));
  return rows;
};

/** The value's keys in reverse order at every depth, as another JSON writer might keep them. */
const unsorted = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(unsorted)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([key, item]) => [key, unsorted(item)]),
        )
      : value;

const rewrite = (
  rows: ReadonlyArray<EventRow>,
  changes: ReadonlyArray<{ kind: string; at: number; other: unknown }>,
): EventRow[] => {
  const out = [...rows];
  for (const { kind, at, other } of changes) {
    const i = at % out.length;
    const row = out[i]!;
    // Written from the row as stored, in its canonical text.
    const value: unknown = JSON.parse(rows[i]!.data);
    const data: Record<string, string> = {
      unsorted: JSON.stringify(unsorted(value)),
      spaced: JSON.stringify(value, null, 1),
      other: canonicalJson(other),
      notJson: `${rows[i]!.data}}`,
    };
    out[i] =
      kind === 'blob'
        ? // A database may hand back data stored as a blob; JSON.parse reads its text.
          { ...row, data: Buffer.from(rows[i]!.data) as unknown as string }
        : kind === 'hash'
          ? { ...row, hash: 'f'.repeat(64) }
          : kind === 'previousHash'
            ? { ...row, previous_hash: 'f'.repeat(64) }
            : { ...row, data: data[kind]! };
  }
  return out;
};

/** The report, or the code of the error, that a verification gives. */
const outcome = async (verify: () => Promise<VerificationReport>): Promise<unknown> => {
  try {
    return await verify();
  } catch (error) {
    return { error: (error as { code?: unknown }).code };
  }
};

describe('verifyPartition', () => {
  it('R-AUDIT-5: rows verified from their stored data text give the report of their events verified one by one', async () => {
    await fc.assert(
      fc.asyncProperty(appends, rewrites, async (input, changes) => {
        const rows = rewrite(await rowsOf(input), changes);
        const fromRows = await outcome(() => verifyPartition((_: null, take) => take(rows), null));
        const fromEvents = await outcome(() => {
          const verifier = createChainVerifier();
          for (const row of rows) verifier.check(eventFromRow(row));
          return Promise.resolve(verifier.report());
        });
        expect(fromRows).toStrictEqual(fromEvents);
      }),
      { numRuns: 300 },
    );
  });
});
