import type { WorklistContributor, WorklistItem } from '../../platform/contributions.ts';
import type { RequestsService } from './service.ts';

/**
 * The requests module's worklist: health staff the requests to triage (MED-5) and the medical
 * examinations after an allegation, due at once (INJ-4), both clinical items; the handling roles
 * the complaints due within 3 days or overdue (RES-7), each role only its addressees'.
 */
export function requestsWorklist(requests: RequestsService): WorklistContributor {
  return {
    module: 'requests',
    async contribute(actor) {
      if (!actor.national && !actor.institutionIds.length) return [];
      const viewer = { institutionIds: actor.institutionIds, national: actor.national };
      const items: WorklistItem[] = [];
      const t = requests.now().getTime();
      if (actor.permissions.has('requests.health.triage')) {
        for (const r of await requests.health.waiting(viewer))
          items.push({
            module: 'requests',
            kind: r.urgency === 'urgent' ? 'requests_triage_urgent' : 'requests_triage',
            severity: Date.parse(r.triage_due_at) < t ? 'overdue' : 'due',
            subjectId: r.id,
            label: `${r.label?.prisonNumber ?? ''} ${r.label?.surname ?? ''}`.trim(),
            since: r.received_at,
            dueAt: r.triage_due_at,
            institutionId: r.institution_id,
            dataClass: 'clinical',
          });
        for (const e of await requests.examinationsDue(viewer))
          items.push({
            module: 'requests',
            kind: 'requests_allegation_examination',
            severity: Date.parse(e.due_at) < t ? 'overdue' : 'due',
            subjectId: e.complaint_id,
            label: `${e.label?.prisonNumber ?? ''} ${e.label?.surname ?? ''}`.trim(),
            since: e.due_at,
            dueAt: e.due_at,
            institutionId: e.institution_id,
            dataClass: 'clinical',
          });
      }
      if (
        actor.permissions.has('requests.complaint.handle') ||
        actor.permissions.has('requests.complaint.independent')
      ) {
        const has = (p: string) => actor.permissions.has(p as never);
        for (const c of await requests.complaints.due(viewer, has))
          items.push({
            module: 'requests',
            kind: 'requests_complaint_due',
            severity: Date.parse(c.answer_due_at) < t ? 'overdue' : 'due',
            subjectId: c.id,
            label: `${c.label?.prisonNumber ?? ''} ${c.label?.surname ?? ''}`.trim(),
            since: c.received_at,
            dueAt: c.answer_due_at,
            institutionId: c.institution_id,
            dataClass: 'custodial',
          });
      }
      return items;
    },
  };
}
