/**
 * Arbitrary commands over a small world (two users who both hold three contacts, one deal), for the
 * audit properties: some are rejected, which the properties need as much as the accepted ones.
 */
import fc from 'fast-check';

const actor = fc.constantFrom('ann', 'bob');
const contactId = fc.constantFrom('ada', 'bo', 'cy');
const base = fc.record({ actor, orgId: fc.constant('acme'), contactId });

const withType = (type: string, extra: fc.Arbitrary<Record<string, unknown>> = fc.constant({})) =>
  fc.tuple(base, extra).map(([b, e]) => ({ type, ...b, ...e }));

/**
 * One command of the small world.
 *
 * @example
 * import fc from 'fast-check';
 * import { commandArbitrary } from './commandArbitrary.js';
 * fc.sample(commandArbitrary, { numRuns: 20, seed: 1 }).every((command) => command['orgId'] === 'acme'); // true
 */
export const commandArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  withType('RenameContact', fc.record({ name: fc.constantFrom('Ada King', 'Bo Diddley') })),
  withType('SetSegment', fc.record({ segmentId: fc.constantFrom('customer', 'buyer', 'family') })),
  withType('SetSegment', fc.record({ segmentId: fc.constantFrom('customer', 'seller') })),
  withType(
    'SetStage',
    fc.record({ stage: fc.constantFrom('lead', 'potential', 'active', 'inactive', 'lost') }),
  ),
  withType('ClearStage'),
  withType('ApplyTag', fc.record({ tag: fc.constantFrom('VIP', 'vip ', 'Golf') })),
  withType('RemoveTag', fc.record({ tag: fc.constantFrom('VIP', 'golf') })),
  withType('ShareContact'),
  withType('UnshareContact'),
  withType('AssignUser', fc.record({ userId: fc.constantFrom('ann', 'bob', 'zed') })),
  withType('ArchiveContact'),
  withType('RestoreContact'),
  fc.record({
    type: fc.constant('AddMemberContact'),
    actor,
    orgId: fc.constant('acme'),
    engagementId: fc.constant('d1'),
    contactId,
  }),
);
