/**
 * An independent reference model of Rapport's sharing and sync rules, written from SPEC.md
 * (sections 1–3, 7–9, 11, 12) and the product documents alone, never from the implementation.
 * It is pure: `step` returns a new state; a rejected action returns the state it was given.
 * Automatic work (auto-share, the flows of scenarios A and B, R-SYNC-7 fills, R-SYNC-8 imports,
 * withdrawals, removal follow-ups) runs inside `step` to a fixed point.
 *
 * Choices where the SPEC is silent or ambiguous (each is repeated where it is made, as `Cn`):
 *  C1  (§1, R-AUTH-3) One organization. Every action needs an actor who is a current member; a
 *      removed member's copies stay in their My People but no longer sync nor get prompts.
 *  C2  (§1) Only an administrator adds or removes members; adding a current member is rejected;
 *      the last administrator cannot be removed.
 *  C3  (R-SHARE-1) Auto-share is triggered by a change: a copy entering a business segment (from
 *      none or personal), a contact of the actor's My People made a member contact or assigned.
 *      It creates the team copy, or brings a withdrawn one back; if the team copy is present it does
 *      nothing (the sync rules govern). So an UnshareContact sticks until the next such trigger.
 *  C4  (R-TEAM-1, R-AUTH-1) Assigning creates no copy in the assignee's My People; their sync starts
 *      when they add the contact themselves (a first meeting, R-SYNC-7).
 *  C5  (R-SYNC-7) A first meeting happens whenever a member's non-personal copy and a present team
 *      copy coexist without a sync link; a copy that was personal then meets when it leaves personal.
 *  C6  (R-SYNC-8) The segment change that takes a copy out of a personal segment is the user's own
 *      change; only changes made while the copy stays personal, and the ones caused by moving in,
 *      are local. "Business again" means no longer personal (no segment counts).
 *  C7  (R-SHARE-6) "Labeling personal" is an item becoming personal (from non-personal or absent).
 *      It withdraws the same id from the team record even while the record is withdrawn. A withdrawn
 *      id takes no part in sync for anyone until a holder sends it with `send {field:'info:<id>'}`;
 *      ShareContact does not re-send it. The labeler's sync base for that item is forgotten, so a
 *      later relabel or removal is a fresh value, not a change against the old one.
 *  C8  (R-SHARE-7) "Exchanged a value" = any value moved between the user's copy and the team copy
 *      (share, fill, flow, accept, send, resolve); meeting with equal values is not an exchange.
 *      A user whose copy goes personal stops holding (whether the team copy is present or withdrawn).
 *      Withdrawing a team copy also ends its assignments and engagement memberships, by events that
 *      cite the withdrawal.
 *  C9  (R-SHARE-8) A withdrawn team copy keeps its values; sharing again brings it back with them
 *      and then sends as R-SHARE-9 says (or meets as R-SYNC-7 says if the sharer never met it).
 *      The sharer who brings it back holds it: that share is an exchange (C8).
 *  C10 (R-ARCH-1) "An assigned contact" is a team copy with any assignee: it blocks archiving every
 *      copy of the contact (R-TEAM-3's remark only makes sense that way).
 *  C11 (R-ARCH-2) An archived copy leaves prompts (accept/send/resolve on it are rejected), but the
 *      automatic flows of its scenario continue. Archiving the team copy is a flag on it: it hides
 *      no user's prompts. R-ARCH-3 applies to the team copy only, not to a user's own copy.
 *  C12 (R-TEAM-2, by analogy with R-AUTH-2) The creator of a project/deal is on its team; a team
 *      member, manager or administrator changes its team, member contacts and stage; removing
 *      someone else from a team needs a manager or administrator.
 *  C13 Setting a value a copy already has, applying a present tag, removing an absent tag or item,
 *      assigning an assignee, unassigning a non-assignee, archiving an archived copy, restoring a
 *      live one: accepted no-ops with no event.
 *  C14 accept/send/resolve are accepted only when that prompt is offered (except C7's send).
 *  C15 (R-TEAM-4) The "make it business or keep it private" prompt is observed by `privatePrompts`;
 *      it is not one of `prompts`' kinds, and keeping it private needs no action.
 *  C16 (R-TEAM-5, R-ARCH-3) The vocabulary is extended with direct team-copy actions (teamRename,
 *      teamSetStage, teamArchive, teamRestore), since those rules are about the team copy itself.
 *  C17 (R-TAG-2) A tag field's value is presence; a tag that flows keeps the sender's spelling.
 *  C18 (R-SYNC-1) "The later change" compares the sequence number of the last event that changed
 *      the field on each side (a flow's own event on the team copy counts for the team side).
 *  C19 Blank names, blank tags and empty item values are rejected; unknown segments are rejected.
 *  C20 (R-SYNC-9) Unreachable with this vocabulary (no steps, no custom fields); a personal copy
 *      takes part in no sync, so a stage is never offered to it.
 *  C21 (§9) "Changed since the last sync" compares values: a side changed a field when its value
 *      differs from the last synced one (changing A→B→A is no change).
 *  C22 (R-SYNC-8, read literally) Every local field takes the team's value when the copy leaves
 *      personal, even one the team changed meanwhile, even an item added while personal (removed if
 *      the team has none), even an unresolved first-meeting conflict.
 *  C23 (R-SHARE-6 over R-SHARE-7) Labeling an item personal withdraws it from the team copy even
 *      while the labeler's copy is personal (privacy wins over "no flow").
 *  C24 (R-SYNC-7) Copies that can meet the team copy at the same moment (a share that creates it
 *      reaches every holder's copy) meet it together: each pair's agreeing fields are synced from
 *      that moment, and what one copy's meeting fills into the team copy reaches the others as a
 *      team change. A field that differed at the meeting stays unsynced until the copies agree;
 *      while one side of it is empty, that side takes the other's value.
 *  C25 (R-SYNC-8 with R-SHARE-7) A copy leaving a personal segment while the team copy is withdrawn
 *      settles its local fields against the copy kept: one that agrees with it is in sync from then
 *      on (the team's value came back, unchanged); one that differs stays local, and takes the
 *      team's value when a share brings the team copy back.
 */

