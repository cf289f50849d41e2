/**
 * What the facade offers an application: how it is built, and the commands and reads it serves.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type { EventStore, RecordedEvent, Rejection, SnapshotStore } from '@rapport/core';
import type { Command } from '../commands.js';
import type { AudienceList } from '../audiences/read.js';
import type { MembershipExplanation } from '../audiences/why.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import type { ContactView, MyPeopleView, TeamView } from '../projections/views.js';
import type { SyncPrompt, SyncState } from '../sync/syncState.js';
import type { SyncExplanation } from '../sync/why.js';
import type { AuditCapability } from './auditCapability.js';

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
   * The command's own id: its events get the ids `commandEventId(commandId, 0)`, `…1`… instead of
   * new ones, so that whether it was done can be told from the store (the event `<commandId>~0`
   * is there), and running it again stores nothing twice (`DUPLICATE_EVENT_ID`). The follow-ups
   * it sets off take ids derived from their trigger events (`followUpEventId`). Give each command
   * its own.
   */
  readonly commandId?: string;
}

/** One contact as a member sees it: their own copy and the team copy, each if present. */
export interface ContactCopies {
  readonly mine: ContactView | null;
  readonly team: ContactView | null;
}

/**
 * The whole-history reads (R-AUTH-6), reached with `rapport.audit(capability)`: any user's My
 * People, audiences and prompts, any organization's team view, and the projections. The user read
 * for is named after the organization and must be a member of it. Without a capability made by
 * `grantAudit`, every read gives a `FORBIDDEN` rejection.
 */
export interface AuditReads {
  /** A member's My People in an organization. */
  myPeople(orgId: string, userId: string): Promise<Either<Rejection, MyPeopleView>>;
  /** The team view of an organization. */
  teamView(orgId: string): Promise<Either<Rejection, TeamView>>;
  /** One contact: a member's copy and the team copy. */
  contact(orgId: string, userId: string, contactId: string): Promise<Either<Rejection, ContactCopies>>;
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
  /** The projections of every organization, caught up with the store. */
  projections(): Promise<Either<Rejection, RelationshipProjections>>;
}

/**
 * A command as a session takes it: any `Command` without its `actor`, which is the session's
 * principal. A misspelled `type` or field does not compile.
 *
 * @example
 * import type { SessionCommand } from '@rapport/domain';
 * const command: SessionCommand = { type: 'SetStage', orgId: 'acme', contactId: 'c1', stage: 'lead' };
 * command.type; // 'SetStage'
 */
export type SessionCommand = {
  // Each command without `actor`, one by one, so that each keeps its own fields.
  [K in Command['type']]: Omit<Extract<Command, { type: K }>, 'actor'>;
}[Command['type']];

/** The result of a command: every event appended (its own and its follow-ups), or the rejection. */
export type ExecuteResult = Either<Rejection, ReadonlyArray<RecordedEvent>>;

/**
 * What one user does and reads: `rapport.as(userId)`. Every argument list starts with the
 * organization; no read takes a user id, since the reader is the principal.
 */
export interface Session {
  /** The principal: the user id every command is done by and every read is for. */
  readonly principal: string;
  /**
   * Runs a command as the principal, then the follow-ups the reactions draw from its events. A
   * body `actor` equal to the principal, or none, is accepted (the old format, mapped); any other
   * `actor` is rejected with `ACTOR_MISMATCH` (R-AUTH-4) and appends nothing. Input of unknown
   * shape goes through `decodeCommand` first.
   */
  execute(command: SessionCommand, meta?: ExecuteMeta): Promise<ExecuteResult>;
  /** The principal's My People in an organization (R-AUTH-5). */
  myPeople(orgId: string): Promise<Either<Rejection, MyPeopleView>>;
  /** The team view of an organization the principal is a member of (R-AUTH-3). */
  teamView(orgId: string): Promise<Either<Rejection, TeamView>>;
  /** One contact: the principal's own copy and the team copy, never another user's (R-AUTH-5). */
  contact(orgId: string, contactId: string): Promise<Either<Rejection, ContactCopies>>;
  /** The principal's audiences: the defaults, their own and the organization's (R-AUD-2). */
  audiences(orgId: string): Promise<Either<Rejection, AudienceList>>;
  /** The contacts in one of the principal's audiences, in their My People (`mine`, default) or the team view. */
  members(
    orgId: string,
    audienceId: string,
    view?: 'mine' | 'team',
  ): Promise<Either<Rejection, ReadonlyArray<string>>>;
  /** Why a contact is, or is not, in one of the principal's audiences. */
  whyMember(
    orgId: string,
    audienceId: string,
    contactId: string,
    view?: 'mine' | 'team',
  ): Promise<Either<Rejection, MembershipExplanation>>;
  /** Every sync prompt the principal sees (R-SYNC-5). */
  prompts(orgId: string): Promise<Either<Rejection, ReadonlyArray<SyncPrompt>>>;
  /** The sync state of the principal and a contact; null unless the contact is in both views. */
  syncState(orgId: string, contactId: string): Promise<Either<Rejection, SyncState | null>>;
  /** Why a field of a contact has a prompt, a flow, or neither, for the principal. */
  whySync(orgId: string, contactId: string, field: string): Promise<Either<Rejection, SyncExplanation>>;
}

