/** The requests module's tables (migration 0035; ADR 0038). */

/** MED-5: a request to health care; its text is clinical (health staff only). Triage is set once. */
export interface HealthRequestTable {
  id: string;
  person_id: string;
  institution_id: string;
  channel: string;
  urgency: string;
  text: string;
  paper_date: string | null;
  box_opened_at: string | null;
  /** MED-5: the time of receipt: the box opened, or the kiosk's sending. */
  received_at: string;
  triage_due_at: string;
  /** Who entered it (health staff from the box), or who unlocked the kiosk for the person. */
  entered_by: string;
  recorded_at: string;
  triaged_at: string | null;
  triaged_by: string | null;
  triage_outcome: string | null;
  appointment_at: string | null;
  triage_reason: string | null;
  triage_note: string | null;
  /** INJ-4: the complaint an allegation in the request opened. */
  allegation_complaint_id: string | null;
  version: number;
}

/** RES-7: a complaint or request to the governor or an independent body. */
export interface ComplaintTable {
  id: string;
  person_id: string;
  institution_id: string;
  addressee: string;
  category: string;
  text: string;
  confidential: number;
  allegation: number;
  received_at: string;
  answer_due_at: string;
  status: string;
  answered_at: string | null;
  registered_by: string;
  recorded_at: string;
  /** The health request an allegation came from, if any. */
  source_request_id: string | null;
  version: number;
}

/** RES-7: each step of a complaint (acknowledged, answered, forwarded, closed): append-only. */
export interface ComplaintEventTable {
  id: string;
  complaint_id: string;
  action: string;
  text: string | null;
  answer_date: string | null;
  forward_to: string | null;
  withdrawn: number;
  recorded_by: string;
  recorded_at: string;
}

/** INJ-4: the allegation sent to the independent body: when, how, under which reference. */
export interface ComplaintDispatchTable {
  id: string;
  complaint_id: string;
  body: string;
  channel: string;
  reference: string;
  at: string;
  recorded_by: string;
}

/** INJ-4: the medical examination after an allegation, due at once; its result is an injury record. */
export interface AllegationExaminationTable {
  id: string;
  complaint_id: string;
  person_id: string;
  institution_id: string;
  due_at: string;
  injury_record_id: string | null;
  examined_at: string | null;
  examined_by: string | null;
  recorded_at: string | null;
}

export interface RequestsTables {
  health_request: HealthRequestTable;
  complaint: ComplaintTable;
  complaint_event: ComplaintEventTable;
  complaint_dispatch: ComplaintDispatchTable;
  allegation_examination: AllegationExaminationTable;
}