export type Role = 'administrator' | 'manager' | 'member';
export type Stage = 'lead' | 'potential' | 'active' | 'inactive' | 'lost';
export type EngagementKind = 'project' | 'deal';

export type Action =
  | { kind: 'addMember'; actor: string; user: string; role: Role }
  | { kind: 'removeMember'; actor: string; user: string }
  | { kind: 'addContact'; actor: string; contactId: string; name: string }
  | { kind: 'setSegment'; actor: string; contactId: string; segment: string | null }
  | { kind: 'setStage'; actor: string; contactId: string; stage: Stage | null }
  | { kind: 'rename'; actor: string; contactId: string; name: string }
  | { kind: 'setInfo'; actor: string; contactId: string; itemId: string; value: string; personal: boolean }
  | { kind: 'removeInfo'; actor: string; contactId: string; itemId: string }
  | { kind: 'applyTag'; actor: string; contactId: string; tag: string }
  | { kind: 'removeTag'; actor: string; contactId: string; tag: string }
  | { kind: 'share'; actor: string; contactId: string }
  | { kind: 'unshare'; actor: string; contactId: string }
  | { kind: 'assign'; actor: string; contactId: string; assignee: string }
  | { kind: 'unassign'; actor: string; contactId: string; assignee: string }
  | { kind: 'createEngagement'; actor: string; engagementId: string; engagementKind: EngagementKind }
  | { kind: 'addTeamMember'; actor: string; engagementId: string; user: string }
  | { kind: 'removeTeamMember'; actor: string; engagementId: string; user: string }
  | { kind: 'addMemberContact'; actor: string; engagementId: string; contactId: string }
  | { kind: 'removeMemberContact'; actor: string; engagementId: string; contactId: string }
  | { kind: 'setEngagementStage'; actor: string; engagementId: string; stage: Stage | null }
  | { kind: 'archive'; actor: string; contactId: string }
  | { kind: 'restore'; actor: string; contactId: string }
  | { kind: 'accept'; actor: string; contactId: string; field: string }
  | { kind: 'send'; actor: string; contactId: string; field: string }
  | { kind: 'resolve'; actor: string; contactId: string; field: string; keep: 'mine' | 'theirs' }
  // C16: direct changes to the team copy (R-TEAM-5, R-ARCH-3).
  | { kind: 'teamRename'; actor: string; contactId: string; name: string }
  | { kind: 'teamSetStage'; actor: string; contactId: string; stage: Stage | null }
  | { kind: 'teamArchive'; actor: string; contactId: string }
  | { kind: 'teamRestore'; actor: string; contactId: string };

export const STAGES: readonly Stage[] = ['lead', 'potential', 'active', 'inactive', 'lost'];
// prettier-ignore
export const BUSINESS_SEGMENTS: readonly string[] = ['customer', 'buyer', 'seller', 'partner', 'supplier', 'investor', 'adviser', 'competitor', 'coworker'];
export const PERSONAL_SEGMENTS: readonly string[] = ['family', 'friend', 'connection', 'sphere_of_influence'];
const isBusiness = (s: string | null): boolean => s !== null && BUSINESS_SEGMENTS.includes(s);
const isPersonal = (s: string | null): boolean => s !== null && PERSONAL_SEGMENTS.includes(s);
const isOpen = (s: Stage | null): boolean => s === 'lead' || s === 'potential' || s === 'active';

// ---------------------------------------------------------------- state

export interface Item {
  value: string;
  personal: boolean;
}
interface Fields {
  name: string;
  segment: string | null;
  stage: Stage | null;
  tags: Map<string, string>; // lowercased trimmed key -> first spelling (R-TAG-2)
  archived: boolean;
  at: Map<string, number>; // field -> seq of the last event that changed it
}
export interface UserCopy extends Fields {
  info: Map<string, Item>;
  local: Set<string>; // R-SYNC-8: fields whose last change was local
}
export interface TeamCopy extends Fields {
  present: boolean; // false once withdrawn; the values are kept (C9)
  sharer: string;
  info: Map<string, { value: string; from: string }>; // `from`: the user whose copy sent it
  withdrawnItems: Set<string>; // C7
  assignees: Set<string>;
  exchangedWith: Set<string>; // C8
}
/** Per (user, contact): the last synced value of each field (absent: synced as empty). */
export interface Link {
  base: Map<string, string>;
  unsynced: Set<string>; // R-SYNC-7: differing at the first meeting, not resolved yet
}
export interface Engagement {
  kind: EngagementKind;
  stage: Stage | null;
  team: Set<string>;
  contacts: Set<string>;
}
export type Place = { user: string } | { team: true } | { engagement: string } | { organization: true };
export interface ModelEvent {
  seq: number;
  correlation: number; // the number of the action that started it (R-SYNC-10)
  actor: string;
  place: Place;
  contactId: string | null;
  what: string; // 'command', 'local', 'flow', 'fill', 'import-local', 'accept', 'send', 'resolve', 'share', …
  field: string | null;
  from: string | null;
  to: string | null;
  causation: number | null; // seq of the event it follows from
}
export interface ModelState {
  clock: number;
  actions: number;
  members: Map<string, Role>;
  copies: Map<string, Map<string, UserCopy>>; // user -> contact -> copy
  team: Map<string, TeamCopy>;
  links: Map<string, Map<string, Link>>; // user -> contact -> link
  engagements: Map<string, Engagement>;
  log: ModelEvent[];
}

