/**
 * `rapport exec <file.jsonl>`: runs commands, one JSON object a line, through the domain. Each line
 * is read as strict UTF-8, parsed, checked against the input limits and decoded; a rejected line
 * is reported with its number and reason and appends nothing (R-AUDIT-1). One result line is
 * printed per command as it runs. Each command has an id, given in the line (`"commandId"`) or
 * derived from the file's content up to the line, which names its events, so that running the file
 * again, after a crash or not, skips the commands already done and appends nothing twice.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatRejection, RapportError, reject, type EventStore, type Rejection } from '@rapport/core';
import { commandEventId, createRapport, decodeCommand, Id } from '@rapport/domain';
import type { CliContext } from '../internal/context.js';
import { EXIT, UsageError } from '../internal/exitCodes.js';
import { readCommandLines, type CommandLine } from '../internal/jsonl.js';
import { startProgress } from '../internal/progress.js';

interface ExecOptions {
  readonly json?: boolean;
}

/**
 * What became of one line: run, already done by an earlier run, read by an earlier run of the same
 * file that went further (and rejected it, or it appended nothing), or rejected.
 */
type LineOutcome =
  | {
      readonly line: number;
      readonly commandId: string;
      readonly outcome: 'accepted';
      readonly command: string;
      readonly events: ReadonlyArray<string>;
    }
  | {
      readonly line: number;
      readonly commandId: string;
      readonly outcome: 'done before';
      readonly command: string;
    }
  | { readonly line: number; readonly outcome: 'read before' }
  | {
      readonly line: number;
      readonly commandId: string | null;
      readonly outcome: 'rejected';
      readonly rejection: Rejection;
    };

/** How the commands of one run fared. */
interface Totals {
  lines: number;
  accepted: number;
  doneBefore: number;
  readBefore: number;
  rejected: number;
  events: number;
}

const lineRefusal = (code: string, message: string): Rejection =>
  reject(code, message, { rule: 'R-AUDIT-1' });

/**
 * The id of the command on a line: its `"commandId"`, or one made of the line number and the
 * SHA-256 of the file's bytes up to the end of the line, which the same file run again gives again.
 *
 * @example
 * import { commandIdOf } from './exec.js';
 * commandIdOf({ commandId: 'import-7', type: 'SetStage' }, 3, 'ab'.repeat(32)); // { commandId: 'import-7' }
 * commandIdOf({ type: 'SetStage' }, 3, 'ab'.repeat(32)); // { commandId: 'exec-ababababababababababababab-3' }
 * commandIdOf({ commandId: 'a/b' }, 3, 'ab'.repeat(32)); // { rejection: { code: 'COMMAND_ID_INVALID', … } }
 */
export const commandIdOf = (
  line: Record<string, unknown>,
  number: number,
  digest: string,
): { readonly commandId: string } | { readonly rejection: Rejection } => {
  if (!Object.prototype.hasOwnProperty.call(line, 'commandId'))
    return { commandId: derivedCommandId(number, digest) };
  const given = line['commandId'];
  return Id.is(given)
    ? { commandId: given }
    : {
        rejection: lineRefusal(
          'COMMAND_ID_INVALID',
          `Rejected input: at commandId: expected an id: 1 to 128 letters, digits, "_", ".", ":", "@" or "-", got ${JSON.stringify(given) ?? String(given)}`,
        ),
      };
};

/** The id of the command on line `number` of a file whose bytes up to the line's end hash to `digest`. */
const derivedCommandId = (number: number, digest: string): string => `exec-${digest.slice(0, 26)}-${number}`;

/**
 * The last line of the file whose derived command is done: an earlier run read the same bytes up
 * to there and ran every line before it, so those lines are not run again (0 when there is none).
 */
const lastLineDone = async (path: string, done: ReadonlySet<string>): Promise<number> => {
  let last = 0;
  for await (const line of readCommandLines(path))
    if (done.has(commandEventId(derivedCommandId(line.line, line.digest), 0))) last = line.line;
  return last;
};

