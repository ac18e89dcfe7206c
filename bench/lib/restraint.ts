/** The note of every observation a `restraint-observation` run records (bench/restraint-reset.ts removes them). */
export const BENCH_OBSERVATION_NOTE = 'recorded by a benchmark run';
