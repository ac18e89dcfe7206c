import {
  type Administration,
  type DoseForm,
  type DoseUnit,
  type Drug,
  type MedicationProgramme,
  type MedicationRoute,
  type Prescription,
  prescriptionExpired,
} from '@custodia/domain';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { AuditAction, AuditService } from '../audit/index.ts';
import type { Viewer } from '../identity/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type {
  MedicationAdministrationTable,
  MedicationDrugTable,
  MedicationPrescriptionTable,
} from './tables.ts';

/** The formulary row as the API shows it. */
export function drugView(r: MedicationDrugTable): Drug {
  return {
    id: r.id,
    code: r.code,
    inn: r.inn,
    names: { az: r.name_az, en: r.name_en, ru: r.name_ru },
    strength: r.strength,
    form: r.form as DoseForm,
    route: r.route as MedicationRoute,
    atcCode: r.atc_code,
    highRisk: r.high_risk === 1,
    programme: r.programme as MedicationProgramme | null,
    supervisedOnly: r.supervised_only === 1,
    observeAfter: r.observe_after === 1,
  };
}

/** A prescription version as the API shows it. */
export function prescriptionView(
  r: MedicationPrescriptionTable,
  drug: MedicationDrugTable,
  now: Date,
  names: Map<string, string>,
): Prescription {
  return {
    id: r.prescription_id,
    version: r.version,
    action: r.action as Prescription['action'],
    personId: r.person_id,
    drug: drugView(drug),
    dose: Number(r.dose),
    doseUnit: r.dose_unit as DoseUnit,
    route: r.route as MedicationRoute,
    frequency: r.frequency as Prescription['frequency'],
    timesOfDay: JSON.parse(r.times_of_day) as string[],
    everyHours: r.every_hours,
    frequencyPerDay: Number(r.frequency_per_day),
    prn: r.prn === 1,
    prnCondition: r.prn_condition,
    prnMinIntervalHours: r.prn_min_interval_hours === null ? null : Number(r.prn_min_interval_hours),
    prnMaxPerDay: r.prn_max_per_day,
    delivery: r.delivery as Prescription['delivery'],
    riskAssessment: r.risk_assessment,
    reviewDate: r.review_date,
    startAt: r.start_at,
    endAt: r.end_at,
    expired: prescriptionExpired(r.end_at, now),
    indication: r.indication,
    status: r.status as Prescription['status'],
    statusSince: r.status_since,
    statusReason: r.status_reason,
    allergyOverrideReason: r.allergy_override_reason,
    replacesId: r.replaces_id,
    prescriberName: names.get(r.prescriber_id) ?? null,
    createdAt: r.created_at,
  };
}

export function administrationView(
  r: MedicationAdministrationTable,
  drugName: string,
  doseUnit: string,
  names: Map<string, string>,
): Administration {
  return {
    id: r.id,
    prescriptionId: r.prescription_id,
    drugName,
    dueAt: r.due_at,
    givenAt: r.given_at,
    outcome: r.outcome as Administration['outcome'],
    reason: r.reason as Administration['reason'],
    note: r.note,
    doseGiven: r.dose_given === null ? null : Number(r.dose_given),
    doseUnit: doseUnit as DoseUnit,
    mouthCheck: r.mouth_check === 1,
    recordedByName: names.get(r.recorded_by) ?? null,
    recordedAt: r.recorded_at,
  };
}

/** The drug rows by id, in one query. */
export async function drugsById(executor: Executor, ids: readonly string[]) {
  if (!ids.length) return new Map<string, MedicationDrugTable>();
  const rows = await executor
    .selectFrom('medication_drug')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * MED-1, MED-3: a person's medication is read only by health staff who reach the person (404
 * otherwise, like a missing one), and every read or write leaves an audit record in the same
 * transaction — with purpose `break_glass` when reached only through an emergency grant.
 */
export function personAccess(registry: RegistryService, audit: AuditService) {
  return async function access(
    tx: Tx,
    viewer: Viewer,
    actor: Parameters<AuditService['record']>[1],
    personId: string,
    entry: { action: AuditAction; resourceType: string; resourceId?: string | null },
  ) {
    const person = await registry.personForViewer(tx, viewer, personId);
    await audit.record(tx, actor, {
      action: entry.action,
      dataClass: 'clinical',
      outcome: 'allowed',
      purpose: registry.inNormalScope(viewer, person) ? 'normal' : 'break_glass',
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? personId,
      personId,
    });
    return person;
  };
}
