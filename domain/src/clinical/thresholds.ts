import { z } from 'zod';

/**
 * Time limits the system enforces, each with the rule that sets it and its source. Defaults
 * are the strictest applicable standard; an institution or the country may only loosen one
 * after recording the legal basis. Restraint and other modules add their own entries here.
 */
export const thresholdDefinitions = {
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
  /** RST-2: the doctor examines the person within 1 h of an emergency start or of the order. */
  'RST-2.examination_due_minutes': {
    defaultValue: 60,
    min: 5,
    max: 240,
    sourceRef: 'RST-2: CPT/Inf(2017)6 §2',
  },
  /** RST-6: a structured observation note every 15 minutes. */
  'RST-6.observation_minutes': { defaultValue: 15, min: 5, max: 60, sourceRef: 'RST-6: CPT/Inf(2017)6 §7' },
  /** RST-7: a doctor's review every hour while it lasts. */
  'RST-7.review_minutes': {
    defaultValue: 60,
    min: 15,
    max: 240,
    sourceRef: 'RST-7: CPT/Inf(2017)6 §4.1–4.2',
  },
  /** RST-7: the soft alert ("minutes rather than hours"). */
  'RST-7.soft_alert_minutes': { defaultValue: 30, min: 5, max: 240, sourceRef: 'RST-7: CPT/Inf(2017)6 §4.1' },
  /** RST-7: a second doctor and a transfer to a psychiatric facility considered. */
  'RST-7.second_doctor_minutes': {
    defaultValue: 240,
    min: 30,
    max: 24 * 60,
    sourceRef: 'RST-7: CPT/Inf(2017)6 §4.2',
  },
  /** RST-7: repeated use — this many episodes for one person within 30 days. */
  'RST-7.repeat_episodes': { defaultValue: 3, min: 2, max: 10, sourceRef: 'RST-7: CPT/Inf(2017)6 §4.2' },
  /** RST-7: mandatory escalation to the head of health care and the ministry. */
  'RST-7.escalation_minutes': {
    defaultValue: 24 * 60,
    min: 60,
    max: 72 * 60,
    sourceRef: 'RST-7: CPT/Inf(2017)6 §4.2',
  },
  /** RST-9: debriefs with the person and with staff. */
  'RST-9.debrief_minutes': {
    defaultValue: 24 * 60,
    min: 60,
    max: 7 * 24 * 60,
    sourceRef: 'RST-9: CPT/Inf(2017)6 §1.7',
  },
  /** RST-11: the medical examination after any restraint or use of force ("immediate"). */
  'RST-11.examination_after_minutes': {
    defaultValue: 60,
    min: 5,
    max: 24 * 60,
    sourceRef: 'RST-11: CPT 2nd GR §53',
  },
} as const satisfies Record<string, { defaultValue: number; min: number; max: number; sourceRef: string }>;

export type ThresholdId = keyof typeof thresholdDefinitions;
export const thresholdIds = Object.keys(thresholdDefinitions) as ThresholdId[];

export const thresholdChangeSchema = z.object({
  value: z.number().int(),
  /** Required when the new value is looser than the default. */
  legalBasis: z.string().trim().max(1000).nullish(),
});

/**
 * a threshold may be tightened freely; loosening it beyond the strictest default needs a recorded
 * legal basis. Every value stays inside the rule's hard bounds.
 */
export function thresholdChangeProblem(
  id: ThresholdId,
  value: number,
  legalBasis: string | null | undefined,
): 'out_of_bounds' | 'legal_basis_required' | null {
  const def = thresholdDefinitions[id];
  if (!Number.isInteger(value) || value < def.min || value > def.max) return 'out_of_bounds';
  if (value > def.defaultValue && !(legalBasis && legalBasis.trim().length >= 10))
    return 'legal_basis_required';
  return null;
}
