/**
 * The audit module's tables, as Kysely sees them. Portable types only (ADR 0002): ids are UUIDv7 text,
 * instants ISO-8601 UTC text, calendar dates YYYY-MM-DD text, booleans integer 0/1, JSON as text.
 */

export interface AuditEventTable {
  seq: number;
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  person_id: string | null;
  data_class: string;
  purpose: string;
  outcome: string;
  client_address: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditTables {
  audit_event: AuditEventTable;
}
