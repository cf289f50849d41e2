/**
 * @rapport/domain: the relationship domain of Rapport, as an application uses it. The facade and
 * its sessions, the commands and events, the views, the vocabulary, and the auditor's tools. The
 * deciders, states, reactions and projections' insides are the package's own; tests of an
 * application use `@rapport/domain/testing`.
 */

// The facade: who acts, what they run and read (docs/domain.md, docs/rights.md).
export { createRapport } from './rapport/facade.js';
export { grantAudit, type AuditCapability } from './rapport/auditCapability.js';
export {
  type AuditReads,
  type ContactCopies,
  type ExecuteMeta,
  type ExecuteResult,
  type Rapport,
  type RapportOptions,
  type ReactionsProgress,
  type Session,
  type SessionCommand,
} from './rapport/api.js';

// Commands and events.
export { Command, COMMAND_TYPES, decodeCommand, type CommandType } from './commands.js';
export {
  decodeRecordedEvent,
  EVENT_SCHEMA_VERSION,
  DomainEvent,
  type RecordedDomainEvent,
} from './events.js';
export { commandEventId } from './internal/eventIds.js';
export { contactStream, engagementStream, organizationStream } from './streams.js';

// The vocabulary commands and views are written in.
export { Id, Name } from './ids.js';
export {
  BUSINESS_SEGMENTS,
  ENTITY_KINDS,
  PERSONAL_SEGMENTS,
  ROLES,
  STAGES,
  ContactKind,
  EngagementKind,
  EntityKind,
  Role,
  SegmentKind,
  Stage,
} from './vocabulary.js';
export { Tag } from './tags.js';
export { ContactInfoItem, CopyRef } from './contact/model.js';
export { initialOrganizationState, OrganizationState } from './organization/state.js';

// Custom fields (R-FIELD) and next steps (R-STEP).
export { CalendarDate } from './fields/calendarDate.js';
export { compareDecimal, toDecimal, Decimal } from './fields/decimal.js';
export { FieldDefinition } from './fields/definition.js';
export { FieldType } from './fields/fieldType.js';
export { formatFieldValue } from './fields/format.js';
export { validateFieldValue } from './fields/validate.js';
export { FieldValue, Money } from './fields/value.js';
export { nextStepAfter, Checklist, NextStepDefinition } from './steps/nextStep.js';
export { reminderDueDate } from './steps/reminder.js';
export { renderEmailTemplate, EmailTemplate, RenderedEmail } from './steps/emailTemplate.js';

// What the reads give.
export {
  byName,
  contactView,
  ContactView,
  FieldView,
  MyPeopleView,
  StepView,
  TeamView,
} from './projections/views.js';
export { EngagementDocument } from './projections/documents.js';
export { RelationshipProjections } from './projections/relationships.js';
export { AudienceFilter, type FieldTest, type TagMatch } from './audiences/filter.js';
export { AudienceMembership } from './audiences/membership.js';
export { DEFAULT_AUDIENCES, Audience, type DefaultAudience } from './audiences/model.js';
export { AudienceList } from './audiences/read.js';
export { MembershipExplanation, type FilterReason } from './audiences/why.js';
export { SyncField, SyncValue } from './sync/fields.js';
export type { SyncPoints } from './sync/points.js';
export { SyncDirection, SyncPrompt, SyncScenario, SyncState } from './sync/syncState.js';
export { SyncExplanation } from './sync/why.js';

// The auditor's tools: a history up to a point, a contact's timeline, the read models as of a
// point and their snapshots, the differences between two points, reports (docs/auditing.md).
export {
  historyBatches,
  readHistory,
  type History,
  type HistoryBatch,
  HistoryPoint,
  type ReadHistoryOptions,
} from './audit/history.js';
export {
  contactTimeline,
  readContactTimeline,
  type ReadTimeline,
  formatCopy,
  formatTimelineValue,
  TimelineChange,
  TimelineValue,
  type TimelineSubject,
} from './audit/timeline.js';
export {
  loadReadModels,
  READ_MODELS_VERSION,
  ReadModels,
  readModelsAt,
  saveReadModels,
  type ReadModelsAt,
  type ReadModelsOptions,
  ReadModelsSnapshot,
} from './audit/readModels.js';
export { diffProjections, projectionsAt, ProjectionDifference, type ProjectionsAt } from './audit/asOf.js';
export {
  audienceReport,
  membershipVerdicts,
  AudienceReport,
  MembershipVerdict,
} from './audit/audienceReport.js';
export { syncReport, ContactSync, SyncReport } from './audit/syncReport.js';
