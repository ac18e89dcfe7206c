export * from './audit/index.ts';
export * from './clinical/index.ts';
export * from './identity/index.ts';
export * from './medication/index.ts';
export * from './platform/index.ts';
export * from './registry/index.ts';
export * from './restraint/index.ts';
export * from './worklist/index.ts';
