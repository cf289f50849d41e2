/**
 * The `--quick` smoke run: the suite runs end to end with tiny sizes and writes JSON holding every
 * workload with measured numbers. No figure is judged here: speed belongs to `pnpm bench`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { Figure } from './internal/figure.js';
import { BENCH_DIR } from './internal/runChild.js';
import { WORKLOADS } from './workloads/index.js';

const Result = t.type({
  mode: t.string,
  workloads: t.array(t.type({ name: t.string, error: t.union([t.string, t.null]) })),
  figures: t.array(Figure),
});

const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runQuick = async (): Promise<t.TypeOf<typeof Result>> => {
  const out = join(dir, 'quick.json');
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--quick', '--sources', '--out', out],
    {
      cwd: BENCH_DIR,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(BENCH_DIR, 'tsconfig.json') },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const decoded = Result.decode(JSON.parse(readFileSync(out, 'utf8')));
  if (E.isLeft(decoded)) throw new Error('the JSON results do not have the expected shape');
  return decoded.right;
};

describe('pnpm bench --quick', () => {
  it('writes JSON with every workload, each with measured numbers', async () => {
    const result = await runQuick();
    expect(result.mode).toBe('quick');
    expect(result.workloads.map((w) => [w.name, w.error])).toEqual(WORKLOADS.map((w) => [w.name, null]));
    for (const workload of WORKLOADS) {
      const measured = result.figures.filter((f) => f.workload === workload.name && f.value !== null);
      expect(measured.length, `figures of ${workload.name}`).toBeGreaterThan(0);
      for (const f of measured) {
        expect(Number.isFinite(f.value), f.id).toBe(true);
        expect(f.value, f.id).toBeGreaterThan(0);
      }
    }
    const judged = result.figures.filter((f) => f.target !== null && f.value !== null);
    expect(judged.length).toBeGreaterThan(0);
    for (const f of judged) expect(typeof f.pass, f.id).toBe('boolean');
  });
});
