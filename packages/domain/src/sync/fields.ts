/**
 * The shareable fields R-SYNC compares between a user's copy and the team copy: the name, stage,
 * segment, next step, contact information not labeled personal, custom field values (retired
 * fields are hidden, R-FIELD-5) and tags. Keys are those of the projections' change marks:
 * `name`, `stage`, `segment`, `step`, `info:<itemId>`, `field:<fieldId>`, `tag:<compared tag>`.
 */
import * as t from 'io-ts';
import { canonicalJson } from '@rapport/core';
import { FieldValue } from '../fields/index.js';
import { InfoKind, type CopyState } from '../contact/model.js';
import type { OrganizationState } from '../organization/state.js';
import { tagKey } from '../tags.js';
import { entryOf } from '../internal/idRecords.js';

/**
 * The key of a shareable field.
 *
 * @example
 * import { SyncField } from '@rapport/domain';
 * SyncField.is('tag:holiday card'); // true
 * SyncField.is('archived'); // false
 */
export const SyncField = new t.Type<string, string, unknown>(
  'SyncField',
  (u): u is string =>
    typeof u === 'string' && u.length <= 200 && /^(name|stage|segment|step|(info|field|tag):.+)$/s.test(u),
  (u, c) =>
    typeof u === 'string' && u.length <= 200 && /^(name|stage|segment|step|(info|field|tag):.+)$/s.test(u)
      ? t.success(u)
      : t.failure(
          u,
          c,
          'expected a shareable field: name, stage, segment, step, info:<id>, field:<id> or tag:<tag>',
        ),
  t.identity,
);
export type SyncField = t.TypeOf<typeof SyncField>;

/**
 * The value of a shareable field on one side: none (`null`), a name, stage, segment, step or tag
 * spelling, a custom field value, or an item of contact information (kind and value).
 *
 * @example
 * import { SyncValue } from '@rapport/domain';
 * SyncValue.is({ kind: 'email', value: 'ada@example.com' }); // true
 */
export const SyncValue = t.union(
  [t.null, t.string, FieldValue, t.type({ kind: InfoKind, value: t.string })],
  'SyncValue',
);
export type SyncValue = t.TypeOf<typeof SyncValue>;

/**
 * Whether the user's copy holds this field as personal information, which is never synced (R-SYNC-6).
 *
 * @example
 * import { isPersonalField } from './fields.js';
 * import { emptyCopy } from '../contact/model.js';
 * const copy = { ...emptyCopy('Ada'), info: { p1: { itemId: 'p1', kind: 'phone' as const, value: '1', personal: true } } };
 * isPersonalField(copy, 'info:p1'); // true
 */
export const isPersonalField = (copy: CopyState, field: string): boolean =>
  field.startsWith('info:') && entryOf(copy.info, field.slice('info:'.length))?.personal === true;

/**
 * The value of one shareable field of a copy.
 *
 * @example
 * import { syncValueOf } from './fields.js';
 * import { emptyCopy } from '../contact/model.js';
 * syncValueOf({ ...emptyCopy('Ada'), tags: ['VIP'] }, 'tag:vip'); // 'VIP'
 * syncValueOf(emptyCopy('Ada'), 'stage'); // null
 */
export const syncValueOf = (copy: CopyState, field: string): SyncValue => {
  if (field === 'name') return copy.name;
  if (field === 'stage') return copy.stage;
  if (field === 'segment') return copy.segment;
  if (field === 'step') return copy.step;
  const key = field.slice(field.indexOf(':') + 1);
  if (field.startsWith('info:')) {
    const item = entryOf(copy.info, key);
    return item === undefined ? null : { kind: item.kind, value: item.value };
  }
  if (field.startsWith('field:')) return entryOf(copy.fields, key) ?? null;
  for (const tag of copy.tags) if (tagKey(tag) === key) return tag;
  return null;
};

/**
 * Whether two values of a field agree. Tags agree when both copies have the tag, or neither
 * (spelling does not count, R-TAG-2).
 *
 * @example
 * import { sameSyncValue } from './fields.js';
 * sameSyncValue('tag:vip', 'VIP', 'vip'); // true
 * sameSyncValue('stage', 'lead', null); // false
 */
export const sameSyncValue = (field: string, a: SyncValue, b: SyncValue): boolean => {
  if (field.startsWith('tag:')) return (a === null) === (b === null);
  if (a === b) return true;
  // Text and null agree only when identical; custom field values and information items by content.
  if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return false;
  return canonicalJson(a) === canonicalJson(b);
};

/**
 * The shareable fields of a pair of copies, in a stable order: the four scalars, then every
 * information item, custom field and tag either side holds. Personal information of the user's
 * copy, items withdrawn from the team copy (R-SHARE-6: they take no part in sync until a holder
 * sends one again) and retired fields are left out.
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { syncFields } from './fields.js';
 * import { emptyCopy } from '../contact/model.js';
 * syncFields(initialOrganizationState, { ...emptyCopy('Ada'), tags: ['VIP'] }, emptyCopy('Ada'));
 * // ['name', 'stage', 'segment', 'step', 'tag:vip']
 */
export const syncFields = (
  org: OrganizationState,
  mine: CopyState,
  team: CopyState,
  withdrawn: ReadonlyArray<string> = [],
): string[] => {
  const info = [...new Set([...Object.keys(mine.info), ...Object.keys(team.info)])]
    .filter((id) => !withdrawn.includes(id))
    .sort()
    .map((id) => `info:${id}`)
    .filter((field) => !isPersonalField(mine, field));
  const fields = [...new Set([...Object.keys(mine.fields), ...Object.keys(team.fields)])]
    .filter((id) => entryOf(org.fields, id)?.retired === false)
    .sort()
    .map((id) => `field:${id}`);
  const tags = [...new Set([...mine.tags, ...team.tags].map(tagKey))].sort().map((key) => `tag:${key}`);
  return ['name', 'stage', 'segment', 'step', ...info, ...fields, ...tags];
};
