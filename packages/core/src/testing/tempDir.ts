/**
 * A temporary directory for the files of a test file's stores, removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temporary directory: paths of files in it, and its removal.
 *
 * @example
 * import { createTempDir, type TempDir } from '@rapport/core/testing';
 * const temp: TempDir = createTempDir('sqlite-crash');
 */
export interface TempDir {
  readonly file: (name: string) => string;
  readonly remove: () => void;
}

/**
 * Creates a directory `rapport-<prefix>-…` in the system's temporary directory.
 *
 * @example
 * import { afterAll } from 'vitest';
 * import { createTempDir } from '@rapport/core/testing';
 * const temp = createTempDir('sqlite-crash');
 * afterAll(() => temp.remove());
 * const path = temp.file('crash.db');
 */
export const createTempDir = (prefix: string): TempDir => {
  const dir = mkdtempSync(join(tmpdir(), `rapport-${prefix}-`));
  return {
    file: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};