export function initialModel(): ModelState {
  const members: ModelState['members'] = new Map([['u0', 'administrator']]);
  return {
    clock: 0,
    actions: 0,
    members,
    copies: new Map(),
    team: new Map(),
    links: new Map(),
    engagements: new Map(),
    log: [],
  };
}

// ---------------------------------------------------------------- fields

type Val = string | undefined;
type Seq = number | null;
const NAME = 'name';
const STAGE = 'stage';
const SEGMENT = 'segment';
const TEAM = { team: true } as const;
const tagKey = (tag: string): string => tag.trim().toLowerCase();
const sorted = (xs: Iterable<string>): string[] => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function read(c: UserCopy | TeamCopy, f: string): Val {
  if (f === NAME) return c.name;
  if (f === STAGE) return c.stage ?? undefined;
  if (f === SEGMENT) return c.segment ?? undefined;
  if (f.startsWith('tag:')) return c.tags.get(f.slice(4));
  if (f.startsWith('info:')) return c.info.get(f.slice(5))?.value;
  return undefined;
}
/** C17: a tag compares by presence. */
const same = (f: string, a: Val, b: Val): boolean =>
  f.startsWith('tag:') ? (a === undefined) === (b === undefined) : a === b;

function write(c: UserCopy | TeamCopy, f: string, v: Val, from: string): void {
  if (f === NAME) c.name = v ?? c.name;
  else if (f === STAGE) c.stage = STAGES.find((s) => s === v) ?? null;
  else if (f === SEGMENT) c.segment = v ?? null;
  else if (f.startsWith('tag:') && v === undefined) c.tags.delete(f.slice(4));
  else if (f.startsWith('tag:') && v !== undefined) c.tags.set(f.slice(4), v);
  else if (f.startsWith('info:')) {
    const id = f.slice(5);
    if (v === undefined) c.info.delete(id);
    else if ('present' in c) c.info.set(id, { value: v, from });
    else c.info.set(id, { value: v, personal: false }); // flows never touch personal items (R-SYNC-6)
  }
}

const fresh = (name: string): Fields => {
  return { name, segment: null, stage: null, archived: false, tags: new Map(), at: new Map() };
};

function fieldsOf(c: UserCopy | TeamCopy): string[] {
  const tags = [...c.tags.keys()].map((k) => `tag:${k}`);
  return [NAME, STAGE, SEGMENT, ...tags, ...[...c.info.keys()].map((k) => `info:${k}`)];
}

/** R-SYNC-6, R-SHARE-6: personal items and withdrawn ids take no part in sync. */
function shareable(copy: UserCopy, team: TeamCopy, f: string): boolean {
  if (!f.startsWith('info:')) return true;
  const id = f.slice(5);
  return copy.info.get(id)?.personal !== true && !team.withdrawnItems.has(id);
}

// ---------------------------------------------------------------- changes, each by an event

interface Ctx {
  s: ModelState;
  actor: string;
}
type Reject = string | null;
type More = Partial<Pick<ModelEvent, 'field' | 'from' | 'to' | 'causation'>>;

function note(ctx: Ctx, place: Place, contactId: string | null, what: string, more: More = {}): number {
  const seq = ++ctx.s.clock;
  const e = { field: null, from: null, to: null, causation: null, ...more };
  ctx.s.log.push({ ...e, seq, correlation: ctx.s.actions, actor: ctx.actor, place, contactId, what });
  return seq;
}
const copyOf = (s: ModelState, user: string, cid: string): UserCopy | undefined =>
  s.copies.get(user)?.get(cid);
const linkOf = (s: ModelState, user: string, cid: string): Link | undefined => s.links.get(user)?.get(cid);
const presentTeam = (s: ModelState, cid: string): TeamCopy | undefined =>
  s.team.get(cid)?.present === true ? s.team.get(cid) : undefined;
const isManager = (s: ModelState, u: string): boolean =>
  s.members.get(u) === 'administrator' || s.members.get(u) === 'manager';

/** Record a change of one field of a user's copy; R-SYNC-8: a change while personal is local. */
function stampMine(ctx: Ctx, user: string, cid: string, f: string, more: More, what: string): number {
  const copy = copyOf(ctx.s, user, cid)!;
  const seq = note(ctx, { user }, cid, what, { field: f, ...more });
  copy.at.set(f, seq);
  if (isPersonal(copy.segment)) copy.local.add(f);
  else copy.local.delete(f);
  return seq;
}
function writeMine(ctx: Ctx, user: string, cid: string, f: string, v: Val, what: string, cause: Seq): number {
  const copy = copyOf(ctx.s, user, cid)!;
  const from = read(copy, f) ?? null;
  write(copy, f, v, user);
  return stampMine(ctx, user, cid, f, { from, to: v ?? null, causation: cause }, what);
}
function writeTeam(ctx: Ctx, cid: string, f: string, v: Val, what: string, cause: Seq, by: string): void {
  const team = ctx.s.team.get(cid)!;
  const from = read(team, f) ?? null;
  write(team, f, v, by);
  team.at.set(f, note(ctx, TEAM, cid, what, { field: f, from, to: v ?? null, causation: cause }));
}
function setBase(link: Link, f: string, v: Val): void {
  if (v === undefined) link.base.delete(f);
  else link.base.set(f, v);
  link.unsynced.delete(f);
}
/** A value moves from the user's copy to the team copy, citing the user's event (R-SYNC-10). */
function flowOut(ctx: Ctx, user: string, cid: string, f: string, what: string): void {
  const v = read(copyOf(ctx.s, user, cid)!, f);
  writeTeam(ctx, cid, f, v, what, copyOf(ctx.s, user, cid)!.at.get(f) ?? null, user);
  setBase(linkOf(ctx.s, user, cid)!, f, v);
  ctx.s.team.get(cid)!.exchangedWith.add(user);
}
/** A value moves from the team copy into the user's copy, citing the team's event. */
function flowIn(ctx: Ctx, user: string, cid: string, f: string, what: string): void {
  const team = ctx.s.team.get(cid)!;
  const v = read(team, f);
  writeMine(ctx, user, cid, f, v, what, team.at.get(f) ?? null);
  setBase(linkOf(ctx.s, user, cid)!, f, v);
  team.exchangedWith.add(user);
}

