import { describe, expect, it } from 'vitest';
import { Checklist, ChecklistSteps, NextStepDefinition, Reminder, findStep, nextStepAfter } from './index.js';

const checklist: Checklist = {
  segmentId: 'customer',
  stage: 'potential',
  steps: [
    { stepId: 'call', title: 'First call', reminder: { afterDays: 2 } },
    {
      stepId: 'proposal',
      title: 'Send the proposal',
      emailTemplate: { subject: 'Proposal', body: 'Hi {{firstName}}' },
    },
    { stepId: 'sign', title: 'Signature' },
  ],
};

describe('checklists', () => {
  it('R-STEP-1: a step has an id, a title, an optional reminder and an optional email template', () => {
    expect(NextStepDefinition.is({ stepId: 'call', title: 'Call' })).toBe(true);
    expect(NextStepDefinition.is({ stepId: '', title: 'Call' })).toBe(false);
    expect(NextStepDefinition.is({ stepId: 'call', title: '' })).toBe(false);
    expect(NextStepDefinition.is({ stepId: 'call', title: 'Call', emailTemplate: { subject: 'S' } })).toBe(
      false,
    );
    expect(Checklist.is(checklist)).toBe(true);
  });

  it('R-STEP-1: a reminder is a whole number of days, from 0', () => {
    expect(Reminder.is({ afterDays: 0 })).toBe(true);
    expect(Reminder.is({ afterDays: 36_500 })).toBe(true);
    expect(Reminder.is({ afterDays: 36_501 })).toBe(false);
    expect(Reminder.is({ afterDays: -1 })).toBe(false);
    expect(Reminder.is({ afterDays: 2.5 })).toBe(false);
    expect(Reminder.is({ afterDays: '2' })).toBe(false);
  });

  it('R-STEP-1: the steps of a checklist have distinct ids', () => {
    expect(ChecklistSteps.is([])).toBe(true);
    const duplicate = [
      { stepId: 'a', title: 'One' },
      { stepId: 'a', title: 'Two' },
    ];
    expect(ChecklistSteps.is(duplicate)).toBe(false);
    expect(ChecklistSteps.decode(duplicate)._tag).toBe('Left');
    expect(Checklist.is({ ...checklist, steps: duplicate })).toBe(false);
    expect(Checklist.is({ ...checklist, stage: 'won' })).toBe(false);
  });

  it('R-STEP-1: decoding a step keeps its order and drops unknown properties', () => {
    const decoded = ChecklistSteps.decode([
      { stepId: 'b', title: 'B', colour: 'red' },
      { stepId: 'a', title: 'A' },
    ]);
    expect(decoded).toEqual({
      _tag: 'Right',
      right: [
        { stepId: 'b', title: 'B' },
        { stepId: 'a', title: 'A' },
      ],
    });
  });

  it('R-STEP-2: a step is found only in its own checklist', () => {
    expect(findStep(checklist, 'proposal')?.title).toBe('Send the proposal');
    expect(findStep(checklist, 'unknown')).toBeUndefined();
  });

  it('R-STEP-3: completing a step makes the next one current; after the last there is none', () => {
    expect(nextStepAfter(checklist, 'call')?.stepId).toBe('proposal');
    expect(nextStepAfter(checklist, 'proposal')?.stepId).toBe('sign');
    expect(nextStepAfter(checklist, 'sign')).toBeUndefined();
    expect(nextStepAfter(checklist, 'unknown')).toBeUndefined();
    expect(nextStepAfter({ steps: [] }, 'call')).toBeUndefined();
  });
});
