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
 * temp.file('crash.db').endsWith('crash.db'); // true
 * temp.remove();
 */
export interface TempDir {
  readonly file: (name: string) => string;
  readonly remove: () => void;
}

/**
 * Creates a directory `rapport-<prefix>-…` in the system's temporary directory.
 *
 * @example
 * import { existsSync, writeFileSync } from 'node:fs';
 * import { createTempDir } from '@rapport/core/testing';
 * const temp = createTempDir('sqlite-crash');
 * const path = temp.file('crash.db');
 * writeFileSync(path, '');
 * existsSync(path); // true
 * temp.remove(); // in a test file, once its tests are done: afterAll(() => temp.remove())
 * existsSync(path); // false
 */
export const createTempDir = (prefix: string): TempDir => {
  const dir = mkdtempSync(join(tmpdir(), `rapport-${prefix}-`));
  return {
    file: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
};