// ---------------------------------------------------------------- sync (R-SYNC)

export type Scenario = 'A' | 'B' | 'C';
export function scenario(s: ModelState, user: string, cid: string): Scenario {
  if (s.team.get(cid)?.assignees.has(user) === true) return 'A';
  for (const e of s.engagements.values()) if (e.team.has(user) && e.contacts.has(cid)) return 'A';
  const copy = copyOf(s, user, cid);
  return copy !== undefined && copy.stage !== null && isBusiness(copy.segment) ? 'B' : 'C'; // R-SEG-5
}

/** Sync applies to a member's non-personal copy and a present team copy (R-SYNC-6, R-SHARE-7, C1). */
function syncing(s: ModelState, user: string, cid: string): boolean {
  const copy = copyOf(s, user, cid);
  if (copy === undefined || isPersonal(copy.segment)) return false;
  return s.members.has(user) && presentTeam(s, cid) !== undefined;
}

type Verdict = 'equal' | 'skip' | 'flowIn' | 'flowOut' | 'accept' | 'send' | 'resolve';
/** What the field calls for, for a syncing, linked copy. */
function verdict(s: ModelState, user: string, cid: string, f: string): Verdict {
  const [copy, team, link] = [copyOf(s, user, cid)!, s.team.get(cid)!, linkOf(s, user, cid)!];
  if (!shareable(copy, team, f)) return 'skip';
  const [mine, theirs, base] = [read(copy, f), read(team, f), link.base.get(f)];
  if (same(f, mine, theirs)) return 'equal';
  if (copy.local.has(f)) return 'flowIn'; // R-SYNC-8, every scenario (C22)
  if (link.unsynced.has(f))
    return mine === undefined ? 'flowIn' : theirs === undefined ? 'flowOut' : 'resolve'; // R-SYNC-7, every scenario
  const [mineChanged, teamChanged] = [!same(f, mine, base), !same(f, theirs, base)];
  const sc = scenario(s, user, cid);
  if (mineChanged && !teamChanged) return sc === 'A' ? 'flowOut' : 'send'; // R-SYNC-1..3
  if (!mineChanged && teamChanged) return sc === 'C' ? 'accept' : 'flowIn'; // R-SYNC-1..3
  if (sc === 'A') return (copy.at.get(f) ?? 0) > (team.at.get(f) ?? 0) ? 'flowOut' : 'flowIn'; // R-SYNC-1, C18
  return 'resolve'; // R-SYNC-4
}
function pairFields(s: ModelState, user: string, cid: string): string[] {
  const [copy, team, link] = [copyOf(s, user, cid)!, s.team.get(cid)!, linkOf(s, user, cid)];
  const known = [...(link?.base.keys() ?? []), ...(link?.unsynced ?? []), ...copy.local];
  return sorted(new Set([...fieldsOf(copy), ...fieldsOf(team), ...known]));
}

/** R-SYNC-7: the first meeting of a user's copy and the team copy; the fills follow (C24). */
function meet(ctx: Ctx, user: string, cid: string): void {
  const s = ctx.s;
  if (!s.links.has(user)) s.links.set(user, new Map());
  const link: Link = { base: new Map(), unsynced: new Set() };
  s.links.get(user)!.set(cid, link);
  const [copy, team] = [copyOf(s, user, cid)!, s.team.get(cid)!];
  copy.local.clear(); // C5: nothing was synced before, so nothing is local to it
  for (const f of pairFields(s, user, cid)) {
    if (!shareable(copy, team, f)) continue;
    const [mine, theirs] = [read(copy, f), read(team, f)];
    if (same(f, mine, theirs)) setBase(link, f, mine);
    else link.unsynced.add(f); // a fill or a conflict prompt, in every scenario
  }
}

/** Carry out one reaction, if one is due; true when something happened. */
function reactOnce(ctx: Ctx): boolean {
  const s = ctx.s;
  let met = false; // C24: every pair that can meet now meets before any fill
  for (const user of sorted(s.copies.keys()))
    for (const cid of sorted(s.copies.get(user)!.keys()))
      if (syncing(s, user, cid) && linkOf(s, user, cid) === undefined) {
        meet(ctx, user, cid);
        met = true;
      }
  if (met) return true;
  for (const user of sorted(s.copies.keys())) {
    for (const cid of sorted(s.copies.get(user)!.keys())) {
      if (!syncing(s, user, cid)) continue;
      const [copy, link] = [copyOf(s, user, cid)!, linkOf(s, user, cid)!];
      for (const f of pairFields(s, user, cid)) {
        const v = verdict(s, user, cid, f);
        const what = copy.local.has(f) ? 'import-local' : link.unsynced.has(f) ? 'fill' : 'flow';
        copy.local.delete(f); // R-SYNC-8: the team's value is the last synced one
        if (v === 'flowIn' || v === 'flowOut') {
          (v === 'flowIn' ? flowIn : flowOut)(ctx, user, cid, f, what);
          return true;
        }
        if (v === 'equal') setBase(link, f, read(copy, f));
      }
    }
  }
  return false;
}
function settleCtx(ctx: Ctx): void {
  for (let i = 0; i < 100_000; i++) if (!reactOnce(ctx)) return;
  throw new Error('model: the reactions reach no fixed point');
}
/** Runs any reaction still due (none, after `step`): R-SYNC-11 "exactly once in effect". */
export function settle(state: ModelState): ModelState {
  const s = structuredClone(state);
  settleCtx({ s, actor: 'system' });
  return s;
}

