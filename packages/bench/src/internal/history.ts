/**
 * A CRM team's history for the workloads that need domain events: the commands a team gives
 * (contacts added, segmented, staged, tagged, renamed; business contacts shared by the auto-share
 * policy), and a large history made by running those commands once through the facade and
 * replaying the recorded events under other organization ids.
 */
import type { EventStore, NewEvent, RecordedEvent, StreamWrite } from '@rapport/core';
import { createRapport, type Command, type Rapport } from '@rapport/domain';
import { ulidFactory } from './sampleEvents.js';

const USERS = 10;
const STAGES = ['lead', 'potential', 'active'] as const;
const TAGS = ['vip', 'newsletter', 'Holiday card', 'conference-2026'] as const;

/** The id of organization number `n`. */
export const orgIdOf = (n: number): string => `acme_${String(n).padStart(6, '0')}`;

/** The user who owns contact number `contact`. */
const ownerOf = (contact: number): string => `u${contact % USERS}`;

/**
 * The commands that set up an organization: created by `u0`, with members `u1` … `u9`.
 *
 * @example
 * import { setupCommands } from './history.js';
 * setupCommands('acme').length; // 10
 */
export const setupCommands = (orgId: string): ReadonlyArray<Command> => [
  { type: 'CreateOrganization', actor: 'u0', orgId, name: `Organization ${orgId}` },
  ...Array.from({ length: USERS - 1 }, (_, i) => ({
    type: 'AddMember' as const,
    actor: 'u0',
    orgId,
    userId: `u${i + 1}`,
    role: i === 0 ? ('manager' as const) : ('member' as const),
  })),
];

/**
 * Six commands on contact number `contact`: add, segment (one contact in five is family, a
 * personal segment, and stays private; the others are customers and get shared), then stages, a
 * tag and a rename.
 *
 * @example
 * import { contactCommands } from './history.js';
 * contactCommands('acme', 1).map((c) => c['type']); // ['AddContact', 'SetSegment', 'SetStage', 'ApplyTag', 'SetStage', 'RenameContact']
 */
export const contactCommands = (orgId: string, contact: number): ReadonlyArray<Command> => {
  const on = { actor: ownerOf(contact), orgId, contactId: `c${contact}` };
  const personal = contact % 5 === 0;
  const tag = TAGS[contact % TAGS.length]!;
  return [
    { type: 'AddContact', ...on, kind: contact % 7 === 0 ? 'company' : 'person', name: `Contact ${contact}` },
    { type: 'SetSegment', ...on, segmentId: personal ? 'family' : 'customer' },
    personal ? { type: 'ApplyTag', ...on, tag: 'family' } : { type: 'SetStage', ...on, stage: STAGES[0] },
    { type: 'ApplyTag', ...on, tag },
    personal
      ? { type: 'RenameContact', ...on, name: `Contact ${contact} (home)` }
      : { type: 'SetStage', ...on, stage: STAGES[1 + (contact % 2)]! },
    { type: 'RenameContact', ...on, name: `Contact number ${contact}` },
  ];
};

/** Every command for `contacts` contacts, contact after contact. */
export const teamCommands = (orgId: string, contacts: number): ReadonlyArray<Command> =>
  Array.from({ length: contacts }, (_, contact) => contactCommands(orgId, contact)).flat();

/**
 * Executes commands through the facade; a rejection is a mistake in the workload and throws.
 *
 * @example
 * // await executeAll(rapport, setupCommands('acme')); // 10
 */
export const executeAll = async (rapport: Rapport, commands: ReadonlyArray<Command>): Promise<number> => {
  for (const command of commands) {
    const result = await rapport.execute(command);
    if (result._tag === 'Left') {
      throw new Error(
        `the workload's command ${String(command['type'])} was rejected: ${result.left.message}`,
      );
    }
  }
  return commands.length;
};

/** Every event of a store, in global order. */
export const readEverything = async (store: EventStore): Promise<ReadonlyArray<RecordedEvent>> => {
  const events: RecordedEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  return events;
};

