/**
 * Mental health: referrals and assessment (MHS-1, MHS-5), instruments (MHT-1, MHT-2) and non-drug
 * therapies (MHS-2, MHS-9, MHT-3); ADR 0043.
 */
export * from './errors.ts';
export * from './instruments.ts';
export * from './rules.ts';
export * from './schemas.ts';
export * from './thresholds.ts';
