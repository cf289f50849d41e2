import { describe, expect, it } from 'vitest';
import * as domain from './index.js';

describe('the public surface of @rapport/domain', () => {
  it('is the names an application uses, listed in index.ts; the deciders, states and reactions stay inside', () => {
    // Adding a name here is a decision about the package's API: docs/domain.md, "What the package exports".
    expect(Object.keys(domain).sort()).toEqual([
      ...['Audience', 'AudienceFilter', 'AudienceList', 'AudienceMembership', 'AudienceReport'],
      ...['BUSINESS_SEGMENTS', 'COMMAND_TYPES', 'CalendarDate', 'Checklist', 'Command', 'ContactInfoItem'],
      ...['ContactKind', 'ContactSync', 'ContactView', 'CopyRef', 'DEFAULT_AUDIENCES', 'Decimal'],
      ...['DomainEvent', 'ENTITY_KINDS', 'EVENT_SCHEMA_VERSION', 'EmailTemplate', 'EngagementDocument'],
      ...['EngagementKind', 'EntityKind', 'FieldDefinition', 'FieldType', 'FieldValue', 'FieldView'],
      ...['HistoryPoint', 'Id', 'MembershipExplanation', 'MembershipVerdict', 'Money', 'MyPeopleView'],
      ...['Name', 'NextStepDefinition', 'OrganizationState', 'PERSONAL_SEGMENTS', 'ProjectionDifference'],
      ...['READ_MODELS_VERSION', 'ROLES', 'ReadModels', 'ReadModelsSnapshot', 'RelationshipProjections'],
      ...['RenderedEmail', 'Role', 'STAGES', 'SegmentKind', 'Stage', 'StepView', 'SyncDirection'],
      ...['SyncExplanation', 'SyncField', 'SyncPrompt', 'SyncReport', 'SyncScenario', 'SyncState'],
      ...['SyncValue', 'Tag', 'TeamView', 'TimelineChange', 'TimelineValue', 'audienceReport', 'byName'],
      ...['commandEventId', 'compareDecimal', 'contactStream', 'contactTimeline', 'contactView'],
      ...['createRapport', 'decodeCommand', 'decodeRecordedEvent', 'diffProjections', 'engagementStream'],
      ...['formatCopy', 'formatFieldValue', 'formatTimelineValue', 'grantAudit', 'historyBatches'],
      ...['initialOrganizationState'],
      ...['loadReadModels', 'membershipVerdicts', 'nextStepAfter', 'organizationStream', 'projectionsAt'],
      ...['readContactTimeline', 'readHistory', 'readModelsAt', 'reminderDueDate', 'renderEmailTemplate'],
      ...['saveReadModels'],
      ...['syncReport', 'toDecimal', 'validateFieldValue'],
    ]);
    for (const inside of ['contactDecider', 'applyToCopy', 'autoShareReaction', 'syncReaction', 'mayFlow'])
      expect(domain).not.toHaveProperty(inside);
  });
});
