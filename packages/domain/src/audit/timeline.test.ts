import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '@rapport/core';
import { contactTimeline, formatTimelineValue, readContactTimeline } from './timeline.js';
import { readHistory } from './history.js';
import { CONTACTS, freshWorld, ORG, relationshipCommand } from '../sync/internal/world.js';
import { executeInput } from '../testing/execute.js';
import { auditFixture } from './internal/fixture.js';
import { createEngagement, defineField, onEngagement } from '../testing/index.js';

const acme = { orgId: 'acme' };

describe('contact timeline', () => {
  it("R-AUDIT-4: a contact's timeline tells who changed the stage, when, from what, to what", async () => {
    const f = await auditFixture();
    await f.addPerson('bob', 'ada', 'Ada');
    await f.setSegment('bob', 'ada', 'customer');
    await f.accepted({ type: 'SetStage', actor: 'bob', ...acme, contactId: 'ada', stage: 'lead' });
    const [promoted] = await f.accepted({
      type: 'SetStage',
      actor: 'bob',
      ...acme,
      contactId: 'ada',
      stage: 'potential',
    });
    const { events } = await readHistory(f.store);

    const stage = contactTimeline(events, { orgId: 'acme', contactId: 'ada' }).filter(
      (change) => change.field === 'stage' && change.copy?.owner === 'user',
    );

    expect(stage.map((change) => [change.actor, change.from, change.to])).toEqual([
      ['bob', null, 'lead'],
      ['bob', 'lead', 'potential'],
    ]);
    expect(stage[1]).toMatchObject({
      recordedAt: promoted?.recordedAt,
      position: promoted?.globalPosition,
      eventId: promoted?.id,
      eventType: 'StageSet',
      copy: { owner: 'user', userId: 'bob' },
      cause: 'command',
      causedBy: null,
    });
  });

  it('R-AUDIT-4: every kind of field change is told with its previous value', async () => {
    const f = await auditFixture();
    await f.accepted(defineField('budget', 'Budget', { type: 'currency', currencies: ['USD'] }));
    await f.addPerson('bob', 'ada', 'Ada');
    await f.accepted({ type: 'RenameContact', actor: 'bob', ...acme, contactId: 'ada', name: 'Ada King' });
    await f.accepted({
      type: 'SetContactInfo',
      actor: 'bob',
      ...acme,
      contactId: 'ada',
      item: { itemId: 'p1', kind: 'phone', value: '+1 555 0100', personal: true },
    });
    await f.accepted({
      type: 'SetFieldValue',
      actor: 'bob',
      ...acme,
      contactId: 'ada',
      fieldId: 'budget',
      value: { amount: '1000', currency: 'USD' },
    });
    await f.accepted({
      type: 'SetFieldValue',
      actor: 'bob',
      ...acme,
      contactId: 'ada',
      fieldId: 'budget',
      value: { amount: '2500', currency: 'USD' },
    });
    await f.accepted({ type: 'ApplyTag', actor: 'bob', ...acme, contactId: 'ada', tag: 'VIP' });
    await f.accepted({ type: 'RemoveTag', actor: 'bob', ...acme, contactId: 'ada', tag: 'vip' });
    const { events } = await readHistory(f.store);

    const rows = contactTimeline(events, { orgId: 'acme', contactId: 'ada' }).map(
      (change) => `${change.field}: ${formatTimelineValue(change.from)} -> ${formatTimelineValue(change.to)}`,
    );

    expect(rows).toEqual([
      'name: — -> Ada',
      'name: Ada -> Ada King',
      'info:p1: — -> phone +1 555 0100 (personal)',
      'field:budget: — -> USD 1,000.00',
      'field:budget: USD 1,000.00 -> USD 2,500.00',
      'tag:vip: — -> VIP',
      'tag:vip: VIP -> —',
    ]);
  });

  it('R-AUDIT-4: a change made by a policy names the event it reacted to', async () => {
    const f = await auditFixture();
    await f.addPerson('bob', 'ada', 'Ada');
    const events = await f.setSegment('bob', 'ada', 'customer');
    const segmentSet = events.find((event) => event.type === 'SegmentSet');
    const { events: history } = await readHistory(f.store);

    const shared = contactTimeline(history, { orgId: 'acme', contactId: 'ada' }).filter(
      (change) => change.copy?.owner === 'team',
    );

    expect(shared.map((change) => [change.field, change.to])).toEqual([
      ['name', 'Ada'],
      ['segment', 'customer'],
    ]);
    for (const change of shared)
      expect(change).toMatchObject({
        cause: 'policy',
        eventType: 'ContactShared',
        causationId: segmentSet?.id,
        correlationId: segmentSet?.correlationId,
        causedBy: { eventId: segmentSet?.id, eventType: 'SegmentSet', actor: 'bob' },
      });
  });

  it('tells holding, assignment and project membership as changes of the contact as a whole', async () => {
    const f = await auditFixture();
    await f.addPerson('bob', 'ada', 'Ada');
    await f.setSegment('bob', 'ada', 'customer');
    await f.accepted({ type: 'AssignUser', actor: 'bob', ...acme, contactId: 'ada', userId: 'bob' });
    await f.accepted(createEngagement('bob', 'd1', 'deal', 'Renewal'));
    await f.accepted(onEngagement('bob', 'd1', 'AddMemberContact', { contactId: 'ada' }));
    const { events } = await readHistory(f.store);

    const whole = contactTimeline(events, { orgId: 'acme', contactId: 'ada' }).filter(
      (change) => change.copy === null,
    );

    expect(whole.map((change) => [change.field, change.from, change.to])).toEqual([
      ['holders', null, 'bob'],
      ['assignees', null, 'bob'],
      ['engagements', null, 'd1'],
    ]);
  });

  it('leaves out other contacts and other organizations', async () => {
    const f = await auditFixture();
    await f.addPerson('bob', 'ada', 'Ada');
    await f.addPerson('bob', 'bo', 'Bo');
    const { events } = await readHistory(f.store);

    expect(contactTimeline(events, { orgId: 'acme', contactId: 'ada' }).map((change) => change.to)).toEqual([
      'Ada',
    ]);
    expect(contactTimeline(events, { orgId: 'other', contactId: 'ada' })).toEqual([]);
  });
});

