// The fuzzing runs from one seed, so a run can be repeated and `npm test` gives the same answer for
// the same code. FUZZ_SEED=<number> tries other inputs; a failure prints the seed to reuse.
import fc from 'fast-check';

const DEFAULT_SEED = 20261201;
const fromEnvironment = Number(process.env.FUZZ_SEED);

fc.configureGlobal({ seed: Number.isInteger(fromEnvironment) ? fromEnvironment : DEFAULT_SEED });
