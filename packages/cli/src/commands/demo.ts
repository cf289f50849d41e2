/**
 * `rapport demo`: seeds the flagship scenario (Harbor Realty) into the store, then prints the
 * views, the next step's e-mail, the sync scenarios A, B and C with their prompts and automatic
 * flows, the audiences, an audit excerpt and the verification of the hash chains. A clock of its
 * own dates the scenario, so that the demo prints the same thing on every machine.
 */
import type { Command } from 'commander';
import { formatRejection, verifyStore, type Rejection } from '@rapport/core';
import {
  contactTimeline,
  createRapport,
  formatCopy,
  formatTimelineValue,
  organizationStream,
  decodeCommand,
  readHistory,
  readModelsAt,
  syncReport,
  audienceReport,
  type EngagementDocument,
  type RecordedDomainEvent,
  type SyncReport,
  type TimelineChange,
} from '@rapport/domain';
import type { CliContext } from '../internal/context.js';
import { orFail } from '../internal/rejections.js';
import { formatSyncValue, renderAudiences, renderSync } from '../internal/reports.js';
import type { CliStore } from '../internal/store.js';
import type { Styler } from '../internal/style.js';
import { renderTable } from '../internal/table.js';
import { TIMELINE_COLUMNS } from '../internal/timeline.js';
import { contactViews, renderContacts } from '../internal/views.js';
import { DEMO_ORG, DEMO_START, DEMO_STEP_MINUTES, flagshipScenario } from '../demo/flagship.js';

interface DemoOptions {
  readonly json?: boolean;
}

interface Seeding {
  readonly seeded: boolean;
  readonly commands: number;
  readonly events: number;
  readonly rejections: ReadonlyArray<{ readonly step: number; readonly rejection: Rejection }>;
  readonly surprises: ReadonlyArray<string>;
}

/** Runs the scenario unless the store already holds its organization. */
const seed = async (store: CliStore): Promise<Seeding> => {
  if ((await store.streamVersion(organizationStream(DEMO_ORG))) > 0)
    return { seeded: false, commands: 0, events: 0, rejections: [], surprises: [] };
  let now = Date.parse(DEMO_START);
  const rapport = createRapport({ store, clock: () => new Date(now) });
  const rejections: { step: number; rejection: Rejection }[] = [];
  const surprises: string[] = [];
  let events = 0;
  for (const [index, { command, expect }] of flagshipScenario.entries()) {
    now += DEMO_STEP_MINUTES * 60_000;
    const decoded = decodeCommand(command);
    const result = decoded._tag === 'Left' ? decoded : await rapport.execute(decoded.right);
    if (result._tag === 'Right') {
      events += result.right.length;
      if (expect === 'rejected')
        surprises.push(`step ${index + 1} (${String(command['type'])}) was accepted`);
    } else {
      rejections.push({ step: index + 1, rejection: result.left });
      if (expect === 'accepted') surprises.push(`step ${index + 1}: ${formatRejection(result.left)}`);
    }
  }
  return { seeded: true, commands: flagshipScenario.length, events, rejections, surprises };
};

const AUDITED_FIELDS = new Set(['stage', 'segment', 'step', 'assignees']);

/**
 * Registers `demo`.
 *
 * @example
 * import { Command } from 'commander';
 * import { CliContext } from '../internal/context.js';
 * import { processIo } from '../internal/io.js';
 * import { registerDemo } from './demo.js';
 * const program = new Command('rapport');
 * registerDemo(program, new CliContext(processIo()));
 * program.commands.map((command) => command.name()); // ['demo']
 */
