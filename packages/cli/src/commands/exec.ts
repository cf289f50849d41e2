/**
 * `rapport exec <file.jsonl>`: runs commands, one JSON object a line, through the domain. Each line
 * is decoded with io-ts; a rejected line is reported with its number and reason and appends
 * nothing (R-AUDIT-1). Exits with 1 when any line was rejected.
 */
import { resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { Command } from 'commander';
import { formatRejection, type Rejection } from '@rapport/core';
import { createRapport } from '@rapport/domain';
import type { CliContext } from '../internal/context.js';
import { parseJsonLine, readLines } from '../internal/jsonl.js';

interface ExecOptions {
  readonly json?: boolean;
}

/** What became of one line. */
type LineOutcome =
  | {
      readonly line: number;
      readonly accepted: true;
      readonly command: string;
      readonly events: ReadonlyArray<string>;
    }
  | { readonly line: number; readonly accepted: false; readonly rejection: Rejection };

/**
 * Registers `exec`.
 *
 * @example
 * import { Command } from 'commander';
 * import { CliContext } from '../internal/context.js';
 * import { processIo } from '../internal/io.js';
 * import { registerExec } from './exec.js';
 * const program = new Command('rapport');
 * registerExec(program, new CliContext(processIo()));
 * program.commands.map((command) => command.name()); // ['exec']
 */
export const registerExec = (program: Command, context: CliContext): void => {
  program
    .command('exec')
    .description('run commands from a JSON Lines file, one command a line')
    .argument('<file>', 'the JSON Lines file; "-" reads standard input')
    .option('--json', 'print the outcome of every line as JSON')
    .addHelpText(
      'after',
      '\nEach line is a command such as\n  {"type":"SetStage","actor":"ann","orgId":"acme","contactId":"ada","stage":"lead"}\nA rejected line prints "line <n>: <reason> [<rule>]" on standard error and appends nothing;\nthe other lines still run. Exits with 0 when every line was accepted, 1 when any was rejected.',
    )
    .action(async (file: string, options: ExecOptions, command: Command) => {
      const outcomes: LineOutcome[] = await context.withStore(command, 'write', async (store) => {
        const rapport = createRapport({ store });
        const results: LineOutcome[] = [];
        for await (const { line, text } of readLines(file === '-' ? file : resolve(context.io.cwd, file))) {
          const parsed = parseJsonLine(text);
          if (E.isLeft(parsed)) {
            results.push({
              line,
              accepted: false,
              rejection: {
                code: 'LINE_NOT_JSON',
                message: `Rejected input: ${parsed.left}`,
                rule: 'R-AUDIT-1',
              },
            });
            continue;
          }
          const result = await rapport.execute(parsed.right);
          results.push(
            E.isRight(result)
              ? {
                  line,
                  accepted: true,
                  command: String((parsed.right as { type?: unknown }).type),
                  events: result.right.map((event) => event.type),
                }
              : { line, accepted: false, rejection: result.left },
          );
        }
        return results;
      });
      const rejected = outcomes.filter((outcome) => !outcome.accepted);
      if (rejected.length > 0) context.fail(1);
      if (options.json === true) {
        context.printJson({ lines: outcomes });
        return;
      }
      const style = context.errorStyle(command);
      for (const outcome of outcomes)
        if (!outcome.accepted)
          context.io.stderr.write(
            `${style('red', `line ${outcome.line}:`)} ${formatRejection(outcome.rejection)}\n`,
          );
      const events = outcomes.reduce(
        (sum, outcome) => sum + (outcome.accepted ? outcome.events.length : 0),
        0,
      );
      context.print(
        `${outcomes.length} command(s): ${outcomes.length - rejected.length} accepted (${events} events appended), ${rejected.length} rejected`,
      );
    });
};
