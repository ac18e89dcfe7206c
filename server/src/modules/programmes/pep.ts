import {
  calendarDateIn,
  defaultWorkingHours,
  type HepBCourseOpenInput,
  type HepBDoseFact,
  type HepBDoseInput,
  type HepBSchedule,
  hepBDoseProblems,
  hepBDoseState,
  hepBNextDose,
  hepBSchedules,
  newId,
  type PepCase,
  type PepCloseInput,
  type PepExposureInput,
  type PepFollowUpResultInput,
  type PepReport,
  type PepStartInput,
  type ProgrammeProblem,
  pepExposureProblems,
  pepExposureTypes,
  pepFollowUpDueDates,
  pepOutOfHoursAlert,
  pepRegimens,
  pepStartProblems,
  pepState,
  pepWithin72h,
  suppressTable,
  workingHoursOf,
} from '@custodia/domain';
import type { WorklistContributor, WorklistItem } from '../../platform/contributions.ts';
import { type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import { notFound, ruleRefused } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { programmeApi } from '../medication/index.ts';
import { type ProgrammesDeps, personAccess, programmeRules, scopeOf } from './context.ts';
import type {
  ProgrammeHepbCourseTable,
  ProgrammeHepbDoseTable,
  ProgrammePepFollowupTable,
  ProgrammePepTable,
} from './pep-tables.ts';

const refuse = (problems: readonly ProgrammeProblem[]) => ruleRefused(problems, programmeRules);
const WORKLIST_LIMIT = 50;

/**
 * Post-exposure prophylaxis (BBV-2) and hepatitis B vaccination (PHC-11) (issue 16 item 4; ADR 0049):
 * the commands, each in one transaction with its audit record and refused in words with nothing
 * written; the person's reads; the worklist lines (PEP deadlines, follow-up tests, vaccine doses
 * due); the "PEP within 72 h" report, small numbers suppressed outside health care (DAT-6).
 */
export function createPepService(deps: ProgrammesDeps) {
  const { db, clock, timeZone, audit, registry } = deps;
  const access = personAccess(deps);
  const today = () => calendarDateIn(clock.now(), timeZone);

  async function pepRow(executor: Executor, id: string) {
    const row = await executor
      .selectFrom('programme_pep')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('No such exposure.');
    return row;
  }
  async function courseRow(executor: Executor, id: string) {
    const row = await executor
      .selectFrom('programme_hepb_course')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('No such vaccination course.');
    return row;
  }
  const facts = (p: ProgrammePepTable) => ({
    exposedAt: p.exposed_at,
    firstDoseAt: p.first_dose_at,
    closure: p.closure,
  });
  const doseFacts = (doses: readonly ProgrammeHepbDoseTable[]): HepBDoseFact[] =>
    doses.map((d) => ({
      doseNumber: d.dose_number,
      outcome: d.outcome as 'given' | 'refused',
      on: d.given_on,
    }));

  function pepView(p: ProgrammePepTable, followUps: readonly ProgrammePepFollowupTable[]): PepCase {
    const t = today();
    return {
      id: p.id,
      exposedAt: p.exposed_at,
      type: p.exposure_type as PepCase['type'],
      sourceStatus: p.source_status as PepCase['sourceStatus'],
      description: p.description,
      reportedAt: p.reported_at,
      firstDoseAt: p.first_dose_at,
      regimenCode: p.regimen_code,
      lateReason: p.late_reason,
      prescriptionIds: p.prescription_ids ? (JSON.parse(p.prescription_ids) as string[]) : [],
      closure: p.closure as PepCase['closure'],
      closedOn: p.closed_on,
      state: pepState(facts(p), clock.now()),
      followUps: followUps
        .filter((f) => f.pep_id === p.id)
        .sort((a, b) => a.due_on.localeCompare(b.due_on))
        .map((f) => ({
          id: f.id,
          timepoint: f.timepoint as PepCase['followUps'][number]['timepoint'],
          dueOn: f.due_on,
          doneOn: f.done_on,
          hiv: f.hiv as PepCase['followUps'][number]['hiv'],
          hbv: f.hbv as PepCase['followUps'][number]['hbv'],
          hcv: f.hcv as PepCase['followUps'][number]['hcv'],
          overdue: !f.done_on && f.due_on < t,
        })),
    };
  }

  function courseView(
    c: ProgrammeHepbCourseTable,
    doses: readonly ProgrammeHepbDoseTable[],
    names: Map<string, string>,
  ) {
    const mine = doses
      .filter((d) => d.course_id === c.id)
      .sort((a, b) => a.given_on.localeCompare(b.given_on) || a.dose_number - b.dose_number);
    const schedule = c.schedule as HepBSchedule;
    const next = c.decision === 'accepted' ? hepBNextDose(schedule, c.offered_on, doseFacts(mine)) : null;
    return {
      id: c.id,
      schedule,
      immunity: c.immunity as 'non_immune' | 'unknown',
      decision: c.decision as 'accepted' | 'declined',
      offeredOn: c.offered_on,
      complete: c.complete === 1,
      plannedDoses: hepBSchedules[schedule].length,
      doses: mine.map((d) => ({
        id: d.id,
        doseNumber: d.dose_number,
        outcome: d.outcome as 'given' | 'refused',
        on: d.given_on,
        batch: d.batch,
        givenBy: d.outcome === 'given' ? (names.get(d.recorded_by) ?? null) : null,
      })),
      next: next ? { ...next, state: hepBDoseState(next.dueOn, today()) } : null,
    };
  }

  async function inCustody(
    tx: Tx,
    caller: Caller,
    personId: string,
    action: Parameters<ReturnType<typeof personAccess>>[4]['action'],
    resourceType: string,
    resourceId?: string,
  ) {
    const person = await access(tx, caller.viewer, caller.audit, personId, {
      action,
      resourceType,
      resourceId: resourceId ?? null,
    });
    if (!person.institution_id || person.status !== 'in_custody')
      throw refuse([{ path: '', code: 'not_in_custody' }]);
    return { ...person, institution_id: person.institution_id };
  }

  return {
    /** BBV-2: a person's exposures, their state at this moment, and the follow-up tests. Audited. */
    async personPep(caller: Caller, personId: string) {
      return inTransaction(db, async (tx) => {
        await access(tx, caller.viewer, caller.audit, personId, {
          action: 'programmes.pep.read',
          resourceType: 'programme_pep',
        });
        const cases = await tx
          .selectFrom('programme_pep')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('exposed_at', 'desc')
          .limit(50)
          .execute();
        const followUps = cases.length
          ? await tx
              .selectFrom('programme_pep_followup')
              .selectAll()
              .where(
                'pep_id',
                'in',
                cases.map((c) => c.id),
              )
              .execute()
          : [];
        return {
          items: cases.map((c) => pepView(c, followUps)),
          regimens: pepRegimens.map((r) => ({ code: r.code, lines: r.lines.map((l) => ({ ...l })) })),
        };
      });
    },

    /** BBV-2: an exposure report; the follow-up tests fall due from it (baseline, 6 weeks, 3 and 6 months). */
    async reportExposure(caller: Caller, personId: string, input: PepExposureInput) {
      return inTransaction(db, async (tx) => {
        const person = await inCustody(tx, caller, personId, 'programmes.pep.report', 'programme_pep');
        const problems = pepExposureProblems(input, clock.now());
        if (problems.length) throw refuse(problems);
        const id = newId();
        const exposedAt = new Date(input.exposedAt).toISOString();
        await tx
          .insertInto('programme_pep')
          .values({
            id,
            person_id: personId,
            institution_id: person.institution_id,
            exposed_at: exposedAt,
            exposure_type: input.type,
            source_status: input.sourceStatus,
            description: input.description?.trim() || null,
            reported_by: caller.userId,
            reported_at: clock.now().toISOString(),
            first_dose_at: null,
            regimen_code: null,
            late_reason: null,
            prescription_ids: null,
            started_by: null,
            closure: null,
            closed_on: null,
            closure_note: null,
            version: 1,
          })
          .execute();
        await tx
          .insertInto('programme_pep_followup')
          .values(
            pepFollowUpDueDates(calendarDateIn(new Date(exposedAt), timeZone)).map((f) => ({
              id: newId(),
              pep_id: id,
              person_id: personId,
              institution_id: person.institution_id,
              timepoint: f.timepoint,
              due_on: f.dueOn,
              done_on: null,
              hiv: null,
              hbv: null,
              hcv: null,
              recorded_by: null,
              recorded_at: null,
            })),
          )
          .execute();
        return { id };
      });
    },

    /**
     * BBV-2: the first dose (≤ 72 h, later only with a reason) and the 28-day course prescribed
     * through medication as supervised doses, from the regimen's data.
     */
    async startPep(caller: Caller, pepId: string, input: PepStartInput) {
      return inTransaction(db, async (tx) => {
        const p = await pepRow(tx, pepId);
        const person = await inCustody(
          tx,
          caller,
          p.person_id,
          'programmes.pep.start',
          'programme_pep',
          p.id,
        );
        const problems = pepStartProblems(facts(p), input, clock.now());
        if (problems.length) throw refuse(problems);
        const regimen = pepRegimens.find((r) => r.code === input.regimenCode);
        if (!regimen) throw refuse([{ path: 'regimenCode', code: 'unknown_regimen' }]);
        const firstDoseAt = new Date(input.firstDoseAt).toISOString();
        const state = pepState({ ...facts(p), firstDoseAt }, clock.now());
        const { ids, problems: rx } = await programmeApi.prescribeSupervisedRegimen(tx, {
          personId: p.person_id,
          institutionId: person.institution_id,
          prescriberId: caller.userId,
          startAt: firstDoseAt,
          endAt: state.courseEndsAt as string,
          indication: `PEP ${regimen.code}`,
          lines: regimen.lines,
          now: clock.now().toISOString(),
          // The same allergy check as any prescription (ADR 0050).
          allergies: deps.allergies,
        });
        if (rx.length)
          throw refuse(
            rx.map((r) => ({
              path: 'regimenCode',
              // An allergy match: another regimen, not an override (PEP has alternatives).
              code: r.code === 'allergy_override_required' ? 'regimen_allergy' : `regimen_${r.code}`,
            })),
          );
        await tx
          .updateTable('programme_pep')
          .set({
            first_dose_at: firstDoseAt,
            regimen_code: regimen.code,
            late_reason: state.withinLimit ? null : (input.lateReason?.trim() ?? null),
            prescription_ids: JSON.stringify(ids),
            started_by: caller.userId,
            version: p.version + 1,
          })
          .where('id', '=', p.id)
          .execute();
        return { id: p.id, prescriptionIds: ids };
      });
    },

    /** BBV-2: the case closed (course completed, declined, not indicated, stopped), once. */
    async closePep(caller: Caller, pepId: string, input: PepCloseInput) {
      return inTransaction(db, async (tx) => {
        const p = await pepRow(tx, pepId);
        await access(tx, caller.viewer, caller.audit, p.person_id, {
          action: 'programmes.pep.close',
          resourceType: 'programme_pep',
          resourceId: p.id,
        });
        if (p.closure) throw refuse([{ path: '', code: 'pep_closed' }]);
        if (input.closure === 'completed' && !pepState(facts(p), clock.now()).courseComplete)
          throw refuse([{ path: 'closure', code: 'pep_course_not_complete' }]);
        if ((input.closure === 'declined' || input.closure === 'not_indicated') && p.first_dose_at)
          throw refuse([{ path: 'closure', code: 'pep_already_started' }]);
        await tx
          .updateTable('programme_pep')
          .set({
            closure: input.closure,
            closed_on: today(),
            closure_note: input.note?.trim() || null,
            version: p.version + 1,
          })
          .where('id', '=', p.id)
          .execute();
        return { id: p.id };
      });
    },

    /** BBV-2: a follow-up time point's results (HIV, HBsAg, anti-HCV), once, not in the future. */
    async recordFollowUp(caller: Caller, followUpId: string, input: PepFollowUpResultInput) {
      return inTransaction(db, async (tx) => {
        const f = await tx
          .selectFrom('programme_pep_followup')
          .selectAll()
          .where('id', '=', followUpId)
          .executeTakeFirst();
        if (!f) throw notFound('No such follow-up test.');
        await access(tx, caller.viewer, caller.audit, f.person_id, {
          action: 'programmes.pep.followup',
          resourceType: 'programme_pep',
          resourceId: f.pep_id,
        });
        if (f.done_on) throw refuse([{ path: '', code: 'already_resulted' }]);
        if (input.doneOn > today()) throw refuse([{ path: 'doneOn', code: 'in_the_future' }]);
        const p = await pepRow(tx, f.pep_id);
        if (input.doneOn < calendarDateIn(new Date(p.exposed_at), timeZone))
          throw refuse([{ path: 'doneOn', code: 'before_exposure' }]);
        await tx
          .updateTable('programme_pep_followup')
          .set({
            done_on: input.doneOn,
            hiv: input.hiv,
            hbv: input.hbv,
            hcv: input.hcv,
            recorded_by: caller.userId,
            recorded_at: clock.now().toISOString(),
          })
          .where('id', '=', f.id)
          .execute();
        return { id: f.id };
      });
    },

    /** PHC-11: a person's hepatitis B vaccination courses with their doses and the next dose due. Audited. */
    async personHepB(caller: Caller, personId: string) {
      return inTransaction(db, async (tx) => {
        await access(tx, caller.viewer, caller.audit, personId, {
          action: 'programmes.hepb.read',
          resourceType: 'programme_hepb_course',
        });
        const courses = await tx
          .selectFrom('programme_hepb_course')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('offered_on', 'desc')
          .limit(20)
          .execute();
        const doses = courses.length
          ? await tx
              .selectFrom('programme_hepb_dose')
              .selectAll()
              .where(
                'course_id',
                'in',
                courses.map((c) => c.id),
              )
              .execute()
          : [];
        const names = await deps.displayNames(
          tx,
          doses.map((d) => d.recorded_by),
        );
        return { items: courses.map((c) => courseView(c, doses, names)) };
      });
    },

    /** PHC-11: the offer at entry to the non-immune: a course accepted (schedule) or declined. One open course at a time. */
    async openHepBCourse(caller: Caller, personId: string, input: HepBCourseOpenInput) {
      return inTransaction(db, async (tx) => {
        const person = await inCustody(
          tx,
          caller,
          personId,
          'programmes.hepb.offer',
          'programme_hepb_course',
        );
        if (input.offeredOn > today()) throw refuse([{ path: 'offeredOn', code: 'in_the_future' }]);
        // PHC-11 (ADR 0054): a refused offer records its reason; it ends the non-immune result's prompt.
        if (input.decision === 'declined' && !input.note?.trim())
          throw refuse([{ path: 'note', code: 'decline_reason_required' }]);
        const open = await tx
          .selectFrom('programme_hepb_course')
          .select('id')
          .where('person_id', '=', personId)
          .where('decision', '=', 'accepted')
          .where('complete', '=', 0)
          .executeTakeFirst();
        if (open && input.decision === 'accepted') throw refuse([{ path: '', code: 'course_already_open' }]);
        const id = newId();
        await tx
          .insertInto('programme_hepb_course')
          .values({
            id,
            person_id: personId,
            institution_id: person.institution_id,
            schedule: input.schedule,
            immunity: input.immunity,
            decision: input.decision,
            offered_on: input.offeredOn,
            note: input.note?.trim() || null,
            next_due_on: input.decision === 'accepted' ? input.offeredOn : null,
            complete: 0,
            created_by: caller.userId,
            created_at: clock.now().toISOString(),
          })
          .execute();
        // PHC-11 (ADR 0057): the offer recorded (accepted or declined) is the admission's prompt done.
        await tx
          .updateTable('programme_task')
          .set({ done_on: input.offeredOn, done_by: caller.userId })
          .where('person_id', '=', personId)
          .where('kind', '=', 'hepb_entry_offer')
          .where('done_on', 'is', null)
          .execute();
        return { id };
      });
    },

    /** PHC-11: a dose given (date, batch, by whom: the recorder) or refused; the next due date follows. */
    async recordHepBDose(caller: Caller, courseId: string, input: HepBDoseInput) {
      return inTransaction(db, async (tx) => {
        const c = await courseRow(tx, courseId);
        await access(tx, caller.viewer, caller.audit, c.person_id, {
          action: 'programmes.hepb.dose',
          resourceType: 'programme_hepb_course',
          resourceId: c.id,
        });
        const doses = await tx
          .selectFrom('programme_hepb_dose')
          .selectAll()
          .where('course_id', '=', c.id)
          .execute();
        const schedule = c.schedule as HepBSchedule;
        const known = doseFacts(doses);
        const problems = hepBDoseProblems(
          { startOn: c.offered_on, schedule, closed: c.decision !== 'accepted' || c.complete === 1 },
          known,
          input,
          today(),
        );
        if (problems.length) throw refuse(problems);
        const doseNumber = (hepBNextDose(schedule, c.offered_on, known) as { doseNumber: number }).doseNumber;
        const id = newId();
        await tx
          .insertInto('programme_hepb_dose')
          .values({
            id,
            course_id: c.id,
            person_id: c.person_id,
            dose_number: doseNumber,
            outcome: input.outcome,
            given_on: input.on,
            batch: input.outcome === 'given' ? (input.batch?.trim() ?? null) : null,
            note: input.note?.trim() || null,
            recorded_by: caller.userId,
            recorded_at: clock.now().toISOString(),
          })
          .execute();
        const next = hepBNextDose(schedule, c.offered_on, [
          ...known,
          { doseNumber, outcome: input.outcome, on: input.on },
        ]);
        await tx
          .updateTable('programme_hepb_course')
          .set({ next_due_on: next?.dueOn ?? null, complete: next ? 0 : 1 })
          .where('id', '=', c.id)
          .execute();
        return { id };
      });
    },

    /**
     * BBV-2, DAT-6: "PEP within 72 h" for the exposures of a period (by exposure date in the
     * deployment's zone), per institution; outside health care small counts are suppressed. Audited.
     */
    async pepReport(
      caller: Caller,
      query: { institutionId?: string; from?: string; to?: string },
      threshold: number,
    ): Promise<PepReport> {
      const institutions = scopeOf(caller.viewer, query.institutionId);
      if (institutions && !institutions.length) throw notFound('No such institution.');
      const to = query.to ?? today();
      const from = query.from ?? `${to.slice(0, 4)}-01-01`;
      if (from > to) throw refuse([{ path: 'from', code: 'period_reversed' }]);
      // The period's bounds in UTC, a day's margin either side, then filtered by the local date.
      let q = db
        .selectFrom('programme_pep')
        .select(['exposed_at', 'first_dose_at', 'closure', 'exposure_type'])
        .where('exposed_at', '>=', new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString())
        .where('exposed_at', '<', new Date(Date.parse(`${to}T00:00:00Z`) + 2 * 86_400_000).toISOString());
      if (institutions) q = q.where('institution_id', 'in', institutions);
      const rows = (await q.execute()).filter((r) => {
        const d = calendarDateIn(new Date(r.exposed_at), timeZone);
        return d >= from && d <= to;
      });
      await inTransaction(db, (tx) =>
        audit.record(tx, caller.audit, {
          action: 'programmes.pep.report.read',
          dataClass: caller.has('programmes.read') ? 'clinical' : 'aggregate',
          outcome: 'allowed',
          resourceType: 'programme_pep_report',
          resourceId: `${query.institutionId ?? 'all'}:${from}:${to}`,
        }),
      );
      const r = pepWithin72h(
        rows.map((x) => ({ exposedAt: x.exposed_at, firstDoseAt: x.first_dose_at, closure: x.closure })),
      );
      const byType: Record<string, number> = {};
      for (const t of pepExposureTypes) byType[t] = rows.filter((x) => x.exposure_type === t).length;
      const base = { institutionId: query.institutionId ?? null, from, to };
      if (caller.has('programmes.read')) return { ...base, ...r, byType, suppression: null };
      // DAT-6: the exposures are the sum of the types; started = within + late; small cells hidden.
      const cells = {
        exposures: r.exposures,
        started: r.started,
        within72h: r.within72h,
        late: r.started - r.within72h,
        notStarted: r.exposures - r.started,
        ...Object.fromEntries(Object.entries(byType).map(([k, v]) => [`type.${k}`, v])),
      };
      const s = suppressTable(
        cells,
        [
          { total: 'exposures', parts: pepExposureTypes.map((t) => `type.${t}`) },
          { total: 'exposures', parts: ['started', 'notStarted'] },
          { total: 'started', parts: ['within72h', 'late'] },
        ],
        threshold,
      );
      const hidden = s.cells.within72h === null || s.cells.exposures === null;
      return {
        ...base,
        exposures: s.cells.exposures ?? null,
        started: s.cells.started ?? null,
        within72h: s.cells.within72h ?? null,
        percent: hidden ? null : r.percent,
        medianHours: s.cells.started === null ? null : r.medianHours,
        byType: Object.fromEntries(pepExposureTypes.map((t) => [t, s.cells[`type.${t}`] ?? null])),
        suppression: { threshold, cells: s.suppressed },
      };
    },

    /** The worklist: PEP deadlines (overdue from 24 h), follow-up tests due, hepatitis B doses due. */
    pepWorklist: {
      module: 'programmes',
      async contribute(actor) {
        if (!actor.permissions.has('programmes.read')) return [];
        if (!actor.national && !actor.institutionIds.length) return [];
        const scope = actor.national ? null : actor.institutionIds;
        const t = today();
        const now = clock.now();
        let openQ = db
          .selectFrom('programme_pep')
          .selectAll()
          .where('first_dose_at', 'is', null)
          .where('closure', 'is', null)
          .where('exposed_at', '>', new Date(now.getTime() - 7 * 86_400_000).toISOString())
          .orderBy('exposed_at')
          .limit(WORKLIST_LIMIT);
        if (scope) openQ = openQ.where('institution_id', 'in', scope);
        let followQ = db
          .selectFrom('programme_pep_followup')
          .selectAll()
          .where('done_on', 'is', null)
          .where('due_on', '<=', t)
          .orderBy('due_on')
          .limit(WORKLIST_LIMIT);
        if (scope) followQ = followQ.where('institution_id', 'in', scope);
        let doseQ = db
          .selectFrom('programme_hepb_course')
          .selectAll()
          .where('next_due_on', '<=', t)
          .orderBy('next_due_on')
          .limit(WORKLIST_LIMIT);
        if (scope) doseQ = doseQ.where('institution_id', 'in', scope);
        // PHC-11 (ADR 0057): exposures reported, or courses started, in the last 8 days: those out of
        // the institution's working hours are the health manager's and the doctors' to know of.
        const managers = actor.permissions.has('programmes.report.read');
        const since = new Date(now.getTime() - 8 * 86_400_000).toISOString();
        let lateQ = db
          .selectFrom('programme_pep')
          .select(['id', 'person_id', 'institution_id', 'reported_at', 'first_dose_at'])
          .where((eb) => eb.or([eb('reported_at', '>', since), eb('first_dose_at', '>', since)]))
          .orderBy('reported_at')
          .limit(WORKLIST_LIMIT);
        if (scope) lateQ = lateQ.where('institution_id', 'in', scope);
        const [open, follow, doses, late, institutions] = await Promise.all([
          openQ.execute(),
          followQ.execute(),
          doseQ.execute(),
          managers ? lateQ.execute() : Promise.resolve([]),
          managers ? registry.listInstitutions() : Promise.resolve([]),
        ]);
        const zoneOf = new Map(institutions.map((i) => [i.id, i.timeZone]));
        const hours = new Map(
          await Promise.all(
            [...new Set(late.map((r) => r.institution_id))].map(
              async (id) =>
                [
                  id,
                  workingHoursOf(
                    deps.screening.thresholdValues
                      ? await deps.screening.thresholdValues(
                          db,
                          [
                            'PHC-11.working_day_start_minutes',
                            'PHC-11.working_day_end_minutes',
                            'PHC-11.working_days',
                          ],
                          id,
                        )
                      : new Map(),
                  ),
                ] as const,
            ),
          ),
        );
        const outOfHours = late.flatMap((r) => {
          const alert = pepOutOfHoursAlert(
            [r.reported_at, r.first_dose_at],
            hours.get(r.institution_id) ?? defaultWorkingHours,
            zoneOf.get(r.institution_id) ?? timeZone,
            now,
          );
          return alert ? [{ row: r, ...alert }] : [];
        });
        const people = await registry.personLabels(
          db,
          [...open, ...follow, ...doses, ...outOfHours.map((o) => o.row)].map((r) => r.person_id),
        );
        const label = (id: string) =>
          `${people.get(id)?.prisonNumber ?? ''} · ${people.get(id)?.name ?? ''}`.trim();
        const items: WorklistItem[] = [];
        for (const p of open) {
          const s = pepState(facts(p), now);
          items.push({
            module: 'programmes',
            kind: 'pep_deadline',
            severity: s.alert === 'due' ? 'due' : 'overdue',
            subjectId: p.person_id,
            label: label(p.person_id),
            since: p.exposed_at,
            dueAt: s.deadlineAt,
            institutionId: p.institution_id,
            dataClass: 'clinical',
          });
        }
        // PHC-11: an out-of-hours exposure or PEP order, until the end of the next working period.
        for (const o of outOfHours)
          items.push({
            module: 'programmes',
            kind: 'pep_out_of_hours',
            severity: 'due',
            subjectId: o.row.person_id,
            label: label(o.row.person_id),
            since: o.at,
            dueAt: o.until,
            institutionId: o.row.institution_id,
            dataClass: 'clinical',
          });
        for (const f of follow)
          items.push({
            module: 'programmes',
            kind: 'pep_followup_due',
            severity: f.due_on < t ? 'overdue' : 'due',
            subjectId: f.person_id,
            label: label(f.person_id),
            since: null,
            dueAt: new Date(`${f.due_on}T00:00:00Z`).toISOString(),
            institutionId: f.institution_id,
            dataClass: 'clinical',
          });
        for (const c of doses)
          items.push({
            module: 'programmes',
            kind: 'hepb_dose_due',
            severity: hepBDoseState(c.next_due_on as string, t) === 'overdue' ? 'overdue' : 'due',
            subjectId: c.person_id,
            label: label(c.person_id),
            since: null,
            dueAt: new Date(`${c.next_due_on}T00:00:00Z`).toISOString(),
            institutionId: c.institution_id,
            dataClass: 'clinical',
          });
        return items;
      },
    } satisfies WorklistContributor,
  };
}

export type PepService = ReturnType<typeof createPepService>;
