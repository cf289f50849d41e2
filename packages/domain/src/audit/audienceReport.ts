/**
 * A member's audiences as a report (R-AUD-2, R-AUD-3): the defaults, then their own and the
 * organization's custom audiences, each with its members in the member's My People; and, for one
 * contact, why it is or is not in each of them. Read from the read models, live or as of a point.
 */
import * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { reject, type Rejection } from '@rapport/core';
import { audienceList, whyMember } from '../audiences/read.js';
import { memberReading } from './internal/reader.js';
import type { ReadModels } from './readModels.js';

/**
 * One contact of an audience: its id and its name in the member's copy.
 *
 * @example
 * import { AudienceMember } from './audienceReport.js';
 * AudienceMember.is({ contactId: 'ada', name: 'Ada Lovelace' }); // true
 */
export const AudienceMember = t.type({ contactId: t.string, name: t.string }, 'AudienceMember');
export type AudienceMember = t.TypeOf<typeof AudienceMember>;

/**
 * One audience of a member: whose it is (`default`, `organization` or `user`), how many contacts
 * it holds and which, by name.
 *
 * @example
 * import { AudienceEntry } from './audienceReport.js';
 * AudienceEntry.is({ audienceId: 'my-focus', name: 'My Focus', owner: 'default', count: 0, members: [] }); // true
 */
export const AudienceEntry = t.type(
  {
    audienceId: t.string,
    name: t.string,
    owner: t.keyof({ default: null, organization: null, user: null }),
    count: t.number,
    members: t.array(AudienceMember),
  },
  'AudienceEntry',
);
export type AudienceEntry = t.TypeOf<typeof AudienceEntry>;

/**
 * A member's audiences at a position of the history.
 *
 * @example
 * import { AudienceReport } from '@rapport/domain';
 * AudienceReport.is({ orgId: 'acme', userId: 'ann', position: 3, audiences: [] }); // true
 */
export const AudienceReport = t.type(
  { orgId: t.string, userId: t.string, position: t.number, audiences: t.array(AudienceEntry) },
  'AudienceReport',
);
export type AudienceReport = t.TypeOf<typeof AudienceReport>;

const byName = (a: AudienceMember, b: AudienceMember): number =>
  a.name.localeCompare(b.name, 'en') || (a.contactId < b.contactId ? -1 : 1);

/**
 * The audiences of a member, with their members in the member's My People.
 *
 * @example
 * import { audienceReport, ReadModels } from '@rapport/domain';
 * audienceReport(new ReadModels(), 'acme', 'ann')._tag; // 'Left': no organization acme
 */
export const audienceReport = (
  models: ReadModels,
  orgId: string,
  userId: string,
): Either<Rejection, AudienceReport> => {
  const allowed = memberReading(models.projections, orgId, userId, `the audiences of "${userId}"`);
  if (allowed._tag === 'Left') return allowed;
  const view = { owner: 'user' as const, userId };
  const entry = (
    audience: { readonly audienceId: string; readonly name: string },
    owner: AudienceEntry['owner'],
  ): AudienceEntry => {
    const members = models.membership
      .members(orgId, view, audience.audienceId)
      .map((contactId) => ({
        contactId,
        name: models.projections.copy(orgId, view, contactId)?.name ?? contactId,
      }))
      .sort(byName);
    return { audienceId: audience.audienceId, name: audience.name, owner, count: members.length, members };
  };
  const { defaults, custom } = audienceList(models.membership, orgId, userId);
  return right({
    orgId,
    userId,
    position: models.checkpoint,
    audiences: [
      ...defaults.map((audience) => entry(audience, 'default')),
      ...custom.map((audience) => entry(audience, audience.owner.owner)),
    ],
  });
};

/**
 * Why one contact is or is not in an audience: the verdict, the rule that decided and a sentence.
 *
 * @example
 * import { MembershipVerdict } from '@rapport/domain';
 * MembershipVerdict.is({ audienceId: 'leads', name: 'Leads', member: false, rule: 'R-AUD-1', summary: 'Ada is not in audience leads: …' }); // true
 */
export const MembershipVerdict = t.type(
  { audienceId: t.string, name: t.string, member: t.boolean, rule: t.string, summary: t.string },
  'MembershipVerdict',
);
export type MembershipVerdict = t.TypeOf<typeof MembershipVerdict>;

/**
 * Why a contact of a member's My People is, or is not, in each of the member's audiences.
 *
 * @example
 * import { membershipVerdicts, ReadModels } from '@rapport/domain';
 * membershipVerdicts(new ReadModels(), 'acme', 'ann', 'ada')._tag; // 'Left': no organization acme
 */
export const membershipVerdicts = (
  models: ReadModels,
  orgId: string,
  userId: string,
  contactId: string,
): Either<Rejection, ReadonlyArray<MembershipVerdict>> => {
  const allowed = memberReading(models.projections, orgId, userId, `why ${contactId} is in an audience`);
  if (allowed._tag === 'Left') return allowed;
  if (models.projections.copy(orgId, { owner: 'user', userId }, contactId) === undefined)
    return left(
      reject(
        'CONTACT_NOT_FOUND',
        `Rejected reading why for contact ${contactId}: it is not in the My People of "${userId}"`,
        { rule: 'R-AUD-1' },
      ),
    );
  const { defaults, custom } = audienceList(models.membership, orgId, userId);
  const verdicts: MembershipVerdict[] = [];
  for (const audience of [...defaults, ...custom]) {
    const why = whyMember(
      models.projections,
      models.membership,
      orgId,
      userId,
      audience.audienceId,
      contactId,
      'mine',
    );
    if (why._tag === 'Left') return why;
    const { member, rule, summary } = why.right;
    verdicts.push({ audienceId: audience.audienceId, name: audience.name, member, rule, summary });
  }
  return right(verdicts);
};
