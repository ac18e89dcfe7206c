/** The injuries module's tables (migration 0032; ADR 0035). Booleans are integer 0/1, JSON is text. */
export interface InjuryRecordTable {
  id: string;
  person_id: string;
  institution_id: string;
  context: string;
  /** The use-of-force incident, complaint or admission screening it answers (stored as given). */
  source_id: string | null;
  examined_at: string;
  persons_present: string;
  interpreter: string | null;
  out_of_hearing_and_sight: number;
  presence_reason: string | null;
  /** INJ-1 (i): the account as JSON (text, allegation, who, when, where, how). */
  account: string;
  allegation: number;
  no_injuries_seen: number;
  conclusion: string;
  suggests_ill_treatment: number;
  cause: string;
  tests_and_treatment: string | null;
  report_required: number;
  /** INJ-9: the clinician held Istanbul Protocol training on the day. */
  clinician_trained: number;
  clinician_id: string;
  clinician_name: string;
  signed_at: string;
  content_hash: string;
}

export interface InjuryLesionTable {
  id: string;
  record_id: string;
  position: number;
  view: string;
  region: string;
  x: number | null;
  y: number | null;
  type: string;
  length_cm: number | null;
  width_cm: number | null;
  colour: string | null;
  shape: string | null;
  estimated_age: string;
  description: string | null;
  /** 1 when taken from the admission screening's body chart (not retyped). */
  from_screening: number;
}

export interface InjuryAmendmentTable {
  id: string;
  record_id: string;
  reason: string;
  text: string;
  author_id: string;
  author_name: string;
  created_at: string;
}

export interface InjurySecondReviewTable {
  id: string;
  record_id: string;
  agrees: number;
  note: string;
  reviewer_id: string;
  reviewer_name: string;
  reviewed_at: string;
}

export interface InjuryPhotoConsentTable {
  id: string;
  record_id: string;
  consent: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface InjuryPhotoTable {
  id: string;
  record_id: string;
  storage_key: string;
  sha256: string;
  content_type: string;
  size_bytes: number;
  scale_in_frame: number;
  taken_at: string;
  uploaded_by: string;
}

export interface InjuryReportTable {
  id: string;
  record_id: string;
  person_id: string;
  institution_id: string;
  recipient_kind: string;
  recipient_name: string;
  recipient_address: string;
  language: string;
  sent_at: string;
  channel: string;
  reference: string;
  person_objected: number;
  objection: string | null;
  person_informed_at: string | null;
  reprisal_risk: number;
  recorded_by: string;
  recorded_at: string;
}

export interface InjuryReportEventTable {
  id: string;
  report_id: string;
  /** reply | reprisal_review | withdrawal_refused */
  kind: string;
  at: string;
  text: string;
  risk_continues: number | null;
  recorded_by: string;
  recorded_at: string;
}

export interface InjuryCopyTable {
  id: string;
  record_id: string;
  requested_by: string;
  requester_name: string | null;
  requested_at: string;
  handed_at: string;
  recorded_by: string;
}

export interface InjuryRecipientTable {
  id: string;
  institution_id: string;
  kind: string;
  name: string;
  address: string;
  language: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface InjuryTrainingTable {
  id: string;
  user_id: string;
  trained_until: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface InjuriesTables {
  injury_record: InjuryRecordTable;
  injury_lesion: InjuryLesionTable;
  injury_amendment: InjuryAmendmentTable;
  injury_second_review: InjurySecondReviewTable;
  injury_photo_consent: InjuryPhotoConsentTable;
  injury_photo: InjuryPhotoTable;
  injury_report: InjuryReportTable;
  injury_report_event: InjuryReportEventTable;
  injury_copy: InjuryCopyTable;
  injury_recipient: InjuryRecipientTable;
  injury_training: InjuryTrainingTable;
}
