/**
 * The facade's reads: My People, the team view, one contact, audiences and sync, each for a member
 * of the organization (R-AUTH-3) and read from the read models caught up with the store.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { reject, storeErrorRejection, type Rejection } from '@rapport/core';
import { audienceList, audienceMembers, whyMember } from '../audiences/read.js';
import { initialOrganizationState, roleOf } from '../organization/state.js';
import { byName, contactView } from '../projections/views.js';
import { promptsOf, syncStateOf } from '../sync/read.js';
import { explainSync } from '../sync/why.js';
import type { Rapport } from './api.js';
import type { ReadSide } from './readSide.js';

/** The reads of the facade. */
export type Queries = Omit<Rapport, 'execute' | 'react' | 'close' | 'projections' | 'saveSnapshot'>;

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
export const createQueries = (readSide: ReadSide): Queries => {
  const models = () => readSide.current();
  const member = async <A>(
    orgId: string,
    userId: string,
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
    if (roleOf(org, userId) === undefined) return left(notMember(orgId, userId, what));
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
    contact: (orgId, contactId, reader) =>
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
