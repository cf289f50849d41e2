import { describe, expect, it } from 'vitest';
import { canonicalEventText, canonicalJson, hashEvent, type HashedEvent } from './hashChain.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { verifyStore } from './verify.js';

const base = {
  id: '01JD00000000000000000000AA',
  type: 'Noted',
  schemaVersion: 1,
  actor: 'u_ann',
  recordedAt: '2026-11-23T09:30:00.000Z',
  correlationId: 'c1',
  causationId: null,
  streamId: 'contact-1',
  streamVersion: 1,
};

/**
 * Hashes written by the first release of the hash chain, for data of every kind the canonical
 * form has to handle: a history stored then must verify now.
 */
const GOLDEN: ReadonlyArray<{ name: string; data: unknown; first: string; second: string }> = [
  {
    name: 'sorted plain data',
    data: { a: 1, b: 'two', c: [true, null, 3.5] },
    first: '35d864913ade071591f357925c17e6382ad9419d60d9450ac05eaf6e430f9fdc',
    second: '110be40903544840a4a9ed7fb57bfbf172c4753d490107202e708e6a589ef161',
  },
  {
    name: 'unsorted nested data',
    data: { stage: 'lead', contactId: 'c1', orgId: 'acme', copy: { owner: 'user', userId: 'u1' } },
    first: 'eed5cbfa3dbd2f11f3c84e5bc0c2540bcfd8b011abd53d0ac37fd5cb5c9a6efb',
    second: '04ee9584ad370884a96bc64495be3574ff1af0296f38a62f6a14772c88be7b1b',
  },
  {
    name: 'characters JSON escapes',
    data: { name: 'Zoë \u2028 "quoted" \\ é 😀', z: '\ud800' },
    first: '99d6e26831d46ba4697bd714aabda61571f0b0d291f667333edc580245126feb',
    second: '9882c11182e77747477a93e3ed57e31653ad29e5f8f5afd42c873acc7df05a4c',
  },
  {
    name: 'keys that look like indexes',
    data: { '10': 'a', '9': 'b', x: 1 },
    first: 'dab50f7dace541a08f225ac62e22cbe5c4ce8891414a85b1aa4ea641c8c243e7',
    second: '1a5ccd419dc099857707e175fbca1464f4762629aca145a0191a90d6aa30d2a6',
  },
  {
    name: 'values JSON changes (a date, undefined, NaN, -0, Infinity)',
    data: {
      when: new Date(0),
      gone: undefined,
      list: [undefined, NaN, -0, Infinity],
      nested: { b: [{ d: 2, c: 3 }], a: {} },
    },
    first: '69990390a3280df0500bf32a0dcdf9f5da3d3a081693f6b4f00aede71a3d1bb6',
    second: '8b1d7dcbf60f44863ddac0a4f38c992c6ae5b561c66aaf0349be9aac98a8994e',
  },
  {
    name: 'a string',
    data: 'just text',
    first: '43b85804af15c826f7b46f383bcdd401219f98bdd1215852a9aaf7e83ff23dab',
    second: 'eea10e3c0360071efa042f526b277093612ed17a8ebafbaf620b817ddb714322',
  },
  {
    name: 'null',
    data: null,
    first: 'bd44f163be905adaa7fc7f97829345673e28b03c98a566c5a3c76fd8416d4b55',
    second: '6fa868d6295fd8de6a38ba574e284d928e6442b2cce34750c93bcb6b65b88194',
  },
];

const PREVIOUS = 'ab'.repeat(32);

describe('hash chain', () => {
  for (const { name, data, first, second } of GOLDEN) {
    it(`R-AUDIT-5: ${name} hashes as it always did`, () => {
      const event: HashedEvent = { ...base, data };
      expect(hashEvent(null, event)).toBe(first);
      expect(hashEvent(PREVIOUS, { ...event, streamVersion: 2, causationId: 'cause-1' })).toBe(second);
    });
  }

  it('R-AUDIT-5, R-AUDIT-8: the in-memory store records the hashes the chain always gave, and refuses data JSON would change', async () => {
    for (const { name, data, first } of GOLDEN) {
      const store = new InMemoryEventStore();
      const { streamId, streamVersion: _version, ...event } = { ...base, data };
      if (name.startsWith('values JSON changes')) {
        await expect(store.append(streamId, [event])).rejects.toMatchObject({
          code: 'INVALID_EVENT',
          path: 'events[0].data.when',
        });
        continue;
      }
      const [recorded] = (await store.append(streamId, [event])).events;
      expect(recorded?.hash).toBe(first);
      expect((await verifyStore(store)).ok).toBe(true);
    }
  });

  it('R-AUDIT-5: envelope fields of the wrong type are written as the general text writes them', () => {
    const odd = { ...base, data: {}, schemaVersion: '1' } as unknown as HashedEvent;
    expect(canonicalEventText(odd)).toBe(
      '["01JD00000000000000000000AA","Noted",1,"contact-1",1,"2026-11-23T09:30:00.000Z","u_ann","c1",null,{}]',
    );
    const missing = { ...base, data: {}, actor: undefined } as unknown as HashedEvent;
    expect(canonicalEventText(missing)).toContain(',undefined,');
  });

  it('R-AUDIT-5: canonical JSON sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }], u: undefined })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('R-AUDIT-5: keys named undefined, __proto__ or toString are sorted and written like any other', () => {
    const data = JSON.parse('{"undefined":1,"b":2,"__proto__":3,"toString":4}') as unknown;
    expect(canonicalJson(data)).toBe('{"__proto__":3,"b":2,"toString":4,"undefined":1}');
    expect(canonicalJson({ undefined: [null], a: undefined })).toBe('{"undefined":[null]}');
  });
});
