import type { Clock } from '@custodia/domain';
import type { FhirResource, IpsSection } from '../../platform/contributions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { toMedicationRequest } from './fhir.ts';
import type { MedicationDrugTable, MedicationPrescriptionTable } from './tables.ts';
import { drugsById } from './views.ts';

const ATC_SYSTEM = 'http://www.whocc.no/atc';
/** How many prescriptions the summary carries (the current ones, newest first). */
const SUMMARY_LIMIT = 50;

/**
 * TRC-1, TRC-2: what travels with the person — the prescriptions not stopped, and for each the last
 * supervised dose given and the supply dispensed to the person (in-possession, release).
 */
export async function travellingMedication(executor: Executor, personId: string) {
  const rows = await executor
    .selectFrom('medication_prescription')
    .selectAll()
    .where('person_id', '=', personId)
    .where('current', '=', 1)
    .where('status', '!=', 'stopped')
    .orderBy('created_at', 'desc')
    .limit(SUMMARY_LIMIT)
    .execute();
  const ids = rows.map((r) => r.prescription_id);
  const lastGiven = ids.length
    ? await executor
        .selectFrom('medication_administration')
        .select(['prescription_id', (eb) => eb.fn.max('given_at').as('last')])
        .where('prescription_id', 'in', ids)
        .where('outcome', 'in', ['given', 'given_part'])
        .groupBy('prescription_id')
        .execute()
    : [];
  const supplies = ids.length
    ? await executor
        .selectFrom('medication_stock_movement')
        .select([
          'prescription_id',
          'supply',
          (eb) => eb.fn.sum<number>('quantity').as('quantity'),
          (eb) => eb.fn.max('recorded_at').as('last'),
        ])
        .where('prescription_id', 'in', ids)
        .where('kind', '=', 'dispense_person')
        .groupBy(['prescription_id', 'supply'])
        .execute()
    : [];
  const drugs = await drugsById(
    executor,
    rows.map((r) => r.drug_id),
  );
  const last = new Map(lastGiven.map((g) => [g.prescription_id, g.last as string]));
  return rows.map((r) => ({
    row: r,
    drug: drugs.get(r.drug_id),
    lastSupervisedDose: r.delivery === 'supervised' ? (last.get(r.prescription_id) ?? null) : null,
    supplies: supplies
      .filter((s) => s.prescription_id === r.prescription_id)
      .map((s) => ({ supply: s.supply ?? '', quantity: Math.abs(Number(s.quantity)), last: String(s.last) })),
  }));
}

/** FHIR R4 MedicationStatement of a prescription for the IPS medication section. */
export function toMedicationStatement(
  t: Awaited<ReturnType<typeof travellingMedication>>[number],
  now: Date,
  statementId: string,
) {
  const r: MedicationPrescriptionTable = t.row;
  const drug: MedicationDrugTable | undefined = t.drug;
  const expired = Date.parse(r.end_at) <= now.getTime();
  const notes = [
    ...(t.lastSupervisedDose ? [`Last supervised dose given ${t.lastSupervisedDose}`] : []),
    ...t.supplies.map((s) => `Supply given (${s.supply}): ${s.quantity} units, last ${s.last}`),
  ];
  return {
    resourceType: 'MedicationStatement' as const,
    id: statementId,
    status: r.status === 'paused' ? 'on-hold' : expired ? 'completed' : 'active',
    basedOn: [{ reference: `urn:uuid:${r.prescription_id}` }],
    medicationCodeableConcept: drug
      ? {
          ...(drug.atc_code
            ? { coding: [{ system: ATC_SYSTEM, code: drug.atc_code, display: drug.inn }] }
            : {}),
          text: `${drug.inn} ${drug.strength}`,
        }
      : { text: 'unknown' },
    subject: { reference: `Patient/${r.person_id}` },
    effectivePeriod: { start: r.start_at, end: r.end_at },
    dateAsserted: now.toISOString(),
    reasonCode: [{ text: r.indication }],
    ...(notes.length ? { note: notes.map((text) => ({ text })) } : {}),
    dosage: [
      {
        text: `${Number(r.dose)} ${r.dose_unit}, ${r.frequency}, ${r.delivery}`,
        doseAndRate: [{ doseQuantity: { value: Number(r.dose), unit: r.dose_unit } }],
      },
    ],
  };
}

/**
 * The IPS `$summary` medication section (LOINC 10160-0; TRC-1): for each prescription not stopped a
 * MedicationStatement based on its MedicationRequest, both in the bundle.
 */
export function medicationIpsSection(clock: Clock): IpsSection {
  return {
    title: 'Medication summary',
    code: '10160-0',
    empty: 'No current medication recorded.',
    async resources(tx, personId) {
      const now = clock.now();
      const list = await travellingMedication(tx, personId);
      return list.flatMap((t) => [
        toMedicationRequest(t.row, t.drug, now) as FhirResource,
        // A statement's id: the prescription's with the version's row id (both UUIDs, stable per version).
        toMedicationStatement(t, now, t.row.id) as FhirResource,
      ]);
    },
  };
}
