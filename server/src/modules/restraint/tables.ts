/**
 * The restraint module's tables, as Kysely sees them. Portable types only (ADR 0002): ids are UUIDv7 text,
 * instants ISO-8601 UTC text, calendar dates YYYY-MM-DD text, booleans integer 0/1, JSON as text.
 */

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

/** The open episodes (migration 0017): kept by the restraint service beside the register. */
export interface RestraintOpenEpisodeTable {
  episode_id: string;
  institution_id: string;
  person_id: string;
}

export interface RestraintPolicyTable {
  id: string;
  institution_id: string;
  version: number;
  text: string;
  created_by: string;
  created_at: string;
}

export interface RestraintTables {
  restraint_episode: RestraintEpisodeTable;
  restraint_event: RestraintEventTable;
  restraint_open_episode: RestraintOpenEpisodeTable;
  restraint_policy: RestraintPolicyTable;
}
