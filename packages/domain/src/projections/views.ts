/**
 * What a reader sees of a contact, derived from the documents at read time: keep-in-touch
 * (R-SEG-5, never stored), the current step with its reminder due date and rendered email
 * (R-STEP-5), custom field values with their scope status (R-FIELD-4) minus retired fields
 * (R-FIELD-5), tags, information, assignees, projects and deals, and the archived state.
 */
import * as t from 'io-ts';
import { Id } from '../ids.js';
import { ContactKind, SegmentKind, Stage } from '../vocabulary.js';
import { FieldValue, fieldInScope, formatFieldValue, type FieldDefinition } from '../fields/index.js';
import { RenderedEmail, reminderDueDate, renderEmailTemplate } from '../steps/index.js';
import { ContactInfoItem, CopyRef } from '../contact/model.js';
import { checklistOf, segmentKindOf, type OrganizationState } from '../organization/state.js';
import { entryOf, setEntry } from '../internal/idRecords.js';
import { ChangeMark, type ContactLinks, type CopyDocument, EngagementDocument } from './documents.js';

/**
 * The current step of a copy as shown: its title, when it was set, when its reminder is due (as
 * given when the step was set, R-STEP-6), its email rendered over the contact's fields, with the
 * placeholders nothing filled (R-STEP-5), and why it is retired when its checklist dropped it
 * (R-STEP-7).
 *
 * @example
 * import { StepView } from '@rapport/domain';
 * StepView.is({ stepId: 'call', title: 'Call', setAt: '2026-11-23T09:30:00.000Z', reminderDue: '2026-11-25', email: null, retired: null }); // true
 */
export const StepView = t.type(
  {
    stepId: Id,
    title: t.string,
    setAt: t.union([t.string, t.null]),
    reminderDue: t.union([t.string, t.null]),
    email: t.union([RenderedEmail, t.null]),
    /** Why the step is retired (R-STEP-7): its checklist no longer has it; null while it has. */
    retired: t.union([t.string, t.null]),
  },
  'StepView',
);
export type StepView = t.TypeOf<typeof StepView>;

/**
 * A custom field value as shown: the value, its display text, whether it is in the copy's current
 * scope (R-FIELD-4: an out-of-scope value is kept and reported, not shown), and the options it
 * holds that its field no longer offers (R-SET-1: a retired option's values stay and are reported).
 *
 * @example
 * import { FieldView } from '@rapport/domain';
 * FieldView.is({ fieldId: 'budget', name: 'Budget', sectionId: null, value: { type: 'decimal', value: '10.5' }, display: '10.5', inScope: true, retiredOptions: [] }); // true
 */
export const FieldView = t.type(
  {
    fieldId: Id,
    name: t.string,
    sectionId: t.union([t.string, t.null]),
    value: FieldValue,
    display: t.string,
    inScope: t.boolean,
    retiredOptions: t.array(t.string),
  },
  'FieldView',
);
export type FieldView = t.TypeOf<typeof FieldView>;

/**
 * One contact as a reader sees it, in a user's My People or in the team view.
 *
 * @example
 * import { ContactView } from '@rapport/domain';
 * ContactView.is({
 *   contactId: 'c1', kind: 'person', owner: { owner: 'team' }, name: 'Ada', stage: null, segment: null,
 *   segmentKind: null, keepInTouch: false, step: null, fields: [], tags: [], info: [], assignees: [],
 *   engagements: [], archived: false, changes: {},
 * }); // true
 */
export const ContactView = t.type(
  {
    contactId: Id,
    kind: ContactKind,
    owner: CopyRef,
    name: t.string,
    stage: t.union([Stage, t.null]),
    segment: t.union([Id, t.null]),
    segmentKind: t.union([SegmentKind, t.null]),
    keepInTouch: t.boolean,
    step: t.union([StepView, t.null]),
    fields: t.array(FieldView),
    tags: t.array(t.string),
    info: t.array(ContactInfoItem),
    assignees: t.array(Id),
    engagements: t.array(Id),
    archived: t.boolean,
    changes: t.record(t.string, ChangeMark),
  },
  'ContactView',
);
export type ContactView = t.TypeOf<typeof ContactView>;

/**
 * Whether keep-in-touch is enabled: a stage is set and the segment is a business segment (R-SEG-5).
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { keepInTouch } from './views.js';
 * keepInTouch(initialOrganizationState, { stage: 'lead', segment: 'customer' }); // true
 * keepInTouch(initialOrganizationState, { stage: null, segment: 'customer' }); // false
 */
export const keepInTouch = (
  org: OrganizationState,
  copy: { readonly stage: Stage | null; readonly segment: string | null },
): boolean => copy.stage !== null && copy.segment !== null && segmentKindOf(org, copy.segment) === 'business';

/**
 * The values `{{placeholders}}` of an email template read: `name`, `stage`, `segment`, the first
 * `email`, `phone`, `address` and `website` of the copy, and every in-scope custom field by its id.
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { templateValues } from './views.js';
 * templateValues(initialOrganizationState, {
 *   contactId: 'c1', kind: 'person', owner: { owner: 'team' }, name: 'Ada', stage: null, segment: null, step: null,
 *   fields: {}, tags: [], info: {}, archived: false, stepSetAt: null, stepDefinition: null, changes: {},
 * }).name; // 'Ada'
 */
