import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.ts';
import * as m0002 from './0002_identity.ts';
import * as m0003 from './0003_audit.ts';
import * as m0004 from './0004_registry.ts';
import * as m0005 from './0005_break_glass.ts';
import * as m0006 from './0006_person_photo.ts';
import * as m0007 from './0007_clinical.ts';
import * as m0008 from './0008_registry_structure.ts';
import * as m0009 from './0009_registry_indexes.ts';
import * as m0011 from './0011_restraint.ts';
import * as m0012 from './0012_clinical_indexes.ts';
import * as m0013 from './0013_clinical_correction_kind.ts';
import * as m0014 from './0014_restraint_indexes.ts';
import * as m0015 from './0015_restraint_supervision_position.ts';
import * as m0016 from './0016_restraint_corrections_partial_index.ts';
import * as m0017 from './0017_restraint_open_episode.ts';
import * as m0018 from './0018_identity_hardening.ts';
import * as m0019 from './0019_idempotency_request_hash.ts';
import * as m0020 from './0020_observation_checks.ts';

/**
 * Every migration, in order. Listed in code, not read from a folder (Kysely's file provider breaks
 * under Vitest and in the bundled server). Forward-only: a migration once landed is never edited;
 * a change is a new migration. Each must run identically on SQLite and PostgreSQL.
 */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_identity': m0002,
  '0003_audit': m0003,
  '0004_registry': m0004,
  '0005_break_glass': m0005,
  '0006_person_photo': m0006,
  '0007_clinical': m0007,
  '0008_registry_structure': m0008,
  '0009_registry_indexes': m0009,
  '0011_restraint': m0011,
  '0012_clinical_indexes': m0012,
  '0013_clinical_correction_kind': m0013,
  '0014_restraint_indexes': m0014,
  '0015_restraint_supervision_position': m0015,
  '0016_restraint_corrections_partial_index': m0016,
  '0017_restraint_open_episode': m0017,
  '0018_identity_hardening': m0018,
  '0019_idempotency_request_hash': m0019,
  '0020_observation_checks': m0020,
};
