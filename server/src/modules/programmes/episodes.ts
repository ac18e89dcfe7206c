import {
  CONTACT_LOOKBACK_MONTHS,
  calendarDateIn,
  contactsFromStays,
  type EpisodeOpenInput,
  newId,
  type OutcomeInput,
  openEpisodeProblem,
  outcomeProblems,
  type ProgrammeCode,
  type ProgrammeProblem,
  programmeAddDays,
  programmeAddMonths,
  programmeDefinitions,
  quarterBounds,
  quarterMinus,
  quarterOf,
  type RegimenTemplate,
  type RegistrationInput,
  registerNumber,
  registrationProblems,
  resultDateProblems,
  sampleDateProblems,
  type TbScreenInput,
  type TestOrderInput,
  type TestResultInput,
  type TreatmentStartInput,
} from '@custodia/domain';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { programmeApi } from '../medication/index.ts';
import { episodeRow, type ProgrammesDeps, personAccess, programmeRules } from './context.ts';
import { registrationOf, testFacts } from './views.ts';

const refuse = (problems: readonly ProgrammeProblem[]) => ruleRefused(problems, programmeRules);

/**
 * The commands of a programme episode (DOMAIN.md §0.4; TB-1 … TB-5): each in one transaction with
 * its audit record, refused in words with nothing written when a rule says no.
 */
