// A real-estate team: buyer and seller segments, next steps with reminders and e-mail templates,
// custom fields. Run: pnpm example examples/02-real-estate-team.ts
import { createInMemoryEventStore, formatRejection } from '@rapport/core';
import { createRapport, type SessionCommand } from '@rapport/domain';

// A clock of our own, an hour per command, so that reminders fall on known dates.
let now = Date.parse('2026-11-02T09:00:00Z');
const rapport = createRapport({
  store: createInMemoryEventStore(),
  clock: () => new Date((now += 3_600_000)),
});

const org = { orgId: 'harbor' };
// Each command runs as the user who gives it (R-AUTH-4).
const run = async (userId: string, command: SessionCommand): Promise<void> => {
  const result = await rapport.as(userId).execute(command);
  if (result._tag === 'Left') console.log(`rejected: ${formatRejection(result.left)}`);
};

await run('ann', { type: 'CreateOrganization', ...org, name: 'Harbor Realty' });
await run('ann', { type: 'AddMember', ...org, userId: 'bob', role: 'member' });

// Settings: what an agent does next with a buyer lead and a potential seller.
await run('ann', {
  type: 'DefineChecklist',
  ...org,
  segmentId: 'buyer',
  stage: 'lead',
  steps: [
    {
      stepId: 'intro_call',
      title: 'Introduction call',
      reminder: { afterDays: 1 },
      emailTemplate: {
        subject: 'Your home search, {{name}}',
        body: 'Hi {{name}}, homes in {{area}} up to {{budget}}: shall we talk? {{signature}}',
      },
    },
    { stepId: 'first_tour', title: 'First tour', reminder: { afterDays: 7 } },
  ],
});
await run('ann', {
  type: 'DefineChecklist',
  ...org,
  segmentId: 'seller',
  stage: 'potential',
  steps: [{ stepId: 'market_analysis', title: 'Comparative market analysis', reminder: { afterDays: 3 } }],
});
await run('ann', {
  type: 'DefineField',
  ...org,
  definition: {
    fieldId: 'budget',
    name: 'Budget',
    valueType: { type: 'currency', currencies: ['USD'] },
    appliesTo: ['person'],
    segments: ['buyer'],
  },
});
await run('ann', {
  type: 'DefineField',
  ...org,
  definition: {
    fieldId: 'area',
    name: 'Area',
    valueType: { type: 'pick_one', options: ['Harbor', 'Old Town'] },
    appliesTo: ['person'],
  },
});
await run('ann', {
  type: 'DefineField',
  ...org,
  definition: {
    fieldId: 'listing_price',
    name: 'Listing price',
    valueType: { type: 'decimal', scale: 2 },
    appliesTo: ['person'],
    segments: ['seller'],
  },
});

// A buyer lead and a potential seller.
await run('bob', { type: 'AddContact', ...org, contactId: 'ada', kind: 'person', name: 'Ada Lovelace' });
await run('bob', { type: 'SetSegment', ...org, contactId: 'ada', segmentId: 'buyer' });
await run('bob', { type: 'SetStage', ...org, contactId: 'ada', stage: 'lead' });
await run('bob', {
  type: 'SetFieldValue',
  ...org,
  contactId: 'ada',
  fieldId: 'budget',
  value: { amount: '650,000', currency: 'usd' },
});
await run('bob', { type: 'SetFieldValue', ...org, contactId: 'ada', fieldId: 'area', value: 'Old Town' });
await run('bob', { type: 'SetFieldValue', ...org, contactId: 'ada', fieldId: 'area', value: 'Uptown' });
await run('bob', { type: 'SetNextStep', ...org, contactId: 'ada', stepId: 'intro_call' });

await run('bob', { type: 'AddContact', ...org, contactId: 'grace', kind: 'person', name: 'Grace Hopper' });
await run('bob', { type: 'SetSegment', ...org, contactId: 'grace', segmentId: 'seller' });
await run('bob', { type: 'SetStage', ...org, contactId: 'grace', stage: 'potential' });
await run('bob', {
  type: 'SetFieldValue',
  ...org,
  contactId: 'grace',
  fieldId: 'listing_price',
  value: '1,250,000.5',
});
await run('bob', {
  type: 'SetFieldValue',
  ...org,
  contactId: 'grace',
  fieldId: 'budget',
  value: { amount: '1', currency: 'USD' },
});
await run('bob', { type: 'SetNextStep', ...org, contactId: 'grace', stepId: 'intro_call' });
await run('bob', { type: 'SetNextStep', ...org, contactId: 'grace', stepId: 'market_analysis' });

const people = await rapport.as('bob').myPeople('harbor');
if (people._tag === 'Right')
  for (const contact of people.right.contacts) {
    const fields = contact.fields.map((field) => `${field.name} ${field.display}`).join(', ');
    console.log(`${contact.name}: ${contact.segment} / ${contact.stage}; ${fields}`);
    if (contact.step !== null)
      console.log(`  next: ${contact.step.title}, reminder due ${contact.step.reminderDue}`);
    if (contact.step?.email) {
      console.log(`  subject: ${contact.step.email.subject}`);
      console.log(`  body: ${contact.step.email.body}`);
      console.log(`  placeholders nothing filled: ${contact.step.email.unknownPlaceholders.join(', ')}`);
    }
  }

// Completing a step makes the next one of the checklist current.
await run('bob', { type: 'CompleteNextStep', ...org, contactId: 'ada', stepId: 'intro_call' });
const ada = await rapport.as('bob').contact('harbor', 'ada');
if (ada._tag === 'Right')
  console.log(`after the call: ${ada.right.mine?.step?.title}, due ${ada.right.mine?.step?.reminderDue}`);
