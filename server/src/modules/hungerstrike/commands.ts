import {
  type advanceInstructionSchema,
  type DeteriorationNoticeInput,
  dailyRecordProblems,
  dayIn,
  daysLittleIntake,
  deteriorationNoticeContent,
  deteriorationNoticeProblems,
  type HungerBaselineInput,
  type HungerCapacityInput,
  type HungerDayRecordInput,
  type HungerEndInput,
  type HungerInterventionInput,
  type HungerOpenInput,
  type hungerInformationSchema,
  hungerMomentProblems,
  type hungerReconfirmationSchema,
  type independentVisitSchema,
  interventionProblem,
  newId,
  type RefeedingStepKind,
  refeedingRisk,
  refeedingStepProblems,
  refeedingSteps,
} from '@custodia/domain';
import type { z } from 'zod';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { badRequest, conflict, ruleRefused } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import type { AuditAction } from '../audit/index.ts';
import type { Caller } from '../identity/index.ts';
import { dayFacts, episodeAccess, factsOf, type HungerDeps, parse, zonesOf } from './context.ts';
import type { HungerStrikeEpisodeTable } from './tables.ts';

const refused = (fields: { path: string; code: string }[]) =>
  ruleRefused(fields, { message: 'The hunger-strike rules do not allow this; see the field errors.' });

/**
 * The recording use cases (HUN-1 … HUN-10): each in one transaction with its audit record. Every
 * entry is appended, never changed; the episode row changes only for the capacity found and its end.
 */
