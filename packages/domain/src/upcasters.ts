/**
 * The schema history of the domain's events: one upcaster for each change of an event's data,
 * taking it from the version it was written at to the next. It is registered here once, and every
 * reader of stored events goes through it (`decodeRecordedEvent`): a command's state, the read
 * models, replays and views as of a point, the reactions and the command line alike. The store
 * keeps what was written, so hashes and verification are untouched.
 */
import type { Upcaster } from '@rapport/core';

/**
 * Every upcaster of the domain's events, in no particular order; none yet, since every event is
 * still at its first schema version (`EVENT_SCHEMA_VERSION`). A change of an event's data adds a
 * step here and raises `EVENT_SCHEMA_VERSION`.
 *
 * @example
 * import { DOMAIN_UPCASTERS } from './upcasters.js';
 * DOMAIN_UPCASTERS.length; // 0
 */
export const DOMAIN_UPCASTERS: ReadonlyArray<Upcaster> = [];
