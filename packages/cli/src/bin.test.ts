import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runProcess, tempDir } from './internal/harness.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('the rapport executable', () => {
  it('--version and -V print the version of package.json, alone and after other options', async () => {
    const alone = await runProcess(['--version'], dir);
    const short = await runProcess(['-V'], dir);
    const afterOptions = await runProcess(['--db', 'other.db', '--version'], dir);
    for (const run of [alone, short, afterOptions])
      expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
