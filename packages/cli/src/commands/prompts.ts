/**
 * `rapport prompts <user>`: a member's sync situation, contact by contact: the scenario and what
 * decided it, each prompt and each pending automatic flow with both values (R-SYNC-1..5).
 */
import type { Command } from 'commander';
import { syncReport } from '@rapport/domain';
import type { CliContext } from '../internal/context.js';
import { chooseOrganization } from '../internal/organization.js';
import { readModelsFor } from '../internal/readModels.js';
import { orFail } from '../internal/rejections.js';
import { renderSync } from '../internal/reports.js';

interface PromptsOptions {
  readonly org?: string;
  readonly json?: boolean;
}

/**
 * Registers `prompts`.
 *
 * @example
 * import { Command } from 'commander';
 * import { CliContext } from '../internal/context.js';
 * import { processIo } from '../internal/io.js';
 * import { registerPrompts } from './prompts.js';
 * const program = new Command('rapport');
 * registerPrompts(program, new CliContext(processIo()));
 * program.commands.map((command) => command.name()); // ['prompts']
 */
export const registerPrompts = (program: Command, context: CliContext): void => {
  program
    .command('prompts')
    .description("a member's sync prompts and pending automatic flows, with the scenario and both values")
    .argument('<user>', 'the member whose prompts they are')
    .option('--org <orgId>', 'the organization; default the only one in the store')
    .option('--json', 'print the contacts, prompts and flows as JSON')
    .addHelpText(
      'after',
      '\nScenario A (assigned, or on the deal team): changes flow both ways by themselves.\nScenario B (keep-in-touch): team changes flow in; the user is prompted to send theirs.\nScenario C (neither): the user is prompted both ways.\nFlows are carried out right after the change that caused them, so they show as pending only\nas of a point in between (rapport as-of <point> prompts <user>).',
    )
    .action(async (user: string, options: PromptsOptions, command: Command) => {
      const { models } = await context.withStore(command, 'read', (store) => readModelsFor(store, context));
      const orgId = chooseOrganization(models.projections, options.org);
      const report = orFail(syncReport(models, orgId, user));
      if (options.json === true) {
        context.printJson(report);
        return;
      }
      context.print(`sync of ${user} in ${orgId} (position ${report.position}):`);
      context.print(renderSync(report, context.style(command)));
    });
};
