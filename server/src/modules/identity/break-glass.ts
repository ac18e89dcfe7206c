import { breakGlassExpiry, type Clock, newId, normalisePrisonNumber } from '@custodia/domain';
import type { WorklistContributor, WorklistItem } from '../../platform/contributions.ts';
import { type Db, inTransaction } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound, tooMany } from '../../platform/errors.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { AuditActor, AuditService } from '../audit/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { Actor } from './service.ts';
import type { SessionCache } from './session-cache.ts';

const DAY_MS = 24 * 60 * 60_000;
/** Flagged requests shown on the health manager's worklist at most (the review page has them all). */
const WORKLIST_MAX = 50;

export interface BreakGlassOptions {
  /** How long a grant lasts. */
  minutes: number;
  /** Requests one user may make in 24 hours; the next is refused and flagged. */
  perDay: number;
}

/**
 * Break the glass (issue 3): a clinician reaches a person outside their scope only with a stated
 * reason; the grant lasts a configured time, every use is audited as `break_glass`, and the grant
 * stays on the health manager's review list until reviewed.
 *
 * Issue 12 (ADR 0014): the answer is the same whether the prison number belongs to someone outside
 * the user's scope or to no one, so the request cannot be used to learn who is held elsewhere; both
 * are recorded and reviewed alike. Past the daily cap a request is refused, recorded, flagged in the
 * audit trail and put before the health manager (review list and worklist). Nobody reviews a
 * request of their own.
 */
export function createBreakGlassService(
  db: Db,
  clock: Clock,
  audit: AuditService,
  registry: RegistryService,
  options: BreakGlassOptions,
  sessions: SessionCache,
) {
  const service = {
    async open(actor: Actor, auditActor: AuditActor, input: { prisonNumber: string; reason: string }) {
      const prisonNumber = normalisePrisonNumber(input.prisonNumber);
      const person = await registry.findByPrisonNumber(prisonNumber);
      const viewer = { institutionIds: actor.institutionIds, national: actor.national };
      // Someone in one's own care is found by the ordinary search anyway: saying so reveals nothing.
      if (person && registry.inNormalScope(viewer, person)) {
        throw conflict('This person is already in your care: open the record normally.');
      }
      const now = clock.now();
      const id = newId();
      const outcome = await inTransaction(db, async (tx) => {
        const recent = await tx
          .selectFrom('break_glass')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', actor.userId)
          .where('over_limit', '=', 0)
          .where('started_at', '>', new Date(now.getTime() - DAY_MS).toISOString())
          .executeTakeFirstOrThrow();
        const overLimit = Number(recent.n) >= options.perDay;
        const expiresAt = overLimit
          ? now.toISOString()
          : breakGlassExpiry(now, options.minutes).toISOString();
        await tx
          .insertInto('break_glass')
          .values({
            id,
            user_id: actor.userId,
            person_id: person?.id ?? null,
            prison_number: prisonNumber,
            reason: input.reason,
            started_at: now.toISOString(),
            expires_at: expiresAt,
            over_limit: overLimit ? 1 : 0,
            reviewed_by: null,
            reviewed_at: null,
            review_note: null,
          })
          .execute();
        // The new grant reaches the gate on the user's next request (ADR 0032).
        await sessions.changed(tx, { userId: actor.userId });
        await audit.record(tx, auditActor, {
          action: overLimit ? 'identity.break_glass.over_limit' : 'identity.break_glass.open',
          dataClass: 'clinical',
          purpose: 'break_glass',
          outcome: overLimit ? 'denied' : 'allowed',
          resourceType: 'break_glass',
          resourceId: id,
          personId: person?.id ?? null,
          details: {
            personFound: person !== undefined,
            ...(overLimit ? { flaggedForReview: true, perDay: options.perDay } : {}),
          },
        });
        return { overLimit, expiresAt };
      });
      if (outcome.overLimit) {
        throw tooMany(
          'break_glass_limit',
          `At most ${options.perDay} break-the-glass requests a day: this one is refused, and the health manager is told.`,
        );
      }
      // For a number that belongs to no one, an id that opens no one: the answer has the same shape
      // as for a person held elsewhere, and opening it answers like any person out of reach.
      return { id, personId: person?.id ?? newId(), expiresAt: outcome.expiresAt };
    },

    /** Grants awaiting review (or all), newest first. */
    async list(query: { pending: boolean; limit: number; cursor?: string }) {
      const after = decodeCursor(query.cursor, 2);
      let q = db
        .selectFrom('break_glass')
        .innerJoin('user_account', 'user_account.id', 'break_glass.user_id')
        .select([
          'break_glass.id',
          'break_glass.user_id',
          'break_glass.person_id',
          'break_glass.prison_number',
          'break_glass.reason',
          'break_glass.started_at',
          'break_glass.expires_at',
          'break_glass.over_limit',
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
          userId: r.user_id,
          personId: r.person_id,
          prisonNumber: r.prison_number,
          username: r.username,
          displayName: r.display_name,
          reason: r.reason,
          startedAt: r.started_at,
          expiresAt: r.expires_at,
          overLimit: r.over_limit === 1,
          reviewedBy: r.reviewed_by,
          reviewedAt: r.reviewed_at,
          reviewNote: r.review_note,
        }),
      );
    },

    /** Requests over the daily cap awaiting review, oldest first (for the worklist). */
    async pendingOverLimit() {
      return db
        .selectFrom('break_glass')
        .innerJoin('user_account', 'user_account.id', 'break_glass.user_id')
        .select([
          'break_glass.id',
          'break_glass.started_at',
          'user_account.username',
          'user_account.display_name',
        ])
        .where('break_glass.over_limit', '=', 1)
        .where('break_glass.reviewed_at', 'is', null)
        .orderBy('break_glass.started_at')
        .limit(WORKLIST_MAX)
        .execute();
    },

    async review(auditActor: AuditActor, id: string, note: string) {
      const own = await db
        .selectFrom('break_glass')
        .select('id')
        .where('id', '=', id)
        .where('user_id', '=', auditActor.userId ?? '')
        .executeTakeFirst();
      if (own) {
        await audit.recordAlone(auditActor, {
          action: 'identity.break_glass.review',
          dataClass: 'audit',
          outcome: 'denied',
          resourceType: 'break_glass',
          resourceId: id,
          details: { reason: 'own_request' },
        });
        throw forbidden('Nobody reviews their own break-the-glass request: another reviewer must.', {
          code: 'break_glass_own_review',
        });
      }
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
  return service;
}

export type BreakGlassService = ReturnType<typeof createBreakGlassService>;

/** The health manager's worklist: break-the-glass requests refused over the daily cap, until reviewed. */
export function breakGlassWorklist(breakGlass: BreakGlassService): WorklistContributor {
  return {
    module: 'identity',
    async contribute(actor) {
      if (!actor.permissions.has('audit.break_glass.review')) return [];
      return (await breakGlass.pendingOverLimit()).map(
        (r): WorklistItem => ({
          module: 'identity',
          kind: 'break_glass_over_limit',
          // No health data: who asked for emergency access; the permission above limits who sees it.
          dataClass: 'custodial',
          severity: 'overdue',
          subjectId: r.id,
          label: `${r.display_name} (${r.username})`,
          since: r.started_at,
        }),
      );
    },
  };
}
