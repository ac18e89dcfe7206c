/** The hunger-strike module's tables (migration 0039; ADR 0042). Booleans are integer 0/1, JSON is text. */
export interface HungerStrikeEpisodeTable {
  id: string;
  person_id: string;
  institution_id: string;
  started_at: string;
  type: string;
  collective: number;
  /** The episodes of one collective strike share it (the first episode's id). */
  collective_group_id: string | null;
  stated_aim: string | null;
  /** HUN-2: the latest physician's assessment, null before the first. */
  capacity: string | null;
  /** HUN-2: the mental-health referral task opened when capacity is impaired. */
  referral_task_id: string | null;
  ended_at: string | null;
  end_manner: string | null;
  ended_by: string | null;
  opened_by: string;
  recorded_at: string;
  version: number;
}

/** An append-only entry of an episode: its kind and its content as JSON. */
export interface HungerStrikeEntryTable {
  id: string;
  episode_id: string;
  kind: string;
  at: string;
  data: string;
  recorded_by: string;
  recorded_at: string;
}

/** HUN-5: one day's record: the offer of assessment, weight and vital signs, each done or refused. */
export interface HungerStrikeDayTable {
  id: string;
  episode_id: string;
  day: string;
  offered_at: string;
  assessment: string;
  weight_status: string | null;
  weight_kg: number | null;
  vitals_status: string | null;
  pulse: number | null;
  systolic: number | null;
  diastolic: number | null;
  temperature: number | null;
  fluids_taken: number | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** HUN-10: one step of the refeeding protocol, a task with its due time. */
export interface HungerRefeedingStepTable {
  id: string;
  episode_id: string;
  institution_id: string;
  person_id: string;
  kind: string;
  due_at: string;
  done_at: string | null;
  done_by: string | null;
  note: string | null;
}

export interface HungerstrikeTables {
  hunger_strike_episode: HungerStrikeEpisodeTable;
  hunger_strike_entry: HungerStrikeEntryTable;
  hunger_strike_day: HungerStrikeDayTable;
  hunger_refeeding_step: HungerRefeedingStepTable;
}
