import {
  type copyRequestInputSchema,
  type dispatchInputSchema,
  newId,
  type recipientInputSchema,
  type replyInputSchema,
  type reprisalReviewInputSchema,
} from '@custodia/domain';
import type { z } from 'zod';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { AppError, forbidden, notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import type { Caller } from '../identity/index.ts';
import { clinicalAccess, type InjuriesDeps, injuriesRules, inScope } from './context.ts';
import { recordInScope } from './records.ts';

/** The recipients configured for an institution (INJ-4), by kind. */
export function recipientsOf(executor: Executor, institutionIds: readonly string[]) {
  return executor
    .selectFrom('injury_recipient')
    .selectAll()
    .where('institution_id', 'in', institutionIds.length ? [...institutionIds] : [''])
    .orderBy('institution_id')
    .orderBy('kind')
    .execute();
}

/** A report in the viewer's scope, with its record, or 404. */
async function reportInScope(executor: Executor, caller: Caller, reportId: string) {
  const report = await executor
    .selectFrom('injury_report')
    .selectAll()
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!report) throw notFound('No such report.');
  const record = await recordInScope(executor, caller, report.record_id);
  return { report, record };
}

/** INJ-4, INJ-5: reports to the independent authority, their replies and reviews; copies for the person. */
export function createReportCommands(deps: InjuriesDeps) {
  const { db, clock, audit } = deps;

  async function reportEvent(
    caller: Caller,
    reportId: string,
    kind: 'reply' | 'reprisal_review',
    at: string,
    text: string,
    riskContinues: boolean | null,
    key: string | undefined,
    body: unknown,
  ) {
    return inTransaction(db, (tx) =>
      once(
        tx,
        clock,
        { userId: caller.userId, key, scope: `injuries:${reportId}:${kind}`, body },
        async () => {
          const { record } = await reportInScope(tx, caller, reportId);
          if (Date.parse(at) > clock.now().getTime() + 5 * 60_000) {
            throw ruleRefused([{ path: 'receivedAt', code: 'in_the_future' }], injuriesRules);
          }
          const eventId = newId();
          await clinicalAccess(deps, tx, caller.viewer, caller.audit, record.person_id, {
            action: kind === 'reply' ? 'injuries.report.reply' : 'injuries.report.reprisal_review',
            resourceType: 'injury_report',
            resourceId: reportId,
          });
          await tx
            .insertInto('injury_report_event')
            .values({
              id: eventId,
              report_id: reportId,
              kind,
              at,
              text,
              risk_continues: riskContinues === null ? null : riskContinues ? 1 : 0,
              recorded_by: caller.userId,
              recorded_at: clock.now().toISOString(),
            })
            .execute();
          return { id: eventId };
        },
      ),
    );
  }

  return {
    /** INJ-4: sets one recipient of an institution (administrator or health manager), with its version. */
    async setRecipient(
      caller: Caller,
      institutionId: string,
      input: z.infer<typeof recipientInputSchema> & { version?: number | null },
    ) {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('Not an institution you work in.');
      return inTransaction(db, async (tx) => {
        const now = clock.now().toISOString();
        const existing = await tx
          .selectFrom('injury_recipient')
          .selectAll()
          .where('institution_id', '=', institutionId)
          .where('kind', '=', input.kind)
          .executeTakeFirst();
        let id: string;
        if (existing) {
          if (input.version !== existing.version) throw staleVersion('recipient');
          id = existing.id;
          await tx
            .updateTable('injury_recipient')
            .set({
              name: input.name,
              address: input.address,
              language: input.language,
              version: existing.version + 1,
              updated_by: caller.userId,
              updated_at: now,
            })
            .where('id', '=', id)
            .where('version', '=', existing.version)
            .execute();
        } else {
          id = newId();
          await tx
            .insertInto('injury_recipient')
            .values({
              id,
              institution_id: institutionId,
              kind: input.kind,
              name: input.name,
              address: input.address,
              language: input.language,
              version: 1,
              updated_by: caller.userId,
              updated_at: now,
            })
            .execute();
        }
        await audit.record(tx, caller.audit, {
          action: 'injuries.recipient.set',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: institutionId,
          details: { kind: input.kind },
        });
        return { id };
      });
    },

    async recipients(caller: Caller, institutionId: string) {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('Not an institution you work in.');
      const rows = await recipientsOf(db, [institutionId]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          name: r.name,
          address: r.address,
          language: r.language,
          version: r.version,
          updatedAt: r.updated_at,
        })),
      };
    },

    /**
     * INJ-4: registers the dispatch of the report to the institution's recipient of `kind` — sent
     * even when the person objects (the objection is recorded); the reprisal-risk flag is set.
     */
    async dispatch(
      caller: Caller,
      id: string,
      input: z.infer<typeof dispatchInputSchema> & { recipientKind: string },
      key?: string,
    ) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `injuries:${id}:dispatch`, body: input },
          async () => {
            const record = await recordInScope(tx, caller, id);
            const now = clock.now();
            const recipient = (await recipientsOf(tx, [record.institution_id])).find(
              (r) => r.kind === input.recipientKind,
            );
            const problems = [];
            if (!recipient) problems.push({ path: 'recipientKind', code: 'recipient_not_configured' });
            if (Date.parse(input.sentAt) > now.getTime() + 5 * 60_000) {
              problems.push({ path: 'sentAt', code: 'in_the_future' });
            }
            if (input.sentAt < record.signed_at) problems.push({ path: 'sentAt', code: 'before_record' });
            if (input.personObjected && (input.objection ?? '').trim().length < 3) {
              problems.push({ path: 'objection', code: 'objection_required' });
            }
            if (problems.length || !recipient) throw ruleRefused(problems, injuriesRules);
            const reportId = newId();
            await clinicalAccess(deps, tx, caller.viewer, caller.audit, record.person_id, {
              action: 'injuries.report.dispatch',
              resourceType: 'injury_report',
              resourceId: reportId,
            });
            await tx
              .insertInto('injury_report')
              .values({
                id: reportId,
                record_id: id,
                person_id: record.person_id,
                institution_id: record.institution_id,
                recipient_kind: recipient.kind,
                recipient_name: recipient.name,
                recipient_address: recipient.address,
                language: recipient.language,
                sent_at: input.sentAt,
                channel: input.channel,
                reference: input.reference,
                person_objected: input.personObjected ? 1 : 0,
                objection: input.objection ?? null,
                person_informed_at: input.personInformedAt ?? null,
                // INJ-4: set on sending, reviewed on the worklist.
                reprisal_risk: 1,
                recorded_by: caller.userId,
                recorded_at: now.toISOString(),
              })
              .execute();
            return { id: reportId };
          },
        ),
      );
    },

    /** INJ-4: a reply from the recipient (an acknowledgement, an investigation's outcome). */
    async reply(caller: Caller, reportId: string, input: z.infer<typeof replyInputSchema>, key?: string) {
      return reportEvent(caller, reportId, 'reply', input.receivedAt, input.text, null, key, input);
    },

    /** INJ-4: the reprisal-risk review; when the risk continues, the next review falls due. */
    async reprisalReview(
      caller: Caller,
      reportId: string,
      input: z.infer<typeof reprisalReviewInputSchema>,
      key?: string,
    ) {
      const at = clock.now().toISOString();
      return reportEvent(
        caller,
        reportId,
        'reprisal_review',
        at,
        input.note,
        input.riskContinues,
        key,
        input,
      );
    },

    /**
     * INJ-4: a report is never withdrawn because the person objects: the request is refused in words
     * (`report_withdrawal_refused`) and nothing is written.
     */
    async withdraw(caller: Caller, reportId: string) {
      await reportInScope(db, caller, reportId);
      throw new AppError(
        'report_withdrawal_refused',
        409,
        'A report of possible ill-treatment is not withdrawn because the person objects (INJ-4).',
      );
    },

    /** INJ-5: the person's or their lawyer's request for a copy, and its handing over. */
    async recordCopy(
      caller: Caller,
      id: string,
      input: z.infer<typeof copyRequestInputSchema>,
      key?: string,
    ) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `injuries:${id}:copy`, body: input },
          async () => {
            const record = await recordInScope(tx, caller, id);
            const copyId = newId();
            const now = clock.now().toISOString();
            await clinicalAccess(deps, tx, caller.viewer, caller.audit, record.person_id, {
              action: 'injuries.copy.give',
              resourceType: 'injury_record',
              resourceId: id,
            });
            await tx
              .insertInto('injury_copy')
              .values({
                id: copyId,
                record_id: id,
                requested_by: input.requestedBy,
                requester_name: input.requesterName ?? null,
                requested_at: now,
                handed_at: now,
                recorded_by: caller.userId,
              })
              .execute();
            return { id: copyId };
          },
        ),
      );
    },

    /**
     * INJ-4: what custodial management sees of the reports of its institutions: that one was sent,
     * when, to whom and under which reference — never the person's account or the findings.
     */
    async reportsSent(caller: Caller, institutionId: string) {
      if (!inScope(caller.viewer, institutionId)) throw forbidden('Not an institution you work in.');
      return inTransaction(db, async (tx) => {
        const rows = await tx
          .selectFrom('injury_report')
          .select(['id', 'sent_at', 'recipient_kind', 'recipient_name', 'reference'])
          .where('institution_id', '=', institutionId)
          .orderBy('sent_at', 'desc')
          .limit(200)
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'injuries.report.sent.read',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'institution',
          resourceId: institutionId,
        });
        return {
          items: rows.map((r) => ({
            id: r.id,
            sentAt: r.sent_at,
            recipientKind: r.recipient_kind,
            recipientName: r.recipient_name,
            reference: r.reference,
          })),
        };
      });
    },
  };
}