export function createHungerCommands(deps: HungerDeps) {
  const { db, clock, audit, registry, screening } = deps;

  async function entry(tx: Tx, caller: Caller, episodeId: string, kind: string, at: string, data: unknown) {
    const id = newId();
    await tx
      .insertInto('hunger_strike_entry')
      .values({
        id,
        episode_id: episodeId,
        kind,
        at,
        data: JSON.stringify(data),
        recorded_by: caller.userId,
        recorded_at: clock.now().toISOString(),
      })
      .execute();
    return id;
  }

  /** An entry on an episode still open (ended: refused), its moment checked (HUN-1 … HUN-9). */
  function onOpenEpisode<I extends { at: string }>(
    action: AuditAction,
    kind: string,
    check?: (tx: Tx, episode: HungerStrikeEpisodeTable, input: I) => Promise<void>,
    data: (input: I) => unknown = (input) => input,
  ) {
    return (caller: Caller, episodeId: string, input: I) =>
      inTransaction(db, async (tx) => {
        const episode = await episodeAccess(deps, tx, caller, episodeId, action);
        const problems = hungerMomentProblems('at', input.at, episode.started_at, clock.now());
        if (episode.ended_at) problems.push({ path: '', code: 'episode_ended' });
        if (problems.length) throw refused(problems);
        await check?.(tx, episode, input);
        return { id: await entry(tx, caller, episode.id, kind, input.at, data(input)) };
      });
  }

  const instructionsInForce = async (tx: Tx, episodeId: string) =>
    tx
      .selectFrom('hunger_strike_entry')
      .select(['id', 'at'])
      .where('episode_id', '=', episodeId)
      .where('kind', '=', 'advance_instructions')
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();

  /** HUN-2: the capacity the latest physician's assessment of the episode found (null: none yet). */
  async function latestCapacity(tx: Tx, episodeId: string): Promise<'has_capacity' | 'impaired' | null> {
    const row = await tx
      .selectFrom('hunger_strike_entry')
      .select('data')
      .where('episode_id', '=', episodeId)
      .where('kind', '=', 'capacity')
      .orderBy('at', 'desc')
      .orderBy('recorded_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return null;
    const capacity = (JSON.parse(row.data) as { capacity?: string }).capacity;
    return capacity === 'impaired' || capacity === 'has_capacity' ? capacity : null;
  }

  /**
   * HUN-6, HUN-7: whether valid advance instructions refuse artificial feeding: the latest
   * instructions, not withdrawn by a later reconfirmation. A lapsed weekly reconfirmation does not
   * void them: they were given with capacity and stand until withdrawn (ADR 0051).
   */
  async function advanceRefusesFeeding(tx: Tx, episodeId: string) {
    const rows = await tx
      .selectFrom('hunger_strike_entry')
      .select(['kind', 'at', 'data'])
      .where('episode_id', '=', episodeId)
      .where('kind', 'in', ['advance_instructions', 'reconfirmation'])
      .orderBy('at')
      .execute();
    let refuses = false;
    for (const r of rows) {
      const data = JSON.parse(r.data) as { refusesArtificialFeeding?: boolean; outcome?: string };
      if (r.kind === 'advance_instructions') refuses = data.refusesArtificialFeeding === true;
      else if (data.outcome === 'withdrawn') refuses = false;
    }
    return refuses;
  }

  return {
    /** HUN-1: a strike declared: one open episode per person; a collective one links its episodes. */
    async open(caller: Caller, personId: string, input: HungerOpenInput) {
      return inTransaction(db, async (tx) => {
        const person = await registry.personForViewer(tx, caller.viewer, personId);
        const problems = hungerMomentProblems('startedAt', input.startedAt, '0000', clock.now());
        if (person.status !== 'in_custody' || !person.institution_id)
          problems.push({ path: '', code: 'not_in_custody' });
        if (input.linkedEpisodeId && !input.collective)
          problems.push({ path: 'linkedEpisodeId', code: 'link_needs_collective' });
        if (problems.length) throw refused(problems);
        const institutionId = person.institution_id as string;
        const open = await tx
          .selectFrom('hunger_strike_episode')
          .select('id')
          .where('person_id', '=', personId)
          .where('ended_at', 'is', null)
          .executeTakeFirst();
        if (open)
          throw conflict('This person already has an open hunger strike.', {
            errors: [{ path: 'body', code: 'episode_already_open', message: 'episode_already_open' }],
          });
        const id = newId();
        let group: string | null = input.collective ? id : null;
        if (input.linkedEpisodeId) {
          const linked = await tx
            .selectFrom('hunger_strike_episode')
            .select(['id', 'institution_id', 'collective', 'collective_group_id'])
            .where('id', '=', input.linkedEpisodeId)
            .executeTakeFirst();
          if (!linked || linked.institution_id !== institutionId || linked.collective !== 1)
            throw refused([{ path: 'linkedEpisodeId', code: 'link_not_collective' }]);
          group = linked.collective_group_id ?? linked.id;
        }
        await tx
          .insertInto('hunger_strike_episode')
          .values({
            id,
            person_id: personId,
            institution_id: institutionId,
            started_at: input.startedAt,
            type: input.type,
            collective: input.collective ? 1 : 0,
            collective_group_id: group,
            stated_aim: input.statedAim?.trim() || null,
            capacity: null,
            referral_task_id: null,
            ended_at: null,
            end_manner: null,
            ended_by: null,
            opened_by: caller.userId,
            recorded_at: clock.now().toISOString(),
            version: 1,
          })
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'hungerstrike.episode.open',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'hunger_strike_episode',
          resourceId: id,
          personId,
          details: { type: input.type, collective: input.collective },
        });
        return { id };
      });
    },

    /**
     * HUN-1, HUN-2: the physician's assessment. Impaired capacity moves the case to mental-health care:
     * a `mental_health_referral` task opens in the medical record (once per episode).
     */
    async assessCapacity(caller: Caller, episodeId: string, input: HungerCapacityInput) {
      return inTransaction(db, async (tx) => {
        const episode = await episodeAccess(deps, tx, caller, episodeId, 'hungerstrike.capacity.record');
        const problems = hungerMomentProblems(
          'assessedAt',
          input.assessedAt,
          episode.started_at,
          clock.now(),
        );
        if (episode.ended_at) problems.push({ path: '', code: 'episode_ended' });
        if (problems.length) throw refused(problems);
        const id = await entry(tx, caller, episode.id, 'capacity', input.assessedAt, input);
        let referral = episode.referral_task_id;
        if (input.capacity === 'impaired' && !referral) {
          referral = await screening.openTask(tx, {
            personId: episode.person_id,
            institutionId: episode.institution_id,
            kind: 'mental_health_referral',
            triggeredAt: input.assessedAt,
            triggerEventId: id,
          });
        }
        await tx
          .updateTable('hunger_strike_episode')
          .set({ capacity: input.capacity, referral_task_id: referral, version: episode.version + 1 })
          .where('id', '=', episode.id)
          .execute();
        return { id };
      });
    },

    /** HUN-3: the baseline, only with consent; a refusal is recorded as such. */
    recordBaseline: onOpenEpisode<HungerBaselineInput>('hungerstrike.baseline.record', 'baseline'),
    /** HUN-4: information given, understanding checked by teach-back. */
    recordInformation: onOpenEpisode<z.infer<typeof hungerInformationSchema>>(
      'hungerstrike.information.record',
      'information',
    ),
    /** HUN-6: advance instructions with their witness, given voluntarily. */
    recordInstructions: onOpenEpisode<z.infer<typeof advanceInstructionSchema>>(
      'hungerstrike.instructions.record',
      'advance_instructions',
    ),
    /** HUN-6: the weekly reconfirmation of the instructions in force. */
    reconfirmInstructions: onOpenEpisode<z.infer<typeof hungerReconfirmationSchema>>(
      'hungerstrike.instructions.reconfirm',
      'reconfirmation',
      async (tx, episode, input) => {
        const given = await instructionsInForce(tx, episode.id);
        if (!given || input.at < given.at) throw refused([{ path: '', code: 'no_instructions' }]);
      },
    ),
    /** HUN-8: the person asks for an independent physician. */
    requestIndependent: onOpenEpisode<{ at: string }>(
      'hungerstrike.independent.request',
      'independent_request',
    ),

    /** HUN-8: the independent physician's visit, closing the oldest open request. */
    async recordIndependentVisit(
      caller: Caller,
      episodeId: string,
      input: z.infer<typeof independentVisitSchema>,
    ) {
      return inTransaction(db, async (tx) => {
        const episode = await episodeAccess(deps, tx, caller, episodeId, 'hungerstrike.independent.visit');
        const problems = hungerMomentProblems('at', input.at, episode.started_at, clock.now());
        if (problems.length) throw refused(problems);
        const rows = await tx
          .selectFrom('hunger_strike_entry')
          .select(['id', 'kind', 'at', 'data'])
          .where('episode_id', '=', episode.id)
          .where('kind', 'in', ['independent_request', 'independent_visit'])
          .orderBy('at')
          .execute();
        const visited = new Set(
          rows
            .filter((r) => r.kind === 'independent_visit')
            .map((r) => parse<{ requestId: string }>(r.data).requestId),
        );
        const request = rows.find(
          (r) => r.kind === 'independent_request' && !visited.has(r.id) && r.at <= input.at,
        );
        if (!request) throw refused([{ path: '', code: 'no_open_request' }]);
        return {
          id: await entry(tx, caller, episode.id, 'independent_visit', input.at, {
            requestId: request.id,
            physicianName: input.physicianName,
          }),
        };
      });
    },

    /** HUN-5: the day's offer, and weight and vital signs when due, each done or refused. */
    async recordDay(caller: Caller, episodeId: string, input: HungerDayRecordInput, key?: string) {
      const zones = await zonesOf(deps);
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `hungerstrike:day:${episodeId}`, body: input },
          async () => {
            const episode = await episodeAccess(deps, tx, caller, episodeId, 'hungerstrike.day.record');
            const days = (await dayFacts(tx, [episode.id])).get(episode.id) ?? [];
            const problems = dailyRecordProblems(input, factsOf(episode, days), clock.now());
            if (problems.length) throw refused(problems);
            const day = dayIn(input.offeredAt, zones.zone(episode.institution_id));
            if (days.some((d) => d.day === day))
              throw conflict('This day is already recorded.', {
                errors: [
                  { path: 'body.offeredAt', code: 'day_already_recorded', message: 'day_already_recorded' },
                ],
              });
            const id = newId();
            const weight = input.weight ?? null;
            const vitals = input.vitals ?? null;
            await tx
              .insertInto('hunger_strike_day')
              .values({
                id,
                episode_id: episode.id,
                day,
                offered_at: input.offeredAt,
                assessment: input.assessment,
                weight_status: weight?.status ?? null,
                weight_kg: weight?.status === 'done' ? weight.kg : null,
                vitals_status: vitals?.status ?? null,
                pulse: vitals?.status === 'done' ? vitals.pulse : null,
                systolic: vitals?.status === 'done' ? vitals.systolic : null,
                diastolic: vitals?.status === 'done' ? vitals.diastolic : null,
                temperature: vitals?.status === 'done' ? vitals.temperature : null,
                fluids_taken: input.fluidsTaken == null ? null : input.fluidsTaken ? 1 : 0,
                note: input.note?.trim() || null,
                recorded_by: caller.userId,
                recorded_at: clock.now().toISOString(),
              })
              .execute();
            return { id };
          },
        ),
      );
    },

    /**
     * HUN-9, HUN-8: a notice of marked deterioration to the competent authority: what was sent, to
     * whom, when. Without consent it carries no clinical detail (refused if some is given).
     */
    async sendNotice(caller: Caller, episodeId: string, input: DeteriorationNoticeInput) {
      const zones = await zonesOf(deps);
      return inTransaction(db, async (tx) => {
        const episode = await episodeAccess(deps, tx, caller, episodeId, 'hungerstrike.notice.send');
        const problems = [
          ...hungerMomentProblems('at', input.at, episode.started_at, clock.now()),
          ...deteriorationNoticeProblems(input),
        ];
        if (problems.length) throw refused(problems);
        const label = (await registry.personLabels(tx, [episode.person_id])).get(episode.person_id);
        const sent = deteriorationNoticeContent(input, {
          person: label?.name ?? '',
          prisonNumber: label?.prisonNumber ?? '',
          institution: zones.name(episode.institution_id),
        });
        return {
          id: await entry(tx, caller, episode.id, 'notice', input.at, {
            authority: input.authority,
            consentToClinicalDetail: input.consentToClinicalDetail,
            sent,
          }),
        };
      });
    },

    /**
     * HUN-7: an intervention, only of a consented kind. There is no force-feeding order type: any
     * other kind is refused with its own code, and nothing is written. Without consent, artificial
     * feeding only for a person a physician found without capacity (the latest capacity assessment),
     * on the recording physician's decision in the person's interest that took the advance
     * instructions into account, and never against valid instructions refusing it (ADR 0051).
     */
    async recordIntervention(caller: Caller, episodeId: string, input: HungerInterventionInput) {
      const reject = (verdict: ReturnType<typeof interventionProblem>) => {
        if (verdict && 'error' in verdict)
          throw badRequest(
            verdict.error,
            verdict.error === 'force_feeding_not_permitted'
              ? 'There is no force-feeding order: feeding needs the person’s consent (HUN-7).'
              : 'This is not a kind of intervention the record knows.',
          );
        if (verdict) throw refused(verdict.problems);
      };
      reject(interventionProblem(input, { capacity: 'impaired', advanceRefusesFeeding: false }));
      return inTransaction(db, async (tx) => {
        const episode = await episodeAccess(deps, tx, caller, episodeId, 'hungerstrike.intervention.record');
        const problems = hungerMomentProblems('at', input.at, episode.started_at, clock.now());
        if (problems.length) throw refused(problems);
        if (!input.consent) {
          const facts = {
            capacity: await latestCapacity(tx, episode.id),
            advanceRefusesFeeding: await advanceRefusesFeeding(tx, episode.id),
          };
          reject(interventionProblem(input, facts));
        }
        return { id: await entry(tx, caller, episode.id, 'intervention', input.at, input) };
      });
    },

    /**
     * HUN-10: the end of the strike. When the person stops (not on death, a hospital transfer or
     * release), the refeeding-risk protocol opens: the NICE CG32 risk and its steps as tasks.
     */
    async end(caller: Caller, episodeId: string, input: HungerEndInput) {
      return inTransaction(db, async (tx) => {
        const episode = await episodeAccess(deps, tx, caller, episodeId, 'hungerstrike.episode.end');
        const problems = hungerMomentProblems('endedAt', input.endedAt, episode.started_at, clock.now());
        if (episode.ended_at) problems.push({ path: '', code: 'episode_ended' });
        if (problems.length) throw refused(problems);
        const [baseline, lastDay] = await Promise.all([
          tx
            .selectFrom('hunger_strike_entry')
            .select('data')
            .where('episode_id', '=', episode.id)
            .where('kind', '=', 'baseline')
            .orderBy('at', 'desc')
            .limit(1)
            .executeTakeFirst(),
          tx
            .selectFrom('hunger_strike_day')
            .select('weight_kg')
            .where('episode_id', '=', episode.id)
            .where('weight_kg', 'is not', null)
            .orderBy('day', 'desc')
            .limit(1)
            .executeTakeFirst(),
        ]);
        const base = baseline ? parse<HungerBaselineInput>(baseline.data) : null;
        const given = base?.consent === 'given' ? base : null;
        const risk = refeedingRisk({
          weightKg: input.weightKg ?? lastDay?.weight_kg ?? null,
          heightCm: given?.heightCm ?? null,
          baselineKg: given?.weightKg ?? null,
          priorLossPercent: input.priorLossPercent ?? null,
          daysLittleIntake: daysLittleIntake(episode.started_at, input.endedAt),
          lowElectrolytes: input.lowPotassium || input.lowPhosphate || input.lowMagnesium,
          alcoholOrDrugs: input.alcoholMisuse || input.riskDrugs,
        });
        await tx
          .updateTable('hunger_strike_episode')
          .set({
            ended_at: input.endedAt,
            end_manner: input.manner,
            ended_by: caller.userId,
            version: episode.version + 1,
          })
          .where('id', '=', episode.id)
          .execute();
        await entry(tx, caller, episode.id, 'end', input.endedAt, input);
        if (input.manner === 'stopped') {
          await entry(tx, caller, episode.id, 'refeeding_plan', input.endedAt, risk);
          await tx
            .insertInto('hunger_refeeding_step')
            .values(
              refeedingSteps(input.endedAt).map((s) => ({
                id: newId(),
                episode_id: episode.id,
                institution_id: episode.institution_id,
                person_id: episode.person_id,
                kind: s.kind,
                due_at: s.dueAt,
                done_at: null,
                done_by: null,
                note: null,
              })),
            )
            .execute();
        }
        return { id: episode.id };
      });
    },

    /** HUN-10: a step of the refeeding protocol done (thiamine before feeding). */
    async completeStep(
      caller: Caller,
      episodeId: string,
      stepId: string,
      input: { at: string; note?: string | null },
    ) {
      return inTransaction(db, async (tx) => {
        const episode = await episodeAccess(deps, tx, caller, episodeId, 'hungerstrike.refeeding.step');
        const steps = await tx
          .selectFrom('hunger_refeeding_step')
          .select(['id', 'kind', 'done_at'])
          .where('episode_id', '=', episode.id)
          .execute();
        const step = steps.find((s) => s.id === stepId);
        if (!step) throw refused([{ path: '', code: 'no_such_step' }]);
        const problems = hungerMomentProblems(
          'at',
          input.at,
          episode.ended_at ?? episode.started_at,
          clock.now(),
        );
        if (step.done_at) problems.push({ path: '', code: 'step_already_done' });
        problems.push(
          ...refeedingStepProblems(
            step.kind as RefeedingStepKind,
            new Set(steps.filter((s) => s.done_at).map((s) => s.kind as RefeedingStepKind)),
          ),
        );
        if (problems.length) throw refused(problems);
        await tx
          .updateTable('hunger_refeeding_step')
          .set({ done_at: input.at, done_by: caller.userId, note: input.note?.trim() || null })
          .where('id', '=', step.id)
          .execute();
        return { id: step.id };
      });
    },
  };
}
