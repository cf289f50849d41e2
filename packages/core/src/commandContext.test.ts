import { describe, expect, it } from 'vitest';
import { monotonicUlid, systemContext } from './commandContext.js';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('monotonicUlid', () => {
  it('R-AUDIT-2: ids are ULIDs that increase, within one millisecond and across many', () => {
    const newId = monotonicUlid();
    const time = Date.UTC(2026, 10, 23, 9, 30);
    const ids = [
      ...Array.from({ length: 5000 }, () => newId(time)),
      ...Array.from({ length: 5000 }, (_, i) => newId(time + 1 + i)),
    ];
    for (const id of ids) expect(id).toMatch(ULID);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('R-AUDIT-2: the random part is drawn anew for each millisecond and each generator', () => {
    const time = Date.UTC(2026, 10, 23, 9, 30);
    const randoms = new Set<string>();
    const newId = monotonicUlid();
    for (let i = 0; i < 2000; i++) randoms.add(newId(time + i).slice(10));
    for (let i = 0; i < 50; i++) randoms.add(monotonicUlid()(time).slice(10));
    expect(randoms.size).toBe(2050);
    const characters = new Set([...randoms].join(''));
    expect(characters.size).toBe(32);
  });

  it('R-AUDIT-2: a system context stamps events with such ids', () => {
    const context = systemContext({ actor: 'u_ann' });
    const [a, b] = [context.newId(), context.newId()];
    expect(a).toMatch(ULID);
    expect(b! > a!).toBe(true);
  });
});