/** The store handing its history over in batches of `size`, as a long history is read. */
const inBatchesOf = (store: EventStore, size: number): Pick<EventStore, 'readAll'> => ({
  readAll: (options) => store.readAll({ ...options, batchSize: size }),
});

describe('a contact timeline read from a store', () => {
  it('R-AUDIT-4: reading it batch by batch, up to any point, gives what the timeline of the events held in memory gives', async () => {
    let named = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(relationshipCommand, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom(...CONTACTS),
        fc.option(fc.nat(), { nil: undefined }),
        async (commands, size, contactId, cut) => {
          const { rapport, store } = await freshWorld();
          for (const command of commands) await executeInput(rapport, command);
          const head = await store.headPosition();
          const until = cut === undefined ? undefined : { position: cut % (head + 1) };
          const subject = { orgId: ORG, contactId };
          const read = await readContactTimeline(
            inBatchesOf(store, size),
            subject,
            until === undefined ? {} : { until },
          );
          const history = await readHistory(store, until === undefined ? {} : { until });
          expect(read.changes).toEqual(contactTimeline(history.events, subject));
          expect(read.position).toBe(history.position);
          named += read.changes.filter((change) => change.causedBy !== null).length;
        },
      ),
      { numRuns: 40 },
    );
    // The sync world's flows are policies: some changes name the event they reacted to.
    expect(named).toBeGreaterThan(0);
  });

  it('R-AUDIT-4: a timeline read up to a time stops at the first event recorded later', async () => {
    const f = await auditFixture();
    await f.addPerson('bob', 'ada', 'Ada');
    await f.setSegment('bob', 'ada', 'customer');
    const { events } = await readHistory(f.store);
    const last = events.at(-1);
    if (last === undefined) throw new Error('no history');
    const before = new Date(Date.parse(last.recordedAt) - 1).toISOString();
    const read = await readContactTimeline(
      f.store,
      { orgId: 'acme', contactId: 'ada' },
      { until: { time: before } },
    );
    const held = contactTimeline(
      events.filter((event) => Date.parse(event.recordedAt) <= Date.parse(before)),
      { orgId: 'acme', contactId: 'ada' },
    );
    expect(read.changes).toEqual(held);
    expect(read.changes.length).toBeLessThan(
      contactTimeline(events, { orgId: 'acme', contactId: 'ada' }).length,
    );
  });
});
