import type { FhirResource, FhirResourceType } from '../../platform/contributions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { medicationDispenseResource } from './pharmacy/fhir.ts';
import type {
  MedicationAdministrationTable,
  MedicationDrugTable,
  MedicationPrescriptionTable,
} from './tables.ts';
import { drugsById } from './views.ts';

/** Local code systems (URNs, like the clinical module's): routes, frequencies, not-given reasons. */
export const ROUTE_SYSTEM = 'urn:custodia:medication-route';
export const NOT_GIVEN_REASON_SYSTEM = 'urn:custodia:medication-not-given-reason';
export const DELIVERY_SYSTEM = 'urn:custodia:medication-delivery';
const ATC_SYSTEM = 'http://www.whocc.no/atc';
const UCUM = 'http://unitsofmeasure.org';
const SEARCH_LIMIT = 100;

const patientRef = (personId: string) => ({ reference: `Patient/${personId}` });

function medicationConcept(drug: MedicationDrugTable | undefined) {
  if (!drug) return { text: 'unknown' };
  return {
    ...(drug.atc_code ? { coding: [{ system: ATC_SYSTEM, code: drug.atc_code, display: drug.inn }] } : {}),
    text: `${drug.inn} ${drug.strength}`,
  };
}

/** FHIR R4 MedicationRequest status of a prescription's current version. */
function requestStatus(r: MedicationPrescriptionTable, now: Date) {
  if (r.status === 'stopped') return 'stopped';
  if (r.status === 'paused') return 'on-hold';
  return Date.parse(r.end_at) <= now.getTime() ? 'completed' : 'active';
}

/** A prescription (its current version) as a MedicationRequest (issue 15 item 9). */
export function toMedicationRequest(
  r: MedicationPrescriptionTable,
  drug: MedicationDrugTable | undefined,
  now: Date,
) {
  const times = JSON.parse(r.times_of_day) as string[];
  const timing =
    r.prn === 1
      ? undefined
      : r.frequency === 'every_n_hours'
        ? { repeat: { frequency: 1, period: r.every_hours ?? 24, periodUnit: 'h' } }
        : { repeat: { frequency: 1, period: 1, periodUnit: 'd', timeOfDay: times.map((t) => `${t}:00`) } };
  return {
    resourceType: 'MedicationRequest' as const,
    id: r.prescription_id,
    meta: { versionId: String(r.version), lastUpdated: r.created_at },
    status: requestStatus(r, now),
    ...(r.status_reason && r.status !== 'active' ? { statusReason: { text: r.status_reason } } : {}),
    intent: 'order',
    category: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category',
            code: 'inpatient',
          },
        ],
      },
    ],
    medicationCodeableConcept: medicationConcept(drug),
    subject: patientRef(r.person_id),
    authoredOn: r.created_at,
    reasonCode: [{ text: r.indication }],
    ...(r.replaces_id ? { priorPrescription: { reference: `MedicationRequest/${r.replaces_id}` } } : {}),
    dosageInstruction: [
      {
        ...(timing ? { timing } : {}),
        ...(r.prn === 1
          ? { asNeededCodeableConcept: { text: r.prn_condition ?? '' } }
          : { asNeededBoolean: false }),
        route: { coding: [{ system: ROUTE_SYSTEM, code: r.route }] },
        method: { coding: [{ system: DELIVERY_SYSTEM, code: r.delivery }] },
        doseAndRate: [{ doseQuantity: { value: Number(r.dose), unit: r.dose_unit } }],
        ...(r.prn === 1 && r.prn_max_per_day
          ? {
              maxDosePerPeriod: {
                numerator: { value: r.prn_max_per_day },
                denominator: { value: 24, unit: 'h', system: UCUM, code: 'h' },
              },
            }
          : {}),
      },
    ],
    dispenseRequest: { validityPeriod: { start: r.start_at, end: r.end_at } },
  };
}

