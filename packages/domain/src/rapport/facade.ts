/**
 * The facade an application embeds: `createRapport({ store })` over any event store, then
 * `execute` commands and read My People, the team view or one contact. Each command is decoded,
 * decided against cached state, appended with expected versions (the organization's stream is
 * guarded by an empty write), projected, and followed by the auto-share policy (R-SHARE-1) and
 * the sync policy (R-SYNC-5). Audiences and sync prompts are read here too (R-AUD, R-SYNC). The
 * read models are one `ReadModels`, the same pipeline a replay uses (R-AUDIT-3); given a snapshot
 * store, the facade starts from the read models saved there with their checkpoint instead of
 * replaying the whole history, and ignores a snapshot of another version or of another history.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  checkEventSize,
  ConcurrencyError,
  monotonicUlid,
  reject,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type Rejection,
  type SnapshotStore,
  type StreamWrite,
} from '@rapport/core';
import { commandAggregate, decodeCommand, type Command } from '../commands.js';
import type { ContactCommand } from '../contact/commands.js';
import { contactDecider } from '../contact/decider.js';
import { evolveContact, initialContactState, type ContactState } from '../contact/state.js';
import type { EngagementCommand } from '../engagement/commands.js';
import { engagementDecider } from '../engagement/decider.js';
import { evolveEngagement, initialEngagementState, type EngagementState } from '../engagement/state.js';
import {
  EVENT_SCHEMA_VERSION,
  eventsWouldNotRead,
  type DomainEvent,
  type RecordedDomainEvent,
} from '../events.js';
import { decodeStored, StreamCache, type Cached } from '../internal/streamCache.js';
import { commandEventIds, freshEventIds, type EventIds } from '../internal/eventIds.js';
import { loadReadModels, ReadModels, saveReadModels } from '../audit/readModels.js';
import type { ContactEvent } from '../contact/events.js';
import type { EngagementEvent } from '../engagement/events.js';
import type { OrganizationCommand } from '../organization/commands.js';
import { organizationDecider } from '../organization/decider.js';
import type { OrganizationEvent } from '../organization/events.js';
import {
  evolveOrganization,
  initialOrganizationState,
  roleOf,
  type OrganizationState,
} from '../organization/state.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import {
  byName,
  contactView,
  type ContactView,
  type MyPeopleView,
  type TeamView,
} from '../projections/views.js';
import { autoShare, autoShareSubject } from '../sharing/autoShare.js';
import { contactStream, engagementStream, organizationStream } from '../streams.js';
import type { AudienceCommand } from '../audiences/commands.js';
import { audienceDecider } from '../audiences/decider.js';
import { audienceStream, type AudienceEvent } from '../audiences/events.js';
import { evolveAudiences, initialAudiencesState, type AudiencesState } from '../audiences/state.js';
import type { AudienceList } from '../audiences/read.js';
import { audienceList, audienceMembers, whyMember } from '../audiences/read.js';
import type { MembershipExplanation } from '../audiences/why.js';
import type { SyncCommand } from '../sync/commands.js';
import { syncDecider } from '../sync/decider.js';
import { syncStream } from '../sync/events.js';
import { flowingState, syncCommands, syncSubjects, type SyncSubject } from '../sync/policy.js';
import { promptsOf, syncStateOf } from '../sync/read.js';
import type { SyncPrompt, SyncState } from '../sync/syncState.js';
import { explainSync, type SyncExplanation } from '../sync/why.js';

/**
 * How a facade is built: the store, and optionally where its read models are saved, the clock
 * and the id generator.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, type RapportOptions } from '@rapport/domain';
 * const store = createInMemoryEventStore();
 * const options: RapportOptions = { store, snapshots: store };
 * createRapport(options);
 */
export interface RapportOptions {
  readonly store: EventStore;
  /**
   * Where the read models are saved (`saveSnapshot`) and started from: the first catch-up starts
   * from the saved snapshot when it is of the current `READ_MODELS_VERSION` and its checkpoint's
   * event (id and hash) is in `store`, otherwise from the beginning of the history. The SQLite,
   * PostgreSQL and in-memory stores are snapshot stores: pass the store itself.
   */
  readonly snapshots?: SnapshotStore;
  /** The time events are recorded at; default the system clock. */
  readonly clock?: () => Date;
  /** Event and correlation ids; default monotonic ULIDs. */
  readonly newId?: () => string;
  /**
   * How many times a command is decided again after a concurrent write; default 5. When every
   * attempt meets a concurrent write, `execute` gives a `CONCURRENCY_CONFLICT` rejection.
   */
  readonly maxRetries?: number;
}

