import {
  answerDueAt,
  type BoxRequestInput,
  boxRequestProblems,
  type HealthRequest,
  type HealthRequestRow,
  type KioskRequestInput,
  newId,
  type RequestUrgency,
  type TriageInput,
  triageDueAt,
  triagedInTime,
  triageProblems,
} from '@custodia/domain';
import { inTransaction, type Tx } from '../../platform/db/database.ts';
import { forbidden, notFound, ruleRefused, staleVersion } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import { decodeCursor, keysetAfter, toPage } from '../../platform/http/paging.ts';
import type { Caller } from '../identity/index.ts';
import { inScope, PAGE_LIMIT, type RequestsDeps, scopeOf } from './context.ts';
import { escalate } from './escalation.ts';
import type { HealthRequestTable } from './tables.ts';

/**
 * MED-5: requests to health care. Their content is clinical: only health staff read them
 * (`requests.health.read`), every read audited; the kiosk only writes (ADR 0038).
 */
export function createHealthRequests(deps: RequestsDeps) {
  const { db, clock, timeZone, audit, registry, identity } = deps;

  /** The person the request is for: in custody, where the caller works. */
  async function personOf(tx: Tx, caller: Caller, personId: string) {
    const person = await registry.personForViewer(tx, caller.viewer, personId);
    if (person.status !== 'in_custody' || !person.institution_id)
      throw ruleRefused([{ path: '', code: 'not_in_custody' }]);
    if (!inScope(caller.viewer, person.institution_id)) throw forbidden('You do not work there.');
    return { id: person.id, institutionId: person.institution_id };
  }

  async function insert(
    tx: Tx,
    caller: Caller,
    person: { id: string; institutionId: string },
    values: {
      channel: 'sealed_box' | 'kiosk';
      urgency: RequestUrgency;
      text: string;
      paperDate: string | null;
      boxOpenedAt: string | null;
      receivedAt: string;
    },
  ) {
    const now = clock.now();
    const id = newId();
    await tx
      .insertInto('health_request')
      .values({
        id,
        person_id: person.id,
        institution_id: person.institutionId,
        channel: values.channel,
        urgency: values.urgency,
        text: values.text,
        paper_date: values.paperDate,
        box_opened_at: values.boxOpenedAt,
        received_at: values.receivedAt,
        triage_due_at: triageDueAt(values.receivedAt, values.urgency, timeZone),
        entered_by: caller.userId,
        recorded_at: now.toISOString(),
        triaged_at: null,
        triaged_by: null,
        triage_outcome: null,
        appointment_at: null,
        triage_reason: null,
        triage_note: null,
        allegation_complaint_id: null,
        version: 1,
      })
      .execute();
    return id;
  }

  async function rowsToItems(tx: Tx, rows: HealthRequestTable[]) {
    const labels = await registry.personLabels(
      tx,
      rows.map((r) => r.person_id),
    );
    const names = await identity.displayNames(
      tx,
      rows.flatMap((r) => [r.entered_by, ...(r.triaged_by ? [r.triaged_by] : [])]),
    );
    const now = clock.now();
    return rows.map((r) => {
      const label = labels.get(r.person_id);
      const inTime = triagedInTime(
        { receivedAt: r.received_at, urgency: r.urgency as RequestUrgency, triagedAt: r.triaged_at },
        now,
        timeZone,
      );
      const base = {
        id: r.id,
        personId: r.person_id,
        prisonNumber: label?.prisonNumber ?? '',
        name: label?.name ?? '',
        institutionId: r.institution_id,
        channel: r.channel as 'sealed_box' | 'kiosk',
        urgency: r.urgency as RequestUrgency,
        paperDate: r.paper_date,
        boxOpenedAt: r.box_opened_at,
        receivedAt: r.received_at,
        enteredBy: names.get(r.entered_by) ?? '',
        recordedAt: r.recorded_at,
        triageDueAt: r.triage_due_at,
        overdue: !r.triaged_at && inTime === false,
        allegationComplaintId: r.allegation_complaint_id,
      };
      const full: HealthRequest = {
        ...base,
        text: r.text,
        triage:
          r.triaged_at && r.triage_outcome
            ? {
                outcome: r.triage_outcome,
                appointmentAt: r.appointment_at,
                reason: r.triage_reason,
                note: r.triage_note,
                at: r.triaged_at,
                by: names.get(r.triaged_by ?? '') ?? '',
                inTime: inTime === true,
              }
            : null,
      };
      const row: HealthRequestRow = { ...base, triaged: !!r.triaged_at, outcome: r.triage_outcome };
      return { full, row };
    });
  }

  return {
    /**
     * MED-5: a paper request from the sealed box, entered by health staff: who entered it, when the
     * box was opened (the time of receipt) and the date on the paper. INJ-4: a request alleging
     * ill-treatment opens a confidential complaint to the prosecutor, escalated at once.
     */
    async enterFromBox(caller: Caller, personId: string, input: BoxRequestInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `requests:box:${personId}`, body: input },
          async () => {
            const now = clock.now();
            const problems = boxRequestProblems(input, now, timeZone);
            if (problems.length) throw ruleRefused(problems);
            const person = await personOf(tx, caller, personId);
            const id = await insert(tx, caller, person, {
              channel: 'sealed_box',
              urgency: input.urgency,
              text: input.text,
              paperDate: input.paperDate ?? null,
              boxOpenedAt: input.boxOpenedAt,
              receivedAt: input.boxOpenedAt,
            });
            await audit.record(tx, caller.audit, {
              action: 'requests.health.enter',
              dataClass: 'clinical',
              outcome: 'allowed',
              resourceType: 'health_request',
              resourceId: id,
              personId,
              details: { channel: 'sealed_box', urgency: input.urgency },
            });
            if (input.allegation && input.dispatchChannel) {
              const complaintId = newId();
              await tx
                .insertInto('complaint')
                .values({
                  id: complaintId,
                  person_id: personId,
                  institution_id: person.institutionId,
                  addressee: 'prosecutor',
                  category: 'ill_treatment',
                  // The request's own words stay in the medical file; the complaint says where it came from.
                  text: 'Allegation of ill-treatment in a request to health care (MED-5, INJ-4).',
                  confidential: 1,
                  allegation: 1,
                  received_at: input.boxOpenedAt,
                  answer_due_at: answerDueAt(input.boxOpenedAt, 'prosecutor', timeZone),
                  status: 'received',
                  answered_at: null,
                  registered_by: caller.userId,
                  recorded_at: now.toISOString(),
                  source_request_id: id,
                  version: 1,
                })
                .execute();
              await tx
                .updateTable('health_request')
                .set({ allegation_complaint_id: complaintId })
                .where('id', '=', id)
                .execute();
              await escalate(
                deps,
                tx,
                caller.audit,
                { id: complaintId, personId, institutionId: person.institutionId, addressee: 'prosecutor' },
                { channel: input.dispatchChannel, reference: null },
                now,
              );
            }
            return { id };
          },
        ),
      );
    },

    /**
     * MED-5: a request typed by the person on the kiosk, which a member of staff unlocked for them.
     * Received when sent; the answer is its id only: whoever unlocked the kiosk reads nothing back.
     */
    async submitFromKiosk(caller: Caller, personId: string, input: KioskRequestInput, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `requests:kiosk:${personId}`, body: input },
          async () => {
            const person = await personOf(tx, caller, personId);
            const now = clock.now().toISOString();
            const id = await insert(tx, caller, person, {
              channel: 'kiosk',
              urgency: input.urgency,
              text: input.text,
              paperDate: null,
              boxOpenedAt: null,
              receivedAt: now,
            });
            await audit.record(tx, caller.audit, {
              action: 'requests.kiosk.submit',
              dataClass: 'custodial',
              outcome: 'allowed',
              resourceType: 'health_request',
              resourceId: id,
              personId,
              details: { channel: 'kiosk' },
            });
            return { id };
          },
        ),
      );
    },

    /** MED-5: the health staff's list: waiting ones by deadline, or every one newest first; paged. */
    async list(
      caller: Caller,
      query: {
        institutionId?: string;
        state: 'waiting' | 'all';
        personId?: string;
        cursor?: string;
        limit?: number;
      },
    ) {
      const limit = Math.min(query.limit ?? PAGE_LIMIT, PAGE_LIMIT);
      const institutions = scopeOf(caller.viewer, query.institutionId);
      return inTransaction(db, async (tx) => {
        let rows: HealthRequestTable[] = [];
        if (!institutions || institutions.length) {
          let q = tx
            .selectFrom('health_request')
            .selectAll()
            .limit(limit + 1);
          if (institutions) q = q.where('institution_id', 'in', institutions);
          if (query.personId) q = q.where('person_id', '=', query.personId);
          if (query.state === 'waiting') {
            const after = decodeCursor(query.cursor, 2);
            q = q.where('triaged_at', 'is', null).orderBy('triage_due_at').orderBy('id');
            if (after) q = q.where(keysetAfter(['triage_due_at', 'id'], after));
          } else {
            const after = decodeCursor(query.cursor, 2);
            q = q.orderBy('received_at', 'desc').orderBy('id', 'desc');
            if (after) q = q.where(keysetAfter(['received_at', 'id'], after, 'desc'));
          }
          rows = await q.execute();
        }
        const page = toPage(
          rows,
          limit,
          (r) => (query.state === 'waiting' ? [r.triage_due_at, r.id] : [r.received_at, r.id]),
          (r) => r,
        );
        const items = (await rowsToItems(tx, page.items)).map((i) => i.row);
        await audit.record(tx, caller.audit, {
          action: 'requests.health.list',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'health_request',
          details: { institutionId: query.institutionId ?? null, count: items.length },
        });
        return { items, nextCursor: page.nextCursor };
      });
    },

    /** MED-5: one request with its content and triage (health staff; audited as a clinical read). */
    async get(caller: Caller, id: string) {
      return inTransaction(db, async (tx) => {
        const row = await tx.selectFrom('health_request').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row || !inScope(caller.viewer, row.institution_id)) throw notFound('No such request.');
        const [item] = await rowsToItems(tx, [row]);
        await audit.record(tx, caller.audit, {
          action: 'requests.health.read',
          dataClass: 'clinical',
          outcome: 'allowed',
          resourceType: 'health_request',
          resourceId: id,
          personId: row.person_id,
        });
        return (item as { full: HealthRequest }).full;
      });
    },

    /** MED-5: triage by health staff, once: the outcome with what it needs; time to triage tracked. */
    async triage(caller: Caller, id: string, input: TriageInput & { version: number }, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `requests:triage:${id}`, body: input },
          async () => {
            const row = await tx
              .selectFrom('health_request')
              .selectAll()
              .where('id', '=', id)
              .executeTakeFirst();
            if (!row || !inScope(caller.viewer, row.institution_id)) throw notFound('No such request.');
            const problems = triageProblems(input, {
              receivedAt: row.received_at,
              triagedAt: row.triaged_at,
            });
            if (problems.length) throw ruleRefused(problems);
            const now = clock.now().toISOString();
            const updated = await tx
              .updateTable('health_request')
              .set({
                triaged_at: now,
                triaged_by: caller.userId,
                triage_outcome: input.outcome,
                appointment_at: input.appointmentAt ?? null,
                triage_reason: input.reason ?? null,
                triage_note: input.note ?? null,
                version: row.version + 1,
              })
              .where('id', '=', id)
              .where('version', '=', input.version)
              .executeTakeFirst();
            if (Number(updated.numUpdatedRows) !== 1) throw staleVersion('request');
            await audit.record(tx, caller.audit, {
              action: 'requests.health.triage',
              dataClass: 'clinical',
              outcome: 'allowed',
              resourceType: 'health_request',
              resourceId: id,
              personId: row.person_id,
              details: { outcome: input.outcome },
            });
            return { id };
          },
        ),
      );
    },

    /** MED-5: the requests waiting for triage where the viewer works (the worklist), bounded. */
    async waiting(viewer: { institutionIds: string[]; national: boolean }) {
      const institutions = viewer.national ? null : viewer.institutionIds;
      if (institutions && !institutions.length) return [];
      let q = db
        .selectFrom('health_request')
        .select(['id', 'person_id', 'institution_id', 'urgency', 'received_at', 'triage_due_at'])
        .where('triaged_at', 'is', null)
        .orderBy('triage_due_at')
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
