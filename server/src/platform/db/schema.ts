/**
 * The tables, as Kysely sees them. Portable types only (ADR 0002): ids are UUIDv7 text, instants
 * ISO-8601 UTC text, calendar dates YYYY-MM-DD text, booleans integer 0/1, JSON as text.
 * Each module adds its own tables here, under its own name prefix.
 */
export interface SystemSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface UserAccountTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: number;
  language: string;
  staff_id: string | null;
  failed_attempts: number;
  /** Wrong second-factor codes since the last accepted one (counted apart from wrong passwords). */
  code_failed_attempts: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  must_change_password: number;
  password_changed_at: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface UserInstitutionTable {
  user_id: string;
  institution_id: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  stage: 'two_factor' | 'active';
  csrf_token: string;
  clinical: number;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  end_reason: string | null;
  client_address: string | null;
}

export interface AuditEventTable {
  seq: number;
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  person_id: string | null;
  data_class: string;
  purpose: string;
  outcome: string;
  client_address: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

export interface Database {
  system_setting: SystemSettingTable;
  user_account: UserAccountTable;
  user_role: UserRoleTable;
  user_institution: UserInstitutionTable;
  recovery_code: RecoveryCodeTable;
  user_session: UserSessionTable;
  audit_event: AuditEventTable;
  institution: InstitutionTable;
  unit: UnitTable;
  cell: CellTable;
  person: PersonTable;
  person_name_token: PersonNameTokenTable;
  custody_event: CustodyEventTable;
  staff_member: StaffMemberTable;
  break_glass: BreakGlassTable;
  person_photo: PersonPhotoTable;
  terminology_concept: TerminologyConceptTable;
  rule_threshold: RuleThresholdTable;
  encounter: EncounterTable;
  clinical_task: ClinicalTaskTable;
  clinical_correction: ClinicalCorrectionTable;
  observation: ObservationTable;
  problem: ProblemTable;
  allergy: AllergyTable;
  consent: ConsentTable;
  health_alert: HealthAlertTable;
  observation_check: ObservationCheckTable;
  observation_review: ObservationReviewTable;
  access_request: AccessRequestTable;
  clinical_document: ClinicalDocumentTable;
  restraint_episode: RestraintEpisodeTable;
  restraint_event: RestraintEventTable;
  restraint_open_episode: RestraintOpenEpisodeTable;
  restraint_policy: RestraintPolicyTable;
  idempotency_key: IdempotencyKeyTable;
}

/** A person's photo: the bytes are in the file storage; a new photo is a new row (history kept). */
export interface PersonPhotoTable {
  id: string;
  person_id: string;
  storage_key: string;
  sha256: string;
  content_type: string;
  size_bytes: number;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface BreakGlassTable {
  id: string;
  user_id: string;
  /** Null when the prison number asked for belongs to no one (recorded all the same). */
  person_id: string | null;
  prison_number: string;
  reason: string;
  started_at: string;
  /** Equal to `started_at` for a request refused over the daily cap: it opened nothing. */
  expires_at: string;
  /** 1 when the request was over the user's daily cap: refused, and flagged for review. */
  over_limit: number;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
}

export interface InstitutionTable {
  id: string;
  code: string;
  name_az: string;
  name_en: string;
  name_ru: string;
  kind: string;
  population_sex: string;
  capacity: number;
  time_zone: string;
  version: number;
  created_at: string;
}

export interface UnitTable {
  id: string;
  institution_id: string;
  code: string;
  name: string;
  /** Optimistic concurrency (migration 0008). */
  version: number;
}

export interface CellTable {
  id: string;
  unit_id: string;
  institution_id: string;
  code: string;
  cell_type: string;
  certified_capacity: number;
  floor_area_m2: number;
  /** Optimistic concurrency (migration 0008). */
  version: number;
}

export interface PersonTable {
  id: string;
  prison_number: string;
  surname_latin: string | null;
  given_name_latin: string | null;
  patronymic_latin: string | null;
  surname_cyrillic: string | null;
  given_name_cyrillic: string | null;
  patronymic_cyrillic: string | null;
  name_key: string;
  birth_date: string;
  sex: string;
  gender_identity: string | null;
  citizenship: string;
  language: string;
  interpreter_needed: number;
  national_id: string | null;
  status: string;
  institution_id: string | null;
  cell_id: string | null;
  status_since: string | null;
  destination_institution_id: string | null;
  legal_status: string | null;
  admitted_at: string | null;
  version: number;
  created_at: string;
}

export interface PersonNameTokenTable {
  token: string;
  person_id: string;
  /** A copy of the person's `name_key`, kept by triggers (migration 0009): search reads in name order. */
  name_key: string | null;
}

export interface CustodyEventTable {
  id: string;
  person_id: string;
  type: string;
  occurred_at: string;
  recorded_at: string;
  recorded_by: string | null;
  institution_id: string | null;
  cell_id: string | null;
  destination_institution_id: string | null;
  absence_kind: string | null;
  legal_status: string | null;
  returned_from_police: number | null;
  corrects_event_id: string | null;
  note: string | null;
  data: string | null;
}

export interface StaffMemberTable {
  id: string;
  institution_id: string;
  full_name: string;
  sex: string;
  position: string;
  user_id: string | null;
  active: number;
  version: number;
  created_at: string;
  /** RST-8: restraint training valid until this date (migration 0011), until the training module. */
  restraint_trained_until?: string | null;
}

// The medical record (migration 0007). Clinical entries are append-only; see the migration.

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

// Restraint and seclusion (migration 0011): the append-only register.

export interface RestraintEpisodeTable {
  id: string;
  person_id: string;
  institution_id: string;
  unit_id: string | null;
  cell_id: string;
  cell_type: string;
  types: string;
  combination_reason: string | null;
  in_view_of_others: number;
  started_at: string;
  late_entry_reason: string | null;
  authorisation: 'doctor_order' | 'emergency_start';
  order_assessment: string | null;
  harm: string;
  harm_description: string;
  less_restrictive: string;
  less_restrictive_description: string;
  person_preferences: string;
  equipment: string;
  holds: string;
  medication: string | null;
  applied_by: string;
  supervisor_id: string;
  /** RST-4/RST-5; null for episodes recorded before migration 0015. */
  supervision_position: string | null;
  flags: string;
  recorded_by: string;
  recorded_at: string;
}

/** The open episodes (migration 0017): kept by the restraint service beside the register. */
export interface RestraintOpenEpisodeTable {
  episode_id: string;
  institution_id: string;
  person_id: string;
}

export interface RestraintEventTable {
  id: string;
  episode_id: string;
  institution_id: string;
  kind: string;
  at: string;
  payload: string;
  corrects_event_id: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface RestraintPolicyTable {
  id: string;
  institution_id: string;
  version: number;
  text: string;
  created_by: string;
  created_at: string;
}

export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  /** What the key was used for (route and subject): the same key elsewhere is a conflict. */
  scope: string;
  /** SHA-256 of the request body in canonical JSON (null for keys stored before it was kept). */
  request_hash: string | null;
  response: string;
  created_at: string;
}
