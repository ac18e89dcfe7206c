/** The segregation module's tables (migration 0030; ADR 0033). */
export interface SegregationPlacementTable {
  id: string;
  person_id: string;
  institution_id: string;
  kind: string;
  reason: string;
  offence_reference: string | null;
  cell_id: string | null;
  started_at: string;
  planned_end_at: string;
  /** SEG-4, MHS-7: the director's reason for placing a protected person. */
  override_reason: string | null;
  decided_by: string;
  recorded_at: string;
  ended_at: string | null;
  end_reason: string | null;
  ended_by: string | null;
  ended_recorded_at: string | null;
  version: number;
}

interface Entry {
  id: string;
  placement_id: string;
  recorded_by: string;
  recorded_at: string;
}

/** SEG-1, SEG-9, SEG-10: one day of a separated person. */
export interface SegregationDayTable extends Entry {
  day: string;
  out_of_cell_minutes: number;
  outdoor_minutes: number;
  contact_minutes: number;
}

/** SEG-5, SEG-7: a clinician's visit; `seen`, `adverse_effect` and `note` are clinical (MED-1). */
export interface SegregationHealthVisitTable extends Entry {
  at: string;
  seen: number;
  adverse_effect: number;
  note: string | null;
}

/** SEG-8. */
export interface SegregationManagementVisitTable extends Entry {
  at: string;
  note: string | null;
}

/** SEG-7, SEG-11. */
export interface SegregationDecisionTable extends Entry {
  at: string;
  kind: string;
  outcome: string;
  reason: string;
}

export interface SegregationTables {
  segregation_placement: SegregationPlacementTable;
  segregation_day: SegregationDayTable;
  segregation_health_visit: SegregationHealthVisitTable;
  segregation_management_visit: SegregationManagementVisitTable;
  segregation_decision: SegregationDecisionTable;
}
