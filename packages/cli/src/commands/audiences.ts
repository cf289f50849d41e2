/**
 * `rapport audiences <user>`: a member's audiences, the defaults and the custom ones (their own and
 * the organization's), with member counts and members (R-AUD-2, R-AUD-3); with `--why <contact>`,
 * why that contact is or is not in each of them.
 */
import type { Command } from 'commander';
import { audienceReport, membershipVerdicts } from '@rapport/domain';
import type { CliContext } from '../internal/context.js';
import { projectedContacts, resolveContact } from '../internal/contacts.js';
import { chooseOrganization } from '../internal/organization.js';
import { readModelsFor } from '../internal/readModels.js';
import { orFail } from '../internal/rejections.js';
import { renderAudiences } from '../internal/reports.js';
import { renderTable } from '../internal/table.js';

interface AudiencesOptions {
  readonly org?: string;
  readonly why?: string;
  readonly json?: boolean;
}

/**
 * Registers `audiences`.
 *
 * @example
 * import { Command } from 'commander';
 * import { CliContext } from '../internal/context.js';
 * import { processIo } from '../internal/io.js';
 * import { registerAudiences } from './audiences.js';
 * const program = new Command('rapport');
 * registerAudiences(program, new CliContext(processIo()));
 * program.commands.map((command) => command.name()); // ['audiences']
 */
export const registerAudiences = (program: Command, context: CliContext): void => {
  program
    .command('audiences')
    .description("a member's audiences (defaults and custom) with their members")
    .argument('<user>', 'the member whose audiences they are')
    .option('--org <orgId>', 'the organization; default the only one in the store')
    .option('--why <contact>', 'explain why this contact (id or name) is or is not in each audience')
    .option('--json', 'print the audiences (or the explanations) as JSON')
    .addHelpText(
      'after',
      '\nMembers are counted in the user\'s My People; archived contacts belong to no audience.\nStarts from the snapshot "rapport replay" saved, when there is one.',
    )
    .action(async (user: string, options: AudiencesOptions, command: Command) => {
      const { models } = await context.withStore(command, 'read', (store) => readModelsFor(store, context));
      const orgId = chooseOrganization(models.projections, options.org);
      const style = context.style(command);
      if (options.why !== undefined) {
        const contactId = resolveContact(projectedContacts(models.projections, orgId), orgId, options.why);
        const verdicts = orFail(membershipVerdicts(models, orgId, user, contactId));
        if (options.json === true) {
          context.printJson({ orgId, userId: user, contactId, position: models.checkpoint, verdicts });
          return;
        }
        context.print(`why ${contactId} is or is not in the audiences of ${user} in ${orgId}:`);
        context.print(
          renderTable(
            [{ heading: 'audience' }, { heading: 'member' }, { heading: 'rule' }, { heading: 'because' }],
            verdicts.map((verdict) => [
              verdict.audienceId,
              verdict.member ? style('green', 'yes') : 'no',
              verdict.rule,
              verdict.summary,
            ]),
            (text) => style('bold', text),
            style.width,
          ),
        );
        return;
      }
      const report = orFail(audienceReport(models, orgId, user));
      if (options.json === true) {
        context.printJson(report);
        return;
      }
      context.print(`audiences of ${user} in ${orgId} (position ${report.position}):`);
      context.print(renderAudiences(report, style));
    });
};
