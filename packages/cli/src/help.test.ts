import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProgram } from './program.js';
import { runInProcess, tempDir } from './internal/harness.js';

const reference = readFileSync(fileURLToPath(new URL('../../../docs/cli.md', import.meta.url)), 'utf8');

/** The help block docs/cli.md holds for a command, after its `<!-- help: … -->` marker. */
const documented = (name: string): string | undefined => {
  const marker = reference.indexOf(`<!-- help: ${name} -->`);
  if (marker < 0) return undefined;
  const fence = '```text\n';
  const body = reference.indexOf(fence, marker) + fence.length;
  return reference.slice(body, reference.indexOf('\n```', body));
};

const commands = createProgram()
  .commands.map((command) => command.name())
  .filter((name) => name !== 'help');

describe('docs/cli.md', () => {
  it('documents the help of the program as it prints it', async () => {
    const run = await runInProcess(['--help'], tempDir());
    expect(run.code).toBe(0);
    expect(documented('rapport')).toBe(run.stdout.trimEnd());
  });

  for (const name of commands)
    it(`documents the help of "rapport ${name}" as it prints it`, async () => {
      const run = await runInProcess([name, '--help'], tempDir());
      expect(run.code).toBe(0);
      expect(documented(name), `docs/cli.md lacks or differs from "rapport ${name} --help"`).toBe(
        run.stdout.trimEnd(),
      );
    });
});
