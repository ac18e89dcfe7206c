import type { ProgrammesBbvTables, ProgrammesStiTables } from './bbv-tables.ts';
import type { PepTables } from './pep-tables.ts';

/** The programmes module's tables (issue 16; ADR 0044). Dates `YYYY-MM-DD`, instants ISO UTC, JSON as text. */

export interface ProgrammeEpisodeTable {
  id: string;
  programme: string;
  person_id: string;
  institution_id: string;
  source: string;
  presumed_on: string;
  status: string;
  register_number: string | null;
  category: string | null;
  bacteriology: string | null;
  site: string | null;
  resistance: string | null;
  diagnosed_on: string | null;
  registered_on: string | null;
  regimen_code: string | null;
  treatment_start_on: string | null;
  treatment_months: number | null;
  /** ADR 0048: a fixed course's length in weeks (DAA); null otherwise. */
  treatment_weeks: number | null;
  /** JSON array of the medication prescriptions of the regimen. */
  prescription_ids: string | null;
  outcome: string | null;
  outcome_on: string | null;
  failure_reason: string | null;
  isolation_ended_on: string | null;
  isolation_end_reason: string | null;
  previous_episode_id: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
  version: number;
}

export interface ProgrammeTestTable {
  id: string;
  episode_id: string;
  person_id: string;
  test: string;
  purpose: string;
  specimen: string | null;
  sample_on: string;
  ordered_by: string;
  ordered_at: string;
  result_on: string | null;
  result: string | null;
  rifampicin: string | null;
  dst: string | null;
  note: string | null;
  resulted_by: string | null;
  resulted_at: string | null;
  reviewed_at: string | null;
}

export interface ProgrammeScreenTable {
  id: string;
  person_id: string;
  institution_id: string;
  method: string;
  occasion: string;
  screened_on: string;
  result: string;
  symptoms: string;
  note: string | null;
  episode_id: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface ProgrammeTaskTable {
  id: string;
  programme: string;
  kind: string;
  person_id: string;
  institution_id: string;
  due_on: string;
  source_id: string | null;
  opened_at: string;
  done_on: string | null;
  done_by: string | null;
  note: string | null;
}

export interface ProgrammeContactInvestigationTable {
  id: string;
  episode_id: string;
  person_id: string;
  institution_id: string;
  window_from: string;
  window_to: string;
  opened_by: string;
  opened_at: string;
}

export interface ProgrammeContactTable {
  id: string;
  investigation_id: string;
  person_id: string;
  setting: string;
  overlap_from: string;
  overlap_to: string;
  task_id: string | null;
  screened_on: string | null;
  outcome: string | null;
  note: string | null;
  recorded_by: string | null;
}

export interface ProgrammeCounterTable {
  institution_id: string;
  programme: string;
  year: number;
  last: number;
}

export interface ProgrammeRegimenTable {
  code: string;
  programme: string;
  name: string;
  grp: string;
  phases: string;
  active: number;
  updated_at: string;
}

/** PHC-9 (ADR 0057): a staff member's TB screening (occupational health). */
export interface ProgrammeStaffScreenTable {
  id: string;
  staff_id: string;
  institution_id: string;
  screened_on: string;
  method: string;
  result: string;
  recorded_by: string;
  recorded_at: string;
}

export interface ProgrammesTables extends PepTables, ProgrammesBbvTables, ProgrammesStiTables {
  programme_episode: ProgrammeEpisodeTable;
  programme_test: ProgrammeTestTable;
  programme_screen: ProgrammeScreenTable;
  programme_task: ProgrammeTaskTable;
  programme_contact_investigation: ProgrammeContactInvestigationTable;
  programme_contact: ProgrammeContactTable;
  programme_counter: ProgrammeCounterTable;
  programme_regimen: ProgrammeRegimenTable;
  programme_staff_screen: ProgrammeStaffScreenTable;
}
