import type { Permission } from '@custodia/domain';
import type { WorklistContributor } from '../../platform/contributions.ts';
import type { ForceService } from './service.ts';

/**
 * Who sees which line: health staff the examinations after force due or overdue (RST-11, a clinical
 * task shown to clinical roles only), the governor the reports to review (INJ-7), staff who file
 * reports the accounts of staff involved still missing (INJ-7).
 */
const audience: Record<
  'examination_due' | 'review_due' | 'account_missing',
  { permission: Permission; clinical: boolean }
> = {
  examination_due: { permission: 'force.examination.record', clinical: true },
  review_due: { permission: 'force.review', clinical: false },
  account_missing: { permission: 'force.report.file', clinical: false },
};

/** Kinds on the worklist: `force_<line>`; each links to the incident's page. */
export const worklistKind = (line: keyof typeof audience) => `force_${line}`;

export function forceWorklist(force: ForceService): WorklistContributor {
  return {
    module: 'force',
    async contribute(actor) {
      if (!actor.permissions.has('force.read')) return [];
      if (!actor.national && !actor.institutionIds.length) return [];
      // Only the lines this actor sees are read (one or two statements each).
      const lines = new Set(
        (Object.keys(audience) as (keyof typeof audience)[]).filter((line) =>
          actor.permissions.has(audience[line].permission),
        ),
      );
      if (!lines.size) return [];
      const items = await force.dueItems(
        { institutionIds: actor.institutionIds, national: actor.national },
        lines,
      );
      return items.flatMap((i) => {
        const who = audience[i.kind];
        if (!actor.permissions.has(who.permission)) return [];
        return [
          {
            module: 'force',
            kind: worklistKind(i.kind),
            severity: i.overdue ? ('overdue' as const) : ('due' as const),
            subjectId: i.incidentId,
            label: i.label,
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
