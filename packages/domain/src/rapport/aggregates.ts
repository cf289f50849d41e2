/**
 * Every aggregate of the domain, one line each: a new aggregate is a file of definitions
 * (`<concept>/aggregate.ts`) and a line here.
 */
import type { AnyAggregate } from '@rapport/core';
import { audienceAggregate } from '../audiences/aggregate.js';
import type { ReadModels } from '../audit/readModels.js';
import type { Command } from '../commands.js';
import { contactAggregate } from '../contact/aggregate.js';
import { engagementAggregate } from '../engagement/aggregate.js';
import type { DomainEvent } from '../events.js';
import { organizationAggregate } from '../organization/aggregate.js';
import { syncAggregate } from '../sync/aggregate.js';

/**
 * The domain's aggregates, as the pipeline takes them.
 *
 * @example
 * import { AGGREGATES } from './aggregates.js';
 * AGGREGATES.map((aggregate) => aggregate.name); // ['organization', 'contact', 'engagement', 'audience', 'sync']
 */
export const AGGREGATES: ReadonlyArray<AnyAggregate<Command, DomainEvent, ReadModels>> = [
  organizationAggregate,
  contactAggregate,
  engagementAggregate,
  audienceAggregate,
  syncAggregate,
];
