import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '@rapport/store-sqlite';
import { runInProcess, tempDir } from '../internal/harness.js';

/** A store of acme with ann and her Bo, then an event the domain does not know, appended behind its back. */
const withUnknownEvent = async (): Promise<string> => {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'c.jsonl'),
    [
      { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
      { type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'bo', kind: 'person', name: 'Bo' },
    ]
      .map((command) => JSON.stringify(command))
      .join('\n'),
  );
  expect((await runInProcess(['exec', 'c.jsonl'], dir)).code).toBe(0);
  const store = await openSqliteEventStore({ path: join(dir, 'rapport.db') });
  await store.append('contact-acme/ada', [
    {
      id: '01JD00000000000000000000Z9',
      type: 'ContactTeleported',
      schemaVersion: 1,
      data: { orgId: 'acme', contactId: 'ada' },
      actor: 'ann',
      recordedAt: '2026-11-23T09:30:00.000Z',
      correlationId: 'k1',
      causationId: null,
    },
  ]);
  await store.close();
  return dir;
};

describe('readers of a history with an event the domain cannot read', () => {
  it('R-AUDIT-3: timeline, as-of, audiences, prompts and replay print what they read, say what they left out, and exit with 3', async () => {
    const dir = await withUnknownEvent();
    for (const args of [
      ['timeline', 'bo'],
      ['as-of', '5', 'my-people', 'ann'],
      ['audiences', 'ann'],
      ['prompts', 'ann'],
      ['replay'],
    ]) {
      const run = await runInProcess(args, dir);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(3);
      expect(run.stderr, `${args.join(' ')}: ${run.stdout}`).toContain(
        'warning: 1 stored event(s) cannot be read as domain events',
      );
      expect(run.stdout, args.join(' ')).not.toBe('');
    }
    const timeline = await runInProcess(['timeline', 'bo'], dir);
    expect(timeline.stdout).toMatch(/ann\s+ann\s+name\s+—\s+Bo\s+command/);
  });
});
