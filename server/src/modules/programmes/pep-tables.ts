/** The tables of post-exposure prophylaxis and hepatitis B vaccination (migration 0046; ADR 0049). */

export interface ProgrammePepTable {
  id: string;
  person_id: string;
  institution_id: string;
  exposed_at: string;
  exposure_type: string;
  source_status: string;
  description: string | null;
  reported_by: string;
  reported_at: string;
  first_dose_at: string | null;
  regimen_code: string | null;
  late_reason: string | null;
  /** JSON array of the medication prescriptions of the course. */
  prescription_ids: string | null;
  started_by: string | null;
  closure: string | null;
  closed_on: string | null;
  closure_note: string | null;
  version: number;
}

export interface ProgrammePepFollowupTable {
  id: string;
  pep_id: string;
  person_id: string;
  institution_id: string;
  timepoint: string;
  due_on: string;
  done_on: string | null;
  hiv: string | null;
  hbv: string | null;
  hcv: string | null;
  recorded_by: string | null;
  recorded_at: string | null;
}

export interface ProgrammeHepbCourseTable {
  id: string;
  person_id: string;
  institution_id: string;
  schedule: string;
  immunity: string;
  decision: string;
  offered_on: string;
  note: string | null;
  /** The next dose's due date, kept with every dose for the worklist (null: complete or declined). */
  next_due_on: string | null;
  complete: number;
  created_by: string;
  created_at: string;
}

export interface ProgrammeHepbDoseTable {
  id: string;
  course_id: string;
  person_id: string;
  dose_number: number;
  outcome: string;
  given_on: string;
  batch: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface PepTables {
  programme_pep: ProgrammePepTable;
  programme_pep_followup: ProgrammePepFollowupTable;
  programme_hepb_course: ProgrammeHepbCourseTable;
  programme_hepb_dose: ProgrammeHepbDoseTable;
}