/** The ids of the first event of every command run with an id, in the store: the commands done. */
const commandsDone = async (store: EventStore): Promise<Set<string>> => {
  const done = new Set<string>();
  const first = commandEventId('', 0);
  for await (const batch of store.readAll())
    for (const event of batch) if (event.id.endsWith(first)) done.add(event.id);
  return done;
};

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
    .option('--json', 'print the outcome of every line as a JSON line')
    .addHelpText(
      'after',
      '\nEach line is a command such as\n  {"type":"SetStage","actor":"ann","orgId":"acme","contactId":"ada","stage":"lead"}\noptionally with its own "commandId". A result line is printed per command as it runs; a\nrejected line prints "line <n>: <reason> [<rule>]" on standard error and appends nothing,\nthe other lines still run. Run again, the file appends nothing twice: the commands already\ndone are skipped. Exits with 0 when no line was rejected, 1 when any was.',
    )
    .action(async (file: string, options: ExecOptions, command: Command) => {
      const path = file === '-' ? file : resolve(context.io.cwd, file);
      if (path !== '-' && (!existsSync(path) || statSync(path).isDirectory()))
        throw new UsageError('FILE_NOT_FOUND', `there is no file ${file} to run`);
      const json = options.json === true;
      const style = context.errorStyle(command);
      const totals: Totals = { lines: 0, accepted: 0, doneBefore: 0, readBefore: 0, rejected: 0, events: 0 };
      const progress = startProgress(context.io, path === '-' ? 0 : statSync(path).size, 'exec', 'bytes');
      const report = (outcome: LineOutcome): void => {
        totals.lines += 1;
        if (outcome.outcome === 'rejected') totals.rejected += 1;
        else if (outcome.outcome === 'accepted') {
          totals.accepted += 1;
          totals.events += outcome.events.length;
        } else if (outcome.outcome === 'done before') totals.doneBefore += 1;
        else totals.readBefore += 1;
        if (json) {
          context.io.stdout.write(`${JSON.stringify(outcome)}\n`);
          return;
        }
        progress.clear();
        if (outcome.outcome === 'rejected')
          context.io.stderr.write(
            `${style('red', `line ${outcome.line}:`)} ${formatRejection(outcome.rejection)}\n`,
          );
        else
          context.print(
            outcome.outcome === 'accepted'
              ? `line ${outcome.line}: ${outcome.command}: ${outcome.events.length} event(s) (${outcome.commandId})`
              : outcome.outcome === 'done before'
                ? `line ${outcome.line}: ${outcome.command}: done before (${outcome.commandId})`
                : `line ${outcome.line}: read before, by a run that went further`,
          );
      };
      try {
        await context.withStore(command, 'write', async (store) => {
          // The read models start from the snapshot `rapport replay` saved, when it fits this
          // history, and the reactions from the checkpoint the last run saved.
          const rapport = createRapport({ store, snapshots: store });
          const done = await commandsDone(store);
          // Standard input cannot be read twice: its rejected lines are run again.
          const resumeAfter = path === '-' || done.size === 0 ? 0 : await lastLineDone(path, done);
          for await (const line of readCommandLines(path)) {
            const outcome = await runLine(line, rapport, done, resumeAfter);
            report(outcome);
            progress.update(line.end);
          }
          await rapport.close();
        });
      } finally {
        progress.stop();
      }
      if (totals.rejected > 0) context.fail(EXIT.rejected);
      const summary = `${totals.lines} command(s): ${totals.accepted} accepted (${totals.events} events appended), ${totals.doneBefore + totals.readBefore} done or read before, ${totals.rejected} rejected`;
      if (json) context.io.stdout.write(`${JSON.stringify({ summary: totals })}\n`);
      else context.print(summary);
    });
};

/** Runs one line, unless its command was done before. */
const runLine = async (
  line: CommandLine,
  rapport: ReturnType<typeof createRapport>,
  done: Set<string>,
  resumeAfter: number,
): Promise<LineOutcome> => {
  const rejected = (rejection: Rejection, commandId: string | null = null): LineOutcome => ({
    line: line.line,
    commandId,
    outcome: 'rejected',
    rejection,
  });
  if ('refusal' in line) return rejected(line.refusal);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.text);
  } catch (error) {
    return rejected(lineRefusal('LINE_NOT_JSON', `Rejected input: not JSON: ${(error as Error).message}`));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return rejected(
      lineRefusal(
        'COMMAND_INVALID',
        'Rejected input: a line must hold a command, a JSON object with a "type"',
      ),
    );
  const id = commandIdOf(parsed as Record<string, unknown>, line.line, line.digest);
  if ('rejection' in id) return rejected(id.rejection);
  const { commandId } = id;
  const input: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  delete input['commandId'];
  const type = typeof input['type'] === 'string' ? input['type'] : '?';
  if (done.has(commandEventId(commandId, 0)))
    return { line: line.line, commandId, outcome: 'done before', command: type };
  if (line.line < resumeAfter) return { line: line.line, outcome: 'read before' };
  const command = decodeCommand(input);
  if (command._tag === 'Left') return rejected(command.left, commandId);
  let result: Awaited<ReturnType<typeof rapport.execute>>;
  try {
    result = await rapport.execute(command.right, { commandId });
  } catch (error) {
    // Another run appended this command's events meanwhile: it is done.
    if (error instanceof RapportError && error.code === 'DUPLICATE_EVENT_ID')
      return { line: line.line, commandId, outcome: 'done before', command: type };
    throw error;
  }
  if (result._tag === 'Left') return rejected(result.left, commandId);
  const first = result.right[0];
  if (first !== undefined) done.add(first.id);
  return {
    line: line.line,
    commandId,
    outcome: 'accepted',
    command: type,
    events: result.right.map((event) => event.type),
  };
};
