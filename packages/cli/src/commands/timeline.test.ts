import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimelineChange } from '@rapport/domain';
import { runInProcess, tempDir } from '../internal/harness.js';

const seeded = async (): Promise<string> => {
  const dir = tempDir();
  const commands = [
    { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
    { type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' },
    {
      type: 'AddContact',
      actor: 'bob',
      orgId: 'acme',
      contactId: 'ada',
      kind: 'person',
      name: 'Ada Lovelace',
    },
    { type: 'SetSegment', actor: 'bob', orgId: 'acme', contactId: 'ada', segmentId: 'customer' },
    { type: 'SetStage', actor: 'bob', orgId: 'acme', contactId: 'ada', stage: 'lead' },
    { type: 'SetStage', actor: 'bob', orgId: 'acme', contactId: 'ada', stage: 'active' },
  ];
  writeFileSync(join(dir, 'c.jsonl'), commands.map((command) => JSON.stringify(command)).join('\n'));
  expect((await runInProcess(['exec', 'c.jsonl'], dir)).code).toBe(0);
  return dir;
};

describe('rapport timeline and as-of', () => {
  it("R-AUDIT-4: rapport timeline tells who changed a contact's stage, when, from what, to what", async () => {
    const dir = await seeded();
    const text = await runInProcess(['timeline', 'Ada Lovelace', '--field', 'stage'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/bob\s+bob\s+stage\s+lead\s+active\s+command/);

    const json = await runInProcess(['timeline', 'ada', '--json', '--copy', 'bob'], dir);
    const { changes } = JSON.parse(json.stdout) as { changes: TimelineChange[] };
    expect(
      changes
        .filter((change) => change.field === 'stage')
        .map((change) => [change.actor, change.from, change.to]),
    ).toEqual([
      ['bob', null, 'lead'],
      ['bob', 'lead', 'active'],
    ]);
  });

  it('R-AUDIT-3: rapport as-of shows a view as it was, and what changed since an earlier point', async () => {
    const dir = await seeded();
    const before = await runInProcess(['as-of', '6', 'my-people', 'bob', '--json'], dir);
    const view = JSON.parse(before.stdout) as { position: number; contacts: { stage: string | null }[] };
    expect(view.position).toBe(6);
    expect(view.contacts.map((contact) => contact.stage)).toEqual([null]);

    const now = await runInProcess(['as-of', '2100-01-01', 'my-people', 'bob'], dir);
    expect(now.stdout).toMatch(/Ada Lovelace\s+person\s+customer\s+active/);

    const diff = await runInProcess(['as-of', '100', 'my-people', 'bob', '--since', '6', '--json'], dir);
    const { differences } = JSON.parse(diff.stdout) as {
      differences: { field: string; from: unknown; to: unknown }[];
    };
    expect(differences).toEqual([expect.objectContaining({ field: 'stage', from: null, to: 'active' })]);
  });

  it('refuses a view that needs a user without one, and a point that is not one', async () => {
    const dir = await seeded();
    expect((await runInProcess(['as-of', '3', 'my-people'], dir)).stderr).toContain('USER_REQUIRED');
    const bad = await runInProcess(['as-of', 'someday', 'team'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('expected a global position');
  });

  it('R-SET-1: a field redefined: timeline shows each value under the name it had, as-of reports a value holding a retired option', async () => {
    const dir = tempDir();
    const source = {
      fieldId: 'source',
      name: 'Lead source',
      valueType: { type: 'pick_one', options: ['Inbound', 'Referral'] },
      appliesTo: ['person'],
    };
    const commands = [
      { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
      { type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'ada', kind: 'person', name: 'Ada' },
      { type: 'DefineField', actor: 'ann', orgId: 'acme', definition: source },
      {
        type: 'SetFieldValue',
        actor: 'ann',
        orgId: 'acme',
        contactId: 'ada',
        fieldId: 'source',
        value: 'Inbound',
      },
      {
        type: 'RedefineField',
        actor: 'ann',
        orgId: 'acme',
        definition: { ...source, name: 'Found via', valueType: { type: 'pick_one', options: ['Referral'] } },
      },
    ];
    writeFileSync(join(dir, 'c.jsonl'), commands.map((command) => JSON.stringify(command)).join('\n'));
    expect((await runInProcess(['exec', 'c.jsonl'], dir)).code).toBe(0);
    const timeline = await runInProcess(['timeline', 'ada', '--field', 'field:source'], dir);
    expect(timeline.stdout).toMatch(/field:source \(Lead source\)\s+—\s+Inbound/);
    const view = await runInProcess(['as-of', '100', 'my-people', 'ann'], dir);
    expect(view.stdout).toContain('Found via: Inbound (retired option: Inbound)');
  });
});
