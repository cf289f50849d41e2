/**
 * fast-check's seed for the properties of a run, set by `vitest.config.ts` in RAPPORT_FC_SEED: on
 * CI, taken from the commit under test, so that every run of one commit draws the same cases and a
 * failure there fails the same way from a fresh clone; elsewhere unset, so that each property
 * draws a seed of its own on each run and finds what earlier seeds did not. A failing property
 * prints its seed: `RAPPORT_FC_SEED=<seed> pnpm vitest run <file>` draws its cases again.
 */
import fc from 'fast-check';

const seed = process.env.RAPPORT_FC_SEED;
if (seed !== undefined && seed !== '') {
  if (!/^-?\d+$/.test(seed))
    throw new Error(`RAPPORT_FC_SEED must be an integer, not ${JSON.stringify(seed)}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) | 0 });
}
