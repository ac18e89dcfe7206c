import type { AuditTables } from './modules/audit/tables.ts';
import type { ClinicalTables } from './modules/clinical/tables.ts';
import type { DeathsTables } from './modules/deaths/tables.ts';
import type { ForceTables } from './modules/force/tables.ts';
import type { HungerstrikeTables } from './modules/hungerstrike/tables.ts';
import type { IdentityTables } from './modules/identity/tables.ts';
import type { InjuriesTables } from './modules/injuries/tables.ts';
import type { MedicationTables } from './modules/medication/tables.ts';
import type { MentalhealthTables } from './modules/mentalhealth/tables.ts';
import type { ProgrammesTables } from './modules/programmes/tables.ts';
import type { RegistryTables } from './modules/registry/tables.ts';
import type { RequestsTables } from './modules/requests/tables.ts';
import type { RestraintTables } from './modules/restraint/tables.ts';
import type { SegregationTables } from './modules/segregation/tables.ts';
import type { SelfharmTables } from './modules/selfharm/tables.ts';

/**
 * Every module's tables, as the database type sees them (`platform/db/schema.ts`; ADR 0020). A new
 * module adds its `…Tables` here, as it adds its descriptor to `modules.ts`. Kept apart from the module
 * list so that the database type does not pull in every module's code.
 */
export interface ModuleTables
  extends IdentityTables,
    AuditTables,
    RegistryTables,
    ClinicalTables,
    RestraintTables,
    SegregationTables,
    MedicationTables,
    ForceTables,
    DeathsTables,
    RequestsTables,
    InjuriesTables,
    MentalhealthTables,
    HungerstrikeTables,
    SelfharmTables,
    ProgrammesTables {}
