/**
 * A member's sync prompts and pending automatic flows as a report (R-SYNC-1..5): for each contact
 * in both their My People and the team view, the scenario and what decided it, then each prompt
 * and each flow with both values. Read from the read models, live or as of a point. Live, flows
 * are carried out by the policy right after the change that caused them; a point between the two
 * shows them pending.
 */
import * as t from 'io-ts';
import { right, type Either } from 'fp-ts/lib/Either.js';
import type { Rejection } from '@rapport/core';
import { SyncValue } from '../sync/fields.js';
import { syncStatesOf } from '../sync/read.js';
import {
  ScenarioBasis,
  SyncBlock,
  SyncExclusion,
  SyncFlow,
  SyncPrompt,
  SyncScenario,
} from '../sync/syncState.js';
import { memberReading } from './internal/reader.js';
import type { ReadModels } from './readModels.js';

/**
 * An automatic flow with both values: the user's and the team's.
 *
 * @example
 * import { PendingFlow } from './syncReport.js';
 * PendingFlow.is({ flow: 'import', contactId: 'c1', field: 'stage', rule: 'R-SYNC-2', mine: 'lead', theirs: 'active' }); // true
 */
export const PendingFlow = t.intersection(
  [SyncFlow, t.type({ mine: SyncValue, theirs: SyncValue })],
  'PendingFlow',
);
export type PendingFlow = t.TypeOf<typeof PendingFlow>;

/**
 * A divergence no prompt or flow can settle one way (R-SYNC-9): both values, into which copy the
 * value cannot go, why, and what would unblock it.
 *
 * @example
 * import { BlockedDivergence } from './syncReport.js';
 * BlockedDivergence.is({ field: 'step', mine: null, theirs: 'meet', into: 'mine',
 *   reason: 'the next step "meet" is not in the checklist of your copy (customer, potential)',
 *   unblock: 'give your copy a segment and stage whose checklist has "meet", or send your own value' }); // true
 */
export const BlockedDivergence = t.intersection(
  [t.type({ field: t.string, mine: SyncValue, theirs: SyncValue }), SyncBlock],
  'BlockedDivergence',
);
export type BlockedDivergence = t.TypeOf<typeof BlockedDivergence>;

/**
 * One contact a member holds in both views: its name in the member's copy, the scenario and what
 * decided it, why it is left out of sync if it is, its prompts and its pending flows.
 *
 * @example
 * import { ContactSync } from '@rapport/domain';
 * ContactSync.is({ contactId: 'c1', name: 'Ada', scenario: 'C', basis: { assigned: false, engagements: [], keepInTouch: false },
 *   excluded: null, prompts: [], flows: [], blocked: [] }); // true
 */
export const ContactSync = t.type(
  {
    contactId: t.string,
    name: t.string,
    scenario: SyncScenario,
    basis: ScenarioBasis,
    excluded: t.union([SyncExclusion, t.null]),
    prompts: t.array(SyncPrompt),
    flows: t.array(PendingFlow),
    blocked: t.array(BlockedDivergence),
  },
  'ContactSync',
);
export type ContactSync = t.TypeOf<typeof ContactSync>;

/**
 * A member's sync situation at a position of the history, contact by contact.
 *
 * @example
 * import { SyncReport } from '@rapport/domain';
 * SyncReport.is({ orgId: 'acme', userId: 'ann', position: 3, contacts: [] }); // true
 */
export const SyncReport = t.type(
  { orgId: t.string, userId: t.string, position: t.number, contacts: t.array(ContactSync) },
  'SyncReport',
);
export type SyncReport = t.TypeOf<typeof SyncReport>;

/**
 * The prompts and pending flows of a member, contact by contact (sorted by contact id).
 *
 * @example
 * import { syncReport, ReadModels } from '@rapport/domain';
 * syncReport(new ReadModels(), 'acme', 'ann')._tag; // 'Left': no organization acme
 */
export const syncReport = (
  models: ReadModels,
  orgId: string,
  userId: string,
): Either<Rejection, SyncReport> => {
  const allowed = memberReading(models.projections, orgId, userId, `the prompts of "${userId}"`);
  if (allowed._tag === 'Left') return allowed;
  const contacts = syncStatesOf(models.projections, models.syncPoints, orgId, userId).map(
    (state): ContactSync => {
      const valuesOf = (field: string) => {
        const diverged = state.fields.find((divergence) => divergence.field === field);
        return { mine: diverged?.mine ?? null, theirs: diverged?.theirs ?? null };
      };
      return {
        contactId: state.contactId,
        name:
          models.projections.copy(orgId, { owner: 'user', userId }, state.contactId)?.name ?? state.contactId,
        scenario: state.scenario,
        basis: state.basis,
        excluded: state.excluded,
        prompts: state.prompts,
        flows: state.flows.map((flow) => ({ ...flow, ...valuesOf(flow.field) })),
        blocked: state.fields.flatMap(({ field, mine, theirs, blocked }) =>
          blocked === null ? [] : [{ field, mine, theirs, ...blocked }],
        ),
      };
    },
  );
  return right({ orgId, userId, position: models.checkpoint, contacts });
};
