// Every module's thresholds and the rules for changing them, where their users have always found them.
export * from '../platform/thresholds.ts';
export * from './alerts.ts';
export * from './encounter.ts';
export * from './errors.ts';
export * from './examples.ts';
export * from './indicators.ts';
export * from './records.ts';
export * from './responses.ts';
export * from './screening.ts';
export * from './thresholds.ts';
export * from './vitals.ts';
