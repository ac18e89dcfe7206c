import { addDaysToDate, calendarDateIn, newId } from '@custodia/domain';
import type { Tx } from '../../../platform/db/database.ts';
import type { MedicationStockMovementTable } from '../tables.ts';

/** DOMAIN.md §1.1, §2: the drugs of the demo formulary that are controlled under national law. */
export const controlledDrugCodes = new Set(['methadone', 'buprenorphine', 'morphine']);

/** The demo drug with active prescriptions and no stock (a stock-out with its open task). */
export const STOCK_OUT_DRUG = 'metformin';
/** Batches of these expire within 60 days of the seed's day (flagged on the worklist). */
const EXPIRING = new Set(['paracetamol', 'amlodipine', 'rhze']);

const DAY = 86_400_000;
const ZONE = 'Asia/Baku';

/**
 * Pharmacy demo data (ADR 0040), so demo.pharmacist sees real work at first sign-in: stock of the demo
 * formulary in the pilot prisons (one or two batches a drug, a few expiring within 60 days), one drug
 * prescribed but out of stock with its open stock task, and the controlled-drug book's daily counts
 * of the last week (today's left to do) with one discrepancy still open.
 */
export async function seedPharmacy(
  tx: Tx,
  input: {
    now: Date;
    random: () => number;
    institutionIds: string[];
    drugIds: Map<string, string>;
    pharmacistId: string;
    witnessId: string;
  },
) {
  const { now, random, drugIds } = input;
  const today = calendarDateIn(now, ZONE);
  const at = (daysBack: number) => new Date(now.getTime() - daysBack * DAY).toISOString();
  const batches: {
    id: string;
    institution_id: string;
    drug_id: string;
    batch_number: string;
    expiry_date: string;
    supplier: string;
    reference: string | null;
    quantity: number;
    received_at: string;
  }[] = [];
  const movements: MedicationStockMovementTable[] = [];
  let n = 0;
  for (const institutionId of input.institutionIds) {
    for (const [code, drugId] of drugIds) {
      if (code === STOCK_OUT_DRUG) continue;
      const lots = EXPIRING.has(code) ? 2 : 1;
      for (let k = 0; k < lots; k++) {
        n += 1;
        const expiring = EXPIRING.has(code) && k === 0;
        const quantity = controlledDrugCodes.has(code)
          ? 500 + Math.floor(random() * 10) * 50
          : 100 + Math.floor(random() * 20) * 25;
        const receivedAt = at(30 + Math.floor(random() * 30));
        const batch = {
          id: newId(),
          institution_id: institutionId,
          drug_id: drugId,
          batch_number: `B${String(240_000 + n)}`,
          expiry_date: addDaysToDate(
            today,
            expiring ? 20 + Math.floor(random() * 30) : 200 + Math.floor(random() * 400),
          ),
          supplier: 'Central medical warehouse',
          reference: `CMW-${String(1000 + n)}`,
          quantity,
          received_at: receivedAt,
        };
        batches.push(batch);
        movements.push({
          id: newId(),
          institution_id: institutionId,
          drug_id: drugId,
          batch_id: batch.id,
          kind: 'receipt',
          quantity,
          balance_after: quantity,
          person_id: null,
          prescription_id: null,
          supply: null,
          unit_id: null,
          round: null,
          reason: `${batch.supplier} · ${batch.reference}`,
          witness_id: null,
          recorded_by: input.pharmacistId,
          recorded_at: receivedAt,
        });
      }
    }
  }
  for (let i = 0; i < batches.length; i += 200)
    await tx
      .insertInto('medication_stock_batch')
      .values(batches.slice(i, i + 200))
      .execute();
  for (let i = 0; i < movements.length; i += 200)
    await tx
      .insertInto('medication_stock_movement')
      .values(movements.slice(i, i + 200))
      .execute();

  const first = input.institutionIds[0];
  const stockOut = drugIds.get(STOCK_OUT_DRUG);
  if (first && stockOut)
    await tx
      .insertInto('medication_stock_task')
      .values({
        id: newId(),
        institution_id: first,
        drug_id: stockOut,
        opened_at: at(1),
        last_at: at(0.5),
        doses: 2,
        status: 'open',
        resolution: null,
        note: null,
        resolved_by: null,
        resolved_at: null,
      })
      .execute();

  // The controlled-drug book of the first pilot prison: a count a day for the last week, balanced
  // except one (three days ago), whose incident is still open. Today's count is left to do.
  let counts = 0;
  if (first)
    for (const code of ['methadone', 'buprenorphine']) {
      const drugId = drugIds.get(code);
      const stock = batches.filter((b) => b.institution_id === first && b.drug_id === drugId);
      if (!drugId || !stock.length) continue;
      const balance = stock.reduce((s, b) => s + b.quantity, 0);
      for (let back = 7; back >= 1; back--) {
        const id = newId();
        const book = balance + back * 20;
        const difference = code === 'methadone' && back === 3 ? -15 : 0;
        const countedAt = new Date(Date.parse(`${addDaysToDate(today, -back)}T05:30:00Z`)).toISOString();
        await tx
          .insertInto('medication_cd_count')
          .values({
            id,
            institution_id: first,
            drug_id: drugId,
            count_date: addDaysToDate(today, -back),
            book_balance: book,
            counted: book + difference,
            difference,
            note: difference ? 'Counted twice; short of the book' : null,
            counted_by: input.pharmacistId,
            witness_id: input.witnessId,
            counted_at: countedAt,
          })
          .execute();
        counts += 1;
        if (difference)
          await tx
            .insertInto('medication_cd_incident')
            .values({
              id: newId(),
              institution_id: first,
              drug_id: drugId,
              count_id: id,
              difference,
              opened_at: countedAt,
              status: 'open',
              explanation: null,
              resolved_by: null,
              resolved_at: null,
            })
            .execute();
      }
    }
  return { batches: batches.length, counts };
}