/** A dose record as a MedicationAdministration: completed, or not-done with its coded reason. */
export function toMedicationAdministration(
  a: MedicationAdministrationTable,
  drug: MedicationDrugTable | undefined,
  doseUnit: string,
) {
  return {
    resourceType: 'MedicationAdministration' as const,
    id: a.id,
    status: a.outcome === 'not_given' ? 'not-done' : 'completed',
    ...(a.reason
      ? { statusReason: [{ coding: [{ system: NOT_GIVEN_REASON_SYSTEM, code: a.reason }] }] }
      : {}),
    medicationCodeableConcept: medicationConcept(drug),
    subject: patientRef(a.person_id),
    effectiveDateTime: a.given_at,
    request: { reference: `MedicationRequest/${a.prescription_id}` },
    ...(a.dose_given !== null ? { dosage: { dose: { value: Number(a.dose_given), unit: doseUnit } } } : {}),
    ...(a.note || a.outcome === 'given_partial'
      ? {
          note: [
            { text: [a.outcome === 'given_partial' ? 'Given in part.' : '', a.note ?? ''].join(' ').trim() },
          ],
        }
      : {}),
  };
}

async function requests(
  executor: Executor,
  where: { id?: string; personId?: string },
  count: number,
  now: Date,
) {
  let q = executor.selectFrom('medication_prescription').selectAll().where('current', '=', 1);
  if (where.id) q = q.where('prescription_id', '=', where.id);
  if (where.personId) q = q.where('person_id', '=', where.personId);
  const rows = await q.orderBy('created_at', 'desc').limit(Math.min(count, SEARCH_LIMIT)).execute();
  const drugs = await drugsById(
    executor,
    rows.map((r) => r.drug_id),
  );
  return rows.map((r) => toMedicationRequest(r, drugs.get(r.drug_id), now) as FhirResource);
}

async function administrations(executor: Executor, where: { id?: string; personId?: string }, count: number) {
  let q = executor.selectFrom('medication_administration').selectAll();
  if (where.id) q = q.where('id', '=', where.id);
  if (where.personId) q = q.where('person_id', '=', where.personId);
  const rows = await q.orderBy('given_at', 'desc').limit(Math.min(count, SEARCH_LIMIT)).execute();
  const versions = rows.length
    ? await executor
        .selectFrom('medication_prescription')
        .select(['prescription_id', 'drug_id', 'dose_unit'])
        .where('prescription_id', 'in', [...new Set(rows.map((r) => r.prescription_id))])
        .where('current', '=', 1)
        .execute()
    : [];
  const byId = new Map(versions.map((v) => [v.prescription_id, v]));
  const drugs = await drugsById(
    executor,
    versions.map((v) => v.drug_id),
  );
  return rows.map((r) => {
    const v = byId.get(r.prescription_id);
    return toMedicationAdministration(
      r,
      v ? drugs.get(v.drug_id) : undefined,
      v?.dose_unit ?? 'mg',
    ) as FhirResource;
  });
}

/**
 * MedicationRequest and MedicationAdministration, read by id and searched by patient through the
 * FHIR facade, which scopes and audits each read (ADR 0020).
 */
export function medicationFhirResources(clock: { now(): Date }): FhirResourceType[] {
  return [
    {
      type: 'MedicationRequest',
      async personOf(executor, id) {
        const row = await executor
          .selectFrom('medication_prescription')
          .select('person_id')
          .where('prescription_id', '=', id)
          .where('current', '=', 1)
          .executeTakeFirst();
        return row?.person_id;
      },
      async read(tx, id) {
        return (await requests(tx, { id }, 1, clock.now()))[0] ?? null;
      },
      search: (tx, personId, _reader, count) => requests(tx, { personId }, count, clock.now()),
    },
    {
      type: 'MedicationAdministration',
      async personOf(executor, id) {
        const row = await executor
          .selectFrom('medication_administration')
          .select('person_id')
          .where('id', '=', id)
          .executeTakeFirst();
        return row?.person_id;
      },
      async read(tx, id) {
        return (await administrations(tx, { id }, 1))[0] ?? null;
      },
      search: (tx, personId, _reader, count) => administrations(tx, { personId }, count),
    },
    medicationDispenseResource,
  ];
}
