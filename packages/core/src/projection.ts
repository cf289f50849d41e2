/**
 * Projections: read models folded from events with immer recipes (R-AUDIT-3). A projection keeps
 * one immutable document per key (a contact, a deal…); an event touches the documents its key
 * function names, and the recipe for its type changes them as plain mutation of a draft. A batch
 * of events makes one draft per touched document, so replay costs per document, never per
 * collection.
 */
import { createDraft, finishDraft, freeze, nothing, type Draft } from 'immer';
import type { DomainEvent } from './decider.js';
import type { Recorded, RecordedEvent } from './envelope.js';

/** A recipe: changes the draft of one document for one event; returning `nothing` removes the document. */
export type ProjectionRecipe<D, Ev extends DomainEvent> = (
  draft: Draft<D>,
  event: Recorded<Ev>,
  key: string,
) => void | typeof nothing;

/** The recipes of a projection, keyed by event type; an event of another type is ignored. */
export type ProjectionRecipes<D, Ev extends DomainEvent> = {
  readonly [K in Ev['type']]?: ProjectionRecipe<D, Extract<Ev, { readonly type: K }>>;
};

/**
 * A projection. `version` changes whenever its recipes change meaning: a snapshot written by
 * another version is ignored and the projection rebuilt.
 */
export interface Projection<D extends object, Ev extends DomainEvent = DomainEvent> {
  readonly name: string;
  readonly version: number;
  /** The keys of the documents an event touches (called only for events with a recipe). */
  readonly keys: (event: Recorded<Ev>) => ReadonlyArray<string>;
  /** The document of a key before any event touched it. */
  readonly initial: (key: string) => D;
  readonly recipes: ProjectionRecipes<D, Ev>;
}

/** The documents of a projection: frozen values by key. */
export type ProjectionDocuments<D> = Map<string, D>;

/**
 * Declares a projection, checking its recipes against the event union.
 *
 * @example
 * import { defineProjection } from '@rapport/core';
 * type Ev = { type: 'Named'; data: { id: string; name: string } } | { type: 'Removed'; data: { id: string } };
 * const names = defineProjection<{ name: string }, Ev>({
 *   name: 'names', version: 1,
 *   keys: (e) => [e.data.id],
 *   initial: () => ({ name: '' }),
 *   recipes: { Named: (d, e) => { d.name = e.data.name; } },
 * });
 * names.initial('c1'); // { name: '' }
 */
export const defineProjection = <D extends object, Ev extends DomainEvent>(
  projection: Projection<D, Ev>,
): Projection<D, Ev> => projection;

const REMOVED: unique symbol = Symbol('removed');

/**
 * Applies events, in order, to a projection's documents: one immer draft per touched key for the
 * whole batch, finished at the end. Mutates `documents` (the map, never a document) and returns it.
 *
 * @example
 * import { applyEvents, defineProjection, InMemoryEventStore } from '@rapport/core';
 * import { newEvent, readEverything } from '@rapport/core/testing';
 * const names = defineProjection<{ name: string }, { type: 'Named'; data: { id: string; name: string } }>({
 *   name: 'names', version: 1,
 *   keys: (e) => [e.data.id],
 *   initial: () => ({ name: '' }),
 *   recipes: { Named: (d, e) => { d.name = e.data.name; } },
 * });
 * const store = new InMemoryEventStore();
 * await store.append('contact-c1', [newEvent({ type: 'Named', data: { id: 'c1', name: 'Ann' } })]);
 * const documents = applyEvents(names, new Map(), await readEverything(store));
 * documents.get('c1'); // { name: 'Ann' }
 */
export const applyEvents = <D extends object, Ev extends DomainEvent>(
  projection: Projection<D, Ev>,
  documents: ProjectionDocuments<D>,
  events: ReadonlyArray<RecordedEvent>,
): ProjectionDocuments<D> => {
  const drafts = new Map<string, Draft<D> | typeof REMOVED>();
  const recipes = projection.recipes as Record<string, ProjectionRecipe<D, Ev> | undefined>;
  for (const stored of events) {
    const recipe = recipes[stored.type];
    if (recipe === undefined) continue;
    const event = stored as Recorded<Ev>;
    for (const key of projection.keys(event)) {
      let draft = drafts.get(key);
      if (draft === undefined) draft = createDraft(documents.get(key) ?? projection.initial(key)) as Draft<D>;
      else if (draft === REMOVED) draft = createDraft(projection.initial(key)) as Draft<D>;
      const result = recipe(draft, event, key);
      if (result === nothing) {
        finishDraft(draft);
        drafts.set(key, REMOVED);
      } else drafts.set(key, draft);
    }
  }
  for (const [key, draft] of drafts) {
    if (draft === REMOVED) documents.delete(key);
    else documents.set(key, finishDraft(draft) as D);
  }
  return documents;
};

/**
 * Folds events from scratch into a new set of documents.
 *
 * @example
 * import { defineProjection, foldProjection, InMemoryEventStore } from '@rapport/core';
 * import { newEvent, readEverything } from '@rapport/core/testing';
 * const names = defineProjection<{ name: string }, { type: 'Named'; data: { id: string; name: string } }>({
 *   name: 'names', version: 1,
 *   keys: (e) => [e.data.id],
 *   initial: () => ({ name: '' }),
 *   recipes: { Named: (d, e) => { d.name = e.data.name; } },
 * });
 * const store = new InMemoryEventStore();
 * await store.append('contact-c1', [
 *   newEvent({ type: 'Named', data: { id: 'c1', name: 'Ann' } }),
 *   newEvent({ type: 'Named', data: { id: 'c1', name: 'Anna' } }),
 * ]);
 * foldProjection(names, await readEverything(store)).get('c1'); // { name: 'Anna' }
 */
export const foldProjection = <D extends object, Ev extends DomainEvent>(
  projection: Projection<D, Ev>,
  events: ReadonlyArray<RecordedEvent>,
): ProjectionDocuments<D> => applyEvents(projection, new Map(), events);

/** A projection's documents as JSON, for a snapshot. */
export interface DocumentsSnapshot<D> {
  readonly documents: ReadonlyArray<readonly [string, D]>;
}

/**
 * The documents as a JSON-serializable value.
 *
 * @example
 * import { documentsToJson } from '@rapport/core';
 * documentsToJson(new Map([['c1', { name: 'Ann' }]])); // { documents: [['c1', { name: 'Ann' }]] }
 */
export const documentsToJson = <D>(documents: ProjectionDocuments<D>): DocumentsSnapshot<D> => ({
  documents: [...documents],
});

/**
 * Documents back from `documentsToJson`'s value, frozen.
 *
 * @example
 * import { documentsFromJson } from '@rapport/core';
 * documentsFromJson({ documents: [['c1', { name: 'Ann' }]] }).get('c1'); // { name: 'Ann' }
 */
export const documentsFromJson = <D>(snapshot: DocumentsSnapshot<D>): ProjectionDocuments<D> =>
  new Map(snapshot.documents.map(([key, document]) => [key, freeze(document, true)]));
