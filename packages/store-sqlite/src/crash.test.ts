import { afterAll, describe, expect, it } from 'vitest';
import { verifyStore } from '@rapport/core';
import { startFixture } from './fixtures/childProcess.js';
import { acknowledgedCommands, createTempDir, historyProblems, readEverything } from '@rapport/core/testing';
import { openSqliteEventStore } from './index.js';

const temp = createTempDir('sqlite-crash');
afterAll(() => temp.remove());

describe('a writer killed with SIGKILL in the middle of many appends', () => {
  it('R-AUDIT-1: on reopening, the chain verifies, no command is half stored and no acknowledged append is lost', async () => {
    const path = temp.file('crash.db');
    const writer = startFixture('./appendLoop.ts', [path]);
    await writer.waitForLine((line) => line === 'ready');
    await writer.waitForLine((line) => line.startsWith('ack 300 '));
    writer.process.kill('SIGKILL');
    expect(await writer.exited).toBe('SIGKILL');

    const acknowledged = acknowledgedCommands(writer.lines);
    expect(acknowledged.length).toBeGreaterThan(300);

    const store = await openSqliteEventStore({ path });
    const events = await readEverything(store);
    expect(historyProblems(events)).toEqual([]);
    expect(await verifyStore(store)).toMatchObject({ ok: true, events: events.length, breaks: [] });

    const byCommand = new Map<string, Array<{ part: number; parts: number }>>();
    for (const event of events) {
      const parts = byCommand.get(event.correlationId) ?? [];
      parts.push(event.data as { part: number; parts: number });
      byCommand.set(event.correlationId, parts);
    }
    for (const [command, parts] of byCommand) {
      expect({ command, stored: parts.length }).toEqual({ command, stored: parts[0]?.parts });
    }

    const byPosition = new Map(events.map((event) => [event.globalPosition, event]));
    for (const { command, positions } of acknowledged) {
      for (const position of positions) {
        expect(byPosition.get(position)?.correlationId).toBe(`cmd-${command}`);
      }
    }
    await store.close();
  });
});
