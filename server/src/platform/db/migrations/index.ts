import type { Migration } from 'kysely';
import { serverModules } from '../../../modules.ts';
import { mergeMigrations } from '../../module.ts';

/**
 * Every migration: the platform's and each module's, merged from the list of modules (ADR 0020).
 * Listed in code, not read from a folder (Kysely's file provider breaks under Vitest and in the
 * bundled server). Kysely applies them in the order of their names, whichever module declares them,
 * so a name once landed never changes (databases have it recorded). Forward-only: a migration once
 * landed is never edited; a change is a new migration. Each must run identically on SQLite and
 * PostgreSQL. A function, read when migrating: the module list imports the platform, not the reverse
 * at load time.
 */
export const migrations = (): Record<string, Migration> => mergeMigrations(serverModules);
