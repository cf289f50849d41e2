/**
 * The organization decider: creation, members and roles (R-AUTH-2, R-AUTH-3) and settings
 * (R-SEG-2, R-STEP-1, R-FIELD-2, R-FIELD-5). Settings need an administrator.
 */
import { right, type Either } from 'fp-ts/lib/Either.js';
import type { Decider, Rejection } from '@rapport/core';
import { canonicalJson } from '@rapport/core';
import { absurd } from '../internal/absurd.js';
import { entryOf, hasEntry } from '../internal/idRecords.js';
import { refuse } from '../internal/rejections.js';
import { requireAdministrator } from '../rights.js';
import { builtInSegmentKind } from '../vocabulary.js';
import type { FieldDefinition } from '../fields/definition.js';
import type { OrganizationCommand } from './commands.js';
import type { OrganizationEvent } from './events.js';
import {
  checklistKey,
  evolveOrganization,
  initialOrganizationState,
  roleOf,
  segmentKindOf,
  type OrganizationState,
} from './state.js';

type Decision = Either<Rejection, ReadonlyArray<OrganizationEvent>>;
const none: Decision = right([]);

const administrators = (org: OrganizationState): number =>
  Object.values(org.members).filter((role) => role === 'administrator').length;

/**
 * Why a field definition's limits can never be met for one of the entity kinds it applies to
 * (R-FIELD-6), as the rest of a rejection's sentence, or undefined when each kind can meet them:
 * projects and deals have no segment, so a segment limit shuts them out; a copy in a personal
 * segment has no stage (R-STAGE-5), so a stage limit beside a limit to personal segments only
 * shuts persons and companies out.
 */
const unmeetableLimit = (org: OrganizationState, definition: FieldDefinition): string | undefined => {
  const { appliesTo, segments, stages } = definition;
  if (segments === undefined) return undefined;
  const engagements = appliesTo.filter((kind) => kind === 'project' || kind === 'deal');
  if (engagements.length > 0)
    return `field "${definition.fieldId}" applies to ${engagements.join(' and ')}, which have no segment, but is limited to the segments ${segments.join(', ')}: it could never be set there. Define one field for contacts with the segment limit and another for ${engagements.join(' and ')} without it`;
  if (stages !== undefined && segments.every((id) => segmentKindOf(org, id) === 'personal'))
    return `field "${definition.fieldId}" is limited to the stages ${stages.join(', ')} and to the personal segments ${segments.join(', ')}, but a copy in a personal segment has no stage (R-STAGE-5): it could never be set. Drop the stage limit or add a business segment`;
  return undefined;
};