// ---------------------------------------------------------------- sharing (R-SHARE)

/** R-SHARE-4, R-SHARE-9, C9: share the user's (non-personal) copy. */
function shareFrom(ctx: Ctx, user: string, cid: string): void {
  const s = ctx.s;
  const copy = copyOf(s, user, cid)!;
  const old = s.team.get(cid);
  const team: TeamCopy = old ?? {
    ...fresh(copy.name),
    info: new Map(),
    present: true,
    sharer: user,
    withdrawnItems: new Set(),
    assignees: new Set(),
    exchangedWith: new Set([user]),
  };
  if (old === undefined) {
    s.team.set(cid, team);
    const causation = copy.at.get(NAME) ?? null;
    team.at.set(NAME, note(ctx, TEAM, cid, 'share', { field: NAME, to: copy.name, causation }));
  } else if (!team.present) {
    team.present = true;
    team.sharer = user;
    team.exchangedWith.add(user); // C9: bringing it back is a share, an exchange (C8)
    note(ctx, TEAM, cid, 'bring-back');
  }
  if (linkOf(s, user, cid) === undefined) {
    // The sharer's copy meets the team copy first: the share carries its values (R-SHARE-4); the
    // other holders meet the team copy with them (C24).
    meet(ctx, user, cid);
    const link = linkOf(s, user, cid)!;
    for (const f of sorted(link.unsynced))
      if (read(team, f) === undefined) flowOut(ctx, user, cid, f, 'share');
    return;
  }
  const link = linkOf(s, user, cid)!;
  for (const f of pairFields(s, user, cid)) {
    if (!shareable(copy, team, f) || copy.local.has(f) || link.unsynced.has(f)) continue;
    const [mine, theirs, base] = [read(copy, f), read(team, f), link.base.get(f)];
    if (!same(f, mine, base) && same(f, theirs, base)) flowOut(ctx, user, cid, f, 'share');
  }
}

/** R-SHARE-7, R-SHARE-8: who other than `user` holds the team copy. */
function otherHolders(s: ModelState, cid: string, user: string): string[] {
  const team = s.team.get(cid)!;
  const users = [...team.exchangedWith, ...team.assignees].filter((u) => u !== user);
  const engagements = [...s.engagements].filter(([, e]) => e.contacts.has(cid));
  return [...users, ...engagements.map(([id]) => `engagement ${id}`)];
}

/** Withdraw a team copy (kept, not erased: C9); it ends its assignments and memberships (C8). */
function withdrawTeam(ctx: Ctx, cid: string, causation: Seq, why: string): void {
  const team = ctx.s.team.get(cid)!;
  team.present = false;
  const seq = note(ctx, TEAM, cid, `withdraw (${why})`, { causation });
  for (const u of sorted(team.assignees)) unassign(ctx, cid, u, seq);
  for (const [id, e] of ctx.s.engagements)
    if (e.contacts.delete(cid))
      note(ctx, { engagement: id }, cid, 'remove member contact', { causation: seq });
}
function unassign(ctx: Ctx, cid: string, u: string, causation: Seq): void {
  ctx.s.team.get(cid)!.assignees.delete(u);
  note(ctx, TEAM, cid, 'unassign', { from: u, causation });
}

// ---------------------------------------------------------------- step

export interface StepResult {
  state: ModelState;
  accepted: boolean;
  reason?: string;
}

export function step(state: ModelState, action: Action): StepResult {
  const s = structuredClone(state);
  s.actions += 1;
  const ctx: Ctx = { s, actor: action.actor };
  const reason = apply(ctx, action);
  if (reason !== null) return { state, accepted: false, reason };
  settleCtx(ctx);
  return { state: s, accepted: true };
}

type Of<K extends Action['kind']> = Extract<Action, { kind: K }>;
type CopyKind = 'setSegment' | 'setStage' | 'rename' | 'setInfo' | 'removeInfo' | 'applyTag' | 'removeTag';
type SyncKind = 'share' | 'archive' | 'restore' | 'accept' | 'send' | 'resolve';
type EngagementKinds = 'addTeamMember' | 'removeTeamMember' | 'addMemberContact' | 'removeMemberContact';
const isSyncKind = (a: Action): a is Of<SyncKind> =>
  ['share', 'archive', 'restore', 'accept', 'send', 'resolve'].includes(a.kind);
type TeamKind =
  'assign' | 'unassign' | 'unshare' | 'teamRename' | 'teamSetStage' | 'teamArchive' | 'teamRestore';

