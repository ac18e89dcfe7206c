import {
  accountProblems,
  examinationProblems,
  type ForceAccountInput,
  type ForceAmendmentInput,
  type ForceExaminationInput,
  type ForceProblem,
  type ForceReportInput,
  type ForceReviewInput,
  isClinicalUser,
  newId,
  reportProblems,
} from '@custodia/domain';
import { type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import { forbidden, ruleRefused } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import type { AuditActor } from '../audit/index.ts';
import type { Caller } from '../identity/index.ts';
import { type ForceDeps, incidentRow, inScope, inScopeOr404 } from './context.ts';

const accountRow = (
  incidentId: string,
  input: ForceAccountInput,
  userId: string,
  at: string,
  amendment: { amendsId: string; amendReason: string } | null = null,
) => ({
  id: newId(),
  incident_id: incidentId,
  staff_id: input.staffId,
  types: JSON.stringify([...new Set(input.types)]),
  type_other: input.types.includes('other') ? (input.typeOther ?? null) : null,
  reason: input.reason,
  narrative: input.narrative,
  duration_minutes: input.durationMinutes,
  de_escalation_tried: input.deEscalationTried ? 1 : 0,
  de_escalation: input.deEscalation ?? null,
  injuries_to_staff: input.injuriesToStaff,
  injuries_to_person: input.injuriesToPerson,
  witnesses: input.witnesses ?? null,
  amends_id: amendment?.amendsId ?? null,
  amend_reason: amendment?.amendReason ?? null,
  recorded_by: userId,
  recorded_at: at,
});

/**
 * The writes of the use-of-force module: the report and each staff member's account (INJ-7), their
 * amendments, the governor's review, and the examination after force (RST-11, MED-4).
 */
export function createForceCommands(deps: ForceDeps) {
  const { db, clock, audit, registry, restraint } = deps;

  /**
   * INJ-7: the account's author. The staff member giving it must be one of the staff involved, and
   * when the caller's account is linked to a staff record, it must be that one (nobody writes a
   * colleague's account in their name).
   */
  async function authorProblems(tx: Tx, caller: Caller, staffId: string, path: string) {
    const own = await registry.staffRecordOfUser(tx, caller.userId);
    return own && own.id !== staffId ? [{ path, code: 'author_not_you' }] : [];
  }

  /** The incident's staff and standing accounts (an amended account no longer stands). */
  async function accountsOf(tx: Tx, incidentId: string) {
    const staff = await tx
      .selectFrom('force_incident_staff')
      .select('staff_id')
      .where('incident_id', '=', incidentId)
      .execute();
    const accounts = await tx
      .selectFrom('force_account')
      .select(['id', 'staff_id', 'amends_id', 'recorded_by'])
      .where('incident_id', '=', incidentId)
      .execute();
    const amended = new Set(accounts.flatMap((a) => (a.amends_id ? [a.amends_id] : [])));
    return { staff: staff.map((s) => s.staff_id), accounts, amended };
  }

  /** The examination after force for a person of an incident: refused if none is due or it is done. */
  async function examinationTarget(
    executor: Executor,
    incidentId: string,
    personId: string,
  ): Promise<{ problem: ForceProblem } | { occurredAt: string; institutionId: string }> {
    const subject = await executor
      .selectFrom('force_incident_person')
      .innerJoin('force_incident', 'force_incident.id', 'force_incident_person.incident_id')
      .select(['force_incident.occurred_at', 'force_incident.institution_id'])
      .where('force_incident_person.incident_id', '=', incidentId)
      .where('force_incident_person.person_id', '=', personId)
      .executeTakeFirst();
    if (!subject) return { problem: { path: 'personId', code: 'no_such_examination' } as ForceProblem };
    const done = await executor
      .selectFrom('force_examination')
      .select('id')
      .where('incident_id', '=', incidentId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (done) return { problem: { path: 'personId', code: 'examination_already_done' } as ForceProblem };
    return { occurredAt: subject.occurred_at, institutionId: subject.institution_id };
  }

  return {
    /**
     * INJ-7: a use of force reported, with its first account. Refused in words, nothing written, for
     * a time in the future, nobody it was used on, no staff involved, an unknown person or staff
     * member, a place or restraint episode that does not fit, or an account not the caller's.
     */
    async report(caller: Caller, input: ForceReportInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(tx, clock, { userId: caller.userId, key, scope: 'force:report', body: input }, async () => {
          const now = clock.now();
          const problems = reportProblems(input, now);
          const { institutionId } = input;
          if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
          const personIds = [...new Set(input.personIds)];
          const staffIds = [...new Set(input.staffIds)];
          if (personIds.length) {
            const held = await registry
              .personIdsIn(tx, [institutionId])
              .where('id', 'in', personIds)
              .execute();
            const known = new Set(held.map((p) => p.id));
            if (personIds.some((p) => !known.has(p)))
              problems.push({ path: 'personIds', code: 'unknown_person' });
          }
          if (staffIds.length) {
            const staff = await registry.staffMembers(tx, staffIds);
            const known = new Set(staff.filter((s) => s.institution_id === institutionId).map((s) => s.id));
            if (staffIds.some((s) => !known.has(s)))
              problems.push({ path: 'staffIds', code: 'unknown_staff' });
          }
          problems.push(...(await authorProblems(tx, caller, input.account.staffId, 'account.staffId')));
          // The place through the registry's structure: the unit and cell must be the institution's.
          let unitId = input.unitId ?? null;
          if (input.cellId) {
            const cell = await registry.cell(tx, input.cellId);
            if (!cell || cell.institution_id !== institutionId)
              problems.push({ path: 'cellId', code: 'cell_elsewhere' });
            else if (unitId && cell.unit_id !== unitId)
              problems.push({ path: 'cellId', code: 'cell_elsewhere' });
            else unitId = cell.unit_id;
          }
          if (input.unitId) {
            const units = await registry.units(tx, institutionId);
            if (!units.some((u) => u.id === input.unitId))
              problems.push({ path: 'unitId', code: 'unit_elsewhere' });
          }
          // RST-11: a restraint episode is one kind of force, linked here, never recorded again.
          if (input.restraintEpisodeId) {
            const episode = (await restraint.episodeSummaries(tx, [input.restraintEpisodeId])).get(
              input.restraintEpisodeId,
            );
            if (!episode || episode.institutionId !== institutionId || !personIds.includes(episode.personId))
              problems.push({ path: 'restraintEpisodeId', code: 'restraint_episode_mismatch' });
          }
          if (problems.length) throw ruleRefused(problems);
          const id = newId();
          const at = now.toISOString();
          await tx
            .insertInto('force_incident')
            .values({
              id,
              institution_id: institutionId,
              unit_id: unitId,
              cell_id: input.cellId ?? null,
              place_note: input.placeNote ?? null,
              occurred_at: input.occurredAt,
              restraint_episode_id: input.restraintEpisodeId ?? null,
              reported_by: caller.userId,
              recorded_at: at,
            })
            .execute();
          await tx
            .insertInto('force_incident_person')
            .values(personIds.map((person_id) => ({ incident_id: id, person_id })))
            .execute();
          await tx
            .insertInto('force_incident_staff')
            .values(staffIds.map((staff_id) => ({ incident_id: id, staff_id })))
            .execute();
          await tx
            .insertInto('force_account')
            .values(accountRow(id, input.account, caller.userId, at))
            .execute();
          await audit.record(tx, caller.audit, {
            action: 'force.incident.report',
            dataClass: 'custodial',
            outcome: 'allowed',
            resourceType: 'force_incident',
            resourceId: id,
            // The first person; every person's id is in the details.
            personId: personIds[0] ?? null,
            details: {
              persons: personIds.join(','),
              staff: staffIds.length,
              types: input.account.types.join(','),
            },
          });
          return { id };
        }),
      );
    },

    /** INJ-7: another member of staff involved gives their own account (one each; then amendments). */
    async addAccount(caller: Caller, incidentId: string, input: ForceAccountInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `force:${incidentId}:account`, body: input },
          async () => {
            const row = inScopeOr404(await incidentRow(tx, incidentId), caller.viewer);
            const { staff, accounts } = await accountsOf(tx, incidentId);
            const problems: ForceProblem[] = accountProblems(input, '');
            if (!staff.includes(input.staffId))
              problems.push({ path: 'staffId', code: 'author_not_involved' });
            if (accounts.some((a) => a.staff_id === input.staffId))
              problems.push({ path: 'staffId', code: 'account_already_given' });
            problems.push(...(await authorProblems(tx, caller, input.staffId, 'staffId')));
            if (problems.length) throw ruleRefused(problems);
            const values = accountRow(incidentId, input, caller.userId, clock.now().toISOString());
            await tx.insertInto('force_account').values(values).execute();
            await audit.record(tx, caller.audit, {
              action: 'force.account.record',
              dataClass: 'custodial',
              outcome: 'allowed',
              resourceType: 'force_incident',
              resourceId: row.id,
            });
            return { id: values.id };
          },
        ),
      );
    },

    /** a correction of one's own standing account, pointing to it, with the reason. */
    async amendAccount(caller: Caller, incidentId: string, input: ForceAmendmentInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `force:${incidentId}:amend`, body: input },
          async () => {
            const row = inScopeOr404(await incidentRow(tx, incidentId), caller.viewer);
            const { accounts, amended } = await accountsOf(tx, incidentId);
            const original = accounts.find((a) => a.id === input.amendsId);
            const problems: ForceProblem[] = accountProblems(input, '');
            if (!original) problems.push({ path: 'amendsId', code: 'no_such_account' });
            else {
              if (amended.has(original.id)) problems.push({ path: 'amendsId', code: 'account_superseded' });
              if (original.recorded_by !== caller.userId || original.staff_id !== input.staffId)
                problems.push({ path: 'amendsId', code: 'not_your_account' });
            }
            if (problems.length) throw ruleRefused(problems);
            const values = accountRow(incidentId, input, caller.userId, clock.now().toISOString(), {
              amendsId: input.amendsId,
              amendReason: input.amendReason,
            });
            await tx.insertInto('force_account').values(values).execute();
            await audit.record(tx, caller.audit, {
              action: 'force.account.amend',
              dataClass: 'custodial',
              outcome: 'allowed',
              resourceType: 'force_incident',
              resourceId: row.id,
              details: { amends: input.amendsId },
            });
            return { id: values.id };
          },
        ),
      );
    },

    /** INJ-7: the governor acknowledges the report or decides on it (justified, not, referred). */
    async review(caller: Caller, incidentId: string, input: ForceReviewInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `force:${incidentId}:review`, body: input },
          async () => {
            const row = inScopeOr404(await incidentRow(tx, incidentId), caller.viewer);
            const id = newId();
            await tx
              .insertInto('force_review')
              .values({
                id,
                incident_id: row.id,
                decision: input.decision ?? null,
                note: input.note,
                recorded_by: caller.userId,
                recorded_at: clock.now().toISOString(),
              })
              .execute();
            await audit.record(tx, caller.audit, {
              action: 'force.review.record',
              dataClass: 'custodial',
              outcome: 'allowed',
              resourceType: 'force_incident',
              resourceId: row.id,
              details: { decision: input.decision ?? 'acknowledged' },
            });
            return { id };
          },
        ),
      );
    },

    /**
     * RST-11, MED-4: the clinician records the examination on this page: examined with no injuries
     * found, or refused by the person. Out of hearing and sight of non-medical staff unless the
     * clinician asked otherwise (the reason recorded). Health-care roles only.
     */
    async recordExamination(caller: Caller, incidentId: string, input: ForceExaminationInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `force:${incidentId}:exam`, body: input },
          async () => {
            inScopeOr404(await incidentRow(tx, incidentId), caller.viewer);
            if (!isClinicalUser(caller.user.roles)) throw forbidden('Only health-care staff examine.');
            const target = await examinationTarget(tx, incidentId, input.personId);
            if ('problem' in target) throw ruleRefused([target.problem]);
            const now = clock.now();
            const problems = examinationProblems(input, target.occurredAt, now);
            if (problems.length) throw ruleRefused(problems);
            const id = newId();
            await tx
              .insertInto('force_examination')
              .values({
                id,
                incident_id: incidentId,
                person_id: input.personId,
                outcome: input.outcome,
                examined_at: input.examinedAt,
                examined_by: caller.userId,
                non_medical_present: input.nonMedicalStaffPresent ? 1 : 0,
                presence_reason: input.nonMedicalStaffPresent ? (input.presenceReason ?? null) : null,
                note: input.note ?? null,
                injury_record_id: null,
                recorded_at: now.toISOString(),
              })
              .execute();
            await audit.record(tx, caller.audit, {
              action: 'force.examination.record',
              dataClass: 'clinical',
              outcome: 'allowed',
              resourceType: 'force_incident',
              resourceId: incidentId,
              personId: input.personId,
            });
            return { id };
          },
        ),
      );
    },

    /**
     * RST-11, for the injuries module: when it creates an injury record with this use of force as its
     * source, it calls this inside its own transaction. The examination of that person becomes done
     * with the injury record as its result, and the audit record is written in the same transaction.
     * Refused (`rule_refused`, field code `no_such_examination` or `examination_already_done`) when
     * the incident/person pair does not exist or the examination is already done.
     */
    async examinationResult(
      executor: Executor,
      input: {
        useOfForceId: string;
        personId: string;
        injuryRecordId: string;
        at: string;
        userId: string;
        /** Who the audit trail names (the injuries module's caller); else the user id alone. */
        actor?: AuditActor;
      },
    ): Promise<{ id: string }> {
      const target = await examinationTarget(executor, input.useOfForceId, input.personId);
      if ('problem' in target) throw ruleRefused([target.problem]);
      const id = newId();
      await executor
        .insertInto('force_examination')
        .values({
          id,
          incident_id: input.useOfForceId,
          person_id: input.personId,
          outcome: 'injury_record',
          examined_at: input.at,
          examined_by: input.userId,
          // MED-4: who was present is recorded in the injury record itself.
          non_medical_present: null,
          presence_reason: null,
          note: null,
          injury_record_id: input.injuryRecordId,
          recorded_at: clock.now().toISOString(),
        })
        .execute();
      await audit.record(
        executor as Tx,
        input.actor ?? { userId: input.userId, username: null, role: null, clientAddress: null },
        {
          action: 'force.examination.result',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'force_incident',
          resourceId: input.useOfForceId,
          personId: input.personId,
          details: { injuryRecord: input.injuryRecordId },
        },
      );
      return { id };
    },

    /**
     * RST-11, for the injuries module: the institution and time of a use of force for a person it
     * was used on (the injury record's context), or undefined when the pair does not exist.
     */
    async incidentForExamination(
      executor: Executor,
      useOfForceId: string,
      personId: string,
    ): Promise<{ institutionId: string; occurredAt: string } | undefined> {
      const row = await executor
        .selectFrom('force_incident_person')
        .innerJoin('force_incident', 'force_incident.id', 'force_incident_person.incident_id')
        .select(['force_incident.institution_id', 'force_incident.occurred_at'])
        .where('force_incident_person.incident_id', '=', useOfForceId)
        .where('force_incident_person.person_id', '=', personId)
        .executeTakeFirst();
      return row ? { institutionId: row.institution_id, occurredAt: row.occurred_at } : undefined;
    },
  };
}
