/**
 * The use-of-force module's tables (migration 0033_force; ADR 0036). Portable types only (ADR 0002):
 * ids UUIDv7 text, instants ISO-8601 UTC text, booleans integer 0/1, lists as JSON text. Every row is
 * written once: corrections are amendments, reviews and examinations rows of their own.
 */
export interface ForceIncidentTable {
  id: string;
  institution_id: string;
  unit_id: string | null;
  cell_id: string | null;
  place_note: string | null;
  occurred_at: string;
  /** RST-11: the restraint episode this force was, when restraint was used (never recorded twice). */
  restraint_episode_id: string | null;
  reported_by: string;
  recorded_at: string;
}

/** A person force was used on: one examination is due for each (RST-11). */
export interface ForceIncidentPersonTable {
  incident_id: string;
  person_id: string;
}

/** A member of staff involved: each gives their own account (INJ-7). */
export interface ForceIncidentStaffTable {
  incident_id: string;
  staff_id: string;
}

/** INJ-7: one staff member's account, or an amendment of one (`amends_id`). */
export interface ForceAccountTable {
  id: string;
  incident_id: string;
  staff_id: string;
  types: string;
  type_other: string | null;
  reason: string;
  narrative: string;
  duration_minutes: number;
  de_escalation_tried: number;
  de_escalation: string | null;
  injuries_to_staff: string;
  injuries_to_person: string;
  witnesses: string | null;
  amends_id: string | null;
  amend_reason: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** INJ-7: the governor's acknowledgement (decision null) or decision, with a note. */
export interface ForceReviewTable {
  id: string;
  incident_id: string;
  decision: string | null;
  note: string;
  recorded_by: string;
  recorded_at: string;
}

/**
 * RST-11, MED-4: the examination after force, one per person and incident; `outcome`,
 * `non_medical_present`, `presence_reason` and `note` are clinical (MED-1).
 */
export interface ForceExaminationTable {
  id: string;
  incident_id: string;
  person_id: string;
  outcome: string;
  examined_at: string;
  examined_by: string;
  non_medical_present: number | null;
  presence_reason: string | null;
  note: string | null;
  injury_record_id: string | null;
  recorded_at: string;
}

export interface ForceTables {
  force_incident: ForceIncidentTable;
  force_incident_person: ForceIncidentPersonTable;
  force_incident_staff: ForceIncidentStaffTable;
  force_account: ForceAccountTable;
  force_review: ForceReviewTable;
  force_examination: ForceExaminationTable;
}
