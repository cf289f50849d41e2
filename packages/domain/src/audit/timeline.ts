/**
 * A contact's timeline: every change to any copy of the contact, field by field, with who made it,
 * when, from what value to what value, and what caused it: a command typed by a person or a sync
 * flow carried out by a policy (R-AUDIT-2, R-AUDIT-4). Built only from recorded events.
 */
import * as t from 'io-ts';
import { IsoInstant, NonNegativeInteger, type EventStore, type Rejection } from '@rapport/core';
import { Id } from '../ids.js';
import { absurd } from '../internal/absurd.js';
import { tagKey } from '../tags.js';
import { FieldValue, formatFieldValue } from '../fields/index.js';
import { ContactInfoItem, CopyRef, emptyCopy, type CopyContent } from '../contact/model.js';
import type { ContactEvent } from '../contact/events.js';
import type { EngagementEvent } from '../engagement/events.js';
import { decodeRecordedEvent, type RecordedDomainEvent } from '../events.js';
import { entryOf } from '../internal/idRecords.js';
import { isContactEvent, isEngagementEvent } from '../internal/eventFamilies.js';
import { foldHistory, type ReadHistoryOptions } from './history.js';

/**
 * A value before or after a change: none (`null`), a name, stage, segment, step or user id, a flag,
 * a custom field value or an item of contact information.
 *
 * @example
 * import { TimelineValue } from '@rapport/domain';
 * TimelineValue.is('potential'); // true
 * TimelineValue.is({ type: 'decimal', value: '12.5' }); // true
 */
export const TimelineValue = t.union(
  [t.null, t.string, t.boolean, FieldValue, ContactInfoItem],
  'TimelineValue',
);
export type TimelineValue = t.TypeOf<typeof TimelineValue>;

/**
 * What caused a change: `command`, a command a person issued (no causation), or `policy`, a command
 * a policy (auto-sharing, a sync flow) issued in reaction to another event, whose id the causation
 * names (R-SYNC-5).
 *
 * @example
 * import { ChangeCause } from './timeline.js';
 * ChangeCause.is('policy'); // true
 */
export const ChangeCause = t.keyof({ command: null, policy: null }, 'ChangeCause');
export type ChangeCause = t.TypeOf<typeof ChangeCause>;

/**
 * The event a policy reacted to, when it is in the history read: its id, type, actor and position.
 *
 * @example
 * import { CausingEvent } from './timeline.js';
 * CausingEvent.is({ eventId: 'e1', eventType: 'SegmentSet', actor: 'ann', position: 4 }); // true
 */
export const CausingEvent = t.type(
  { eventId: t.string, eventType: t.string, actor: t.string, position: NonNegativeInteger },
  'CausingEvent',
);
export type CausingEvent = t.TypeOf<typeof CausingEvent>;

/**
 * One change of one field of one copy. `copy` is null for what belongs to the contact as a whole
 * (`assignees`, `engagements`, `holders`). `field` uses the keys of the projections: `name`,
 * `stage`, `segment`, `step`, `archived`, `info:<itemId>`, `field:<fieldId>`, `tag:<lower-case
 * tag>`, `assignees`, `engagements`; and `shared` for the team copy leaving the team view and
 * coming back (R-SHARE-7, R-SHARE-8), `holders` for a user coming to hold it or ceasing to
 * (R-SHARE-7). `fieldName` is a custom field's name when the change was made (its definition may
 * have changed since, R-SET-1), null for the other fields.
 *
 * @example
 * import { TimelineChange } from '@rapport/domain';
 * TimelineChange.is({
 *   position: 7, recordedAt: '2026-11-23T09:30:00.000Z', actor: 'ann', eventId: '01JD00000000000000000000AA',
 *   eventType: 'StageSet', streamId: 'contact-acme/c1', orgId: 'acme', contactId: 'c1', copy: { owner: 'team' },
 *   field: 'stage', fieldName: null, from: 'lead', to: 'potential', correlationId: 'k1', causationId: null, cause: 'command', causedBy: null,
 * }); // true
 */
export const TimelineChange = t.type(
  {
    position: NonNegativeInteger,
    recordedAt: IsoInstant,
    actor: t.string,
    eventId: t.string,
    eventType: t.string,
    streamId: t.string,
    orgId: Id,
    contactId: Id,
    copy: t.union([CopyRef, t.null]),
    field: t.string,
    fieldName: t.union([t.string, t.null]),
    from: TimelineValue,
    to: TimelineValue,
    correlationId: t.string,
    causationId: t.union([t.string, t.null]),
    cause: ChangeCause,
    causedBy: t.union([CausingEvent, t.null]),
  },
  'TimelineChange',
);
export type TimelineChange = t.TypeOf<typeof TimelineChange>;

