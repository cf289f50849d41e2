/**
 * The flagship scenario of `rapport demo`: a real-estate team, Harbor Realty, with contacts in
 * several segments and stages, next steps with reminders and email templates, custom fields,
 * tags, a deal team, sharing, assignment and the sync situations between My People and the team
 * view in the three scenarios (A assigned, B keep-in-touch, C neither), and an organization
 * audience by tag. Plain commands, as `rapport exec` reads them; two are rejected on purpose.
 */

/**
 * The organization the scenario seeds.
 *
 * @example
 * import { DEMO_ORG, flagshipScenario } from './flagship.js';
 * DEMO_ORG; // 'harbor'
 * flagshipScenario[0]?.command; // { type: 'CreateOrganization', actor: 'ann', orgId: 'harbor', name: 'Harbor Realty' }
 */
export const DEMO_ORG = 'harbor';

/**
 * The instant the scenario's first command happens at; each next one a few minutes later.
 *
 * @example
 * import { DEMO_START, DEMO_STEP_MINUTES } from './flagship.js';
 * new Date(Date.parse(DEMO_START) + 2 * DEMO_STEP_MINUTES * 60_000).toISOString(); // '2026-11-02T09:14:00.000Z': the third command
 */
export const DEMO_START = '2026-11-02T09:00:00.000Z';

/**
 * Minutes between two commands of the scenario.
 *
 * @example
 * import { DEMO_STEP_MINUTES } from './flagship.js';
 * DEMO_STEP_MINUTES; // 7
 */
export const DEMO_STEP_MINUTES = 7;

const org = { orgId: DEMO_ORG };

/** One command of the scenario and whether it is meant to be accepted. */
export interface DemoCommand {
  readonly command: Readonly<Record<string, unknown>>;
  readonly expect: 'accepted' | 'rejected';
}

const ok = (command: Readonly<Record<string, unknown>>): DemoCommand => ({ command, expect: 'accepted' });
const refused = (command: Readonly<Record<string, unknown>>): DemoCommand => ({
  command,
  expect: 'rejected',
});

/**
 * The scenario, in order.
 *
 * @example
 * import { flagshipScenario } from './flagship.js';
 * flagshipScenario.filter((step) => step.expect === 'rejected').map((step) => step.command.type); // ['SetStage', 'ShareContact']
 */
