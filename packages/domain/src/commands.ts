/**
 * Every command of the domain and the decoder for input from outside: any JSON value becomes a
 * typed command or a typed rejection with the path of what is wrong (R-AUDIT-1).
 */
import * as t from 'io-ts';
import { left, mapLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeOrReject, limitInput, reject, type Rejection } from '@rapport/core';
import { Id, Name } from './ids.js';
import { SyncField } from './sync/fields.js';
import { Tag } from './tags.js';
import { audienceCommandCodecs, AudienceCommand } from './audiences/commands.js';
import { contactCommandCodecs, ContactCommand } from './contact/commands.js';
import { engagementCommandCodecs, EngagementCommand } from './engagement/commands.js';
import { organizationCommandCodecs, OrganizationCommand } from './organization/commands.js';
import { syncCommandCodecs, SyncCommand } from './sync/commands.js';

/**
 * The codec of every command, keyed by its `type`.
 *
 * @example
 * import { commandCodecs } from './commands.js';
 * commandCodecs.SetStage.is({ type: 'SetStage', actor: 'ann', orgId: 'acme', contactId: 'c1', stage: 'lead' }); // true
 * 'DefineAudience' in commandCodecs; // true
 */
export const commandCodecs = {
  ...organizationCommandCodecs,
  ...contactCommandCodecs,
  ...engagementCommandCodecs,
  ...audienceCommandCodecs,
  ...syncCommandCodecs,
} as const;

/** The type names of every command. */
export type CommandType = Command['type'];

/**
 * The type names of every command, in a stable order.
 *
 * @example
 * import { COMMAND_TYPES } from '@rapport/domain';
 * COMMAND_TYPES.includes('SetStage'); // true
 */
export const COMMAND_TYPES = Object.keys(commandCodecs) as ReadonlyArray<CommandType>;

/**
 * Any command.
 *
 * @example
 * import { Command } from '@rapport/domain';
 * Command.is({ type: 'SetStage', actor: 'ann', orgId: 'acme', contactId: 'c1', stage: 'lead' }); // true
 */
export const Command = t.union(
  [OrganizationCommand, ContactCommand, EngagementCommand, AudienceCommand, SyncCommand],
  'Command',
);
export type Command = t.TypeOf<typeof Command>;

// The leaf codecs of commands that accept strings as they are and decode them to themselves.
const SELF_DECODING_LEAVES: ReadonlySet<t.Mixed> = new Set<t.Mixed>([Id, Name, Tag, SyncField]);

/**
 * Whether decoding with `codec` gives back the very value it accepts: io-ts's structural codecs
 * do (they copy only what a part changes), over primitives, literals and the leaves above. An
 * `exact` codec strips unknown properties, and a codec of another kind is not known to.
 */
const decodesToItself = (codec: t.Mixed): boolean => {
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType)
    return Object.values(codec.props as t.Props).every(decodesToItself);
  if (codec instanceof t.IntersectionType || codec instanceof t.UnionType)
    return (codec.types as ReadonlyArray<t.Mixed>).every(decodesToItself);
  if (codec instanceof t.ArrayType || codec instanceof t.RefinementType) return decodesToItself(codec.type);
  return (
    codec instanceof t.LiteralType ||
    codec instanceof t.KeyofType ||
    codec instanceof t.StringType ||
    codec instanceof t.NumberType ||
    codec instanceof t.BooleanType ||
    codec instanceof t.NullType ||
    codec instanceof t.UnknownType ||
    SELF_DECODING_LEAVES.has(codec)
  );
};

// The codecs, by command type, whose `is` says all that decoding would: checking builds no
// decoding context, so these commands are checked, and decoded only to describe a failure.
const CHECKED_BY_IS: ReadonlyMap<string, t.Type<Command, unknown, unknown>> = new Map(
  COMMAND_TYPES.filter((type) => decodesToItself(commandCodecs[type])).map((type) => [
    type,
    commandCodecs[type] as t.Type<Command, unknown, unknown>,
  ]),
);

const isCommandType = (type: unknown): type is CommandType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(commandCodecs, type);

/**
 * Decodes any input into a command, or a rejection with a stable code, the `path` of the faulty
 * part and a sentence naming what was expected. The input is first checked against
 * `COMMAND_LIMITS` and copied as frozen plain data (`limitInput`: `INPUT_TOO_DEEP`,
 * `STRING_TOO_LONG`, `INPUT_TOO_LARGE`, `INPUT_NOT_DATA`); the command given back is that copy.
 *
 * @example
 * import { decodeCommand } from '@rapport/domain';
 * decodeCommand({ type: 'SetStage', actor: 'ann', orgId: 'acme', contactId: 'c1', stage: 'lead' })._tag; // 'Right'
 * const bad = decodeCommand({ type: 'SetStage', actor: 'ann', orgId: 'acme', contactId: 'c1', stage: 'won' });
 * bad._tag === 'Left' && bad.left.path; // 'stage'
 * let reads = 0;
 * const live = { type: 'SetStage', actor: 'ann', orgId: 'acme', contactId: 'c1', get stage() { reads += 1; return reads === 1 ? 'lead' : 'won'; } };
 * const command = decodeCommand(live);
 * command._tag === 'Right' && [command.right.type === 'SetStage' && command.right.stage, reads]; // ['lead', 1]
 */
export const decodeCommand = (untrusted: unknown): Either<Rejection, Command> => {
  // What is checked and used from here on is a frozen plain copy, read once (COMMAND_LIMITS).
  const limited = limitInput(untrusted);
  if (limited._tag === 'Left') return limited;
  const input = limited.right;
  const type: unknown =
    typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (typeof type === 'string' && CHECKED_BY_IS.get(type)?.is(input) === true) return right(input);
  if (!isCommandType(type))
    return left(
      reject(
        'COMMAND_UNKNOWN',
        `Rejected input: "type" must name a command (${COMMAND_TYPES.join(', ')}), got ${
          type === undefined ? 'nothing' : JSON.stringify(type)
        }`,
        { path: 'type', rule: 'R-AUDIT-1' },
      ),
    );
  const codec = commandCodecs[type] as t.Type<Command, unknown, unknown>;
  return pipe(
    decodeOrReject(codec, input, 'COMMAND_INVALID'),
    mapLeft((rejection) => ({
      ...rejection,
      message: `Rejected ${type}: ${rejection.message}`,
      rule: 'R-AUDIT-1',
    })),
  );
};

/**
 * Whether a command is about an organization, a contact, a project or deal, audiences, or sync.
 *
 * @example
 * import { commandAggregate } from './commands.js';
 * commandAggregate({ type: 'ApplyTag', actor: 'ann', orgId: 'acme', contactId: 'c1', tag: 'VIP' }); // 'contact'
 */
export const commandAggregate = (
  command: Command,
): 'organization' | 'contact' | 'engagement' | 'audience' | 'sync' =>
  Object.prototype.hasOwnProperty.call(organizationCommandCodecs, command.type)
    ? 'organization'
    : Object.prototype.hasOwnProperty.call(contactCommandCodecs, command.type)
      ? 'contact'
      : Object.prototype.hasOwnProperty.call(audienceCommandCodecs, command.type)
        ? 'audience'
        : Object.prototype.hasOwnProperty.call(syncCommandCodecs, command.type)
          ? 'sync'
          : 'engagement';
