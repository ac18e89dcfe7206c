/** The self-harm module's tables (migration 0038; ADR 0041). */
export interface SelfharmPlanTable {
  id: string;
  person_id: string;
  institution_id: string;
  context: string;
  seen_or_heard: string;
  immediate_action: string;
  raised_at: string;
  raised_by: string;
  recorded_at: string;
  assessed_at: string | null;
  assessed_by: string | null;
  /** Clinical: the assessment narrative (health roles only). */
  assessment: string | null;
  /** Clinical: the working diagnosis (health roles only). */
  working_diagnosis: string | null;
  first_review_at: string | null;
  risk_level: string | null;
  mode: string | null;
  interval_minutes: number | null;
  observer_name: string | null;
  conversations_per_day: number | null;
  observation_since: string | null;
  /** JSON: the care map the last review set, its actions with their source and done date. */
  care_map: string | null;
  next_review_at: string | null;
  last_check_at: string | null;
  closed_at: string | null;
  post_closure_due_at: string | null;
  post_closure_done_at: string | null;
  post_closure_outcome: string | null;
  post_closure_note: string | null;
  version: number;
}

export interface SelfharmReviewTable {
  id: string;
  plan_id: string;
  reviewed_at: string;
  first: number;
  participants: string;
  decision: string;
  risk_level: string;
  mode: string;
  interval_minutes: number;
  observer_name: string | null;
  exception_reason: string | null;
  conversations_per_day: number;
  care_map: string;
  next_review_at: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface SelfharmCheckTable {
  id: string;
  plan_id: string;
  institution_id: string;
  checked_at: string;
  seen: string;
  conversation: number;
  late: number;
  recorded_by: string;
  recorded_at: string;
}

export interface SelfharmIncidentTable {
  id: string;
  plan_id: string;
  kind: string;
  occurred_at: string;
  description: string;
  recorded_by: string;
  recorded_at: string;
  reviewed_at: string | null;
  findings: string | null;
  reviewed_by: string | null;
}

export interface SelfharmPromptTable {
  id: string;
  person_id: string;
  institution_id: string;
  moment: string;
  source_id: string;
  occurred_at: string;
  due_at: string;
  done_at: string | null;
  done_by: string | null;
}

/** MHS-4: bad news a person received, coded (migration 0048; ADR 0051). */
export interface SelfharmBadNewsTable {
  id: string;
  person_id: string;
  institution_id: string;
  kind: string;
  received_at: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface SelfharmTables {
  selfharm_bad_news: SelfharmBadNewsTable;
  selfharm_plan: SelfharmPlanTable;
  selfharm_review: SelfharmReviewTable;
  selfharm_check: SelfharmCheckTable;
  selfharm_incident: SelfharmIncidentTable;
  selfharm_prompt: SelfharmPromptTable;
}
