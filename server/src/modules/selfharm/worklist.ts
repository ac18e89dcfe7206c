import type { PlanAlert } from '@custodia/domain';
import type { WorklistContributor, WorklistItem } from '../../platform/contributions.ts';
import type { SelfharmService } from './service.ts';

/** Kinds on the worklist: `selfharm_<alert>` (each links to its plan) and `selfharm_rescreen`. */
export const worklistKind = (alert: PlanAlert | 'rescreen') => `selfharm_${alert}`;

const checkAlerts: ReadonlySet<PlanAlert> = new Set(['check_missed', 'check_escalated']);

/**
 * SSH-1, MHS-3, MHS-4, MHS-8: a missed check alerts the wing's officers (and all who record checks)
 * and the health team — a health alert, the person and since when, never why; the assessment, the
 * reviews, the post-closure and post-incident reviews and the MHS-4 re-screening prompts go to
 * those who assess (clinical items, shown to clinical roles only).
 */
export function selfharmWorklist(selfharm: SelfharmService): WorklistContributor {
  return {
    module: 'selfharm',
    async contribute(actor) {
      const checks = actor.permissions.has('selfharm.check.record');
      const assessor = actor.permissions.has('selfharm.assess');
      if (!checks && !assessor) return [];
      if (!actor.national && !actor.institutionIds.length) return [];
      const due = await selfharm.dueItems(actor, assessor);
      const items: WorklistItem[] = [];
      for (const d of due.plans) {
        const isCheck = checkAlerts.has(d.alert);
        if (isCheck ? !(checks || assessor) : !assessor) continue;
        items.push({
          module: 'selfharm',
          kind: worklistKind(d.alert),
          severity: d.overdue ? 'overdue' : 'due',
          subjectId: d.planId,
          label: d.label,
          since: d.since,
          dueAt: d.dueAt,
          institutionId: d.institutionId,
          // A missed check is the health alert shared with those who check; the rest is clinical.
          dataClass: isCheck ? 'custodial' : 'clinical',
        });
      }
      for (const p of due.prompts)
        items.push({
          module: 'selfharm',
          kind: worklistKind('rescreen'),
          severity: p.overdue ? 'overdue' : 'due',
          subjectId: p.promptId,
          label: p.label,
          since: p.since,
          dueAt: p.dueAt,
          institutionId: p.institutionId,
          dataClass: 'clinical',
        });
      return items;
    },
  };
}
