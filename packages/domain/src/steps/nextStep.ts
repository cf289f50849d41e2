/**
 * Next steps and checklists (R-STEP-1): per (segment, stage), an ordered list of steps with
 * distinct ids, each with an optional reminder and email template; the step that follows another
 * when it is completed (R-STEP-3).
 */
import * as t from 'io-ts';
import { NonEmptyString, NonNegativeInteger } from '@rapport/core';
import { Id } from '../ids.js';
import { Stage } from '../vocabulary.js';
import { EmailTemplate } from './emailTemplate.js';

/**
 * The longest reminder delay, in days (a hundred years).
 *
 * @example
 * import { MAX_REMINDER_DAYS, Reminder } from './nextStep.js';
 * Reminder.is({ afterDays: MAX_REMINDER_DAYS + 1 }); // false
 */
export const MAX_REMINDER_DAYS = 36_500;

/**
 * A reminder: due `afterDays` whole days (0 to `MAX_REMINDER_DAYS`) after the step was set.
 *
 * @example
 * import { Reminder } from './nextStep.js';
 * Reminder.is({ afterDays: 3 }); // true
 * Reminder.is({ afterDays: 1.5 }); // false
 */
export const Reminder = t.exact(
  t.type({
    afterDays: new t.Type<number, number, unknown>(
      'ReminderDays',
      (u): u is number => NonNegativeInteger.is(u) && u <= MAX_REMINDER_DAYS,
      (u, c) =>
        NonNegativeInteger.is(u) && u <= MAX_REMINDER_DAYS
          ? t.success(u)
          : t.failure(u, c, `expected a whole number of days from 0 to ${MAX_REMINDER_DAYS}`),
      t.identity,
    ),
  }),
  'Reminder',
);
export type Reminder = t.TypeOf<typeof Reminder>;

/**
 * A step of a checklist: an id (an `Id`, as `SetNextStep` takes it), a title, an optional reminder
 * and an optional email template.
 *
 * @example
 * import { NextStepDefinition } from '@rapport/domain';
 * NextStepDefinition.is({
 *   stepId: 'send-proposal',
 *   title: 'Send the proposal',
 *   reminder: { afterDays: 3 },
 *   emailTemplate: { subject: 'Proposal for {{company}}', body: 'Hello {{ firstName }},' },
 * }); // true
 */
export const NextStepDefinition = t.exact(
  t.intersection([
    t.type({ stepId: Id, title: NonEmptyString }),
    t.partial({ reminder: Reminder, emailTemplate: EmailTemplate }),
  ]),
  'NextStepDefinition',
);
export type NextStepDefinition = t.TypeOf<typeof NextStepDefinition>;

const Steps = t.array(NextStepDefinition);

/**
 * The ordered steps of a checklist, with distinct step ids. An empty list means no steps.
 *
 * @example
 * import { ChecklistSteps } from './nextStep.js';
 * ChecklistSteps.is([{ stepId: 'a', title: 'Call' }, { stepId: 'b', title: 'Meet' }]); // true
 * ChecklistSteps.is([{ stepId: 'a', title: 'Call' }, { stepId: 'a', title: 'Meet' }]); // false
 */
export const ChecklistSteps = new t.Type<NextStepDefinition[], NextStepDefinition[], unknown>(
  'ChecklistSteps',
  (u): u is NextStepDefinition[] => Steps.is(u) && distinctIds(u),
  (u, c) => {
    const decoded = Steps.validate(u, c);
    if (decoded._tag === 'Left' || distinctIds(decoded.right)) return decoded;
    return t.failure(u, c, 'expected steps with distinct step ids');
  },
  Steps.encode,
);
export type ChecklistSteps = t.TypeOf<typeof ChecklistSteps>;

function distinctIds(steps: readonly NextStepDefinition[]): boolean {
  return new Set(steps.map((step) => step.stepId)).size === steps.length;
}

/**
 * The checklist of one (segment, stage) pair (R-STEP-1).
 *
 * @example
 * import { Checklist } from '@rapport/domain';
 * Checklist.is({ segmentId: 'customer', stage: 'lead', steps: [{ stepId: 'call', title: 'First call' }] }); // true
 */
export const Checklist = t.exact(t.type({ segmentId: Id, stage: Stage, steps: ChecklistSteps }), 'Checklist');
export type Checklist = t.TypeOf<typeof Checklist>;

/**
 * The step with this id in a checklist, or undefined when the checklist has no such step (R-STEP-2).
 *
 * @example
 * import { findStep } from './nextStep.js';
 * findStep({ steps: [{ stepId: 'call', title: 'First call' }] }, 'call')?.title; // 'First call'
 */
export const findStep = (
  checklist: { readonly steps: readonly NextStepDefinition[] },
  stepId: string,
): NextStepDefinition | undefined => checklist.steps.find((step) => step.stepId === stepId);

/**
 * The step that follows `stepId` in the checklist (R-STEP-3): undefined after the last step, and
 * also when `stepId` is not in the checklist (check membership with `findStep`).
 *
 * @example
 * import { nextStepAfter } from '@rapport/domain';
 * const checklist = { steps: [{ stepId: 'call', title: 'Call' }, { stepId: 'meet', title: 'Meet' }] };
 * nextStepAfter(checklist, 'call')?.stepId; // 'meet'
 * nextStepAfter(checklist, 'meet'); // undefined
 */
export const nextStepAfter = (
  checklist: { readonly steps: readonly NextStepDefinition[] },
  stepId: string,
): NextStepDefinition | undefined => {
  const index = checklist.steps.findIndex((step) => step.stepId === stepId);
  return index < 0 ? undefined : checklist.steps[index + 1];
};