function apply(ctx: Ctx, a: Action): Reject {
  const s = ctx.s;
  if (!s.members.has(a.actor)) return 'the actor is not a member of the organization'; // C1
  switch (a.kind) {
    case 'addMember':
      if (s.members.get(a.actor) !== 'administrator') return 'only an administrator adds members'; // C2
      if (s.members.has(a.user)) return 'already a member';
      s.members.set(a.user, a.role);
      note(ctx, { organization: true }, null, 'add member', { to: a.user });
      return null;
    case 'removeMember': {
      if (s.members.get(a.actor) !== 'administrator') return 'only an administrator removes members'; // C2
      if (!s.members.has(a.user)) return 'not a member';
      const admins = [...s.members.values()].filter((r) => r === 'administrator').length;
      if (s.members.get(a.user) === 'administrator' && admins === 1) return 'the last administrator stays';
      s.members.delete(a.user);
      const seq = note(ctx, { organization: true }, null, 'remove member', { from: a.user });
      // R-TEAM-3: unassign them, take them off every team; they hold nothing any more.
      for (const cid of sorted(s.team.keys())) {
        if (s.team.get(cid)!.assignees.has(a.user)) unassign(ctx, cid, a.user, seq);
        s.team.get(cid)!.exchangedWith.delete(a.user);
      }
      for (const [id, e] of s.engagements)
        if (e.team.delete(a.user))
          note(ctx, { engagement: id }, null, 'remove team member', { from: a.user, causation: seq });
      return null;
    }
    case 'addContact': {
      if (copyOf(s, a.actor, a.contactId) !== undefined) return 'the contact is already in My People';
      if (a.name.trim() === '') return 'a name is required'; // C19
      if (!s.copies.has(a.actor)) s.copies.set(a.actor, new Map());
      const copy: UserCopy = { ...fresh(a.name.trim()), info: new Map(), local: new Set() };
      s.copies.get(a.actor)!.set(a.contactId, copy);
      stampMine(ctx, a.actor, a.contactId, NAME, { to: copy.name }, 'command');
      return null;
    }
    case 'createEngagement': {
      if (s.engagements.has(a.engagementId)) return 'an engagement with this id exists';
      const [team, contacts] = [new Set([a.actor]), new Set<string>()]; // C12: its creator is on its team
      s.engagements.set(a.engagementId, { kind: a.engagementKind, stage: null, team, contacts });
      note(ctx, { engagement: a.engagementId }, null, 'create', { to: a.engagementKind });
      return null;
    }
    case 'addTeamMember':
    case 'removeTeamMember':
    case 'addMemberContact':
    case 'removeMemberContact':
    case 'setEngagementStage':
      return engagementAction(ctx, a);
    case 'assign':
    case 'unassign':
    case 'unshare':
    case 'teamRename':
    case 'teamSetStage':
    case 'teamArchive':
    case 'teamRestore':
      return teamAction(ctx, a);
    default:
      if (copyOf(s, a.actor, a.contactId) === undefined) return 'the contact is not in My People'; // R-AUTH-1
      return isSyncKind(a) ? syncAction(ctx, a) : copyAction(ctx, a);
  }
}

function copyAction(ctx: Ctx, a: Of<CopyKind>): Reject {
  const [s, me, cid] = [ctx.s, a.actor, a.contactId];
  const copy = copyOf(s, me, cid)!;
  switch (a.kind) {
    case 'setSegment': {
      if (a.segment !== null && !isBusiness(a.segment) && !isPersonal(a.segment)) return 'unknown segment'; // C19
      if (a.segment === copy.segment) return null; // C13
      const [wasPersonal, wasBusiness] = [isPersonal(copy.segment), isBusiness(copy.segment)];
      const seq = writeMine(ctx, me, cid, SEGMENT, a.segment ?? undefined, 'command', null);
      const [kept, link] = [s.team.get(cid), linkOf(s, me, cid)];
      if (wasPersonal && !isPersonal(a.segment) && kept?.present === false && link !== undefined)
        for (const f of sorted(copy.local))
          if (same(f, read(copy, f), read(kept, f))) {
            copy.local.delete(f); // C25: back from personal, a local field agrees with the copy kept
            setBase(link, f, read(copy, f));
          }
      if (isPersonal(a.segment)) {
        if (copy.stage !== null) writeMine(ctx, me, cid, STAGE, undefined, 'local', seq); // R-STAGE-5; local (R-SYNC-8)
        if (!wasPersonal) s.team.get(cid)?.exchangedWith.delete(me); // C8, present or withdrawn
        const team = presentTeam(s, cid);
        if (!wasPersonal && team !== undefined && linkOf(s, me, cid) !== undefined)
          if (otherHolders(s, cid, me).length === 0) withdrawTeam(ctx, cid, seq, 'R-SHARE-7');
      } else if (isBusiness(a.segment) && !wasBusiness && presentTeam(s, cid) === undefined) {
        shareFrom(ctx, me, cid); // R-SHARE-1, C3
      }
      return null;
    }
    case 'setStage':
      if (a.stage === copy.stage) return null;
      if (isPersonal(copy.segment)) return 'a copy with a personal segment has no stage (R-STAGE-5)';
      writeMine(ctx, me, cid, STAGE, a.stage ?? undefined, 'command', null);
      return null;
    case 'rename':
      if (a.name.trim() === '') return 'a name is required'; // C19
      if (a.name.trim() !== copy.name) writeMine(ctx, me, cid, NAME, a.name.trim(), 'command', null);
      return null;
    case 'setInfo': {
      if (a.value === '') return 'an item needs a value'; // C19
      const [f, old] = [`info:${a.itemId}`, copy.info.get(a.itemId)];
      if (old?.value === a.value && old.personal === a.personal) return null;
      copy.info.set(a.itemId, { value: a.value, personal: a.personal });
      const seq = stampMine(ctx, me, cid, f, { from: old?.value ?? null, to: a.value }, 'command');
      if (!a.personal || old?.personal === true) return null;
      // R-SHARE-6 (C7, C23): labeling an item personal withdraws the same id from the team copy.
      linkOf(s, me, cid)?.base.delete(f);
      linkOf(s, me, cid)?.unsynced.delete(f);
      const team = s.team.get(cid);
      if (team?.info.delete(a.itemId) === true) {
        team.withdrawnItems.add(a.itemId);
        team.at.set(f, note(ctx, TEAM, cid, 'withdraw (R-SHARE-6)', { field: f, causation: seq }));
      }
      return null;
    }
    case 'removeInfo': {
      const old = copy.info.get(a.itemId);
      if (old === undefined) return null; // C13
      copy.info.delete(a.itemId);
      stampMine(ctx, me, cid, `info:${a.itemId}`, { from: old.value }, 'command');
      return null;
    }
    case 'applyTag':
    case 'removeTag': {
      const key = tagKey(a.tag);
      if (key === '') return 'a tag needs a name'; // C19
      if (copy.tags.has(key) === (a.kind === 'applyTag')) return null; // R-TAG-2: a no-op
      const v = a.kind === 'applyTag' ? a.tag.trim() : undefined;
      writeMine(ctx, me, cid, `tag:${key}`, v, 'command', null);
      return null;
    }
  }
}

