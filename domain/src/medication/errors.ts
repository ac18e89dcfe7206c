/**
 * The error codes the medication module answers with. Its refused rules answer the generic
 * `rule_refused` with the rule's code in the field errors (ADR 0021), so it adds no top-level code.
 */
export const medicationErrorCodes = [] as const;

/** The field codes of its refused rules, translated in the web locale's `errors` section. */
export const medicationRuleCodes = [
  'in_the_future',
  'before_start',
  'prescription_expired',
  'prescription_stopped',
  'prescription_paused',
  'prn_has_no_due_time',
  'due_time_required',
  'not_yet_due',
  'not_a_due_time',
  'already_recorded',
  'reason_required',
  'note_required',
  'reason_only_when_not_given',
  'mouth_check_required',
  'prn_min_interval',
  'prn_max_per_day',
  'duplicate_active',
  'supervised_only',
  'risk_assessment_required',
  'review_date_required',
  'review_date_past',
  'allergy_override_required',
  'unknown_drug',
  'replaced_not_found',
  'dose_given_required',
  'not_in_custody',
  'prescriber_only',
  'already_stopped',
  'not_paused',
  'already_paused',
  // ADR 0046: doses sent from the offline queue, the officer's mark.
  'given_before_due',
  'recorded_too_late',
  'round_not_yet',
  'round_over',
  'no_dose_in_round',
  'discrepancy_note_required',
  'not_in_possession',
  'no_supply',
] as const;
