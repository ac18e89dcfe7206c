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

export interface UserAccountTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: number;
  language: string;
  staff_id: string | null;
  failed_attempts: number;
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

export interface Database {
  system_setting: SystemSettingTable;
  user_account: UserAccountTable;
  user_role: UserRoleTable;
  user_institution: UserInstitutionTable;
  recovery_code: RecoveryCodeTable;
  user_session: UserSessionTable;
  audit_event: AuditEventTable;
}
