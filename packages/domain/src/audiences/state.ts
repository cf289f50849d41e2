/**
 * The custom audiences of an organization, by id: the state audience decisions read and the
 * catalog membership evaluates (R-AUD-1).
 */
import * as t from 'io-ts';
import { Audience } from './model.js';
import type { AudienceEvent } from './events.js';
import { entryOf, removeEntry } from '../internal/idRecords.js';

/**
 * The custom audiences of one organization, by id.
 *
 * @example
 * import { AudiencesState, initialAudiencesState } from './state.js';
 * AudiencesState.is(initialAudiencesState); // true
 */
export const AudiencesState = t.type({ audiences: t.record(t.string, Audience) }, 'AudiencesState');
export type AudiencesState = t.TypeOf<typeof AudiencesState>;

/**
 * No custom audience yet.
 *
 * @example
 * import { initialAudiencesState } from './state.js';
 * initialAudiencesState.audiences; // {}
 */
export const initialAudiencesState: AudiencesState = { audiences: {} };

/**
 * Folds one audience event, without changing the given state.
 *
 * @example
 * import { evolveAudiences, initialAudiencesState } from './state.js';
 * const state = evolveAudiences(initialAudiencesState, { type: 'AudienceDefined', data: { orgId: 'acme',
 *   audience: { audienceId: 'vips', name: 'VIPs', owner: { owner: 'organization' }, filter: { op: 'and', filters: [] } } } });
 * Object.keys(state.audiences); // ['vips']
 */
export const evolveAudiences = (state: AudiencesState, event: AudienceEvent): AudiencesState => {
  switch (event.type) {
    case 'AudienceDefined':
      return { audiences: { ...state.audiences, [event.data.audience.audienceId]: event.data.audience } };
    case 'AudienceRedefined': {
      const current = entryOf(state.audiences, event.data.audienceId);
      if (current === undefined) return state;
      return {
        audiences: {
          ...state.audiences,
          [event.data.audienceId]: { ...current, name: event.data.name, filter: event.data.filter },
        },
      };
    }
    case 'AudienceDeleted': {
      const rest = { ...state.audiences };
      removeEntry(rest, event.data.audienceId);
      return { audiences: rest };
    }
  }
};
