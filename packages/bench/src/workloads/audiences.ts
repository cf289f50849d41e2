/**
 * Workload 4, audience maintenance: the cost of keeping the membership of 50 organization
 * audiences (beside the default ones) up to date as events arrive, in an organization of 10,000
 * and of 100,000 contacts. Membership is kept event by event (R-AUD-3, R-AUD-4): an event should
 * cost the same whatever the number of contacts, so the ratio of the two costs is the figure.
 *
 * The organization is made by running commands through the facade once (the organization, its
 * audiences, a thousand contacts, then changes to them) and copying its contacts under other ids
 * until the wanted size; the events go straight to the projections and the membership, as the
 * facade feeds them, without a store.
 */
import { InMemoryEventStore } from '@rapport/core';
import {
  AudienceMembership,
  createRapport,
  decodeRecordedEvent,
  RelationshipProjections,
  type AudienceFilter,
  type Command,
  type RecordedDomainEvent,
} from '@rapport/domain';
import { figure, type Measured } from '../internal/figure.js';
import { contactCommands, executeAll, orgIdOf, readEverything, setupCommands } from '../internal/history.js';
import { median } from '../internal/measure.js';
import type { Workload, WorkloadContext } from '../internal/workload.js';

const W = 'audiences';
const AUDIENCES = 50;
const TAGS = ['vip', 'newsletter', 'Holiday card', 'conference-2026'] as const;
const STAGES = ['lead', 'potential', 'active', 'inactive', 'lost'] as const;

/**
 * The filter of audience number `n`: tags, stages, segments, kinds and their combinations.
 *
 * @example
 * import { audienceFilter } from './audiences.js';
 * audienceFilter(0); // { op: 'tags', match: 'any', tags: ['vip'] }
 */
export const audienceFilter = (n: number): AudienceFilter => {
  switch (n % 5) {
    case 0:
      return { op: 'tags', match: 'any', tags: [TAGS[n % TAGS.length]!] };
    case 1:
      return { op: 'stage', in: [STAGES[n % STAGES.length]!] };
    case 2:
      return {
        op: 'and',
        filters: [
          { op: 'segmentKind', is: 'business' },
          { op: 'keepInTouch', is: true },
          { op: 'tags', match: 'none', tags: [TAGS[n % TAGS.length]!] },
        ],
      };
    case 3:
      return {
        op: 'or',
        filters: [
          { op: 'tags', match: 'all', tags: ['vip', TAGS[n % TAGS.length]!] },
          { op: 'not', filter: { op: 'stage', in: [null, 'lost'] } },
        ],
      };
    default:
      return {
        op: 'and',
        filters: [
          { op: 'kind', in: ['company'] },
          { op: 'segment', in: ['customer', 'partner'] },
        ],
      };
  }
};

/** The commands that change the contacts once they are set up: a tag each, a stage for most. */
const changeCommands = (orgId: string, contacts: number): ReadonlyArray<Command> =>
  Array.from({ length: contacts }, (_, contact) => {
    const on = { actor: `u${contact % 10}`, orgId, contactId: `c${contact}` };
    const tag: Command = { type: 'ApplyTag', ...on, tag: TAGS[(contact + 1) % TAGS.length]! };
    return contact % 5 === 0 ? [tag] : [tag, { type: 'SetStage', ...on, stage: 'inactive' } as const];
  }).flat();

interface Template {
  /** The organization and its audiences. */
  readonly setup: ReadonlyArray<RecordedDomainEvent>;
  /** The contacts, set up. */
  readonly contacts: ReadonlyArray<RecordedDomainEvent>;
  /** Changes to the contacts: what is timed. */
  readonly changes: ReadonlyArray<RecordedDomainEvent>;
}

const recordTemplate = async (contacts: number): Promise<Template> => {
  const store = new InMemoryEventStore();
  const rapport = createRapport({ store });
  const orgId = orgIdOf(0);
  await executeAll(rapport, setupCommands(orgId));
  await executeAll(
    rapport,
    Array.from({ length: AUDIENCES }, (_, n) => ({
      type: 'DefineAudience',
      actor: 'u0',
      orgId,
      audienceId: `audience-${n}`,
      name: `Audience ${n}`,
      filter: audienceFilter(n),
      scope: 'organization',
    })),
  );
  const afterSetup = await store.headPosition();
  await executeAll(
    rapport,
    // Added, segmented, staged or tagged, tagged: enough for every audience to have members.
    Array.from({ length: contacts }, (_, contact) => contactCommands(orgId, contact).slice(0, 4)).flat(),
  );
  const afterContacts = await store.headPosition();
  await executeAll(rapport, changeCommands(orgId, contacts));
  const events = (await readEverything(store)).map((event) => {
    const decoded = decodeRecordedEvent(event);
    if (decoded._tag === 'Left') throw new Error(decoded.left.message);
    return decoded.right;
  });
  return {
    setup: events.slice(0, afterSetup),
    contacts: events.slice(afterSetup, afterContacts),
    changes: events.slice(afterContacts),
  };
};

