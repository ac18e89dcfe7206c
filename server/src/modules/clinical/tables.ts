/**
 * The clinical module's tables, as Kysely sees them. Portable types only (ADR 0002): ids are UUIDv7 text,
 * instants ISO-8601 UTC text, calendar dates YYYY-MM-DD text, booleans integer 0/1, JSON as text.
 */

export interface TerminologyConceptTable {
  system: string;
  code: string;
  language: string;
  display: string;
  search_text: string;
  demo: number;
  imported_at: string;
}

export interface RuleThresholdTable {
  id: string;
  threshold_id: string;
  institution_id: string | null;
  value: number;
  legal_basis: string | null;
  set_by: string;
  set_at: string;
}

export interface EncounterTable {
  id: string;
  person_id: string;
  institution_id: string | null;
  type: string;
  started_at: string;
  author_id: string;
  /** draft → completed (a screening, awaiting signature) → signed. */
  status: 'draft' | 'completed' | 'signed';
  content: string;
  structured: string | null;
  restricted: number;
  task_id: string | null;
  content_hash: string | null;
  signed_at: string | null;
  signed_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ClinicalTaskTable {
  id: string;
  person_id: string;
  institution_id: string;
  kind: string;
  source_ref: string;
  trigger_event_id: string | null;
  source_encounter_id: string | null;
  triggered_at: string;
  due_at: string;
  completed_at: string | null;
  completed_by: string | null;
  encounter_id: string | null;
  version: number;
  created_at: string;
}

export interface ClinicalCorrectionTable {
  id: string;
  person_id: string;
  entry_type: string;
  entry_id: string;
  kind: 'amendment' | 'entered_in_error' | 'resolved';
  reason: string;
  text: string | null;
  content_hash: string;
  author_id: string;
  created_at: string;
}

export interface ObservationTable {
  id: string;
  person_id: string;
  encounter_id: string | null;
  category: 'vital-signs' | 'laboratory';
  test: string;
  code_system: string;
  code: string;
  value_number: number | null;
  value_code: string | null;
  unit: string | null;
  note: string | null;
  effective_at: string;
  restricted: number;
  author_id: string;
  recorded_at: string;
}

export interface ProblemTable {
  id: string;
  person_id: string;
  code_system: string;
  code: string;
  display: string;
  onset_date: string | null;
  note: string | null;
  restricted: number;
  encounter_id: string | null;
  author_id: string;
  recorded_at: string;
}

export interface AllergyTable {
  id: string;
  person_id: string;
  substance: string;
  category: string;
  type: string;
  reaction: string | null;
  severity: string;
  author_id: string;
  recorded_at: string;
  /** The screening it was named at (migration 0021); null for one entered on the chart. */
  encounter_id?: string | null;
}

/** "No known allergies" as an answer given at a screening (migration 0021), append-only. */
export interface AllergyStatementTable {
  id: string;
  person_id: string;
  statement: 'none_known';
  encounter_id: string | null;
  author_id: string;
  recorded_at: string;
}

export interface ConsentTable {
  id: string;
  person_id: string;
  encounter_id: string | null;
  topic: string;
  decision: string;
  information_given: string;
  signature: string;
  witness: string | null;
  recorded_at: string;
  author_id: string;
  created_at: string;
}

export interface HealthAlertTable {
  id: string;
  person_id: string;
  kind: string;
  detail: string;
  starts_at: string;
  ends_at: string | null;
  source_ref: string | null;
  source_encounter_id: string | null;
  created_by: string;
  created_at: string;
  ended_by: string | null;
  version: number;
  /** MHS-3: why observation checks may be more than 15 minutes apart (migration 0020). */
  exception_reason?: string | null;
}

/** MHS-3: a check of a person under observation (migration 0020), append-only. */
export interface ObservationCheckTable {
  id: string;
  alert_id: string;
  person_id: string;
  checked_at: string;
  recorded_by: string;
  created_at: string;
}

/** MHS-3: the multidisciplinary review of an observation (migration 0020), append-only. */
export interface ObservationReviewTable {
  id: string;
  alert_id: string;
  person_id: string;
  reviewed_at: string;
  participants: string;
  decision: string;
  recorded_by: string;
  created_at: string;
}

export interface AccessRequestTable {
  id: string;
  person_id: string;
  received_at: string;
  third_party: string | null;
  note: string | null;
  registered_by: string;
  fulfilled_at: string | null;
  fulfilled_by: string | null;
  version: number;
}

export interface ClinicalDocumentTable {
  id: string;
  person_id: string;
  type: string;
  title: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  restricted: number;
  author_id: string;
  uploaded_at: string;
}

export interface ClinicalTables {
  terminology_concept: TerminologyConceptTable;
  rule_threshold: RuleThresholdTable;
  encounter: EncounterTable;
  clinical_task: ClinicalTaskTable;
  clinical_correction: ClinicalCorrectionTable;
  observation: ObservationTable;
  problem: ProblemTable;
  allergy: AllergyTable;
  allergy_statement: AllergyStatementTable;
  consent: ConsentTable;
  health_alert: HealthAlertTable;
  observation_check: ObservationCheckTable;
  observation_review: ObservationReviewTable;
  access_request: AccessRequestTable;
  clinical_document: ClinicalDocumentTable;
}
