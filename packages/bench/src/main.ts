/**
 * `pnpm bench [--quick] [--sources] [--out <file>] [--only <workloads>]`: runs the benchmark suite,
 * prints a table and writes the figures as JSON (default `bench-results/latest.json` at the
 * repository root). The root script builds the packages first: the suite measures their build
 * unless `--sources` is given.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { BENCH_DIR } from './internal/runChild.js';
import { formatProfile } from './internal/profile.js';
import { formatMarkdown, formatTable } from './internal/table.js';
import { runSuite } from './suite.js';
import { WORKLOADS } from './workloads/index.js';

const DEFAULT_OUT = join(BENCH_DIR, '..', '..', 'bench-results', 'latest.json');

const program = new Command()
  .name('bench')
  .description("Rapport's benchmark suite: every figure is a median over several runs after a warm-up.")
  .option('--quick', 'a smoke run with tiny sizes, small enough for CI', false)
  .option('--sources', "measure the packages' sources through tsx instead of their build", false)
  .option('--out <file>', 'where to write the JSON results', DEFAULT_OUT)
  .option(
    '--profile [dir]',
    'write a CPU profile of each workload (default bench-results/profiles) and print its top functions',
  )
  .option(
    '--only <workloads>',
    `comma-separated workloads to run (${WORKLOADS.map((w) => w.name).join(', ')})`,
    (value: string) => value.split(',').map((name) => name.trim()),
  )
  .parse(process.argv.filter((arg, i) => !(i === 2 && arg === '--')));

const options = program.opts<{
  quick: boolean;
  sources: boolean;
  out: string;
  only?: string[];
  profile?: string | true;
}>();
const unknown = (options.only ?? []).filter((name) => !WORKLOADS.some((w) => w.name === name));
if (unknown.length > 0) program.error(`unknown workload(s): ${unknown.join(', ')}`);

const cwd = process.env['INIT_CWD'] ?? process.cwd();
const profileDir =
  options.profile === undefined
    ? undefined
    : resolve(cwd, options.profile === true ? join(dirname(DEFAULT_OUT), 'profiles') : options.profile);

const result = await runSuite({
  quick: options.quick,
  code: options.sources ? 'sources' : 'built',
  ...(options.only === undefined ? {} : { only: options.only }),
  ...(profileDir === undefined ? {} : { profileDir }),
  onProgress: (line) => process.stderr.write(`${line}\n`),
});

const out = resolve(cwd, options.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
const markdown = out.replace(/\.json$/, '') + '.md';
writeFileSync(markdown, `${formatMarkdown(result.figures)}\n`);

const { machine } = result;
process.stdout.write(
  [
    `Rapport benchmarks (${result.mode}) — ${result.startedAt}, ${result.seconds.toFixed(0)} s`,
    `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(0)} GiB, Node ${machine.node}; ` +
      `load average ${machine.loadAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ` +
      `${machine.loadAtEnd.map((l) => l.toFixed(2)).join(' ')} at end`,
    `code: the packages' ${result.code.measured === 'built' ? 'build' : 'sources'} at commit ` +
      `${result.code.commit ?? 'unknown'}; files of other packages differing from it: ` +
      `${result.code.changedAtStart.length} at start, ${result.code.changedAtEnd.length} at end`,
    '',
    formatTable(result.figures),
    '',
    ...result.workloads.flatMap((w) => (w.profile === null ? [] : [formatProfile(w.title, w.profile), ''])),
    ...result.workloads.filter((w) => w.error !== null).map((w) => `FAILED ${w.title}: ${w.error}`),
    `JSON written to ${out}, the table in Markdown to ${markdown}`,
    '',
  ].join('\n'),
);
if (result.workloads.some((w) => w.error !== null)) process.exitCode = 1;