const decideCommand = (command: OrganizationCommand, org: OrganizationState): Decision => {
  const subject = `organization ${command.orgId}`;
  const asAdministrator = (then: () => Decision): Decision => {
    const role = requireAdministrator(org, command, subject);
    return role._tag === 'Left' ? role : then();
  };
  const memberMustExist = (userId: string, then: () => Decision): Decision =>
    roleOf(org, userId) === undefined
      ? refuse(command.type, subject, 'MEMBER_NOT_FOUND', `user "${userId}" is not a member`, 'R-AUTH-2')
      : then();
  /** What a field's definition must meet, defined or changed: known segments and section, limits that can be met. */
  const definitionProblem = (definition: FieldDefinition): Decision | undefined => {
    const unknownSegment = (definition.segments ?? []).find((id) => segmentKindOf(org, id) === undefined);
    if (unknownSegment !== undefined)
      return refuse(
        command.type,
        subject,
        'UNKNOWN_SEGMENT',
        `segment "${unknownSegment}" is not defined`,
        'R-FIELD-2',
      );
    const unmeetable = unmeetableLimit(org, definition);
    if (unmeetable !== undefined)
      return refuse(command.type, subject, 'FIELD_SCOPE_UNMEETABLE', unmeetable, 'R-FIELD-6');
    if (definition.sectionId !== undefined && !hasEntry(org.sections, definition.sectionId))
      return refuse(
        command.type,
        subject,
        'UNKNOWN_SECTION',
        `section "${definition.sectionId}" is not defined`,
        'R-FIELD-2',
      );
    return undefined;
  };
  const lastAdministrator = (userId: string): boolean =>
    roleOf(org, userId) === 'administrator' && administrators(org) === 1;
  switch (command.type) {
    case 'CreateOrganization':
      return org.orgId !== null
        ? refuse(command.type, subject, 'ORGANIZATION_EXISTS', 'the organization already exists', 'D-ORG-1')
        : right([
            {
              type: 'OrganizationCreated',
              data: { orgId: command.orgId, name: command.name, createdBy: command.actor },
            },
            {
              type: 'MemberAdded',
              data: { orgId: command.orgId, userId: command.actor, role: 'administrator' },
            },
          ]);
    case 'AddMember':
      return asAdministrator(() =>
        roleOf(org, command.userId) !== undefined
          ? refuse(
              command.type,
              subject,
              'MEMBER_EXISTS',
              `user "${command.userId}" is already a member; change their role instead`,
              'D-ORG-2',
            )
          : right([
              {
                type: 'MemberAdded',
                data: { orgId: command.orgId, userId: command.userId, role: command.role },
              },
            ]),
      );
    case 'ChangeMemberRole':
      return asAdministrator(() =>
        memberMustExist(command.userId, () => {
          const previous = roleOf(org, command.userId) ?? command.role;
          if (previous === command.role) return none;
          if (lastAdministrator(command.userId))
            return refuse(
              command.type,
              subject,
              'LAST_ADMINISTRATOR',
              `user "${command.userId}" is the last administrator`,
              'D-ORG-3',
            );
          return right([
            {
              type: 'MemberRoleChanged',
              data: { orgId: command.orgId, userId: command.userId, role: command.role, previous },
            },
          ]);
        }),
      );
    case 'RemoveMember':
      return asAdministrator(() =>
        memberMustExist(command.userId, () =>
          lastAdministrator(command.userId)
            ? refuse(
                command.type,
                subject,
                'LAST_ADMINISTRATOR',
                `user "${command.userId}" is the last administrator`,
                'D-ORG-3',
              )
            : right([
                {
                  type: 'MemberRemoved',
                  data: {
                    orgId: command.orgId,
                    userId: command.userId,
                    previous: roleOf(org, command.userId) ?? 'member',
                  },
                },
              ]),
        ),
      );
    case 'DefineSegment':
      return asAdministrator(() =>
        builtInSegmentKind(command.segmentId) !== undefined || hasEntry(org.segments, command.segmentId)
          ? refuse(
              command.type,
              subject,
              'SEGMENT_EXISTS',
              `segment id "${command.segmentId}" is already taken`,
              'R-SEG-2',
            )
          : right([
              {
                type: 'SegmentDefined',
                data: {
                  orgId: command.orgId,
                  segment: { segmentId: command.segmentId, name: command.name, kind: command.kind },
                },
              },
            ]),
      );
    case 'DefineChecklist':
      return asAdministrator(() => {
        if (segmentKindOf(org, command.segmentId) === undefined)
          return refuse(
            command.type,
            subject,
            'UNKNOWN_SEGMENT',
            `segment "${command.segmentId}" is not defined`,
            'R-STEP-1',
          );
        if (segmentKindOf(org, command.segmentId) === 'personal')
          return refuse(
            command.type,
            subject,
            'CHECKLIST_PERSONAL_SEGMENT',
            `segment "${command.segmentId}" is personal and has no stages, so no checklist`,
            'R-STAGE-5',
          );
        const previous = entryOf(org.checklists, checklistKey(command.segmentId, command.stage)) ?? null;
        if (previous !== null && canonicalJson(previous) === canonicalJson(command.steps)) return none;
        return right([
          {
            type: 'ChecklistDefined',
            data: {
              orgId: command.orgId,
              segmentId: command.segmentId,
              stage: command.stage,
              steps: command.steps,
              previous,
            },
          },
        ]);
      });
    case 'DefineField':
      return asAdministrator(() => {
        const { definition } = command;
        if (hasEntry(org.fields, definition.fieldId))
          return refuse(
            command.type,
            subject,
            'FIELD_EXISTS',
            `field id "${definition.fieldId}" is already taken`,
            'R-FIELD-2',
          );
        const problem = definitionProblem(definition);
        if (problem !== undefined) return problem;
        return right([{ type: 'FieldDefined', data: { orgId: command.orgId, definition } }]);
      });
    case 'RedefineField':
      return asAdministrator(() => {
        const { definition } = command;
        const field = entryOf(org.fields, definition.fieldId);
        if (field === undefined)
          return refuse(
            command.type,
            subject,
            'UNKNOWN_FIELD',
            `field "${definition.fieldId}" is not defined`,
            'R-SET-1',
          );
        if (field.retired)
          return refuse(
            command.type,
            subject,
            'FIELD_RETIRED',
            `field "${field.definition.name}" is retired; its definition no longer changes`,
            'R-FIELD-5',
          );
        const previous = field.definition;
        if (definition.valueType.type !== previous.valueType.type)
          return refuse(
            command.type,
            subject,
            'FIELD_TYPE_CHANGED',
            `field "${previous.name}" holds ${previous.valueType.type} values, not ${definition.valueType.type}: the kind of a field's values never changes, so that every value set stays readable. Define a new field and retire this one`,
            'R-SET-1',
          );
        const problem = definitionProblem(definition);
        if (problem !== undefined) return problem;
        if (canonicalJson(definition) === canonicalJson(previous)) return none;
        return right([{ type: 'FieldRedefined', data: { orgId: command.orgId, definition, previous } }]);
      });
    case 'RetireField':
      return asAdministrator(() => {
        const field = entryOf(org.fields, command.fieldId);
        if (field === undefined)
          return refuse(
            command.type,
            subject,
            'UNKNOWN_FIELD',
            `field "${command.fieldId}" is not defined`,
            'R-FIELD-5',
          );
        return field.retired
          ? none
          : right([{ type: 'FieldRetired', data: { orgId: command.orgId, fieldId: command.fieldId } }]);
      });
    case 'DefineSection':
      return asAdministrator(() =>
        hasEntry(org.sections, command.sectionId)
          ? refuse(
              command.type,
              subject,
              'SECTION_EXISTS',
              `section id "${command.sectionId}" is already taken`,
              'R-FIELD-2',
            )
          : right([
              {
                type: 'SectionDefined',
                data: { orgId: command.orgId, section: { sectionId: command.sectionId, name: command.name } },
              },
            ]),
      );
    default:
      return absurd(command);
  }
};

/**
 * The organization decider (`decide`, `evolve`, `initialState`).
 *
 * @example
 * import { organizationDecider } from './decider.js';
 * const decision = organizationDecider.decide(
 *   { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
 *   organizationDecider.initialState,
 * );
 * decision._tag; // 'Right': OrganizationCreated, then MemberAdded (ann, administrator)
 */
export const organizationDecider: Decider<OrganizationCommand, OrganizationState, OrganizationEvent> = {
  decide: decideCommand,
  evolve: evolveOrganization,
  initialState: initialOrganizationState,
};
