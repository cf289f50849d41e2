// Quickstart: the relationship domain over the in-memory event store.
// Run: pnpm example examples/01-quickstart.ts
import { createInMemoryEventStore, formatRejection } from '@rapport/core';
import { createRapport } from '@rapport/domain';

const rapport = createRapport({ store: createInMemoryEventStore() });

const run = async (command: Record<string, unknown>): Promise<void> => {
  const result = await rapport.execute(command);
  if (result._tag === 'Left') console.log('rejected:', formatRejection(result.left));
  else console.log(`${String(command['type'])}: ${result.right.map((event) => event.type).join(', ')}`);
};

const org = { orgId: 'acme' };
await run({ type: 'CreateOrganization', actor: 'ann', ...org, name: 'Acme' });
await run({ type: 'AddMember', actor: 'ann', ...org, userId: 'bob', role: 'member' });
await run({
  type: 'AddContact',
  actor: 'ann',
  ...org,
  contactId: 'ada',
  kind: 'person',
  name: 'Ada Lovelace',
});
await run({ type: 'SetSegment', actor: 'ann', ...org, contactId: 'ada', segmentId: 'customer' });
await run({ type: 'SetStage', actor: 'ann', ...org, contactId: 'ada', stage: 'potential' });
await run({ type: 'ApplyTag', actor: 'ann', ...org, contactId: 'ada', tag: 'Holiday card' });
await run({ type: 'ShareContact', actor: 'ann', ...org, contactId: 'ada' });
await run({ type: 'AddContact', actor: 'ann', ...org, contactId: 'mum', kind: 'person', name: 'Mum' });
await run({ type: 'SetSegment', actor: 'ann', ...org, contactId: 'mum', segmentId: 'family' });
await run({ type: 'ShareContact', actor: 'ann', ...org, contactId: 'mum' });

const myPeople = await rapport.myPeople('acme', 'ann');
const team = await rapport.teamView('acme', 'bob');
if (myPeople._tag === 'Right' && team._tag === 'Right') {
  for (const c of myPeople.right.contacts)
    console.log(
      `My People of ann: ${c.name} (${c.segment ?? '-'}, ${c.stage ?? '-'}, keep in touch: ${c.keepInTouch})`,
    );
  for (const c of team.right.contacts)
    console.log(`Team view: ${c.name} (${c.segment ?? '-'}, ${c.stage ?? '-'}) tags: ${c.tags.join(', ')}`);
}
