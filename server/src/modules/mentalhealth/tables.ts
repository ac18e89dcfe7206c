/** The mental-health module's tables (migration 0040; ADR 0043). */

/** MHT-1: an instrument a ministry added (the built-in ones live in domain/, as data too). */
export interface MhInstrumentTable {
  code: string;
  version: string;
  /** The whole definition (items, options, bands, licence, languages) as JSON. */
  definition: string;
  licence_name: string;
  added_by: string;
  added_at: string;
}

/** MHS-1: a referral for a psychiatric or psychological assessment. */
export interface MhReferralTable {
  id: string;
  person_id: string;
  institution_id: string;
  source: string;
  urgency: string;
  reason: string;
  /** The rule that opened it automatically (ADM-9, MHT-2), else null. */
  rule: string | null;
  referred_at: string;
  due_at: string;
  referred_by: string;
  screening_task_id: string | null;
  health_request_id: string | null;
  response_id: string | null;
  assessed_at: string | null;
  version: number;
}

/** MHS-1: the assessment of a referral (restricted clinical data), written once. */
export interface MhAssessmentTable {
  id: string;
  referral_id: string;
  person_id: string;
  institution_id: string;
  assessed_at: string;
  assessed_by: string;
  history: string;
  mental_state: string;
  risk_formulation: string;
  risk_level: string;
  diagnosis_code: string | null;
  diagnosis_text: string | null;
  outcome: string;
  /** MHS-2, MHS-9: the care plan as JSON (problem, goal, intervention, frequency, review date…). */
  care_plan: string | null;
  recorded_at: string;
}

/** MHS-5: a request to transfer a person to a psychiatric facility, time to transfer tracked. */
export interface MhTransferTable {
  id: string;
  person_id: string;
  institution_id: string;
  assessment_id: string;
  facility: string;
  requested_at: string;
  transferred_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  version: number;
}

/** MHT-1: a completed instrument. */
export interface MhResponseTable {
  id: string;
  person_id: string;
  institution_id: string;
  instrument_code: string;
  instrument_version: string;
  language: string;
  mode: string;
  answers: string;
  total: number;
  band: string | null;
  risk: string | null;
  course_id: string | null;
  completed_at: string;
  recorded_by: string;
}

/** MHS-2: a therapy course: a group with its facilitators, or individual work. */
export interface MhCourseTable {
  id: string;
  institution_id: string;
  intervention: string;
  mode: string;
  title: string;
  facilitator_ids: string;
  capacity: number;
  planned_sessions: number;
  starts_on: string;
  created_by: string;
  created_at: string;
  version: number;
}

/** MHS-2: a person's place in a course with their goal. */
export interface MhEnrolmentTable {
  id: string;
  course_id: string;
  person_id: string;
  institution_id: string;
  goal: string;
  enrolled_at: string;
  enrolled_by: string;
}

/** MHS-2: a session held, its note restricted. */
export interface MhSessionTable {
  id: string;
  course_id: string;
  institution_id: string;
  held_at: string;
  duration_minutes: number;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** MHS-2, MHT-3: each enrolled person's attendance at a session, coded. */
export interface MhAttendanceTable {
  id: string;
  session_id: string;
  enrolment_id: string;
  person_id: string;
  code: string;
  measure_taken: number;
}

export interface MentalhealthTables {
  mh_instrument: MhInstrumentTable;
  mh_referral: MhReferralTable;
  mh_assessment: MhAssessmentTable;
  mh_transfer: MhTransferTable;
  mh_response: MhResponseTable;
  mh_course: MhCourseTable;
  mh_enrolment: MhEnrolmentTable;
  mh_session: MhSessionTable;
  mh_attendance: MhAttendanceTable;
}
