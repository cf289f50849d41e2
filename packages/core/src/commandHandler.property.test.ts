import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedContext } from './commandContext.js';
import { commandHandler } from './commandHandler.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { ContactCommand, contactCommand } from './testFixtures/contacts.js';

const junk = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.uint8Array().map((bytes) => Buffer.from(bytes)),
  fc.uint8Array().map((bytes) => new TextDecoder().decode(bytes)),
  fc.record({
    type: fc.constantFrom('AddContact', 'Tag', 'Untag'),
    contactId: fc.jsonValue(),
    tag: fc.jsonValue(),
  }),
);

describe('command handler properties', () => {
  it('R-AUDIT-1: random input never throws and never appends; it is rejected as COMMAND_INVALID with a path', async () => {
    const store = new InMemoryEventStore();
    const handle = commandHandler(store, contactCommand);
    const context = fixedContext({ actor: 'u_ann', now: '2026-11-23T09:30:00.000Z' });
    await fc.assert(
      fc.asyncProperty(junk, async (input) => {
        if (ContactCommand.is(input)) return;
        const result = await handle(input, context);
        expect(E.isLeft(result) && result.left.code).toBe('COMMAND_INVALID');
        expect(E.isLeft(result) && typeof result.left.path).toBe('string');
        expect(E.isLeft(result) && result.left.message).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 300 },
    );
    expect(await store.headPosition()).toBe(0);
  });
});
