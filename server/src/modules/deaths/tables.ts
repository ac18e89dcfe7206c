/** The deaths module's tables (migration 0034; ADR 0037). Rows are appended, never edited. */
export interface DeathEventTable {
  id: string;
  person_id: string;
  institution_id: string;
  kind: string;
  found_at: string;
  place: string;
  found_by: string;
  circumstances: string;
  resuscitation_attempted: number | null;
  pronounced_by: string | null;
  pronounced_at: string | null;
  setting: string | null;
  manner: string | null;
  recorded_by: string;
  recorded_at: string;
  /** DTH-1: set once, when the closure rule allows it; the only column ever set after the insert. */
  closed_at: string | null;
  closed_by: string | null;
  close_note: string | null;
  version: number;
}

interface Entry {
  id: string;
  event_id: string;
  recorded_by: string;
  recorded_at: string;
}

/** a correction, the changed fields as JSON with the reason; the record stays as first written. */
export interface DeathAmendmentTable extends Entry {
  reason: string;
  changes: string;
}

/** INJ-8: staff who may be implicated (registry staff ids); they cannot review the event. */
export interface DeathInvolvedStaffTable extends Entry {
  staff_id: string;
}

/** DTH-1: a step of the checklist done. */
export interface DeathStepTable extends Entry {
  step: string;
  at: string;
  channel: string;
  recipient: string;
  reference: string | null;
  note: string | null;
}

/** INJ-8: the independent investigation (a later entry stands over an earlier one). */
export interface DeathInvestigationTable extends Entry {
  authority: string;
  reference: string;
  opened_at: string;
}

/** DAT-7: the clinical part (cause, autopsy): health roles only. A later entry stands. */
export interface DeathClinicalTable extends Entry {
  cause_code: string | null;
  cause_text: string | null;
  autopsy: string;
  autopsy_result: string | null;
}

/** DAT-7, DTH-1: the medical file frozen at death: its bytes in the file store under their SHA-256. */
export interface DeathSnapshotTable extends Entry {
  person_id: string;
  sha256: string;
  size: number;
}

/** MHS-8: the internal review (clinical review; psychological autopsy for a suicide). */
export interface DeathReviewTable extends Entry {
  kind: string;
  due_at: string;
  concluded_at: string | null;
  concluded_by: string | null;
  findings: string | null;
  version: number;
}

export interface DeathReviewerTable {
  id: string;
  review_id: string;
  staff_id: string;
  recorded_by: string;
  recorded_at: string;
}

/** MON-2: a recommendation of a review and its action, followed up to done. */
export interface DeathActionTable extends Entry {
  review_id: string;
  recommendation: string;
  owner_staff_id: string;
  due_on: string;
  done_at: string | null;
  done_by: string | null;
  evidence: string | null;
  version: number;
}

/** INJ-8: the body released and returned, or buried by the state for a documented reason (0034a). */
export interface DeathBodyReleaseTable extends Entry {
  released_at: string;
  release_reference: string;
  outcome: string;
  returned_at: string | null;
  recipient_name: string | null;
  recipient_relation: string | null;
  buried_on: string | null;
  note: string | null;
  /** a later entry corrects an earlier one and says why. */
  correction_reason: string | null;
}

export interface DeathsTables {
  death_event: DeathEventTable;
  death_amendment: DeathAmendmentTable;
  death_involved_staff: DeathInvolvedStaffTable;
  death_step: DeathStepTable;
  death_investigation: DeathInvestigationTable;
  death_clinical: DeathClinicalTable;
  death_snapshot: DeathSnapshotTable;
  death_review: DeathReviewTable;
  death_reviewer: DeathReviewerTable;
  death_action: DeathActionTable;
  death_body_release: DeathBodyReleaseTable;
}
