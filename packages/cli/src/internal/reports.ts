/**
 * How the CLI prints a member's audiences and sync prompts: aligned tables from the audit API's
 * reports, the same for `audiences`, `prompts`, `as-of` and the demo.
 */
import {
  formatFieldValue,
  type AudienceReport,
  type ContactSync,
  type SyncReport,
  type SyncValue,
} from '@rapport/domain';
import type { Styler } from './style.js';
import { renderTable } from './table.js';

/** A sync value as a person reads it: `—` for none. */
export const formatSyncValue = (value: SyncValue): string => {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if ('kind' in value) return `${value.kind} ${value.value}`;
  return formatFieldValue(value);
};

const OWNER: Readonly<Record<AudienceReport['audiences'][number]['owner'], string>> = {
  default: 'default',
  organization: 'organization',
  user: 'own',
};

/** Audiences with their owner, member count and members. */
export const renderAudiences = (report: AudienceReport, style: Styler): string =>
  renderTable(
    [
      { heading: 'audience' },
      { heading: 'name' },
      { heading: 'whose' },
      { heading: 'members', align: 'right' },
      { heading: 'contacts' },
    ],
    report.audiences.map((entry) => [
      entry.audienceId,
      entry.name,
      OWNER[entry.owner],
      String(entry.count),
      entry.members.map((member) => member.name).join(', ') || '—',
    ]),
    (text) => style('bold', text),
  );

/** What decided a scenario, in a few words. */
export const describeBasis = (contact: ContactSync): string => {
  if (contact.excluded === 'personal_segment') return 'left out: personal segment';
  if (contact.excluded === 'archived') return 'left out: archived';
  if (contact.basis.assigned) return 'assigned';
  if (contact.basis.engagements.length > 0) return `on the team of ${contact.basis.engagements.join(', ')}`;
  return contact.basis.keepInTouch ? 'keep-in-touch' : 'neither assigned nor keep-in-touch';
};

/** Every contact in both views with its scenario, then every prompt and pending flow with both values. */
export const renderSync = (report: SyncReport, style: Styler): string => {
  const rows = report.contacts.flatMap((contact) => [
    ...contact.prompts.map((prompt) => [
      contact.name,
      contact.scenario,
      `prompt: ${prompt.kind}`,
      prompt.field,
      formatSyncValue(prompt.mine),
      formatSyncValue(prompt.theirs),
      prompt.rule,
    ]),
    ...contact.flows.map((flow) => [
      contact.name,
      contact.scenario,
      style('green', `automatic: ${flow.flow}`),
      flow.field,
      formatSyncValue(flow.mine),
      formatSyncValue(flow.theirs),
      flow.rule,
    ]),
  ]);
  const scenarios = renderTable(
    [
      { heading: 'contact' },
      { heading: 'scenario' },
      { heading: 'because' },
      { heading: 'prompts', align: 'right' },
      { heading: 'pending flows', align: 'right' },
    ],
    report.contacts.map((contact) => [
      contact.name,
      contact.scenario,
      describeBasis(contact),
      String(contact.prompts.length),
      String(contact.flows.length),
    ]),
    (text) => style('bold', text),
  );
  if (rows.length === 0) return `${scenarios}\n\nno prompt and no pending flow`;
  return `${scenarios}\n\n${renderTable(
    [
      { heading: 'contact' },
      { heading: 'scenario' },
      { heading: 'what' },
      { heading: 'field' },
      { heading: 'mine' },
      { heading: 'team' },
      { heading: 'rule' },
    ],
    rows,
    (text) => style('bold', text),
  )}`;
};
