import { afterAll, describe, expect, it } from 'vitest';
import { verifyStore } from '@rapport/core';
import { startFixture } from './fixtures/childProcess.js';
import { acknowledgedCommands, historyProblems, readEverything } from '@rapport/core/testing';
import { createTarget, NEEDS_SERVER, serverUrl } from './fixtures/target.js';

const target = createTarget('crash');
afterAll(() => target.dispose());

describe('a writer process killed with SIGKILL in the middle of many appends', () => {
  it.skipIf(serverUrl === undefined)(
    `R-AUDIT-1: the chain verifies, no command is half stored and no acknowledged append is lost (${serverUrl === undefined ? NEEDS_SERVER : 'server'})`,
    async () => {
      const schema = target.newSchema();
      await (await target.open({ schema })).close();
      const writer = startFixture('./appendLoop.ts', [serverUrl ?? '', schema]);
      await writer.waitForLine((line) => line === 'ready');
      await writer.waitForLine((line) => line.startsWith('ack 300 '));
      writer.process.kill('SIGKILL');
      expect(await writer.exited).toBe('SIGKILL');
      const acknowledged = acknowledgedCommands(writer.lines);

      const store = await target.open({ schema });
      const events = await readEverything(store);
      expect(historyProblems(events)).toEqual([]);
      expect(await verifyStore(store)).toMatchObject({ ok: true, events: events.length, breaks: [] });
      const byCommand = new Map<string, Array<{ parts: number }>>();
      for (const event of events) {
        byCommand.set(event.correlationId, [
          ...(byCommand.get(event.correlationId) ?? []),
          event.data as { parts: number },
        ]);
      }
      for (const [command, parts] of byCommand) {
        expect({ command, stored: parts.length }).toEqual({ command, stored: parts[0]?.parts });
      }
      const byPosition = new Map(events.map((event) => [event.globalPosition, event]));
      for (const { command, positions } of acknowledged) {
        for (const position of positions)
          expect(byPosition.get(position)?.correlationId).toBe(`cmd-${command}`);
      }
      await store.close();
    },
  );
});
