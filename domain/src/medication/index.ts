/**
 * Medication (issue 15, first slice; ADR 0027): the formulary, versioned prescriptions and the dose
 * round (MAR). STANDARDS MDX-1 … MDX-5 and MED-3. Pure rules; `now` is passed in.
 */
export * from './errors.ts';
export * from './orders.ts';
export * from './responses.ts';
export * from './rounds.ts';
export * from './rules.ts';
export * from './schemas.ts';
export * from './stock.ts';
export * from './thresholds.ts';
export * from './vocabulary.ts';
