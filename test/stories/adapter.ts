/**
 * The one place where the reference model (`model.ts`) and the implementation (`@rapport/domain`)
 * meet: how a model action is said as a command, and how each side's observations (My People, the
 * team view, the projects and deals, the prompts) are written as one flat shape, a map from a key
 * to a text, so that two observations compare key by key. Only representation is normalized here,
 * never meaning: lists are sorted, tags are compared trimmed and case-insensitively as sets (R-TAG-2;
 * with `tagSpelling`, as shown), an item is its value and its personal label (every generated item
 * is an email), an absent segment or stage is written `-`.
 */
import type { Rapport, SessionCommand } from '@rapport/domain';
import type { Action, ModelState } from './model.js';
import { myPeople, privatePrompts, prompts, teamView } from './model.js';

/** The one organization of a story, created by u0. */
export const ORG = 'acme';

/** The command that says `action` in the implementation; undefined when it has none (yet). */
export function commandOf(a: Action): SessionCommand | undefined {
  const orgId = ORG;
  switch (a.kind) {
    case 'addMember':
      return { type: 'AddMember', orgId, userId: a.user, role: a.role };
    case 'removeMember':
      return { type: 'RemoveMember', orgId, userId: a.user };
    case 'addContact':
      return { type: 'AddContact', orgId, contactId: a.contactId, kind: 'person', name: a.name };
    case 'setSegment':
    case 'setStage':
    case 'rename':
    case 'setInfo':
    case 'removeInfo':
    case 'applyTag':
    case 'removeTag':
    case 'archive':
    case 'restore':
      return onCopy(a, undefined);
    case 'teamRename':
      return onCopy({ ...a, kind: 'rename' }, 'team');
    case 'teamSetStage':
      return onCopy({ ...a, kind: 'setStage' }, 'team');
    case 'teamArchive':
      return onCopy({ ...a, kind: 'archive' }, 'team');
    case 'teamRestore':
      return onCopy({ ...a, kind: 'restore' }, 'team');
    case 'share':
      return { type: 'ShareContact', orgId, contactId: a.contactId };
    case 'unshare':
      return { type: 'UnshareContact', orgId, contactId: a.contactId };
    case 'assign':
      return { type: 'AssignUser', orgId, contactId: a.contactId, userId: a.assignee };
    case 'unassign':
      return { type: 'UnassignUser', orgId, contactId: a.contactId, userId: a.assignee };
    case 'createEngagement':
      return {
        type: 'CreateEngagement',
        orgId,
        engagementId: a.engagementId,
        kind: a.engagementKind,
        name: a.engagementId,
      };
    case 'addTeamMember':
      return { type: 'AddTeamMember', orgId, engagementId: a.engagementId, userId: a.user };
    case 'removeTeamMember':
      return { type: 'RemoveTeamMember', orgId, engagementId: a.engagementId, userId: a.user };
    case 'addMemberContact':
      return { type: 'AddMemberContact', orgId, engagementId: a.engagementId, contactId: a.contactId };
    case 'removeMemberContact':
      return { type: 'RemoveMemberContact', orgId, engagementId: a.engagementId, contactId: a.contactId };
    case 'setEngagementStage':
      return a.stage === null
        ? { type: 'ClearEngagementStage', orgId, engagementId: a.engagementId }
        : { type: 'SetEngagementStage', orgId, engagementId: a.engagementId, stage: a.stage };
    case 'accept':
      return { type: 'AcceptTeamChange', orgId, contactId: a.contactId, field: a.field };
    case 'send':
      return { type: 'SendChangeToTeam', orgId, contactId: a.contactId, field: a.field };
    case 'resolve':
      return { type: 'ResolveSyncConflict', orgId, contactId: a.contactId, field: a.field, keep: a.keep };
  }
}

type CopyKind = 'setSegment' | 'setStage' | 'rename' | 'setInfo' | 'removeInfo' | 'applyTag' | 'removeTag';
type OnCopy = Extract<Action, { kind: CopyKind | 'archive' | 'restore' }>;