/** A change before its envelope is known: the copy, the field and the two values. */
interface FieldChange {
  readonly copy: CopyRef | null;
  readonly field: string;
  readonly from: TimelineValue;
  readonly to: TimelineValue;
}

const EMPTY_CONTENT: CopyContent = emptyCopy('');

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The field changes sharing made to the team copy: every key whose value differs (R-SHARE-4). */
const sharedChanges = (previous: CopyContent | null, team: CopyContent): FieldChange[] => {
  const before = previous ?? EMPTY_CONTENT;
  const copy: CopyRef = { owner: 'team' };
  const changes: FieldChange[] = [];
  const scalar = (field: 'name' | 'stage' | 'segment' | 'step'): void => {
    const from = previous === null && field === 'name' ? null : before[field];
    if (from !== team[field]) changes.push({ copy, field, from, to: team[field] });
  };
  scalar('name');
  scalar('stage');
  scalar('segment');
  scalar('step');
  const keyed = <V extends TimelineValue>(
    prefix: string,
    from: Readonly<Record<string, V>>,
    to: Readonly<Record<string, V>>,
  ): void => {
    for (const key of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
      const a = entryOf(from, key) ?? null;
      const b = entryOf(to, key) ?? null;
      if (!same(a, b)) changes.push({ copy, field: `${prefix}${key}`, from: a, to: b });
    }
  };
  keyed('info:', before.info, team.info);
  keyed('field:', before.fields, team.fields);
  const tags = (list: ReadonlyArray<string>) => Object.fromEntries(list.map((tag) => [tagKey(tag), tag]));
  keyed('tag:', tags(before.tags), tags(team.tags));
  return changes;
};

/** The field changes one contact event made. */
const contactChanges = (event: ContactEvent): FieldChange[] => {
  switch (event.type) {
    case 'ContactAdded':
      return [{ copy: event.data.copy, field: 'name', from: null, to: event.data.name }];
    case 'ContactRenamed':
      return [{ copy: event.data.copy, field: 'name', from: event.data.previous, to: event.data.name }];
    case 'ContactInfoSet':
      return [
        {
          copy: event.data.copy,
          field: `info:${event.data.item.itemId}`,
          from: event.data.previous,
          to: event.data.item,
        },
      ];
    case 'ContactInfoRemoved':
    case 'ContactInfoWithdrawn':
      return [
        { copy: event.data.copy, field: `info:${event.data.itemId}`, from: event.data.previous, to: null },
      ];
    case 'StageSet':
      return [{ copy: event.data.copy, field: 'stage', from: event.data.previous, to: event.data.stage }];
    case 'StageCleared':
      return [{ copy: event.data.copy, field: 'stage', from: event.data.previous, to: null }];
    case 'SegmentSet':
      return [{ copy: event.data.copy, field: 'segment', from: event.data.previous, to: event.data.segment }];
    case 'SegmentCleared':
      return [{ copy: event.data.copy, field: 'segment', from: event.data.previous, to: null }];
    case 'NextStepSet':
      return [{ copy: event.data.copy, field: 'step', from: event.data.previous, to: event.data.stepId }];
    case 'NextStepCompleted':
      return [{ copy: event.data.copy, field: 'step', from: event.data.stepId, to: event.data.next }];
    case 'NextStepCleared':
      return [{ copy: event.data.copy, field: 'step', from: event.data.previous, to: null }];
    case 'FieldValueSet':
      return [
        {
          copy: event.data.copy,
          field: `field:${event.data.fieldId}`,
          from: event.data.previous,
          to: event.data.value,
        },
      ];
    case 'FieldValueCleared':
      return [
        { copy: event.data.copy, field: `field:${event.data.fieldId}`, from: event.data.previous, to: null },
      ];
    case 'TagApplied':
      return [
        { copy: event.data.copy, field: `tag:${tagKey(event.data.tag)}`, from: null, to: event.data.tag },
      ];
    case 'TagRemoved':
      return [
        { copy: event.data.copy, field: `tag:${tagKey(event.data.tag)}`, from: event.data.tag, to: null },
      ];
    case 'ContactShared':
      // A share with a previous content brought a withdrawn team copy back (R-SHARE-8); the
      // sharer holds the team copy by the share (R-SHARE-7).
      return [
        ...(event.data.previous === null
          ? sharedChanges(null, event.data.team)
          : [
              { copy: { owner: 'team' }, field: 'shared', from: false, to: true } as const,
              ...sharedChanges(event.data.previous, event.data.team),
            ]),
        { copy: null, field: 'holders', from: null, to: event.data.sharedBy },
      ];
    case 'ContactUnshared':
      return [{ copy: { owner: 'team' }, field: 'shared', from: true, to: false }];
    case 'TeamCopyExchanged':
      return [{ copy: null, field: 'holders', from: null, to: event.data.userId }];
    case 'TeamCopyReleased':
      return [{ copy: null, field: 'holders', from: event.data.userId, to: null }];
    case 'UserAssigned':
      return [{ copy: null, field: 'assignees', from: null, to: event.data.userId }];
    case 'UserUnassigned':
      return [{ copy: null, field: 'assignees', from: event.data.userId, to: null }];
    case 'ContactArchived':
      return [{ copy: event.data.copy, field: 'archived', from: false, to: true }];
    case 'ContactRestored':
      return [{ copy: event.data.copy, field: 'archived', from: true, to: false }];
    default:
      return absurd(event);
  }
};

