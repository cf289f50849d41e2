/**
 * Why a prompt or an automatic flow exists, or why there is none, for one user, contact and field:
 * the scenario and what decided it, each side's value and last change, the last sync point, and
 * the rule ids behind each (R-SYNC-1..6, R-ARCH-2).
 */
import * as t from 'io-ts';
import { ChangeMark } from '../projections/documents.js';
import { SyncField, SyncValue } from './fields.js';
import { SyncPoint } from './points.js';
import { PromptKind } from './events.js';
import { ScenarioBasis, SyncDirection, SyncScenario, type SyncState } from './syncState.js';

/**
 * The explanation of one field's sync for one user and contact. `outcome` is what the user gets:
 * a prompt, an automatic flow, or nothing (in sync, excluded, or a dismissed prompt).
 *
 * @example
 * import { SyncExplanation } from '@rapport/domain';
 * SyncExplanation.is({ contactId: 'c1', field: 'stage', scenario: 'C', basis: { assigned: false, engagements: [], keepInTouch: false },
 *   rules: ['R-SYNC-3'], outcome: { is: 'nothing' }, direction: null, mine: null, theirs: null,
 *   mineChange: null, theirChange: null, syncPoint: null, summary: 'in sync' }); // true
 */
export const SyncExplanation = t.type(
  {
    contactId: t.string,
    field: SyncField,
    scenario: SyncScenario,
    basis: ScenarioBasis,
    rules: t.array(t.string),
    outcome: t.union([
      t.type({ is: t.literal('prompt'), kind: PromptKind, promptId: t.string }),
      t.type({ is: t.literal('flow'), flow: t.keyof({ import: null, send: null }) }),
      t.type({ is: t.literal('nothing') }),
    ]),
    direction: t.union([SyncDirection, t.null]),
    mine: SyncValue,
    theirs: SyncValue,
    mineChange: t.union([ChangeMark, t.null]),
    theirChange: t.union([ChangeMark, t.null]),
    syncPoint: t.union([SyncPoint, t.null]),
    summary: t.string,
  },
  'SyncExplanation',
);
export type SyncExplanation = t.TypeOf<typeof SyncExplanation>;

const SCENARIO_RULE: { readonly [S in SyncScenario]: string } = {
  A: 'R-SYNC-1',
  B: 'R-SYNC-2',
  C: 'R-SYNC-3',
};

const scenarioWords = (state: SyncState): string => {
  const { basis } = state;
  if (state.scenario === 'A')
    return basis.assigned
      ? `scenario A: ${state.userId} is assigned to the contact`
      : `scenario A: ${state.userId} is on the team of ${basis.engagements.join(', ')}, which has the contact`;
  return state.scenario === 'B'
    ? `scenario B: keep-in-touch is enabled on ${state.userId}'s copy (a stage and a business segment), and ${state.userId} is neither assigned nor on a team with the contact`
    : `scenario C: ${state.userId} is neither assigned nor on a team with the contact, and keep-in-touch is disabled`;
};

/**
 * Explains one field of a sync state.
 *
 * @example
 * import { explainSync } from './why.js';
 * explainSync({ userId: 'ann', contactId: 'c1', scenario: 'C', basis: { assigned: false, engagements: [], keepInTouch: false },
 *   excluded: null, fields: [], prompts: [], flows: [] }, 'stage').outcome; // { is: 'nothing' }
 */
export const explainSync = (state: SyncState, field: string): SyncExplanation => {
  const scenarioRule = SCENARIO_RULE[state.scenario];
  const base = {
    contactId: state.contactId,
    field,
    scenario: state.scenario,
    basis: state.basis,
  };
  const nothing = { is: 'nothing' as const };
  if (state.excluded !== null)
    return {
      ...base,
      rules: [state.excluded === 'personal_segment' ? 'R-SYNC-6' : 'R-ARCH-2'],
      outcome: nothing,
      direction: null,
      mine: null,
      theirs: null,
      mineChange: null,
      theirChange: null,
      syncPoint: null,
      summary:
        state.excluded === 'personal_segment'
          ? `${state.userId}'s copy is in a personal segment: nothing is sent from it or prompted about it`
          : 'a copy is archived: it leaves every prompt and flow',
    };
  const divergence = state.fields.find((candidate) => candidate.field === field);
  if (divergence === undefined)
    return {
      ...base,
      rules: [scenarioRule],
      outcome: nothing,
      direction: null,
      mine: null,
      theirs: null,
      mineChange: null,
      theirChange: null,
      syncPoint: null,
      summary: `${field} is in sync (or not shareable); ${scenarioWords(state)}`,
    };
  const prompt = state.prompts.find((candidate) => candidate.field === field);
  const flow = state.flows.find((candidate) => candidate.field === field);
  const directionRule =
    divergence.origin === 'first_meeting'
      ? 'R-SYNC-7'
      : divergence.origin === 'personal_segment'
        ? 'R-SYNC-8'
        : divergence.direction === 'conflict'
          ? state.scenario === 'A'
            ? 'R-SYNC-1'
            : 'R-SYNC-4'
          : scenarioRule;
  const side =
    divergence.origin === 'personal_segment'
      ? `${state.userId} changed it while the copy was in a personal segment, a local change: the team's value is the last synced one`
      : divergence.origin === 'first_meeting'
        ? divergence.direction === 'conflict'
          ? 'the copies held different values when they first met and have not agreed since'
          : `${divergence.direction === 'to_me' ? `${state.userId}'s copy` : 'the team copy'} was empty when the copies first met`
        : divergence.direction === 'to_team'
          ? `${state.userId} changed it since the last sync`
          : divergence.direction === 'to_me'
            ? 'the team changed it since the last sync'
            : 'both sides changed it since the last sync';
  const outcome =
    prompt !== undefined
      ? { is: 'prompt' as const, kind: prompt.kind, promptId: prompt.promptId }
      : flow !== undefined
        ? { is: 'flow' as const, flow: flow.flow }
        : nothing;
  const what =
    outcome.is === 'prompt'
      ? `a ${outcome.kind} prompt`
      : outcome.is === 'flow'
        ? `an automatic ${outcome.flow}${divergence.direction === 'conflict' ? ' (the later change wins)' : ''}`
        : 'nothing: the prompt was dismissed';
  return {
    ...base,
    rules: [
      ...new Set([
        scenarioRule,
        directionRule,
        ...(divergence.blocked === null ? [] : ['R-SYNC-9']),
        'R-SYNC-5',
      ]),
    ],
    outcome,
    direction: divergence.direction,
    mine: divergence.mine,
    theirs: divergence.theirs,
    mineChange: divergence.mineChange,
    theirChange: divergence.theirChange,
    syncPoint: divergence.syncPoint,
    summary: `${field} diverged: ${side}; ${scenarioWords(state)}; so ${what}${
      divergence.blocked === null
        ? ''
        : `; blocked: ${divergence.blocked.reason}; to unblock it, ${divergence.blocked.unblock}`
    }`,
  };
};
