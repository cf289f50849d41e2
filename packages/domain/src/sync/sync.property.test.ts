import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@rapport/core';
import type { Rapport } from '../rapport/facade.js';
import { checklistOf, segmentKindOf, type OrganizationState } from '../organization/state.js';
import type { CopyDocument } from '../projections/documents.js';
import { syncValueOf } from './fields.js';
import { entryOf } from '../internal/idRecords.js';
import { promptId, type SyncState } from './syncState.js';
import {
  answerCommand,
  CONTACTS,
  freshWorld,
  ORG,
  USERS,
  worldStep,
  type WorldStep,
} from './internal/world.js';
import { projectionsOf } from '../testing/projections.js';
import { executeInput } from '../testing/execute.js';

const steps = fc.array(worldStep, { minLength: 10, maxLength: 40 });

const statesOf = async (rapport: Rapport): Promise<SyncState[]> => {
  const states: SyncState[] = [];
  for (const userId of USERS)
    for (const contactId of CONTACTS) {
      const state = await rapport.as(userId).syncState(ORG, contactId);
      if (state._tag === 'Right' && state.right !== null) states.push(state.right);
    }
  return states;
};

/** The projections of a facade, with the organization's settings. */
const settingsOf = async (rapport: Rapport) => {
  const projections = await projectionsOf(rapport);
  const org = projections.organization(ORG);
  if (org === undefined) throw new Error('no organization');
  return { projections, org };
};

const commandOf = async (rapport: Rapport, step: WorldStep): Promise<Record<string, unknown> | undefined> => {
  if ('command' in step) return step.command;
  const prompts = await rapport.as(step.prompt.actor).prompts(ORG);
  return prompts._tag === 'Left' ? undefined : answerCommand(step.prompt, prompts.right);
};

/** The prompt a divergence would have before any dismissal, by the scenario's table. */
const expectedPromptId = (state: SyncState, field: SyncState['fields'][number]): string | undefined => {
  // R-SYNC-9: a blocked divergence offers only what can go where it goes.
  const blockedKind =
    field.blocked === null
      ? undefined
      : field.blocked.into === 'mine'
        ? 'send'
        : field.blocked.into === 'team' &&
            (field.direction === 'conflict' || (field.direction === 'to_me' && state.scenario === 'C'))
          ? 'accept'
          : null;
  if (blockedKind !== undefined)
    return blockedKind === null || state.scenario === 'A'
      ? undefined
      : promptId(state.contactId, field.field, blockedKind, field.mineChange, field.theirChange);
  const kind =
    field.direction === 'conflict'
      ? 'resolve'
      : field.direction === 'to_team'
        ? 'send'
        : state.scenario === 'C'
          ? 'accept'
          : undefined;
  return kind === undefined || state.scenario === 'A'
    ? undefined
    : promptId(state.contactId, field.field, kind, field.mineChange, field.theirChange);
};

/** Runs a random sequence and checks `check` after every step, given the states before and after. */
const everyStep = (
  check: (context: {
    rapport: Rapport;
    command: Record<string, unknown>;
    before: SyncState[];
    after: SyncState[];
    dismissed: ReadonlySet<string>;
    events: ReadonlyArray<RecordedEvent>;
  }) => Promise<void> | void,
  runs = 60,
  examples: ReadonlyArray<WorldStep[]> = [],
) =>
  fc.assert(
    fc.asyncProperty(steps, async (sequence) => {
      const { rapport } = await freshWorld();
      const dismissed = new Set<string>();
      for (const step of sequence) {
        const command = await commandOf(rapport, step);
        if (command === undefined) continue;
        const before = await statesOf(rapport);
        const result = await executeInput(rapport, command);
        if (result._tag === 'Right' && command['type'] === 'DismissSyncPrompt')
          dismissed.add(String(command['promptId']));
        const events = result._tag === 'Right' ? result.right : [];
        await check({ rapport, command, before, after: await statesOf(rapport), dismissed, events });
      }
    }),
    { numRuns: runs, examples: examples.map((sequence): [WorldStep[]] => [sequence]) },
  );

/**
 * A sequence that once left a team change of the next step waiting forever in scenario B: the
 * team's step is not in the checklist of the stage ann gave her copy, and the stage is in conflict.
 */
