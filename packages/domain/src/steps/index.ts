/**
 * Next steps (R-STEP): checklists of steps per (segment, stage), reminder due dates and email
 * templates rendered over a contact's fields.
 */
export * from './nextStep.js';
export * from './reminder.js';
export * from './emailTemplate.js';
