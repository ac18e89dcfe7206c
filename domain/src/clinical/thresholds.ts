import type { ThresholdDefinition } from '../platform/thresholds.ts';

/**
 * The clinical module's time limits (admission screening and its follow-up), each with the rule that
 * sets it and its source. Listed with every module's in `platform/thresholds.ts`.
 */
export const clinicalThresholds = {
  /** ADM-1: every admission is screened within 24 h. */
  'ADM-1.screening_due_minutes': {
    defaultValue: 24 * 60,
    min: 15,
    max: 7 * 24 * 60,
    sourceRef: 'ADM-1: CPT/Inf(2013)29 §73; Mandela r.30; EPR r.42.1',
  },
  /**
   * ADM-1: a screening completed by a nurse or feldsher is countersigned by the doctor they report
   * to. The standards give no figure; by default within the same 24 h as the screening itself.
   */
  'ADM-1.countersignature_due_minutes': {
    defaultValue: 24 * 60,
    min: 15,
    max: 7 * 24 * 60,
    sourceRef: 'ADM-1: CPT/Inf(93)12 §33 (a nurse reporting to a doctor)',
  },
  /** ADM-5: back from police custody or investigation — "without delay", by default the same shift. */
  'ADM-5.rescreening_due_minutes': {
    defaultValue: 8 * 60,
    min: 15,
    max: 7 * 24 * 60,
    sourceRef: 'ADM-5: CPT/Inf(2013)29 §73',
  },
  /** ADM-8: continuing medication, OST, ART or TB treatment, or withdrawal → prescriber the same day. */
  'ADM-8.prescriber_due_minutes': {
    defaultValue: 12 * 60,
    min: 15,
    max: 24 * 60,
    sourceRef: 'ADM-8: EPR r.42.3.b, r.42.3.d; Mandela r.24(2)',
  },
} as const satisfies Record<string, ThresholdDefinition>;
