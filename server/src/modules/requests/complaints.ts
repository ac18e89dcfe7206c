import {
  type Addressee,
  answerDueAt,
  answerOverdue,
  type Complaint,
  type ComplaintActionInput,
  type ComplaintPermission,
  type ComplaintRegisterInput,
  type ComplaintRow,
  type ComplaintStatus,
  complaintActionProblems,
  complaintHandledWith,
  complaintReadableWith,
  complaintRegisterProblems,
  independentAddressees,
  newId,
  statusAfter,
} from '@custodia/domain';
import { type ExpressionBuilder, sql } from 'kysely';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { forbidden, notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { Caller } from '../identity/index.ts';
import { inScope, PAGE_LIMIT, type RequestsDeps, scopeOf } from './context.ts';
import { escalate } from './escalation.ts';
import type { ComplaintTable } from './tables.ts';

const independent = [...independentAddressees];

/**
 * RES-7: which complaints a holder of these permissions may read, as a condition on the table: the
 * same rule as `complaintReadableWith`, so a confidential complaint is absent from a list it may not
 * be opened from.
 */
function readableCondition(has: (p: ComplaintPermission) => boolean) {
  return (eb: ExpressionBuilder<Database, 'complaint'>) => {
    const parts = [];
    if (has('requests.complaint.independent')) parts.push(eb('addressee', 'in', independent));
    if (has('requests.complaint.handle')) parts.push(eb('addressee', 'not in', independent));
    else if (has('requests.complaint.read'))
      parts.push(eb.and([eb('addressee', 'not in', independent), eb('confidential', '=', 0)]));
    return parts.length ? eb.or(parts) : sql<boolean>`1 = 0`;
  };
}

const toRow = (c: ComplaintTable, now: Date) => ({
  addressee: c.addressee as Addressee,
  confidential: c.confidential === 1,
  status: c.status as ComplaintStatus,
  overdue: answerOverdue({ status: c.status as ComplaintStatus, answerDueAt: c.answer_due_at }, now),
});

/** RES-7, INJ-4: complaints and requests to the governor and to independent bodies (ADR 0038). */
export function createComplaints(deps: RequestsDeps) {
  const { db, clock, timeZone, audit, registry, identity } = deps;
  const hasOf = (caller: Caller) => (p: ComplaintPermission) => caller.has(p);

  /**
   * The complaint, or 404 out of scope; 403 when confidential to the reader, the refusal recorded in
   * the audit trail in a transaction of its own, before the work's (SQLite has one writer).
   */
  async function guard(caller: Caller, id: string) {
    const row = await db.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !inScope(caller.viewer, row.institution_id)) throw notFound('No such complaint.');
    if (!complaintReadableWith(hasOf(caller), toRow(row, clock.now()))) {
      await audit.recordAlone(caller.audit, {
        action: 'requests.complaint.read',
        dataClass: 'custodial',
        outcome: 'denied',
        resourceType: 'complaint',
        resourceId: id,
        personId: row.person_id,
      });
      throw forbidden('This complaint is confidential: only its addressee’s handling role reads it (RES-7).');
    }
  }

  /** The complaint inside the work's transaction, after `guard` (its fields may have moved on). */
  async function readable(tx: Tx, id: string) {
    const row = await tx.selectFrom('complaint').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('No such complaint.');
    return row;
  }

  return {
    /**
     * RES-7: a complaint registered with its deadline; one to an independent body, or alleging
     * ill-treatment, is confidential. INJ-4: an allegation is escalated in the same transaction.
     */
    async register(caller: Caller, personId: string, input: ComplaintRegisterInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `requests:complaint:${personId}`, body: input },
          async () => {
            const now = clock.now();
            const problems = complaintRegisterProblems(input, now);
            if (problems.length) throw ruleRefused(problems);
            const person = await registry.personForViewer(tx, caller.viewer, personId);
            if (person.status !== 'in_custody' || !person.institution_id)
              throw ruleRefused([{ path: '', code: 'not_in_custody' }]);
            const institutionId = person.institution_id;
            if (!inScope(caller.viewer, institutionId)) throw forbidden('You do not work there.');
            const id = newId();
            const confidential =
              input.confidential || input.allegation || independentAddressees.has(input.addressee);
            await tx
              .insertInto('complaint')
              .values({
                id,
                person_id: personId,
                institution_id: institutionId,
                addressee: input.addressee,
                category: input.category,
                text: input.text,
                confidential: confidential ? 1 : 0,
                allegation: input.allegation ? 1 : 0,
                received_at: input.receivedAt,
                answer_due_at: answerDueAt(input.receivedAt, input.addressee, timeZone),
                status: 'received',
                answered_at: null,
                registered_by: caller.userId,
                recorded_at: now.toISOString(),
                source_request_id: null,
                version: 1,
              })
              .execute();
            await audit.record(tx, caller.audit, {
              action: 'requests.complaint.register',
              dataClass: 'custodial',
              outcome: 'allowed',
              resourceType: 'complaint',
              resourceId: id,
              personId,
              details: { addressee: input.addressee, confidential, allegation: input.allegation },
            });
            if (input.allegation && input.dispatchChannel)
              await escalate(
                deps,
                tx,
                caller.audit,
                { id, personId, institutionId, addressee: input.addressee },
                { channel: input.dispatchChannel, reference: input.dispatchReference },
                now,
              );
            return { id };
          },
        ),
      );
    },

    /** RES-7: the complaints the reader may read (confidential ones absent otherwise), newest first, paged. */
    async list(
      caller: Caller,
      query: { institutionId?: string; open?: boolean; personId?: string; cursor?: string; limit?: number },
    ) {
      const limit = Math.min(query.limit ?? PAGE_LIMIT, PAGE_LIMIT);
      const institutions = scopeOf(caller.viewer, query.institutionId);
      return inTransaction(db, async (tx) => {
        let rows: ComplaintTable[] = [];
        if (!institutions || institutions.length) {
          let q = tx
            .selectFrom('complaint')
            .selectAll()
            .where(readableCondition(hasOf(caller)))
            .orderBy('received_at', 'desc')
            .orderBy('id', 'desc')
            .limit(limit + 1);
          if (institutions) q = q.where('institution_id', 'in', institutions);
          if (query.personId) q = q.where('person_id', '=', query.personId);
          if (query.open) q = q.where('status', 'in', ['received', 'acknowledged', 'forwarded']);
          const after = decodeCursor(query.cursor, 2);
          if (after) q = q.where(keysetAfter(['received_at', 'id'], after, 'desc'));
          rows = await q.execute();
        }
        const page = toPage(
          rows,
          limit,
          (r) => [r.received_at, r.id],
          (r) => r,
        );
        const labels = await registry.personLabels(
          tx,
          page.items.map((r) => r.person_id),
        );
        const now = clock.now();
        const items: ComplaintRow[] = page.items.map((r) => ({
          id: r.id,
          personId: r.person_id,
          prisonNumber: labels.get(r.person_id)?.prisonNumber ?? '',
          name: labels.get(r.person_id)?.name ?? '',
          institutionId: r.institution_id,
          category: r.category,
          allegation: r.allegation === 1,
          receivedAt: r.received_at,
          answerDueAt: r.answer_due_at,
          answeredAt: r.answered_at,
          registeredBy: '',
          recordedAt: r.recorded_at,
          ...toRow(r, now),
        }));
        await audit.record(tx, caller.audit, {
          action: 'requests.complaint.list',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'complaint',
          details: { institutionId: query.institutionId ?? null, count: items.length },
        });
        return { items, nextCursor: page.nextCursor };
      });
    },

    /** RES-7: a complaint with its steps, dispatches and examination, for a reader allowed to read it. */
    async get(caller: Caller, id: string): Promise<Complaint> {
      await guard(caller, id);
      return inTransaction(db, async (tx) => {
        const row = await readable(tx, id);
        const events = await tx
          .selectFrom('complaint_event')
          .selectAll()
          .where('complaint_id', '=', id)
          .orderBy('recorded_at')
          .orderBy('id')
          .execute();
        const dispatches = await tx
          .selectFrom('complaint_dispatch')
          .selectAll()
          .where('complaint_id', '=', id)
          .orderBy('at')
          .execute();
        const exam = await tx
          .selectFrom('allegation_examination')
          .selectAll()
          .where('complaint_id', '=', id)
          .executeTakeFirst();
        const labels = await registry.personLabels(tx, [row.person_id]);
        const names = await identity.displayNames(tx, [
          row.registered_by,
          ...events.map((e) => e.recorded_by),
          ...dispatches.map((d) => d.recorded_by),
        ]);
        const name = (u: string) => names.get(u) ?? '';
        const base = toRow(row, clock.now());
        await audit.record(tx, caller.audit, {
          action: 'requests.complaint.read',
          dataClass: 'custodial',
          outcome: 'allowed',
          resourceType: 'complaint',
          resourceId: id,
          personId: row.person_id,
        });
        return {
          id: row.id,
          personId: row.person_id,
          prisonNumber: labels.get(row.person_id)?.prisonNumber ?? '',
          name: labels.get(row.person_id)?.name ?? '',
          institutionId: row.institution_id,
          category: row.category,
          text: row.text,
          allegation: row.allegation === 1,
          receivedAt: row.received_at,
          answerDueAt: row.answer_due_at,
          registeredBy: name(row.registered_by),
          recordedAt: row.recorded_at,
          ...base,
          canHandle: complaintHandledWith(hasOf(caller), base),
          events: events.map((e) => ({
            id: e.id,
            action: e.action,
            at: e.recorded_at,
            by: name(e.recorded_by),
            text: e.text,
            answerDate: e.answer_date,
            forwardTo: (e.forward_to as Addressee | null) ?? null,
          })),
          dispatches: dispatches.map((d) => ({
            id: d.id,
            body: d.body as Addressee,
            channel: d.channel,
            reference: d.reference,
            at: d.at,
            by: name(d.recorded_by),
          })),
          // The examination's result is clinical: the complaint shows that it was made and when.
          examination: exam
            ? { id: exam.id, dueAt: exam.due_at, injuryRecordId: null, examinedAt: exam.examined_at }
            : null,
        };
      });
    },

    /**
     * RES-7: acknowledge, answer (with its date), forward or close, by the addressee's handling role;
     * each step a row of its own. INJ-4: an allegation's escalation cannot be withdrawn.
     */
    async act(caller: Caller, id: string, input: ComplaintActionInput & { version: number }, key?: string) {
      await guard(caller, id);
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `requests:complaint-act:${id}`, body: input },
          async () => {
            const row = await readable(tx, id);
            const now = clock.now();
            if (!complaintHandledWith(hasOf(caller), { addressee: row.addressee as Addressee }))
              throw forbidden('Only the addressee’s handling role answers, forwards and closes (RES-7).');
            const problems = complaintActionProblems(
              input,
              {
                status: row.status as ComplaintStatus,
                addressee: row.addressee as Addressee,
                allegation: row.allegation === 1,
                receivedAt: row.received_at,
              },
              now,
              timeZone,
            );
            if (problems.some((p) => p.code === 'escalation_irreversible'))
              throw ruleRefused(problems, {
                code: 'escalation_irreversible',
                message:
                  'An allegation of ill-treatment has been escalated; it cannot be withdrawn, even if the person objects (INJ-4).',
              });
            if (problems.length) throw ruleRefused(problems);
            const status = statusAfter[input.action];
            const updated = await tx
              .updateTable('complaint')
              .set({
                status,
                version: row.version + 1,
                ...(input.action === 'answer' ? { answered_at: now.toISOString() } : {}),
              })
              .where('id', '=', id)
              .where('version', '=', input.version)
              .executeTakeFirst();
            if (Number(updated.numUpdatedRows) !== 1) throw staleVersion('complaint');
            await tx
              .insertInto('complaint_event')
              .values({
                id: newId(),
                complaint_id: id,
                action: input.action,
                text: input.text ?? null,
                answer_date: input.action === 'answer' ? (input.answerDate ?? null) : null,
                forward_to: input.action === 'forward' ? (input.forwardTo ?? null) : null,
                withdrawn: input.withdrawn ? 1 : 0,
                recorded_by: caller.userId,
                recorded_at: now.toISOString(),
              })
              .execute();
            await audit.record(tx, caller.audit, {
              action: `requests.complaint.${input.action}`,
              dataClass: 'custodial',
              outcome: 'allowed',
              resourceType: 'complaint',
              resourceId: id,
              personId: row.person_id,
            });
            return { id };
          },
        ),
      );
    },

    /** RES-7: open complaints due within 3 days or overdue where the viewer works (the worklist), bounded. */
    async due(
      viewer: { institutionIds: string[]; national: boolean },
      has: (p: ComplaintPermission) => boolean,
    ) {
      const institutions = viewer.national ? null : viewer.institutionIds;
      if (institutions && !institutions.length) return [];
      const soon = new Date(clock.now().getTime() + 3 * 86_400_000).toISOString();
      let q = db
        .selectFrom('complaint')
        .select(['id', 'person_id', 'institution_id', 'addressee', 'received_at', 'answer_due_at'])
        .where('status', 'in', ['received', 'acknowledged'])
        .where('answer_due_at', '<=', soon)
        .where((eb) => {
          const parts = [];
          if (has('requests.complaint.independent')) parts.push(eb('addressee', 'in', independent));
          if (has('requests.complaint.handle')) parts.push(eb('addressee', 'not in', independent));
          return parts.length ? eb.or(parts) : sql<boolean>`1 = 0`;
        })
        .orderBy('answer_due_at')
        .limit(200);
      if (institutions) q = q.where('institution_id', 'in', institutions);
      const rows = await q.execute();
      const labels = await registry.personLabels(
        db,
        rows.map((r) => r.person_id),
      );
      return rows.map((r) => ({ ...r, label: labels.get(r.person_id) }));
    },
  };
}
