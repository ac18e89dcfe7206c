import {
  alertActive,
  alertPeriodProblem,
  type Clock,
  type HealthAlertDetail,
  type HealthAlertInput,
  isolationOrderProblems,
  newId,
  type ObservationReview,
  observationCheckState,
  observationIntervalProblem,
  reviewProblems,
  type SafetyAlert,
} from '@custodia/domain';
import type { WorklistContributor } from '../../platform/contributions.ts';
import { type Db, type Executor, inTransaction } from '../../platform/db/database.ts';
import { notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import type { AuditActor, AuditService } from '../audit/index.ts';
import type { RegistryService, RegistryViewer } from '../registry/index.ts';
import { clinicalRules, parseJson, recordAccess } from './records.ts';
import type { HealthAlertTable } from './tables.ts';

const ALERT_LIMIT = 100;
const WORKLIST_OBSERVATIONS = 200;
/** A time given for a check or a review may be a few minutes ahead of the server's clock. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** MHS-3: the latest check of each of these alerts, in one query. */
async function lastChecks(executor: Executor, alertIds: string[]) {
  if (!alertIds.length) return new Map<string, string>();
  const rows = await executor
    .selectFrom('observation_check')
    .select(['alert_id', (eb) => eb.fn.max('checked_at').as('last')])
    .where('alert_id', 'in', alertIds)
    .groupBy('alert_id')
    .execute();
  return new Map(rows.map((r) => [r.alert_id, String(r.last)]));
}

/** MHS-3: the check schedule of an observation alert: last check, next due, missed (from `now`). */
function observationView(row: HealthAlertTable, lastCheckAt: string | null, now: Date) {
  const detail = parseJson<HealthAlertDetail>(row.detail);
  if (detail?.kind !== 'observation') return null;
  return {
    lastCheckAt,
    ...observationCheckState(
      { startsAt: row.starts_at, intervalMinutes: detail.intervalMinutes },
      lastCheckAt,
      now,
    ),
  };
}

/** The coded keys of an alert's detail (`healthAlertDetailSchema`): nothing else is ever shown with it. */
const CODED_KEYS = [
  'kind',
  'intervalMinutes',
  'diet',
  'aid',
  'precaution',
  'area',
  'result',
  'stage',
] as const;

/**
 * MED-3: an alert's detail reduced to its coded keys, whatever else was stored with it: the board's
 * live stream sends its JSON without a response schema, so the reduction is made here, once.
 */
function codedDetail(text: string): HealthAlertDetail | null {
  const stored = parseJson<Record<string, unknown>>(text);
  if (!stored || typeof stored.kind !== 'string') return null;
  const coded: Record<string, unknown> = {};
  for (const key of CODED_KEYS) {
    const value = stored[key];
    if (typeof value === 'string' || typeof value === 'number') coded[key] = value;
  }
  return coded as HealthAlertDetail;
}

/**
 * Health alerts (MED-3, ADM-10): coded functional flags a clinician shares with custodial staff.
 * The view carries no author note, no source encounter and no diagnosis: only what to do.
 */
export function alertView(row: HealthAlertTable, now: Date, lastCheckAt: string | null = null) {
  const active = alertActive({ startsAt: row.starts_at, endsAt: row.ends_at }, now);
  return {
    id: row.id,
    personId: row.person_id,
    detail: parseJson<HealthAlertDetail>(row.detail) as HealthAlertDetail,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    active,
    /** MHS-3: an observation's checks (missed or not); null for other kinds. */
    observation: observationView(row, lastCheckAt, now),
    version: row.version,
  };
}

export function createAlertService(db: Db, clock: Clock, audit: AuditService, registry: RegistryService) {
  const access = recordAccess(registry, audit);
  const viewerWithUser = (viewer: RegistryViewer, userId: string) => ({
    ...viewer,
    userId,
    restrictedReader: false,
  });

  /** The alert a check or a review is recorded against (MHS-3); 404 when there is none. */
  async function observationRow(executor: Executor, id: string) {
    const row = await executor.selectFrom('health_alert').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('No such alert.');
    return row;
  }

  /** MHS-3: a check or a review happens while the observation is in force, and not in the future. */
  function assertWhen(row: HealthAlertTable, at: string, path: string, now: Date) {
    if (row.kind !== 'observation')
      throw ruleRefused([{ path: 'id', code: 'not_an_observation' }], clinicalRules);
    if (!alertActive({ startsAt: row.starts_at, endsAt: row.ends_at }, now))
      throw ruleRefused([{ path: 'id', code: 'already_ended' }], clinicalRules);
    if (Date.parse(at) > now.getTime() + CLOCK_SKEW_MS)
      throw ruleRefused([{ path, code: 'in_the_future' }], clinicalRules);
    if (at < row.starts_at) throw ruleRefused([{ path, code: 'before_start' }], clinicalRules);
  }

  return {
    /** Current and future alerts (and, on request, ended ones), newest first. Every read is logged (MED-3). */
    async list(
      actor: AuditActor & { userId: string },
      viewer: RegistryViewer,
      personId: string,
      includeEnded: boolean,
    ) {
      return inTransaction(db, async (tx) => {
        await access(tx, viewerWithUser(viewer, actor.userId), actor, personId, {
          action: 'health_alert.read',
          dataClass: 'health_alert',
          resourceType: 'health_alert',
        });
        const now = clock.now();
        let q = tx
          .selectFrom('health_alert')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('starts_at', 'desc')
          .orderBy('id', 'desc')
          .limit(ALERT_LIMIT);
        if (!includeEnded) {
          const t = now.toISOString();
          q = q.where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', t)]));
        }
        const rows = await q.execute();
        const checks = await lastChecks(
          tx,
          rows.filter((r) => r.kind === 'observation').map((r) => r.id),
        );
        return rows.map((r) => alertView(r, now, checks.get(r.id) ?? null));
      });
    },

    async create(
      actor: AuditActor & { userId: string },
      viewer: RegistryViewer,
      personId: string,
      input: HealthAlertInput,
    ) {
      const problem = alertPeriodProblem(input.startsAt, input.endsAt);
      if (problem) throw ruleRefused([{ path: 'endsAt', code: problem }], clinicalRules);
      // MHS-3: checks at most 15 minutes apart; up to 30 only with a recorded exception.
      const interval =
        input.detail.kind === 'observation'
          ? observationIntervalProblem(input.detail.intervalMinutes, input.exceptionReason)
          : null;
      if (interval)
        throw ruleRefused(
          [
            {
              path:
                interval === 'observation_interval_too_long' ? 'detail.intervalMinutes' : 'exceptionReason',
              code: interval,
            },
          ],
          clinicalRules,
        );
      // PHC-6 (ADR 0057): an isolation (infection-control) order carries a coded infectious reason and
      // the end of the infectious period; an HIV status is never a reason. Refused before any write.
      if (input.detail.kind === 'infection_control') {
        const isolation = isolationOrderProblems(input);
        if (isolation.length) throw ruleRefused(isolation, clinicalRules);
      }
      return inTransaction(db, async (tx) => {
        await access(tx, viewerWithUser(viewer, actor.userId), actor, personId, {
          action: 'health_alert.create',
          dataClass: 'health_alert',
          resourceType: 'health_alert',
        });
        const id = newId();
        await tx
          .insertInto('health_alert')
          .values({
            id,
            person_id: personId,
            kind: input.detail.kind,
            detail: JSON.stringify(input.detail),
            starts_at: input.startsAt,
            ends_at: input.endsAt ?? null,
            source_ref: 'MED-3',
            source_encounter_id: null,
            created_by: actor.userId,
            created_at: clock.now().toISOString(),
            ended_by: null,
            version: 1,
            // MHS-3: the observation's exception; PHC-6 (ADR 0057): the isolation order's reason code.
            // Either stays with health-care staff: no view for custodial staff carries this column.
            exception_reason:
              input.detail.kind === 'observation' && input.detail.intervalMinutes > 15
                ? (input.exceptionReason?.trim() ?? null)
                : input.detail.kind === 'infection_control'
                  ? (input.isolationReason?.trim().toLowerCase() ?? null)
                  : null,
          })
          .execute();
        return id;
      });
    },

    /** Ends an alert (from now or a given time); an alert already ended stays as it was. */
    async end(
      actor: AuditActor & { userId: string },
      viewer: RegistryViewer,
      id: string,
      input: { endsAt: string; version: number },
    ) {
      return inTransaction(db, async (tx) => {
        const row = await tx.selectFrom('health_alert').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw notFound('No such alert.');
        await access(tx, viewerWithUser(viewer, actor.userId), actor, row.person_id, {
          action: 'health_alert.end',
          dataClass: 'health_alert',
          resourceType: 'health_alert',
          resourceId: id,
        });
        // MHS-3: an observation ends only through a recorded multidisciplinary review.
        if (row.kind === 'observation')
          throw ruleRefused([{ path: 'endsAt', code: 'observation_ends_by_review' }], clinicalRules);
        if (row.version !== input.version) throw staleVersion('alert');
        if (row.ends_at && row.ends_at <= clock.now().toISOString()) {
          throw ruleRefused([{ path: 'endsAt', code: 'already_ended' }], clinicalRules);
        }
        const problem = alertPeriodProblem(row.starts_at, input.endsAt);
        if (problem) throw ruleRefused([{ path: 'endsAt', code: problem }], clinicalRules);
        await tx
          .updateTable('health_alert')
          .set({ ends_at: input.endsAt, ended_by: actor.userId, version: row.version + 1 })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .execute();
        return { version: row.version + 1 };
      });
    },

    /** MHS-3: records a check of a person under observation; the next one falls due from it. */
    async recordCheck(
      actor: AuditActor & { userId: string },
      viewer: RegistryViewer,
      id: string,
      input: { checkedAt?: string | null },
    ) {
      return inTransaction(db, async (tx) => {
        const row = await observationRow(tx, id);
        await access(tx, viewerWithUser(viewer, actor.userId), actor, row.person_id, {
          action: 'health_alert.observation.check',
          dataClass: 'health_alert',
          resourceType: 'health_alert',
          resourceId: id,
        });
        const now = clock.now();
        const checkedAt = input.checkedAt ?? now.toISOString();
        assertWhen(row, checkedAt, 'checkedAt', now);
        await tx
          .insertInto('observation_check')
          .values({
            id: newId(),
            alert_id: id,
            person_id: row.person_id,
            checked_at: checkedAt,
            recorded_by: actor.userId,
            created_at: now.toISOString(),
          })
          .execute();
        const checks = await lastChecks(tx, [id]);
        return observationView(row, checks.get(id) ?? null, now);
      });
    },

    /**
     * MHS-3: the multidisciplinary review of an observation: who took part, in which discipline, and
     * the decision. Ending the observation is one of its decisions, and the only way it ends.
     */
    async recordReview(
      actor: AuditActor & { userId: string },
      viewer: RegistryViewer,
      id: string,
      input: ObservationReview & { version: number },
    ) {
      const problems = reviewProblems(input);
      if (problems.length) throw ruleRefused(problems, clinicalRules);
      return inTransaction(db, async (tx) => {
        const row = await observationRow(tx, id);
        await access(tx, viewerWithUser(viewer, actor.userId), actor, row.person_id, {
          action: 'health_alert.observation.review',
          dataClass: 'health_alert',
          resourceType: 'health_alert',
          resourceId: id,
        });
        if (row.version !== input.version) throw staleVersion('alert');
        const now = clock.now();
        assertWhen(row, input.reviewedAt, 'reviewedAt', now);
        const reviewId = newId();
        await tx
          .insertInto('observation_review')
          .values({
            id: reviewId,
            alert_id: id,
            person_id: row.person_id,
            reviewed_at: input.reviewedAt,
            participants: JSON.stringify(input.participants),
            decision: input.decision,
            recorded_by: actor.userId,
            created_at: now.toISOString(),
          })
          .execute();
        if (input.decision !== 'end_observation') return { id: reviewId, version: row.version };
        const problem = alertPeriodProblem(row.starts_at, input.reviewedAt);
        if (problem) throw ruleRefused([{ path: 'reviewedAt', code: problem }], clinicalRules);
        await tx
          .updateTable('health_alert')
          .set({ ends_at: input.reviewedAt, ended_by: actor.userId, version: row.version + 1 })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .execute();
        return { id: reviewId, version: row.version + 1 };
      });
    },

    /**
     * MED-3: the alerts in force for a list of people (a page of search results, the restraint board),
     * in one statement, with only their codes (`safetyAlertSchema`): what to do, never why. No audit
     * record of its own: the page that shows them (the person's summary, the board) is audited as a
     * whole, and the alert's sharing with custodial staff was itself recorded when it was made.
     */
    async inForce(
      executor: Executor,
      personIds: readonly string[],
      now: Date = clock.now(),
    ): Promise<Map<string, SafetyAlert[]>> {
      const ids = [...new Set(personIds)];
      const byPerson = new Map<string, SafetyAlert[]>();
      if (!ids.length) return byPerson;
      const t = now.toISOString();
      const rows = await executor
        .selectFrom('health_alert')
        .select(['id', 'person_id', 'detail', 'starts_at', 'ends_at'])
        .where('person_id', 'in', ids)
        .where('starts_at', '<=', t)
        .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', t)]))
        .orderBy('person_id')
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const detail = codedDetail(r.detail);
        if (!detail) continue;
        const list = byPerson.get(r.person_id) ?? [];
        list.push({ id: r.id, detail, startsAt: r.starts_at, endsAt: r.ends_at });
        byPerson.set(r.person_id, list);
      }
      return byPerson;
    },

    /**
     * RST-13: whether the person has an obstetric alert (pregnancy, labour, after birth) in force at
     * `now`, read in the caller's transaction.
     */
    async activeObstetricAlert(executor: Executor, personId: string, now: Date): Promise<boolean> {
      const rows = await executor
        .selectFrom('health_alert')
        .select(['starts_at', 'ends_at'])
        .where('person_id', '=', personId)
        .where('kind', '=', 'obstetric')
        .execute();
      return rows.some((a) => alertActive({ startsAt: a.starts_at, endsAt: a.ends_at }, now));
    },

    /**
     * SEG-4, MHS-7: the coded details of a person's alerts in force at `now` (functional flags, never
     * a diagnosis: MED-3), read in the caller's transaction.
     */
    async activeAlertDetails(executor: Executor, personId: string, now: Date): Promise<HealthAlertDetail[]> {
      const rows = await executor
        .selectFrom('health_alert')
        .select(['detail', 'starts_at', 'ends_at'])
        .where('person_id', '=', personId)
        .execute();
      return rows
        .filter((a) => alertActive({ startsAt: a.starts_at, endsAt: a.ends_at }, now))
        .map((a) => JSON.parse(a.detail) as HealthAlertDetail);
    },

    /**
     * MHS-3: a missed check alerts on the worklist of those who do the checks (custodial and health
     * staff with `health_alert.check.record`): the person and since when, nothing about why (MED-3).
     */
    worklist: {
      module: 'clinical',
      async contribute(actor) {
        if (!actor.permissions.has('health_alert.check.record')) return [];
        if (!actor.national && !actor.institutionIds.length) return [];
        const now = clock.now();
        const t = now.toISOString();
        let q = db
          .selectFrom('health_alert as a')
          .selectAll('a')
          .where('a.kind', '=', 'observation')
          .where('a.starts_at', '<=', t)
          .where((eb) => eb.or([eb('a.ends_at', 'is', null), eb('a.ends_at', '>', t)]))
          .orderBy('a.starts_at')
          .limit(WORKLIST_OBSERVATIONS);
        // Scoped by where the person is held, a subquery the registry writes (one statement).
        if (!actor.national) q = q.where('a.person_id', 'in', registry.personIdsIn(db, actor.institutionIds));
        const rows = await q.execute();
        const checks = await lastChecks(
          db,
          rows.map((r) => r.id),
        );
        const people = await registry.personLabels(
          db,
          rows.map((r) => r.person_id),
        );
        return rows.flatMap((r) => {
          const state = observationView(r, checks.get(r.id) ?? null, now);
          if (!state?.overdue) return [];
          return [
            {
              module: 'clinical',
              kind: 'observation_check',
              // A health alert shared with those who do the checks (officers too): no diagnosis.
              dataClass: 'custodial' as const,
              severity: 'overdue' as const,
              // The person: the worklist links to their health alerts.
              subjectId: r.person_id,
              label:
                `${people.get(r.person_id)?.prisonNumber ?? ''} · ${people.get(r.person_id)?.name ?? ''}`.trim(),
              since: state.nextCheckDueAt,
              dueAt: state.nextCheckDueAt,
            },
          ];
        });
      },
    } satisfies WorklistContributor,
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
