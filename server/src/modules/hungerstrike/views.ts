import {
  bmiOf,
  type EndManner,
  type HungerBaselineInput,
  type HungerCapacityInput,
  type HungerDay,
  type HungerEpisode,
  type HungerRow,
  hungerDailyDue,
  hungerEpisodeState,
  hungerSigns,
  measurementsDueFrom,
  type RefeedingRisk,
  type RefeedingStepKind,
  reconfirmationState,
  type SafetyAlert,
  strikeDay,
} from '@custodia/domain';
import { type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { Caller } from '../identity/index.ts';
import { dayFacts, episodeAccess, factsOf, type HungerDeps, parse, zonesOf } from './context.ts';
import type { HungerStrikeEpisodeTable } from './tables.ts';

/** The sheet shows the latest days (a strike beyond two months is rare; the count says how many in all). */
const SHEET_DAYS = 60;
const WORKLIST_LIMIT = 200;

type Entry<T> = T & { id: string; at: string; by: string; recordedAt: string };

/** The reads of the hunger-strike record (clinical: every one audited, MED-1). */
export function createHungerViews(deps: HungerDeps) {
  const { db, clock, registry, identity } = deps;

  /** The list rows of some episodes, with today's duties (three statements for the page). */
  async function rows(tx: Executor, episodes: HungerStrikeEpisodeTable[], zone: (id: string) => string) {
    const ids = episodes.map((e) => e.id);
    const [labels, days, steps] = await Promise.all([
      registry.personLabels(
        tx,
        episodes.map((e) => e.person_id),
      ),
      dayFacts(tx, ids),
      ids.length
        ? tx
            .selectFrom('hunger_refeeding_step')
            .select(['episode_id', 'done_at'])
            .where('episode_id', 'in', ids)
            .execute()
        : Promise.resolve([]),
    ]);
    const now = clock.now();
    return episodes.map((e): HungerRow => {
      const list = days.get(e.id) ?? [];
      const facts = factsOf(e, list);
      const due = hungerDailyDue(facts, now, zone(e.institution_id));
      const own = steps.filter((s) => s.episode_id === e.id);
      return {
        id: e.id,
        personId: e.person_id,
        name: labels.get(e.person_id)?.name ?? '',
        prisonNumber: labels.get(e.person_id)?.prisonNumber ?? '',
        institutionId: e.institution_id,
        startedAt: e.started_at,
        endedAt: e.ended_at,
        type: facts.type,
        collective: e.collective === 1,
        state: hungerEpisodeState({
          endedAt: e.ended_at,
          endManner: e.end_manner as EndManner | null,
          capacity: e.capacity as 'has_capacity' | 'impaired' | null,
          daysRecorded: list.length,
          refeedingOpen: own.filter((s) => !s.done_at).length,
          refeedingTotal: own.length,
        }),
        dayNumber: strikeDay(e.started_at, e.ended_at ?? now, zone(e.institution_id)),
        offerDue: due?.offerDue ?? false,
        measurementsDue: due?.measurementsDue ?? false,
      };
    });
  }

  async function episodeView(tx: Tx, e: HungerStrikeEpisodeTable, zone: string): Promise<HungerEpisode> {
    const [entries, dayRows, dayCount, steps, linked] = await Promise.all([
      tx.selectFrom('hunger_strike_entry').selectAll().where('episode_id', '=', e.id).orderBy('at').execute(),
      tx
        .selectFrom('hunger_strike_day')
        .selectAll()
        .where('episode_id', '=', e.id)
        .orderBy('day', 'desc')
        .limit(SHEET_DAYS)
        .execute(),
      tx
        .selectFrom('hunger_strike_day')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('episode_id', '=', e.id)
        .executeTakeFirstOrThrow(),
      tx
        .selectFrom('hunger_refeeding_step')
        .selectAll()
        .where('episode_id', '=', e.id)
        .orderBy('due_at')
        .execute(),
      e.collective_group_id
        ? tx
            .selectFrom('hunger_strike_episode')
            .select(['id', 'person_id'])
            .where('collective_group_id', '=', e.collective_group_id)
            .where('id', '!=', e.id)
            .orderBy('started_at')
            .limit(50)
            .execute()
        : Promise.resolve([]),
    ]);
    const [labels, names] = await Promise.all([
      registry.personLabels(tx, [e.person_id, ...linked.map((l) => l.person_id)]),
      identity.displayNames(tx, [
        ...new Set([
          ...entries.map((x) => x.recorded_by),
          ...dayRows.map((d) => d.recorded_by),
          ...steps.flatMap((s) => (s.done_by ? [s.done_by] : [])),
        ]),
      ]),
    ]);
    const now = clock.now();
    const of = <T>(kind: string): Entry<T>[] =>
      entries
        .filter((x) => x.kind === kind)
        .map((x) => ({
          ...parse<T>(x.data),
          id: x.id,
          at: x.at,
          by: names.get(x.recorded_by) ?? '',
          recordedAt: x.recorded_at,
        }));
    const capacity = of<HungerCapacityInput>('capacity').at(-1) ?? null;
    const baseline = of<HungerBaselineInput>('baseline').at(-1) ?? null;
    const given = baseline?.consent === 'given' ? baseline : null;
    const instructions =
      of<{
        instructions: string;
        refusesResuscitation: boolean;
        refusesArtificialFeeding: boolean;
        witnessName: string;
      }>('advance_instructions').at(-1) ?? null;
    const reconfirmations = of<{
      outcome: 'reconfirmed' | 'changed' | 'withdrawn';
      witnessName: string;
      note?: string | null;
    }>('reconfirmation');
    const visits = of<{ requestId: string; physicianName: string }>('independent_visit');
    const plan = of<RefeedingRisk>('refeeding_plan').at(-1) ?? null;
    const days: HungerDay[] = dayRows.map((d) => ({
      id: d.id,
      day: d.day,
      dayNumber: strikeDay(e.started_at, d.offered_at, zone),
      offeredAt: d.offered_at,
      assessment: d.assessment as 'done' | 'refused',
      weight: d.weight_status ? { status: d.weight_status as 'done' | 'refused', kg: d.weight_kg } : null,
      vitals: d.vitals_status
        ? {
            status: d.vitals_status as 'done' | 'refused',
            pulse: d.pulse,
            systolic: d.systolic,
            diastolic: d.diastolic,
            temperature: d.temperature,
          }
        : null,
      fluidsTaken: d.fluids_taken === null ? null : d.fluids_taken === 1,
      note: d.note,
      by: names.get(d.recorded_by) ?? '',
    }));
    const facts = factsOf(
      e,
      dayRows.map((d) => ({
        day: d.day,
        fluidsTaken: d.fluids_taken === null ? null : d.fluids_taken === 1,
      })),
    );
    const lastKg = dayRows.find((d) => d.weight_kg !== null)?.weight_kg ?? null;
    const label = labels.get(e.person_id);
    return {
      id: e.id,
      personId: e.person_id,
      name: label?.name ?? '',
      prisonNumber: label?.prisonNumber ?? '',
      institutionId: e.institution_id,
      version: e.version,
      startedAt: e.started_at,
      type: facts.type,
      collective: e.collective === 1,
      collectiveGroupId: e.collective_group_id,
      linkedEpisodes: linked.map((l) => ({
        id: l.id,
        name: labels.get(l.person_id)?.name ?? '',
        prisonNumber: labels.get(l.person_id)?.prisonNumber ?? '',
      })),
      statedAim: e.stated_aim,
      state: hungerEpisodeState({
        endedAt: e.ended_at,
        endManner: e.end_manner as EndManner | null,
        capacity: e.capacity as 'has_capacity' | 'impaired' | null,
        daysRecorded: Number(dayCount.n),
        refeedingOpen: steps.filter((s) => !s.done_at).length,
        refeedingTotal: steps.length,
      }),
      endedAt: e.ended_at,
      endManner: e.end_manner as EndManner | null,
      due: hungerDailyDue(facts, now, zone),
      measurementsDueFrom: measurementsDueFrom(facts),
      signs: hungerSigns({
        facts,
        baselineKg: given?.weightKg ?? null,
        heightCm: given?.heightCm ?? null,
        lastKg,
        now,
        timeZone: zone,
      }),
      baselineKg: given?.weightKg ?? null,
      lastKg,
      capacity: capacity
        ? {
            id: capacity.id,
            at: capacity.at,
            by: capacity.by,
            recordedAt: capacity.recordedAt,
            voluntary: capacity.voluntary,
            peerPressure: capacity.peerPressure,
            capacity: capacity.capacity,
            note: capacity.note ?? null,
          }
        : null,
      baseline: baseline
        ? {
            id: baseline.id,
            at: baseline.at,
            by: baseline.by,
            recordedAt: baseline.recordedAt,
            consent: baseline.consent,
            weightKg: given?.weightKg ?? null,
            heightCm: given?.heightCm ?? null,
            bmi: given ? bmiOf(given.weightKg, given.heightCm) : null,
            pulse: given?.pulse ?? null,
            systolic: given?.systolic ?? null,
            diastolic: given?.diastolic ?? null,
            temperature: given?.temperature ?? null,
            glucose: given?.glucose ?? null,
            potassium: given?.potassium ?? null,
            phosphate: given?.phosphate ?? null,
            magnesium: given?.magnesium ?? null,
            history: given?.history ?? null,
          }
        : null,
      information: of<{
        language: string;
        interpreter: boolean;
        teachBack: 'understood' | 'partly_understood' | 'not_understood';
        summary: string;
      }>('information').map((i) => ({
        id: i.id,
        at: i.at,
        by: i.by,
        recordedAt: i.recordedAt,
        language: i.language,
        interpreter: i.interpreter,
        teachBack: i.teachBack,
        summary: i.summary,
      })),
      days,
      dayCount: Number(dayCount.n),
      advanceInstructions: instructions
        ? {
            id: instructions.id,
            at: instructions.at,
            by: instructions.by,
            recordedAt: instructions.recordedAt,
            instructions: instructions.instructions,
            refusesResuscitation: instructions.refusesResuscitation,
            refusesArtificialFeeding: instructions.refusesArtificialFeeding,
            witnessName: instructions.witnessName,
          }
        : null,
      reconfirmations: reconfirmations.map((r) => ({
        id: r.id,
        at: r.at,
        by: r.by,
        recordedAt: r.recordedAt,
        outcome: r.outcome,
        witnessName: r.witnessName,
        note: r.note ?? null,
      })),
      reconfirmation: e.ended_at ? null : reconfirmationState(instructions, reconfirmations, now),
      notices: of<{
        authority: string;
        consentToClinicalDetail: boolean;
        sent: HungerEpisode['notices'][number]['sent'];
      }>('notice').map((n) => ({
        id: n.id,
        at: n.at,
        by: n.by,
        recordedAt: n.recordedAt,
        authority: n.authority,
        consentToClinicalDetail: n.consentToClinicalDetail,
        sent: n.sent,
      })),
      independentPhysician: of<object>('independent_request').map((r) => {
        const visit = visits.find((v) => v.requestId === r.id);
        return {
          id: r.id,
          at: r.at,
          by: r.by,
          recordedAt: r.recordedAt,
          requestedAt: r.at,
          visitedAt: visit?.at ?? null,
          physicianName: visit?.physicianName ?? null,
        };
      }),
      interventions: of<{
        kind: HungerEpisode['interventions'][number]['kind'];
        consent: boolean;
        note?: string | null;
        incapacityDecision?: HungerEpisode['interventions'][number]['incapacityDecision'];
      }>('intervention').map((i) => ({
        id: i.id,
        at: i.at,
        by: i.by,
        recordedAt: i.recordedAt,
        kind: i.kind,
        consent: i.consent,
        note: i.note ?? null,
        incapacityDecision: i.incapacityDecision ?? null,
      })),
      refeeding: plan
        ? {
            level: plan.level,
            criteria: plan.criteria,
            bmi: plan.bmi,
            lossPercent: plan.lossPercent,
            daysLittleIntake: plan.daysLittleIntake,
            startKcalPerKgDay: plan.startKcalPerKgDay,
            steps: steps.map((s) => ({
              id: s.id,
              kind: s.kind as RefeedingStepKind,
              dueAt: s.due_at,
              doneAt: s.done_at,
              by: s.done_by ? (names.get(s.done_by) ?? '') : null,
              note: s.note,
              overdue: !s.done_at && now.toISOString() > s.due_at,
            })),
          }
        : null,
      mentalHealthReferralTaskId: e.referral_task_id,
    };
  }

  return {
    /** The whole record of one strike (clinical, audited). */
    async episode(caller: Caller, id: string) {
      const zones = await zonesOf(deps);
      return inTransaction(db, async (tx) => {
        const e = await episodeAccess(deps, tx, caller, id, 'hungerstrike.episode.read');
        return episodeView(tx, e, zones.zone(e.institution_id));
      });
    },

    /** A person's strikes, newest first (the chart tab). */
    async personEpisodes(caller: Caller, personId: string) {
      const zones = await zonesOf(deps);
      return inTransaction(db, async (tx) => {
        const person = await registry.personForViewer(tx, caller.viewer, personId);
        await deps.audit.record(tx, caller.audit, {
          action: 'hungerstrike.person.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          purpose: registry.inNormalScope(caller.viewer, person) ? 'normal' : 'break_glass',
          resourceType: 'hunger_strike_episode',
          resourceId: personId,
          personId,
        });
        const list = await tx
          .selectFrom('hunger_strike_episode')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('started_at', 'desc')
          .limit(50)
          .execute();
        return { items: await rows(tx, list, zones.zone) };
      });
    },

    /** The strikes of an institution (open ones first in time), paged. */
    async list(
      caller: Caller,
      query: { institutionId: string; open: boolean; limit: number; cursor?: string },
    ) {
      const zones = await zonesOf(deps);
      const v = caller.viewer;
      if (!v.national && !v.institutionIds.includes(query.institutionId))
        return { items: [], nextCursor: null };
      const after = decodeCursor(query.cursor, 2);
      return inTransaction(db, async (tx) => {
        let q = tx
          .selectFrom('hunger_strike_episode')
          .selectAll()
          .where('institution_id', '=', query.institutionId)
          .orderBy('started_at')
          .orderBy('id')
          .limit(query.limit + 1);
        q = query.open ? q.where('ended_at', 'is', null) : q.where('ended_at', 'is not', null);
        if (after) q = q.where(keysetAfter(['started_at', 'id'], after));
        const found = await q.execute();
        await deps.audit.record(tx, caller.audit, {
          action: 'hungerstrike.list.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'hunger_strike_episode',
          details: { institutionId: query.institutionId, count: Math.min(found.length, query.limit) },
        });
        const page = toPage(
          found,
          query.limit,
          (e) => [e.started_at, e.id],
          (e) => e,
        );
        return { items: await rows(tx, page.items, zones.zone), nextCursor: page.nextCursor };
      });
    },

    /**
     * The worklist (HUN-5, HUN-6, HUN-10): today's offers not yet recorded, reconfirmations due and
     * refeeding steps due — four statements whatever the number of strikes.
     */
    async dueItems(scope: { institutionIds: string[]; national: boolean }) {
      const zones = await zonesOf(deps);
      const now = clock.now();
      let open = db
        .selectFrom('hunger_strike_episode')
        .selectAll()
        .where('ended_at', 'is', null)
        .orderBy('started_at')
        .limit(WORKLIST_LIMIT);
      let stepQuery = db
        .selectFrom('hunger_refeeding_step')
        .selectAll()
        .where('done_at', 'is', null)
        .where('due_at', '<=', new Date(now.getTime() + 24 * 3_600_000).toISOString())
        .orderBy('due_at')
        .limit(WORKLIST_LIMIT);
      if (!scope.national) {
        open = open.where('institution_id', 'in', scope.institutionIds);
        stepQuery = stepQuery.where('institution_id', 'in', scope.institutionIds);
      }
      const [episodes, steps] = await Promise.all([open.execute(), stepQuery.execute()]);
      const ids = episodes.map((e) => e.id);
      const [days, instructions, labels] = await Promise.all([
        dayFacts(db, ids),
        ids.length
          ? db
              .selectFrom('hunger_strike_entry')
              .select(['episode_id', 'kind', 'at', 'data'])
              .where('episode_id', 'in', ids)
              .where('kind', 'in', ['advance_instructions', 'reconfirmation'])
              .execute()
          : Promise.resolve([]),
        registry.personLabels(db, [...episodes.map((e) => e.person_id), ...steps.map((s) => s.person_id)]),
      ]);
      const items: {
        kind: 'daily_offer' | 'reconfirmation' | 'refeeding_step';
        subjectId: string;
        label: string;
        since: string | null;
        dueAt: string;
        overdue: boolean;
        institutionId: string;
      }[] = [];
      const name = (personId: string) => {
        const l = labels.get(personId);
        return l ? `${l.name} · ${l.prisonNumber}` : '';
      };
      for (const e of episodes) {
        if (e.capacity === 'impaired') continue;
        const due = hungerDailyDue(factsOf(e, days.get(e.id) ?? []), now, zones.zone(e.institution_id));
        if (due?.offerDue)
          items.push({
            kind: 'daily_offer',
            subjectId: e.id,
            label: name(e.person_id),
            since: e.started_at,
            dueAt: due.dueAt,
            overdue: due.missedDays > 0,
            institutionId: e.institution_id,
          });
        const own = instructions.filter((x) => x.episode_id === e.id);
        const given = own
          .filter((x) => x.kind === 'advance_instructions')
          .sort((a, b) => a.at.localeCompare(b.at));
        const state = reconfirmationState(
          given.at(-1) ?? null,
          own
            .filter((x) => x.kind === 'reconfirmation')
            .map((x) => ({ at: x.at, outcome: parse<{ outcome: 'reconfirmed' }>(x.data).outcome })),
          now,
        );
        // Shown from a day before it falls due.
        if (state && Date.parse(state.dueAt) - now.getTime() < 24 * 3_600_000)
          items.push({
            kind: 'reconfirmation',
            subjectId: e.id,
            label: name(e.person_id),
            since: state.lastConfirmedAt,
            dueAt: state.dueAt,
            overdue: state.overdue,
            institutionId: e.institution_id,
          });
      }
      for (const s of steps)
        items.push({
          kind: 'refeeding_step',
          subjectId: s.episode_id,
          label: name(s.person_id),
          since: null,
          dueAt: s.due_at,
          overdue: now.toISOString() > s.due_at,
          institutionId: s.institution_id,
        });
      return items;
    },

    /**
     * HUN-8, MED-3: custodial staff see that a person is on hunger strike and followed by health
     * care — a health alert without clinical detail (not while the case is with mental-health care).
     */
    async alertsInForce(executor: Executor, personIds: readonly string[]) {
      const byPerson = new Map<string, SafetyAlert[]>();
      if (!personIds.length) return byPerson;
      const found = await executor
        .selectFrom('hunger_strike_episode')
        .select(['id', 'person_id', 'started_at', 'capacity'])
        .where('person_id', 'in', personIds)
        .where('ended_at', 'is', null)
        .execute();
      for (const e of found) {
        if (e.capacity === 'impaired') continue;
        byPerson.set(e.person_id, [
          ...(byPerson.get(e.person_id) ?? []),
          { id: e.id, detail: { kind: 'hunger_strike' }, startsAt: e.started_at, endsAt: null },
        ]);
      }
      return byPerson;
    },
  };
}
