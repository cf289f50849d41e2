/**
 * The toy aggregate of docs/architecture.md's "Adding an aggregate", run through the pipeline the
 * way the domain registers its own; the test fails when the text of the docs and this code part.
 */
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { defineAggregate, type StreamModel } from './aggregate.js';
import { createCommandPipeline } from './commandPipeline.js';
import { monotonicUlid } from './commandContext.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { reject } from './rejection.js';

// #region adding-an-aggregate
type Note = { type: 'AddNote'; orgId: string; text: string };
type NoteAdded = { type: 'NoteAdded'; data: { text: string } };

/** How a notebook's stream folds: the notes in order. */
const notebookModel: StreamModel<ReadonlyArray<string>, NoteAdded> = {
  name: 'notebook',
  initialState: [],
  evolve: (notes, event) => [...notes, event.data.text],
};

/** The notebook aggregate: one stream per organization; a note is added once. */
const notebookAggregate = defineAggregate<Note, { notebook: ReadonlyArray<string> }, NoteAdded>({
  name: 'notebook',
  commandTypes: ['AddNote'],
  streams: (command) => ({ notebook: { streamId: `notebook-${command.orgId}`, model: notebookModel } }),
  decide: (command, { notebook }) =>
    notebook.includes(command.text)
      ? E.left(reject('NOTE_EXISTS', `Rejected AddNote: the notebook holds "${command.text}" already`))
      : E.right({ notebook: [{ type: 'NoteAdded', data: { text: command.text } }] }),
});

/** The list of aggregates: one line each. */
const aggregates = [notebookAggregate];
// #endregion adding-an-aggregate

const region = (text: string): string => {
  const start = text.indexOf('// #region adding-an-aggregate');
  const end = text.indexOf('// #endregion adding-an-aggregate');
  return text.slice(start, end);
};

describe('adding an aggregate', () => {
  it('docs/architecture.md shows this code as it is', () => {
    const docs = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');
    const code = readFileSync(new URL(import.meta.url), 'utf8');
    expect(region(code).length).toBeGreaterThan(100);
    expect(region(docs)).toBe(region(code));
  });

  it('an aggregate listed once is run by the pipeline: decided, appended, read back on the next command', async () => {
    const store = new InMemoryEventStore();
    const pipeline = createCommandPipeline<Note, NoteAdded, null>({
      store,
      aggregates,
      decodeEvent: (event) => event as never,
      readModels: { current: () => null, caughtUp: async () => null, project: () => undefined },
      newId: monotonicUlid(),
    });
    const meta = { actor: 'ann', correlationId: 'c', causationId: null };
    expect(E.isRight(await pipeline.run({ type: 'AddNote', orgId: 'acme', text: 'call Ada' }, meta))).toBe(
      true,
    );
    const again = await pipeline.run({ type: 'AddNote', orgId: 'acme', text: 'call Ada' }, meta);
    expect(E.isLeft(again) && again.left.code).toBe('NOTE_EXISTS');
    expect((await store.readStream('notebook-acme')).map((event) => event.data)).toEqual([
      { text: 'call Ada' },
    ]);
  });
});
