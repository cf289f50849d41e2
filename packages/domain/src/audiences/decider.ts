/**
 * The audience decider: defining, redefining and deleting custom audiences (R-AUD-1). A filter is
 * checked against the organization's settings (segments and fields it names, values of the
 * field's type); default audience ids are reserved (R-AUD-2); a user's audience is changed only by
 * that user (R-AUTH-1), the organization's by an administrator (R-AUTH-2).
 */
import { chain, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { canonicalJson, type Decider, type Rejection } from '@rapport/core';
import { validateFieldValue, type FieldValue } from '../fields/index.js';
import { entryOf, hasEntry } from '../internal/idRecords.js';
import { refuse } from '../internal/rejections.js';
import {
  initialOrganizationState,
  roleOf,
  segmentKindOf,
  type OrganizationState,
} from '../organization/state.js';
import { requireMember } from '../rights.js';
import type { AudienceCommand } from './commands.js';
import type { AudienceEvent } from './events.js';
import type { AudienceFilter } from './filter.js';
import { defaultAudience, type Audience } from './model.js';
import { evolveAudiences, initialAudiencesState, type AudiencesState } from './state.js';

/**
 * What an audience decision reads: the organization (members, roles, settings) and its audiences.
 *
 * @example
 * import { audienceDecider } from './decider.js';
 * audienceDecider.initialState.audiences.audiences; // {}
 */
export interface AudienceDecisionState {
  readonly org: OrganizationState;
  readonly audiences: AudiencesState;
}

type Decision = Either<Rejection, ReadonlyArray<AudienceEvent>>;

/** The largest filter accepted: deeper or bigger trees are refused, so evaluation stays cheap. */
const MAX_DEPTH = 12;
const MAX_NODES = 200;

const filterProblem = (
  filter: AudienceFilter,
  org: OrganizationState,
  depth = 1,
  count = { nodes: 0 },
): string | undefined => {
  count.nodes += 1;
  if (depth > MAX_DEPTH) return `the filter nests deeper than ${MAX_DEPTH} levels`;
  if (count.nodes > MAX_NODES) return `the filter has more than ${MAX_NODES} tests`;
  switch (filter.op) {
    case 'and':
    case 'or':
      for (const inner of filter.filters) {
        const problem = filterProblem(inner, org, depth + 1, count);
        if (problem !== undefined) return problem;
      }
      return undefined;
    case 'not':
      return filterProblem(filter.filter, org, depth + 1, count);
    case 'segment': {
      const unknown = filter.in.find((id) => id !== null && segmentKindOf(org, id) === undefined);
      return unknown === undefined || unknown === null
        ? undefined
        : `segment "${unknown}" is neither built in nor defined by the organization`;
    }
    case 'field': {
      const setting = entryOf(org.fields, filter.fieldId);
      if (setting === undefined) return `field "${filter.fieldId}" is not defined`;
      if (setting.retired) return `field "${setting.definition.name}" is retired`;
      const test = filter.test;
      const values: FieldValue[] =
        test.is === 'equals'
          ? [test.value]
          : test.is === 'in'
            ? test.values
            : test.is === 'range'
              ? [test.min, test.max].filter((value): value is FieldValue => value !== undefined)
              : [];
      for (const value of values) {
        if (value.type !== setting.definition.valueType.type)
          return `field "${setting.definition.name}" holds ${setting.definition.valueType.type} values, not ${value.type}`;
        const checked = validateFieldValue(setting.definition, value.value);
        if (checked._tag === 'Left') return checked.left.message;
      }
      return undefined;
    }
    default:
      return undefined;
  }
};

const checkFilter = (
  command: AudienceCommand & { readonly filter: AudienceFilter },
  org: OrganizationState,
  subject: string,
): Either<Rejection, AudienceFilter> => {
  const problem = filterProblem(command.filter, org);
  return problem === undefined
    ? right(command.filter)
    : refuse(command.type, subject, 'AUDIENCE_FILTER_INVALID', problem, 'R-AUD-1');
};

/** A rejection unless the actor may change this audience: its owner, or an administrator for the organization's. */
const mayChange = (
  command: AudienceCommand,
  audience: Audience,
  org: OrganizationState,
  subject: string,
): Either<Rejection, Audience> => {
  if (audience.owner.owner === 'user')
    return audience.owner.userId === command.actor
      ? right(audience)
      : refuse(
          command.type,
          subject,
          'AUDIENCE_NOT_OWNER',
          `the audience belongs to "${audience.owner.userId}"; only they change it`,
          'R-AUTH-1',
        );
  return roleOf(org, command.actor) === 'administrator'
    ? right(audience)
    : refuse(
        command.type,
        subject,
        'NOT_AN_ADMINISTRATOR',
        `organization audiences are settings and need an administrator; "${command.actor}" is a ${
          roleOf(org, command.actor) ?? 'stranger'
        }`,
        'R-AUTH-2',
      );
};

const existing = (
  command: AudienceCommand,
  state: AudienceDecisionState,
  subject: string,
): Either<Rejection, Audience> => {
  if (defaultAudience(command.audienceId) !== undefined)
    return refuse(
      command.type,
      subject,
      'AUDIENCE_BUILT_IN',
      `"${command.audienceId}" is a default audience; it exists for every user and cannot be changed`,
      'R-AUD-2',
    );
  const audience = entryOf(state.audiences.audiences, command.audienceId);
  if (audience === undefined)
    return refuse(command.type, subject, 'AUDIENCE_NOT_FOUND', 'the audience does not exist', 'R-AUD-1');
  return mayChange(command, audience, state.org, subject);
};

const decide = (command: AudienceCommand, state: AudienceDecisionState): Decision => {
  const subject = `audience ${command.audienceId}`;
  return pipe(
    requireMember(state.org, command, subject),
    chain((): Decision => {
      switch (command.type) {
        case 'DefineAudience': {
          if (defaultAudience(command.audienceId) !== undefined)
            return refuse(
              command.type,
              subject,
              'AUDIENCE_BUILT_IN',
              `"${command.audienceId}" is the id of a default audience`,
              'R-AUD-2',
            );
          if (hasEntry(state.audiences.audiences, command.audienceId))
            return refuse(
              command.type,
              subject,
              'AUDIENCE_EXISTS',
              `audience id "${command.audienceId}" is already taken`,
              'R-AUD-1',
            );
          const audience: Audience = {
            audienceId: command.audienceId,
            name: command.name,
            owner:
              command.scope === 'organization'
                ? { owner: 'organization' }
                : { owner: 'user', userId: command.actor },
            filter: command.filter,
          };
          return pipe(
            mayChange(command, audience, state.org, subject),
            chain(() => checkFilter(command, state.org, subject)),
            chain(() =>
              right([{ type: 'AudienceDefined' as const, data: { orgId: command.orgId, audience } }]),
            ),
          );
        }
        case 'RedefineAudience':
          return pipe(
            existing(command, state, subject),
            chain((audience) =>
              pipe(
                checkFilter(command, state.org, subject),
                chain((filter): Decision => {
                  const name = command.name ?? audience.name;
                  if (name === audience.name && canonicalJson(filter) === canonicalJson(audience.filter))
                    return right([]);
                  return right([
                    {
                      type: 'AudienceRedefined',
                      data: {
                        orgId: command.orgId,
                        audienceId: command.audienceId,
                        name,
                        filter,
                        previous: { name: audience.name, filter: audience.filter },
                      },
                    },
                  ]);
                }),
              ),
            ),
          );
        case 'DeleteAudience':
          return pipe(
            existing(command, state, subject),
            chain((audience) =>
              right([
                {
                  type: 'AudienceDeleted' as const,
                  data: { orgId: command.orgId, audienceId: command.audienceId, previous: audience },
                },
              ]),
            ),
          );
      }
    }),
  );
};

/**
 * The audience decider. Its state pairs the organization (read, never changed here) with the
 * organization's audiences.
 *
 * @example
 * import { audienceDecider } from './decider.js';
 * import { organizationDecider } from '../organization/decider.js';
 * const org = { ...organizationDecider.initialState, orgId: 'acme', members: { ann: 'member' as const } };
 * audienceDecider.decide(
 *   { type: 'DefineAudience', actor: 'ann', orgId: 'acme', audienceId: 'vips', name: 'VIPs', filter: { op: 'tags', match: 'any', tags: ['VIP'] } },
 *   { ...audienceDecider.initialState, org },
 * )._tag; // 'Right'
 */
export const audienceDecider: Decider<AudienceCommand, AudienceDecisionState, AudienceEvent> = {
  decide,
  evolve: (state, event) => ({ org: state.org, audiences: evolveAudiences(state.audiences, event) }),
  initialState: { org: initialOrganizationState, audiences: initialAudiencesState },
};
