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
  /**
   * ADM-7, WOM-3 (ADR 0054): chlamydia and gonorrhoea tests are offered by risk; being younger than
   * this age is a risk by itself (WHO 2016 STI guidelines and ECDC 2024 STI testing guidance: young
   * age; USPSTF 2021: sexually active people 24 years or younger).
   */
  'BBV-1.sti_age_under': { defaultValue: 25, min: 18, max: 35, sourceRef: 'ADM-7: WHO 2016 STI; ECDC 2024' },
} as const satisfies Record<string, ThresholdDefinition>;
