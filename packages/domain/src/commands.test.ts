import { describe, expect, it } from 'vitest';
import { decodeCommand } from './commands.js';

describe('decodeCommand', () => {
  it('R-AUDIT-1: a well-formed command decodes to itself', () => {
    const command = { type: 'SetStage', actor: 'ann', orgId: 'acme', contactId: 'c1', stage: 'lead' };
    expect(decodeCommand(command)).toEqual({ _tag: 'Right', right: command });
  });

  it('R-AUDIT-1: an unknown type is a typed rejection at path "type"', () => {
    const result = decodeCommand({ type: 'Explode' });
    expect(result._tag).toBe('Left');
    if (result._tag === 'Left') {
      expect(result.left.code).toBe('COMMAND_UNKNOWN');
      expect(result.left.path).toBe('type');
    }
  });

  it('R-AUDIT-1: a wrong field names its path and what was expected', () => {
    const result = decodeCommand({
      type: 'SetStage',
      actor: 'ann',
      orgId: 'acme',
      contactId: 'c1',
      stage: 'won',
    });
    expect(result._tag === 'Left' && result.left).toMatchObject({ code: 'COMMAND_INVALID', path: 'stage' });
    expect(result._tag === 'Left' && result.left.message).toMatch(
      /^Rejected SetStage: at stage: expected Stage/,
    );
  });

  it('R-AUDIT-1: a nested wrong field inside an optional part names its full path', () => {
    const result = decodeCommand({
      type: 'SetContactInfo',
      actor: 'ann',
      orgId: 'acme',
      contactId: 'c1',
      item: { itemId: 'e1', kind: 'fax', value: '1' },
    });
    expect(result._tag === 'Left' && result.left.path).toBe('item.kind');
  });
});
