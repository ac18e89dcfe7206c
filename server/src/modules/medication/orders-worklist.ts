import type { SignedInUser, WorklistItem } from '../../platform/contributions.ts';
import type { MedicationOrders } from './orders.ts';

/**
 * The prescriber's worklist lines of ADR 0045: verbal orders to countersign (overdue ones escalated
 * to every doctor of the institution), prescriptions to renew, reconciliations due the same day,
 * releases to prepare (TRC-4, TRC-6), in-possession reviews due (MDX-5); and for the health manager, the institutions with overdue
 * countersignatures.
 */
export async function ordersWorklist(orders: MedicationOrders, actor: SignedInUser): Promise<WorklistItem[]> {
  const items: WorklistItem[] = [];
  const line = (i: Omit<WorklistItem, 'module' | 'dataClass'>): WorklistItem => ({
    module: 'medication',
    dataClass: 'clinical',
    ...i,
  });
  if (actor.permissions.has('medication.prescribe')) {
    const lists = await orders.worklists(actor, actor.userId);
    const who = (p: { name: string; prisonNumber: string }) => `${p.name} (${p.prisonNumber})`;
    for (const c of lists.countersignatures)
      items.push(
        line({
          kind: 'verbal_order_countersign',
          severity: c.overdue ? 'overdue' : 'due',
          subjectId: c.personId,
          label: `${who(c)} · ${c.drug}`,
          since: c.recordedAt,
          dueAt: c.dueAt,
        }),
      );
    for (const r of lists.renewals)
      items.push(
        line({
          kind: 'prescription_renewal',
          severity: r.expired ? 'overdue' : 'due',
          subjectId: r.personId,
          label: `${who(r)} · ${r.drug}`,
          since: null,
          dueAt: r.endAt,
        }),
      );
    for (const r of lists.reconciliations)
      items.push(
        line({
          kind: 'medication_reconciliation',
          severity: r.overdue ? 'overdue' : 'due',
          subjectId: r.id,
          label: who(r),
          since: r.openedAt,
          dueAt: r.dueAt,
        }),
      );
    // TRC-6 (ADR 0055): no letter yet, or one prepared for a release date the registry has since changed.
    for (const r of lists.releases)
      if (!r.letterAt || r.letterOutdated)
        items.push(
          line({
            kind: 'release_preparation',
            severity: 'due',
            subjectId: r.personId,
            label: `${who(r)} · ${r.plannedOn}`,
            since: null,
          }),
        );
    for (const r of lists.possessionReviews)
      items.push(
        line({
          kind: 'possession_review',
          severity: r.overdue ? 'overdue' : 'due',
          subjectId: r.prescriptionId,
          label: `${who(r)} · ${r.drug} · ${r.reviewDate}`,
          since: null,
        }),
      );
  } else if (actor.permissions.has('medication.settings.manage')) {
    for (const o of await orders.overdueVerbalOrders(actor))
      items.push(
        line({
          kind: 'verbal_orders_overdue',
          severity: 'overdue',
          subjectId: o.institution_id,
          institutionId: o.institution_id,
          label: String(o.n),
          since: String(o.since),
        }),
      );
  }
  return items;
}
