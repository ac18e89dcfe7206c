import type { Permission } from '@custodia/domain';
import type { WorklistContributor } from '../../platform/contributions.ts';
import type { DeathsService } from './service.ts';

/**
 * Who sees what on the worklist: the governor and deputy the checklist steps due and overdue (DTH-1)
 * and the actions (MON-2); health staff the reviews to open and conclude (MHS-8, clinical items).
 */
const audience: Record<string, { permission: Permission; clinical: boolean }> = {
  step: { permission: 'deaths.checklist.record', clinical: false },
  review_open: { permission: 'deaths.review.manage', clinical: true },
  review: { permission: 'deaths.review.manage', clinical: true },
  action: { permission: 'deaths.action.record', clinical: false },
  /** INJ-8: the body awaiting return, the governor's (those who close the record). */
  body_awaiting_return: { permission: 'deaths.close', clinical: false },
};

/**
 * Kinds on the worklist: `deaths_step_<step>` (one kind per step, so the step is named in words),
 * `deaths_review_open`, `deaths_review_<review kind>`, `deaths_action`, `deaths_body_awaiting_return`
 * (INJ-8, a standing condition without a deadline); each links to the event.
 */
export function deathsWorklist(deaths: DeathsService): WorklistContributor {
  return {
    module: 'deaths',
    async contribute(actor) {
      if (!actor.permissions.has('deaths.read')) return [];
      if (!actor.national && !actor.institutionIds.length) return [];
      const items = await deaths.dueItems({ institutionIds: actor.institutionIds, national: actor.national });
      return items.flatMap((i) => {
        const who = audience[i.kind];
        if (!who || !actor.permissions.has(who.permission)) return [];
        return [
          {
            module: 'deaths',
            kind:
              i.kind === 'step' || i.kind === 'review' ? `deaths_${i.kind}_${i.detail}` : `deaths_${i.kind}`,
            severity: i.overdue ? ('overdue' as const) : ('due' as const),
            subjectId: i.eventId,
            label: i.kind === 'action' ? `${i.label} · ${i.detail}` : i.label,
            since: i.since,
            dueAt: i.dueAt,
            institutionId: i.institutionId,
            dataClass: who.clinical ? ('clinical' as const) : ('custodial' as const),
          },
        ];
      });
    },
  };
}