/**
 * The history of one organization of `contacts` contacts, recorded by running the commands through
 * the facade over `store` (which should be empty).
 */
export const recordTemplate = async (
  store: EventStore,
  contacts: number,
): Promise<ReadonlyArray<RecordedEvent>> => {
  const rapport = createRapport({ store });
  await executeAll(rapport, setupCommands(orgIdOf(0)));
  await executeAll(rapport, teamCommands(orgIdOf(0), contacts));
  return readEverything(store);
};

/**
 * Round `round` of a long-lived team's work on contact number `contact`: a new stage (a personal
 * contact, which has none, gains or loses a tag instead) and a new name.
 *
 * @example
 * import { roundCommands } from './history.js';
 * roundCommands('acme', 1, 2).map((c) => c['type']); // ['SetStage', 'RenameContact']
 * roundCommands('acme', 5, 2).map((c) => c['type']); // ['RemoveTag', 'RenameContact']
 */
export const roundCommands = (orgId: string, contact: number, round: number): ReadonlyArray<Command> => {
  const on = { actor: ownerOf(contact), orgId, contactId: `c${contact}` };
  const personal = contact % 5 === 0;
  return [
    personal
      ? { type: round % 2 === 1 ? 'ApplyTag' : 'RemoveTag', ...on, tag: 'met' }
      : { type: 'SetStage', ...on, stage: STAGES[(round + contact) % STAGES.length]! },
    { type: 'RenameContact', ...on, name: `Contact ${contact}, round ${round}` },
  ];
};

/**
 * A long history over few contacts: one organization of `contacts` contacts, then round after
 * round of work on every one of them, until `store` holds at least `total` events.
 */
export const recordLongHistory = async (
  store: EventStore,
  contacts: number,
  total: number,
): Promise<void> => {
  const rapport = createRapport({ store });
  const orgId = orgIdOf(0);
  await executeAll(rapport, setupCommands(orgId));
  await executeAll(rapport, teamCommands(orgId, contacts));
  for (let round = 1; (await store.headPosition()) < total; round++)
    for (let contact = 0; contact < contacts; contact++)
      await executeAll(rapport, roundCommands(orgId, contact, round));
};

const WINDOW = 200;

/**
 * Appends copies of a template history to `store`, copy k under organization `orgIdOf(k + 1)`
 * with fresh event ids, until at least `total` events are stored (whole copies only, so a little
 * more than `total`). Events are appended in
 * template order, a window of 200 at a time with one `appendMany` (each stream once).
 * Returns the number of events and of contacts stored.
 */
export const replicateTemplate = async (
  store: EventStore,
  template: ReadonlyArray<RecordedEvent>,
  total: number,
  contactsPerCopy: number,
): Promise<{ readonly events: number; readonly contacts: number }> => {
  const ulid = ulidFactory();
  const from = orgIdOf(0);
  let events = 0;
  let copies = 0;
  while (events < total) {
    const to = orgIdOf(++copies);
    for (let start = 0; start < template.length; start += WINDOW) {
      const writes = new Map<string, NewEvent[]>();
      for (const event of template.slice(start, start + WINDOW)) {
        const streamId = event.streamId.replace(from, to);
        const copy: NewEvent = {
          id: ulid(),
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: JSON.parse(JSON.stringify(event.data).replaceAll(`"${from}"`, `"${to}"`)) as unknown,
          actor: event.actor,
          recordedAt: event.recordedAt,
          correlationId: event.correlationId,
          causationId: event.causationId,
        };
        const list = writes.get(streamId);
        if (list === undefined) writes.set(streamId, [copy]);
        else list.push(copy);
      }
      const batch: StreamWrite[] = [...writes].map(([streamId, list]) => ({
        streamId,
        expectedVersion: 'any',
        events: list,
      }));
      await store.appendMany(batch);
      events += batch.reduce((sum, write) => sum + write.events.length, 0);
    }
  }
  return { events, contacts: copies * contactsPerCopy };
};
