import {
  alertActive,
  alertPeriodProblem,
  type Clock,
  type HealthAlertDetail,
  type HealthAlertInput,
  newId,
} from '@custodia/domain';
import { type Db, inTransaction } from '../../platform/db/database.ts';
import type { HealthAlertTable } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AuditActor, AuditService } from '../audit/service.ts';
import type { RegistryService, RegistryViewer } from '../registry/service.ts';
import { parseJson, recordAccess, ruleProblem } from './records.ts';

const ALERT_LIMIT = 100;

/**
 * Health alerts (MED-3, ADM-10): coded functional flags a clinician shares with custodial staff.
 * The view carries no author note, no source encounter and no diagnosis: only what to do.
 */
export function alertView(row: HealthAlertTable, now: Date) {
  return {
    id: row.id,
    personId: row.person_id,
    detail: parseJson<HealthAlertDetail>(row.detail) as HealthAlertDetail,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    active: alertActive({ startsAt: row.starts_at, endsAt: row.ends_at }, now),
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
        return (await q.execute()).map((r) => alertView(r, now));
      });
    },

    async create(
      actor: AuditActor & { userId: string },
      viewer: RegistryViewer,
      personId: string,
      input: HealthAlertInput,
    ) {
      const problem = alertPeriodProblem(input.startsAt, input.endsAt);
      if (problem) throw ruleProblem([{ path: 'endsAt', code: problem }]);
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
        if (row.version !== input.version) throw new AppError('stale_version', 409, 'The alert was changed.');
        if (row.ends_at && row.ends_at <= clock.now().toISOString()) {
          throw ruleProblem([{ path: 'endsAt', code: 'already_ended' }]);
        }
        const problem = alertPeriodProblem(row.starts_at, input.endsAt);
        if (problem) throw ruleProblem([{ path: 'endsAt', code: problem }]);
        await tx
          .updateTable('health_alert')
          .set({ ends_at: input.endsAt, ended_by: actor.userId, version: row.version + 1 })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .execute();
        return { version: row.version + 1 };
      });
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
