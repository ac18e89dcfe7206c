import type { ThresholdDefinition } from '../platform/thresholds.ts';

/**
 * The mental-health module's limits (ADR 0051), each with the rule that sets it and its source.
 * Listed with every module's in `platform/thresholds.ts`, so an institution's value is set on the
 * rule-threshold page (X-4: loosening one needs the legal basis).
 */
export const mentalhealthThresholds = {
  /** MHS-5: a transfer to a psychiatric facility waiting longer than this is late (on the worklist). */
  'MHS-5.transfer_target_days': {
    defaultValue: 14,
    min: 1,
    max: 90,
    sourceRef: 'MHS-5: Mandela r.109; CPT 3rd GR §43 (ADR 0043)',
  },
  /** MHS-5: past this the delay is escalated to the governor and the health manager. */
  'MHS-5.transfer_escalation_days': {
    defaultValue: 28,
    min: 2,
    max: 180,
    sourceRef: 'MHS-5: twice the target (ADR 0043)',
  },
} as const satisfies Record<string, ThresholdDefinition>;
