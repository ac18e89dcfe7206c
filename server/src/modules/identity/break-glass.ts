import { breakGlassExpiry, type Clock, newId } from '@custodia/domain';
import { type Db, inTransaction } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { AuditActor, AuditService } from '../audit/service.ts';
import type { RegistryService } from '../registry/service.ts';
import type { Actor } from './service.ts';

/**
 * Break the glass (issue 3): a clinician reaches a person outside their scope only with a stated
 * reason; the grant lasts a configured time, every use is audited as `break_glass`, and the grant
 * stays on the health manager's review list until reviewed.
 */
export function createBreakGlassService(
  db: Db,
  clock: Clock,
  audit: AuditService,
  registry: RegistryService,
  minutes: number,
) {
  return {
    async open(actor: Actor, auditActor: AuditActor, input: { prisonNumber: string; reason: string }) {
      const person = await registry.findByPrisonNumber(input.prisonNumber);
      if (!person) throw notFound('No person has this prison number.');
      const viewer = { institutionIds: actor.institutionIds, national: actor.national };
      if (registry.inNormalScope(viewer, person)) {
        throw new AppError('conflict', 409, 'This person is already in your care: open the record normally.');
      }
      const now = clock.now();
      const id = newId();
      const expiresAt = breakGlassExpiry(now, minutes).toISOString();
      await inTransaction(db, async (tx) => {
        await tx
          .insertInto('break_glass')
          .values({
            id,
            user_id: actor.userId,
            person_id: person.id,
            reason: input.reason,
            started_at: now.toISOString(),
            expires_at: expiresAt,
            reviewed_by: null,
            reviewed_at: null,
            review_note: null,
          })
          .execute();
        await audit.record(tx, auditActor, {
          action: 'identity.break_glass.open',
          dataClass: 'clinical',
          purpose: 'break_glass',
          outcome: 'allowed',
          resourceType: 'break_glass',
          resourceId: id,
          personId: person.id,
        });
      });
      return { id, personId: person.id, expiresAt };
    },

    /** Grants awaiting review (or all), newest first. */
    async list(query: { pending: boolean; limit: number; cursor?: string }) {
      const after = decodeCursor(query.cursor, 2);
      let q = db
        .selectFrom('break_glass')
        .innerJoin('user_account', 'user_account.id', 'break_glass.user_id')
        .select([
          'break_glass.id',
          'break_glass.person_id',
          'break_glass.reason',
          'break_glass.started_at',
          'break_glass.expires_at',
          'break_glass.reviewed_by',
          'break_glass.reviewed_at',
          'break_glass.review_note',
          'user_account.username',
          'user_account.display_name',
        ])
        .orderBy('break_glass.started_at', 'desc')
        .orderBy('break_glass.id', 'desc')
        .limit(query.limit + 1);
      if (query.pending) q = q.where('break_glass.reviewed_at', 'is', null);
      if (after) q = q.where(keysetAfter(['break_glass.started_at', 'break_glass.id'], after, 'desc'));
      const rows = await q.execute();
      return toPage(
        rows,
        query.limit,
        (r) => [r.started_at, r.id],
        (r) => ({
          id: r.id,
          personId: r.person_id,
          username: r.username,
          displayName: r.display_name,
          reason: r.reason,
          startedAt: r.started_at,
          expiresAt: r.expires_at,
          reviewedBy: r.reviewed_by,
          reviewedAt: r.reviewed_at,
          reviewNote: r.review_note,
        }),
      );
    },

    async review(auditActor: AuditActor, id: string, note: string) {
      await inTransaction(db, async (tx) => {
        const result = await tx
          .updateTable('break_glass')
          .set({
            reviewed_by: auditActor.username,
            reviewed_at: clock.now().toISOString(),
            review_note: note,
          })
          .where('id', '=', id)
          .where('reviewed_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0)
          throw notFound('No break-the-glass access awaits review under this id.');
        await audit.record(tx, auditActor, {
          action: 'identity.break_glass.review',
          dataClass: 'audit',
          outcome: 'allowed',
          resourceType: 'break_glass',
          resourceId: id,
        });
      });
    },
  };
}

export type BreakGlassService = ReturnType<typeof createBreakGlassService>;
