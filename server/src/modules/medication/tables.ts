/** The medication module's tables (issue 15; ADR 0027). Instants ISO-8601 UTC strings, booleans 0/1. */

/** The formulary: institution-independent drugs (DOMAIN.md §1.1). */
export interface MedicationDrugTable {
  id: string;
  code: string;
  inn: string;
  name_az: string;
  name_en: string;
  name_ru: string;
  strength: string;
  form: string;
  route: string;
  atc_code: string | null;
  high_risk: number;
  programme: string | null;
  supervised_only: number;
  observe_after: number;
  /** A controlled drug under national law (methadone, buprenorphine): witness and daily count (ADR 0040). */
  controlled: number;
  created_at: string;
}

/**
 * One version of a prescription (MedicationRequest). A prescription is the chain of versions with the
 * same `prescription_id`; each change (revise, pause, resume, stop) adds a row, and `current` marks
 * the latest (1) so the live list never reads the history.
 */
export interface MedicationPrescriptionTable {
  id: string;
  prescription_id: string;
  version: number;
  current: number;
  action: string;
  person_id: string;
  institution_id: string;
  drug_id: string;
  dose: number;
  dose_unit: string;
  route: string;
  frequency: string;
  /** JSON array of HH:MM in the institution's zone. */
  times_of_day: string;
  every_hours: number | null;
  frequency_per_day: number;
  prn: number;
  prn_condition: string | null;
  prn_min_interval_hours: number | null;
  prn_max_per_day: number | null;
  delivery: string;
  risk_assessment: string | null;
  review_date: string | null;
  start_at: string;
  end_at: string;
  indication: string;
  status: string;
  status_since: string;
  status_reason: string | null;
  allergy_override_reason: string | null;
  replaces_id: string | null;
  prescriber_id: string;
  created_at: string;
}

/** One record per due dose (MDX-2), or one PRN dose (`due_at` null). Append-only. */
export interface MedicationAdministrationTable {
  id: string;
  prescription_id: string;
  prescription_version: number;
  person_id: string;
  institution_id: string;
  due_at: string | null;
  given_at: string;
  outcome: string;
  reason: string | null;
  note: string | null;
  dose_given: number | null;
  mouth_check: number;
  recorded_by: string;
  recorded_at: string;
}

/** The round times of an institution, where they differ from the defaults (08:00, 13:00, 18:00, 22:00). */
export interface MedicationRoundTimeTable {
  institution_id: string;
  round: string;
  time_of_day: string;
}

/** The ATC classification (WHO; licensed, imported from a file): code, English name, level 1–5. */
export interface MedicationAtcTable {
  code: string;
  name: string;
  level: number;
  imported_at: string;
}

/** The module's tables, the pharmacy's included (ADR 0040). */
export interface MedicationTables extends PharmacyTables, OrdersTables, RoundsTables {
  medication_atc: MedicationAtcTable;
  medication_drug: MedicationDrugTable;
  medication_prescription: MedicationPrescriptionTable;
  medication_administration: MedicationAdministrationTable;
  medication_round_time: MedicationRoundTimeTable;
}

/** Pharmacy and stock (issue 15 item 3; ADR 0040). A batch's quantity moves only with a ledger line. */
export interface MedicationStockBatchTable {
  id: string;
  institution_id: string;
  drug_id: string;
  batch_number: string;
  expiry_date: string;
  supplier: string;
  reference: string | null;
  quantity: number;
  received_at: string;
}

