import type { WorklistContributor, WorklistItem } from '../../platform/contributions.ts';
import type { MentalhealthService } from './service.ts';

/**
 * The mental-health worklist (MHS-1, MHS-5): health staff who read the inbox see the referrals due
 * and overdue (red) and the transfers waiting past their target; an escalated referral (late by as
 * long again) and a transfer past twice its target reach the health manager too. Clinical items.
 */
export function mentalhealthWorklist(mentalhealth: MentalhealthService): WorklistContributor {
  return {
    module: 'mentalhealth',
    async contribute(actor) {
      if (!actor.permissions.has('mentalhealth.read')) return [];
      if (!actor.national && !actor.institutionIds.length) return [];
      const { referrals, transfers } = await mentalhealth.referrals.waiting({
        institutionIds: actor.institutionIds,
        national: actor.national,
      });
      const now = mentalhealth.now().getTime();
      // National readers (the health manager) see only what was escalated to them.
      const escalatedOnly = actor.national;
      const items: WorklistItem[] = [];
      for (const r of referrals) {
        const due = Date.parse(r.due_at);
        const window = Math.max(due - Date.parse(r.referred_at), 3_600_000);
        const escalated = now > due + window;
        if (escalatedOnly && !escalated) continue;
        items.push({
          module: 'mentalhealth',
          kind: escalated ? 'mentalhealth_referral_escalated' : `mentalhealth_referral_${r.urgency}`,
          severity: now > due ? 'overdue' : 'due',
          subjectId: r.id,
          label: `${r.label?.prisonNumber ?? ''} ${r.label?.surname ?? ''}`.trim(),
          since: r.referred_at,
          dueAt: r.due_at,
          institutionId: r.institution_id,
          dataClass: 'clinical',
        });
      }
      for (const t of transfers) {
        if (t.state === 'waiting' && escalatedOnly) continue;
        items.push({
          module: 'mentalhealth',
          kind: t.state === 'escalated' ? 'mentalhealth_transfer_escalated' : 'mentalhealth_transfer_waiting',
          severity: t.state === 'waiting' ? 'due' : 'overdue',
          subjectId: t.id,
          label: `${t.prisonNumber} ${t.name.split(' ')[0] ?? ''}`.trim(),
          since: t.requestedAt,
          dueAt: null,
          institutionId: t.institutionId,
          dataClass: 'clinical',
        });
      }
      return items;
    },
  };
}
