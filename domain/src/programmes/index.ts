export * from './bbv.ts';
export * from './bbv-thresholds.ts';
export * from './cohort.ts';
export * from './engine.ts';
export * from './errors.ts';
export * from './rules.ts';
export * from './schemas.ts';
export * from './vocabulary.ts';