/** Why a command was given: the correlation id groups a user action; the causation names its cause. */
export interface ExecuteMeta {
  readonly correlationId?: string;
  readonly causationId?: string | null;
  /**
   * The command's own id: its events, then those of the policies it sets off, get the ids
   * `commandEventId(commandId, 0)`, `…1`… instead of new ones, so that whether it was done can be
   * told from the store (the event `<commandId>~0` is there). Give each command its own.
   */
  readonly commandId?: string;
}

/** One contact as a member sees it: their own copy and the team copy, each if present. */
export interface ContactCopies {
  readonly mine: ContactView | null;
  readonly team: ContactView | null;
}

/** The facade. */
export interface Rapport {
  /**
   * Decodes and executes a command, then the commands the auto-share policy draws from its events.
   * Gives every event appended, or the rejection; a rejected command appends nothing.
   */
  execute(command: unknown, meta?: ExecuteMeta): Promise<Either<Rejection, ReadonlyArray<RecordedEvent>>>;
  /** A member's My People in an organization. */
  myPeople(orgId: string, userId: string): Promise<Either<Rejection, MyPeopleView>>;
  /** The team view of an organization, for one of its members (R-AUTH-3). */
  teamView(orgId: string, reader: string): Promise<Either<Rejection, TeamView>>;
  /** One contact: the reader's copy and the team copy. */
  contact(orgId: string, contactId: string, reader: string): Promise<Either<Rejection, ContactCopies>>;
  /** The projections, caught up with the store. */
  projections(): Promise<RelationshipProjections>;
  /**
   * Catches up with the store and saves the read models to the `snapshots` store given at
   * creation, so that the next facade over this store reads only the events after them. Gives
   * the checkpoint saved, or a rejection (`NO_SNAPSHOT_STORE`) when no snapshot store was given.
   *
   * @example
   * import { createInMemoryEventStore } from '@rapport/core';
   * import { createRapport } from '@rapport/domain';
   * import { right } from 'fp-ts/lib/Either.js';
   * const store = createInMemoryEventStore();
   * const rapport = createRapport({ store, snapshots: store });
   * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
   * await rapport.saveSnapshot(); // right(2): saved at the second event
   * const restarted = createRapport({ store, snapshots: store }); // starts from position 2
   */
  saveSnapshot(): Promise<Either<Rejection, number>>;
  /** The audiences a member has: the defaults, their own and the organization's (R-AUD-2). */
  audiences(orgId: string, userId: string): Promise<Either<Rejection, AudienceList>>;
  /** The contacts in one of a member's audiences, in their My People (`mine`, default) or the team view. */
  members(
    orgId: string,
    userId: string,
    audienceId: string,
    view?: 'mine' | 'team',
  ): Promise<Either<Rejection, ReadonlyArray<string>>>;
  /** Why a contact is, or is not, in one of a member's audiences. */
  whyMember(
    orgId: string,
    userId: string,
    audienceId: string,
    contactId: string,
    view?: 'mine' | 'team',
  ): Promise<Either<Rejection, MembershipExplanation>>;
  /** Every sync prompt a member sees (R-SYNC-5). */
  prompts(orgId: string, userId: string): Promise<Either<Rejection, ReadonlyArray<SyncPrompt>>>;
  /** The sync state of a member and a contact; null unless the contact is in both views. */
  syncState(orgId: string, userId: string, contactId: string): Promise<Either<Rejection, SyncState | null>>;
  /** Why a field of a contact has a prompt, a flow, or neither, for a member. */
  whySync(
    orgId: string,
    userId: string,
    contactId: string,
    field: string,
  ): Promise<Either<Rejection, SyncExplanation>>;
}

interface Decided {
  readonly writes: ReadonlyArray<{
    readonly streamId: string;
    readonly base: Cached<unknown>;
    readonly events: ReadonlyArray<DomainEvent>;
  }>;
}

type Outcome = Either<Rejection, Decided>;

type Aggregate = ReturnType<typeof commandAggregate>;

