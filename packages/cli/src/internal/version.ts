/**
 * The CLI's version, read from its package.json, so that `rapport --version` names the package that
 * is installed.
 */
import { readFileSync } from 'node:fs';

/**
 * The version of @rapport/cli (src/internal and dist/internal both sit two levels below the
 * package.json).
 *
 * @example
 * import { VERSION } from './version.js';
 * /^\d+\.\d+\.\d+/.test(VERSION); // true
 */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
