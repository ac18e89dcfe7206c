export * from './cohort.ts';
export * from './engine.ts';
export * from './errors.ts';
export * from './release.ts';
export * from './rules.ts';
export * from './schemas.ts';
export * from './thresholds.ts';
export * from './vocabulary.ts';
