/**
 * Custom field definitions and their scope (R-FIELD-2): the entity kinds a field applies to, and
 * optional limits to some segments and stages, absent limits meaning all; whether a copy with a
 * given kind, segment and stage is in a field's scope (R-FIELD-3, R-FIELD-4).
 */
import * as t from 'io-ts';
import type { Either } from 'fp-ts/lib/Either.js';
import { left, right } from 'fp-ts/lib/Either.js';
import { NonEmptyString, reject } from '@rapport/core';
import type { Rejection } from '@rapport/core';
import { Id } from '../ids.js';
import { EntityKind, Stage } from '../vocabulary.js';
import { FieldType } from './fieldType.js';
import { distinctNonEmptyArray } from './internal/codec.js';

/**
 * A custom field definition. `appliesTo` lists the entity kinds it applies to; `segments` and
 * `stages`, when present, limit it to those segment ids and stages (absent means all, so an empty
 * limit is refused). `sectionId` places it in a custom section. Its ids are `Id`s, as the commands
 * that name the field, the segments and the section take them.
 *
 * @example
 * import { FieldDefinition } from '@rapport/domain';
 * FieldDefinition.is({
 *   fieldId: 'f_budget',
 *   name: 'Budget',
 *   valueType: { type: 'currency', currencies: ['USD'] },
 *   appliesTo: ['deal'],
 *   stages: ['potential', 'active'],
 * }); // true
 * FieldDefinition.is({ fieldId: 'f', name: 'F', valueType: { type: 'date' }, appliesTo: [] }); // false
 */
export const FieldDefinition = t.exact(
  t.intersection([
    t.type({
      fieldId: Id,
      name: NonEmptyString,
      valueType: FieldType,
      appliesTo: distinctNonEmptyArray(EntityKind, 'EntityKinds'),
    }),
    t.partial({
      segments: distinctNonEmptyArray(Id, 'SegmentIds'),
      stages: distinctNonEmptyArray(Stage, 'Stages'),
      sectionId: Id,
    }),
  ]),
  'FieldDefinition',
);
export type FieldDefinition = t.TypeOf<typeof FieldDefinition>;

/**
 * Where a copy stands: its entity kind, and its segment and stage when it has them.
 *
 * @example
 * import { FieldScope } from './definition.js';
 * FieldScope.is({ kind: 'person', segmentId: 'customer', stage: 'lead' }); // true
 * FieldScope.is({ kind: 'company' }); // true
 */
export const FieldScope = t.intersection(
  [
    t.type({ kind: EntityKind }),
    t.partial({ segmentId: t.union([t.string, t.undefined]), stage: t.union([Stage, t.undefined]) }),
  ],
  'FieldScope',
);
export type FieldScope = t.TypeOf<typeof FieldScope>;

/**
 * Why a copy is outside a field's scope, as a sentence fragment, or undefined when it is inside.
 * A limit to segments (or stages) excludes a copy that has no segment (or no stage).
 *
 * @example
 * import { outOfScopeReason } from './definition.js';
 * outOfScopeReason(
 *   { fieldId: 'f', name: 'Budget', valueType: { type: 'currency' }, appliesTo: ['person'], stages: ['lead'] },
 *   { kind: 'person', stage: 'active' },
 * ); // 'is limited to the stages lead, not active'
 */
export const outOfScopeReason = (definition: FieldDefinition, scope: FieldScope): string | undefined => {
  if (!definition.appliesTo.includes(scope.kind)) {
    return `applies to ${definition.appliesTo.join(', ')}, not to a ${scope.kind}`;
  }
  if (definition.segments !== undefined) {
    const limit = `is limited to the segments ${definition.segments.join(', ')}`;
    if (scope.segmentId === undefined) return `${limit}, and this ${scope.kind} has no segment`;
    if (!definition.segments.includes(scope.segmentId)) return `${limit}, not ${scope.segmentId}`;
  }
  if (definition.stages !== undefined) {
    const limit = `is limited to the stages ${definition.stages.join(', ')}`;
    if (scope.stage === undefined) return `${limit}, and this ${scope.kind} has no stage`;
    if (!definition.stages.includes(scope.stage)) return `${limit}, not ${scope.stage}`;
  }
  return undefined;
};

/**
 * Whether a copy of this kind, segment and stage is in the field's scope (R-FIELD-2, R-FIELD-4):
 * its kind is in `appliesTo`, and its segment and stage are in the limits when there are limits.
 *
 * @example
 * import { type FieldDefinition } from '@rapport/domain';
 * import { fieldInScope } from './definition.js';
 * const leadSource: FieldDefinition = {
 *   fieldId: 'f_source',
 *   name: 'Lead source',
 *   valueType: { type: 'pick_one', options: ['Inbound', 'Referral'] },
 *   appliesTo: ['person', 'company'],
 *   stages: ['lead', 'potential'],
 * };
 * fieldInScope(leadSource, { kind: 'person', segmentId: 'customer', stage: 'lead' }); // true
 * fieldInScope(leadSource, { kind: 'person', segmentId: 'customer', stage: 'active' }); // false
 * fieldInScope(leadSource, { kind: 'deal', stage: 'lead' }); // false
 */
export const fieldInScope = (definition: FieldDefinition, scope: FieldScope): boolean =>
  outOfScopeReason(definition, scope) === undefined;

/**
 * The same test as `fieldInScope`, as a rejection a person can read (code `FIELD_OUT_OF_SCOPE`,
 * rule R-FIELD-3) when the copy is outside the field's scope.
 *
 * @example
 * import { left } from 'fp-ts/lib/Either.js';
 * import { type FieldDefinition } from '@rapport/domain';
 * import { checkFieldScope } from './definition.js';
 * const budget: FieldDefinition = {
 *   fieldId: 'f_budget',
 *   name: 'Budget',
 *   valueType: { type: 'currency' },
 *   appliesTo: ['deal'],
 * };
 * checkFieldScope(budget, { kind: 'person' });
 * // left({ code: 'FIELD_OUT_OF_SCOPE', rule: 'R-FIELD-3',
 * //        message: 'field "Budget" applies to deal, not to a person', … })
 */
export const checkFieldScope = (
  definition: FieldDefinition,
  scope: FieldScope,
): Either<Rejection, FieldDefinition> => {
  const reason = outOfScopeReason(definition, scope);
  return reason === undefined
    ? right(definition)
    : left(
        reject('FIELD_OUT_OF_SCOPE', `field "${definition.name}" ${reason}`, {
          rule: 'R-FIELD-3',
          details: { fieldId: definition.fieldId },
        }),
      );
};
