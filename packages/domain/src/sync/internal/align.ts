/**
 * The events that make some fields of one copy equal to another copy's: what sync writes when it
 * imports into a user's copy or sends to the team copy. The segment comes first, then the stage,
 * then the next step (which must belong to the checklist of the resulting segment and stage,
 * R-STEP-2; a step both sides agreed on is kept in step with them), then the other fields.
 * Nothing personal is ever written to the team copy (R-SHARE-2, R-SHARE-3, R-SYNC-6). A user whose
 * copy exchanges a value with the team copy holds it from then on (R-SHARE-7).
 */
import { canonicalJson } from '@rapport/core';
import type { ContactEvent } from '../../contact/events.js';
import type { CopyRef, CopyState } from '../../contact/model.js';
import type { ContactState } from '../../contact/state.js';
import { checklistOf, segmentKindOf, type OrganizationState } from '../../organization/state.js';
import { findTag } from '../../tags.js';
import { entryOf } from '../../internal/idRecords.js';

export interface Alignment {
  readonly org: OrganizationState;
  readonly orgId: string;
  readonly contactId: string;
  /** The copy written, and its state before. */
  readonly ref: CopyRef;
  readonly target: CopyState;
  /** The copy whose values are taken. */
  readonly source: CopyState;
  readonly fields: ReadonlyArray<string>;
}

export const align = ({ org, orgId, contactId, ref, target, source, fields }: Alignment): ContactEvent[] => {
  const about = { orgId, contactId, copy: ref };
  const wanted = new Set(fields);
  const events: ContactEvent[] = [];
  let { segment, stage, step } = target;
  const stepAgreed = target.step === source.step;
  const clearStep = (reason: 'stage_changed' | 'segment_changed' | 'synced') => {
    if (step === null) return;
    events.push({ type: 'NextStepCleared', data: { ...about, previous: step, reason } });
    step = null;
  };

  if (wanted.has('segment') && source.segment !== segment) {
    const kind = source.segment === null ? undefined : segmentKindOf(org, source.segment);
    if (source.segment === null && segment !== null) {
      events.push({ type: 'SegmentCleared', data: { ...about, previous: segment } });
      segment = null;
      clearStep('segment_changed');
    } else if (
      source.segment !== null &&
      kind !== undefined &&
      !(kind === 'personal' && ref.owner === 'team')
    ) {
      events.push({
        type: 'SegmentSet',
        data: { ...about, segment: source.segment, segmentKind: kind, previous: segment },
      });
      segment = source.segment;
      if (kind === 'personal' && stage !== null) {
        events.push({
          type: 'StageCleared',
          data: { ...about, previous: stage, reason: 'personal_segment' },
        });
        stage = null;
      }
      clearStep('segment_changed');
    }
  }

  const personal = segment !== null && segmentKindOf(org, segment) === 'personal';
  if (wanted.has('stage') && source.stage !== stage) {
    if (source.stage === null && stage !== null) {
      events.push({ type: 'StageCleared', data: { ...about, previous: stage, reason: 'command' } });
      stage = null;
      clearStep('stage_changed');
    } else if (source.stage !== null && !personal) {
      events.push({ type: 'StageSet', data: { ...about, stage: source.stage, previous: stage } });
      stage = source.stage;
      clearStep('stage_changed');
    }
  }

  const wantedStep = wanted.has('step') || stepAgreed ? source.step : step;
  if (wantedStep !== step) {
    if (wantedStep === null) clearStep('synced');
    else if (
      segment !== null &&
      stage !== null &&
      checklistOf(org, segment, stage).some((definition) => definition.stepId === wantedStep)
    ) {
      events.push({ type: 'NextStepSet', data: { ...about, stepId: wantedStep, previous: step } });
      step = wantedStep;
    }
  }

  if (wanted.has('name') && source.name !== target.name)
    events.push({ type: 'ContactRenamed', data: { ...about, name: source.name, previous: target.name } });

  for (const field of wanted) {
    const colon = field.indexOf(':');
    const [prefix, key] = [field.slice(0, colon), field.slice(colon + 1)];
    if (prefix === 'info') {
      const from = entryOf(source.info, key);
      const to = entryOf(target.info, key);
      if (from === undefined) {
        if (to !== undefined && !to.personal)
          events.push({ type: 'ContactInfoRemoved', data: { ...about, itemId: key, previous: to } });
      } else if (
        !from.personal &&
        !(to?.personal ?? false) &&
        canonicalJson(from) !== canonicalJson(to ?? null)
      )
        events.push({ type: 'ContactInfoSet', data: { ...about, item: from, previous: to ?? null } });
    } else if (prefix === 'field') {
      const from = entryOf(source.fields, key);
      const to = entryOf(target.fields, key);
      if (from === undefined) {
        if (to !== undefined)
          events.push({ type: 'FieldValueCleared', data: { ...about, fieldId: key, previous: to } });
      } else if (canonicalJson(from) !== canonicalJson(to ?? null))
        events.push({
          type: 'FieldValueSet',
          data: { ...about, fieldId: key, value: from, previous: to ?? null },
        });
    } else if (prefix === 'tag') {
      const from = findTag(source.tags, key);
      const to = findTag(target.tags, key);
      if (from !== undefined && to === undefined)
        events.push({ type: 'TagApplied', data: { ...about, tag: from } });
      if (from === undefined && to !== undefined)
        events.push({ type: 'TagRemoved', data: { ...about, tag: to } });
    }
  }
  return events;
};

/**
 * The events of a value moving between the actor's copy and the team copy, and, the first time
 * since the actor last held the team copy, the event that says they hold it now (R-SHARE-7).
 */
export const exchanged = (
  contact: ContactState,
  command: { readonly orgId: string; readonly contactId: string; readonly actor: string },
  events: ContactEvent[],
): ContactEvent[] =>
  events.length === 0 || contact.holders.includes(command.actor)
    ? events
    : [
        ...events,
        {
          type: 'TeamCopyExchanged',
          data: { orgId: command.orgId, contactId: command.contactId, userId: command.actor },
        },
      ];