export const flagshipScenario: ReadonlyArray<DemoCommand> = [
  // The team: ann runs the office, mia manages, bob and cat are agents.
  ok({ type: 'CreateOrganization', actor: 'ann', ...org, name: 'Harbor Realty' }),
  ok({ type: 'AddMember', actor: 'ann', ...org, userId: 'mia', role: 'manager' }),
  ok({ type: 'AddMember', actor: 'ann', ...org, userId: 'bob', role: 'member' }),
  ok({ type: 'AddMember', actor: 'ann', ...org, userId: 'cat', role: 'member' }),
  // Settings: a custom segment, checklists with reminders and e-mail templates, custom fields.
  ok({
    type: 'DefineSegment',
    actor: 'ann',
    ...org,
    segmentId: 'past_client',
    name: 'Past client',
    kind: 'business',
  }),
  ok({ type: 'DefineSection', actor: 'ann', ...org, sectionId: 'home_search', name: 'Home search' }),
  ok({
    type: 'DefineChecklist',
    actor: 'ann',
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
          body: 'Hi {{name}}, thanks for reaching out. With a budget of {{budget}} in {{area}}, I have a few homes to show you.',
        },
      },
      { stepId: 'first_tour', title: 'First tour', reminder: { afterDays: 7 } },
    ],
  }),
  ok({
    type: 'DefineChecklist',
    actor: 'ann',
    ...org,
    segmentId: 'buyer',
    stage: 'potential',
    steps: [
      {
        stepId: 'preapproval',
        title: 'Mortgage pre-approval',
        reminder: { afterDays: 2 },
        emailTemplate: {
          subject: 'Next step for your home in {{area}}',
          body: 'Hi {{name}}, to make offers up to {{budget}} we need a pre-approval letter. Harbor Mortgage Bank can help.',
        },
      },
      { stepId: 'offer', title: 'Make an offer', reminder: { afterDays: 14 } },
    ],
  }),
  ok({
    type: 'DefineChecklist',
    actor: 'ann',
    ...org,
    segmentId: 'seller',
    stage: 'potential',
    steps: [
      { stepId: 'market_analysis', title: 'Comparative market analysis', reminder: { afterDays: 3 } },
      { stepId: 'listing_agreement', title: 'Listing agreement', reminder: { afterDays: 10 } },
    ],
  }),
  ok({
    type: 'DefineField',
    actor: 'ann',
    ...org,
    definition: {
      fieldId: 'budget',
      name: 'Budget',
      valueType: { type: 'currency', currencies: ['USD'] },
      appliesTo: ['person'],
      segments: ['buyer'],
      sectionId: 'home_search',
    },
  }),
  ok({
    type: 'DefineField',
    actor: 'ann',
    ...org,
    definition: {
      fieldId: 'area',
      name: 'Area',
      valueType: { type: 'pick_one', options: ['Harbor', 'Old Town', 'Hillside'] },
      appliesTo: ['person'],
      sectionId: 'home_search',
    },
  }),
  ok({
    type: 'DefineField',
    actor: 'ann',
    ...org,
    definition: {
      fieldId: 'bedrooms',
      name: 'Bedrooms',
      valueType: { type: 'round_number', min: 0, max: 20 },
      appliesTo: ['person'],
    },
  }),
  // Bob's buyer: a business segment, so the contact is shared with the team automatically.
  ok({ type: 'AddContact', actor: 'bob', ...org, contactId: 'ada', kind: 'person', name: 'Ada Lovelace' }),
  ok({
    type: 'SetContactInfo',
    actor: 'bob',
    ...org,
    contactId: 'ada',
    item: { itemId: 'email', kind: 'email', value: 'ada@example.com' },
  }),
  ok({
    type: 'SetContactInfo',
    actor: 'bob',
    ...org,
    contactId: 'ada',
    item: { itemId: 'mobile', kind: 'phone', value: '+1 555 0100', personal: true },
  }),
  ok({ type: 'SetSegment', actor: 'bob', ...org, contactId: 'ada', segmentId: 'buyer' }),
  ok({ type: 'SetStage', actor: 'bob', ...org, contactId: 'ada', stage: 'lead' }),
  ok({
    type: 'SetFieldValue',
    actor: 'bob',
    ...org,
    contactId: 'ada',
    fieldId: 'budget',
    value: { amount: '650,000', currency: 'usd' },
  }),
  ok({ type: 'SetFieldValue', actor: 'bob', ...org, contactId: 'ada', fieldId: 'area', value: 'Old Town' }),
  ok({ type: 'SetFieldValue', actor: 'bob', ...org, contactId: 'ada', fieldId: 'bedrooms', value: 3 }),
  ok({ type: 'ApplyTag', actor: 'bob', ...org, contactId: 'ada', tag: 'First-time buyer' }),
  ok({ type: 'SetNextStep', actor: 'bob', ...org, contactId: 'ada', stepId: 'intro_call' }),
  ok({ type: 'CompleteNextStep', actor: 'bob', ...org, contactId: 'ada', stepId: 'intro_call' }),
  ok({ type: 'ShareContact', actor: 'bob', ...org, contactId: 'ada' }),
  // Mia assigns bob to Ada: scenario A, changes flow both ways.
  ok({ type: 'AssignUser', actor: 'mia', ...org, contactId: 'ada', userId: 'bob' }),
  // Ann's seller, on a deal with a deal team.
  ok({ type: 'AddContact', actor: 'ann', ...org, contactId: 'grace', kind: 'person', name: 'Grace Hopper' }),
  ok({ type: 'SetSegment', actor: 'ann', ...org, contactId: 'grace', segmentId: 'seller' }),
  // Bob knows Grace too: his copy meets the team's and takes its segment, the one value it lacks (R-SYNC-7).
  ok({ type: 'AddContact', actor: 'bob', ...org, contactId: 'grace', kind: 'person', name: 'Grace Hopper' }),
  ok({ type: 'SetStage', actor: 'ann', ...org, contactId: 'grace', stage: 'potential' }),
  ok({ type: 'SetNextStep', actor: 'ann', ...org, contactId: 'grace', stepId: 'market_analysis' }),
  ok({ type: 'ApplyTag', actor: 'ann', ...org, contactId: 'grace', tag: 'Waterfront' }),
  ok({
    type: 'CreateEngagement',
    actor: 'ann',
    ...org,
    engagementId: 'oak12',
    kind: 'deal',
    name: '12 Oak Street sale',
  }),
  ok({ type: 'AddTeamMember', actor: 'ann', ...org, engagementId: 'oak12', userId: 'cat' }),
  ok({ type: 'AddMemberContact', actor: 'ann', ...org, engagementId: 'oak12', contactId: 'grace' }),
  ok({ type: 'SetEngagementStage', actor: 'ann', ...org, engagementId: 'oak12', stage: 'active' }),
  // A company partner.
  ok({
    type: 'AddContact',
    actor: 'cat',
    ...org,
    contactId: 'harbor_bank',
    kind: 'company',
    name: 'Harbor Mortgage Bank',
  }),
  ok({ type: 'SetSegment', actor: 'cat', ...org, contactId: 'harbor_bank', segmentId: 'partner' }),
  ok({ type: 'ApplyTag', actor: 'cat', ...org, contactId: 'harbor_bank', tag: 'Lender' }),
  // Cat also knows Ada and Grace: one with keep-in-touch on (scenario B), one without (scenario C).
  ok({ type: 'AddContact', actor: 'cat', ...org, contactId: 'ada', kind: 'person', name: 'Ada Lovelace' }),
  ok({ type: 'SetSegment', actor: 'cat', ...org, contactId: 'ada', segmentId: 'buyer' }),
  ok({ type: 'SetStage', actor: 'cat', ...org, contactId: 'ada', stage: 'potential' }),
  ok({ type: 'ApplyTag', actor: 'bob', ...org, contactId: 'grace', tag: 'Golf partner' }),
  // The team copy moves on: Ada becomes a potential buyer.
  ok({ type: 'SetStage', actor: 'bob', ...org, contactId: 'ada', stage: 'potential', target: 'team' }),
  ok({ type: 'SetStage', actor: 'bob', ...org, contactId: 'ada', stage: 'potential' }),
  ok({ type: 'SetNextStep', actor: 'bob', ...org, contactId: 'ada', stepId: 'preapproval' }),
  // Personal contacts stay personal.
  ok({ type: 'AddContact', actor: 'bob', ...org, contactId: 'mum', kind: 'person', name: 'Mum' }),
  ok({ type: 'SetSegment', actor: 'bob', ...org, contactId: 'mum', segmentId: 'family' }),
  refused({ type: 'SetStage', actor: 'bob', ...org, contactId: 'mum', stage: 'lead' }),
  refused({ type: 'ShareContact', actor: 'bob', ...org, contactId: 'mum' }),
  // A past client, archived once the relationship ended.
  ok({ type: 'AddContact', actor: 'ann', ...org, contactId: 'alan', kind: 'person', name: 'Alan Turing' }),
  ok({ type: 'SetSegment', actor: 'ann', ...org, contactId: 'alan', segmentId: 'past_client' }),
  ok({ type: 'SetStage', actor: 'ann', ...org, contactId: 'alan', stage: 'inactive' }),
  ok({ type: 'ArchiveContact', actor: 'ann', ...org, contactId: 'alan' }),
  // Sync in the three scenarios. Mia, the manager, marks the team's Ada pre-approved: bob is
  // assigned (scenario A) and cat keeps in touch (scenario B), so both copies take it by themselves.
  ok({
    type: 'ApplyTag',
    actor: 'mia',
    ...org,
    contactId: 'ada',
    tag: 'Pre-approved',
    target: 'team',
  }),
  // Bob's own change goes to the team by itself (A); cat's waits for her to send it (B).
  ok({ type: 'SetFieldValue', actor: 'bob', ...org, contactId: 'ada', fieldId: 'bedrooms', value: 4 }),
  ok({ type: 'ApplyTag', actor: 'cat', ...org, contactId: 'ada', tag: 'Open house' }),
  // Bob's Grace is neither assigned nor followed (scenario C): he answers one prompt, the rest wait.
  ok({ type: 'AcceptTeamChange', actor: 'bob', ...org, contactId: 'grace', field: 'tag:waterfront' }),
  // An organization audience for the holiday cards, by tag.
  ok({
    type: 'DefineAudience',
    actor: 'ann',
    ...org,
    audienceId: 'holiday_cards',
    name: 'Holiday cards',
    filter: { op: 'tags', match: 'any', tags: ['Holiday card'] },
    scope: 'organization',
  }),
  ok({ type: 'ApplyTag', actor: 'bob', ...org, contactId: 'ada', tag: 'Holiday card' }),
  ok({ type: 'ApplyTag', actor: 'bob', ...org, contactId: 'mum', tag: 'Holiday card' }),
  // Cat, on the deal team of 12 Oak Street, adds Grace under her full name: her copy first meets the
  // team's (R-SYNC-7). What it lacks comes in by itself; the two names wait for her to choose, even
  // in scenario A.
  ok({
    type: 'AddContact',
    actor: 'cat',
    ...org,
    contactId: 'grace',
    kind: 'person',
    name: 'Grace B. Hopper',
  }),
  // Ann's customer Linus is cat's friend. Assigned to him, cat is asked whether to make her copy
  // business or keep it private; nothing flows until she answers (R-TEAM-4).
  ok({
    type: 'AddContact',
    actor: 'ann',
    ...org,
    contactId: 'linus',
    kind: 'person',
    name: 'Linus Torvalds',
  }),
  ok({ type: 'SetSegment', actor: 'ann', ...org, contactId: 'linus', segmentId: 'buyer' }),
  ok({ type: 'AddContact', actor: 'cat', ...org, contactId: 'linus', kind: 'person', name: 'Linus' }),
  ok({ type: 'SetSegment', actor: 'cat', ...org, contactId: 'linus', segmentId: 'friend' }),
  ok({ type: 'AssignUser', actor: 'mia', ...org, contactId: 'linus', userId: 'cat' }),
  // Bob files a visitor of the open house as a buyer, which shares her; she turns out to be his
  // neighbour. Moved to his friends, and held by no one else, she leaves the team view (R-SHARE-7).
  ok({ type: 'AddContact', actor: 'bob', ...org, contactId: 'vera', kind: 'person', name: 'Vera Rubin' }),
  ok({ type: 'SetSegment', actor: 'bob', ...org, contactId: 'vera', segmentId: 'buyer' }),
  ok({ type: 'SetSegment', actor: 'bob', ...org, contactId: 'vera', segmentId: 'friend' }),
];
