/**
 * The tables, as Kysely sees them. Portable types only (ADR 0002): ids are UUIDv7 text, instants
 * ISO-8601 UTC text, calendar dates YYYY-MM-DD text, booleans integer 0/1, JSON as text.
 * Each module adds its own tables here, under its own name prefix.
 */
export interface SystemSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  system_setting: SystemSettingTable;
}