export const registerDemo = (program: Command, context: CliContext): void => {
  program
    .command('demo')
    .description('seed the flagship scenario (a real-estate team) and show views, sync, audiences and audit')
    .option('--json', 'print what the demo shows as JSON')
    .addHelpText(
      'after',
      '\nSeeds the organization "harbor" once; run again, it shows the same store without seeding.\nThen try: rapport prompts cat, rapport audiences bob, rapport as-of 81 prompts bob,\nrapport timeline "Ada Lovelace", rapport as-of 40 team, rapport verify.',
    )
    .action(async (options: DemoOptions, command: Command) => {
      const result = await context.withStore(command, 'write', async (store) => {
        const seeding = await seed(store);
        const { models, position } = await readModelsAt(store);
        const history = await readHistory(store);
        const teamChange = history.events.find(isTeamChangeByMia);
        const before =
          teamChange === undefined
            ? undefined
            : (await readModelsAt(store, { position: teamChange.globalPosition })).models;
        const verification = await verifyStore(store);
        return { seeding, models, before, teamChange, position, history, verification, label: store.label };
      });
      const { seeding, models, history, verification, teamChange } = result;
      const projections = models.projections;
      const sync = {
        bob: orFail(syncReport(models, DEMO_ORG, 'bob')),
        cat: orFail(syncReport(models, DEMO_ORG, 'cat')),
      };
      const audiences = orFail(audienceReport(models, DEMO_ORG, 'bob'));
      const flows = automaticFlows(result.before, teamChange, history.events);
      if (seeding.surprises.length > 0 || !verification.ok) context.fail(1);
      const myPeople = {
        bob: contactViews(projections, DEMO_ORG, { owner: 'user', userId: 'bob' }),
        cat: contactViews(projections, DEMO_ORG, { owner: 'user', userId: 'cat' }),
      };
      const team = contactViews(projections, DEMO_ORG, { owner: 'team' });
      const deals = [...projections.engagements(DEMO_ORG).values()];
      const ada = myPeople.bob.find((view) => view.contactId === 'ada');
      const timeline = contactTimeline(history.events, { orgId: DEMO_ORG, contactId: 'ada' }).filter(
        (change) => AUDITED_FIELDS.has(change.field),
      );
      if (options.json === true) {
        context.printJson({
          store: result.label,
          seeding,
          position: result.position,
          myPeople,
          team,
          deals,
          sync,
          flows,
          audiences,
          timeline,
          verification,
        });
        return;
      }
      const style = context.style(command);
      const heading = (text: string) => context.print(`\n${style(['bold', 'underline'], text)}`);
      context.print(
        seeding.seeded
          ? `Seeded Harbor Realty into ${result.label}: ${seeding.commands} commands, ${seeding.events} events, ${seeding.rejections.length} rejected on purpose.`
          : `Harbor Realty is already in ${result.label}: showing it as it is (position ${result.position}).`,
      );
      for (const { step, rejection } of seeding.rejections)
        context.print(`  step ${step}: ${style('yellow', formatRejection(rejection))}`);
      for (const surprise of seeding.surprises) context.print(style('red', `  unexpected: ${surprise}`));
      heading('My People of bob');
      context.print(renderContacts(myPeople.bob, style));
      heading('My People of cat');
      context.print(renderContacts(myPeople.cat, style));
      heading('Team view of Harbor Realty');
      context.print(renderContacts(team, style));
      printDeals(context, deals, style);
      if (ada?.step?.email !== undefined && ada.step.email !== null) {
        heading(
          `Next step for ${ada.name}: ${ada.step.title}, due ${ada.step.reminderDue ?? 'without reminder'}`,
        );
        context.print(`Subject: ${ada.step.email.subject}`);
        context.print(ada.step.email.body);
      }
      printSync(context, heading, sync, flows, style);
      heading('Audiences of bob: the defaults and the organization\'s "Holiday cards" (by tag)');
      context.print(renderAudiences(audiences, style));
      heading('Audit: how Ada Lovelace got here (stage, segment, step, assignees)');
      context.print(
        renderTable(
          TIMELINE_COLUMNS,
          timeline.map((change) => [
            String(change.position),
            change.recordedAt.slice(0, 16).replace('T', ' '),
            change.actor,
            formatCopy(change.copy),
            change.field,
            formatTimelineValue(change.from),
            formatTimelineValue(change.to),
            change.cause === 'command'
              ? 'command'
              : `policy after ${change.causedBy?.eventType ?? 'an event'}`,
          ]),
          (text) => style('bold', text),
          style.width,
        ),
      );
      heading('Verification');
      context.print(
        verification.ok
          ? style(
              'green',
              `ok: ${verification.events} events in ${verification.streams} streams, every hash chain holds`,
            )
          : style('red', `broken: ${verification.breaks.map((broken) => broken.message).join('; ')}`),
      );
      context.print(
        `\nNext: rapport prompts cat · rapport audiences bob --why "Ada Lovelace" · rapport timeline "Ada Lovelace" · rapport as-of 40 team · rapport verify · rapport --help`,
      );
    });
};

