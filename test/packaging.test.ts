/**
 * Packaging: the published form of the workspace packages works outside the repository. Builds
 * every package with a `build` script, packs it as npm would publish it, installs the tarballs
 * into a scratch directory with npm, then imports each package (and @rapport/core/adapter) from
 * plain Node ESM, runs the installed `rapport` executable, and typechecks a TypeScript file that
 * uses @rapport/core.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'rapport-packaging-'));

/** Runs a command; a failure carries the command's own output, so the test says what broke. */
const run = (command: string, args: ReadonlyArray<string>, cwd: string): string => {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`.slice(0, 4000),
    );
  }
};

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly scripts?: Readonly<Record<string, string>>;
}

/** The publishable packages of the workspace that have a build script. */
const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir: join(root, 'packages', dir), file: join(root, 'packages', dir, 'package.json') }))
  .flatMap(({ dir, file }) => {
    try {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      return manifest.private === true || manifest.scripts?.['build'] === undefined
        ? []
        : [{ dir, manifest }];
    } catch {
      return [];
    }
  });

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('packaging', () => {
  it('built and packed packages install with npm and load from plain Node ESM and TypeScript', () => {
    expect(packages.map((p) => p.manifest.name)).toContain('@rapport/core');
    run('pnpm', ['-r', '--filter', './packages/**', 'run', 'build'], root);

    const tarballs = join(scratch, 'tarballs');
    for (const { dir } of packages) run('pnpm', ['pack', '--pack-destination', tarballs], dir);
    const files = readdirSync(tarballs).filter((file) => file.endsWith('.tgz'));
    expect(files).toHaveLength(packages.length);

    const app = join(scratch, 'app');
    run('mkdir', ['-p', app], scratch);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--ignore-scripts',
        '--omit=peer',
        ...files.map((file) => join(tarballs, file)),
      ],
      app,
    );

    const names = packages.map((p) => p.manifest.name);
    writeFileSync(
      join(app, 'check.mjs'),
      [
        `const names = ${JSON.stringify(names)};`,
        'const loaded = {};',
        'for (const name of names) loaded[name] = Object.keys(await import(name)).length;',
        "const core = await import('@rapport/core');",
        'const store = new core.InMemoryEventStore();',
        "const event = { id: '01JD00000000000000000000AA', type: 'Noted', schemaVersion: 1, data: { a: 1 }, actor: 'u', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c', causationId: null };",
        "const result = await store.append('s1', [event], { expectedVersion: 'no_stream' });",
        'const report = await core.verifyStore(store);',
        "const adapter = Object.keys(await import('@rapport/core/adapter')).length;",
        'console.log(JSON.stringify({ loaded, adapter, version: result.nextExpectedVersion, ok: report.ok }));',
      ].join('\n'),
    );
    const output = JSON.parse(run('node', ['check.mjs'], app)) as {
      loaded: Record<string, number>;
      adapter: number;
      version: number;
      ok: boolean;
    };
    expect(output.version).toBe(1);
    expect(output.ok).toBe(true);
    for (const name of names) expect(output.loaded[name], name).toBeGreaterThan(0);
    expect(output.adapter).toBeGreaterThan(0);

    expect(names).toContain('@rapport/cli');
    const help = run('node', [join(app, 'node_modules', '@rapport', 'cli', 'dist', 'bin.js'), '--help'], app);
    expect(help).toContain('demo');

    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM'],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        files: ['check.ts'],
      }),
    );
    writeFileSync(
      join(app, 'check.ts'),
      [
        "import { InMemoryEventStore, verifyStore, type EventStore, type NewEvent, type RecordedEvent } from '@rapport/core';",
        'const store: EventStore = new InMemoryEventStore();',
        "const event: NewEvent = { id: 'a', type: 'Noted', schemaVersion: 1, data: null, actor: 'u', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c', causationId: null };",
        "export const stored: Promise<ReadonlyArray<RecordedEvent>> = store.append('s', [event]).then((r) => r.events);",
        'export const ok: Promise<boolean> = verifyStore(store).then((r) => r.ok);',
      ].join('\n'),
    );
    run('node', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], app);
  }, 180_000);
});
