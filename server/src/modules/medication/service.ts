import type { Drug } from '@custodia/domain';
import { createAdministering } from './administer.ts';
import { createAtcImport } from './atc-import.ts';
import type { MedicationContext } from './context.ts';
import { createReleaseLetter } from './letter.ts';
import { createOrders } from './orders.ts';
import { createPersonMedication } from './person.ts';
import { createStockReport } from './pharmacy/report.ts';
import { createPharmacy } from './pharmacy/stock.ts';
import { createPrescribing } from './prescribe.ts';
import { createRounds } from './round.ts';
import { createPossession } from './rounds/possession.ts';
import { createRoundExtras } from './rounds/service.ts';
import { drugView } from './views.ts';

/**
 * The medication service (issue 15, first slice; ADR 0027): a facade over its use cases —
 * prescribing (prescribe.ts), recording doses (administer.ts), the round and the worklists
 * (round.ts), a person's medication (person.ts) and the formulary (here).
 */
export function createMedicationService(ctx: MedicationContext) {
  const { db } = ctx;
  const pharmacy = createPharmacy(ctx);
  const orders = createOrders(ctx);
  return {
    /** Pharmacy and stock (issue 15 item 3; ADR 0040): pharmacy/stock.ts. */
    pharmacy,
    stockReport: createStockReport(ctx, pharmacy),
    /** ADR 0046: the officer's mark, a dose's other record, the round reports: rounds/service.ts. */
    rounds: createRoundExtras(ctx),
    possession: createPossession(ctx),
    /** The clock the derived states read (the FHIR statuses too). */
    clock: ctx.clock,
    ...createPrescribing(ctx),
    ...createAdministering(ctx),
    ...createRounds(ctx),
    ...createPersonMedication(ctx),
    ...createAtcImport(ctx.db, ctx.clock),
    /** Verbal orders, renewals, settings, reconciliation, release (ADR 0045): orders.ts, letter.ts. */
    orders,
    releaseLetter: createReleaseLetter(ctx, orders),

    /** The formulary, searched by any of its names or its ATC code (no person in it: not audited). */
    async drugs(query: { q?: string; limit: number }): Promise<Drug[]> {
      let q = db.selectFrom('medication_drug').selectAll().orderBy('name_en').limit(query.limit);
      const text = query.q?.trim().toLowerCase();
      if (text) {
        const like = `%${text}%`;
        q = q.where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['name_en']), 'like', like),
            eb(eb.fn('lower', ['name_az']), 'like', like),
            eb(eb.fn('lower', ['name_ru']), 'like', like),
            eb(eb.fn('lower', ['atc_code']), 'like', like),
          ]),
        );
      }
      return (await q.execute()).map(drugView);
    },
  };
}

export type MedicationService = ReturnType<typeof createMedicationService>;