/** The field changes a project or deal event made to one of its member contacts. */
const engagementChanges = (event: EngagementEvent, contactId: string): FieldChange[] => {
  if (event.type === 'MemberContactAdded' && event.data.contactId === contactId)
    return [{ copy: null, field: 'engagements', from: null, to: event.data.engagementId }];
  if (event.type === 'MemberContactRemoved' && event.data.contactId === contactId)
    return [{ copy: null, field: 'engagements', from: event.data.engagementId, to: null }];
  return [];
};

/** Which contact a timeline is about. */
export interface TimelineSubject {
  readonly orgId: string;
  readonly contactId: string;
}

/**
 * The names of an organization's custom fields as a history defines and redefines them, event by
 * event: what a change of a field's value is shown under at its time (R-SET-1).
 */
class FieldNames {
  readonly #names = new Map<string, string>();
  readonly #orgId: string;

  constructor(orgId: string) {
    this.#orgId = orgId;
  }

  /** Follows an event; an event of another organization, or not about a field, changes nothing. */
  follow(event: RecordedDomainEvent): void {
    if (event.data.orgId !== this.#orgId) return;
    if (event.type === 'FieldDefined' || event.type === 'FieldRedefined')
      this.#names.set(event.data.definition.fieldId, event.data.definition.name);
  }

  /** The name of the custom field a timeline field key (`field:<id>`) names; null for other keys. */
  of(field: string): string | null {
    return field.startsWith('field:') ? (this.#names.get(field.slice('field:'.length)) ?? null) : null;
  }
}

/** The timeline entries one event makes for a subject, naming no causing event yet. */
const entriesOf = (
  event: RecordedDomainEvent,
  subject: TimelineSubject,
  names: FieldNames,
): TimelineChange[] => {
  names.follow(event);
  if (event.data.orgId !== subject.orgId) return [];
  const changes = isContactEvent(event)
    ? event.data.contactId === subject.contactId
      ? contactChanges(event)
      : []
    : isEngagementEvent(event)
      ? engagementChanges(event, subject.contactId)
      : [];
  return changes.map((change) => ({
    position: event.globalPosition,
    recordedAt: event.recordedAt,
    actor: event.actor,
    eventId: event.id,
    eventType: event.type,
    streamId: event.streamId,
    orgId: subject.orgId,
    contactId: subject.contactId,
    ...change,
    fieldName: names.of(change.field),
    correlationId: event.correlationId,
    causationId: event.causationId,
    cause: event.causationId === null ? 'command' : 'policy',
    causedBy: null,
  }));
};

const causingEvent = (event: RecordedDomainEvent): CausingEvent => ({
  eventId: event.id,
  eventType: event.type,
  actor: event.actor,
  position: event.globalPosition,
});

/**
 * The timeline of a contact from recorded events in global order: one entry per changed field,
 * oldest first. Events about other contacts are skipped, so any slice of the history will do; a
 * policy's change names the event it reacted to when that event is among those given.
 *
 * @example
 * import { contactTimeline } from '@rapport/domain';
 * const envelope = { schemaVersion: 1, actor: 'ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'k1',
 *   causationId: null, streamId: 'contact-acme/c1', previousHash: null, hash: 'h' };
 * const [change] = contactTimeline([{ ...envelope, id: 'e2', streamVersion: 2, globalPosition: 2,
 *   type: 'StageSet', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'user', userId: 'ann' }, stage: 'potential', previous: 'lead' } }],
 *   { orgId: 'acme', contactId: 'c1' });
 * [change?.field, change?.from, change?.to, change?.actor]; // ['stage', 'lead', 'potential', 'ann']
 */
export const contactTimeline = (
  events: Iterable<RecordedDomainEvent>,
  subject: TimelineSubject,
): ReadonlyArray<TimelineChange> => {
  const entries: TimelineChange[] = [];
  const seen = new Map<string, CausingEvent>();
  const names = new FieldNames(subject.orgId);
  for (const event of events) {
    seen.set(event.id, causingEvent(event));
    for (const entry of entriesOf(event, subject, names))
      entries.push(
        entry.causationId === null ? entry : { ...entry, causedBy: seen.get(entry.causationId) ?? null },
      );
  }
  return entries;
};

/** A contact's timeline read from a store, with what could not be read. */
export interface ReadTimeline {
  readonly changes: ReadonlyArray<TimelineChange>;
  readonly unreadable: ReadonlyArray<Rejection>;
  /** The global position the history read reaches: the last event included, 0 for none. */
  readonly position: number;
}

/**
 * The timeline of a contact read from a store, up to a point when one is given, in memory bounded
 * by the contact's changes, however long the history: a first pass keeps the contact's changes, a
 * second reads, up to the last of them, only the events their policies reacted to. It gives what
 * `contactTimeline` gives over the same history.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, readContactTimeline } from '@rapport/domain';
 * const store = createInMemoryEventStore();
 * const ann = createRapport({ store }).as('ann');
 * await ann.execute({ type: 'CreateOrganization', orgId: 'acme', name: 'Acme' });
 * await ann.execute({ type: 'AddContact', orgId: 'acme', contactId: 'ada', kind: 'person', name: 'Ada' });
 * const { changes } = await readContactTimeline(store, { orgId: 'acme', contactId: 'ada' });
 * changes.map((change) => `${change.field} ${String(change.to)}`); // ['name Ada']
 */
export const readContactTimeline = async (
  store: Pick<EventStore, 'readAll'>,
  subject: TimelineSubject,
  options: Pick<ReadHistoryOptions, 'until' | 'onProgress'> = {},
): Promise<ReadTimeline> => {
  const changes: TimelineChange[] = [];
  const names = new FieldNames(subject.orgId);
  const { unreadable, position } = await foldHistory(store, options, (events) => {
    for (const event of events) changes.push(...entriesOf(event, subject, names));
  });
  const wanted = new Set(
    changes.flatMap((change) => (change.causationId === null ? [] : [change.causationId])),
  );
  const last = changes.at(-1)?.position;
  if (wanted.size === 0 || last === undefined) return { changes, unreadable, position };
  const causes = new Map<string, CausingEvent>();
  for await (const batch of store.readAll({ to: last }))
    for (const stored of batch) {
      if (!wanted.has(stored.id)) continue;
      const decoded = decodeRecordedEvent(stored);
      if (decoded._tag === 'Right') causes.set(stored.id, causingEvent(decoded.right));
    }
  return {
    changes: changes.map((change) => {
      const cause = change.causationId === null ? undefined : causes.get(change.causationId);
      // As in `contactTimeline`, a policy names only an event read before its own.
      return cause === undefined || cause.position > change.position
        ? change
        : { ...change, causedBy: cause };
    }),
    unreadable,
    position,
  };
};

/**
 * A timeline value as a person reads it: `—` for none, a field value formatted for display, an
 * item of contact information with its kind and personal label.
 *
 * @example
 * import { formatTimelineValue } from '@rapport/domain';
 * formatTimelineValue(null); // '—'
 * formatTimelineValue({ type: 'currency', value: { amount: '250000', currency: 'USD' } }); // 'USD 250,000.00'
 * formatTimelineValue({ itemId: 'p1', kind: 'phone', value: '+1 555 0100', personal: true }); // 'phone +1 555 0100 (personal)'
 */
export const formatTimelineValue = (value: TimelineValue): string => {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if ('itemId' in value) return `${value.kind} ${value.value}${value.personal ? ' (personal)' : ''}`;
  return formatFieldValue(value);
};

/**
 * Whose copy a change is about, as a person reads it: `team`, `my people of ann`, or `contact`.
 *
 * @example
 * import { formatCopy } from '@rapport/domain';
 * formatCopy({ owner: 'user', userId: 'ann' }); // 'ann'
 * formatCopy({ owner: 'team' }); // 'team'
 * formatCopy(null); // 'contact'
 */
export const formatCopy = (copy: CopyRef | null): string =>
  copy === null ? 'contact' : copy.owner === 'team' ? 'team' : copy.userId;
