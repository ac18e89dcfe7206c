import type { ThresholdDefinition } from '../platform/thresholds.ts';

/**
 * The restraint module's time limits (RST-*), each with the rule that sets it and its source.
 * Listed with every module's in `platform/thresholds.ts`.
 */
export const restraintThresholds = {
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
} as const satisfies Record<string, ThresholdDefinition>;
