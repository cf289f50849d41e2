/**
 * What a workload reports: measured figures, each with its target and the limit that bounds it.
 * Children send them to the suite over IPC, so they are io-ts codecs and are decoded on arrival.
 */
import * as t from 'io-ts';

/**
 * A figure's target: at least a value, below a value, or at least a fraction of its limit
 * (the limit being measured in the same run).
 *
 * @example
 * import { Target } from './figure.js';
 * Target.is({ kind: 'atLeast', value: 100_000 }); // true
 */
export const Target = t.union([
  t.type({ kind: t.literal('atLeast'), value: t.number }),
  t.type({ kind: t.literal('below'), value: t.number }),
  t.type({ kind: t.literal('atLeastOfLimit'), fraction: t.number }),
]);
export type Target = t.TypeOf<typeof Target>;

/**
 * One figure as a workload measured it. `role: 'limit'` marks a plain measurement of what the
 * machine or a library can do at best, `role: 'peer'` the same work done by another library;
 * other figures name either by `limitId` and are printed with their ratio to it. `value` is the median
 * of `samples`; it is null, with a `note` saying why, when the figure could not be taken (no
 * PostgreSQL server, for instance).
 *
 * @example
 * import { Measured } from './figure.js';
 * Measured.is({
 *   workload: 'limits', id: 'limit.json.stringify', label: 'JSON.stringify of one event', unit: 'events/s',
 *   role: 'limit', value: 440_000, samples: [440_000], target: null, limitId: null, note: null,
 * }); // true
 */
export const Measured = t.type({
  workload: t.string,
  id: t.string,
  label: t.string,
  unit: t.string,
  role: t.union([t.literal('figure'), t.literal('limit'), t.literal('peer')]),
  value: t.union([t.number, t.null]),
  samples: t.array(t.number),
  target: t.union([Target, t.null]),
  limitId: t.union([t.string, t.null]),
  note: t.union([t.string, t.null]),
});
export type Measured = t.TypeOf<typeof Measured>;

/**
 * What a child process sends back: its figures, or the error that stopped it, and its memory.
 *
 * @example
 * import { ChildReport } from './figure.js';
 * ChildReport.is({ ok: false, error: 'boom' }); // true
 */
export const ChildReport = t.union([
  t.type({ ok: t.literal(true), figures: t.array(Measured) }),
  t.type({ ok: t.literal(false), error: t.string }),
]);
export type ChildReport = t.TypeOf<typeof ChildReport>;

/** A figure placed beside its limit, with its ratio to it and whether it meets its target. */
export const Figure = t.intersection([
  Measured,
  t.type({
    limit: t.union([t.type({ id: t.string, label: t.string, value: t.union([t.number, t.null]) }), t.null]),
    ratioToLimit: t.union([t.number, t.null]),
    pass: t.union([t.boolean, t.null]),
  }),
]);
export type Figure = t.TypeOf<typeof Figure>;

/** The options a figure is made with; the rest has defaults. */
export interface FigureSpec {
  readonly workload: string;
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly role?: 'figure' | 'limit' | 'peer';
  readonly target?: Target;
  readonly limitId?: string;
  readonly note?: string;
}

/**
 * A measured figure from its median and samples.
 *
 * @example
 * import { figure } from './figure.js';
 * figure({ workload: 'w', id: 'w.x', label: 'x', unit: 'ops/s' }, { median: 2, samples: [1, 2, 3] }).value; // 2
 */
export const figure = (
  spec: FigureSpec,
  measured: { readonly median: number; readonly samples: ReadonlyArray<number> },
): Measured => ({
  workload: spec.workload,
  id: spec.id,
  label: spec.label,
  unit: spec.unit,
  role: spec.role ?? 'figure',
  value: measured.median,
  samples: [...measured.samples],
  target: spec.target ?? null,
  limitId: spec.limitId ?? null,
  note: spec.note ?? null,
});

/**
 * A figure that could not be taken, with the reason.
 *
 * @example
 * import { skipped } from './figure.js';
 * skipped({ workload: 'w', id: 'w.pg', label: 'pg', unit: 'events/s' }, 'RAPPORT_PG_URL is not set').value; // null
 */
export const skipped = (spec: FigureSpec, reason: string): Measured => ({
  ...figure(spec, { median: 0, samples: [] }),
  value: null,
  note: reason,
});

/**
 * Places every figure beside its limit (looked up among all figures of the run) and judges its
 * target. A figure with no value, or a relative target whose limit has no value, is judged null.
 *
 * @example
 * import { resolveFigures } from './figure.js';
 * const [limit, f] = resolveFigures([
 *   { workload: 'l', id: 'l', label: 'l', unit: '/s', role: 'limit', value: 10, samples: [10], target: null, limitId: null, note: null },
 *   { workload: 'w', id: 'w', label: 'w', unit: '/s', role: 'figure', value: 8, samples: [8], target: { kind: 'atLeastOfLimit', fraction: 0.7 }, limitId: 'l', note: null },
 * ]);
 * f?.pass; // true (8 ≥ 0.7 × 10)
 */
export const resolveFigures = (measured: ReadonlyArray<Measured>): ReadonlyArray<Figure> => {
  const byId = new Map(measured.map((m) => [m.id, m]));
  return measured.map((m): Figure => {
    const limit = m.limitId === null ? undefined : byId.get(m.limitId);
    const ratioToLimit =
      m.value !== null && limit?.value !== null && limit?.value !== undefined && limit.value > 0
        ? m.value / limit.value
        : null;
    return {
      ...m,
      limit: limit === undefined ? null : { id: limit.id, label: limit.label, value: limit.value },
      ratioToLimit,
      pass: judge(m.value, m.target, ratioToLimit),
    };
  });
};

const judge = (value: number | null, target: Target | null, ratioToLimit: number | null): boolean | null => {
  if (value === null || target === null) return null;
  switch (target.kind) {
    case 'atLeast':
      return value >= target.value;
    case 'below':
      return value < target.value;
    case 'atLeastOfLimit':
      return ratioToLimit === null ? null : ratioToLimit >= target.fraction;
  }
};
