/**
 * The views the CLI prints, from projections: a user's My People and the team view as tables of
 * contacts (stage, segment, keep-in-touch, next step with its reminder, custom fields, tags).
 */
import {
  byName,
  contactView,
  initialOrganizationState,
  type ContactView,
  type CopyRef,
  type RelationshipProjections,
} from '@rapport/domain';
import type { Styler } from './style.js';
import { renderTable } from './table.js';

/**
 * The names of the views `as-of` can show: contacts, or a member's audiences or sync prompts.
 *
 * @example
 * import { VIEW_NAMES } from './views.js';
 * VIEW_NAMES.includes('team'); // true
 */
export const VIEW_NAMES = ['my-people', 'team', 'audiences', 'prompts'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/**
 * The contacts one owner holds, as views, sorted by name.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, readModelsAt } from '@rapport/domain';
 * const store = createInMemoryEventStore();
 * const rapport = createRapport({ store });
 * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * await rapport.execute({ type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada Lovelace' });
 * const { models } = await readModelsAt(store);
 * import { contactViews } from './views.js';
 * contactViews(models.projections, 'acme', { owner: 'user', userId: 'ann' }).map((view) => view.name); // ['Ada Lovelace']
 * contactViews(models.projections, 'acme', { owner: 'team' }); // []: nothing shared yet
 */
export const contactViews = (
  projections: RelationshipProjections,
  orgId: string,
  owner: CopyRef,
): ReadonlyArray<ContactView> => {
  const org = projections.organization(orgId) ?? initialOrganizationState;
  return [...projections.copies(orgId, owner).values()]
    .map((copy) => contactView(org, copy, projections.links(orgId, copy.contactId)))
    .sort(byName);
};

/**
 * Contacts as an aligned table.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, readModelsAt } from '@rapport/domain';
 * const store = createInMemoryEventStore();
 * const rapport = createRapport({ store });
 * await rapport.execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * await rapport.execute({ type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada Lovelace' });
 * const { models } = await readModelsAt(store);
 * import { stylerFor } from './style.js';
 * import { contactViews, renderContacts } from './views.js';
 * const plain = stylerFor({ write: () => true }, {});
 * renderContacts(contactViews(models.projections, 'acme', { owner: 'user', userId: 'ann' }), plain).split('\n')[1]?.startsWith('Ada Lovelace  person'); // true
 */
export const renderContacts = (views: ReadonlyArray<ContactView>, style: Styler): string =>
  renderTable(
    [
      { heading: 'contact' },
      { heading: 'kind' },
      { heading: 'segment' },
      { heading: 'stage' },
      { heading: 'keep in touch' },
      { heading: 'next step' },
      { heading: 'fields' },
      { heading: 'tags' },
      { heading: 'assigned' },
    ],
    views.map((view) => [
      view.archived ? style('dim', `${view.name} (archived)`) : view.name,
      view.kind,
      view.segment === null ? '—' : `${view.segment}${view.segmentKind === 'personal' ? ' (personal)' : ''}`,
      view.stage ?? '—',
      view.keepInTouch ? style('green', 'yes') : 'no',
      view.step === null
        ? '—'
        : `${view.step.title}${view.step.reminderDue === null ? '' : ` (due ${view.step.reminderDue})`}${view.step.retired === null ? '' : ' (retired: no longer in its checklist)'}`,
      view.fields
        .filter((field) => field.inScope)
        .map(
          (field) =>
            `${field.name}: ${field.display}${field.retiredOptions.length === 0 ? '' : ` (retired option${field.retiredOptions.length === 1 ? '' : 's'}: ${field.retiredOptions.join(', ')})`}`,
        )
        .join('; ') || '—',
      view.tags.join(', ') || '—',
      view.assignees.join(', ') || '—',
    ]),
    (text) => style('bold', text),
    style.width,
  );