export const templateValues = (org: OrganizationState, copy: CopyDocument): Record<string, string> => {
  const values: Record<string, string> = {
    name: copy.name,
    stage: copy.stage ?? '',
    segment: copy.segment ?? '',
  };
  for (const item of Object.values(copy.info))
    if (values[item.kind] === undefined) values[item.kind] = item.value;
  for (const field of fieldViews(org, copy))
    if (field.inScope) setEntry(values, field.fieldId, field.display);
  return values;
};

const fieldViews = (org: OrganizationState, copy: CopyDocument): FieldView[] =>
  Object.entries(copy.fields)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([fieldId, value]) => {
      const setting = entryOf(org.fields, fieldId);
      if (setting === undefined || setting.retired) return [];
      return [
        {
          fieldId,
          name: setting.definition.name,
          sectionId: setting.definition.sectionId ?? null,
          value,
          display: formatFieldValue(value),
          inScope: fieldInScope(setting.definition, {
            kind: copy.kind,
            segmentId: copy.segment ?? undefined,
            stage: copy.stage ?? undefined,
          }),
          retiredOptions: retiredOptions(setting.definition, value),
        },
      ];
    });

/** The options a pick value holds that its field no longer offers (R-SET-1); none for other values. */
const retiredOptions = (definition: FieldDefinition, value: FieldValue): string[] => {
  const { valueType } = definition;
  if (valueType.type !== 'pick_one' && valueType.type !== 'pick_many') return [];
  const held = value.type === 'pick_one' ? [value.value] : value.type === 'pick_many' ? value.value : [];
  return held.filter((option) => !valueType.options.includes(option));
};

const stepView = (org: OrganizationState, copy: CopyDocument): StepView | null => {
  if (copy.step === null) return null;
  const current =
    copy.segment === null || copy.stage === null
      ? undefined
      : checklistOf(org, copy.segment, copy.stage).find((step) => step.stepId === copy.step);
  // The step as it was given: its reminder stays (R-STEP-6), and a step the checklist dropped
  // keeps its title and email (R-STEP-7). A copy projected before steps were kept has none.
  const given = copy.stepDefinition ?? current;
  const definition = current ?? given;
  return {
    stepId: copy.step,
    title: definition?.title ?? copy.step,
    setAt: copy.stepSetAt,
    reminderDue:
      given?.reminder === undefined || copy.stepSetAt === null
        ? null
        : reminderDueDate(copy.stepSetAt, given.reminder.afterDays),
    email:
      definition?.emailTemplate === undefined
        ? null
        : renderEmailTemplate(definition.emailTemplate, templateValues(org, copy)),
    retired:
      current !== undefined
        ? null
        : `step "${copy.step}" is no longer in the checklist of segment ${copy.segment ?? 'none'} and stage ${
            copy.stage ?? 'none'
          }: completing it makes no step current`,
  };
};

/**
 * The view of one copy, given the organization's settings and the contact's links.
 *
 * @example
 * import { contactView, initialOrganizationState } from '@rapport/domain';
 * const view = contactView(initialOrganizationState, {
 *   contactId: 'c1', kind: 'person', owner: { owner: 'team' }, name: 'Ada', stage: 'lead', segment: 'customer', step: null,
 *   fields: {}, tags: [], info: {}, archived: false, stepSetAt: null, stepDefinition: null, changes: {},
 * }, { contactId: 'c1', assignees: [], engagements: [], withdrawn: [] });
 * view.keepInTouch; // true
 */
export const contactView = (
  org: OrganizationState,
  copy: CopyDocument,
  links: ContactLinks,
): ContactView => ({
  contactId: copy.contactId,
  kind: copy.kind,
  owner: copy.owner,
  name: copy.name,
  stage: copy.stage,
  segment: copy.segment,
  segmentKind: copy.segment === null ? null : (segmentKindOf(org, copy.segment) ?? null),
  keepInTouch: keepInTouch(org, copy),
  step: stepView(org, copy),
  fields: fieldViews(org, copy),
  tags: [...copy.tags],
  info: Object.values(copy.info).sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0)),
  assignees: [...links.assignees],
  engagements: [...links.engagements],
  archived: copy.archived,
  changes: copy.changes,
});

/**
 * A user's My People in an organization.
 *
 * @example
 * import { MyPeopleView } from '@rapport/domain';
 * MyPeopleView.is({ orgId: 'acme', userId: 'ann', contacts: [] }); // true
 */
export const MyPeopleView = t.type({ orgId: Id, userId: Id, contacts: t.array(ContactView) }, 'MyPeopleView');
export type MyPeopleView = t.TypeOf<typeof MyPeopleView>;

/**
 * The team view of an organization: the shared contacts and the projects and deals.
 *
 * @example
 * import { TeamView } from '@rapport/domain';
 * TeamView.is({ orgId: 'acme', contacts: [], engagements: [] }); // true
 */
export const TeamView = t.type(
  { orgId: Id, contacts: t.array(ContactView), engagements: t.array(EngagementDocument) },
  'TeamView',
);
export type TeamView = t.TypeOf<typeof TeamView>;

/**
 * Contacts in reading order: by name, then by id.
 *
 * @example
 * import { byName } from '@rapport/domain';
 * [{ name: 'Bo', contactId: '1' }, { name: 'Al', contactId: '2' }].sort(byName)[0]?.name; // 'Al'
 */
export const byName = (
  a: { readonly name: string; readonly contactId: string },
  b: { readonly name: string; readonly contactId: string },
): number =>
  a.name.localeCompare(b.name) || (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0);
