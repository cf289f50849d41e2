/**
 * The checks shared by the commands that set or clear a field's value, on a contact's copy or on
 * an engagement (R-FIELD-3: a defined field, a value of its type, a holder in its scope; R-FIELD-5:
 * no new value for a retired field).
 */
import { chain, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { canonicalJson, type Rejection } from '@rapport/core';
import { checkFieldScope, validateFieldValue, type FieldScope, type FieldValue } from '../fields/index.js';
import type { FieldSetting } from '../organization/state.js';
import { entryOf } from './idRecords.js';
import { refuse, type Subject } from './rejections.js';

/** A command about one field of the organization. */
interface FieldCommand {
  readonly type: string;
  readonly fieldId: string;
}

/**
 * The field the command names, or `UNKNOWN_FIELD` when the organization does not define it.
 *
 * @example
 * import { left } from 'fp-ts/lib/Either.js';
 * import { definedField } from './fieldChanges.js';
 * definedField({ type: 'ClearFieldValue', fieldId: 'budget' }, 'contact c1', {});
 * // left({ code: 'UNKNOWN_FIELD', rule: 'R-FIELD-3',
 * //        message: 'Rejected ClearFieldValue for contact c1: field "budget" is not defined', … })
 */
export const definedField = (
  command: FieldCommand,
  subject: Subject,
  fields: Readonly<Record<string, FieldSetting>>,
): Either<Rejection, FieldSetting> => {
  const field = entryOf(fields, command.fieldId);
  return field === undefined
    ? refuse(command.type, subject, 'UNKNOWN_FIELD', `field "${command.fieldId}" is not defined`, 'R-FIELD-3')
    : right(field);
};

/**
 * The value to record when `command` sets its field over `previous`, undefined when that value is
 * held already; refused when the field is unknown or retired, the value is not of its type, or the
 * holder (`scope`) is outside the field's scope.
 *
 * @example
 * import { right } from 'fp-ts/lib/Either.js';
 * import type { FieldSetting } from '../organization/state.js';
 * import { newFieldValue } from './fieldChanges.js';
 * const fields: Record<string, FieldSetting> = {
 *   source: { definition: { fieldId: 'source', name: 'Source', valueType: { type: 'text' }, appliesTo: ['person'] }, retired: false },
 * };
 * const command = { type: 'SetFieldValue', fieldId: 'source', value: 'Referral' };
 * newFieldValue(command, 'contact c1', fields, { kind: 'person' }, null); // right({ type: 'text', value: 'Referral' })
 * newFieldValue(command, 'contact c1', fields, { kind: 'person' }, { type: 'text', value: 'Referral' }); // right(undefined)
 */
export const newFieldValue = (
  command: FieldCommand & { readonly value: unknown },
  subject: Subject,
  fields: Readonly<Record<string, FieldSetting>>,
  scope: FieldScope,
  previous: FieldValue | null,
): Either<Rejection, FieldValue | undefined> =>
  pipe(
    definedField(command, subject, fields),
    chain((field) =>
      field.retired
        ? refuse(
            command.type,
            subject,
            'FIELD_RETIRED',
            `field "${field.definition.name}" is retired`,
            'R-FIELD-5',
          )
        : pipe(
            validateFieldValue(field.definition, command.value),
            chain((value) =>
              pipe(
                checkFieldScope(field.definition, scope),
                chain(() => right(value)),
              ),
            ),
            (checked) =>
              checked._tag === 'Left'
                ? refuse(
                    command.type,
                    subject,
                    checked.left.code,
                    checked.left.message,
                    checked.left.rule ?? 'R-FIELD-3',
                    {
                      fieldId: command.fieldId,
                      ...(checked.left.path === undefined ? {} : { path: checked.left.path }),
                    },
                  )
                : right(
                    previous !== null && canonicalJson(previous) === canonicalJson(checked.right)
                      ? undefined
                      : checked.right,
                  ),
          ),
    ),
  );
