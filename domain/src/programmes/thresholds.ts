import type { ThresholdDefinition } from '../platform/thresholds.ts';

/**
 * The programmes module's limits (issue 16; ADR 0050), each with its rule and source, listed
 * with every module's in `platform/thresholds.ts` so an institution may set its own value.
 */
export const programmeThresholds = {
  /**
   * PHC-9: the TB screening at release falls due this many days before the planned release (and a
   * screening recorded in these days counts as the release screening).
   */
  'PHC-9.release_screen_days': {
    defaultValue: 30,
    min: 7,
    max: 90,
    sourceRef: 'PHC-9: WHO Module 2 (2021) §2.5.2',
  },
} as const satisfies Record<string, ThresholdDefinition>;