/** The stock ledger: append-only, who / when / why (signed quantity). */
export interface MedicationStockMovementTable {
  id: string;
  institution_id: string;
  drug_id: string;
  batch_id: string;
  kind: string;
  quantity: number;
  balance_after: number;
  person_id: string | null;
  prescription_id: string | null;
  supply: string | null;
  unit_id: string | null;
  round: string | null;
  reason: string | null;
  witness_id: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** MDX-3: a pharmacy task opened by a dose recorded "not available (stock)". */
export interface MedicationStockTaskTable {
  id: string;
  institution_id: string;
  drug_id: string;
  opened_at: string;
  last_at: string;
  doses: number;
  status: string;
  resolution: string | null;
  note: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

/** The controlled-drug book's daily count, against the book balance. */
export interface MedicationCdCountTable {
  id: string;
  institution_id: string;
  drug_id: string;
  count_date: string;
  book_balance: number;
  counted: number;
  difference: number;
  note: string | null;
  counted_by: string;
  witness_id: string;
  counted_at: string;
}

/** A count that did not balance: open until resolved with an explanation. */
export interface MedicationCdIncidentTable {
  id: string;
  institution_id: string;
  drug_id: string;
  count_id: string;
  difference: number;
  opened_at: string;
  status: string;
  explanation: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface PharmacyTables {
  medication_stock_batch: MedicationStockBatchTable;
  medication_stock_movement: MedicationStockMovementTable;
  medication_stock_task: MedicationStockTaskTable;
  medication_cd_count: MedicationCdCountTable;
  medication_cd_incident: MedicationCdIncidentTable;
}

/** A verbal (telephone) order recorded by a nurse, until the named doctor countersigns or rejects it (ADR 0045). */
export interface MedicationVerbalOrderTable {
  id: string;
  prescription_id: string;
  person_id: string;
  institution_id: string;
  ordered_by: string;
  recorded_by: string;
  recorded_at: string;
  due_at: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
}

/** An institution's own medication settings (ADR 0045). */
export interface MedicationInstitutionSettingTable {
  institution_id: string;
  feldsher_may_prescribe: number;
  updated_by: string;
  updated_at: string;
}

/** An institution's own flags for a drug, overriding the formulary's national ones (MDX-5). */
export interface MedicationDrugFlagTable {
  institution_id: string;
  drug_id: string;
  high_risk: number;
  programme: string | null;
  supervised_only: number;
}

/** TRC-*: the reconciliation task an arrival opens for the receiving institution's prescriber. */
export interface MedicationReconciliationTable {
  id: string;
  person_id: string;
  institution_id: string;
  event_id: string;
  opened_at: string;
  due_at: string;
  status: string;
  decisions: string | null;
  completed_by: string | null;
  completed_at: string | null;
}

/**
 * TRC-4, TRC-6 (ADR 0055): the prescription letter prepared for a person's release, and the release
 * date (the registry's, ADR 0050) it was prepared for: a changed date means the letter must be redone.
 */
export interface MedicationReleasePreparationTable {
  person_id: string;
  release_on: string;
  letter_at: string;
  letter_by: string | null;
}

export interface OrdersTables {
  medication_verbal_order: MedicationVerbalOrderTable;
  medication_institution_setting: MedicationInstitutionSettingTable;
  medication_drug_flag: MedicationDrugFlagTable;
  medication_reconciliation: MedicationReconciliationTable;
  medication_release_preparation: MedicationReleasePreparationTable;
}

/** MDX-3 (ADR 0046): an officer's mark that a person was not brought to a round, for a regime reason. */
export interface MedicationNotBroughtTable {
  id: string;
  person_id: string;
  institution_id: string;
  /** The round's calendar day in the institution's zone, and its name. */
  round_date: string;
  round: string;
  /** The round's time as an instant. */
  round_at: string;
  note: string | null;
  marked_by: string;
  marked_at: string;
}

/** MDX-5 (ADR 0046): an in-possession supply counted at review against what should be left. */
export interface MedicationPossessionCountTable {
  id: string;
  prescription_id: string;
  person_id: string;
  institution_id: string;
  /** The pharmacy's supply to the person (ADR 0040) the count is against. */
  supply_movement_id: string;
  supplied: number;
  supplied_at: string;
  expected: number;
  counted: number;
  difference: number;
  note: string | null;
  counted_by: string;
  counted_at: string;
}

export interface RoundsTables {
  medication_not_brought: MedicationNotBroughtTable;
  medication_possession_count: MedicationPossessionCountTable;
}
