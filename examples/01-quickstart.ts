// Quickstart: the relationship domain over the in-memory event store.
// Run: pnpm example examples/01-quickstart.ts
import { createInMemoryEventStore, formatRejection } from '@rapport/core';
import { createRapport, type SessionCommand } from '@rapport/domain';

const rapport = createRapport({ store: createInMemoryEventStore() });

// Each command runs as the user who gives it: `rapport.as(userId)` is that user's session, and the
// actor of its commands (R-AUTH-4).
const run = async (userId: string, command: SessionCommand): Promise<void> => {
  const result = await rapport.as(userId).execute(command);
  if (result._tag === 'Left') console.log('rejected:', formatRejection(result.left));
  else console.log(`${command.type}: ${result.right.map((event) => event.type).join(', ')}`);
};

const org = { orgId: 'acme' };
await run('ann', { type: 'CreateOrganization', ...org, name: 'Acme' });
await run('ann', { type: 'AddMember', ...org, userId: 'bob', role: 'member' });
await run('ann', {
  type: 'AddContact',

  ...org,
  contactId: 'ada',
  kind: 'person',
  name: 'Ada Lovelace',
});
await run('ann', { type: 'SetSegment', ...org, contactId: 'ada', segmentId: 'customer' });
await run('ann', { type: 'SetStage', ...org, contactId: 'ada', stage: 'potential' });
await run('ann', { type: 'ApplyTag', ...org, contactId: 'ada', tag: 'Holiday card' });
await run('ann', { type: 'ShareContact', ...org, contactId: 'ada' });
await run('ann', { type: 'AddContact', ...org, contactId: 'mum', kind: 'person', name: 'Mum' });
await run('ann', { type: 'SetSegment', ...org, contactId: 'mum', segmentId: 'family' });
await run('ann', { type: 'ShareContact', ...org, contactId: 'mum' });

const myPeople = await rapport.as('ann').myPeople('acme');
const team = await rapport.as('bob').teamView('acme');
if (myPeople._tag === 'Right' && team._tag === 'Right') {
  for (const c of myPeople.right.contacts)
    console.log(
      `My People of ann: ${c.name} (${c.segment ?? '-'}, ${c.stage ?? '-'}, keep in touch: ${c.keepInTouch})`,
    );
  for (const c of team.right.contacts)
    console.log(`Team view: ${c.name} (${c.segment ?? '-'}, ${c.stage ?? '-'}) tags: ${c.tags.join(', ')}`);
}
