/** The blood-borne tables (migration 0045; ADR 0048). */
export interface ProgrammeBbvOfferTable {
  id: string;
  person_id: string;
  institution_id: string;
  occasion: string;
  due_on: string;
  status: string;
  offered_on: string | null;
  offered_by: string | null;
  /** JSON array of the offered tests accepted. */
  tests: string;
  pre_test_counselling: number;
  note: string | null;
  created_at: string;
  recorded_at: string | null;
}

export interface ProgrammeBbvTestTable {
  id: string;
  person_id: string;
  institution_id: string;
  offer_id: string | null;
  episode_id: string | null;
  test: string;
  sample_on: string;
  ordered_by: string;
  ordered_at: string;
  result_on: string | null;
  result: string | null;
  value: number | null;
  note: string | null;
  resulted_by: string | null;
  resulted_at: string | null;
  post_counselled_on: string | null;
  post_counselled_by: string | null;
  reviewed_at: string | null;
}

export interface ProgrammesBbvTables {
  programme_bbv_offer: ProgrammeBbvOfferTable;
  programme_bbv_test: ProgrammeBbvTestTable;
}

/** The STI risk assessments (migration 0050; ADR 0054). */
export interface ProgrammeStiAssessmentTable {
  id: string;
  person_id: string;
  institution_id: string;
  due_on: string;
  /** pending, accepted, refused, not_indicated. */
  status: string;
  assessed_on: string | null;
  assessed_by: string | null;
  /** JSON array of the risks (asked and derived). */
  risks: string;
  /** JSON array of the NAAT tests ordered. */
  tests: string;
  pre_test_counselling: number;
  note: string | null;
  created_at: string;
  recorded_at: string | null;
}

/** A treatment given for a detected chlamydia or gonorrhoea result (migration 0050; ADR 0054). */
export interface ProgrammeStiTreatmentTable {
  id: string;
  person_id: string;
  institution_id: string;
  test_id: string;
  infection: string;
  regimen_code: string;
  given_on: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface ProgrammesStiTables {
  programme_sti_assessment: ProgrammeStiAssessmentTable;
  programme_sti_treatment: ProgrammeStiTreatmentTable;
}