/**
 * The reads of the facade, each for a user named after the organization; the team view for a
 * member, or for the auditor (`null`: no membership needed).
 */
export type UserReads = Omit<AuditReads, 'teamView' | 'projections'> & {
  teamView: (orgId: string, reader: string | null) => ReturnType<AuditReads['teamView']>;
};

/** How far the reactions went: `rapport.react()`. */
export interface ReactionsProgress {
  /** The position of the last event whose follow-ups are done. */
  readonly checkpoint: number;
  /**
   * Some event's follow-ups met a concurrent write or a busy store: they are tried again by
   * themselves (with backoff), and by the next command or `react()`, and the checkpoint waits at
   * that event until they are done.
   */
  readonly pending: boolean;
}

/** The facade. */
export interface Rapport {
  /**
   * A session for one user, the caller's principal (R-AUTH-4, R-AUTH-5): the actor of every
   * command it runs and the reader of every read. The principal is a user id.
   *
   * @example
   * import { createInMemoryEventStore } from '@rapport/core';
   * import { createRapport } from '@rapport/domain';
   * const rapport = createRapport({ store: createInMemoryEventStore() });
   * const ann = rapport.as('ann');
   * await ann.execute({ type: 'CreateOrganization', orgId: 'acme', name: 'Acme' });
   * await ann.execute({ type: 'AddContact', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada Lovelace' });
   * const people = await ann.myPeople('acme');
   * people._tag === 'Right' && people.right.contacts.map((contact) => contact.name); // ['Ada Lovelace']
   */
  as(principal: string): Session;
  /**
   * The whole-history reads (R-AUTH-6), given a capability made by `grantAudit`; with anything
   * else (`undefined`, an object of the same shape) each read gives `FORBIDDEN`.
   *
   * @example
   * import { createInMemoryEventStore } from '@rapport/core';
   * import { createRapport, grantAudit } from '@rapport/domain';
   * const rapport = createRapport({ store: createInMemoryEventStore() });
   * await rapport.as('ann').execute({ type: 'CreateOrganization', orgId: 'acme', name: 'Acme' });
   * (await rapport.audit(grantAudit('support')).myPeople('acme', 'ann'))._tag; // 'Right'
   * const refused = await rapport.audit(undefined).myPeople('acme', 'ann');
   * refused._tag === 'Left' && refused.left.code; // 'FORBIDDEN'
   */
  audit(capability: AuditCapability | undefined): AuditReads;
  /**
   * The application's own path, trusted: decodes a command whose body names its `actor` and runs
   * it, then the commands the reactions draw from its events. For commands the application has
   * already authorized for that actor (a batch it imports, the CLI's `exec`, tests); a user's
   * request goes through `as(userId).execute`, which takes the actor from the caller (R-AUTH-4).
   * Gives every event appended, or the rejection; a rejected command appends nothing.
   *
   * The command is typed: a misspelled `type` or field does not compile. Input of unknown shape
   * (a line of a file, a request body) goes through `decodeCommand` first, whose `Right` is such
   * a command. The command is decoded again at run time all the same, for callers without types.
   *
   * @example
   * import { createInMemoryEventStore } from '@rapport/core';
   * import { createRapport, decodeCommand } from '@rapport/domain';
   * const rapport = createRapport({ store: createInMemoryEventStore() });
   * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
   * const line: unknown = JSON.parse('{"type":"AddMember","actor":"ann","orgId":"acme","userId":"bob","role":"member"}');
   * const command = decodeCommand(line);
   * if (command._tag === 'Right') await rapport.execute(command.right);
   */
  execute(command: Command, meta?: ExecuteMeta): Promise<ExecuteResult>;
  /**
   * Carries out what appended events call for and no reaction has done yet (auto-share, sync
   * flows: R-SHARE-1, R-SYNC-11), from the reactions' checkpoint: after a crash, a restart or a
   * lost race. The facade does this by itself on its first use and after every command; call it
   * to resume at start-up without waiting for the first command. Gives how far the reactions
   * went, `pending` when some follow-up met a concurrent write or a busy store and is tried again
   * later by itself; a rejection when the store cannot be read (`EVENT_UNREADABLE`,
   * `STORE_UNAVAILABLE`). What is left is tried again by the next command or call.
   *
   * @example
   * import { createInMemoryEventStore } from '@rapport/core';
   * import { createRapport } from '@rapport/domain';
   * import { right } from 'fp-ts/lib/Either.js';
   * const rapport = createRapport({ store: createInMemoryEventStore() });
   * await rapport.as('ann').execute({ type: 'CreateOrganization', orgId: 'acme', name: 'Acme' });
   * await rapport.react(); // right({ checkpoint: 2, pending: false })
   */
  react(): Promise<Either<Rejection, ReactionsProgress>>;
  /** Saves the reactions' checkpoint (given a snapshot store); call it before the process ends. */
  close(): Promise<void>;
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
   * await rapport.as('ann').execute({ type: 'CreateOrganization', orgId: 'acme', name: 'Acme' });
   * await rapport.saveSnapshot(); // right(2): saved at the second event
   * const restarted = createRapport({ store, snapshots: store }); // starts from position 2
   */
  saveSnapshot(): Promise<Either<Rejection, number>>;
}