const stepHeldByStage: WorldStep[] = [
  { command: { type: 'AddMemberContact', actor: 'ann', orgId: ORG, engagementId: 'd1', contactId: 'c2' } },
  { command: { type: 'SetStage', actor: 'ann', orgId: ORG, contactId: 'c1', stage: 'lead' } },
  { prompt: { answer: 'act', actor: 'ann', pick: 0 } },
  { command: { type: 'SetStage', actor: 'ann', orgId: ORG, contactId: 'c2', stage: 'active' } },
  { command: { type: 'CompleteNextStep', actor: 'ann', orgId: ORG, contactId: 'c1' } },
  { command: { type: 'SetStage', actor: 'bob', orgId: ORG, contactId: 'c2', stage: 'lead' } },
  { command: { type: 'RenameContact', actor: 'ann', orgId: ORG, contactId: 'c1', name: 'Ada' } },
  {
    command: {
      type: 'SetNextStep',
      actor: 'ann',
      orgId: ORG,
      contactId: 'c2',
      target: 'team',
      stepId: 'send',
    },
  },
  { prompt: { answer: 'act', actor: 'ann', pick: 0 } },
  { command: { type: 'ClearFieldValue', actor: 'ann', orgId: ORG, contactId: 'c1', fieldId: 'amount' } },
  { command: { type: 'SetStage', actor: 'ann', orgId: ORG, contactId: 'c1', stage: 'lead' } },
];

