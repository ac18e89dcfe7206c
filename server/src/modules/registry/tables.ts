/**
 * The registry module's tables, as Kysely sees them. Portable types only (ADR 0002): ids are UUIDv7 text,
 * instants ISO-8601 UTC text, calendar dates YYYY-MM-DD text, booleans integer 0/1, JSON as text.
 */

export interface InstitutionTable {
  id: string;
  code: string;
  name_az: string;
  name_en: string;
  name_ru: string;
  kind: string;
  population_sex: string;
  capacity: number;
  time_zone: string;
  version: number;
  created_at: string;
}

export interface UnitTable {
  id: string;
  institution_id: string;
  code: string;
  name: string;
  /** Optimistic concurrency (migration 0008). */
  version: number;
}

export interface CellTable {
  id: string;
  unit_id: string;
  institution_id: string;
  code: string;
  cell_type: string;
  certified_capacity: number;
  floor_area_m2: number;
  /** Optimistic concurrency (migration 0008). */
  version: number;
  /** SEG-12 (migration 0036): `adequate`, `no_natural_light` or `constantly_lit`; since when and why. */
  lighting: string;
  lighting_since: string | null;
  lighting_reason: string | null;
}

/** SEG-12: every change of a cell's lighting, never updated (migration 0036). */
export interface CellLightingChangeTable {
  id: string;
  cell_id: string;
  institution_id: string;
  lighting: string;
  since: string;
  reason: string;
  recorded_by: string | null;
  recorded_at: string;
}

export interface PersonTable {
  id: string;
  prison_number: string;
  surname_latin: string | null;
  given_name_latin: string | null;
  patronymic_latin: string | null;
  surname_cyrillic: string | null;
  given_name_cyrillic: string | null;
  patronymic_cyrillic: string | null;
  name_key: string;
  birth_date: string;
  sex: string;
  gender_identity: string | null;
  citizenship: string;
  language: string;
  interpreter_needed: number;
  national_id: string | null;
  status: string;
  institution_id: string | null;
  cell_id: string | null;
  status_since: string | null;
  destination_institution_id: string | null;
  legal_status: string | null;
  admitted_at: string | null;
  /** The planned release date of the current custody (migration 0047), YYYY-MM-DD; null when unknown. */
  planned_release_date: string | null;
  version: number;
  created_at: string;
}

export interface PersonNameTokenTable {
  token: string;
  person_id: string;
  /** A copy of the person's `name_key`, kept by triggers (migration 0009): search reads in name order. */
  name_key: string | null;
}

export interface CustodyEventTable {
  id: string;
  person_id: string;
  type: string;
  occurred_at: string;
  recorded_at: string;
  recorded_by: string | null;
  institution_id: string | null;
  cell_id: string | null;
  destination_institution_id: string | null;
  absence_kind: string | null;
  legal_status: string | null;
  returned_from_police: number | null;
  corrects_event_id: string | null;
  note: string | null;
  data: string | null;
}

export interface StaffMemberTable {
  id: string;
  institution_id: string;
  full_name: string;
  sex: string;
  position: string;
  user_id: string | null;
  active: number;
  version: number;
  created_at: string;
  /** RST-8: restraint training valid until this date (migration 0011), until the training module. */
  restraint_trained_until?: string | null;
}

/** A person's photo: the bytes are in the file storage; a new photo is a new row (history kept). */
export interface PersonPhotoTable {
  id: string;
  person_id: string;
  storage_key: string;
  sha256: string;
  content_type: string;
  size_bytes: number;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface RegistryTables {
  institution: InstitutionTable;
  unit: UnitTable;
  cell: CellTable;
  cell_lighting_change: CellLightingChangeTable;
  person: PersonTable;
  person_name_token: PersonNameTokenTable;
  custody_event: CustodyEventTable;
  staff_member: StaffMemberTable;
  person_photo: PersonPhotoTable;
}