const printDeals = (context: CliContext, deals: ReadonlyArray<EngagementDocument>, style: Styler): void => {
  if (deals.length === 0) return;
  context.print('');
  context.print(
    renderTable(
      [
        { heading: 'project or deal' },
        { heading: 'kind' },
        { heading: 'stage' },
        { heading: 'team' },
        { heading: 'contacts' },
      ],
      deals.map((deal) => [
        deal.name ?? deal.engagementId,
        deal.kind ?? '—',
        deal.stage ?? '—',
        deal.team.join(', '),
        deal.contacts.join(', '),
      ]),
      (text) => style('bold', text),
      style.width,
    ),
  );
};

/** The scenario's team change whose automatic flows the demo shows: mia tags the team's Ada. */
const isTeamChangeByMia = (event: RecordedDomainEvent): boolean =>
  event.type === 'TagApplied' && event.actor === 'mia' && event.data.copy.owner === 'team';

/** The flows pending right after a team change, and the changes the policy then made in the same user action. */
interface AutomaticFlows {
  readonly position: number;
  readonly pending: { readonly bob: SyncReport; readonly cat: SyncReport };
  readonly carriedOut: ReadonlyArray<TimelineChange>;
}

const automaticFlows = (
  before: Parameters<typeof syncReport>[0] | undefined,
  teamChange: RecordedDomainEvent | undefined,
  events: ReadonlyArray<RecordedDomainEvent>,
): AutomaticFlows | null =>
  before === undefined || teamChange === undefined
    ? null
    : {
        position: teamChange.globalPosition,
        pending: {
          bob: orFail(syncReport(before, DEMO_ORG, 'bob')),
          cat: orFail(syncReport(before, DEMO_ORG, 'cat')),
        },
        carriedOut: contactTimeline(events, { orgId: DEMO_ORG, contactId: 'ada' }).filter(
          (change) => change.cause === 'policy' && change.correlationId === teamChange.correlationId,
        ),
      };

const printSync = (
  context: CliContext,
  heading: (text: string) => void,
  sync: { readonly bob: SyncReport; readonly cat: SyncReport },
  flows: AutomaticFlows | null,
  style: Styler,
): void => {
  heading('Sync of bob: Ada Lovelace in scenario A (assigned), Grace Hopper in scenario C (neither)');
  context.print(renderSync(sync.bob, style));
  heading(
    'Sync of cat: Ada Lovelace in scenario B (keep-in-touch); Grace, whom she added under another name, in scenario A with the names to choose from (a first meeting)',
  );
  context.print(renderSync(sync.cat, style));
  if (flows === null) return;
  heading(`Automatic flows: mia tagged the team's Ada "Pre-approved" (#${flows.position})`);
  context.print(`as of #${flows.position}, before the policy acted:`);
  context.print(
    renderTable(
      [
        { heading: 'user' },
        { heading: 'contact' },
        { heading: 'scenario' },
        { heading: 'flow' },
        { heading: 'field' },
        { heading: 'mine' },
        { heading: 'team' },
        { heading: 'rule' },
      ],
      (['bob', 'cat'] as const).flatMap((user) =>
        flows.pending[user].contacts.flatMap((contact) =>
          contact.flows.map((flow) => [
            user,
            contact.name,
            contact.scenario,
            flow.flow,
            flow.field,
            formatSyncValue(flow.mine),
            formatSyncValue(flow.theirs),
            flow.rule,
          ]),
        ),
      ),
      (text) => style('bold', text),
      style.width,
    ),
  );
  context.print('then, by the policy, as ordinary events:');
  context.print(
    renderTable(
      TIMELINE_COLUMNS,
      flows.carriedOut.map((change) => [
        String(change.position),
        change.recordedAt.slice(0, 16).replace('T', ' '),
        change.actor,
        formatCopy(change.copy),
        change.field,
        formatTimelineValue(change.from),
        formatTimelineValue(change.to),
        `policy after ${change.causedBy?.eventType ?? 'an event'}`,
      ]),
      (text) => style('bold', text),
      style.width,
    ),
  );
};
