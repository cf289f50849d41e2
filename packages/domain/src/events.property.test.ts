import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore, type RecordedEvent } from '@rapport/core';
import { DomainEvent, decodeRecordedEvent, isDomainEvent } from './events.js';
import { createRapport } from './rapport/facade.js';
import { executeInput } from './testing/execute.js';

const eventTypes = (codec: t.Mixed): string[] =>
  codec instanceof t.UnionType
    ? (codec.types as t.Mixed[]).flatMap(eventTypes)
    : [String(((codec as t.InterfaceType<t.Props>).props['type'] as t.LiteralType<string>).value)];

const TYPES = eventTypes(DomainEvent);

const envelope = (type: string, data: unknown): RecordedEvent => ({
  id: '01JD00000000000000000000AA',
  type,
  schemaVersion: 1,
  data,
  actor: 'ann',
  recordedAt: '2026-11-23T09:30:00.000Z',
  correlationId: 'k',
  causationId: null,
  streamId: 'org-acme',
  streamVersion: 1,
  globalPosition: 1,
  previousHash: null,
  hash: 'h',
});

/** A few real events of every aggregate, as the facade records them. */
const recorded = async (): Promise<RecordedEvent[]> => {
  const store = createInMemoryEventStore();
  const rapport = createRapport({ store });
  const on = { actor: 'ann', orgId: 'acme' };
  for (const command of [
    { type: 'CreateOrganization', ...on, name: 'Acme' },
    { type: 'AddMember', ...on, userId: 'bob', role: 'member' },
    { type: 'AddContact', ...on, contactId: 'c1', kind: 'person', name: 'Ada' },
    { type: 'SetSegment', ...on, contactId: 'c1', segmentId: 'customer' },
    { type: 'SetStage', ...on, contactId: 'c1', stage: 'lead' },
    { type: 'ApplyTag', ...on, contactId: 'c1', tag: 'VIP' },
    { type: 'RenameContact', ...on, contactId: 'c1', name: 'Ada L.' },
  ]) {
    const result = await executeInput(rapport, command);
    if (result._tag === 'Left') throw new Error(result.left.message);
  }
  const events: RecordedEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  return events;
};

describe('decodeRecordedEvent', () => {
  it('R-AUDIT-2: accepts exactly what the DomainEvent codec accepts, for any data under any type', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...TYPES), fc.string()), fc.jsonValue(), (type, data) => {
        const expected = DomainEvent.decode({ type, data })._tag;
        expect(decodeRecordedEvent(envelope(type, data))._tag).toBe(expected);
      }),
    );
  });

  it('R-AUDIT-2: isDomainEvent holds exactly when the DomainEvent codec accepts the type and data', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...TYPES, '__proto__', 'constructor', 'toString'), fc.string()),
        fc.jsonValue(),
        (type, data) => {
          expect(isDomainEvent({ type, data })).toBe(DomainEvent.is({ type, data }));
        },
      ),
    );
  });

  it('R-AUDIT-2: a recorded event with one data field removed or replaced is judged as the DomainEvent codec judges it', async () => {
    const events = await recorded();
    expect(events.length).toBeGreaterThan(6);
    for (const event of events) expect(decodeRecordedEvent(event)._tag).toBe('Right');
    fc.assert(
      fc.property(
        fc.constantFrom(...events),
        fc.nat(),
        fc.option(fc.jsonValue(), { nil: undefined }),
        (event, pick, replacement) => {
          const data = { ...(event.data as Record<string, unknown>) };
          const keys = Object.keys(data);
          const key = keys[pick % keys.length] ?? 'orgId';
          if (replacement === undefined) delete data[key];
          else data[key] = replacement;
          const decoded = decodeRecordedEvent(envelope(event.type, data));
          expect(decoded._tag).toBe(DomainEvent.decode({ type: event.type, data })._tag);
          if (decoded._tag === 'Left') expect(decoded.left.code).toBe('EVENT_INVALID');
        },
      ),
    );
  });
});
