/**
 * `rapport verify`: checks the hash chain of every stream of the store and reports what is broken,
 * where (R-AUDIT-5), on as many threads as the machine has cores; and the store itself: SQLite's
 * check of its file, the store's own count and head against what was read (R-AUDIT-6). Exits with
 * 3 when anything is broken, missing or damaged.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  anchorOf,
  checkAnchor,
  checkSignedAnchor,
  describeRanges,
  signAnchor,
  verifyStore,
  type AnchorCheck,
  type HistoryAnchor,
  type SignedAnchor,
  type SignedAnchorCheck,
  type VerificationReport,
} from '@rapport/core';
import { readAnchorFile, readKeyFile, writeAnchorFile } from '../internal/anchorFiles.js';
import type { CliContext, GlobalOptions } from '../internal/context.js';
import type { CliStore } from '../internal/store.js';
import { EXIT, RejectedError, UsageError } from '../internal/exitCodes.js';
import { renderTable } from '../internal/table.js';

interface VerifyOptions {
  readonly json?: boolean;
  readonly threads?: number;
  readonly anchor?: string;
  readonly writeAnchor?: string;
  readonly integrity?: boolean;
  readonly sign?: string;
  readonly publicKey?: string;
}

/** Parses `--threads`: a whole number from 1 to 64. */
const parseThreads = (value: string): number => {
  const threads = Number(value);
  if (!/^\d+$/.test(value) || threads < 1 || threads > 64)
    throw new InvalidArgumentError('expected a number of threads: a whole number from 1 to 64');
  return threads;
};

/**
 * Verifies the store the global options name, opened (and so checked) as `store`: a SQLite file or
 * a PostgreSQL schema on `threads` threads (by default as many as are worth it) that each read it
 * themselves; a store in memory on this thread, the only one that sees it.
 */
const verifyNamedStore = async (
  options: GlobalOptions,
  cwd: string,
  store: CliStore,
  threads: number | undefined,
  integrity: boolean,
): Promise<VerificationReport> => {
  if (options.pg !== undefined) {
    const { verifyPostgresStore } = await import('@rapport/store-postgres');
    return verifyPostgresStore(
      {
        connectionString: options.pg,
        ...(options.pgSchema === undefined ? {} : { schema: options.pgSchema }),
      },
      threads === undefined ? {} : { threads },
    );
  }
  if (options.db === ':memory:') return verifyStore(store);
  const { verifySqliteStore } = await import('@rapport/store-sqlite');
  return verifySqliteStore(resolve(cwd, options.db), {
    ...(threads === undefined ? {} : { threads }),
    fullIntegrityCheck: integrity,
  });
};

