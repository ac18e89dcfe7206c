import type { WorklistContributor } from '../../platform/contributions.ts';
import type { MedicationService } from './service.ts';

const LIMIT = 100;

/**
 * The medication part of the home worklist.
 * - Health staff who give doses: people with a dose due or overdue today (MDX-2), a clinical item.
 * - MDX-3: the pharmacist: the drugs recorded "not available" in the last 24 hours.
 * - MED-3: custodial staff (they read health alerts, not medication) see only that a person must be
 *   brought to the dose round at a time — "medication supervised" — never the drug.
 */
export function medicationWorklist(medication: MedicationService): WorklistContributor {
  return {
    module: 'medication',
    async contribute(actor) {
      if (actor.permissions.has('medication.administer')) {
        const due = await medication.dueToday(actor, LIMIT);
        return due.map((d) => ({
          module: 'medication',
          kind: d.overdue ? 'dose_overdue' : 'dose_due',
          severity: d.overdue ? ('overdue' as const) : ('due' as const),
          subjectId: d.personId,
          label: d.label,
          since: null,
          dueAt: d.dueAt,
          dataClass: 'clinical' as const,
        }));
      }
      if (actor.permissions.has('medication.read')) {
        // MDX-3: the pharmacist (reads medication, gives none) sees the drugs a round lacked.
        const short = await medication.stockShortages(actor, LIMIT);
        return short.map((s) => ({
          module: 'medication',
          kind: 'stock_not_available',
          severity: 'overdue' as const,
          subjectId: s.drugId,
          label: s.label,
          since: s.since,
          dataClass: 'clinical' as const,
        }));
      }
      if (actor.permissions.has('health_alert.read') && !actor.permissions.has('medication.read')) {
        const lines = await medication.attendanceToday(actor, LIMIT);
        return lines.map((l) => ({
          module: 'medication',
          kind: 'attend_dose_round',
          severity: 'due' as const,
          subjectId: l.personId,
          label: l.label,
          since: null,
          dueAt: l.dueAt,
          dataClass: 'custodial' as const,
        }));
      }
      return [];
    },
  };
}
