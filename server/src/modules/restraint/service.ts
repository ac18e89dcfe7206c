import {
  type Clock,
  type EpisodeEventFact,
  type EpisodeState,
  episodeStanding,
  episodeState,
  episodeTypes,
  medianOf,
  newId,
  type RestraintAddTypes,
  type RestraintLimits,
  type RestraintStart,
  type RestraintType,
  type Role,
  restraintAddTypesProblems,
  restraintEventKinds,
  restraintEventPermission,
  restraintEventTimeProblem,
  restraintStartFlags,
  restraintStartProblems,
  restraintTypes,
  rolePermissions,
  type SupervisionPosition,
  standingEvents,
  supervisionPositionProblem,
  type ThresholdId,
} from '@custodia/domain';
import { sql } from 'kysely';
import { type Db, type Executor, inTransaction, type Tx } from '../../platform/db/database.ts';
import { forbidden, notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import type { LiveChannel } from '../../platform/http/live.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { AuditService } from '../audit/index.ts';
import type { AlertService, ScreeningService } from '../clinical/index.ts';
import type { Caller, IdentityService } from '../identity/index.ts';
import type { RegistryService, RegistryViewer } from '../registry/index.ts';
import type { RestraintEpisodeTable, RestraintEventTable } from './tables.ts';

const DAY = 86_400_000;
export type EventKind = EpisodeEventFact['kind'];

const limitIds: Record<keyof RestraintLimits, ThresholdId> = {
  examinationMinutes: 'RST-2.examination_due_minutes',
  observationMinutes: 'RST-6.observation_minutes',
  reviewMinutes: 'RST-7.review_minutes',
  softAlertMinutes: 'RST-7.soft_alert_minutes',
  secondDoctorMinutes: 'RST-7.second_doctor_minutes',
  repeatEpisodes: 'RST-7.repeat_episodes',
  escalationMinutes: 'RST-7.escalation_minutes',
  debriefMinutes: 'RST-9.debrief_minutes',
  examinationAfterMinutes: 'RST-11.examination_after_minutes',
};

const json = <T>(text: string) => JSON.parse(text) as T;

/** The person as the register names them (RST-10), or null when the registry has no such person. */
const personOf = (label: { prisonNumber: string; name: string } | undefined) =>
  label ? { prisonNumber: label.prisonNumber, name: label.name } : null;

/**
 * the entries whose content a custodial reader of the episode sees (ADR 0030): what the ward records
 * (custodial data class: observations, supervision, the end, debriefs, complaints, corrections) and
 * the escalation's "who was notified". A doctor's approval, examination and review text, and the
 * examination after the measure, stay with clinical readers.
 */
const custodialContent = new Set<string>([
  'types_added',
  'observation',
  'handover',
  'supervision_lapse',
  'end',
  'debrief_person',
  'debrief_staff',
  'complaint',
  'correction',
  'escalation',
]);

/** The roles of an author that grant what they recorded (all their roles when none does). */
function rolesFor(roles: readonly Role[], kind: string): Role[] {
  const permission = restraintEventPermission[kind as EventKind];
  const granting = roles.filter((r) => rolePermissions[r]?.includes(permission));
  return granting.length ? granting : [...roles];
}

/** Holds restraint.episode.approve (a doctor): may order, approve, examine and review. */
const isDoctor = (caller: Caller) => caller.has('restraint.episode.approve');

/** Sees clinical detail (assessments, medication, findings); others see the register without it. */
const seesClinical = (caller: Caller) => caller.has('clinical.record.read');

/**
 * Restraint and seclusion (RST-1 … RST-16): episodes and their events in an append-only register,
 * the ward's live board, the worklist, the register with its exports and the monthly report.
 */
export function createRestraintService(
  db: Db,
  clock: Clock,
  audit: AuditService,
  registry: RegistryService,
  identity: IdentityService,
  screening: ScreeningService,
  alerts: AlertService,
  live: LiveChannel,
) {
  /** The limits in force for several institutions, in one query. */
  async function limitsIn(
    executor: Executor,
    institutionIds: string[],
  ): Promise<Map<string, RestraintLimits>> {
    const values = await screening.thresholdsIn(executor, Object.values(limitIds), institutionIds);
    return new Map(
      [...values].map(([institutionId, byId]) => {
        const entries = (Object.keys(limitIds) as (keyof RestraintLimits)[]).map(
          (key) => [key, byId.get(limitIds[key]) as number] as const,
        );
        return [institutionId, Object.fromEntries(entries) as unknown as RestraintLimits];
      }),
    );
  }

  /** The limits in force for an institution, in one query (the institution's, else national, else default). */
  async function limitsFor(executor: Executor, institutionId: string): Promise<RestraintLimits> {
    const values = await screening.thresholdValues(executor, Object.values(limitIds), institutionId);
    const entries = (Object.keys(limitIds) as (keyof RestraintLimits)[]).map(
      (key) => [key, values.get(limitIds[key]) as number] as const,
    );
    return Object.fromEntries(entries) as unknown as RestraintLimits;
  }

  const facts = (events: RestraintEventTable[]): EpisodeEventFact[] =>
    events.map((e) => ({
      id: e.id,
      kind: e.kind as EventKind,
      at: e.at,
      correctsEventId: e.corrects_event_id,
    }));

  /**
   * RST-1: what is applied in an episode: the types, equipment and holds of its start and of the
   * additions that stand (types_added events).
   */
  function composition(e: RestraintEpisodeTable, events: RestraintEventTable[]) {
    const withAdded = events.map((r) => ({
      ...(facts([r])[0] as EpisodeEventFact),
      added: r.kind === 'types_added' ? json<RestraintAddTypes>(r.payload) : null,
    }));
    const added = standingEvents(withAdded).flatMap((x) => (x.added ? [x.added] : []));
    const union = (start: string, more: (a: RestraintAddTypes) => string[]) => [
      ...new Set([...json<string[]>(start), ...added.flatMap(more)]),
    ];
    return {
      types: episodeTypes(
        json<RestraintType[]>(e.types),
        withAdded.map((x) => ({ ...x, types: x.added?.types ?? [] })),
      ),
      equipment: union(e.equipment, (a) => a.equipment),
      holds: union(e.holds, (a) => a.holds),
    };
  }

  /** RST-4/RST-5, RST-10: who supervised: the one named at the start, then each handover that stands. */
  function supervisorsOf(e: RestraintEpisodeTable, events: RestraintEventTable[]) {
    const handovers = standingEvents(facts(events))
      .filter((x) => x.kind === 'handover')
      .map(
        (x) =>
          json<{ supervisorId?: string }>(events.find((r) => r.id === x.id)?.payload ?? '{}').supervisorId,
      );
    return [...new Set([e.supervisor_id, ...handovers.filter((id): id is string => !!id)])];
  }

  /** RST-4/RST-5: where the supervisor is now: the last handover that stands, else the start's. */
  function supervisionNow(e: RestraintEpisodeTable, events: RestraintEventTable[]) {
    const last = standingEvents(facts(events))
      .filter((x) => x.kind === 'handover')
      .at(-1);
    const payload = last
      ? json<{ supervisionPosition?: SupervisionPosition }>(
          events.find((r) => r.id === last.id)?.payload ?? '{}',
        )
      : null;
    return (payload?.supervisionPosition ?? e.supervision_position) as SupervisionPosition | null;
  }

  /** Up to this many episodes, their events are read with a seek per kind (eventsOf). */
  const FEW_EPISODES = 10;

  /**
   * The events of episodes, oldest first. `timeline` reads every event (an episode's page);
   * `state` reads what the countdowns and the register need — every event but the observations,
   * and of those only the latest that stands — so a board, a register page or a new note costs
   * the same on the third day of an episode (288 notes) as in its first hour. `standing` reads no
   * observation at all (a new event is checked against the end and the approval only).
   */
  async function eventsOf(
    executor: Executor,
    episodeIds: string[],
    scope: 'timeline' | 'state' | 'standing',
  ) {
    const map = new Map<string, RestraintEventTable[]>();
    if (!episodeIds.length) return map;
    // Ordered here, not in SQL: an ORDER BY at made SQLite walk the whole table in time order
    // (20 ms for 50 episodes at national scale) instead of looking each episode up in its index.
    let rows: RestraintEventTable[];
    if (scope === 'timeline') {
      rows = await executor
        .selectFrom('restraint_event')
        .selectAll()
        .where('episode_id', 'in', episodeIds)
        .execute();
    } else {
      const kinds = restraintEventKinds.filter((k) => k !== 'observation');
      const columns = [
        'e.id',
        'e.episode_id',
        'e.institution_id',
        'e.kind',
        'e.at',
        'e.corrects_event_id',
        'e.recorded_by',
        'e.recorded_at',
        // The state reads no payload but the end's (its reason and the injuries, RST-10), the types
        // added (RST-1) and the handovers (where the supervisor is, RST-4).
        sql<string>`case when ${sql.ref('e.kind')} in ('end', 'types_added', 'handover') then ${sql.ref('e.payload')} else '{}' end`.as(
          'payload',
        ),
      ] as const;
      // A few episodes (the board, a new note) may be long, with hundreds of notes: one seek per
      // kind in (episode_id, kind, at), joined from the episode so that SQLite uses both columns.
      // Many (a register page) are mostly ended and short: one walk of each episode's entries is
      // cheaper than 13 seeks each.
      const others =
        episodeIds.length <= FEW_EPISODES
          ? await executor
              .selectFrom('restraint_episode as ep')
              .innerJoin('restraint_event as e', (join) =>
                join.onRef('e.episode_id', '=', 'ep.id').on('e.kind', 'in', kinds),
              )
              .select(columns)
              .where('ep.id', 'in', episodeIds)
              .execute()
          : await executor
              .selectFrom('restraint_event as e')
              .select(columns)
              .where('e.episode_id', 'in', episodeIds)
              .where('e.kind', 'in', kinds)
              .execute();
      // Once ended, no note is due: the latest observation matters only to open episodes.
      const corrected = new Set(
        others.filter((e) => e.kind === 'correction').map((e) => e.corrects_event_id),
      );
      const ended = new Set(
        others.filter((e) => e.kind === 'end' && !corrected.has(e.id)).map((e) => e.episode_id),
      );
      const open = scope === 'standing' ? [] : episodeIds.filter((id) => !ended.has(id));
      const latest = !open.length
        ? []
        : await executor
            .selectFrom('restraint_event')
            .selectAll()
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('restraint_episode as ep')
                .where('ep.id', 'in', open)
                .select((inner) =>
                  inner
                    .selectFrom('restraint_event as o')
                    .select('o.id')
                    .whereRef('o.episode_id', '=', 'ep.id')
                    .where('o.kind', '=', 'observation')
                    .where(({ not, exists, selectFrom }) =>
                      not(
                        exists(
                          selectFrom('restraint_event as c')
                            .select('c.id')
                            .whereRef('c.corrects_event_id', '=', 'o.id'),
                        ),
                      ),
                    )
                    // In the index's own order (episode_id, kind, at): no sort of the episode's notes.
                    .orderBy('o.at', 'desc')
                    .limit(1)
                    .as('latest'),
                ),
            )
            .execute();
      rows = [...others, ...latest];
    }
    rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const r of rows) {
      const list = map.get(r.episode_id);
      if (list) list.push(r);
      else map.set(r.episode_id, [r]);
    }
    return map;
  }

  /** Episodes of the person in the 30 days before `at` (RST-7 repeated use). */
  async function priorEpisodes(executor: Executor, personId: string, at: string, excludeId?: string) {
    let q = executor
      .selectFrom('restraint_episode')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', personId)
      .where('started_at', '>=', new Date(Date.parse(at) - 30 * DAY).toISOString())
      .where('started_at', '<', at);
    if (excludeId) q = q.where('id', '!=', excludeId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  async function stateOf(
    executor: Executor,
    episode: RestraintEpisodeTable,
    events: RestraintEventTable[],
    limits?: RestraintLimits,
  ) {
    return episodeState(
      {
        startedAt: episode.started_at,
        authorisation: episode.authorisation,
        priorEpisodes30Days: await priorEpisodes(executor, episode.person_id, episode.started_at, episode.id),
      },
      facts(events),
      limits ?? (await limitsFor(executor, episode.institution_id)),
      clock.now(),
    );
  }

  /**
   * The states of many episodes in a fixed number of queries: one for the earlier episodes of the
   * same people (RST-7 repeated use), one per institution for its limits.
   */
  async function statesOf(
    executor: Executor,
    episodes: RestraintEpisodeTable[],
    events: Map<string, RestraintEventTable[]>,
  ) {
    const result = new Map<string, EpisodeState>();
    if (!episodes.length) return result;
    const earliest = episodes.map((e) => e.started_at).sort()[0] as string;
    const earlier = await executor
      .selectFrom('restraint_episode')
      .select(['id', 'person_id', 'started_at'])
      .where('person_id', 'in', [...new Set(episodes.map((e) => e.person_id))])
      .where('started_at', '>=', new Date(Date.parse(earliest) - 30 * DAY).toISOString())
      .execute();
    // The limits of every institution of these episodes in one statement (ADR 0052).
    const limits = await limitsIn(
      executor,
      episodes.map((e) => e.institution_id),
    );
    for (const e of episodes) {
      const from = new Date(Date.parse(e.started_at) - 30 * DAY).toISOString();
      const prior = earlier.filter(
        (x) =>
          x.person_id === e.person_id && x.id !== e.id && x.started_at >= from && x.started_at < e.started_at,
      ).length;
      result.set(
        e.id,
        episodeState(
          { startedAt: e.started_at, authorisation: e.authorisation, priorEpisodes30Days: prior },
          facts(events.get(e.id) ?? []),
          limits.get(e.institution_id) as RestraintLimits,
          clock.now(),
        ),
      );
    }
    return result;
  }

  const inScope = (viewer: RegistryViewer, institutionId: string) =>
    viewer.national || viewer.institutionIds.includes(institutionId);

  async function episodeRow(executor: Executor, viewer: RegistryViewer, id: string) {
    const episode = await executor
      .selectFrom('restraint_episode')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!episode || !inScope(viewer, episode.institution_id)) throw notFound('No such episode.');
    return episode;
  }

  /** The episode as the register shows it: clinical detail only for clinical readers (never a diagnosis). */
  function episodeView(
    e: RestraintEpisodeTable,
    events: RestraintEventTable[],
    state: Awaited<ReturnType<typeof stateOf>>,
    clinical: boolean,
    /** The whole timeline (an episode's own page); lists carry the state and the register's facts. */
    timeline = false,
  ) {
    const ended = events.find((x) => x.kind === 'end' && !events.some((c) => c.corrects_event_id === x.id));
    const endPayload = ended ? json<Record<string, string | null>>(ended.payload) : null;
    const applied = composition(e, events);
    return {
      id: e.id,
      personId: e.person_id,
      institutionId: e.institution_id,
      cellId: e.cell_id,
      cellType: e.cell_type,
      types: applied.types,
      combinationReason: e.combination_reason,
      inViewOfOthers: e.in_view_of_others === 1,
      startedAt: e.started_at,
      recordedAt: e.recorded_at,
      lateEntryReason: e.late_entry_reason,
      authorisation: e.authorisation,
      harm: e.harm,
      lessRestrictiveTried: json<string[]>(e.less_restrictive),
      equipment: applied.equipment,
      holds: applied.holds,
      appliedBy: json<string[]>(e.applied_by),
      supervisorId: e.supervisor_id,
      supervisionPosition: e.supervision_position,
      flags: json<string[]>(e.flags),
      recordedBy: e.recorded_by,
      injuriesToPerson: endPayload?.injuriesToPerson ?? null,
      injuriesToStaff: endPayload?.injuriesToStaff ?? null,
      endReason: endPayload?.reason ?? null,
      orderedOrApprovedBy:
        e.authorisation === 'doctor_order'
          ? e.recorded_by
          : (events.find((x) => x.kind === 'approval' && !events.some((c) => c.corrects_event_id === x.id))
              ?.recorded_by ?? null),
      ...(clinical
        ? {
            orderAssessment: e.order_assessment,
            harmDescription: e.harm_description,
            lessRestrictiveDescription: e.less_restrictive_description,
            personPreferences: e.person_preferences,
            medication: e.medication,
          }
        : {}),
      state,
      ...(timeline
        ? {
            events: events.map((x) => ({
              id: x.id,
              kind: x.kind,
              at: x.at,
              correctsEventId: x.corrects_event_id,
              recordedBy: x.recorded_by,
              recordedAt: x.recorded_at,
              corrected: events.some((c) => c.corrects_event_id === x.id),
              // Observation notes are structured (no diagnosis) and shown to the ward, as is what
              // the ward itself records (debriefs, complaints: ADR 0030); findings and assessments of
              // doctors only to clinical readers.
              payload:
                clinical || custodialContent.has(x.kind) ? json<Record<string, unknown>>(x.payload) : null,
            })),
          }
        : {}),
    };
  }

  /** Open episodes (no end that stands), from the table kept beside the register (0017). */
  async function openEpisodeIdsOf(
    executor: Executor,
    filter: { personId?: string; institutionIds?: string[] | null },
  ) {
    let q = executor.selectFrom('restraint_open_episode').select('episode_id');
    if (filter.personId) q = q.where('person_id', '=', filter.personId);
    if (filter.institutionIds) q = q.where('institution_id', 'in', filter.institutionIds);
    return (await q.execute()).map((r) => r.episode_id);
  }

  const service = {
    limitsFor: (institutionId: string) => limitsFor(db, institutionId),

    /**
     * Issue 18 item 3 (INJ-7, RST-11): what the use-of-force module may know of restraint episodes it
     * links to, by id, in the caller's transaction (one query): the person, institution, start and
     * the types applied at the start. The caller has scoped and audits its own read.
     */
    async episodeSummaries(executor: Executor, ids: readonly string[]) {
      if (!ids.length)
        return new Map<
          string,
          { personId: string; institutionId: string; startedAt: string; types: RestraintType[] }
        >();
      const rows = await executor
        .selectFrom('restraint_episode')
        .select(['id', 'person_id', 'institution_id', 'started_at', 'types'])
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return new Map(
        rows.map((r) => [
          r.id,
          {
            personId: r.person_id,
            institutionId: r.institution_id,
            startedAt: r.started_at,
            types: json<RestraintType[]>(r.types),
          },
        ]),
      );
    },

    /** RST-1 … RST-3, RST-8, RST-13, RST-16: records the start of an episode. */
    async start(actor: Caller, personId: string, input: RestraintStart) {
      const result = await inTransaction(db, async (tx) => {
        const person = await registry.personForViewer(tx, actor.viewer, personId);
        const cell = await registry.cell(tx, input.cellId);
        if (!cell) throw ruleRefused([{ path: 'cellId', code: 'unknown_cell' }]);
        if (person.institution_id && cell.institution_id !== person.institution_id) {
          throw ruleRefused([{ path: 'cellId', code: 'cell_elsewhere' }]);
        }
        const now = clock.now();
        // RST-13: pregnancy, labour or the time after birth, from the person's health alerts.
        const obstetricBlock = await alerts.activeObstetricAlert(tx, personId, now);
        const openIds = await openEpisodeIdsOf(tx, { personId });
        // RST-1: the types open for the person, those added to an open episode included.
        const openEvents = await eventsOf(tx, openIds, 'standing');
        const openTypes = openIds.length
          ? (
              await tx.selectFrom('restraint_episode').selectAll().where('id', 'in', openIds).execute()
            ).flatMap((r) => composition(r, openEvents.get(r.id) ?? []).types)
          : [];
        const problems = restraintStartProblems(input, {
          now,
          personInCustody: person.status === 'in_custody' && !!person.institution_id,
          obstetricBlock,
          openTypes,
          recorderIsDoctor: isDoctor(actor),
        });
        if (problems.length) throw ruleRefused(problems);
        const institutionId = person.institution_id as string;
        if (!inScope(actor.viewer, institutionId)) throw forbidden('You do not work there.');
        const staffIds = [...new Set([...input.appliedBy, input.supervisorId])];
        const staff = await registry.staffMembers(tx, staffIds);
        const missing = staffIds.filter(
          (id) => !staff.some((s) => s.id === id && s.institution_id === institutionId),
        );
        if (missing.length) throw ruleRefused([{ path: 'appliedBy', code: 'unknown_staff' }]);
        const day = input.startedAt.slice(0, 10);
        const untrained = input.appliedBy.filter((id) => {
          const until = staff.find((s) => s.id === id)?.restraint_trained_until;
          return !until || until < day;
        });
        const flags = restraintStartFlags(input, { cellType: cell.cell_type, untrainedStaff: untrained });
        const id = newId();
        await tx
          .insertInto('restraint_episode')
          .values({
            id,
            person_id: personId,
            institution_id: institutionId,
            unit_id: cell.unit_id,
            cell_id: cell.id,
            cell_type: cell.cell_type,
            types: JSON.stringify(input.types),
            combination_reason: input.combinationReason ?? null,
            in_view_of_others: input.inViewOfOthers ? 1 : 0,
            started_at: input.startedAt,
            late_entry_reason: input.lateEntryReason ?? null,
            authorisation: input.authorisation.kind,
            order_assessment:
              input.authorisation.kind === 'doctor_order' ? input.authorisation.assessment : null,
            harm: input.harm,
            harm_description: input.harmDescription,
            less_restrictive: JSON.stringify(input.lessRestrictiveTried),
            less_restrictive_description: input.lessRestrictiveDescription,
            person_preferences: input.personPreferences,
            equipment: JSON.stringify(input.equipment),
            holds: JSON.stringify(input.holds),
            medication: input.medication ?? null,
            applied_by: JSON.stringify(input.appliedBy),
            supervisor_id: input.supervisorId,
            supervision_position: input.supervisionPosition,
            flags: JSON.stringify(flags),
            recorded_by: actor.userId,
            recorded_at: now.toISOString(),
          })
          .execute();
        await tx
          .insertInto('restraint_open_episode')
          .values({ episode_id: id, institution_id: institutionId, person_id: personId })
          .execute();
        await audit.record(tx, actor.audit, {
          action: 'restraint.episode.start',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'restraint_episode',
          resourceId: id,
          personId,
          details: {
            types: input.types.join(','),
            authorisation: input.authorisation.kind,
            flags: flags.join(','),
          },
        });
        return { id, institutionId, flags };
      });
      await live.publish(result.institutionId);
      return { id: result.id, flags: result.flags };
    },

    /**
     * Records an event of an episode: approval, examination, review, second doctor, observation,
     * handover, lapse of supervision, escalation, end, debriefs, the examination after, a
     * correction or a complaint. Times outside the episode are refused (RST bad input).
     */
    async record(
      actor: Caller,
      episodeId: string,
      kind: EventKind,
      payload: Record<string, unknown> & { at: string },
      idempotencyKey?: string,
    ) {
      const result = await inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          {
            userId: actor.userId,
            key: idempotencyKey,
            scope: `restraint:${episodeId}:${kind}`,
            body: payload,
          },
          async () => {
            const episode = await episodeRow(tx, actor.viewer, episodeId);
            // A correction may point at any event; every other kind needs only the end and approval.
            const events =
              (await eventsOf(tx, [episodeId], kind === 'correction' ? 'timeline' : 'standing')).get(
                episodeId,
              ) ?? [];
            // An event is checked against what the events settle (ended? approved?): no limits needed.
            const state = episodeStanding(episode.authorisation, facts(events));
            const problem = restraintEventTimeProblem(
              payload.at,
              { startedAt: episode.started_at, endedAt: state.endedAt },
              clock.now(),
              kind,
            );
            if (problem) throw ruleRefused([{ path: 'at', code: problem }]);
            if (kind === 'approval' && (episode.authorisation !== 'emergency_start' || state.approved)) {
              throw ruleRefused([{ path: 'kind', code: 'nothing_to_approve' }]);
            }
            if (kind === 'handover') {
              const [staff] = await registry.staffMembers(tx, [String(payload.supervisorId)]);
              if (staff?.institution_id !== episode.institution_id)
                throw ruleRefused([{ path: 'supervisorId', code: 'unknown_staff' }]);
              // RST-4: a handover during mechanical restraint is to someone in the room.
              const position = supervisionPositionProblem(
                composition(episode, events).types,
                payload.supervisionPosition as SupervisionPosition,
              );
              if (position) throw ruleRefused([{ path: 'supervisionPosition', code: position }]);
            }
            if (kind === 'types_added') {
              // RST-1: another type joins the open episode, with the reason for the combination.
              const problems = restraintAddTypesProblems(payload as unknown as RestraintAddTypes, {
                currentTypes: composition(episode, events).types,
                supervisionPosition: supervisionNow(episode, events),
              });
              if (problems.length) throw ruleRefused(problems);
            }
            let correctsEventId: string | null = null;
            if (kind === 'correction') {
              const target = events.find((e) => e.id === payload.eventId);
              if (
                !target ||
                target.kind === 'correction' ||
                events.some((e) => e.corrects_event_id === target.id)
              ) {
                throw ruleRefused([{ path: 'eventId', code: 'unknown_event' }]);
              }
              // only a role allowed to make the original entry may correct it (an officer
              // cannot void a doctor's examination, review or approval).
              if (!actor.has(restraintEventPermission[target.kind as EventKind])) {
                throw forbidden('Only a role that may make this entry may correct it.', {
                  errors: [
                    {
                      path: 'body.eventId',
                      code: 'correction_needs_author_role',
                      message: 'correction_needs_author_role',
                    },
                  ],
                });
              }
              correctsEventId = target.id;
            }
            const id = newId();
            const { at, eventId: _eventId, ...rest } = payload;
            await tx
              .insertInto('restraint_event')
              .values({
                id,
                episode_id: episodeId,
                institution_id: episode.institution_id,
                kind,
                at,
                payload: JSON.stringify(rest),
                corrects_event_id: correctsEventId,
                recorded_by: actor.userId,
                recorded_at: clock.now().toISOString(),
              })
              .execute();
            // The open episodes, in the same transaction: an end closes it, its correction reopens it.
            if (kind === 'end') {
              await tx.deleteFrom('restraint_open_episode').where('episode_id', '=', episodeId).execute();
            }
            if (kind === 'correction' && events.find((e) => e.id === correctsEventId)?.kind === 'end') {
              await tx
                .insertInto('restraint_open_episode')
                .values({
                  episode_id: episodeId,
                  institution_id: episode.institution_id,
                  person_id: episode.person_id,
                })
                .onConflict((oc) => oc.column('episode_id').doNothing())
                .execute();
            }
            // RST-11: an examination by health staff straight after any restraint.
            if (kind === 'end') {
              await screening.openTask(tx, {
                personId: episode.person_id,
                institutionId: episode.institution_id,
                kind: 'post_restraint_examination',
                triggeredAt: at,
              });
            }
            // RST-11: the examination itself clears the countdown and closes the medical file's task.
            if (kind === 'medical_examination') {
              const end = events.find(
                (e) => e.kind === 'end' && !events.some((c) => c.corrects_event_id === e.id),
              );
              await screening.closeTriggeredTask(tx, {
                personId: episode.person_id,
                kind: 'post_restraint_examination',
                triggeredAt: end?.at ?? at,
                completedAt: at,
                completedBy: actor.userId,
              });
            }
            await audit.record(tx, actor.audit, {
              action: `restraint.event.${kind}`,
              dataClass: [
                'approval',
                'examination',
                'review',
                'second_doctor',
                'medical_examination',
              ].includes(kind)
                ? 'clinical'
                : 'custodial',
              outcome: 'allowed',
              resourceType: 'restraint_event',
              resourceId: id,
              personId: episode.person_id,
            });
            return { id, institutionId: episode.institution_id };
          },
        ),
      );
      await live.publish(result.institutionId);
      return result.id;
    },

    async get(actor: Caller, id: string) {
      const clinical = seesClinical(actor);
      return inTransaction(db, async (tx) => {
        const episode = await episodeRow(tx, actor.viewer, id);
        const events = (await eventsOf(tx, [id], 'timeline')).get(id) ?? [];
        await audit.record(tx, actor.audit, {
          action: 'restraint.episode.read',
          dataClass: clinical ? 'clinical' : 'custodial',
          outcome: 'allowed',
          resourceType: 'restraint_episode',
          resourceId: id,
          personId: episode.person_id,
        });
        const view = episodeView(episode, events, await stateOf(tx, episode, events), clinical, true);
        // Issue 14: the page names the person, the staff and the author of every entry, through the
        // registry's and identity's services (never their tables).
        const staffIds = [
          ...view.appliedBy,
          view.supervisorId,
          ...events
            .filter((x) => x.kind === 'handover')
            .map((x) => String(json<{ supervisorId?: string }>(x.payload).supervisorId ?? '')),
        ].filter(Boolean);
        const [person, staffNames, authors, cells] = await Promise.all([
          registry.personCard(tx, actor.viewer, episode.person_id),
          registry.staffNames(tx, staffIds),
          identity.authors(tx, [episode.recorded_by, ...events.map((x) => x.recorded_by)]),
          registry.cellCodes(tx, [episode.cell_id]),
        ]);
        const authorOf = (userId: string, kind: string) => {
          const a = authors.get(userId);
          return a ? { name: a.name, roles: rolesFor(a.roles, kind) } : null;
        };
        return {
          ...view,
          person,
          cellCode: cells.get(episode.cell_id) ?? null,
          staffNames: Object.fromEntries(staffNames),
          recordedByAuthor: authorOf(episode.recorded_by, 'types_added'),
          events: (view.events ?? []).map((x) => ({ ...x, author: authorOf(x.recordedBy, x.kind) })),
        };
      });
    },

    /** Episodes of a person (for the medical file and the person page), newest first. */
    async ofPerson(actor: Caller, personId: string) {
      const clinical = seesClinical(actor);
      return inTransaction(db, async (tx) => {
        await registry.personForViewer(tx, actor.viewer, personId);
        const episodes = await tx
          .selectFrom('restraint_episode')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('started_at', 'desc')
          .limit(50)
          .execute();
        const events = await eventsOf(
          tx,
          episodes.map((e) => e.id),
          'state',
        );
        await audit.record(tx, actor.audit, {
          action: 'restraint.episode.list',
          dataClass: clinical ? 'clinical' : 'custodial',
          outcome: 'allowed',
          resourceType: 'person',
          resourceId: personId,
          personId,
        });
        const states = await statesOf(tx, episodes, events);
        return episodes.map((e) =>
          episodeView(e, events.get(e.id) ?? [], states.get(e.id) as EpisodeState, clinical),
        );
      });
    },

    /**
     * a user opens the board (the page, or its live stream): one audit event per request, not
     * per episode shown nor per update pushed to an open stream. The board names people under
     * restraint, so who looked at it, and when, is on record. Then the board itself.
     */
    async viewBoard(actor: Caller, institutionId: string, via: 'page' | 'stream') {
      const board = await service.board(actor.viewer, institutionId);
      await audit.recordAlone(actor.audit, {
        action: via === 'stream' ? 'restraint.board.stream' : 'restraint.board.read',
        dataClass: 'custodial',
        outcome: 'allowed',
        resourceType: 'institution',
        resourceId: institutionId,
        details: { episodes: board.episodes.length },
      });
      return board;
    },

    /** The ward's live board: every open episode of an institution with its countdowns. */
    async board(viewer: RegistryViewer, institutionId: string) {
      if (!inScope(viewer, institutionId)) throw notFound('No such institution.');
      return service.liveBoard(institutionId);
    },

    /**
     * The board of an institution for its open streams, whose scope was checked when they opened
     * (board): computed once per change, whoever watches.
     */
    async liveBoard(institutionId: string) {
      const ids = await openEpisodeIdsOf(db, { institutionIds: [institutionId] });
      if (!ids.length) return { institutionId, at: clock.now().toISOString(), episodes: [] };
      const rows = await db
        .selectFrom('restraint_episode')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('started_at')
        .execute();
      const people = await registry.personLabels(
        db,
        rows.map((r) => r.person_id),
      );
      const cells = await registry.cellCodes(
        db,
        rows.map((r) => r.cell_id),
      );
      const events = await eventsOf(db, ids, 'state');
      const limits = await limitsFor(db, institutionId);
      const states = await statesOf(db, rows, events);
      // MED-3: each person's health alerts in force, coded, in one read for the board.
      const alertsOf = await alerts.inForce(
        db,
        rows.map((r) => r.person_id),
      );
      return {
        institutionId,
        at: clock.now().toISOString(),
        limits,
        episodes: rows.map((r) => {
          const list = events.get(r.id) ?? [];
          const person = people.get(r.person_id);
          const lastObservation = list.filter((x) => x.kind === 'observation').at(-1);
          return {
            id: r.id,
            personId: r.person_id,
            prisonNumber: person?.prisonNumber ?? '',
            name: person?.name ?? '',
            cellCode: cells.get(r.cell_id) ?? '',
            types: composition(r, list).types,
            startedAt: r.started_at,
            authorisation: r.authorisation,
            flags: json<string[]>(r.flags),
            stillNeeded: lastObservation
              ? (json<{ stillNeeded?: boolean }>(lastObservation.payload).stillNeeded ?? null)
              : null,
            state: states.get(r.id) as EpisodeState,
            alerts: alertsOf.get(r.person_id) ?? [],
          };
        }),
      };
    },

    /** The worklist's restraint part: what is due or overdue on the open and recently ended episodes. */
    async dueItems(viewer: RegistryViewer) {
      const institutions = viewer.national ? null : viewer.institutionIds;
      if (institutions && !institutions.length) return [];
      // Open episodes, and those ended in the last 3 days (debriefs and the examination after).
      const open = await openEpisodeIdsOf(db, { institutionIds: institutions });
      let recent = db
        .selectFrom('restraint_event')
        .select('episode_id')
        .where('kind', '=', 'end')
        .where('at', '>=', new Date(clock.now().getTime() - 3 * DAY).toISOString());
      if (institutions) recent = recent.where('institution_id', 'in', institutions);
      const ids = [...new Set([...open, ...(await recent.execute()).map((r) => r.episode_id)])].slice(0, 200);
      if (!ids.length) return [];
      const episodes = await db.selectFrom('restraint_episode').selectAll().where('id', 'in', ids).execute();
      const people = await registry.personLabels(
        db,
        episodes.map((e) => e.person_id),
      );
      const events = await eventsOf(db, ids, 'state');
      const items: {
        episodeId: string;
        institutionId: string;
        kind: string;
        dueAt: string;
        overdue: boolean;
        label: string;
      }[] = [];
      const states = await statesOf(db, episodes, events);
      for (const e of episodes) {
        const s = states.get(e.id) as EpisodeState;
        const person = people.get(e.person_id);
        const label = `${person?.prisonNumber ?? ''} · ${person?.surname ?? ''}`;
        const timers: [string, { dueAt: string; state: string } | null][] = [
          ['restraint_observation', s.observation],
          ['restraint_review', s.review],
          ['restraint_examination', s.examination],
          ['restraint_debrief_person', s.debriefPerson],
          ['restraint_debrief_staff', s.debriefStaff],
        ];
        for (const [kind, t] of timers) {
          if (t && t.state !== 'ok')
            items.push({
              episodeId: e.id,
              institutionId: e.institution_id,
              kind,
              dueAt: t.dueAt,
              overdue: t.state === 'red',
              label,
            });
        }
        if (s.open && !s.approved)
          items.push({
            episodeId: e.id,
            institutionId: e.institution_id,
            kind: 'restraint_approval',
            dueAt: e.started_at,
            overdue: true,
            label,
          });
        if (s.escalationRequired)
          items.push({
            episodeId: e.id,
            institutionId: e.institution_id,
            kind: 'restraint_escalation',
            dueAt: e.started_at,
            overdue: true,
            label,
          });
      }
      return items;
    },

    /**
     * RST-10: the register of an institution for a period, newest first, paged; governors and
     * monitors read it without clinical detail; every access is audited.
     */
    async register(
      actor: Caller,
      query: { institutionId: string; from: string; to: string; limit: number; cursor?: string },
      /** The exports leave clinical detail out even for the health service. */
      clinical = seesClinical(actor),
    ) {
      if (!inScope(actor.viewer, query.institutionId)) throw notFound('No such institution.');
      return inTransaction(db, async (tx) => {
        await audit.record(tx, actor.audit, {
          action: 'restraint.register.read',
          dataClass: clinical ? 'clinical' : 'custodial',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: query.institutionId,
          details: { from: query.from, to: query.to },
        });
        const after = decodeCursor(query.cursor, 2);
        let q = tx
          .selectFrom('restraint_episode')
          .selectAll()
          .where('institution_id', '=', query.institutionId)
          .where('started_at', '>=', query.from)
          .where('started_at', '<', query.to)
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc')
          .limit(query.limit + 1);
        if (after) q = q.where(keysetAfter(['started_at', 'id'], after, 'desc'));
        const rows = await q.execute();
        const page = rows.slice(0, query.limit);
        const events = await eventsOf(
          tx,
          page.map((r) => r.id),
          'state',
        );
        const states = await statesOf(tx, page, events);
        // RST-10: the register names the person and the staff, through the registry and identity.
        const supervisors = new Map(
          page.map((r) => [r.id, supervisorsOf(r, events.get(r.id) ?? [])] as const),
        );
        const views = page.map((r) =>
          episodeView(r, events.get(r.id) ?? [], states.get(r.id) as EpisodeState, clinical),
        );
        // One after the other: the queries share the transaction's connection.
        const people = await registry.personLabels(
          tx,
          page.map((r) => r.person_id),
        );
        const staffNames = await registry.staffNames(tx, [
          ...views.flatMap((v) => v.appliedBy),
          ...[...supervisors.values()].flat(),
        ]);
        const userNames = await identity.displayNames(
          tx,
          views.flatMap((v) => (v.orderedOrApprovedBy ? [v.orderedOrApprovedBy] : [])),
        );
        const named = new Map(
          views.map((v) => [
            v.id,
            {
              ...v,
              person: personOf(people.get(v.personId)),
              appliedByNames: v.appliedBy.map((id) => staffNames.get(id) ?? id),
              supervisedByNames: (supervisors.get(v.id) ?? []).map((id) => staffNames.get(id) ?? id),
              orderedOrApprovedByName: v.orderedOrApprovedBy
                ? (userNames.get(v.orderedOrApprovedBy) ?? v.orderedOrApprovedBy)
                : null,
            },
          ]),
        );
        return toPage(
          rows,
          query.limit,
          (r) => [r.started_at, r.id],
          (r) => named.get(r.id) as NonNullable<ReturnType<typeof named.get>>,
        );
      });
    },

    /**
     * RST-15: the monthly report of an institution, per unit and in total: episodes by type,
     * people, median and maximum duration, episodes beyond each threshold, repeat use. Counts only.
     */
    async monthlyReport(viewer: RegistryViewer, institutionId: string, month: string) {
      if (!inScope(viewer, institutionId)) throw notFound('No such institution.');
      const from = `${month}-01T00:00:00.000Z`;
      const next = new Date(from);
      next.setUTCMonth(next.getUTCMonth() + 1);
      const episodes = await db
        .selectFrom('restraint_episode')
        .selectAll()
        .where('institution_id', '=', institutionId)
        .where('started_at', '>=', from)
        .where('started_at', '<', next.toISOString())
        .execute();
      const events = await eventsOf(
        db,
        episodes.map((e) => e.id),
        'state',
      );
      const limits = await limitsFor(db, institutionId);
      const units = await registry.units(db, institutionId);
      const states = await statesOf(db, episodes, events);
      const rows = episodes.map((e) => ({
        e,
        s: states.get(e.id) as EpisodeState,
        types: composition(e, events.get(e.id) ?? []).types,
      }));
      const summarise = (list: typeof rows) => {
        const durations = list.map((r) => r.s.durationMinutes);
        const byPerson = new Map<string, number>();
        for (const r of list) byPerson.set(r.e.person_id, (byPerson.get(r.e.person_id) ?? 0) + 1);
        const byType = Object.fromEntries(
          restraintTypes.map((t) => [t, list.filter((r) => r.types.includes(t)).length]),
        ) as Record<RestraintType, number>;
        return {
          episodes: list.length,
          byType,
          people: byPerson.size,
          medianMinutes: medianOf(durations),
          maxMinutes: durations.length ? Math.max(...durations) : null,
          beyondSoftAlert: durations.filter((d) => d >= limits.softAlertMinutes).length,
          beyondSecondDoctor: durations.filter((d) => d >= limits.secondDoctorMinutes).length,
          beyondEscalation: durations.filter((d) => d >= limits.escalationMinutes).length,
          repeatPeople: [...byPerson.values()].filter((n) => n >= 2).length,
          stillOpen: list.filter((r) => r.s.open).length,
        };
      };
      return {
        institutionId,
        month,
        limits,
        total: summarise(rows),
        units: units.map((u) => ({
          unitId: u.id,
          unitCode: u.code,
          ...summarise(rows.filter((r) => r.e.unit_id === u.id)),
        })),
      };
    },

    /** RST-8: records a staff member's restraint training and its expiry (null: none valid). */
    async recordTraining(
      actor: Caller,
      staffId: string,
      input: { trainedUntil: string | null; version: number },
    ) {
      return inTransaction(db, async (tx) => {
        const [staff] = await registry.staffMembers(tx, [staffId]);
        if (!staff || !inScope(actor.viewer, staff.institution_id)) throw notFound('No such staff member.');
        if (!(await registry.setRestraintTraining(tx, staffId, input))) throw staleVersion('staff record');
        await audit.record(tx, actor.audit, {
          action: 'staff.training.record',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'staff_member',
          resourceId: staffId,
          details: { restraintTrainedUntil: input.trainedUntil },
        });
        return { version: staff.version + 1 };
      });
    },

    /** RST-14: the versions of an institution's restraint policy, newest first. */
    async policies(viewer: RegistryViewer, institutionId: string) {
      if (!inScope(viewer, institutionId)) throw notFound('No such institution.');
      return db
        .selectFrom('restraint_policy')
        .select(['id', 'version', 'text', 'created_by as createdBy', 'created_at as createdAt'])
        .where('institution_id', '=', institutionId)
        .orderBy('version', 'desc')
        .limit(50)
        .execute();
    },

    async addPolicy(actor: Caller, institutionId: string, text: string) {
      if (!inScope(actor.viewer, institutionId)) throw notFound('No such institution.');
      return inTransaction(db, async (tx: Tx) => {
        const last = await tx
          .selectFrom('restraint_policy')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('institution_id', '=', institutionId)
          .executeTakeFirst();
        const version = Number(last?.v ?? 0) + 1;
        const id = newId();
        await tx
          .insertInto('restraint_policy')
          .values({
            id,
            institution_id: institutionId,
            version,
            text,
            created_by: actor.userId,
            created_at: clock.now().toISOString(),
          })
          .execute();
        await audit.record(tx, actor.audit, {
          action: 'restraint.policy.create',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'restraint_policy',
          resourceId: id,
          details: { institutionId, version },
        });
        return { id, version };
      });
    },
  };
  return service;
}

export type RestraintService = ReturnType<typeof createRestraintService>;
