import {
  type BbvCascade,
  type BbvCounselInput,
  type BbvOfferInput,
  type BbvOutcomeInput,
  type BbvPerson,
  type BbvProgramme,
  type BbvResultInput,
  type BbvTest,
  type BbvTestFact,
  type BbvTestOrderInput,
  type BbvTreatmentInput,
  bbvDueStatus,
  bbvEpisodeFor,
  bbvNumericTests,
  bbvOfferDueOn,
  bbvOfferProblems,
  bbvOutcomesOf,
  bbvProgrammes,
  bbvRegimens,
  bbvReofferOn,
  bbvResultProblems,
  bbvSuppressed,
  bbvTestsOf,
  calendarDateIn,
  cascadeLines,
  daaEndOn,
  fibrosisAssessment,
  hcvCascadeSteps,
  hcvCureProblems,
  hepBEntryOfferNeeded,
  hivCascadeSteps,
  hivSchedule,
  newId,
  type ProgrammeProblem,
  programmeAddDays,
  releaseLinkage,
  suppressedCells,
  svr12DueOn,
  type ThresholdId,
} from '@custodia/domain';
import type { ExpressionBuilder } from 'kysely';
import type {
  RecordReader,
  SignedInUser,
  WorklistContributor,
  WorklistItem,
} from '../../platform/contributions.ts';
import { type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { forbidden, notFound, ruleRefused } from '../../platform/errors.ts';
import type { AuditAction } from '../audit/index.ts';
import type { Caller } from '../identity/index.ts';
import { programmeApi } from '../medication/index.ts';
import type { ProgrammeBbvTestTable } from './bbv-tables.ts';
import { type ProgrammesDeps, programmeRules, scopeOf } from './context.ts';
import type { ProgrammeEpisodeTable } from './tables.ts';

const refuse = (problems: readonly ProgrammeProblem[]) => ruleRefused(problems, programmeRules);
const WORKLIST_LIMIT = 50;

export interface BbvDeps extends ProgrammesDeps {
  /** The limits in force (BBV-1 offer and re-offer days), from the rule-threshold table. */
  thresholds: (
    executor: Executor,
    ids: readonly ThresholdId[],
    institutionId: string,
  ) => Promise<Map<ThresholdId, number>>;
}

/**
 * ADR 0048: the treating team of a person's blood-borne results is the holders of
 * `clinical.restricted.read` working at the institution that holds the person now (or, once released,
 * the institution of the latest record), reaching them in normal scope — not by break-the-glass, not
 * by a national role. The clinician who recorded a result also sees that result.
 */
export function inTreatingTeam(
  reader: Pick<RecordReader, 'restrictedReader' | 'institutionIds'>,
  institutionId: string | null,
): boolean {
  return reader.restrictedReader && institutionId !== null && reader.institutionIds.includes(institutionId);
}

const fact = (t: ProgrammeBbvTestTable): BbvTestFact => ({
  test: t.test as BbvTest,
  sampleOn: t.sample_on,
  resultOn: t.result_on,
  result: t.result,
  value: t.value === null ? null : Number(t.value),
});

/** The institution of a person's last blood-borne test: where a person no longer held is judged. */
async function lastInstitution(executor: Executor, personId: string) {
  const row = await executor
    .selectFrom('programme_bbv_test')
    .select('institution_id')
    .where('person_id', '=', personId)
    .orderBy('ordered_at', 'desc')
    .executeTakeFirst();
  return row?.institution_id ?? null;
}

/**
 * The person in scope, the access audited in the same transaction, and whether the viewer is
 * of the treating team (ADR 0048): the one gate of every restricted blood-borne and STI read or
 * write. A person no longer held is judged at the institution of their last blood-borne test.
 */
export function treatingTeamAccess({ registry, audit }: Pick<BbvDeps, 'registry' | 'audit'>) {
  return async function access(
    tx: Tx,
    caller: Caller,
    personId: string,
    action: AuditAction,
    resourceType:
      | 'programme_bbv_offer'
      | 'programme_bbv_test'
      | 'programme_episode'
      | 'programme_sti_assessment'
      | 'programme_sti_treatment'
      | 'programme_hcv_letter',
    resourceId?: string,
  ) {
    const person = await registry.personForViewer(tx, caller.viewer, personId);
    const normal = registry.inNormalScope(caller.viewer, person);
    await audit.record(tx, caller.audit, {
      action,
      dataClass: 'restricted_clinical',
      outcome: 'allowed',
      purpose: normal ? 'normal' : 'break_glass',
      resourceType,
      resourceId: resourceId ?? personId,
      personId,
    });
    const institutionId = person.institution_id ?? (await lastInstitution(tx, personId));
    return { person, team: normal && inTreatingTeam(caller.viewer, institutionId) };
  };
}

/** The blood-borne infections of the programme engine (issue 16 item 4; BBV-1, BBV-3; ADR 0048). */
export function createBbvService(deps: BbvDeps) {
  const { db, clock, timeZone, registry, audit } = deps;
  const today = () => calendarDateIn(clock.now(), timeZone);

  const access = treatingTeamAccess(deps);

  async function limits(executor: Executor, institutionId: string) {
    const values = await deps.thresholds(executor, ['BBV-1.offer_days', 'BBV-1.reoffer_days'], institutionId);
    return {
      offerDays: values.get('BBV-1.offer_days') ?? 7,
      reofferDays: values.get('BBV-1.reoffer_days') ?? 180,
    };
  }

  async function insertOffer(
    tx: Tx,
    row: { personId: string; institutionId: string; occasion: string; dueOn: string },
  ) {
    const id = newId();
    await tx
      .insertInto('programme_bbv_offer')
      .values({
        id,
        person_id: row.personId,
        institution_id: row.institutionId,
        occasion: row.occasion,
        due_on: row.dueOn,
        status: 'pending',
        offered_on: null,
        offered_by: null,
        tests: '[]',
        pre_test_counselling: 0,
        note: null,
        created_at: clock.now().toISOString(),
        recorded_at: null,
      })
      .execute();
    return id;
  }

  async function insertTest(
    tx: Tx,
    row: {
      personId: string;
      institutionId: string;
      test: BbvTest;
      sampleOn: string;
      offerId?: string | null;
      episodeId?: string | null;
      note?: string | null;
      userId: string;
    },
  ) {
    const id = newId();
    await tx
      .insertInto('programme_bbv_test')
      .values({
        id,
        person_id: row.personId,
        institution_id: row.institutionId,
        offer_id: row.offerId ?? null,
        episode_id: row.episodeId ?? null,
        test: row.test,
        sample_on: row.sampleOn,
        ordered_by: row.userId,
        ordered_at: clock.now().toISOString(),
        result_on: null,
        result: null,
        value: null,
        note: row.note ?? null,
        resulted_by: null,
        resulted_at: null,
        post_counselled_on: null,
        post_counselled_by: null,
        reviewed_at: null,
      })
      .execute();
    return id;
  }

  async function openEpisodeOf(executor: Executor, personId: string, programme: BbvProgramme) {
    return executor
      .selectFrom('programme_episode')
      .selectAll()
      .where('person_id', '=', personId)
      .where('programme', '=', programme)
      .where('outcome', 'is', null)
      .executeTakeFirst();
  }

  async function testRow(tx: Tx, id: string) {
    const row = await tx.selectFrom('programme_bbv_test').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('No such test.');
    return row;
  }

  async function bbvEpisode(tx: Tx, id: string) {
    const row = await tx
      .selectFrom('programme_episode')
      .selectAll()
      .where('id', '=', id)
      .where('programme', 'in', [...bbvProgrammes])
      .executeTakeFirst();
    if (!row) throw notFound('No such episode.');
    return row;
  }

  /** Results, episodes and the due schedule need the treating team; others get 404, as if absent. */
  function requireTeam(team: boolean) {
    if (!team) throw forbidden('Blood-borne infection results are for the treating team only.');
  }

  function episodeView(
    e: ProgrammeEpisodeTable,
    tests: BbvTestFact[],
    birthDate: string | null,
    release: string | null,
    day: string,
  ) {
    const programme = e.programme as BbvProgramme;
    const endOn =
      e.treatment_start_on && e.treatment_weeks ? daaEndOn(e.treatment_start_on, e.treatment_weeks) : null;
    const schedule =
      programme === 'hiv' && !e.outcome
        ? hivSchedule(
            { diagnosedOn: e.diagnosed_on ?? e.presumed_on, artStartOn: e.treatment_start_on },
            tests,
            day,
          )
        : [];
    if (programme === 'hcv' && !e.outcome && endOn) {
      const due = svr12DueOn(endOn);
      if (!tests.some((t) => t.test === 'hcv_rna' && t.sampleOn >= due))
        schedule.push({ test: 'hcv_rna', dueOn: due, status: bbvDueStatus(due, day) });
    }
    return {
      id: e.id,
      programme,
      diagnosedOn: e.diagnosed_on ?? e.presumed_on,
      status: e.status,
      regimenCode: e.regimen_code,
      treatmentStartOn: e.treatment_start_on,
      treatmentEndOn: endOn,
      prescriptionIds: e.prescription_ids ? (JSON.parse(e.prescription_ids) as string[]) : [],
      outcome: e.outcome as BbvPerson['episodes'][number]['outcome'],
      outcomeOn: e.outcome_on,
      schedule,
      fibrosis: programme === 'hcv' ? fibrosisAssessment(tests, birthDate) : null,
      svr12DueOn: endOn ? svr12DueOn(endOn) : null,
      releaseLinkage: !e.outcome && programme === 'hcv' ? releaseLinkage(release, endOn) : null,
      plannedReleaseOn: release,
      version: e.version,
    };
  }

  return {
    /** BBV-1: an admission opens the entry offer, due within the offer days (one pending offer at a time). */
    async onAdmission(tx: Tx, personId: string, institutionId: string, occurredAt: string) {
      const pending = await tx
        .selectFrom('programme_bbv_offer')
        .select('id')
        .where('person_id', '=', personId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      const { offerDays } = await limits(tx, institutionId);
      const dueOn = bbvOfferDueOn(calendarDateIn(new Date(occurredAt), timeZone), offerDays);
      if (!pending) await insertOffer(tx, { personId, institutionId, occasion: 'entry', dueOn });
      // PHC-11 (ADR 0057): and the hepatitis B vaccination offer, unless vaccinated, immune or infected
      // (or an entry offer is still open); done when the offer is recorded (accepted or declined).
      const [courses, tests, openOffer] = await Promise.all([
        tx.selectFrom('programme_hepb_course').select('decision').where('person_id', '=', personId).execute(),
        tx
          .selectFrom('programme_bbv_test')
          .select(['test', 'result'])
          .where('person_id', '=', personId)
          .where('test', 'in', ['hbsag', 'anti_hbs'])
          .execute(),
        tx
          .selectFrom('programme_task')
          .select('id')
          .where('person_id', '=', personId)
          .where('kind', '=', 'hepb_entry_offer')
          .where('done_on', 'is', null)
          .executeTakeFirst(),
      ]);
      if (openOffer || !hepBEntryOfferNeeded(courses, tests)) return;
      await tx
        .insertInto('programme_task')
        .values({
          id: newId(),
          programme: 'hbv',
          kind: 'hepb_entry_offer',
          person_id: personId,
          institution_id: institutionId,
          due_on: dueOn,
          source_id: null,
          opened_at: clock.now().toISOString(),
          done_on: null,
          done_by: null,
          note: null,
        })
        .execute();
    },

    /** The person's offers, tests and episodes; results and episodes only for the treating team (ADR 0048). */
    async person(caller: Caller, personId: string): Promise<BbvPerson> {
      return inTransaction(db, async (tx) => {
        const { person, team } = await access(
          tx,
          caller,
          personId,
          'programmes.bbv.read',
          'programme_bbv_test',
        );
        const [offers, tests, episodes] = await Promise.all([
          tx
            .selectFrom('programme_bbv_offer')
            .selectAll()
            .where('person_id', '=', personId)
            .orderBy('due_on', 'desc')
            .limit(20)
            .execute(),
          tx
            .selectFrom('programme_bbv_test')
            .selectAll()
            .where('person_id', '=', personId)
            .orderBy('sample_on', 'desc')
            .orderBy('id', 'desc')
            .limit(200)
            .execute(),
          team
            ? tx
                .selectFrom('programme_episode')
                .selectAll()
                .where('person_id', '=', personId)
                .where('programme', 'in', [...bbvProgrammes])
                .orderBy('presumed_on', 'desc')
                .limit(20)
                .execute()
            : Promise.resolve([] as ProgrammeEpisodeTable[]),
        ]);
        const day = today();
        const release = (await registry.plannedReleaseDates(tx, [personId])).get(personId) ?? null;
        const facts = tests.map(fact);
        return {
          treatingTeam: team,
          offers: offers.map((o) => ({
            id: o.id,
            occasion: o.occasion as BbvPerson['offers'][number]['occasion'],
            dueOn: o.due_on,
            status: o.status as 'pending' | 'accepted' | 'refused',
            dueStatus: o.status === 'pending' ? bbvDueStatus(o.due_on, day, 0) : null,
            offeredOn: o.offered_on,
            offeredBy: o.offered_by,
            tests: JSON.parse(o.tests) as BbvPerson['offers'][number]['tests'],
            preTestCounselling: o.pre_test_counselling === 1,
            note: o.note,
          })),
          tests: tests.map((t) => {
            const visible = team || t.resulted_by === caller.userId;
            return {
              id: t.id,
              test: t.test as BbvTest,
              sampleOn: t.sample_on,
              episodeId: team ? t.episode_id : null,
              resultOn: t.result_on,
              result: visible ? (t.result as BbvPerson['tests'][number]['result']) : null,
              value: visible && t.value !== null ? Number(t.value) : null,
              unit: bbvNumericTests[t.test as BbvTest]?.unit ?? null,
              hidden: !visible && t.result_on !== null,
              postCounselledOn: t.post_counselled_on,
              postCounselledBy: t.post_counselled_by,
              reviewed: t.reviewed_at !== null,
            };
          }),
          episodes: episodes.map((e) =>
            episodeView(
              e,
              facts.filter((f) => bbvTestsOf[e.programme as BbvProgramme].includes(f.test)),
              person.birth_date,
              release,
              day,
            ),
          ),
        };
      });
    },

    /**
     * BBV-1: an offer recorded: accepted (after pre-test counselling) orders the chosen tests;
     * refused sets the re-offer, due after the re-offer days. A refusal blocks nothing.
     */
    async recordOffer(caller: Caller, personId: string, input: BbvOfferInput) {
      return inTransaction(db, async (tx) => {
        const { person } = await access(tx, caller, personId, 'programmes.bbv.offer', 'programme_bbv_offer');
        if (!person.institution_id || person.status !== 'in_custody')
          throw refuse([{ path: '', code: 'not_in_custody' }]);
        const problems = bbvOfferProblems(input, today());
        if (input.sampleOn && input.sampleOn > today())
          problems.push({ path: 'sampleOn', code: 'in_the_future' });
        if (input.sampleOn && input.sampleOn < input.offeredOn)
          problems.push({ path: 'sampleOn', code: 'sample_before_offer' });
        if (problems.length) throw refuse(problems);
        const now = clock.now().toISOString();
        const pending = await tx
          .selectFrom('programme_bbv_offer')
          .select('id')
          .where('person_id', '=', personId)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        const offerId =
          pending?.id ??
          (await insertOffer(tx, {
            personId,
            institutionId: person.institution_id,
            occasion: 'request',
            dueOn: input.offeredOn,
          }));
        const tests = input.decision === 'accepted' ? [...new Set(input.tests)] : [];
        await tx
          .updateTable('programme_bbv_offer')
          .set({
            status: input.decision,
            offered_on: input.offeredOn,
            offered_by: caller.userId,
            tests: JSON.stringify(tests),
            pre_test_counselling: input.preTestCounselling ? 1 : 0,
            note: input.note ?? null,
            recorded_at: now,
          })
          .where('id', '=', offerId)
          .execute();
        const testIds: string[] = [];
        for (const test of tests)
          testIds.push(
            await insertTest(tx, {
              personId,
              institutionId: person.institution_id,
              test,
              sampleOn: input.sampleOn ?? input.offeredOn,
              offerId,
              userId: caller.userId,
            }),
          );
        let reofferId: string | null = null;
        if (input.decision === 'refused') {
          const { reofferDays } = await limits(tx, person.institution_id);
          reofferId = await insertOffer(tx, {
            personId,
            institutionId: person.institution_id,
            occasion: 'reoffer',
            dueOn: bbvReofferOn(input.offeredOn, reofferDays),
          });
        }
        return { id: offerId, testIds, reofferId };
      });
    },

    /** A follow-up test ordered (RNA after a reactive antibody, viral load, CD4, the fibrosis labs). */
    async orderTest(caller: Caller, personId: string, input: BbvTestOrderInput) {
      return inTransaction(db, async (tx) => {
        const { person } = await access(
          tx,
          caller,
          personId,
          'programmes.bbv.test.order',
          'programme_bbv_test',
        );
        if (!person.institution_id || person.status !== 'in_custody')
          throw refuse([{ path: '', code: 'not_in_custody' }]);
        if (input.sampleOn > today()) throw refuse([{ path: 'sampleOn', code: 'in_the_future' }]);
        const programme: BbvProgramme | null =
          input.test === 'hiv_vl' || input.test === 'cd4'
            ? 'hiv'
            : input.test === 'hcv_rna' || input.test === 'elastography'
              ? 'hcv'
              : null;
        const episode = programme ? await openEpisodeOf(tx, personId, programme) : null;
        const id = await insertTest(tx, {
          personId,
          institutionId: person.institution_id,
          test: input.test,
          sampleOn: input.sampleOn,
          episodeId: episode?.id ?? null,
          note: input.note ?? null,
          userId: caller.userId,
        });
        return { id };
      });
    },

    /**
     * A test's result, once, dated on or after its sample, the value in range; a positive one opens the
     * programme's episode (refused when one is open already: `episode_already_open`).
     */
    async resultTest(caller: Caller, testId: string, input: BbvResultInput) {
      return inTransaction(db, async (tx) => {
        const t = await testRow(tx, testId);
        await access(tx, caller, t.person_id, 'programmes.bbv.test.result', 'programme_bbv_test', t.id);
        if (t.result_on) throw refuse([{ path: 'resultOn', code: 'result_already_recorded' }]);
        const test = t.test as BbvTest;
        const problems = bbvResultProblems(test, input, t.sample_on, today());
        if (problems.length) throw refuse(problems);
        const programme = bbvEpisodeFor(test, input.result ?? null);
        let episodeId = t.episode_id;
        if (programme) {
          if (await openEpisodeOf(tx, t.person_id, programme))
            throw refuse([{ path: 'result', code: 'episode_already_open' }]);
          episodeId = newId();
          await tx
            .insertInto('programme_episode')
            .values({
              id: episodeId,
              programme,
              person_id: t.person_id,
              institution_id: t.institution_id,
              source: 'test_result',
              presumed_on: input.resultOn,
              status: 'registered',
              category: 'new_diagnosis',
              diagnosed_on: input.resultOn,
              registered_on: input.resultOn,
              created_by: caller.userId,
              created_at: clock.now().toISOString(),
              version: 1,
            })
            .execute();
          // The infection's earlier tests (the antibody before the RNA) join the episode.
          await tx
            .updateTable('programme_bbv_test')
            .set({ episode_id: episodeId })
            .where('person_id', '=', t.person_id)
            .where('episode_id', 'is', null)
            .where(
              'test',
              'in',
              programme === 'hcv' ? ['hcv_ab', 'hcv_rna'] : programme === 'hiv' ? ['hiv'] : ['hbsag'],
            )
            .execute();
        }
        await tx
          .updateTable('programme_bbv_test')
          .set({
            result_on: input.resultOn,
            result: input.result ?? null,
            value: input.value ?? null,
            note: input.note ?? t.note,
            resulted_by: caller.userId,
            resulted_at: clock.now().toISOString(),
            episode_id: episodeId,
          })
          .where('id', '=', t.id)
          .execute();
        return { id: t.id, episodeId: programme ? episodeId : null };
      });
    },

    /** BBV-1: the post-test counselling of a resulted test (who, when). Treating team or the recorder. */
    async counsel(caller: Caller, testId: string, input: BbvCounselInput) {
      return inTransaction(db, async (tx) => {
        const t = await testRow(tx, testId);
        const { team } = await access(
          tx,
          caller,
          t.person_id,
          'programmes.bbv.test.counsel',
          'programme_bbv_test',
          t.id,
        );
        if (!team && t.resulted_by !== caller.userId) requireTeam(false);
        if (!t.result_on) throw refuse([{ path: '', code: 'no_result_yet' }]);
        if (input.counselledOn < t.result_on)
          throw refuse([{ path: 'counselledOn', code: 'counselling_before_result' }]);
        if (input.counselledOn > today()) throw refuse([{ path: 'counselledOn', code: 'in_the_future' }]);
        await tx
          .updateTable('programme_bbv_test')
          .set({ post_counselled_on: input.counselledOn, post_counselled_by: caller.userId })
          .where('id', '=', t.id)
          .execute();
        return { id: t.id };
      });
    },

    /** A resulted test marked reviewed by the treating team. */
    async reviewTest(caller: Caller, testId: string) {
      return inTransaction(db, async (tx) => {
        const t = await testRow(tx, testId);
        const { team } = await access(
          tx,
          caller,
          t.person_id,
          'programmes.bbv.test.review',
          'programme_bbv_test',
          t.id,
        );
        requireTeam(team);
        if (!t.result_on) throw refuse([{ path: '', code: 'no_result_yet' }]);
        await tx
          .updateTable('programme_bbv_test')
          .set({ reviewed_at: clock.now().toISOString() })
          .where('id', '=', t.id)
          .execute();
        return { id: t.id };
      });
    },

    /** ART (HIV) or a DAA course (hepatitis C) prescribed through medication as supervised doses (PHC-7). */
    async startTreatment(caller: Caller, episodeId: string, input: BbvTreatmentInput) {
      return inTransaction(db, async (tx) => {
        const e = await bbvEpisode(tx, episodeId);
        const { person, team } = await access(
          tx,
          caller,
          e.person_id,
          'programmes.bbv.treatment.start',
          'programme_episode',
          e.id,
        );
        requireTeam(team);
        const regimen = bbvRegimens[input.regimenCode];
        if (regimen.programme !== e.programme)
          throw refuse([{ path: 'regimenCode', code: 'regimen_does_not_fit_programme' }]);
        if (e.outcome) throw refuse([{ path: '', code: 'episode_closed' }]);
        if (e.treatment_start_on) throw refuse([{ path: '', code: 'treatment_already_started' }]);
        if (!person.institution_id || person.status !== 'in_custody')
          throw refuse([{ path: '', code: 'not_in_custody' }]);
        if (input.startOn > programmeAddDays(today(), 1))
          throw refuse([{ path: 'startOn', code: 'in_the_future' }]);
        if (input.startOn < (e.diagnosed_on ?? e.presumed_on))
          throw refuse([{ path: 'startOn', code: 'before_diagnosis' }]);
        const startAt = new Date(`${input.startOn}T00:00:00Z`).toISOString();
        const endOn = regimen.weeks
          ? daaEndOn(input.startOn, regimen.weeks)
          : programmeAddDays(input.startOn, 90);
        const { ids, problems } = await programmeApi.prescribeSupervisedRegimen(tx, {
          personId: e.person_id,
          institutionId: person.institution_id,
          prescriberId: caller.userId,
          startAt,
          endAt: new Date(`${endOn}T00:00:00Z`).toISOString(),
          indication: e.programme === 'hiv' ? `HIV ART ${input.regimenCode}` : `HCV DAA ${input.regimenCode}`,
          lines: regimen.lines,
          now: clock.now().toISOString(),
          // The same allergy check as any prescription (ADR 0050): an allergy match asks for another regimen.
          allergies: deps.allergies,
        });
        if (problems.length)
          throw refuse(
            problems.map((p) => ({
              path: 'regimenCode',
              code: p.code === 'allergy_override_required' ? 'regimen_allergy' : `regimen_${p.code}`,
            })),
          );
        await tx
          .updateTable('programme_episode')
          .set({
            status: 'on_treatment',
            regimen_code: input.regimenCode,
            treatment_start_on: input.startOn,
            treatment_weeks: regimen.weeks,
            prescription_ids: JSON.stringify(ids),
            version: e.version + 1,
          })
          .where('id', '=', e.id)
          .execute();
        return { id: e.id, prescriptionIds: ids };
      });
    },

    /** The one final outcome; hepatitis C "cured" needs SVR12 (BBV-3). */
    async recordOutcome(caller: Caller, episodeId: string, input: BbvOutcomeInput) {
      return inTransaction(db, async (tx) => {
        const e = await bbvEpisode(tx, episodeId);
        const { team } = await access(
          tx,
          caller,
          e.person_id,
          'programmes.bbv.outcome.record',
          'programme_episode',
          e.id,
        );
        requireTeam(team);
        if (e.outcome) throw refuse([{ path: 'outcome', code: 'outcome_already_recorded' }]);
        if (!bbvOutcomesOf[e.programme as BbvProgramme].includes(input.outcome))
          throw refuse([{ path: 'outcome', code: 'outcome_not_of_programme' }]);
        if (input.outcomeOn > today()) throw refuse([{ path: 'outcomeOn', code: 'in_the_future' }]);
        if (input.outcome === 'cured') {
          const tests = await tx
            .selectFrom('programme_bbv_test')
            .selectAll()
            .where('episode_id', '=', e.id)
            .execute();
          const endOn =
            e.treatment_start_on && e.treatment_weeks
              ? daaEndOn(e.treatment_start_on, e.treatment_weeks)
              : null;
          const problems = hcvCureProblems(endOn, tests.map(fact));
          if (problems.length) throw refuse(problems);
        }
        await tx
          .updateTable('programme_episode')
          .set({
            status: 'closed',
            outcome: input.outcome,
            outcome_on: input.outcomeOn,
            note: input.note ?? e.note,
            version: e.version + 1,
          })
          .where('id', '=', e.id)
          .execute();
        return { id: e.id };
      });
    },

    /**
     * Issue 16 item 5: the HIV and hepatitis C cascades of an institution (or all in scope) for a period;
     * DAT-6 suppression for readers outside the health service.
     */
    async cascade(
      caller: Caller,
      query: { institutionId?: string; from?: string; to?: string },
      threshold: number,
    ): Promise<BbvCascade> {
      const institutions = scopeOf(caller.viewer, query.institutionId);
      if (institutions && !institutions.length) throw notFound('No such institution.');
      const to = query.to ?? today();
      const from = query.from ?? `${to.slice(0, 4)}-01-01`;
      if (from > to) throw refuse([{ path: 'from', code: 'period_reversed' }]);
      // Aggregated in the database (a national period stays one read per step): distinct people tested
      // in the period, the episodes diagnosed in it, and the viral loads of those episodes' people.
      const scoped = institutions ?? [];
      const everywhere = institutions === null;
      const tested = db
        .selectFrom('programme_bbv_test')
        .select((eb) => ['test', eb.fn.count<number | string>('person_id').distinct().as('people')])
        .where('test', 'in', ['hiv', 'hcv_ab'])
        .where('result_on', '>=', from)
        .where('result_on', '<=', to)
        .groupBy('test')
        .$if(!everywhere, (q) => q.where('institution_id', 'in', scoped));
      const reactiveAb = db
        .selectFrom('programme_bbv_test')
        .select('person_id')
        .where('test', '=', 'hcv_ab')
        .where('result', '=', 'reactive')
        .where('result_on', '>=', from)
        .where('result_on', '<=', to)
        .$if(!everywhere, (q) => q.where('institution_id', 'in', scoped));
      const abPositiveQ = db
        .selectFrom(reactiveAb.as('a'))
        .select((eb) => eb.fn.count<number | string>('a.person_id').distinct().as('people'));
      const rnaTestedQ = db
        .selectFrom('programme_bbv_test')
        .select((eb) => eb.fn.count<number | string>('person_id').distinct().as('people'))
        .where('test', '=', 'hcv_rna')
        .where('result_on', '<=', to)
        .where('person_id', 'in', reactiveAb);
      // The episodes diagnosed in the period are counted in the database (positive / viraemic, on
      // treatment, cured); only the HIV episodes on ART come back, for their last viral load.
      const inPeriod = db
        .selectFrom('programme_episode')
        .where('programme', 'in', ['hiv', 'hcv'])
        .where('diagnosed_on', '>=', from)
        .where('diagnosed_on', '<=', to)
        .$if(!everywhere, (q) => q.where('institution_id', 'in', scoped));
      const treated = (eb: ExpressionBuilder<Database, 'programme_episode'>) =>
        eb.and([eb('treatment_start_on', 'is not', null), eb('treatment_start_on', '<=', to)]);
      const episodesQ = inPeriod
        .select((eb) => [
          'programme',
          eb.fn.countAll<number | string>().as('diagnosed'),
          eb.fn.sum<number | string | null>(eb.case().when(treated(eb)).then(1).else(0).end()).as('treated'),
          eb.fn
            .sum<number | string | null>(
              eb
                .case()
                .when(
                  eb.and([
                    treated(eb),
                    eb('outcome', '=', 'cured'),
                    eb('outcome_on', 'is not', null),
                    eb('outcome_on', '<=', to),
                  ]),
                )
                .then(1)
                .else(0)
                .end(),
            )
            .as('cured'),
        ])
        .groupBy('programme');
      const onArtQ = inPeriod
        .select(['person_id', 'treatment_start_on'])
        .where('programme', '=', 'hiv')
        .where((eb) => treated(eb));
      const hivPeople = db
        .selectFrom('programme_episode')
        .select('person_id')
        .where('programme', '=', 'hiv')
        .where('diagnosed_on', '>=', from)
        .where('diagnosed_on', '<=', to)
        .$if(!everywhere, (q) => q.where('institution_id', 'in', scoped));
      // Each person's last viral load up to the period's end, found in the index (migration 0053),
      // not every viral load of every HIV episode read into the server.
      const lastVlOn = db
        .selectFrom('programme_bbv_test')
        .select((eb) => ['person_id', eb.fn.max('sample_on').as('last_on')])
        .where('test', '=', 'hiv_vl')
        .where('value', 'is not', null)
        .where('sample_on', '<=', to)
        .where('person_id', 'in', hivPeople)
        .groupBy('person_id');
      const vlQ = db
        .selectFrom('programme_bbv_test as t')
        .innerJoin(lastVlOn.as('m'), (join) =>
          join.onRef('m.person_id', '=', 't.person_id').onRef('m.last_on', '=', 't.sample_on'),
        )
        .select(['t.person_id', 't.sample_on', 't.value'])
        .where('t.test', '=', 'hiv_vl')
        .where('t.value', 'is not', null)
        .orderBy('t.sample_on');
      const [testedRows, abPositiveRow, rnaTestedRow, episodes, onArt, vls] = await Promise.all([
        tested.execute(),
        abPositiveQ.executeTakeFirst(),
        rnaTestedQ.executeTakeFirst(),
        episodesQ.execute(),
        onArtQ.execute(),
        vlQ.execute(),
      ]);
      const countOf = (programme: string, column: 'diagnosed' | 'treated' | 'cured') =>
        Number(episodes.find((e) => e.programme === programme)?.[column] ?? 0);
      const testedOf = (test: string) => Number(testedRows.find((r) => r.test === test)?.people ?? 0);
      const lastVl = new Map<string, { on: string; value: number }>();
      for (const v of vls) lastVl.set(v.person_id, { on: v.sample_on, value: Number(v.value) });
      const suppressed = onArt.filter((e) => {
        const v = lastVl.get(e.person_id);
        return v && e.treatment_start_on && v.on >= e.treatment_start_on && bbvSuppressed(v.value);
      });
      const values: Record<string, number> = {
        'hiv.tested': testedOf('hiv'),
        'hiv.positive': countOf('hiv', 'diagnosed'),
        'hiv.onArt': countOf('hiv', 'treated'),
        'hiv.suppressed': suppressed.length,
        'hcv.tested': testedOf('hcv_ab'),
        'hcv.antibodyPositive': Number(abPositiveRow?.people ?? 0),
        'hcv.rnaTested': Number(rnaTestedRow?.people ?? 0),
        'hcv.viraemic': countOf('hcv', 'diagnosed'),
        'hcv.onTreatment': countOf('hcv', 'treated'),
        'hcv.cured': countOf('hcv', 'cured'),
      };
      await inTransaction(db, (tx) =>
        audit.record(tx, caller.audit, {
          action: 'programmes.bbv.cascade.read',
          dataClass: caller.has('programmes.read') ? 'clinical' : 'aggregate',
          outcome: 'allowed',
          resourceType: 'programme_bbv_cascade',
          resourceId: `${query.institutionId ?? 'all'}:${from}:${to}`,
        }),
      );
      const cells = (hide: Set<string>) => {
        const v = (k: string) => (hide.has(k) ? null : (values[k] ?? 0));
        return {
          hiv: {
            tested: v('hiv.tested'),
            positive: v('hiv.positive'),
            onArt: v('hiv.onArt'),
            suppressed: v('hiv.suppressed'),
          },
          hcv: {
            tested: v('hcv.tested'),
            antibodyPositive: v('hcv.antibodyPositive'),
            rnaTested: v('hcv.rnaTested'),
            viraemic: v('hcv.viraemic'),
            onTreatment: v('hcv.onTreatment'),
            cured: v('hcv.cured'),
          },
        };
      };
      const base = { institutionId: query.institutionId ?? null, from, to };
      if (caller.has('programmes.read')) return { ...base, ...cells(new Set()), suppression: null };
      // DAT-6: each step and the difference to the step before (hidden) are protected.
      const hidden = new Set<string>();
      const all: Record<string, number> = { ...values };
      for (const [prefix, steps] of [
        ['hiv', hivCascadeSteps],
        ['hcv', hcvCascadeSteps],
      ] as const)
        steps.slice(1).forEach((step, i) => {
          const key = `${prefix}.${steps[i]}_not_${step}`;
          all[key] = Math.max(0, (values[`${prefix}.${steps[i]}`] ?? 0) - (values[`${prefix}.${step}`] ?? 0));
          hidden.add(key);
        });
      const hide = suppressedCells(
        all,
        [...cascadeLines('hiv', hivCascadeSteps), ...cascadeLines('hcv', hcvCascadeSteps)],
        threshold,
        hidden,
      );
      const shown = new Set([...hide].filter((k) => !hidden.has(k)));
      return { ...base, ...cells(shown), suppression: { threshold, cells: [...shown].sort() } };
    },

    /**
     * The worklist (BBV-1, BBV-3): tests to offer or re-offer (every clinical reader of the
     * institution); for the treating team, results to review, RNA after a reactive antibody, viral
     * load and CD4 due, SVR12 due and the release linkage of a course that cannot finish inside.
     */
    worklist: {
      module: 'programmes',
      async contribute(actor: SignedInUser) {
        if (!actor.permissions.has('programmes.read')) return [];
        if (!actor.institutionIds.length) return [];
        const scope = actor.institutionIds;
        const team = actor.permissions.has('clinical.restricted.read');
        const t = today();
        // Only the people held in the actor's institutions now (one subquery, no per-row read).
        const here = registry.personIdsIn(db, scope);
        const offersQ = db
          .selectFrom('programme_bbv_offer')
          .select(['id', 'person_id', 'institution_id', 'occasion', 'due_on', 'created_at'])
          .where('status', '=', 'pending')
          .where('person_id', 'in', here)
          .where('due_on', '<=', programmeAddDays(t, 7))
          .orderBy('due_on')
          .limit(WORKLIST_LIMIT);
        const reviewQ = db
          .selectFrom('programme_bbv_test')
          .select(['id', 'person_id', 'institution_id', 'result_on', 'test', 'result'])
          .where('result_on', 'is not', null)
          .where('reviewed_at', 'is', null)
          .where('person_id', 'in', here)
          .orderBy('result_on')
          .limit(WORKLIST_LIMIT);
        const episodesQ = db
          .selectFrom('programme_episode')
          .selectAll()
          .where('programme', 'in', ['hiv', 'hcv'])
          .where('outcome', 'is', null)
          .where('person_id', 'in', here)
          .orderBy('diagnosed_on')
          .limit(200);
        // The treating team's lines (ADR 0048): the same statements whatever the rows.
        const teamRows = async () => {
          const [review, episodes, reactive] = await Promise.all([
            reviewQ.execute(),
            episodesQ.execute(),
            db
              .selectFrom('programme_bbv_test')
              .selectAll()
              .where('test', '=', 'hcv_ab')
              .where('result', '=', 'reactive')
              .where('person_id', 'in', here)
              .where((eb) =>
                eb.not(
                  eb.exists(
                    eb
                      .selectFrom('programme_bbv_test as r')
                      .select('r.id')
                      .whereRef('r.person_id', '=', 'programme_bbv_test.person_id')
                      .where('r.test', '=', 'hcv_rna'),
                  ),
                ),
              )
              .limit(WORKLIST_LIMIT)
              .execute(),
          ]);
          const ids = [...new Set(episodes.map((e) => e.person_id)), ''];
          const [tests, releases] = await Promise.all([
            db
              .selectFrom('programme_bbv_test')
              .selectAll()
              .where('person_id', 'in', ids)
              .where('test', 'in', ['hiv_vl', 'cd4', 'hcv_rna'])
              .execute(),
            // BBV-3: treatment that cannot finish inside, from the registry's planned release dates.
            registry.plannedReleaseDates(db, ids),
          ]);
          return { review, episodes, reactive, tests, releases };
        };
        const [offers, teamData] = await Promise.all([
          offersQ.execute(),
          team ? teamRows() : Promise.resolve(null),
        ]);
        const review = teamData?.review ?? [];
        const episodes = teamData?.episodes ?? [];
        const tests = teamData?.tests ?? [];
        const who = await registry.personLabels(db, [
          ...new Set([
            ...offers.map((o) => o.person_id),
            ...review.map((r) => r.person_id),
            ...episodes.map((e) => e.person_id),
            ...(teamData?.reactive ?? []).map((r) => r.person_id),
          ]),
        ]);
        const items: WorklistItem[] = [];
        const line = (
          kind: string,
          personId: string,
          institutionId: string,
          dueOn: string | null,
          since: string | null,
        ) => {
          const label = who.get(personId);
          items.push({
            module: 'programmes',
            kind,
            severity: dueOn && dueOn < t ? 'overdue' : 'due',
            subjectId: personId,
            label: `${label?.prisonNumber ?? ''} · ${label?.name ?? ''}`.trim(),
            since,
            dueAt: dueOn ? new Date(`${dueOn}T00:00:00Z`).toISOString() : null,
            institutionId,
            dataClass: 'clinical',
          });
        };
        for (const o of offers)
          line(
            o.occasion === 'reoffer' ? 'bbv_reoffer_due' : 'bbv_offer_due',
            o.person_id,
            o.institution_id,
            o.due_on,
            o.created_at,
          );
        for (const r of review) line('bbv_result_review', r.person_id, r.institution_id, null, r.result_on);
        // RNA after a reactive antibody with no RNA ordered (reflex testing, BBV-3).
        for (const r of teamData?.reactive ?? [])
          if (r.result_on)
            line(
              'bbv_rna_due',
              r.person_id,
              r.institution_id,
              programmeAddDays(r.result_on, 14),
              r.result_on,
            );
        for (const e of episodes) {
          const facts = tests
            .filter((x) => x.person_id === e.person_id)
            .map(fact)
            .filter((f) => bbvTestsOf[e.programme as BbvProgramme].includes(f.test));
          const release = teamData?.releases.get(e.person_id) ?? null;
          const v = episodeView(e, facts, null, release, t);
          for (const s of v.schedule.filter((x) => x.status !== 'upcoming')) {
            const kind =
              s.test === 'hiv_vl' ? 'bbv_vl_due' : s.test === 'cd4' ? 'bbv_cd4_due' : 'bbv_svr12_due';
            line(kind, e.person_id, e.institution_id, s.dueOn, s.dueOn);
          }
          if (v.releaseLinkage) line('bbv_release_link', e.person_id, e.institution_id, release, release);
        }
        return items;
      },
    } satisfies WorklistContributor,

    /** FHIR reads of the restricted rows: only for the treating team (ADR 0048). */
    async fhirRows(
      executor: Executor,
      where: { id?: string; personId?: string; kind: 'episode' | 'test' },
      reader: RecordReader,
      count: number,
    ) {
      const personId =
        where.personId ??
        (where.id
          ? (
              await executor
                .selectFrom(where.kind === 'episode' ? 'programme_episode' : 'programme_bbv_test')
                .select('person_id')
                .where('id', '=', where.id)
                .executeTakeFirst()
            )?.person_id
          : undefined);
      if (!personId) return { episodes: [], tests: [] };
      const place = (await registry.custodyPlaces(executor, [personId])).get(personId)?.institutionId ?? null;
      const institution = place ?? (await lastInstitution(executor, personId));
      if (!inTreatingTeam(reader, institution) || (reader.breakGlassPersonIds ?? []).includes(personId))
        return { episodes: [], tests: [] };
      if (where.kind === 'episode') {
        let q = executor
          .selectFrom('programme_episode')
          .selectAll()
          .where('person_id', '=', personId)
          .where('programme', 'in', [...bbvProgrammes])
          .limit(count);
        if (where.id) q = q.where('id', '=', where.id);
        return { episodes: await q.execute(), tests: [] };
      }
      let q = executor
        .selectFrom('programme_bbv_test')
        .selectAll()
        .where('person_id', '=', personId)
        .where('result_on', 'is not', null)
        .orderBy('sample_on', 'desc')
        .limit(count);
      if (where.id) q = q.where('id', '=', where.id);
      return { episodes: [], tests: await q.execute() };
    },
  };
}

export type BbvService = ReturnType<typeof createBbvService>;