/** A command on the actor's copy, or on the team copy (`target: 'team'`, D-TARGET-1). */
function onCopy(a: OnCopy, target: 'team' | undefined): SessionCommand {
  const base = { orgId: ORG, contactId: a.contactId, ...(target === undefined ? {} : { target }) };
  switch (a.kind) {
    case 'setSegment':
      return a.segment === null
        ? { type: 'ClearSegment', ...base }
        : { type: 'SetSegment', ...base, segmentId: a.segment };
    case 'setStage':
      return a.stage === null
        ? { type: 'ClearStage', ...base }
        : { type: 'SetStage', ...base, stage: a.stage };
    case 'rename':
      return { type: 'RenameContact', ...base, name: a.name };
    case 'setInfo':
      return {
        type: 'SetContactInfo',
        ...base,
        item: { itemId: a.itemId, kind: 'email', value: a.value, personal: a.personal },
      };
    case 'removeInfo':
      return { type: 'RemoveContactInfo', ...base, itemId: a.itemId };
    case 'applyTag':
      return { type: 'ApplyTag', ...base, tag: a.tag };
    case 'removeTag':
      return { type: 'RemoveTag', ...base, tag: a.tag };
    case 'archive':
      return { type: 'ArchiveContact', ...base };
    case 'restore':
      return { type: 'RestoreContact', ...base };
  }
}

// ---------------------------------------------------------------- observations

/** Which observations are compared. */
export interface Observe {
  readonly myPeople: boolean;
  readonly teamView: boolean;
  /** The team copies' assignees (with `teamView`). */
  readonly assignees: boolean;
  /** Whether a copy is archived (with `myPeople` and `teamView`). */
  readonly archived: boolean;
  /** Every member's prompts, as a set of (contact, field, kind). */
  readonly prompts: boolean;
  /** The projects and deals: kind, stage, team and member contacts. */
  readonly engagements: boolean;
  /** Tags with the spelling shown (R-TAG-2: the first spelling is kept), not only as a set. */
  readonly tagSpelling: boolean;
}

/**
 * An observation: key → text. Keys: `mine|<user>|<contact>|<part>`, `team|<contact>|<part>` with
 * parts `name`, `segment`, `stage`, `tags`, `archived`, `assignees` and `info|<itemId>`, and
 * `prompt|<user>|<contact>|<field>|<kind>`, and `engagement|<id>` with the kind, stage, team and
 * member contacts.
 */
export type Observation = Map<string, string>;

