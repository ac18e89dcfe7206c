/**
 * The two data sizes the benchmark generates (ARCHITECTURE.md, Performance). Every generator part reads
 * its counts from here, so "national" means the same thing in every module.
 */
export interface ScaleParameters {
  institutions: number;
  /** People in custody today (open custody episodes). */
  inCustody: number;
  /** People released or transferred out, whose records are kept. */
  historicalPeople: number;
  /** Staff accounts across all institutions. */
  staffUsers: number;
  /** Clinical events over the whole history: encounters, vital signs and lab results (bench/generators/clinical.ts). */
  clinicalEvents: number;
  /** How far back the history reaches, in days. */
  historyDays: number;
}

export const SCALES = {
  pilot: {
    institutions: 3,
    inCustody: 3_000,
    historicalPeople: 3_000,
    staffUsers: 90,
    clinicalEvents: 150_000,
    historyDays: 2 * 365,
  },
  national: {
    institutions: 40,
    inCustody: 25_000,
    historicalPeople: 250_000,
    staffUsers: 2_500,
    clinicalEvents: 5_000_000,
    historyDays: 10 * 365,
  },
} as const satisfies Record<string, ScaleParameters>;

export type ScaleName = keyof typeof SCALES;

export const isScaleName = (value: string): value is ScaleName => Object.hasOwn(SCALES, value);

/** The key in system_setting that records which scale a database was generated at. */
export const SCALE_MARKER = 'bench_scale';

/** The fixed seed: the same scale gives the same data on every machine and engine. */
export const BENCH_SEED = 20_261_128;