/** Registers `verify`. */
export const registerVerify = (program: Command, context: CliContext): void => {
  program
    .command('verify')
    .description('check the hash chain of every stream and report what is broken, where')
    .option('--json', 'print the report as JSON')
    .option('--anchor <file>', 'also check that the history still holds the head an anchor file names')
    .option(
      '--write-anchor <file>',
      "when everything holds, write the history's head to this file, to check later with --anchor",
    )
    .option('--sign <private-key.pem>', 'with --write-anchor: sign the anchor with this Ed25519 private key')
    .option(
      '--public-key <public-key.pem>',
      'with --anchor: check the signed anchor with this Ed25519 public key',
    )
    .option(
      '--integrity',
      "check a SQLite file with SQLite's full integrity_check instead of quick_check (slower)",
    )
    .option(
      '--threads <n>',
      'threads that verify streams side by side, each reading the store itself (default: the number of cores, one per 20,000 events at most)',
      parseThreads,
    )
    .addHelpText(
      'after',
      "\nAlso checks the store itself: a SQLite file with PRAGMA quick_check (integrity_check with\n--integrity), and the store's own count of events and head against what was read, so that a\ndamaged store is never reported ok over less history than it holds. Exits with 0 when every\nchain holds, every position up to the head holds an event, the store is whole and the anchor\n(if given) is held; 3 when an event was altered, removed or reordered, the store is damaged or\nthe anchor is not held. Keep anchors outside the store: only they show that the store's own\nlast events were removed. A signed anchor (--write-anchor with --sign, checked with --anchor and\n--public-key) also holds the count and a digest of every event, and shows a history rewritten\nwith its whole chain recomputed; keep the private key away from the store.",
    )
    .action(async (options: VerifyOptions, command: Command) => {
      if (options.sign !== undefined && options.writeAnchor === undefined)
        throw new UsageError(
          'SIGN_WITHOUT_ANCHOR',
          '--sign signs the anchor --write-anchor writes: give both',
        );
      if (options.publicKey !== undefined && options.anchor === undefined)
        throw new UsageError(
          'KEY_WITHOUT_ANCHOR',
          '--public-key checks the anchor --anchor names: give both',
        );
      const anchorFile =
        options.anchor === undefined
          ? undefined
          : readAnchorFile(resolve(context.io.cwd, options.anchor), options.anchor);
      const publicKey =
        options.publicKey === undefined
          ? undefined
          : readKeyFile(resolve(context.io.cwd, options.publicKey), options.publicKey, 'public');
      if (anchorFile !== undefined && publicKey !== undefined && !anchorFile.signed)
        throw new RejectedError(
          'ANCHOR_NOT_SIGNED',
          `the anchor file ${options.anchor} is not signed, so --public-key cannot check it: was a signed anchor replaced?`,
        );
      if (anchorFile?.signed === true && publicKey === undefined)
        throw new UsageError(
          'PUBLIC_KEY_REQUIRED',
          `the anchor file ${options.anchor} is signed: give the public key that checks it with --public-key`,
        );
      const privateKey =
        options.sign === undefined
          ? undefined
          : readKeyFile(resolve(context.io.cwd, options.sign), options.sign, 'private');
      const { report, anchorCheck, written } = await context.withStore(command, 'read', async (store) => {
        const report = await verifyNamedStore(
          command.optsWithGlobals<GlobalOptions>(),
          context.io.cwd,
          store,
          options.threads,
          options.integrity === true,
        );
        const anchorCheck: AnchorCheck | SignedAnchorCheck | undefined =
          anchorFile === undefined
            ? undefined
            : anchorFile.signed && publicKey !== undefined
              ? await checkSignedAnchor(store, anchorFile.anchor, publicKey)
              : await checkAnchor(store, anchorFile.anchor);
        let written: HistoryAnchor | SignedAnchor | null | undefined;
        if (options.writeAnchor !== undefined && report.ok && anchorCheck?.ok !== false) {
          written = privateKey === undefined ? await anchorOf(store) : await signAnchor(store, privateKey);
          if (written !== null) writeAnchorFile(resolve(context.io.cwd, options.writeAnchor), written);
        }
        return { report, anchorCheck, written };
      });
      if (!report.ok || anchorCheck?.ok === false) context.fail(EXIT.store);
      const style = context.style(command);
      const writtenNote =
        options.writeAnchor === undefined || written === undefined
          ? undefined
          : written === null
            ? 'no anchor written: the history is empty'
            : 'signature' in written
              ? `signed anchor written to ${options.writeAnchor}: position ${written.globalPosition}, event ${written.eventId}, ${written.events} events, key ${written.keyId}`
              : `anchor written to ${options.writeAnchor}: position ${written.globalPosition}, event ${written.eventId}`;
      if (options.json === true) {
        context.printJson(anchorCheck === undefined ? report : { ...report, anchor: anchorCheck });
        if (writtenNote !== undefined) context.io.stderr.write(`${writtenNote}\n`);
        return;
      }
      context.print(
        `${report.events} events in ${report.streams} streams, up to position ${report.headPosition}`,
      );
      const problems = report.store?.problems ?? [];
      if (problems.length > 0) {
        context.print(
          style(
            'red',
            `damaged: the store holds ${report.store?.stored.events} events up to position ${report.store?.stored.headPosition}; ${problems.length} problem(s) with the store itself`,
          ),
        );
        for (const problem of problems) context.print(style('red', `  ${problem.kind}: ${problem.message}`));
      }
      if (anchorCheck !== undefined)
        context.print(style(anchorCheck.ok ? 'green' : 'red', `anchor: ${anchorCheck.message}`));
      if (writtenNote !== undefined) context.print(writtenNote);
      if (report.ok) {
        context.print(style('green', 'ok: every hash chain holds'));
        return;
      }
      if (report.missingPositions > 0) {
        const gaps = report.store?.gaps ?? [];
        context.print(
          style(
            'red',
            `missing: ${report.missingPositions} position(s) up to ${report.headPosition} hold no event: events were removed` +
              (gaps.length > 0 ? ` (positions ${describeRanges(gaps)})` : ''),
          ),
        );
      }
      if (report.breaks.length === 0) return;
      context.print(style('red', `broken: ${report.breaks.length} stream(s)`));
      context.print(
        renderTable(
          [
            { heading: 'stream' },
            { heading: 'version', align: 'right' },
            { heading: 'position', align: 'right' },
            { heading: 'kind' },
            { heading: 'what' },
          ],
          report.breaks.map((broken) => [
            broken.streamId,
            String(broken.streamVersion),
            String(broken.globalPosition),
            broken.kind,
            broken.message,
          ]),
          (text) => style('bold', text),
          style.width,
        ),
      );
    });
};
