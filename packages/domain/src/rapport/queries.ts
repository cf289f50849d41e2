/**
 * The facade's reads: My People, the team view, one contact, audiences and sync, each for a member
 * of the organization (R-AUTH-3) and read from the read models caught up with the store. Each
 * takes the user it reads for after the organization; a session (`session.ts`) binds that user to
 * its principal (R-AUTH-5), the audit reads (`rapport.audit`) take it from the auditor (R-AUTH-6).
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { reject, storeErrorRejection, type Rejection } from '@rapport/core';
import { audienceList, audienceMembers, whyMember } from '../audiences/read.js';
import { initialOrganizationState, roleOf } from '../organization/state.js';
import { byName, contactView } from '../projections/views.js';
import { promptsOf, syncStateOf } from '../sync/read.js';
import { explainSync } from '../sync/why.js';
import type { AuditReads, UserReads } from './api.js';
import { isGrantedAudit, type AuditCapability } from './auditCapability.js';
import type { ReadSide } from './readSide.js';

const notMember = (orgId: string, userId: string, what: string): Rejection =>
  reject(
    'NOT_A_MEMBER',
    `Rejected reading ${what}: user "${userId}" is not a member of organization ${orgId}`,
    {
      rule: 'R-AUTH-3',
    },
  );

/**
 * The reads over a facade's read side.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { createQueries } from './queries.js';
 * import { createReadSide } from './readSide.js';
 * const queries = createQueries(createReadSide(new InMemoryEventStore()));
 * (await queries.teamView('acme', 'ann'))._tag; // 'Left': organization acme does not exist
 */
