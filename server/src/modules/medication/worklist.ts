import type { WorklistContributor, WorklistItem } from '../../platform/contributions.ts';
import { ordersWorklist } from './orders-worklist.ts';
import { pharmacyWorklist } from './pharmacy/worklist.ts';
import type { MedicationService } from './service.ts';

const LIMIT = 100;

/**
 * The medication part of the home worklist.
 * - Health staff who give doses: people with a dose due or overdue today (MDX-2), a clinical item.
 * - Prescribers: supervised programme doses missed in a row (issue 15 item 5).
 * - MDX-3: the pharmacist: stock tasks, stock-outs, expiring batches, controlled-drug incidents (pharmacy/worklist.ts).
 * - MED-3: custodial staff (they read health alerts, not medication) see only that a person must be
 *   brought to the dose round at a time — "medication supervised" — never the drug.
 */
export function medicationWorklist(medication: MedicationService): WorklistContributor {
  return {
    module: 'medication',
    async contribute(actor) {
      const items: WorklistItem[] = [];
      if (actor.permissions.has('medication.administer')) {
        const due = await medication.dueToday(actor, LIMIT);
        items.push(
          ...due.map((d) => ({
            module: 'medication',
            kind: d.overdue ? 'dose_overdue' : 'dose_due',
            severity: d.overdue ? ('overdue' as const) : ('due' as const),
            subjectId: d.personId,
            institutionId: d.institutionId,
            label: d.label,
            since: null,
            dueAt: d.dueAt,
            dataClass: 'clinical' as const,
          })),
        );
      }
      if (actor.permissions.has('medication.prescribe') || actor.permissions.has('medication.administer')) {
        // Issue 15 item 5: supervised programme doses missed in a row, for the prescriber and the
        // programme's nurse (ADR 0046: whoever gives its doses), at MDX-2.programme_missed_in_a_row.
        const missed = await medication.rounds.programmeDosesMissed(actor, LIMIT);
        items.push(
          ...missed.map((m) => ({
            module: 'medication',
            kind: 'programme_doses_missed',
            severity: 'overdue' as const,
            subjectId: m.personId,
            institutionId: m.institutionId,
            label: m.label,
            since: null,
            dataClass: 'clinical' as const,
          })),
        );
      }
      // MDX-3 (ADR 0040): the pharmacy's stock tasks, stock-outs, expiring batches and controlled-drug
      // incidents replace the derived "not available in the last 24 hours" line of ADR 0027.
      items.push(...(await pharmacyWorklist(medication.pharmacy, actor, LIMIT)));
      // ADR 0045: countersignatures, renewals, reconciliations, releases to prepare.
      items.push(...(await ordersWorklist(medication.orders, actor)));
      if (actor.permissions.has('health_alert.read') && !actor.permissions.has('medication.read')) {
        const lines = await medication.attendanceToday(actor, LIMIT);
        items.push(
          ...lines.map((l) => ({
            module: 'medication',
            kind: 'attend_dose_round',
            severity: 'due' as const,
            subjectId: l.personId,
            institutionId: l.institutionId,
            label: l.label,
            since: null,
            dueAt: l.dueAt,
            dataClass: 'custodial' as const,
          })),
        );
      }
      return items;
    },
  };
}
