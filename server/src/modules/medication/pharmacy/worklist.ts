import type { SignedInUser, WorklistItem } from '../../../platform/contributions.ts';
import type { PharmacyService } from './stock.ts';

/**
 * The pharmacy's worklist lines (issue 15 item 3; ADR 0040), for users who manage stock:
 * MDX-3 stock tasks opened by doses "not available", stock-outs (no usable stock of a drug with
 * active prescriptions), batches expiring within 60 days; and for those who resolve them (the
 * pharmacist, the health manager), controlled-drug count incidents until resolved. No person in any.
 */
export async function pharmacyWorklist(
  pharmacy: PharmacyService,
  actor: SignedInUser,
  limit: number,
): Promise<WorklistItem[]> {
  const items: WorklistItem[] = [];
  const scope = actor;
  const line = (w: Omit<WorklistItem, 'module' | 'dataClass'>): WorklistItem => ({
    module: 'medication',
    // No person in it: shown to whoever holds the permission the contributor checked.
    dataClass: 'custodial',
    ...w,
  });
  if (actor.permissions.has('medication.stock.manage')) {
    const [tasks, flags] = await Promise.all([
      pharmacy.openTasks(scope, limit),
      pharmacy.stockFlags(scope, limit),
    ]);
    for (const t of tasks)
      items.push(
        line({
          kind: 'stock_task',
          severity: 'overdue',
          subjectId: t.id,
          institutionId: t.institution_id,
          label: `${t.drug?.inn ?? ''} ${t.drug?.strength ?? ''} · ${t.doses}`,
          since: t.opened_at,
        }),
      );
    for (const s of flags.stockOuts)
      items.push(
        line({
          kind: 'stock_out',
          severity: 'overdue',
          subjectId: s.drugId,
          institutionId: s.institutionId,
          label: `${s.drug.inn} ${s.drug.strength} · ${s.prescriptions}`,
          since: null,
        }),
      );
    for (const b of flags.expiring)
      items.push(
        line({
          kind: 'batch_expiring',
          severity: 'due',
          subjectId: b.id,
          institutionId: b.institution_id,
          label: `${b.drug.inn} ${b.drug.strength} · ${b.batch_number} · ${b.expiry_date} · ${b.quantity}`,
          since: null,
        }),
      );
  }
  if (actor.permissions.has('medication.controlled.resolve')) {
    const incidents = await pharmacy.openIncidents(scope, limit);
    for (const i of incidents)
      items.push(
        line({
          kind: 'controlled_incident',
          severity: 'overdue',
          subjectId: i.id,
          institutionId: i.institution_id,
          label: `${i.drug?.inn ?? ''} ${i.drug?.strength ?? ''} · ${i.difference > 0 ? '+' : ''}${i.difference}`,
          since: i.opened_at,
        }),
      );
  }
  return items;
}