function syncAction(ctx: Ctx, a: Of<SyncKind>): Reject {
  const [s, me, cid] = [ctx.s, a.actor, a.contactId];
  const copy = copyOf(s, me, cid)!;
  switch (a.kind) {
    case 'share':
      if (isPersonal(copy.segment)) return 'a contact with a personal segment is never shared (R-SHARE-2)';
      shareFrom(ctx, me, cid);
      return null;
    case 'archive':
      if (copy.archived) return null;
      if (isOpen(copy.stage)) return `a contact at stage ${copy.stage} cannot be archived (R-ARCH-1)`;
      if ((presentTeam(s, cid)?.assignees.size ?? 0) > 0)
        return 'an assigned contact cannot be archived (R-ARCH-1, C10)';
      copy.archived = true;
      note(ctx, { user: me }, cid, 'archive');
      return null;
    case 'restore':
      if (!copy.archived) return null;
      copy.archived = false;
      note(ctx, { user: me }, cid, 'restore');
      return null;
    default: {
      if (!syncing(s, me, cid)) return 'this copy is not in sync with a team copy';
      const team = s.team.get(cid)!;
      const id = a.field.startsWith('info:') ? a.field.slice(5) : '';
      if (a.kind === 'send' && team.withdrawnItems.has(id) && copy.info.get(id)?.personal === false) {
        team.withdrawnItems.delete(id); // C7: the explicit command that shares a withdrawn item again
        flowOut(ctx, me, cid, a.field, 'send');
        return null;
      }
      if (copy.archived) return 'an archived copy has no prompts (R-ARCH-2)'; // C11
      if (verdict(s, me, cid, a.field) !== a.kind) return `no ${a.kind} prompt for ${a.field}`; // C14
      const theirs = a.kind === 'accept' || (a.kind === 'resolve' && a.keep === 'theirs');
      (theirs ? flowIn : flowOut)(ctx, me, cid, a.field, a.kind);
      return null;
    }
  }
}

function engagementAction(ctx: Ctx, a: Of<EngagementKinds | 'setEngagementStage'>): Reject {
  const [s, id] = [ctx.s, a.engagementId];
  const e = s.engagements.get(id);
  if (e === undefined) return 'no such project or deal';
  if (!e.team.has(a.actor) && !isManager(s, a.actor)) return 'only its team or a manager changes it'; // C12
  const ev = (what: string, cid: string | null, to: string | null): number =>
    note(ctx, { engagement: id }, cid, what, { to });
  switch (a.kind) {
    case 'addTeamMember':
      if (!s.members.has(a.user)) return 'not a member of the organization';
      if (!e.team.has(a.user)) ev('add team member', null, a.user);
      e.team.add(a.user);
      return null;
    case 'removeTeamMember':
      if (a.user !== a.actor && !isManager(s, a.actor))
        return 'taking someone else off a team needs a manager'; // C12
      if (e.team.delete(a.user)) ev('remove team member', null, a.user);
      return null;
    case 'addMemberContact': {
      if (presentTeam(s, a.contactId) === undefined) {
        const copy = copyOf(s, a.actor, a.contactId);
        if (copy === undefined) return 'no such contact in the team view or My People';
        if (isPersonal(copy.segment)) return 'a contact with a personal segment is never shared (R-SHARE-2)';
        shareFrom(ctx, a.actor, a.contactId); // R-SHARE-1
      }
      if (!e.contacts.has(a.contactId)) ev('add member contact', a.contactId, null);
      e.contacts.add(a.contactId);
      return null;
    }
    case 'removeMemberContact':
      if (e.contacts.delete(a.contactId)) ev('remove member contact', a.contactId, null);
      return null;
    case 'setEngagementStage':
      if (e.stage !== a.stage) ev('stage', null, a.stage); // R-TEAM-2
      e.stage = a.stage;
      return null;
  }
}

