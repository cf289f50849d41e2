/**
 * The facts an audience filter reads of one copy, taken from the projections' documents and the
 * organization's settings: keep-in-touch is derived (R-SEG-5), and a custom field value counts
 * only when a reader sees it: in scope (R-FIELD-4) and not retired (R-FIELD-5).
 */
import { fieldInScope, type FieldValue } from '../fields/index.js';
import { segmentKindOf, type OrganizationState } from '../organization/state.js';
import type { ContactLinks, CopyDocument } from '../projections/documents.js';
import { keepInTouch } from '../projections/views.js';
import { tagKey } from '../tags.js';
import type { CopyFacts } from './filter.js';
import { entryOf, setEntry } from '../internal/idRecords.js';

/**
 * The custom field values of a copy a reader sees: not retired, in the copy's current scope.
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { visibleFieldValues } from './facts.js';
 * visibleFieldValues(initialOrganizationState, {
 *   contactId: 'c1', kind: 'person', owner: { owner: 'team' }, name: 'Ada', stage: null, segment: null, step: null,
 *   fields: { gone: { type: 'text', value: 'x' } }, tags: [], info: {}, archived: false, stepSetAt: null, stepDefinition: null, changes: {},
 * }); // {} — "gone" is not defined
 */
export const visibleFieldValues = (
  org: OrganizationState,
  copy: CopyDocument,
): Record<string, FieldValue> => {
  const visible: Record<string, FieldValue> = {};
  for (const [fieldId, value] of Object.entries(copy.fields)) {
    const setting = entryOf(org.fields, fieldId);
    if (setting === undefined || setting.retired) continue;
    const scope = { kind: copy.kind, segmentId: copy.segment ?? undefined, stage: copy.stage ?? undefined };
    if (fieldInScope(setting.definition, scope)) setEntry(visible, fieldId, value);
  }
  return visible;
};

/**
 * The facts of one copy, as filters read them.
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { copyFacts } from './facts.js';
 * copyFacts(initialOrganizationState, {
 *   contactId: 'c1', kind: 'person', owner: { owner: 'team' }, name: 'Ada', stage: 'lead', segment: 'customer', step: null,
 *   fields: {}, tags: ['VIP'], info: {}, archived: false, stepSetAt: null, stepDefinition: null, changes: {},
 * }, { contactId: 'c1', assignees: ['bob'], engagements: [], withdrawn: [] }).keepInTouch; // true
 */
export const copyFacts = (org: OrganizationState, copy: CopyDocument, links: ContactLinks): CopyFacts => ({
  kind: copy.kind,
  stage: copy.stage,
  segment: copy.segment,
  segmentKind: copy.segment === null ? null : (segmentKindOf(org, copy.segment) ?? null),
  keepInTouch: keepInTouch(org, copy),
  step: copy.step,
  tags: copy.tags.map(tagKey),
  assignees: [...links.assignees],
  fields: visibleFieldValues(org, copy),
  archived: copy.archived,
});
