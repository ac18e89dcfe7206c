export * from './cohort.ts';
export * from './engine.ts';
export * from './errors.ts';
export * from './pep.ts';
export * from './rules.ts';
export * from './schemas.ts';
export * from './vaccination.ts';
export * from './vocabulary.ts';
