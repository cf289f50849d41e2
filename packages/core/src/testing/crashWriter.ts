/**
 * The writer of a crash test (R-AUDIT-1): run in a child process, it appends commands until it is
 * killed, printing each acknowledged one, so that the test can check after the kill that no
 * command is half stored and no acknowledged append is lost.
 */
import type { EventStore } from '../eventStore.js';

const event = (command: number, part: number, parts: number) => ({
  id: `cmd-${command}-part-${part}`,
  type: 'Noted',
  schemaVersion: 1,
  data: { command, part, parts, text: 'x'.repeat(200) },
  actor: 'u_writer',
  recordedAt: new Date().toISOString(),
  correlationId: `cmd-${command}`,
  causationId: null,
});

/**
 * Prints `ready`, then appends commands in a loop, each one `appendMany` over two streams of two to
 * four events sharing the correlation id `cmd-<n>` (data `{ command, part, parts }`), and prints
 * `ack <n> <positions>` once each is acknowledged. Never returns: the test kills the process.
 *
 * @example
 * import { InMemoryEventStore, type EventStore } from '@rapport/core';
 * import { appendCommandsUntilKilled } from '@rapport/core/testing';
 * // A crash test runs it in a child process (the stores' fixtures/appendLoop.ts) until it kills it;
 * // here the store fails from the third command on, which ends the loop.
 * const store = new InMemoryEventStore();
 * const lines: string[] = [];
 * const failing: Pick<EventStore, 'appendMany'> = {
 *   appendMany: (writes) => (lines.length < 3 ? store.appendMany(writes) : Promise.reject(new Error('killed'))),
 * };
 * await appendCommandsUntilKilled(failing, (line) => lines.push(line)).catch(() => 'stopped'); // 'stopped'
 * lines; // ['ready', 'ack 0 1,2', 'ack 1 3,4,5']
 */
export const appendCommandsUntilKilled = async (
  store: Pick<EventStore, 'appendMany'>,
  print: (line: string) => void,
): Promise<never> => {
  print('ready');
  for (let command = 0; ; command += 1) {
    const parts = 2 + (command % 3);
    const events = Array.from({ length: parts }, (_, part) => event(command, part, parts));
    const results = await store.appendMany([
      { streamId: `contact-${command % 7}`, expectedVersion: 'any', events: events.slice(0, 1) },
      { streamId: 'journal', expectedVersion: 'any', events: events.slice(1) },
    ]);
    const positions = results.flatMap((result) => result.events.map((recorded) => recorded.globalPosition));
    print(`ack ${command} ${positions.join(',')}`);
  }
};

/**
 * One command the crash-test writer acknowledged: its number and the global positions of its events.
 *
 * @example
 * import type { AcknowledgedCommand } from '@rapport/core/testing';
 * const ack: AcknowledgedCommand = { command: 0, positions: [1, 2] };
 */
export interface AcknowledgedCommand {
  readonly command: number;
  readonly positions: ReadonlyArray<number>;
}

/**
 * The commands acknowledged in the writer's output (its `ack <n> <positions>` lines).
 *
 * @example
 * import { acknowledgedCommands } from '@rapport/core/testing';
 * acknowledgedCommands(['ready', 'ack 0 1,2']); // [{ command: 0, positions: [1, 2] }]
 */
export const acknowledgedCommands = (lines: ReadonlyArray<string>): ReadonlyArray<AcknowledgedCommand> =>
  lines
    .filter((line) => line.startsWith('ack '))
    .map((line) => {
      const [, command, positions] = line.split(' ');
      return { command: Number(command), positions: (positions ?? '').split(',').map(Number) };
    });
