import { describe, expect, it, vi } from 'vitest';
import { readEverything } from '@rapport/core/testing';
import type * as Events from '../events.js';
import { addContact, scenario, typesOf } from '../testing/index.js';

// The check itself is real; what it is shown of one tag is not: the tag "poison" reaches it as an
// event whose tag is missing, the event a faulty decider would make. No decider makes one today.
vi.mock('../events.js', async (importOriginal) => {
  const events = await importOriginal<typeof Events>();
  type Writes = Parameters<typeof events.eventsWouldNotRead>[1];
  const poisoned = (writes: Writes): Writes =>
    writes.map((write) => ({
      ...write,
      events: write.events.map((event) =>
        event.type === 'TagApplied' && (event.data as { tag?: unknown }).tag === 'poison'
          ? { ...event, data: { ...(event.data as object), tag: undefined } }
          : event,
      ),
    }));
  return {
    ...events,
    eventsWouldNotRead: (commandType: string, writes: Writes) =>
      events.eventsWouldNotRead(commandType, poisoned(writes)),
  };
});

describe('the facade checks every event before it appends', () => {
  it('R-AUDIT-8: a command whose event would not read back is rejected with EVENT_WOULD_NOT_READ and appends nothing', async () => {
    const s = await scenario({ given: [addContact('bob', 'ada', 'Ada')] });
    const before = await readEverything(s.store);
    const rejection = await s.rejected({
      type: 'ApplyTag',
      actor: 'bob',
      orgId: 'acme',
      contactId: 'ada',
      tag: 'poison',
    });
    expect(rejection).toMatchObject({
      code: 'EVENT_WOULD_NOT_READ',
      rule: 'R-AUDIT-8',
      path: 'data.tag',
      details: { eventType: 'TagApplied', streamId: 'contact-acme/ada' },
    });
    expect(await readEverything(s.store)).toEqual(before);
    expect(
      typesOf(
        await s.accepted({ type: 'ApplyTag', actor: 'bob', orgId: 'acme', contactId: 'ada', tag: 'VIP' }),
      ),
    ).toEqual(['TagApplied']);
  });
});
