import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffProjections, projectionsAt } from './asOf.js';
import { auditFixture, populate, tickAt } from './internal/fixture.js';
import { commandArbitrary } from './internal/commandArbitrary.js';
import { projectionsOf } from '../testing/projections.js';
import { executeInput } from '../testing/execute.js';

describe('projections as of a point', () => {
  it('R-AUDIT-3: replaying the history to any position or point in time equals the live projections then', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { minLength: 1, maxLength: 25 }), async (commands) => {
        const f = await auditFixture();
        await populate(f);
        const live: { position: number; recordedAt: string | undefined; state: unknown }[] = [];
        for (const command of commands) {
          const result = await executeInput(f.rapport, command);
          const last = result._tag === 'Right' ? result.right[result.right.length - 1] : undefined;
          const projections = await projectionsOf(f.rapport);
          live.push({
            position: projections.checkpoint,
            recordedAt: last?.recordedAt,
            state: projections.snapshot(),
          });
        }
        for (const point of live) {
          const rebuilt = await projectionsAt(f.store, { position: point.position });
          expect(rebuilt.projections.snapshot()).toEqual(point.state);
          if (point.recordedAt !== undefined) {
            const byTime = await projectionsAt(f.store, { time: point.recordedAt });
            expect(byTime.projections.snapshot()).toEqual(point.state);
          }
        }
        const end = await projectionsAt(f.store);
        expect(end.projections.snapshot()).toEqual((await projectionsOf(f.rapport)).snapshot());
      }),
      { numRuns: 40 },
    );
  });

  it('R-AUDIT-3: a point in time before the first event gives empty projections', async () => {
    const f = await auditFixture();
    const before = await projectionsAt(f.store, { time: '2000-01-01T00:00:00.000Z' });
    expect(before.position).toBe(0);
    expect(before.projections.snapshot().organizations).toEqual({});
    const first = await projectionsAt(f.store, { time: tickAt(0) });
    expect(Object.keys(first.projections.snapshot().organizations)).toEqual(['acme']);
  });
});

describe('differences between two points', () => {
  it('R-AUDIT-3: the difference names the copy, the field and both values', async () => {
    const f = await auditFixture();
    await f.addPerson('bob', 'ada', 'Ada');
    await f.setSegment('bob', 'ada', 'customer');
    const [lead] = await f.accepted({
      type: 'SetStage',
      actor: 'bob',
      orgId: 'acme',
      contactId: 'ada',
      stage: 'lead',
    });
    await f.accepted({ type: 'SetStage', actor: 'bob', orgId: 'acme', contactId: 'ada', stage: 'active' });
    await f.accepted({ type: 'ApplyTag', actor: 'bob', orgId: 'acme', contactId: 'ada', tag: 'VIP' });

    const before = await projectionsAt(f.store, { position: lead?.globalPosition ?? 0 });
    const after = await projectionsAt(f.store);

    expect(diffProjections(before.projections.snapshot(), after.projections.snapshot())).toEqual([
      {
        collection: 'copies',
        group: 'acme/user:bob',
        document: 'ada',
        field: 'stage',
        from: 'lead',
        to: 'active',
      },
      { collection: 'copies', group: 'acme/user:bob', document: 'ada', field: 'tags', from: [], to: ['VIP'] },
    ]);
  });

  it('gives no difference between a point and itself', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { maxLength: 15 }), async (commands) => {
        const f = await auditFixture();
        await populate(f);
        for (const command of commands) await executeInput(f.rapport, command);
        const a = await projectionsAt(f.store);
        const b = await projectionsAt(f.store);
        expect(diffProjections(a.projections.snapshot(), b.projections.snapshot())).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});
