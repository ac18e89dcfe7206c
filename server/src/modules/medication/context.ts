import type { Clock } from '@custodia/domain';
import type { Db } from '../../platform/db/database.ts';
import type { AuditService } from '../audit/index.ts';
import type { ClinicalServices, ScreeningService } from '../clinical/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';

/** What every use case of the medication module is built with. */
export interface MedicationContext {
  db: Db;
  clock: Clock;
  audit: AuditService;
  registry: RegistryService;
  identity: IdentityService;
  /** The medical record: the person's recorded allergies (the allergy check). */
  clinical: Pick<ClinicalServices['clinical'], 'allergySubstances'>;
  /** The deployment's zone: due times and days are in it (Asia/Baku for the pilots). */
  timeZone: string;
  /** The rule-threshold values in force for an institution (X-1, X-4; ADR 0045). */
  thresholds: ScreeningService['thresholdValues'];
}

/** The medication module's name for `ruleRefused` (ADR 0021): the generic code, the rule in the fields. */
export const medicationRules = {
  message: 'The medication rules do not allow this; see the field errors.',
} as const;