const notMember = (orgId: string, userId: string, what: string): Rejection =>
  reject(
    'NOT_A_MEMBER',
    `Rejected reading ${what}: user "${userId}" is not a member of organization ${orgId}`,
    {
      rule: 'R-AUTH-3',
    },
  );

/**
 * Creates the facade over an event store.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport } from '@rapport/domain';
 * const rapport = createRapport({ store: createInMemoryEventStore() });
 * const result = await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * result._tag; // 'Right': OrganizationCreated and MemberAdded
 *
 * @example
 * import { openSqliteEventStore } from '@rapport/store-sqlite';
 * import { createRapport } from '@rapport/domain';
 * const store = await openSqliteEventStore({ path: './rapport.db' });
 * const rapport = createRapport({ store, snapshots: store }); // starts from the saved read models, if usable
 * await rapport.saveSnapshot(); // e.g. at shutdown, or every few thousand events
 */
export const createRapport = (options: RapportOptions): Rapport => {
  const { store, snapshots } = options;
  // The time in milliseconds; without a clock given, the system's, read without making a Date.
  const { clock } = options;
  const now = clock === undefined ? Date.now : () => clock().getTime();
  const newId = options.newId ?? monotonicUlid();
  const maxRetries = options.maxRetries ?? 5;

  const organizations = new StreamCache<OrganizationState>(initialOrganizationState, (state, event) =>
    evolveOrganization(state, event as OrganizationEvent),
  );
  const contacts = new StreamCache<ContactState>(initialContactState, (state, event) =>
    evolveContact(state, event as ContactEvent),
  );
  const engagements = new StreamCache<EngagementState>(initialEngagementState, (state, event) =>
    evolveEngagement(state, event as EngagementEvent),
  );
  const audiences = new StreamCache<AudiencesState>(initialAudiencesState, (state, event) =>
    evolveAudiences(state, event as AudienceEvent),
  );
  const syncStreams = new StreamCache<null>(null, (state) => state);
  let models = new ReadModels();
  let catchingUp: Promise<void> | undefined;
  // Whether `catchingUp` has settled with nothing chained after it: the read models can then be
  // read and changed at once, without waiting for a turn of the event loop.
  let idle = false;

  /** Makes `step` what is under way; idle again once it is done, unless another step follows it. */
  const underWay = (step: Promise<void>): Promise<void> => {
    catchingUp = step;
    idle = false;
    void step.then(
      () => {
        if (catchingUp === step) idle = true;
      },
      // Those who wait for the step see its failure.
      () => undefined,
    );
    return step;
  };

  /**
   * What is under way, settled. The first call starts the read models: from the saved snapshot
   * when there is a snapshot store and `loadReadModels` finds it usable, otherwise from nothing;
   * every later step is chained after it, so nothing is applied before the start is known.
   */
  const settled = (): Promise<void> =>
    catchingUp ??
    underWay(
      (async () => {
        if (snapshots === undefined) return;
        const saved = await loadReadModels(snapshots, store);
        if (saved !== undefined) models = ReadModels.resume(saved);
      })(),
    );

  const catchUp = (): Promise<void> =>
    underWay(
      settled().then(async () => {
        for await (const batch of store.readAll({ after: models.checkpoint }))
          models.applyAll(batch.map(decodeStored));
      }),
    );

  /**
   * Applies events just appended to the read models, or catches up with the store when others'
   * events came between; what is already applied is skipped, so it may run while a catch-up is
   * under way. Gives the promise of a catch-up it starts, or undefined.
   */
  const applyAppended = (events: ReadonlyArray<RecordedDomainEvent>): Promise<void> | undefined => {
    const next: RecordedDomainEvent[] = [];
    for (const event of events) {
      if (event.globalPosition <= models.projections.checkpoint + next.length) continue;
      if (event.globalPosition !== models.projections.checkpoint + next.length + 1) {
        models.applyAll(next);
        return catchUp();
      }
      next.push(event);
    }
    models.applyAll(next);
    return undefined;
  };

  /** Projects events just appended: at once when nothing is under way, otherwise after it. */
  const project = (events: ReadonlyArray<RecordedDomainEvent>): Promise<void> | undefined =>
    idle ? applyAppended(events) : settled().then(() => applyAppended(events));

  /** The streams whose states a command is decided on, each with the cache that holds it. */
  const readsOf = (
    command: Command,
    aggregate: Aggregate,
  ): ReadonlyArray<{ readonly cache: StreamCache<unknown>; readonly streamId: string }> => {
    const org = { cache: organizations as StreamCache<unknown>, streamId: organizationStream(command.orgId) };
    const contact = (contactId: string) => ({
      cache: contacts as StreamCache<unknown>,
      streamId: contactStream(command.orgId, contactId),
    });
    switch (aggregate) {
      case 'organization':
        return [org];
      case 'contact':
        return [org, contact((command as ContactCommand).contactId)];
      case 'engagement': {
        const engagementCommand = command as EngagementCommand;
        const engagement = {
          cache: engagements as StreamCache<unknown>,
          streamId: engagementStream(command.orgId, engagementCommand.engagementId),
        };
        return engagementCommand.type === 'AddMemberContact'
          ? [org, engagement, contact(engagementCommand.contactId)]
          : [org, engagement];
      }
      case 'audience':
        return [org, { cache: audiences as StreamCache<unknown>, streamId: audienceStream(command.orgId) }];
      case 'sync':
        return [
          org,
          contact((command as SyncCommand).contactId),
          { cache: syncStreams as StreamCache<unknown>, streamId: syncStream(command.orgId, command.actor) },
        ];
    }
  };

  /**
   * The decision on the cached states, or undefined when a state it reads is not cached. A sync
   * command also reads the read models, which must be caught up with the store first.
   */
  const decideCached = (command: Command, aggregate: Aggregate): Outcome | undefined => {
    // One text for the stream id: a map hashes a string once, then remembers its hash.
    const orgStream = organizationStream(command.orgId);
    const org = organizations.cached(orgStream);
    if (org === undefined) return undefined;
    const orgWrite = (events: ReadonlyArray<DomainEvent>) => ({
      streamId: orgStream,
      base: org as Cached<unknown>,
      events,
    });
    switch (aggregate) {
      case 'organization': {
        const decision = organizationDecider.decide(command as OrganizationCommand, org.state);
        return decision._tag === 'Left' ? decision : right({ writes: [orgWrite(decision.right)] });
      }
      case 'contact': {
        const contactCommand = command as ContactCommand;
        const streamId = contactStream(command.orgId, contactCommand.contactId);
        const contact = contacts.cached(streamId);
        if (contact === undefined) return undefined;
        const decision = contactDecider.decide(contactCommand, { org: org.state, contact: contact.state });
        return decision._tag === 'Left'
          ? decision
          : right({
              writes: [{ streamId, base: contact as Cached<unknown>, events: decision.right }, orgWrite([])],
            });
      }
      case 'engagement': {
        const engagementCommand = command as EngagementCommand;
        const streamId = engagementStream(command.orgId, engagementCommand.engagementId);
        const engagement = engagements.cached(streamId);
        if (engagement === undefined) return undefined;
        const contactId =
          engagementCommand.type === 'AddMemberContact' ? engagementCommand.contactId : undefined;
        const contact =
          contactId === undefined ? undefined : contacts.cached(contactStream(command.orgId, contactId));
        if (contactId !== undefined && contact === undefined) return undefined;
        const decision = engagementDecider.decide(engagementCommand, {
          org: org.state,
          engagement: engagement.state,
          contact: contact?.state ?? initialContactState,
        });
        if (decision._tag === 'Left') return decision;
        const guards =
          contact === undefined || contactId === undefined
            ? []
            : [
                {
                  streamId: contactStream(command.orgId, contactId),
                  base: contact as Cached<unknown>,
                  events: [],
                },
              ];
        return right({
          writes: [
            { streamId, base: engagement as Cached<unknown>, events: decision.right },
            orgWrite([]),
            ...guards,
          ],
        });
      }
      case 'audience': {
        const streamId = audienceStream(command.orgId);
        const catalog = audiences.cached(streamId);
        if (catalog === undefined) return undefined;
        const decision = audienceDecider.decide(command as AudienceCommand, {
          org: org.state,
          audiences: catalog.state,
        });
        return decision._tag === 'Left'
          ? decision
          : right({
              writes: [{ streamId, base: catalog as Cached<unknown>, events: decision.right }, orgWrite([])],
            });
      }
      case 'sync': {
        const syncCommand = command as SyncCommand;
        const streamId = contactStream(command.orgId, syncCommand.contactId);
        const contact = contacts.cached(streamId);
        const own = syncStream(command.orgId, command.actor);
        const userStream = syncStreams.cached(own);
        if (contact === undefined || userStream === undefined) return undefined;
        const decision = syncDecider.decide(syncCommand, {
          org: org.state,
          contact: contact.state,
          sync: syncStateOf(
            models.projections,
            models.syncPoints,
            command.orgId,
            command.actor,
            syncCommand.contactId,
          ),
        });
        if (decision._tag === 'Left') return decision;
        const dismissals = decision.right.filter((event) => event.type === 'SyncPromptDismissed');
        const changes = decision.right.filter((event) => event.type !== 'SyncPromptDismissed');
        return right({
          writes: [
            { streamId, base: contact as Cached<unknown>, events: changes },
            { streamId: own, base: userStream as Cached<unknown>, events: dismissals },
            orgWrite([]),
          ],
        });
      }
    }
  };

  /**
   * The decision after reading from the store what the cache lacks, or everything it reads when
   * `refresh` is asked (after a concurrent write); a sync command catches up the read models first.
   */
  const decide = async (command: Command, aggregate: Aggregate, refresh: boolean): Promise<Outcome> => {
    if (aggregate === 'sync') await catchUp();
    // A concurrent command may drop an entry while another is read; reading again finds it.
    for (let reload = refresh; ; reload = false) {
      for (const { cache, streamId } of readsOf(command, aggregate))
        if (reload || cache.cached(streamId) === undefined) await cache.load(store, streamId, reload);
      const outcome = decideCached(command, aggregate);
      if (outcome !== undefined) return outcome;
    }
  };

  const freshIds = freshEventIds(newId);

  // Writing an ISO timestamp costs more than the rest of the stamping; commands in the same
  // millisecond share one text.
  let lastTime = Number.NaN;
  let lastRecordedAt = '';
  const recordedAtNow = (): string => {
    const time = now();
    if (time !== lastTime) {
      lastRecordedAt = new Date(time).toISOString();
      lastTime = time;
    }
    return lastRecordedAt;
  };

  const cacheOf = (streamId: string): StreamCache<unknown> =>
    (streamId.startsWith('org-')
      ? organizations
      : streamId.startsWith('contact-')
        ? contacts
        : streamId.startsWith('audiences-')
          ? audiences
          : streamId.startsWith('sync-')
            ? syncStreams
            : engagements) as StreamCache<unknown>;

  const runOne = async (
    command: Command,
    meta: { readonly correlationId: string; readonly causationId: string | null; readonly ids: EventIds },
  ): Promise<Either<Rejection, ReadonlyArray<RecordedDomainEvent>>> => {
    const aggregate = commandAggregate(command);
    for (let attempt = 0; ; attempt += 1) {
      meta.ids.rewind();
      // Most commands find their states cached and are decided at once, without a wait.
      const outcome =
        (attempt === 0 && aggregate !== 'sync' ? decideCached(command, aggregate) : undefined) ??
        (await decide(command, aggregate, attempt > 0));
      if (outcome._tag === 'Left') return outcome;
      const { writes } = outcome.right;
      if (writes.every((write) => write.events.length === 0)) return right([]);
      const recordedAt = recordedAtNow();
      const storeWrites: StreamWrite[] = writes.map((write) => ({
        streamId: write.streamId,
        expectedVersion: write.base.version === 0 ? 'no_stream' : write.base.version,
        events: write.events.map((event): NewEvent => ({
          id: meta.ids.next(),
          type: event.type,
          schemaVersion: EVENT_SCHEMA_VERSION,
          data: event.data,
          actor: command.actor,
          recordedAt,
          correlationId: meta.correlationId,
          causationId: meta.causationId,
        })),
      }));
      for (const write of storeWrites)
        for (const event of write.events) {
          const size = checkEventSize(event);
          if (size._tag === 'Left') return size;
        }
      const unreadable = eventsWouldNotRead(command.type, storeWrites);
      if (unreadable !== undefined) return left(unreadable);
      try {
        const results = await store.appendMany(storeWrites);
        meta.ids.keep();
        const recorded: RecordedDomainEvent[] = [];
        let written = 0;
        for (let index = 0; index < writes.length; index += 1) {
          const write = writes[index];
          const events = results[index]?.events as ReadonlyArray<RecordedDomainEvent> | undefined;
          if (write === undefined || events === undefined || write.events.length === 0) continue;
          cacheOf(write.streamId).advance(write.streamId, write.base, events);
          for (const event of events) recorded.push(event);
          written += 1;
        }
        // One write's events are in order already; several writes' are ordered here by position.
        if (written > 1) recorded.sort((a, b) => a.globalPosition - b.globalPosition);
        const projecting = project(recorded);
        if (projecting !== undefined) await projecting;
        return right(recorded);
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        if (attempt >= maxRetries)
          return left(
            reject(
              'CONCURRENCY_CONFLICT',
              `Rejected ${command.type}: stream "${error.streamId}" kept changing while the command was decided (${attempt + 1} attempts); try again`,
              { details: { streamId: error.streamId, attempts: attempt + 1 } },
            ),
          );
      }
    }
  };

  /** How deep sync flows may cascade (a flow's events leading to more flows) after one command. */
  const MAX_SYNC_DEPTH = 8;

  const runWithPolicy = async (
    command: Command,
    meta: { readonly correlationId: string; readonly causationId: string | null; readonly ids: EventIds },
    depth = 0,
  ): Promise<Either<Rejection, ReadonlyArray<RecordedDomainEvent>>> => {
    const result = await runOne(command, meta);
    if (result._tag === 'Left') return result;
    const all: RecordedDomainEvent[] = [...result.right];
    for (const event of result.right) {
      const subject = autoShareSubject(event);
      if (subject === undefined) continue;
      const streamId = contactStream(subject.orgId, subject.contactId);
      const contact = contacts.cached(streamId) ?? (await contacts.load(store, streamId));
      for (const follow of autoShare(event, contact.state)) {
        const followed = await runWithPolicy(
          follow,
          { correlationId: meta.correlationId, causationId: event.id, ids: meta.ids },
          depth,
        );
        if (followed._tag === 'Right') all.push(...followed.right);
      }
    }
    if (depth >= MAX_SYNC_DEPTH) return right(all);
    // The automatic sync flows (R-SYNC-1, R-SYNC-2) of the pairs the events concern, each pair's
    // state read when its turn comes, after the flows before it.
    if (!idle) await settled();
    for (const { subject, eventId } of syncCauses(result.right)) {
      const state = flowingState(models.projections, models.syncPoints, subject);
      if (state === null) continue;
      for (const follow of syncCommands(subject.orgId, state)) {
        const followed = await runWithPolicy(
          follow,
          { correlationId: meta.correlationId, causationId: eventId, ids: meta.ids },
          depth + 1,
        );
        if (followed._tag === 'Right') all.push(...followed.right);
      }
    }
    return right(all);
  };

  /** Each pair the events concern once, with the last event that concerns it as the cause. */
  const syncCauses = (
    events: ReadonlyArray<RecordedDomainEvent>,
  ): Iterable<{ readonly subject: SyncSubject; readonly eventId: string }> => {
    const causes = new Map<string, { readonly subject: SyncSubject; eventId: string }>();
    for (const event of events) {
      const subjects = syncSubjects(event, models.projections);
      // One event concerning one pair, most commands' case, needs no key to tell pairs apart.
      const [first] = subjects;
      if (events.length === 1 && subjects.length === 1 && first !== undefined)
        return [{ subject: first, eventId: event.id }];
      for (const subject of subjects) {
        const key = `${subject.orgId}/${subject.userId}/${subject.contactId}`;
        const cause = causes.get(key);
        if (cause === undefined) causes.set(key, { subject, eventId: event.id });
        else cause.eventId = event.id;
      }
    }
    return causes.values();
  };

  const member = async <A>(
    orgId: string,
    userId: string,
    what: string,
    read: () => A,
  ): Promise<Either<Rejection, A>> => {
    await catchUp();
    const org = models.projections.organization(orgId);
    if (org === undefined)
      return left(
        reject('ORGANIZATION_NOT_FOUND', `Rejected reading ${what}: organization ${orgId} does not exist`),
      );
    if (roleOf(org, userId) === undefined) return left(notMember(orgId, userId, what));
    return right(read());
  };

  const viewOf = (
    orgId: string,
    owner: { owner: 'team' } | { owner: 'user'; userId: string },
    contactId: string,
  ) => {
    const org = models.projections.organization(orgId) ?? initialOrganizationState;
    const copy = models.projections.copy(orgId, owner, contactId);
    return copy === undefined ? null : contactView(org, copy, models.projections.links(orgId, contactId));
  };

  return {
    execute: async (input, meta = {}) => {
      const command = decodeCommand(input);
      if (command._tag === 'Left') return command;
      return runWithPolicy(command.right, {
        correlationId: meta.correlationId ?? newId(),
        causationId: meta.causationId ?? null,
        ids: meta.commandId === undefined ? freshIds : commandEventIds(meta.commandId),
      });
    },
    myPeople: (orgId, userId) =>
      member(orgId, userId, `the My People of "${userId}"`, () => {
        const org = models.projections.organization(orgId) ?? initialOrganizationState;
        const views = [...models.projections.copies(orgId, { owner: 'user', userId }).values()]
          .map((copy) => contactView(org, copy, models.projections.links(orgId, copy.contactId)))
          .sort(byName);
        return { orgId, userId, contacts: views };
      }),
    teamView: (orgId, reader) =>
      member(orgId, reader, `the team view of ${orgId}`, () => {
        const org = models.projections.organization(orgId) ?? initialOrganizationState;
        const views = [...models.projections.copies(orgId, { owner: 'team' }).values()]
          .map((copy) => contactView(org, copy, models.projections.links(orgId, copy.contactId)))
          .sort(byName);
        const deals = [...models.projections.engagements(orgId).values()].sort((a, b) =>
          a.engagementId < b.engagementId ? -1 : a.engagementId > b.engagementId ? 1 : 0,
        );
        return { orgId, contacts: views, engagements: deals };
      }),
    contact: (orgId, contactId, reader) =>
      member(orgId, reader, `contact ${contactId}`, () => ({
        mine: viewOf(orgId, { owner: 'user', userId: reader }, contactId),
        team: viewOf(orgId, { owner: 'team' }, contactId),
      })),
    projections: async () => {
      await catchUp();
      return models.projections;
    },
    saveSnapshot: async () => {
      if (snapshots === undefined)
        return left(
          reject(
            'NO_SNAPSHOT_STORE',
            'Rejected saving a snapshot: the facade was created without a snapshot store (option `snapshots`)',
          ),
        );
      await catchUp();
      const snapshot = models.snapshot();
      await saveReadModels(snapshots, snapshot);
      return right(snapshot.checkpoint);
    },
    audiences: (orgId, userId) =>
      member(orgId, userId, `the audiences of "${userId}"`, () =>
        audienceList(models.membership, orgId, userId),
      ),
    members: async (orgId, userId, audienceId, view = 'mine') => {
      const read = await member(orgId, userId, `audience ${audienceId}`, () =>
        audienceMembers(models.membership, orgId, userId, audienceId, view),
      );
      return read._tag === 'Left' ? read : read.right;
    },
    whyMember: async (orgId, userId, audienceId, contactId, view = 'mine') => {
      const read = await member(orgId, userId, `audience ${audienceId}`, () =>
        whyMember(models.projections, models.membership, orgId, userId, audienceId, contactId, view),
      );
      return read._tag === 'Left' ? read : read.right;
    },
    prompts: (orgId, userId) =>
      member(orgId, userId, `the prompts of "${userId}"`, () =>
        promptsOf(models.projections, models.syncPoints, orgId, userId),
      ),
    syncState: (orgId, userId, contactId) =>
      member(orgId, userId, `contact ${contactId}`, () =>
        syncStateOf(models.projections, models.syncPoints, orgId, userId, contactId),
      ),
    whySync: async (orgId, userId, contactId, field) => {
      const read = await member(orgId, userId, `contact ${contactId}`, () => {
        const state = syncStateOf(models.projections, models.syncPoints, orgId, userId, contactId);
        return state === null
          ? left(
              reject(
                'SYNC_NOT_APPLICABLE',
                `Rejected reading why for contact ${contactId}: it is not both in the My People of "${userId}" and in the team view`,
                { rule: 'R-SYNC-5' },
              ),
            )
          : right(explainSync(state, field));
      });
      return read._tag === 'Left' ? read : read.right;
    },
  };
};
