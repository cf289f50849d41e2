/**
 * Tags (R-TAG): labels on persons, companies, projects and deals, across segments. Tags compare
 * trimmed and case-insensitively; the first spelling is kept for display (R-TAG-2).
 */
import * as t from 'io-ts';

/**
 * A tag as typed: a string of at most 100 characters that is not only spaces.
 *
 * @example
 * import { Tag } from '@rapport/domain';
 * Tag.is(' VIP '); // true
 * Tag.is('   '); // false
 */
export const Tag = new t.Type<string, string, unknown>(
  'Tag',
  (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= 100,
  (u, c) =>
    typeof u === 'string' && u.trim().length > 0 && u.length <= 100
      ? t.success(u)
      : t.failure(u, c, 'expected a tag: 1 to 100 characters, not only spaces'),
  t.identity,
);
export type Tag = t.TypeOf<typeof Tag>;

/**
 * The form tags are compared in: trimmed and lower-cased.
 *
 * @example
 * import { tagKey } from './tags.js';
 * tagKey('  Holiday Card '); // 'holiday card'
 */
export const tagKey = (tag: string): string => tag.trim().toLowerCase();

/**
 * The spelling of `tag` already present in `tags`, or undefined when it is absent (R-TAG-2).
 *
 * @example
 * import { findTag } from './tags.js';
 * findTag(['VIP'], ' vip'); // 'VIP'
 * findTag(['VIP'], 'golf'); // undefined
 */
export const findTag = (tags: ReadonlyArray<string>, tag: string): string | undefined => {
  const key = tagKey(tag);
  return tags.find((present) => tagKey(present) === key);
};
