import {
  calendarDateIn,
  newId,
  type StaffCoverage,
  type StaffScreenInput,
  staffCoverage,
  staffScreenProblems,
} from '@custodia/domain';
import { inTransaction } from '../../platform/db/database.ts';
import { notFound, ruleRefused } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { type ProgrammesDeps, programmeRules } from './context.ts';

/** A whole institution's staff in one page (the registry's staff list, read through its service). */
const STAFF_LIMIT = 2000;

/**
 * PHC-9 (ADR 0057): the staff's yearly TB screenings — occupational health, for the health manager
 * only (`programmes.staff_screen.manage`): record one, and read the institution's yearly coverage
 * with who is due. The staff come from the registry's service (never its tables); both audited in
 * the same transaction.
 */
export function createStaffScreening(deps: ProgrammesDeps) {
  const { db, clock, timeZone, audit, registry } = deps;
  const today = () => calendarDateIn(clock.now(), timeZone);

  async function staffOf(caller: Caller, institutionId: string) {
    if (!caller.viewer.national && !caller.viewer.institutionIds.includes(institutionId))
      throw notFound('No such institution.');
    const page = await registry.listStaff(caller.viewer, { institutionId, limit: STAFF_LIMIT });
    return page.items.filter((s) => s.active);
  }

  return {
    async recordStaffScreen(caller: Caller, input: StaffScreenInput) {
      const staff = await staffOf(caller, input.institutionId);
      const member = staff.find((s) => s.id === input.staffId);
      if (!member) throw notFound('No such staff member.');
      const problems = staffScreenProblems(input, today());
      if (problems.length) throw ruleRefused(problems, programmeRules);
      return inTransaction(db, async (tx) => {
        const id = newId();
        await tx
          .insertInto('programme_staff_screen')
          .values({
            id,
            staff_id: member.id,
            institution_id: member.institutionId,
            screened_on: input.screenedOn,
            method: input.method,
            result: input.result,
            recorded_by: caller.userId,
            recorded_at: clock.now().toISOString(),
          })
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'programmes.staff_screen.record',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'programme_staff_screen',
          resourceId: id,
        });
        return { id };
      });
    },

    async staffCoverage(caller: Caller, institutionId: string): Promise<StaffCoverage> {
      const staff = await staffOf(caller, institutionId);
      return inTransaction(db, async (tx) => {
        const rows = staff.length
          ? await tx
              .selectFrom('programme_staff_screen')
              .select(['staff_id', 'screened_on', 'result'])
              .where('institution_id', '=', institutionId)
              .orderBy('screened_on', 'desc')
              .orderBy('id', 'desc')
              .execute()
          : [];
        await audit.record(tx, caller.audit, {
          action: 'programmes.staff_screen.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'programme_staff_screen',
          resourceId: institutionId,
        });
        const t = today();
        const c = staffCoverage(
          staff.map((s) => s.id),
          rows.map((r) => ({ staffId: r.staff_id, screenedOn: r.screened_on })),
          t,
        );
        return {
          institutionId,
          staff: c.staff,
          screened: c.screened,
          percent: c.percent,
          members: staff.map((s) => {
            const last = rows.find((r) => r.staff_id === s.id);
            return {
              staffId: s.id,
              fullName: s.fullName,
              position: s.position,
              lastScreenedOn: last?.screened_on ?? null,
              lastResult: (last?.result as 'negative' | 'positive' | undefined) ?? null,
              due: !c.screenedIds.has(s.id),
            };
          }),
        };
      });
    },
  };
}
