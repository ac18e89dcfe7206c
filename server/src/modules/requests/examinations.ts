import { inTransaction } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { inScope, type RequestsDeps } from './context.ts';

/**
 * INJ-4: the medical examination after an allegation, for health staff: the person and when it fell
 * due (at once), never the complaint's words (those are for its addressee); its result is an injury
 * record made in the injuries module, which calls `allegationExamined`.
 */
export function createExaminations(deps: RequestsDeps) {
  const { db, audit, registry } = deps;
  return {
    async examination(caller: Caller, complaintId: string) {
      return inTransaction(db, async (tx) => {
        const row = await tx
          .selectFrom('allegation_examination')
          .selectAll()
          .where('complaint_id', '=', complaintId)
          .executeTakeFirst();
        if (!row || !inScope(caller.viewer, row.institution_id)) throw notFound('No such examination.');
        const labels = await registry.personLabels(tx, [row.person_id]);
        await audit.record(tx, caller.audit, {
          action: 'requests.examination.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'complaint',
          resourceId: complaintId,
          personId: row.person_id,
        });
        return {
          complaintId,
          personId: row.person_id,
          prisonNumber: labels.get(row.person_id)?.prisonNumber ?? '',
          name: labels.get(row.person_id)?.name ?? '',
          institutionId: row.institution_id,
          dueAt: row.due_at,
          examinedAt: row.examined_at,
          injuryRecordId: row.injury_record_id,
        };
      });
    },

    /** INJ-4: examinations due where the viewer works (the worklist), bounded. */
    async examinationsDue(viewer: { institutionIds: string[]; national: boolean }) {
      const institutions = viewer.national ? null : viewer.institutionIds;
      if (institutions && !institutions.length) return [];
      let q = db
        .selectFrom('allegation_examination')
        .select(['complaint_id', 'person_id', 'institution_id', 'due_at'])
        .where('examined_at', 'is', null)
        .orderBy('due_at')
        .limit(200);
      if (institutions) q = q.where('institution_id', 'in', institutions);
      const rows = await q.execute();
      const labels = await registry.personLabels(
        db,
        rows.map((r) => r.person_id),
      );
      return rows.map((r) => ({ ...r, label: labels.get(r.person_id) }));
    },
  };
}
