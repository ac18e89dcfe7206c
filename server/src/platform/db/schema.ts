/**
 * The tables, as Kysely sees them. Portable types only (ADR 0002): ids are UUIDv7 text, instants
 * ISO-8601 UTC text, calendar dates YYYY-MM-DD text, booleans integer 0/1, JSON as text.
 * The platform keeps its own few tables here; each module declares its tables in its own `tables.ts`,
 * listed once in `server/src/tables.ts` (ADR 0020).
 */
import type { ModuleTables } from '../../tables.ts';

export interface SystemSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  /** What the key was used for (route and subject): the same key elsewhere is a conflict. */
  scope: string;
  /** SHA-256 of the request body in canonical JSON (null for keys stored before it was kept). */
  request_hash: string | null;
  response: string;
  created_at: string;
}

export interface PlatformTables {
  system_setting: SystemSettingTable;
  idempotency_key: IdempotencyKeyTable;
}

export interface Database extends PlatformTables, ModuleTables {}