/** The event about contact `c<n>-<copy>` instead of `c<n>`, at the given position. */
const renamed = (event: RecordedDomainEvent, copy: number, position: number): RecordedDomainEvent => {
  const data = event.data as { readonly contactId?: string };
  const contactId = data.contactId === undefined ? undefined : `${data.contactId}-${copy}`;
  return {
    ...event,
    streamId: contactId === undefined ? event.streamId : `${event.streamId}-${copy}`,
    globalPosition: position,
    data: contactId === undefined ? event.data : { ...event.data, contactId },
  } as RecordedDomainEvent;
};

interface Organization {
  readonly projections: RelationshipProjections;
  readonly membership: AudienceMembership;
  position: number;
}

const buildOrganization = (template: Template, copies: number): Organization => {
  const projections = new RelationshipProjections();
  const membership = new AudienceMembership();
  const apply = (event: RecordedDomainEvent): void => {
    projections.apply(event);
    membership.apply(event, projections);
  };
  let position = 0;
  for (const event of template.setup) apply({ ...event, globalPosition: ++position } as RecordedDomainEvent);
  for (let copy = 0; copy < copies; copy++) {
    for (const event of template.contacts) apply(renamed(event, copy, ++position));
  }
  return { projections, membership, position };
};

/**
 * Applies the template's changes to contacts spread over every copy; returns the nanoseconds the
 * membership took per event and the nanoseconds per event of projections and membership together.
 */
const applyChanges = (
  organization: Organization,
  template: Template,
  copies: number,
  round: number,
): { readonly membership: number; readonly total: number } => {
  const events = template.changes.map((event, i) =>
    renamed(event, (i * 7919 + round * 104729) % copies, ++organization.position),
  );
  let membership = 0n;
  const start = process.hrtime.bigint();
  for (const event of events) {
    organization.projections.apply(event);
    const before = process.hrtime.bigint();
    organization.membership.apply(event, organization.projections);
    membership += process.hrtime.bigint() - before;
  }
  const total = process.hrtime.bigint() - start;
  return { membership: Number(membership) / events.length, total: Number(total) / events.length };
};

const toMicros = (nanos: ReadonlyArray<number>) => {
  const micros = nanos.map((n) => n / 1000);
  return { median: median(micros), samples: micros };
};

const run = async (context: WorkloadContext): Promise<ReadonlyArray<Measured>> => {
  const { audienceContacts, templateContacts } = context.sizes;
  // Rounds are cheap beside building the organizations: more of them steady the ratio.
  const repeats = { warmup: 1, runs: context.quick ? 3 : 9 };
  const template = await recordTemplate(templateContacts);
  const sizes = audienceContacts.map((contacts) => {
    const copies = Math.max(1, Math.round(contacts / templateContacts));
    return { copies, contacts: copies * templateContacts, organization: buildOrganization(template, copies) };
  });
  // The two organizations take turns, round after round, so that both sizes are measured under the
  // same conditions and each round gives a ratio of its own.
  const membership = sizes.map((): number[] => []);
  const totals = sizes.map((): number[] => []);
  const ratios: number[] = [];
  for (let round = 0; round < repeats.warmup + repeats.runs; round++) {
    const costs = sizes.map(({ organization, copies }) =>
      applyChanges(organization, template, copies, round),
    );
    if (round < repeats.warmup) continue;
    costs.forEach((cost, i) => {
      membership[i]!.push(cost.membership);
      totals[i]!.push(cost.total);
    });
    const [small, large] = costs;
    if (small !== undefined && large !== undefined) ratios.push(large.membership / small.membership);
  }
  const figures: Measured[] = sizes.flatMap(({ contacts }, i) => {
    const size = contacts.toLocaleString('en-US');
    return [
      figure(
        {
          workload: W,
          id: `audiences.membership.${contacts}`,
          label: `membership upkeep per event, ${AUDIENCES} audiences, ${size} contacts`,
          unit: 'µs/event',
        },
        toMicros(membership[i]!),
      ),
      figure(
        {
          workload: W,
          id: `audiences.total.${contacts}`,
          label: `projections and membership per event, ${size} contacts`,
          unit: 'µs/event',
        },
        toMicros(totals[i]!),
      ),
    ];
  });
  const [small, large] = sizes;
  if (small !== undefined && large !== undefined) {
    figures.push(
      figure(
        {
          workload: W,
          id: 'audiences.ratio',
          label: `membership cost per event, ${large.contacts.toLocaleString('en-US')} ÷ ${small.contacts.toLocaleString('en-US')} contacts`,
          unit: 'ratio',
          target: { kind: 'below', value: 1.3 },
          note: 'median of the ratios of rounds in which the two organizations took turns',
        },
        { median: median(ratios), samples: ratios },
      ),
    );
  }
  return figures;
};

/**
 * Workload 4, audience maintenance, as the suite runs it.
 *
 * @example
 * import { audiences } from './audiences.js';
 * audiences.name; // 'audiences'
 */
export const audiences: Workload = { name: W, title: '4. Audience maintenance', run };
