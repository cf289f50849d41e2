import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { NewEvent, RecordedEvent } from '@rapport/core';
import { EVENT_SCHEMA_VERSION } from '../events.js';
import { readHistory } from './history.js';
import { auditFixture, populate } from './internal/fixture.js';
import { commandArbitrary } from './internal/commandArbitrary.js';
import { executeInput } from '../testing/execute.js';

describe('history', () => {
  it('R-AUDIT-1: a rejected command appends nothing and returns a typed reason; an accepted one appends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { minLength: 1, maxLength: 20 }), async (commands) => {
        const f = await auditFixture();
        await populate(f);
        for (const command of commands) {
          const before = await f.store.headPosition();
          const result = await executeInput(f.rapport, command);
          const after = await f.store.headPosition();
          if (E.isLeft(result)) {
            expect(after).toBe(before);
            expect(result.left.code).toMatch(/^[A-Z_]+$/);
            expect(result.left.message).toContain(`Rejected ${String(command['type'])}`);
          } else {
            expect(after - before).toBe(result.right.length);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('R-AUDIT-1: input that is not a command is rejected with its path and appends nothing', async () => {
    const f = await auditFixture();
    const before = await f.store.headPosition();
    const result = await f.rapport.execute({
      type: 'SetStage',
      actor: 'bob',
      orgId: 'acme',
      contactId: 'ada',
      // @ts-expect-error 'won' is not a stage: it does not compile, and a caller without types meets the decoder
      stage: 'won',
    });
    expect(E.isLeft(result) && result.left).toMatchObject({ code: 'COMMAND_INVALID', path: 'stage' });
    expect(await f.store.headPosition()).toBe(before);
  });

  it('R-AUDIT-2: every event records actor, time, causation and correlation, position and schema version', async () => {
    const f = await auditFixture();
    await f.addPerson('bob', 'ada', 'Ada');
    const events = await f.setSegment('bob', 'ada', 'customer');
    const [segmentSet, shared] = events;
    const { events: history, unreadable } = await readHistory(f.store);

    expect(unreadable).toEqual([]);
    history.forEach((event, index) => {
      expect(RecordedEvent.is(event)).toBe(true);
      expect(NewEvent.is(event)).toBe(true);
      expect(event.globalPosition).toBe(index + 1);
      expect(event.schemaVersion).toBe(EVENT_SCHEMA_VERSION);
    });
    expect(segmentSet).toMatchObject({ type: 'SegmentSet', actor: 'bob', causationId: null });
    expect(shared).toMatchObject({
      type: 'ContactShared',
      actor: 'bob',
      causationId: segmentSet?.id,
      correlationId: segmentSet?.correlationId,
    });
  });

  it('R-AUDIT-3: reading up to a position or a point in time stops there', async () => {
    const f = await auditFixture();
    const [added] = await f.addPerson('bob', 'ada', 'Ada');
    await f.accepted({
      type: 'RenameContact',
      actor: 'bob',
      orgId: 'acme',
      contactId: 'ada',
      name: 'Ada King',
    });

    const byPosition = await readHistory(f.store, { until: { position: added?.globalPosition ?? 0 } });
    const byTime = await readHistory(f.store, { until: { time: added?.recordedAt ?? '' } });

    expect(byPosition.events.map((event) => event.id)).toEqual(byTime.events.map((event) => event.id));
    expect(byPosition.events[byPosition.events.length - 1]?.id).toBe(added?.id);
    expect(byPosition.position).toBe(added?.globalPosition);
  });

  it('reports a stored event that is not a domain event instead of skipping it', async () => {
    const f = await auditFixture();
    await f.store.append('org-acme', [
      {
        id: 'x1',
        type: 'Unheard',
        schemaVersion: 1,
        data: {},
        actor: 'ann',
        recordedAt: '2026-11-23T10:00:00.000Z',
        correlationId: 'k',
        causationId: null,
      },
    ]);
    const { unreadable } = await readHistory(f.store);
    expect(unreadable.map((problem) => problem.code)).toEqual(['EVENT_INVALID']);
  });
});
