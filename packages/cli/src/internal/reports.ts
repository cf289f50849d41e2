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

/**
 * A sync value as a person reads it: `—` for none.
 *
 * @example
 * import { formatSyncValue } from './reports.js';
 * formatSyncValue(null); // '—'
 * formatSyncValue('potential'); // 'potential'
 * formatSyncValue({ kind: 'email', value: 'ada@example.com' }); // 'email ada@example.com'
 */
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

/**
 * Audiences with their owner, member count and members.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, readModelsAt } from '@rapport/domain';
 * const store = createInMemoryEventStore();
 * const rapport = createRapport({ store });
 * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * await rapport.execute({ type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada Lovelace' });
 * const { models } = await readModelsAt(store);
 * import { audienceReport } from '@rapport/domain';
 * import { renderAudiences } from './reports.js';
 * import { stylerFor } from './style.js';
 * const report = audienceReport(models, 'acme', 'ann');
 * const text = report._tag === 'Right' ? renderAudiences(report.right, stylerFor({ write: () => true }, {})) : '';
 * text.split('\n').slice(0, 2);
 * // ['audience   name       whose    members  contacts',
 * //  'my-people  My People  default        1  Ada Lovelace']
 */
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
    style.width,
  );

/**
 * What decided a scenario, in a few words.
 *
 * @example
 * import { describeBasis } from './reports.js';
 * const contact = { contactId: 'c1', name: 'Ada', scenario: 'B' as const, excluded: null, prompts: [], flows: [], blocked: [] };
 * describeBasis({ ...contact, basis: { assigned: false, engagements: [], keepInTouch: true } }); // 'keep-in-touch'
 * describeBasis({ ...contact, basis: { assigned: false, engagements: ['d1'], keepInTouch: false } }); // 'on the team of d1'
 */
export const describeBasis = (contact: ContactSync): string => {
  if (contact.excluded === 'personal_segment') return 'left out: personal segment';
  if (contact.excluded === 'archived') return 'left out: archived';
  if (contact.basis.assigned) return 'assigned';
  if (contact.basis.engagements.length > 0) return `on the team of ${contact.basis.engagements.join(', ')}`;
  return contact.basis.keepInTouch ? 'keep-in-touch' : 'neither assigned nor keep-in-touch';
};

/**
 * Every contact in both views with its scenario, then every prompt and pending flow with both values.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, readModelsAt } from '@rapport/domain';
 * const store = createInMemoryEventStore();
 * const rapport = createRapport({ store });
 * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * await rapport.execute({ type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada Lovelace' });
 * const { models } = await readModelsAt(store);
 * import { syncReport } from '@rapport/domain';
 * import { renderSync } from './reports.js';
 * import { stylerFor } from './style.js';
 * const report = syncReport(models, 'acme', 'ann');
 * report._tag === 'Right' && renderSync(report.right, stylerFor({ write: () => true }, {}));
 * // 'contact  scenario  because  prompts  pending flows\n\nno prompt and no pending flow'
 */
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
    ...contact.blocked.map((blocked) => [
      contact.name,
      contact.scenario,
      style(
        'yellow',
        `blocked: into ${blocked.into === 'mine' ? 'your copy' : blocked.into === 'team' ? 'the team copy' : 'either'}`,
      ),
      blocked.field,
      formatSyncValue(blocked.mine),
      formatSyncValue(blocked.theirs),
      'R-SYNC-9',
    ]),
  ]);
  const unblock = report.contacts.flatMap((contact) =>
    contact.blocked.map(
      (blocked) => `${contact.name}, ${blocked.field}: ${blocked.reason}; to unblock it, ${blocked.unblock}`,
    ),
  );
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
    style.width,
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
    style.width,
  )}${unblock.length === 0 ? '' : `\n\n${unblock.join('\n')}`}`;
};
