import type { FhirResource, FhirResourceType } from '../../../platform/contributions.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { MedicationDrugTable, MedicationStockMovementTable } from '../tables.ts';
import { drugsById } from '../views.ts';

const ATC_SYSTEM = 'http://www.whocc.no/atc';
export const SUPPLY_SYSTEM = 'urn:custodia:medication-supply';
const SEARCH_LIMIT = 100;

/** A supply to a person (in-possession or release) as a FHIR R4 MedicationDispense (issue 15 item 9). */
export function toMedicationDispense(
  m: MedicationStockMovementTable & { batch_number: string; expiry_date: string },
  drug: MedicationDrugTable | undefined,
) {
  return {
    resourceType: 'MedicationDispense' as const,
    id: m.id,
    status: 'completed',
    medicationCodeableConcept: drug
      ? {
          ...(drug.atc_code
            ? { coding: [{ system: ATC_SYSTEM, code: drug.atc_code, display: drug.inn }] }
            : {}),
          text: `${drug.inn} ${drug.strength} (batch ${m.batch_number}, expires ${m.expiry_date})`,
        }
      : { text: 'unknown' },
    subject: { reference: `Patient/${m.person_id}` },
    ...(m.prescription_id
      ? { authorizingPrescription: [{ reference: `MedicationRequest/${m.prescription_id}` }] }
      : {}),
    type: { coding: [{ system: SUPPLY_SYSTEM, code: m.supply ?? 'in_possession' }] },
    quantity: { value: Math.abs(Number(m.quantity)), unit: 'unit' },
    whenHandedOver: m.recorded_at,
    ...(m.reason ? { note: [{ text: m.reason }] } : {}),
  };
}

async function dispenses(executor: Executor, where: { id?: string; personId?: string }, count: number) {
  let q = executor
    .selectFrom('medication_stock_movement as m')
    .innerJoin('medication_stock_batch as b', 'b.id', 'm.batch_id')
    .selectAll('m')
    .select(['b.batch_number', 'b.expiry_date'])
    .where('m.kind', '=', 'dispense_person');
  if (where.id) q = q.where('m.id', '=', where.id);
  if (where.personId) q = q.where('m.person_id', '=', where.personId);
  const rows = await q.orderBy('m.recorded_at', 'desc').limit(Math.min(count, SEARCH_LIMIT)).execute();
  const drugs = await drugsById(
    executor,
    rows.map((r) => r.drug_id),
  );
  return rows.map((r) => toMedicationDispense(r, drugs.get(r.drug_id)) as FhirResource);
}

/** MedicationDispense, read by id and searched by patient through the FHIR facade (scoped, audited). */
export const medicationDispenseResource: FhirResourceType = {
  type: 'MedicationDispense',
  async personOf(executor, id) {
    const row = await executor
      .selectFrom('medication_stock_movement')
      .select('person_id')
      .where('id', '=', id)
      .where('kind', '=', 'dispense_person')
      .executeTakeFirst();
    return row?.person_id ?? undefined;
  },
  async read(tx, id) {
    return (await dispenses(tx, { id }, 1))[0] ?? null;
  },
  search: (tx, personId, _reader, count) => dispenses(tx, { personId }, count),
};
