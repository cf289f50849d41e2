/**
 * Errors of the infrastructure, each with a stable `code`. Domain rejections are values
 * (`Rejection`), never thrown; these are for what a store or a runner cannot do.
 */

/**
 * The base of every error Rapport throws; `code` is stable, `message` is for people.
 *
 * @example
 * import { RapportError } from '@rapport/core';
 * new RapportError('STORE_CLOSED', 'the event store is closed').code; // 'STORE_CLOSED'
 */
export class RapportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * An append whose expected version did not match the stream's actual version.
 *
 * @example
 * import { ConcurrencyError } from '@rapport/core';
 * const e = new ConcurrencyError('contact-1', 3, 4);
 * e.code; // 'CONCURRENCY_CONFLICT'
 */
export class ConcurrencyError extends RapportError {
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: number,
  ) {
    super(
      'CONCURRENCY_CONFLICT',
      `stream "${streamId}" was expected at version ${String(expected)} but is at version ${actual}`,
      { streamId, expected, actual },
    );
  }
}

/**
 * An append that reused an event id already stored with other content or in another stream.
 *
 * @example
 * import { DuplicateEventIdError } from '@rapport/core';
 * new DuplicateEventIdError('01J…', 'contact-1').code; // 'DUPLICATE_EVENT_ID'
 */
export class DuplicateEventIdError extends RapportError {
  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(
      'DUPLICATE_EVENT_ID',
      `event id ${eventId} is already stored, with other content or in another stream than "${streamId}"`,
      { eventId, streamId },
    );
  }
}

/**
 * A store that cannot be opened: corrupted, foreign, or written by a newer Rapport.
 *
 * @example
 * import { StoreOpenError } from '@rapport/core';
 * new StoreOpenError('STORE_SCHEMA_TOO_NEW', 'written by a newer Rapport (schema 9, this one reads up to 1)').code; // 'STORE_SCHEMA_TOO_NEW'
 */
export class StoreOpenError extends RapportError {}

/**
 * An event refused by a store before anything was written: it does not decode as a `NewEvent`,
 * or the append itself is malformed. `path` says where, such as `events[1].recordedAt`.
 *
 * @example
 * import { InvalidEventError } from '@rapport/core';
 * new InvalidEventError('events[0].recordedAt', 'at events[0].recordedAt: expected IsoInstant, got the string "now"').code;
 * // 'INVALID_EVENT'
 */
export class InvalidEventError extends RapportError {
  constructor(
    readonly path: string,
    message: string,
    details?: unknown,
  ) {
    super('INVALID_EVENT', message, details ?? { path });
  }
}

/**
 * A call on a store that was closed.
 *
 * @example
 * import { StoreClosedError } from '@rapport/core';
 * new StoreClosedError().code; // 'STORE_CLOSED'
 */
export class StoreClosedError extends RapportError {
  constructor() {
    super('STORE_CLOSED', 'the event store is closed');
  }
}
