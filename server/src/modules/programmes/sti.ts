import {
  type BbvTest,
  type BbvTestFact,
  bbvOfferDueOn,
  calendarDateIn,
  hepBOfferPrompt,
  newId,
  type ProgrammeProblem,
  programmeAddDays,
  STI_TREATMENT_DAYS,
  type StiAssessmentInput,
  type StiPerson,
  type StiRisk,
  type StiTest,
  type StiTreatmentCode,
  type StiTreatmentInput,
  stiAssessmentProblems,
  stiDerivedRisks,
  stiTreatmentProblems,
  stiTreatments,
} from '@custodia/domain';
import type { SignedInUser, WorklistContributor, WorklistItem } from '../../platform/contributions.ts';
import { type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import { forbidden, notFound, ruleRefused } from '../../platform/errors.ts';
import type { Caller } from '../identity/index.ts';
import { type BbvDeps, treatingTeamAccess } from './bbv.ts';
import type { ProgrammeBbvTestTable } from './bbv-tables.ts';
import { programmeRules } from './context.ts';

const refuse = (problems: readonly ProgrammeProblem[]) => ruleRefused(problems, programmeRules);
const WORKLIST_LIMIT = 50;

export const bbvFact = (t: ProgrammeBbvTestTable): BbvTestFact => ({
  test: t.test as BbvTest,
  sampleOn: t.sample_on,
  resultOn: t.result_on,
  result: t.result,
  value: t.value === null ? null : Number(t.value),
});

/**
 * Chlamydia and gonorrhoea by risk and the hepatitis B vaccination prompted by a non-immune result
 * (issue 16 item 4; ADM-7, WOM-3, PHC-11; ADR 0054). The NAAT tests are rows of `programme_bbv_test`
 * (ordered here, resulted, counselled and reviewed by the blood-borne routes), so their results are
 * restricted exactly like the others; the treatments given are the treating team's.
 */
export function createStiService(deps: BbvDeps) {
  const { db, clock, timeZone, registry } = deps;
  const today = () => calendarDateIn(clock.now(), timeZone);

  const access = treatingTeamAccess(deps);

  async function ageUnder(executor: Executor, institutionId: string | null) {
    if (!institutionId) return 25;
    return (
      (await deps.thresholds(executor, ['BBV-1.sti_age_under'], institutionId)).get('BBV-1.sti_age_under') ??
      25
    );
  }

  async function hepBCourses(executor: Executor, personIds: readonly string[]) {
    if (!personIds.length) return [];
    return executor
      .selectFrom('programme_hepb_course')
      .select(['person_id', 'decision', 'offered_on'])
      .where('person_id', 'in', personIds)
      .execute();
  }

  return {
    /** ADM-7, WOM-3: an admission opens the STI risk assessment, due with the BBV-1 offer (one pending at a time). */
    async onAdmission(tx: Tx, personId: string, institutionId: string, occurredAt: string) {
      const pending = await tx
        .selectFrom('programme_sti_assessment')
        .select('id')
        .where('person_id', '=', personId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (pending) return;
      const days =
        (await deps.thresholds(tx, ['BBV-1.offer_days'], institutionId)).get('BBV-1.offer_days') ?? 7;
      await tx
        .insertInto('programme_sti_assessment')
        .values({
          id: newId(),
          person_id: personId,
          institution_id: institutionId,
          due_on: bbvOfferDueOn(calendarDateIn(new Date(occurredAt), timeZone), days),
          status: 'pending',
          assessed_on: null,
          assessed_by: null,
          risks: '[]',
          tests: '[]',
          pre_test_counselling: 0,
          note: null,
          created_at: clock.now().toISOString(),
          recorded_at: null,
        })
        .execute();
    },

    /** The person's STI assessments; treatments and the hepatitis B prompt for the treating team only. */
    async person(caller: Caller, personId: string): Promise<StiPerson> {
      return inTransaction(db, async (tx) => {
        const { person, team } = await access(
          tx,
          caller,
          personId,
          'programmes.sti.read',
          'programme_sti_assessment',
        );
        const day = today();
        const [rows, treatments, tests, courses, under] = await Promise.all([
          tx
            .selectFrom('programme_sti_assessment')
            .selectAll()
            .where('person_id', '=', personId)
            .orderBy('due_on', 'desc')
            .limit(20)
            .execute(),
          team
            ? tx
                .selectFrom('programme_sti_treatment')
                .selectAll()
                .where('person_id', '=', personId)
                .orderBy('given_on', 'desc')
                .limit(50)
                .execute()
            : Promise.resolve([]),
          team
            ? tx
                .selectFrom('programme_bbv_test')
                .selectAll()
                .where('person_id', '=', personId)
                .where('test', 'in', ['hbsag', 'anti_hbs'])
                .execute()
            : Promise.resolve([] as ProgrammeBbvTestTable[]),
          team ? hepBCourses(tx, [personId]) : Promise.resolve([]),
          ageUnder(tx, person.institution_id),
        ]);
        const pending = rows.find((r) => r.status === 'pending');
        return {
          treatingTeam: team,
          derivedRisks: stiDerivedRisks({ birthDate: person.birth_date, sex: person.sex }, day, under),
          pending: pending
            ? { id: pending.id, dueOn: pending.due_on, status: pending.due_on < day ? 'overdue' : 'due' }
            : null,
          assessments: rows
            .filter((r) => r.status !== 'pending')
            .map((r) => ({
              id: r.id,
              assessedOn: r.assessed_on as string,
              risks: JSON.parse(r.risks) as StiRisk[],
              decision: r.status as StiPerson['assessments'][number]['decision'],
              tests: JSON.parse(r.tests) as StiTest[],
              preTestCounselling: r.pre_test_counselling === 1,
              assessedBy: r.assessed_by,
              note: r.note,
            })),
          treatments: treatments.map((x) => ({
            id: x.id,
            testId: x.test_id,
            infection: x.infection as StiTest,
            regimenCode: x.regimen_code as StiTreatmentCode,
            givenOn: x.given_on,
            givenBy: x.recorded_by,
          })),
          hepBOffer: team
            ? hepBOfferPrompt(
                tests.map(bbvFact),
                courses.map((c) => ({ decision: c.decision, offeredOn: c.offered_on })),
                day,
              )
            : null,
        };
      });
    },

    /**
     * ADM-7, WOM-3: the risk assessment recorded: the risks asked (with those the record gives), the
     * decision (accepted orders the NAAT tests; refused blocks nothing; not indicated when no risk).
     */
    async assess(caller: Caller, personId: string, input: StiAssessmentInput) {
      return inTransaction(db, async (tx) => {
        const { person } = await access(
          tx,
          caller,
          personId,
          'programmes.sti.assess',
          'programme_sti_assessment',
        );
        if (!person.institution_id || person.status !== 'in_custody')
          throw refuse([{ path: '', code: 'not_in_custody' }]);
        const under = await ageUnder(tx, person.institution_id);
        const derived = stiDerivedRisks(
          { birthDate: person.birth_date, sex: person.sex },
          input.assessedOn,
          under,
        );
        const problems = stiAssessmentProblems(input, derived, today());
        if (problems.length) throw refuse(problems);
        const risks = [...new Set([...derived, ...input.risks])];
        const tests = input.decision === 'accepted' ? [...new Set(input.tests)] : [];
        const now = clock.now().toISOString();
        const pending = await tx
          .selectFrom('programme_sti_assessment')
          .select('id')
          .where('person_id', '=', personId)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        const values = {
          status: input.decision,
          assessed_on: input.assessedOn,
          assessed_by: caller.userId,
          risks: JSON.stringify(risks),
          tests: JSON.stringify(tests),
          pre_test_counselling: input.preTestCounselling ? 1 : 0,
          note: input.note ?? null,
          recorded_at: now,
        };
        const id = pending?.id ?? newId();
        if (pending)
          await tx.updateTable('programme_sti_assessment').set(values).where('id', '=', id).execute();
        else
          await tx
            .insertInto('programme_sti_assessment')
            .values({
              id,
              person_id: personId,
              institution_id: person.institution_id,
              due_on: input.assessedOn,
              created_at: now,
              ...values,
            })
            .execute();
        const testIds: string[] = [];
        for (const test of tests) {
          const testId = newId();
          await tx
            .insertInto('programme_bbv_test')
            .values({
              id: testId,
              person_id: personId,
              institution_id: person.institution_id,
              offer_id: id,
              episode_id: null,
              test,
              sample_on: input.sampleOn ?? input.assessedOn,
              ordered_by: caller.userId,
              ordered_at: now,
              result_on: null,
              result: null,
              value: null,
              note: null,
              resulted_by: null,
              resulted_at: null,
              post_counselled_on: null,
              post_counselled_by: null,
              reviewed_at: null,
            })
            .execute();
          testIds.push(testId);
        }
        return { id, testIds, risks };
      });
    },

    /** A treatment given for a detected chlamydia or gonorrhoea result: the treating team only (it tells the result). */
    async recordTreatment(caller: Caller, personId: string, input: StiTreatmentInput) {
      return inTransaction(db, async (tx) => {
        const { person, team } = await access(
          tx,
          caller,
          personId,
          'programmes.sti.treatment',
          'programme_sti_treatment',
        );
        if (!team) throw forbidden('Blood-borne infection results are for the treating team only.');
        const test = await tx
          .selectFrom('programme_bbv_test')
          .selectAll()
          .where('id', '=', input.testId)
          .where('person_id', '=', personId)
          .executeTakeFirst();
        if (!test) throw notFound('No such test.');
        const treated = await tx
          .selectFrom('programme_sti_treatment')
          .select('id')
          .where('test_id', '=', test.id)
          .executeTakeFirst();
        const problems = stiTreatmentProblems(bbvFact(test), input, Boolean(treated), today());
        if (problems.length) throw refuse(problems);
        const id = newId();
        await tx
          .insertInto('programme_sti_treatment')
          .values({
            id,
            person_id: personId,
            institution_id: person.institution_id ?? test.institution_id,
            test_id: test.id,
            infection: stiTreatments[input.regimenCode].infection,
            regimen_code: input.regimenCode,
            given_on: input.givenOn,
            note: input.note ?? null,
            recorded_by: caller.userId,
            recorded_at: clock.now().toISOString(),
          })
          .execute();
        return { id };
      });
    },

    /**
     * The worklist (ADR 0054): STI risk assessments due (every clinical reader of the institution); for
     * the treating team, detected chlamydia or gonorrhoea results with no treatment, and the hepatitis
     * B vaccination to offer after a non-immune result (PHC-11). Fixed statements whatever the rows.
     */
    worklist: {
      module: 'programmes',
      async contribute(actor: SignedInUser) {
        if (!actor.permissions.has('programmes.read')) return [];
        if (!actor.institutionIds.length) return [];
        const team = actor.permissions.has('clinical.restricted.read');
        const t = today();
        const here = registry.personIdsIn(db, actor.institutionIds);
        const pendingQ = db
          .selectFrom('programme_sti_assessment')
          .select(['person_id', 'institution_id', 'due_on', 'created_at'])
          .where('status', '=', 'pending')
          .where('person_id', 'in', here)
          .where('due_on', '<=', programmeAddDays(t, 7))
          .orderBy('due_on')
          .limit(WORKLIST_LIMIT);
        const teamRows = async () => {
          const [untreated, hbsag] = await Promise.all([
            db
              .selectFrom('programme_bbv_test')
              .select(['person_id', 'institution_id', 'result_on'])
              .where('test', 'in', ['ct_naat', 'ng_naat'])
              .where('result', '=', 'detected')
              .where('person_id', 'in', here)
              .where((eb) =>
                eb.not(
                  eb.exists(
                    eb
                      .selectFrom('programme_sti_treatment as s')
                      .select('s.id')
                      .whereRef('s.test_id', '=', 'programme_bbv_test.id'),
                  ),
                ),
              )
              .orderBy('result_on')
              .limit(WORKLIST_LIMIT)
              .execute(),
            // PHC-11: a non-reactive HBsAg and no accepted course; the rule settles the rest.
            db
              .selectFrom('programme_bbv_test')
              .selectAll()
              .where('test', 'in', ['hbsag', 'anti_hbs'])
              .where('result_on', 'is not', null)
              .where('person_id', 'in', here)
              .where((eb) =>
                eb.exists(
                  eb
                    .selectFrom('programme_bbv_test as h')
                    .select('h.id')
                    .whereRef('h.person_id', '=', 'programme_bbv_test.person_id')
                    .where('h.test', '=', 'hbsag')
                    .where('h.result', '=', 'non_reactive'),
                ),
              )
              .where((eb) =>
                eb.not(
                  eb.exists(
                    eb
                      .selectFrom('programme_hepb_course as c')
                      .select('c.id')
                      .whereRef('c.person_id', '=', 'programme_bbv_test.person_id')
                      .where('c.decision', '=', 'accepted'),
                  ),
                ),
              )
              // The most recent results first: the worklist shows the newest prompts, at most 50 people.
              .orderBy('result_on', 'desc')
              .limit(WORKLIST_LIMIT * 2)
              .execute(),
          ]);
          const courses = await hepBCourses(db, [...new Set(hbsag.map((r) => r.person_id)), '']);
          return { untreated, hbsag, courses };
        };
        const [pending, teamData] = await Promise.all([
          pendingQ.execute(),
          team ? teamRows() : Promise.resolve(null),
        ]);
        const prompts: { personId: string; institutionId: string; resultOn: string; dueOn: string }[] = [];
        if (teamData) {
          const byPerson = new Map<string, ProgrammeBbvTestTable[]>();
          for (const r of teamData.hbsag)
            byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
          for (const [personId, rows] of byPerson) {
            const p = hepBOfferPrompt(
              rows.map(bbvFact),
              teamData.courses
                .filter((c) => c.person_id === personId)
                .map((c) => ({ decision: c.decision, offeredOn: c.offered_on })),
              t,
            );
            if (p)
              prompts.push({
                personId,
                institutionId: (rows[0] as ProgrammeBbvTestTable).institution_id,
                resultOn: p.resultOn,
                dueOn: p.dueOn,
              });
          }
        }
        const untreated = teamData?.untreated ?? [];
        const who = await registry.personLabels(db, [
          ...new Set([
            ...pending.map((r) => r.person_id),
            ...untreated.map((r) => r.person_id),
            ...prompts.map((r) => r.personId),
          ]),
        ]);
        const items: WorklistItem[] = [];
        const line = (
          kind: string,
          personId: string,
          institutionId: string,
          dueOn: string,
          since: string | null,
        ) => {
          const label = who.get(personId);
          items.push({
            module: 'programmes',
            kind,
            severity: dueOn < t ? 'overdue' : 'due',
            subjectId: personId,
            label: `${label?.prisonNumber ?? ''} · ${label?.name ?? ''}`.trim(),
            since,
            dueAt: new Date(`${dueOn}T00:00:00Z`).toISOString(),
            institutionId,
            dataClass: 'clinical',
          });
        };
        for (const r of pending)
          line('sti_assessment_due', r.person_id, r.institution_id, r.due_on, r.created_at);
        for (const r of untreated)
          if (r.result_on)
            line(
              'sti_treatment_due',
              r.person_id,
              r.institution_id,
              programmeAddDays(r.result_on, STI_TREATMENT_DAYS),
              r.result_on,
            );
        for (const p of prompts) line('hepb_offer_due', p.personId, p.institutionId, p.dueOn, p.resultOn);
        return items;
      },
    } satisfies WorklistContributor,
  };
}

export type StiService = ReturnType<typeof createStiService>;
