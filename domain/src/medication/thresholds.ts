import type { ThresholdDefinition } from '../platform/thresholds.ts';

/**
 * The medication module's limits (issue 15; ADR 0045), each with the rule that sets it and its source
 * . Listed with every module's in `platform/thresholds.ts`, so an institution's value is set on
 * the rule-threshold page (X-4: loosening one needs the legal basis).
 */
export const medicationThresholds = {
  /** MDX-2: a dose not recorded this long after its time is late. */
  'MDX-2.late_minutes': { defaultValue: 60, min: 15, max: 240, sourceRef: 'MDX-2: Bahmni IPD' },
  /** MDX-2: a dose not recorded this long after its time is shown as missed (still recordable). */
  'MDX-2.missed_minutes': { defaultValue: 360, min: 60, max: 24 * 60, sourceRef: 'MDX-2: DOMAIN.md §1.3' },
  /** A prescription lapses this long after its start unless renewed (DOMAIN.md §1.3). */
  'MDX-1.expiry_days': { defaultValue: 90, min: 7, max: 365, sourceRef: 'MDX-1: DOMAIN.md §1.3' },
  /** The renewal line reaches the prescriber this many days before a prescription lapses. */
  'MDX-1.renewal_lead_days': { defaultValue: 7, min: 1, max: 30, sourceRef: 'MDX-1: issue 15 item 2' },
  /** A verbal (telephone) order must be countersigned by the doctor within this many hours. */
  'MDX-1.countersign_hours': { defaultValue: 24, min: 1, max: 72, sourceRef: 'MDX-1: issue 15 item 2' },
  /** Supervised programme doses missed in a row before the prescriber is told (issue 15 item 5). */
  'MDX-2.programme_missed_in_a_row': {
    defaultValue: 2,
    min: 1,
    max: 7,
    sourceRef: 'MDX-2: issue 15 item 5; WHO Module 2 §2.5.2',
  },
  /** A batch expiring within this many days is flagged (issue 15 item 3). */
  'PHC-3.expiry_warning_days': { defaultValue: 60, min: 7, max: 180, sourceRef: 'PHC-3: issue 15 item 3' },
  /** TRC-6: the release preparation reaches the prescriber this many days before the planned release. */
  'TRC-6.release_lead_days': { defaultValue: 28, min: 1, max: 90, sourceRef: 'TRC-6: WHO Europe 2014' },
} as const satisfies Record<string, ThresholdDefinition>;
