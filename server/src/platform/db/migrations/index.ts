import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.ts';

/**
 * Every migration, in order. Listed in code, not read from a folder (Kysely's file provider breaks
 * under Vitest and in the bundled server). Forward-only: a migration once landed is never edited;
 * a change is a new migration. Each must run identically on SQLite and PostgreSQL.
 */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
};
