/**
 * The trusted path for input of any shape, as a test writes it: decoded, then run.
 */
import { decodeCommand } from '../commands.js';
import type { ExecuteMeta, ExecuteResult, Rapport } from '../rapport/api.js';

/**
 * Decodes `input` as `decodeCommand` does and runs it with `rapport.execute`: the decoder's
 * rejection when it is not a command, the command's result otherwise. For tests that send
 * commands built as plain records, some of them malformed on purpose; an application decodes
 * untrusted input itself and runs the typed command.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport } from '@rapport/domain';
 * import { executeInput } from '@rapport/domain/testing';
 * const rapport = createRapport({ store: createInMemoryEventStore() });
 * (await executeInput(rapport, { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' }))._tag; // 'Right'
 * const bad = await executeInput(rapport, { type: 'SetStage', actor: 'ann', orgId: 'acme', contactId: 'c1', stage: 'won' });
 * bad._tag === 'Left' && bad.left.code; // 'COMMAND_INVALID'
 */
export const executeInput = async (
  rapport: Pick<Rapport, 'execute'>,
  input: unknown,
  meta?: ExecuteMeta,
): Promise<ExecuteResult> => {
  const command = decodeCommand(input);
  return command._tag === 'Left' ? command : rapport.execute(command.right, meta);
};
