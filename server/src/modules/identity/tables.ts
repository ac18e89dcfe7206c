/**
 * The identity module's tables, as Kysely sees them. Portable types only (ADR 0002): ids are UUIDv7 text,
 * instants ISO-8601 UTC text, calendar dates YYYY-MM-DD text, booleans integer 0/1, JSON as text.
 */

export interface UserAccountTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: number;
  language: string;
  staff_id: string | null;
  failed_attempts: number;
  /** Wrong second-factor codes since the last accepted one (counted apart from wrong passwords). */
  code_failed_attempts: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  must_change_password: number;
  password_changed_at: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface UserInstitutionTable {
  user_id: string;
  institution_id: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface UserSessionTable {
  id: string;
  user_id: string;
  stage: 'two_factor' | 'active';
  csrf_token: string;
  clinical: number;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  end_reason: string | null;
  client_address: string | null;
}

export interface BreakGlassTable {
  id: string;
  user_id: string;
  /** Null when the prison number asked for belongs to no one (recorded all the same). */
  person_id: string | null;
  prison_number: string;
  reason: string;
  started_at: string;
  /** Equal to `started_at` for a request refused over the daily cap: it opened nothing. */
  expires_at: string;
  /** 1 when the request was over the user's daily cap: refused, and flagged for review. */
  over_limit: number;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
}

export interface IdentityTables {
  user_account: UserAccountTable;
  user_role: UserRoleTable;
  user_institution: UserInstitutionTable;
  recovery_code: RecoveryCodeTable;
  user_session: UserSessionTable;
  break_glass: BreakGlassTable;
}