interface CopyShape {
  readonly name: string;
  readonly segment: string | null;
  readonly stage: string | null;
  readonly tags: ReadonlyArray<string>;
  readonly info: ReadonlyArray<readonly [string, string, boolean]>;
  readonly archived: boolean;
  readonly assignees?: ReadonlyArray<string>;
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const engagementText = (e: {
  kind: string | null;
  stage: string | null;
  team: Iterable<string>;
  contacts: Iterable<string>;
}): string =>
  `${e.kind ?? '-'} ${e.stage ?? '-'} team ${[...e.team].sort(byCode).join(',')} contacts ${[...e.contacts].sort(byCode).join(',')}`;
const tagSet = (tags: ReadonlyArray<string>): string =>
  [...new Set(tags.map((tag) => tag.trim().toLowerCase()))].sort(byCode).join(',');

function writeCopy(out: Observation, prefix: string, copy: CopyShape, observe: Observe): void {
  out.set(`${prefix}|name`, copy.name);
  out.set(`${prefix}|segment`, copy.segment ?? '-');
  out.set(`${prefix}|stage`, copy.stage ?? '-');
  out.set(`${prefix}|tags`, observe.tagSpelling ? [...copy.tags].sort(byCode).join(',') : tagSet(copy.tags));
  for (const [itemId, value, personal] of copy.info)
    out.set(`${prefix}|info|${itemId}`, personal ? `${value} (personal)` : value);
  if (observe.archived) out.set(`${prefix}|archived`, String(copy.archived));
  if (observe.assignees && copy.assignees !== undefined)
    out.set(`${prefix}|assignees`, [...copy.assignees].sort(byCode).join(','));
}

/** The model's observation, for the members of the organization. */
export function observeModel(state: ModelState, observe: Observe): Observation {
  const out: Observation = new Map();
  const users = [...state.members.keys()].sort(byCode);
  if (observe.myPeople)
    for (const user of users)
      for (const [cid, c] of myPeople(state, user)) {
        const info = [...c.info].map(([id, item]) => [id, item.value, item.personal] as const);
        writeCopy(out, `mine|${user}|${cid}`, { ...c, info }, observe);
      }
  if (observe.teamView)
    for (const [cid, c] of teamView(state)) {
      const info = [...c.info].map(([id, item]) => [id, item.value, item.personal] as const);
      writeCopy(out, `team|${cid}`, { ...c, info }, observe);
    }
  if (observe.engagements)
    for (const [id, e] of state.engagements) out.set(`engagement|${id}`, engagementText(e));
  if (observe.prompts)
    for (const user of users) {
      for (const p of prompts(state, user))
        out.set(`prompt|${user}|${p.contactId}|${p.field}|${p.kind}`, 'offered');
      // The model's R-TEAM-4 prompt (C15) is the implementation's `make_business` prompt.
      for (const cid of privatePrompts(state, user))
        out.set(`prompt|${user}|${cid}|segment|make_business`, 'offered');
    }
  return out;
}

const ok = <A>(
  what: string,
  e: { _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: A },
): A => {
  if (e._tag === 'Left') throw new Error(`reading ${what} failed: ${e.left.message}`);
  return e.right;
};

/** The implementation's observation, for the given members, each read through their own session. */
export async function observeImpl(
  rapport: Rapport,
  members: ReadonlyArray<string>,
  observe: Observe,
): Promise<Observation> {
  const out: Observation = new Map();
  const users = [...members].sort(byCode);
  const shape = (c: {
    name: string;
    segment: string | null;
    stage: string | null;
    tags: ReadonlyArray<string>;
    info: ReadonlyArray<{ itemId: string; value: string; personal: boolean }>;
    archived: boolean;
    assignees: ReadonlyArray<string>;
  }): CopyShape => ({ ...c, info: c.info.map((i) => [i.itemId, i.value, i.personal] as const) });
  if (observe.myPeople)
    for (const user of users) {
      const view = ok(`the My People of ${user}`, await rapport.as(user).myPeople(ORG));
      for (const c of view.contacts) {
        const { assignees: _assignees, ...mine } = shape(c);
        writeCopy(out, `mine|${user}|${c.contactId}`, mine, observe);
      }
    }
  if ((observe.teamView || observe.engagements) && users.length > 0) {
    const view = ok('the team view', await rapport.as(users[0]!).teamView(ORG));
    if (observe.teamView)
      for (const c of view.contacts) writeCopy(out, `team|${c.contactId}`, shape(c), observe);
    if (observe.engagements)
      for (const e of view.engagements) out.set(`engagement|${e.engagementId}`, engagementText(e));
  }
  if (observe.prompts)
    for (const user of users)
      for (const p of ok(`the prompts of ${user}`, await rapport.as(user).prompts(ORG)))
        out.set(`prompt|${user}|${p.contactId}|${p.field}|${p.kind}`, 'offered');
  return out;
}

/** One key whose text differs: `model` or `impl` undefined when only the other side has it. */
export interface Difference {
  readonly key: string;
  readonly model: string | undefined;
  readonly impl: string | undefined;
}

export function differences(model: Observation, impl: Observation): Difference[] {
  const keys = [...new Set([...model.keys(), ...impl.keys()])].sort(byCode);
  return keys.flatMap((key) =>
    model.get(key) === impl.get(key) ? [] : [{ key, model: model.get(key), impl: impl.get(key) }],
  );
}

/**
 * What kind of difference a key shows, for telling divergences apart: `mine.segment`,
 * `team.info`, `mine.copy (model only)`, `prompt.accept (impl only)`.
 */
export function categoryOf(d: Difference): string {
  const parts = d.key.split('|');
  const side = d.model === undefined ? ' (impl only)' : d.impl === undefined ? ' (model only)' : '';
  if (parts[0] === 'prompt') return `prompt.${parts[4] ?? ''}${side}`;
  if (parts[0] === 'engagement') return `engagement${side}`;
  if (parts[0] === 'invariant') return `invariant.${parts[1] ?? ''}${side}`;
  const part = parts[0] === 'mine' ? parts[3] : parts[2];
  if (part === 'name' && side !== '') return `${parts[0]}.copy${side}`;
  return `${parts[0]}.${part ?? ''}${side}`;
}
