/**
 * The context of a command: who runs it, why (correlation and causation ids), and the clock and
 * id generator the handler stamps events with (R-AUDIT-2). Deciders never read a clock or make
 * an id themselves; tests pass a fixed clock and predictable ids.
 */
import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/** Who runs a command, why, and the clock and ids its events are stamped with. */
export interface CommandContext {
  /** The user (or policy) running the command; recorded as each event's `actor`. */
  readonly actor: string;
  /** Groups everything one user action caused. */
  readonly correlationId: string;
  /** The id of the command or event that caused this command; null for a command typed by a person. */
  readonly causationId: string | null;
  /** The current instant, ISO 8601 in UTC, as `Date.prototype.toISOString` writes it. */
  readonly now: () => string;
  /** A new event id: a ULID, increasing within one millisecond. */
  readonly newId: () => string;
}

const POOL_BYTES = 4096;

/**
 * A generator of monotonic ULIDs (increasing within one millisecond) whose random part is drawn
 * from the system's cryptographic generator a pool of bytes at a time, rather than one call per
 * character: ids stay as random, and a command pipeline stops paying a system call per id.
 *
 * @example
 * import { monotonicUlid } from '@rapport/core';
 * const newId = monotonicUlid();
 * newId() < newId(); // true
 * newId(Date.UTC(2026, 10, 23)).length; // 26
 */
export const monotonicUlid = (): ((time?: number) => string) => {
  const pool = new Uint8Array(POOL_BYTES);
  let next = POOL_BYTES;
  return monotonicFactory(() => {
    if (next === POOL_BYTES) {
      randomFillSync(pool);
      next = 0;
    }
    return pool[next++]! / 256;
  });
};

/**
 * A context on the system clock with monotonic ULIDs; the correlation id defaults to a new ULID.
 * Made at the edge of an application (a CLI command, an HTTP request), never inside a decider.
 *
 * @example
 * import { systemContext } from '@rapport/core';
 * const context = systemContext({ actor: 'u_ann' });
 * context.newId() < context.newId(); // true
 */
export const systemContext = (input: {
  readonly actor: string;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  readonly clock?: () => Date;
}): CommandContext => {
  const ulid = monotonicUlid();
  const clock = input.clock ?? (() => new Date());
  const newId = (): string => ulid(clock().getTime());
  return {
    actor: input.actor,
    correlationId: input.correlationId ?? newId(),
    causationId: input.causationId ?? null,
    now: () => clock().toISOString(),
    newId,
  };
};

/**
 * A context for tests: a fixed or stepping clock and ids `prefix-000001`, `prefix-000002`…
 *
 * @example
 * import { fixedContext } from '@rapport/core';
 * const context = fixedContext({ actor: 'u_ann', now: '2026-11-23T09:30:00.000Z' });
 * context.newId(); // 'evt-000001'
 */
export const fixedContext = (input: {
  readonly actor: string;
  readonly now: string;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  readonly idPrefix?: string;
}): CommandContext => {
  let next = 0;
  const prefix = input.idPrefix ?? 'evt';
  return {
    actor: input.actor,
    correlationId: input.correlationId ?? `${prefix}-correlation`,
    causationId: input.causationId ?? null,
    now: () => input.now,
    newId: () => `${prefix}-${String(++next).padStart(6, '0')}`,
  };
};
