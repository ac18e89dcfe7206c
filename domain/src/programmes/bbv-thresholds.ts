import type { ThresholdDefinition } from '../platform/thresholds.ts';

/**
 * The blood-borne infection limits (issue 16 item 4; ADR 0048), each with the rule that sets it and
 * its source. Listed with every module's in `platform/thresholds.ts` (X-4: loosening one needs
 * the legal basis).
 */
export const bbvThresholds = {
  /** BBV-1: the HIV, hepatitis B/C and syphilis tests are offered within this many days of entry. */
  'BBV-1.offer_days': { defaultValue: 7, min: 1, max: 30, sourceRef: 'BBV-1: ECDC/EMCDDA 2018' },
  /** BBV-1: after a refusal the tests are offered again this many days later. */
  'BBV-1.reoffer_days': { defaultValue: 180, min: 30, max: 365, sourceRef: 'BBV-1: ECDC/EMCDDA 2018' },
} as const satisfies Record<string, ThresholdDefinition>;