describe('sync properties over random command sequences', () => {
  it('R-SYNC-1, R-SYNC-7: after the policy settles, in scenario A the shareable fields of the user copy equal the team copy, but for conflicts of a first meeting, each prompted', async () => {
    await everyStep(({ after, dismissed }) => {
      for (const state of after.filter((s) => s.scenario === 'A' && s.excluded === null)) {
        expect(state.flows).toEqual([]);
        for (const field of state.fields) {
          expect([field.field, field.origin, field.direction], `${state.userId}/${state.contactId}`).toEqual([
            field.field,
            'first_meeting',
            'conflict',
          ]);
          const id = promptId(state.contactId, field.field, 'resolve', field.mineChange, field.theirChange);
          if (!dismissed.has(id)) expect(state.prompts.map((prompt) => prompt.promptId)).toContain(id);
        }
        expect(state.prompts.map((prompt) => [prompt.kind, prompt.rule])).toEqual(
          state.prompts.map(() => ['resolve', 'R-SYNC-7']),
        );
      }
    });
  });

  it('R-SYNC-2: in scenario B no team change waits for a prompt, and every user change does', async () => {
    await everyStep(
      ({ after, dismissed }) => {
        for (const state of after.filter((s) => s.scenario === 'B' && s.excluded === null)) {
          expect(state.flows).toEqual([]);
          // R-SYNC-9: but for a conflict whose own value the team copy cannot hold.
          expect(
            state.prompts.filter(
              (prompt) =>
                prompt.kind === 'accept' &&
                state.fields.find((field) => field.field === prompt.field)?.blocked?.into !== 'team',
            ),
          ).toEqual([]);
          expect(
            state.fields.filter((field) => field.direction === 'to_me' && field.blocked?.into !== 'mine'),
          ).toEqual([]);
          for (const field of state.fields) {
            const id = expectedPromptId(state, field);
            if (field.blocked === null) expect(id).toBeDefined(); // R-SYNC-9: a blocked one may have none
            if (id !== undefined && !dismissed.has(id))
              expect(state.prompts.map((prompt) => prompt.promptId)).toContain(id);
          }
        }
      },
      60,
      [stepHeldByStage],
    );
  });

  it('R-SYNC-3: in scenario C every divergence has a prompt, and nothing flows by itself', async () => {
    await everyStep(({ after, dismissed }) => {
      for (const state of after.filter((s) => s.scenario === 'C' && s.excluded === null)) {
        expect(state.flows).toEqual([]);
        for (const field of state.fields) {
          const id = expectedPromptId(state, field);
          if (field.blocked === null) expect(id).toBeDefined(); // R-SYNC-9: a blocked one may have none
          if (id !== undefined && !dismissed.has(id))
            expect(state.prompts.map((prompt) => prompt.promptId)).toContain(id);
        }
      }
    });
  });

  it('R-SYNC-4: in B and C nothing is overwritten without a prompt', async () => {
    await everyStep(async ({ rapport, command, before, after, events }) => {
      const projections = await projectionsOf(rapport);
      // A sync flow writes a copy only as a user whose scenario lets it flow: A both ways, B into
      // their copy. The flow itself may change the scenario (an imported segment turns keep-in-touch
      // off), so the scenario before or after the command counts; the user's own command may pass
      // through B on the way (setting a stage), so only other users' commands are checked here.
      // In every scenario, the copies' first meeting fills a side that was empty (R-SYNC-7): a pair
      // that met in this command, or a field whose divergence was such a fill before it.
      for (const event of events) {
        if (command['actor'] === event.actor) continue;
        const data = event.data as { contactId?: string; copy?: { owner: string; userId?: string } };
        if (event.causationId === null || data.copy === undefined || data.contactId === undefined) continue;
        if (data.copy.owner === 'user') expect(data.copy.userId).toBe(event.actor);
        const pair = (s: SyncState) => s.userId === event.actor && s.contactId === data.contactId;
        const was = before.find(pair);
        const fill = data.copy.owner === 'team' ? 'to_team' : 'to_me';
        const filled =
          was === undefined ||
          projections
            .fieldsChangedBy(event.id)
            .every((field) =>
              was.fields.some((f) => f.field === field && f.origin !== null && f.direction === fill),
            );
        const scenarios = [was?.scenario, after.find(pair)?.scenario];
        const allowed = data.copy.owner === 'team' ? ['A'] : ['A', 'B'];
        expect(
          filled || scenarios.some((scenario) => scenario !== undefined && allowed.includes(scenario)),
          `${event.type} by ${event.actor} in ${scenarios.join(' then ')}`,
        ).toBe(true);
      }
      for (const state of before.filter((s) => s.scenario !== 'A' && s.excluded === null)) {
        if (command['actor'] === state.userId) continue;
        const now = after.find((s) => s.userId === state.userId && s.contactId === state.contactId);
        if (now === undefined || now.scenario === 'A') continue;
        const mine = projections.copy(ORG, { owner: 'user', userId: state.userId }, state.contactId);
        if (mine === undefined) continue;
        for (const field of state.fields.filter((f) => f.direction !== 'to_me'))
          expect(syncValueOf(mine, field.field), `${state.userId}/${state.contactId} ${field.field}`).toEqual(
            field.mine,
          );
      }
    });
  });

  it('R-SYNC-6, R-TEAM-4: no prompt or flow carries personal information or a personal-segment contact, but the question to an assignee whose copy is personal', async () => {
    await everyStep(async ({ rapport, after }) => {
      const { projections, org } = await settingsOf(rapport);
      for (const state of after) {
        const mine = projections.copy(ORG, { owner: 'user', userId: state.userId }, state.contactId);
        if (mine === undefined) throw new Error('a sync state without a user copy');
        const personalSegment = mine.segment !== null && segmentKindOf(org, mine.segment) === 'personal';
        if (personalSegment) {
          // Only R-TEAM-4's question to an assignee: make the copy business, or keep it private.
          expect(state.excluded).toBe('personal_segment');
          expect(state.flows).toEqual([]);
          expect(state.prompts.map((prompt) => [prompt.kind, prompt.field, state.basis.assigned])).toEqual(
            state.prompts.map(() => ['make_business', 'segment', true]),
          );
        }
        for (const item of [...state.prompts, ...state.flows]) {
          const info = item.field.startsWith('info:') ? mine.info[item.field.slice(5)] : undefined;
          expect(info?.personal ?? false).toBe(false);
          expect(JSON.stringify(item)).not.toContain('secret');
        }
      }
      for (const copy of projections.copies(ORG, { owner: 'team' }).values()) {
        expect(JSON.stringify(copy.info)).not.toContain('secret');
        if (copy.segment !== null) expect(segmentKindOf(org, copy.segment)).toBe('business');
      }
    });
  });

  it('R-SYNC-9: no prompt offers to put into a copy a next step outside its checklist or a field value outside its scope', async () => {
    // Read from the organization's settings here, apart from the sync state's own reasoning.
    const holds = (
      org: OrganizationState,
      copy: { kind: CopyDocument['kind']; segment: string | null; stage: CopyDocument['stage'] },
      field: string,
      value: unknown,
    ): boolean => {
      if (value === null) return true;
      if (field === 'step')
        return (
          copy.segment !== null &&
          copy.stage !== null &&
          checklistOf(org, copy.segment, copy.stage).some((step) => step.stepId === value)
        );
      if (!field.startsWith('field:')) return true;
      const definition = entryOf(org.fields, field.slice('field:'.length))?.definition;
      if (definition === undefined) return true;
      return (
        definition.appliesTo.includes(copy.kind ?? 'person') &&
        (definition.segments === undefined ||
          (copy.segment !== null && definition.segments.includes(copy.segment))) &&
        (definition.stages === undefined || (copy.stage !== null && definition.stages.includes(copy.stage)))
      );
    };
    await everyStep(async ({ rapport, after }) => {
      const { projections, org } = await settingsOf(rapport);
      for (const state of after) {
        const mine = projections.copy(ORG, { owner: 'user', userId: state.userId }, state.contactId);
        const team = projections.copy(ORG, { owner: 'team' }, state.contactId);
        if (mine === undefined || team === undefined) throw new Error('a sync state without its copies');
        for (const prompt of state.prompts) {
          const what = `${state.userId}/${state.contactId} ${prompt.kind} ${prompt.field}`;
          if (prompt.kind === 'accept' || prompt.kind === 'resolve')
            expect(holds(org, mine, prompt.field, prompt.theirs), what).toBe(true);
          if (prompt.kind === 'send' || prompt.kind === 'resolve')
            expect(holds(org, team, prompt.field, prompt.mine), what).toBe(true);
        }
      }
    });
  });
});