export function createEpisodeCommands(deps: ProgrammesDeps) {
  const { db, clock, timeZone, registry } = deps;
  const access = personAccess(deps);
  const today = () => calendarDateIn(clock.now(), timeZone);

  /** DOMAIN §0.4: opens an episode unless one of the programme is open (refused then). */
  async function openEpisode(
    tx: Tx,
    input: {
      personId: string;
      institutionId: string;
      programme: ProgrammeCode;
      source: string;
      presumedOn: string;
      note?: string | null;
    },
    userId: string,
    extra: Partial<{ previous_episode_id: string }> = {},
  ): Promise<string> {
    const existing = await tx
      .selectFrom('programme_episode')
      .select(['id', 'programme', 'outcome'])
      .where('person_id', '=', input.personId)
      .where('programme', '=', input.programme)
      .execute();
    const problem = openEpisodeProblem(
      existing.map((e) => ({ id: e.id, programme: e.programme as ProgrammeCode, outcome: e.outcome })),
      input.programme,
    );
    if (problem) throw refuse([problem]);
    const id = newId();
    await tx
      .insertInto('programme_episode')
      .values({
        id,
        programme: input.programme,
        person_id: input.personId,
        institution_id: input.institutionId,
        source: input.source,
        presumed_on: input.presumedOn,
        status: 'presumptive',
        register_number: null,
        category: null,
        bacteriology: null,
        site: null,
        resistance: null,
        diagnosed_on: null,
        registered_on: null,
        regimen_code: null,
        treatment_start_on: null,
        treatment_months: null,
        prescription_ids: null,
        outcome: null,
        outcome_on: null,
        failure_reason: null,
        isolation_ended_on: null,
        isolation_end_reason: null,
        previous_episode_id: extra.previous_episode_id ?? null,
        note: input.note ?? null,
        created_by: userId,
        created_at: clock.now().toISOString(),
        version: 1,
      })
      .execute();
    return id;
  }

  /** The register number of the next case of the institution and year (one row per counter). */
  async function nextRegisterNumber(tx: Tx, institutionId: string, programme: string, year: number) {
    const row = await tx
      .selectFrom('programme_counter')
      .select('last')
      .where('institution_id', '=', institutionId)
      .where('programme', '=', programme)
      .where('year', '=', year)
      .executeTakeFirst();
    const last = (row?.last ?? 0) + 1;
    if (row)
      await tx
        .updateTable('programme_counter')
        .set({ last })
        .where('institution_id', '=', institutionId)
        .where('programme', '=', programme)
        .where('year', '=', year)
        .execute();
    else
      await tx
        .insertInto('programme_counter')
        .values({ institution_id: institutionId, programme, year, last })
        .execute();
    const code = (await registry.institutionCodes(tx, [institutionId])).get(institutionId) ?? 'X';
    return registerNumber(code, year, last);
  }

  /**
   * TB-5, PHC-7: the contact investigation of a pulmonary case: everyone who shared a cell or a unit
   * with the person in the last 3 months, from the registry's placement history, each with a
   * screening task. Opened once per episode.
   */
  async function openContactInvestigation(
    tx: Tx,
    episode: { id: string; person_id: string; institution_id: string },
    userId: string,
  ) {
    const exists = await tx
      .selectFrom('programme_contact_investigation')
      .select('id')
      .where('episode_id', '=', episode.id)
      .executeTakeFirst();
    if (exists) return exists.id;
    const now = clock.now();
    const to = now.toISOString();
    const from = new Date(
      `${programmeAddMonths(calendarDateIn(now, timeZone), -CONTACT_LOOKBACK_MONTHS)}T00:00:00Z`,
    ).toISOString();
    const mine = await registry.placementStays(tx, { personIds: [episode.person_id], unitIds: [], from, to });
    const units = [...new Set(mine.map((s) => s.unitId))];
    const others = units.length
      ? await registry.placementStays(tx, { personIds: [], unitIds: units, from, to })
      : [];
    const contacts = contactsFromStays(episode.person_id, mine, others, { from, to });
    const id = newId();
    await tx
      .insertInto('programme_contact_investigation')
      .values({
        id,
        episode_id: episode.id,
        person_id: episode.person_id,
        institution_id: episode.institution_id,
        window_from: from,
        window_to: to,
        opened_by: userId,
        opened_at: to,
      })
      .execute();
    if (contacts.length) {
      const dueOn = programmeAddDays(calendarDateIn(now, timeZone), 7);
      const rows = contacts.map((c) => ({ contact: c, taskId: newId() }));
      await tx
        .insertInto('programme_task')
        .values(
          rows.map((r) => ({
            id: r.taskId,
            programme: 'tb',
            kind: 'contact_screen',
            person_id: r.contact.personId,
            institution_id: episode.institution_id,
            due_on: dueOn,
            source_id: id,
            opened_at: to,
            done_on: null,
            done_by: null,
            note: null,
          })),
        )
        .execute();
      await tx
        .insertInto('programme_contact')
        .values(
          rows.map((r) => ({
            id: newId(),
            investigation_id: id,
            person_id: r.contact.personId,
            setting: r.contact.setting,
            overlap_from: r.contact.overlapFrom,
            overlap_to: r.contact.overlapTo,
            task_id: r.taskId,
            screened_on: null,
            outcome: null,
            note: null,
            recorded_by: null,
          })),
        )
        .execute();
    }
    return id;
  }

  function checkVersion(row: { version: number }, version: number | undefined) {
    if (version !== undefined && row.version !== version) throw staleVersion('episode');
  }

  async function regimen(tx: Tx, code: string): Promise<RegimenTemplate | null> {
    const r = await tx
      .selectFrom('programme_regimen')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    if (!r) return null;
    return {
      code: r.code,
      name: r.name,
      group: r.grp as RegimenTemplate['group'],
      phases: JSON.parse(r.phases),
      active: r.active === 1,
    };
  }

  return {
    openEpisode,
    openContactInvestigation,

    /**
     * ADM-6, PHC-9: a TB screening recorded; a positive one opens a presumptive episode (source: the
     * symptom screen or the chest X-ray), unless one is open, and so the airborne-isolation alert.
     */
    async recordScreen(caller: Caller, personId: string, input: TbScreenInput) {
      const problems = sampleDateProblems(input.screenedOn, today()).map((p) => ({
        ...p,
        path: 'screenedOn',
      }));
      if (problems.length) throw refuse(problems);
      return inTransaction(db, async (tx) => {
        const person = await access(tx, caller.viewer, caller.audit, personId, {
          action: 'programmes.screen.record',
          resourceType: 'programme_screen',
        });
        if (person.status !== 'in_custody' || !person.institution_id)
          throw refuse([{ path: '', code: 'not_in_custody' }]);
        let episodeId: string | null = null;
        if (input.result === 'positive') {
          const open = await tx
            .selectFrom('programme_episode')
            .select('id')
            .where('person_id', '=', personId)
            .where('programme', '=', 'tb')
            .where('outcome', 'is', null)
            .executeTakeFirst();
          episodeId =
            open?.id ??
            (await openEpisode(
              tx,
              {
                personId,
                institutionId: person.institution_id,
                programme: 'tb',
                source: input.method === 'chest_xray' ? 'chest_xray' : 'symptom_screen',
                presumedOn: input.screenedOn,
              },
              caller.userId,
            ));
        }
        const id = newId();
        await tx
          .insertInto('programme_screen')
          .values({
            id,
            person_id: personId,
            institution_id: person.institution_id,
            method: input.method,
            occasion: input.occasion,
            screened_on: input.screenedOn,
            result: input.result,
            symptoms: JSON.stringify({
              cough2Weeks: input.cough2Weeks ?? null,
              fever: input.fever ?? null,
              weightLoss: input.weightLoss ?? null,
              nightSweats: input.nightSweats ?? null,
            }),
            note: input.note ?? null,
            episode_id: episodeId,
            recorded_by: caller.userId,
            recorded_at: clock.now().toISOString(),
          })
          .execute();
        // A yearly or release screening task of the person is done by the screening.
        await tx
          .updateTable('programme_task')
          .set({ done_on: input.screenedOn, done_by: caller.userId })
          .where('person_id', '=', personId)
          .where('kind', 'in', ['yearly_screen', 'release_screen'])
          .where('done_on', 'is', null)
          .execute();
        return { id, episodeId };
      });
    },

    /** DOMAIN §0.4: an episode opened by hand (a presumptive case); two open of one programme refused. */
    async open(caller: Caller, personId: string, input: EpisodeOpenInput) {
      if (input.presumedOn > today()) throw refuse([{ path: 'presumedOn', code: 'in_the_future' }]);
      return inTransaction(db, async (tx) => {
        const person = await access(tx, caller.viewer, caller.audit, personId, {
          action: 'programmes.episode.open',
          resourceType: 'programme_episode',
        });
        if (person.status !== 'in_custody' || !person.institution_id)
          throw refuse([{ path: '', code: 'not_in_custody' }]);
        const id = await openEpisode(
          tx,
          { personId, institutionId: person.institution_id, ...input },
          caller.userId,
        );
        return { id };
      });
    },

    /** A test ordered on an episode (a diagnostic or monitoring sample). */
    async orderTest(caller: Caller, episodeId: string, input: TestOrderInput) {
      const problems = sampleDateProblems(input.sampleOn, today());
      if (problems.length) throw refuse(problems);
      return inTransaction(db, async (tx) => {
        const e = await episodeRow(tx, episodeId);
        await access(tx, caller.viewer, caller.audit, e.person_id, {
          action: 'programmes.test.order',
          resourceType: 'programme_test',
        });
        if (e.outcome) throw refuse([{ path: '', code: 'episode_closed' }]);
        if (!programmeDefinitions[e.programme as ProgrammeCode].tests.includes(input.test))
          throw refuse([{ path: 'test', code: 'unknown_test' }]);
        const id = newId();
        await tx
          .insertInto('programme_test')
          .values({
            id,
            episode_id: e.id,
            person_id: e.person_id,
            test: input.test,
            purpose: input.purpose,
            specimen: input.specimen ?? null,
            sample_on: input.sampleOn,
            ordered_by: caller.userId,
            ordered_at: clock.now().toISOString(),
            result_on: null,
            result: null,
            rifampicin: null,
            dst: null,
            note: null,
            resulted_by: null,
            resulted_at: null,
            reviewed_at: null,
          })
          .execute();
        return { id };
      });
    },

    /** A test's result, once; dated on or after its sample (issue 16, bad input). */
    async resultTest(caller: Caller, testId: string, input: TestResultInput) {
      return inTransaction(db, async (tx) => {
        const t = await tx
          .selectFrom('programme_test')
          .selectAll()
          .where('id', '=', testId)
          .executeTakeFirst();
        if (!t) throw notFound('No such test.');
        await access(tx, caller.viewer, caller.audit, t.person_id, {
          action: 'programmes.test.result',
          resourceType: 'programme_test',
          resourceId: t.id,
        });
        const problems: ProgrammeProblem[] = [];
        if (t.result_on) problems.push({ path: '', code: 'already_resulted' });
        if (input.test !== t.test) problems.push({ path: 'test', code: 'not_the_ordered_test' });
        problems.push(...resultDateProblems(t.sample_on, input.resultOn, today()));
        if (problems.length) throw refuse(problems);
        await tx
          .updateTable('programme_test')
          .set({
            result_on: input.resultOn,
            result: input.test === 'dst' ? null : input.result,
            rifampicin: input.test === 'xpert' ? (input.rifampicin ?? null) : null,
            dst: input.test === 'dst' ? JSON.stringify(input.dst) : null,
            note: input.note ?? null,
            resulted_by: caller.userId,
            resulted_at: clock.now().toISOString(),
          })
          .where('id', '=', t.id)
          .where('result_on', 'is', null)
          .execute();
        return { id: t.id };
      });
    },

    /** A resulted test marked reviewed by the clinician (the "results to review" worklist). */
    async reviewTest(caller: Caller, testId: string) {
      return inTransaction(db, async (tx) => {
        const t = await tx
          .selectFrom('programme_test')
          .selectAll()
          .where('id', '=', testId)
          .executeTakeFirst();
        if (!t) throw notFound('No such test.');
        await access(tx, caller.viewer, caller.audit, t.person_id, {
          action: 'programmes.test.review',
          resourceType: 'programme_test',
          resourceId: t.id,
        });
        if (!t.result_on) throw refuse([{ path: '', code: 'no_result_yet' }]);
        await tx
          .updateTable('programme_test')
          .set({ reviewed_at: clock.now().toISOString() })
          .where('id', '=', t.id)
          .execute();
        return { id: t.id };
      });
    },

    /**
     * TB-1: registration with the WHO codes the results support; the register number is assigned now.
     * TB-5: a pulmonary case opens its contact investigation from the placement history.
     */
    async register(caller: Caller, episodeId: string, input: RegistrationInput, version?: number) {
      return inTransaction(db, async (tx) => {
        const e = await episodeRow(tx, episodeId);
        await access(tx, caller.viewer, caller.audit, e.person_id, {
          action: 'programmes.episode.register',
          resourceType: 'programme_episode',
          resourceId: e.id,
        });
        checkVersion(e, version);
        if (e.outcome || e.registered_on) throw refuse([{ path: '', code: 'already_registered' }]);
        const tests = (
          await tx.selectFrom('programme_test').selectAll().where('episode_id', '=', e.id).execute()
        ).map(testFacts);
        const problems = registrationProblems(input, tests, today());
        if (problems.length) throw refuse(problems);
        const number = await nextRegisterNumber(
          tx,
          e.institution_id,
          e.programme,
          Number(input.registeredOn.slice(0, 4)),
        );
        await tx
          .updateTable('programme_episode')
          .set({
            status: 'registered',
            register_number: number,
            category: input.category,
            bacteriology: input.bacteriology,
            site: input.site,
            resistance: input.resistance,
            diagnosed_on: input.diagnosedOn,
            registered_on: input.registeredOn,
            note: input.note ?? e.note,
            version: e.version + 1,
          })
          .where('id', '=', e.id)
          .execute();
        const contactInvestigationId =
          input.site === 'pulmonary' ? await openContactInvestigation(tx, e, caller.userId) : null;
        return { id: e.id, registerNumber: number, contactInvestigationId };
      });
    },

    /**
     * The regimen from its template, prescribed through medication as supervised-only doses (MDX-5,
     * PHC-7: DOT); a phase after the first continues the same treatment.
     */
    async startTreatment(caller: Caller, episodeId: string, input: TreatmentStartInput) {
      return inTransaction(db, async (tx) => {
        const e = await episodeRow(tx, episodeId);
        const person = await access(tx, caller.viewer, caller.audit, e.person_id, {
          action: 'programmes.treatment.start',
          resourceType: 'programme_episode',
          resourceId: e.id,
        });
        const registration = registrationOf(e);
        if (!registration) throw refuse([{ path: '', code: 'not_registered' }]);
        if (e.outcome) throw refuse([{ path: '', code: 'episode_closed' }]);
        if (!person.institution_id || person.status !== 'in_custody')
          throw refuse([{ path: '', code: 'not_in_custody' }]);
        const template = await regimen(tx, input.regimenCode);
        if (!template?.active) throw refuse([{ path: 'regimenCode', code: 'unknown_regimen' }]);
        const phase = template.phases[input.phase];
        if (!phase) throw refuse([{ path: 'phase', code: 'unknown_phase' }]);
        const dr = ['rr', 'mdr', 'pre_xdr', 'xdr'].includes(registration.resistance);
        if (dr !== (template.group === 'drug_resistant'))
          throw refuse([{ path: 'regimenCode', code: 'regimen_does_not_fit_resistance' }]);
        if (input.phase > 0 && (e.regimen_code !== template.code || !e.treatment_start_on))
          throw refuse([{ path: 'phase', code: 'phase_without_start' }]);
        if (input.phase === 0 && e.treatment_start_on)
          throw refuse([{ path: '', code: 'treatment_already_started' }]);
        if (input.startOn > programmeAddDays(today(), 1))
          throw refuse([{ path: 'startOn', code: 'in_the_future' }]);
        if (input.startOn < registration.diagnosedOn)
          throw refuse([{ path: 'startOn', code: 'before_diagnosis' }]);
        const startAt = new Date(`${input.startOn}T00:00:00Z`).toISOString();
        const endAt = new Date(`${programmeAddMonths(input.startOn, phase.months)}T00:00:00Z`).toISOString();
        const { ids, problems } = await programmeApi.prescribeSupervisedRegimen(tx, {
          personId: e.person_id,
          institutionId: person.institution_id,
          prescriberId: caller.userId,
          startAt,
          endAt,
          indication: `TB ${e.register_number ?? ''} ${template.code}`.trim(),
          lines: phase.lines,
          now: clock.now().toISOString(),
          allergies: deps.allergies,
          allergyOverrideReason: input.allergyOverrideReason,
        });
        if (problems.length)
          throw refuse(
            problems.map((p) =>
              p.code === 'allergy_override_required'
                ? { path: 'allergyOverrideReason', code: p.code, message: p.substances }
                : { path: 'regimenCode', code: `regimen_${p.code}` },
            ),
          );
        const months = template.phases.reduce((n, p) => n + p.months, 0);
        await tx
          .updateTable('programme_episode')
          .set({
            status: 'on_treatment',
            regimen_code: template.code,
            treatment_start_on: e.treatment_start_on ?? input.startOn,
            treatment_months: months,
            prescription_ids: JSON.stringify([
              ...ids,
              ...(e.prescription_ids ? (JSON.parse(e.prescription_ids) as string[]) : []),
            ]),
            version: e.version + 1,
          })
          .where('id', '=', e.id)
          .execute();
        return { id: e.id, prescriptionIds: ids };
      });
    },

    /**
     * PHC-8, TB-2: the one final outcome, with the WHO definitions checked where the data can; a
     * failure opens a new episode (registered "after failure", a new register number).
     */
    async recordOutcome(caller: Caller, episodeId: string, input: OutcomeInput, version?: number) {
      return inTransaction(db, async (tx) => {
        const e = await episodeRow(tx, episodeId);
        await access(tx, caller.viewer, caller.audit, e.person_id, {
          action: 'programmes.outcome.record',
          resourceType: 'programme_episode',
          resourceId: e.id,
        });
        checkVersion(e, version);
        if (e.outcome) throw refuse([{ path: 'outcome', code: 'outcome_already_recorded' }]);
        const tests = (
          await tx.selectFrom('programme_test').selectAll().where('episode_id', '=', e.id).execute()
        ).map(testFacts);
        const problems = outcomeProblems(
          input,
          { registration: registrationOf(e), treatmentStartOn: e.treatment_start_on },
          tests,
          today(),
        );
        if (problems.length) throw refuse(problems);
        await tx
          .updateTable('programme_episode')
          .set({
            status: 'closed',
            outcome: input.outcome,
            outcome_on: input.outcomeOn,
            failure_reason: input.outcome === 'treatment_failed' ? (input.failureReason ?? null) : null,
            note: input.note ?? e.note,
            version: e.version + 1,
          })
          .where('id', '=', e.id)
          .execute();
        // TB-4: an outcome recorded answers the outcome-return task of the episode.
        await tx
          .updateTable('programme_task')
          .set({ done_on: input.outcomeOn, done_by: caller.userId })
          .where('source_id', '=', e.id)
          .where('kind', '=', 'outcome_return')
          .where('done_on', 'is', null)
          .execute();
        let nextEpisodeId: string | null = null;
        const definition = programmeDefinitions[e.programme as ProgrammeCode];
        if (definition.reopeningOutcomes.includes(input.outcome)) {
          nextEpisodeId = await openEpisode(
            tx,
            {
              personId: e.person_id,
              institutionId: e.institution_id,
              programme: e.programme as ProgrammeCode,
              source: 'clinician',
              presumedOn: input.outcomeOn,
            },
            caller.userId,
            { previous_episode_id: e.id },
          );
          const number = await nextRegisterNumber(
            tx,
            e.institution_id,
            e.programme,
            Number(input.outcomeOn.slice(0, 4)),
          );
          await tx
            .updateTable('programme_episode')
            .set({
              status: 'registered',
              register_number: number,
              category: 'after_failure',
              bacteriology: e.bacteriology,
              site: e.site,
              resistance: e.resistance,
              diagnosed_on: input.outcomeOn,
              registered_on: input.outcomeOn,
            })
            .where('id', '=', nextEpisodeId)
            .execute();
        }
        return { id: e.id, nextEpisodeId };
      });
    },

    /** A presumptive episode closed because TB was excluded (never counted in a cohort). */
    async exclude(caller: Caller, episodeId: string, input: { closedOn: string; note?: string | null }) {
      return inTransaction(db, async (tx) => {
        const e = await episodeRow(tx, episodeId);
        await access(tx, caller.viewer, caller.audit, e.person_id, {
          action: 'programmes.episode.exclude',
          resourceType: 'programme_episode',
          resourceId: e.id,
        });
        if (e.registered_on || e.outcome) throw refuse([{ path: '', code: 'already_registered' }]);
        if (input.closedOn > today()) throw refuse([{ path: 'closedOn', code: 'in_the_future' }]);
        await tx
          .updateTable('programme_episode')
          .set({
            status: 'closed',
            outcome: 'tb_excluded',
            outcome_on: input.closedOn,
            note: input.note ?? e.note,
            version: e.version + 1,
          })
          .where('id', '=', e.id)
          .execute();
        return { id: e.id };
      });
    },

    /** PHC-6: the isolation ended by a clinician's decision, with its reason (the alert ends with it). */
    async endIsolation(caller: Caller, episodeId: string, input: { endedOn: string; reason: string }) {
      return inTransaction(db, async (tx) => {
        const e = await episodeRow(tx, episodeId);
        await access(tx, caller.viewer, caller.audit, e.person_id, {
          action: 'programmes.isolation.end',
          resourceType: 'programme_episode',
          resourceId: e.id,
        });
        if (e.isolation_ended_on || e.outcome) throw refuse([{ path: '', code: 'isolation_not_in_force' }]);
        if (input.endedOn > today()) throw refuse([{ path: 'endedOn', code: 'in_the_future' }]);
        await tx
          .updateTable('programme_episode')
          .set({
            isolation_ended_on: input.endedOn,
            isolation_end_reason: input.reason,
            version: e.version + 1,
          })
          .where('id', '=', e.id)
          .execute();
        return { id: e.id };
      });
    },

    /**
     * TB-4, TRC-2: a transfer out of a person on TB treatment opens an outcome-return task at the
     * sending institution, due before the outcome cohort of the registration closes (four quarters
     * after its quarter, less 30 days).
     */
    async onTransferOut(tx: Tx, personId: string, occurredAt: string) {
      const open = await tx
        .selectFrom('programme_episode')
        .select(['id', 'registered_on', 'institution_id'])
        .where('person_id', '=', personId)
        .where('programme', '=', 'tb')
        .where('status', '=', 'on_treatment')
        .where('outcome', 'is', null)
        .execute();
      if (!open.length) return;
      await tx
        .insertInto('programme_task')
        .values(
          open.map((e) => {
            const cohortEnds = quarterBounds(
              quarterMinus(quarterOf(e.registered_on ?? occurredAt.slice(0, 10)), -4),
            ).to;
            return {
              id: newId(),
              programme: 'tb',
              kind: 'outcome_return',
              person_id: personId,
              institution_id: e.institution_id,
              due_on: programmeAddDays(cohortEnds, -30),
              source_id: e.id,
              opened_at: clock.now().toISOString(),
              done_on: null,
              done_by: null,
              note: null,
            };
          }),
        )
        .execute();
    },
  };
}