function teamAction(ctx: Ctx, a: Of<TeamKind>): Reject {
  const [s, cid] = [ctx.s, a.contactId];
  if (a.kind === 'assign') {
    if (!s.members.has(a.assignee)) return 'only a member of the organization can be assigned (R-TEAM-1)';
    if (presentTeam(s, cid) === undefined) {
      const copy = copyOf(s, a.actor, cid);
      if (copy === undefined) return 'no such contact in the team view';
      if (isPersonal(copy.segment)) return 'a contact with a personal segment is never shared (R-SHARE-2)';
      shareFrom(ctx, a.actor, cid); // R-SHARE-1: an assigned contact is shared
    }
    const team = s.team.get(cid)!;
    if (!team.assignees.has(a.assignee)) note(ctx, TEAM, cid, 'assign', { to: a.assignee });
    team.assignees.add(a.assignee);
    return null;
  }
  const team = presentTeam(s, cid);
  if (team === undefined) return 'no such contact in the team view';
  const direct = isManager(s, a.actor) || team.assignees.has(a.actor); // R-TEAM-5
  switch (a.kind) {
    case 'unassign':
      if (a.assignee !== a.actor && !isManager(s, a.actor))
        return 'unassigning another needs a manager (R-AUTH-2)';
      if (team.assignees.has(a.assignee)) unassign(ctx, cid, a.assignee, null);
      return null;
    case 'unshare': {
      if (!isManager(s, a.actor) && team.sharer !== a.actor)
        return 'only its sharer or a manager unshares it';
      const others = isManager(s, a.actor) ? [] : otherHolders(s, cid, a.actor);
      if (others.length > 0) return `others hold this team copy: ${others.join(', ')} (R-SHARE-8)`;
      withdrawTeam(ctx, cid, null, 'R-SHARE-8');
      return null;
    }
    case 'teamRename':
      if (!direct) return 'renaming the team copy needs a manager or an assignee (R-TEAM-5)';
      if (a.name.trim() === '') return 'a name is required'; // C19
      if (a.name.trim() !== team.name) writeTeam(ctx, cid, NAME, a.name.trim(), 'command', null, a.actor);
      return null;
    case 'teamSetStage':
      if (!direct) return 'changing the team copy stage needs a manager or an assignee (R-TEAM-5)';
      if (a.stage !== team.stage) writeTeam(ctx, cid, STAGE, a.stage ?? undefined, 'command', null, a.actor);
      return null;
    default: {
      if (!direct) return 'archiving the team copy needs a manager or an assignee (R-TEAM-5)';
      const archive = a.kind === 'teamArchive';
      if (team.archived === archive) return null;
      const open = [...s.engagements].find(([, e]) => e.contacts.has(cid) && isOpen(e.stage));
      if (archive && isOpen(team.stage))
        return `a contact at stage ${team.stage} cannot be archived (R-ARCH-1)`;
      if (archive && team.assignees.size > 0) return 'an assigned contact cannot be archived (R-ARCH-1)';
      if (archive && open !== undefined)
        return `it is a member contact of the open ${open[1].kind} ${open[0]} (R-ARCH-3)`;
      team.archived = archive;
      note(ctx, TEAM, cid, a.kind);
      return null;
    }
  }
}

// ---------------------------------------------------------------- observations

export interface CopyView {
  name: string;
  segment: string | null;
  stage: Stage | null;
  tags: string[]; // display spellings, by lowercased key
  info: Map<string, Item>;
  archived: boolean;
}
export interface TeamCopyView extends CopyView {
  assignees: string[];
}
export interface Prompt {
  contactId: string;
  field: string;
  kind: 'accept' | 'send' | 'resolve';
}

function view(c: Fields, info: Map<string, Item>): CopyView {
  const tags = sorted(c.tags.keys()).map((k) => c.tags.get(k)!);
  return { name: c.name, segment: c.segment, stage: c.stage, tags, info, archived: c.archived };
}
export function myPeople(state: ModelState, user: string): Map<string, CopyView> {
  const out = new Map<string, CopyView>();
  for (const [cid, c] of state.copies.get(user) ?? [])
    out.set(cid, view(c, new Map([...c.info].map(([id, i]) => [id, { ...i }]))));
  return out;
}
export function teamView(state: ModelState): Map<string, TeamCopyView> {
  const out = new Map<string, TeamCopyView>();
  for (const [cid, t] of state.team) {
    if (!t.present) continue;
    const info = new Map([...t.info].map(([id, i]) => [id, { value: i.value, personal: false }]));
    out.set(cid, { ...view(t, info), assignees: sorted(t.assignees) });
  }
  return out;
}
/** R-SYNC-5: a pure function of the state; none for archived copies (R-ARCH-2) or removed members (C1). */
export function prompts(state: ModelState, user: string): Prompt[] {
  const out: Prompt[] = [];
  for (const cid of sorted(state.copies.get(user)?.keys() ?? [])) {
    if (!syncing(state, user, cid) || !linkOf(state, user, cid) || copyOf(state, user, cid)!.archived)
      continue;
    for (const field of pairFields(state, user, cid)) {
      const kind = verdict(state, user, cid, field);
      if (kind === 'accept' || kind === 'send' || kind === 'resolve')
        out.push({ contactId: cid, field, kind });
    }
  }
  return out;
}
/** R-TEAM-4 (C15): assigned contacts whose copy is personal: "make it business or keep it private". */
export function privatePrompts(state: ModelState, user: string): string[] {
  const copies = [...(state.copies.get(user) ?? [])];
  const asked = copies.filter(
    ([cid, c]) => isPersonal(c.segment) && presentTeam(state, cid)?.assignees.has(user),
  );
  return sorted(asked.map(([cid]) => cid));
}
/** R-SHARE-5: no personal-segment contact, no personal-labeled value in the team view. */
export function privacyHolds(state: ModelState): boolean {
  for (const [cid, t] of state.team) {
    if (!t.present) continue;
    if (isPersonal(t.segment)) return false;
    for (const [id, item] of t.info) {
      if (t.withdrawnItems.has(id)) return false;
      if (copyOf(state, item.from, cid)?.info.get(id)?.personal === true) return false; // its sender labeled it personal
    }
  }
  return true;
}