export const createQueries = (readSide: ReadSide): UserReads => {
  const models = () => readSide.current();
  const member = async <A>(
    orgId: string,
    userId: string | null,
    what: string,
    read: () => A,
  ): Promise<Either<Rejection, A>> => {
    try {
      await readSide.caughtUp();
    } catch (error) {
      const rejection = storeErrorRejection(`Rejected reading ${what}`, error);
      if (rejection === undefined) throw error;
      return left(rejection);
    }
    const org = models().projections.organization(orgId);
    if (org === undefined)
      return left(
        reject('ORGANIZATION_NOT_FOUND', `Rejected reading ${what}: organization ${orgId} does not exist`),
      );
    if (userId !== null && roleOf(org, userId) === undefined) return left(notMember(orgId, userId, what));
    return right(read());
  };

  const viewOf = (
    orgId: string,
    owner: { owner: 'team' } | { owner: 'user'; userId: string },
    contactId: string,
  ) => {
    const org = models().projections.organization(orgId) ?? initialOrganizationState;
    const copy = models().projections.copy(orgId, owner, contactId);
    return copy === undefined ? null : contactView(org, copy, models().projections.links(orgId, contactId));
  };

  return {
    myPeople: (orgId, userId) =>
      member(orgId, userId, `the My People of "${userId}"`, () => {
        const org = models().projections.organization(orgId) ?? initialOrganizationState;
        const views = [...models().projections.copies(orgId, { owner: 'user', userId }).values()]
          .map((copy) => contactView(org, copy, models().projections.links(orgId, copy.contactId)))
          .sort(byName);
        return { orgId, userId, contacts: views };
      }),
    teamView: (orgId, reader) =>
      member(orgId, reader, `the team view of ${orgId}`, () => {
        const org = models().projections.organization(orgId) ?? initialOrganizationState;
        const views = [...models().projections.copies(orgId, { owner: 'team' }).values()]
          .map((copy) => contactView(org, copy, models().projections.links(orgId, copy.contactId)))
          .sort(byName);
        const deals = [...models().projections.engagements(orgId).values()].sort((a, b) =>
          a.engagementId < b.engagementId ? -1 : a.engagementId > b.engagementId ? 1 : 0,
        );
        return { orgId, contacts: views, engagements: deals };
      }),
    contact: (orgId, reader, contactId) =>
      member(orgId, reader, `contact ${contactId}`, () => ({
        mine: viewOf(orgId, { owner: 'user', userId: reader }, contactId),
        team: viewOf(orgId, { owner: 'team' }, contactId),
      })),
    audiences: (orgId, userId) =>
      member(orgId, userId, `the audiences of "${userId}"`, () =>
        audienceList(models().membership, orgId, userId),
      ),
    members: async (orgId, userId, audienceId, view = 'mine') => {
      const read = await member(orgId, userId, `audience ${audienceId}`, () =>
        audienceMembers(models().membership, orgId, userId, audienceId, view),
      );
      return read._tag === 'Left' ? read : read.right;
    },
    whyMember: async (orgId, userId, audienceId, contactId, view = 'mine') => {
      const read = await member(orgId, userId, `audience ${audienceId}`, () =>
        whyMember(models().projections, models().membership, orgId, userId, audienceId, contactId, view),
      );
      return read._tag === 'Left' ? read : read.right;
    },
    prompts: (orgId, userId) =>
      member(orgId, userId, `the prompts of "${userId}"`, () =>
        promptsOf(models().projections, models().syncPoints, orgId, userId),
      ),
    syncState: (orgId, userId, contactId) =>
      member(orgId, userId, `contact ${contactId}`, () =>
        syncStateOf(models().projections, models().syncPoints, orgId, userId, contactId),
      ),
    whySync: async (orgId, userId, contactId, field) => {
      const read = await member(orgId, userId, `contact ${contactId}`, () => {
        const state = syncStateOf(models().projections, models().syncPoints, orgId, userId, contactId);
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

const forbidden = (what: string): Rejection =>
  reject(
    'FORBIDDEN',
    `Rejected reading ${what}: reading another user's data or the whole history needs the audit capability; the application grants it with grantAudit() and passes it to rapport.audit(capability)`,
    { rule: 'R-AUTH-6' },
  );

/**
 * The whole-history reads for the holder of an audit capability (R-AUTH-6); `FORBIDDEN` for
 * every read without one that `grantAudit` made.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { createAuditReads, createQueries } from './queries.js';
 * import { createReadSide } from './readSide.js';
 * const readSide = createReadSide(new InMemoryEventStore());
 * const audit = createAuditReads(readSide, createQueries(readSide), undefined);
 * const read = await audit.prompts('acme', 'ann');
 * read._tag === 'Left' && read.left.code; // 'FORBIDDEN'
 */
export const createAuditReads = (
  readSide: ReadSide,
  reads: UserReads,
  capability: AuditCapability | undefined,
): AuditReads => {
  if (isGrantedAudit(capability))
    return {
      ...reads,
      teamView: (orgId) => reads.teamView(orgId, null),
      projections: async () => right((await readSide.caughtUp()).projections),
    };
  const refuse = (what: string) => () => Promise.resolve(left(forbidden(what)));
  return {
    myPeople: (orgId, userId) => refuse(`the My People of "${userId}" in ${orgId}`)(),
    teamView: (orgId) => refuse(`the team view of ${orgId}`)(),
    contact: (orgId, userId, contactId) =>
      refuse(`contact ${contactId} of ${orgId} as "${userId}" sees it`)(),
    audiences: (orgId, userId) => refuse(`the audiences of "${userId}" in ${orgId}`)(),
    members: (orgId, userId, audienceId) => refuse(`audience ${audienceId} of "${userId}" in ${orgId}`)(),
    whyMember: (orgId, userId, audienceId) => refuse(`audience ${audienceId} of "${userId}" in ${orgId}`)(),
    prompts: (orgId, userId) => refuse(`the prompts of "${userId}" in ${orgId}`)(),
    syncState: (orgId, userId, contactId) =>
      refuse(`the sync state of "${userId}" and contact ${contactId} in ${orgId}`)(),
    whySync: (orgId, userId, contactId) =>
      refuse(`the sync state of "${userId}" and contact ${contactId} in ${orgId}`)(),
    projections: refuse('the projections'),
  };
};
