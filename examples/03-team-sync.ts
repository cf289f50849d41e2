// Team sync: the three scenarios of the product document, and what each user sees.
// Run: pnpm example examples/03-team-sync.ts
import { createInMemoryEventStore, formatRejection } from '@rapport/core';
import { createRapport, readModelsAt, syncReport, type SessionCommand } from '@rapport/domain';

const store = createInMemoryEventStore();
const rapport = createRapport({ store });
const org = { orgId: 'acme' };

// Each command runs as the user who gives it (R-AUTH-4).
const run = async (userId: string, command: SessionCommand): Promise<number> => {
  const result = await rapport.as(userId).execute(command);
  if (result._tag === 'Left') throw new Error(formatRejection(result.left));
  const caused = result.right.filter((event) => event.causationId !== null);
  const who = `${userId}: ${command.type}`;
  console.log(
    caused.length === 0
      ? who
      : `${who} -> policy: ${caused.map((event) => `${event.type} (${event.actor})`).join(', ')}`,
  );
  return result.right[0]?.globalPosition ?? 0;
};

const show = async (userId: string, contactId: string): Promise<void> => {
  const state = await rapport.as(userId).syncState('acme', contactId);
  const copies = await rapport.as(userId).contact('acme', contactId);
  const prompts = await rapport.as(userId).prompts('acme');
  if (state._tag === 'Left' || copies._tag === 'Left' || prompts._tag === 'Left') return;
  const { mine, team } = copies.right;
  console.log(`  ${userId} sees ${contactId} in scenario ${state.right?.scenario ?? '-'}`);
  console.log(
    `    my copy:   ${mine?.name} | ${mine?.segment ?? '-'} | ${mine?.stage ?? '-'} | ${mine?.tags.join(', ')}`,
  );
  console.log(
    `    team copy: ${team?.name} | ${team?.segment ?? '-'} | ${team?.stage ?? '-'} | ${team?.tags.join(', ')}`,
  );
  for (const prompt of prompts.right.filter((p) => p.contactId === contactId))
    console.log(
      `    prompt: ${prompt.kind} ${prompt.field}: mine ${JSON.stringify(prompt.mine)}, team ${JSON.stringify(prompt.theirs)}`,
    );
};

await run('ann', { type: 'CreateOrganization', ...org, name: 'Acme' });
for (const userId of ['bob', 'cat', 'dan'])
  await run('ann', { type: 'AddMember', ...org, userId, role: 'member' });

// Bob knows Ada as a customer: the business segment shares her with the team.
await run('bob', { type: 'AddContact', ...org, contactId: 'ada', kind: 'person', name: 'Ada' });
await run('bob', { type: 'SetSegment', ...org, contactId: 'ada', segmentId: 'customer' });
for (const userId of ['ann', 'cat', 'dan'])
  await run(userId, { type: 'AddContact', ...org, contactId: 'ada', kind: 'person', name: 'Ada' });

console.log('\nScenario A: ann is assigned to Ada; changes flow both ways with no prompt.');
await run('ann', { type: 'AssignUser', ...org, contactId: 'ada', userId: 'ann' });
await run('ann', { type: 'SetStage', ...org, contactId: 'ada', stage: 'potential' });
await show('ann', 'ada');

console.log('\nScenario B: cat follows Ada as a lead customer (keep-in-touch), not assigned.');
await run('cat', { type: 'SetSegment', ...org, contactId: 'ada', segmentId: 'customer' });
await run('cat', { type: 'SetStage', ...org, contactId: 'ada', stage: 'lead' });
// Ann, an administrator and Ada's assignee, tags the team copy directly (R-TEAM-5).
const vip = await run('ann', {
  type: 'ApplyTag',
  ...org,
  contactId: 'ada',
  tag: 'VIP',
  target: 'team',
});
await run('cat', { type: 'ApplyTag', ...org, contactId: 'ada', tag: 'Golf' });
await show('cat', 'ada');

console.log('\nScenario C: dan has Ada with keep-in-touch off; every change waits for his answer.');
await run('dan', { type: 'RenameContact', ...org, contactId: 'ada', name: 'Ada Lovelace' });
await show('dan', 'ada');
await run('dan', { type: 'AcceptTeamChange', ...org, contactId: 'ada', field: 'stage' });
await run('dan', { type: 'SendChangeToTeam', ...org, contactId: 'ada', field: 'name' });
await show('dan', 'ada');

const why = await rapport.as('cat').whySync('acme', 'ada', 'tag:golf');
if (why._tag === 'Right')
  console.log(
    `\nWhy does cat see a prompt for tag:golf? ${why.right.summary} [${why.right.rules.join(', ')}]`,
  );
const focus = await rapport.as('cat').members('acme', 'my-focus');
if (focus._tag === 'Right') console.log(`cat's My Focus: ${focus.right.join(', ')}`);

// The audit API rebuilds prompts as of any point: right at bob's team change, before the policy
// acted, cat's automatic import was still pending.
const { models } = await readModelsAt(store, { position: vip });
const pending = syncReport(models, 'acme', 'cat');
if (pending._tag === 'Right')
  for (const contact of pending.right.contacts)
    for (const flow of contact.flows)
      console.log(
        `as of #${vip}: pending ${flow.flow} of ${flow.field} for cat (scenario ${contact.scenario}): mine ${JSON.stringify(flow.mine)}, team ${JSON.stringify(flow.theirs)}`,
      );
