/**
 * Reading a V8 CPU profile (`node --cpu-prof`): the functions that took the most samples, by
 * their own time and with what they called, so that a slow figure is explained by where its time
 * went rather than by a guess.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

const CallFrame = t.type({
  functionName: t.string,
  url: t.string,
  lineNumber: t.number,
  columnNumber: t.number,
});

/** The part of the `.cpuprofile` format this module reads. */
export const CpuProfile = t.type({
  nodes: t.array(
    t.intersection([
      t.type({ id: t.number, callFrame: CallFrame }),
      t.partial({ children: t.array(t.number) }),
    ]),
  ),
  samples: t.array(t.number),
});
export type CpuProfile = t.TypeOf<typeof CpuProfile>;

/** A function and the share of the samples it accounts for. */
export interface Frame {
  readonly frame: string;
  readonly share: number;
}

/** The busiest functions of a profile, by their own time and with what they called. */
export interface ProfileSummary {
  readonly samples: number;
  /** Time spent in the function itself. */
  readonly self: ReadonlyArray<Frame>;
  /** Time spent in the function and everything it called. */
  readonly inclusive: ReadonlyArray<Frame>;
}

const nameOf = (frame: t.TypeOf<typeof CallFrame>): string => {
  const file = frame.url.replace(/^.*\/(node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?)?/, '');
  return `${frame.functionName === '' ? '(anonymous)' : frame.functionName} ${file}`.trim();
};

/**
 * The `top` functions of a profile by self and by inclusive time.
 *
 * @example
 * import { summarizeProfile } from './profile.js';
 * const frame = (functionName: string) => ({ functionName, url: 'file:///a.js', lineNumber: 0, columnNumber: 0 });
 * const summary = summarizeProfile({
 *   nodes: [{ id: 1, callFrame: frame('(root)'), children: [2] }, { id: 2, callFrame: frame('work') }],
 *   samples: [2, 2, 1, 2],
 * }, 5);
 * summary.self[0]; // { frame: 'work a.js', share: 0.75 }
 */
export const summarizeProfile = (profile: CpuProfile, top: number): ProfileSummary => {
  const parent = new Map<number, number>();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const sample of profile.samples) {
    const node = nodes.get(sample);
    if (node === undefined) continue;
    const name = nameOf(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + 1);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const ancestor = nodes.get(id);
      if (ancestor === undefined) break;
      const ancestorName = nameOf(ancestor.callFrame);
      if (seen.has(ancestorName)) continue;
      seen.add(ancestorName);
      inclusive.set(ancestorName, (inclusive.get(ancestorName) ?? 0) + 1);
    }
  }
  const total = profile.samples.length;
  const ranked = (counts: Map<string, number>): Frame[] =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, count]) => ({ frame, share: total === 0 ? 0 : count / total }));
  return { samples: total, self: ranked(self), inclusive: ranked(inclusive) };
};

/**
 * The summary as text, one function a line.
 *
 * @example
 * import { formatProfile } from './profile.js';
 * formatProfile('w', { samples: 1, self: [{ frame: 'f a.js', share: 1 }], inclusive: [] }).includes('100.0%  f a.js'); // true
 */
export const formatProfile = (workload: string, summary: ProfileSummary): string =>
  [
    `CPU profile of ${workload} (${summary.samples} samples), self time:`,
    ...summary.self.map((f) => `  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.frame}`),
    'including what they called:',
    ...summary.inclusive.map((f) => `  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.frame}`),
  ].join('\n');

const busySamples = (summary: ProfileSummary): number =>
  summary.samples * (1 - (summary.self.find((f) => f.frame === '(idle)')?.share ?? 0));

/**
 * Reads the `.cpuprofile` files of a directory and summarizes the busiest: Node writes one per
 * thread, and the module loader's thread (tsx) is mostly idle.
 */
export const summarizeProfileDir = (dir: string, top: number): ProfileSummary | undefined => {
  const summaries = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .flatMap((name) => {
      const decoded = CpuProfile.decode(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      return E.isRight(decoded) ? [summarizeProfile(decoded.right, top)] : [];
    });
  return summaries.sort((a, b) => busySamples(b) - busySamples(a))[0];
};
