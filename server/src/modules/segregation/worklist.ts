import type { Permission, PlacementAlert } from '@custodia/domain';
import type { WorklistContributor } from '../../platform/contributions.ts';
import type { SegregationService } from './service.ts';

/**
 * Who sees which alert of a placement on the worklist: officers and managers the day records due,
 * the day-13 pre-alerts and the breaches; the director the decisions, reviews and management visits;
 * health staff the visits due (SEG-5; a clinical task, shown to clinical roles only).
 */
const audience: Partial<Record<PlacementAlert, { permission: Permission; clinical: boolean }>> = {
  day_record_due: { permission: 'segregation.day.record', clinical: false },
  pre_alert_day_13: { permission: 'segregation.day.record', clinical: false },
  breach_day_15: { permission: 'segregation.day.record', clinical: false },
  health_visit_missed: { permission: 'segregation.placement.decide', clinical: false },
  past_planned_end: { permission: 'segregation.placement.decide', clinical: false },
  management_visit_due: { permission: 'segregation.management_visit.record', clinical: false },
  management_visit_missed: { permission: 'segregation.management_visit.record', clinical: false },
  director_decision_due: { permission: 'segregation.decision.record', clinical: false },
  director_decision_overdue: { permission: 'segregation.decision.record', clinical: false },
  review_due: { permission: 'segregation.decision.record', clinical: false },
  health_visit_due: { permission: 'segregation.health_visit.record', clinical: true },
  health_review_override: { permission: 'segregation.health_visit.record', clinical: true },
};

/** Kinds on the worklist: `segregation_<alert>`; each links to the placement's page. */
export const worklistKind = (alert: PlacementAlert) => `segregation_${alert}`;

export function segregationWorklist(segregation: SegregationService): WorklistContributor {
  return {
    module: 'segregation',
    async contribute(actor) {
      if (!actor.permissions.has('segregation.read')) return [];
      if (!actor.national && !actor.institutionIds.length) return [];
      const items = await segregation.dueItems({
        institutionIds: actor.institutionIds,
        national: actor.national,
      });
      return items.flatMap((i) => {
        const who = audience[i.alert];
        if (!who || !actor.permissions.has(who.permission)) return [];
        return [
          {
            module: 'segregation',
            kind: worklistKind(i.alert),
            severity: i.overdue ? ('overdue' as const) : ('due' as const),
            subjectId: i.placementId,
            label: i.label,
            since: i.since,
            dueAt: i.dueAt,
            dataClass: who.clinical ? ('clinical' as const) : ('custodial' as const),
          },
        ];
      });
    },
  };
}
