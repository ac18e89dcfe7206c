import {
  dayDeadlineState,
  type InjuryConclusion,
  type InjuryRegisterRow,
  reportDueAt,
  reportState,
  reprisalReviewDueDay,
  secondReviewDueDay,
} from '@custodia/domain';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { jsonArrayOf, jsonRows, newestFirst, oldestFirst } from '../../platform/db/json-rows.ts';
import type { Caller } from '../identity/index.ts';
import { clinicalAccess, type InjuriesDeps, institutionsOf } from './context.ts';
import { recordInScope } from './records.ts';
import { recipientsOf } from './reports.ts';
import type { InjuryRecordTable, InjuryReportEventTable, InjuryReportTable } from './tables.ts';

const ids = (list: readonly string[]) => (list.length ? [...list] : ['']);

/** Everything written about some records, in one statement per table (never one per record). */
async function entriesOf(executor: Executor, recordIds: readonly string[]) {
  const [lesions, amendments, reviews, consents, photos, reports, copies] = await Promise.all([
    executor
      .selectFrom('injury_lesion')
      .selectAll()
      .where('record_id', 'in', ids(recordIds))
      .orderBy('position')
      .execute(),
    executor
      .selectFrom('injury_amendment')
      .selectAll()
      .where('record_id', 'in', ids(recordIds))
      .orderBy('created_at')
      .execute(),
    executor
      .selectFrom('injury_second_review')
      .selectAll()
      .where('record_id', 'in', ids(recordIds))
      .execute(),
    executor
      .selectFrom('injury_photo_consent')
      .selectAll()
      .where('record_id', 'in', ids(recordIds))
      .orderBy('recorded_at')
      .execute(),
    executor
      .selectFrom('injury_photo')
      .selectAll()
      .where('record_id', 'in', ids(recordIds))
      .orderBy('taken_at')
      .execute(),
    executor
      .selectFrom('injury_report')
      .selectAll()
      .where('record_id', 'in', ids(recordIds))
      .orderBy('sent_at')
      .execute(),
    executor
      .selectFrom('injury_copy')
      .selectAll()
      .where('record_id', 'in', ids(recordIds))
      .orderBy('handed_at')
      .execute(),
  ]);
  const events = reports.length
    ? await executor
        .selectFrom('injury_report_event')
        .selectAll()
        .where(
          'report_id',
          'in',
          reports.map((r) => r.id),
        )
        .orderBy('recorded_at')
        .execute()
    : [];
  return { lesions, amendments, reviews, consents, photos, reports, copies, events };
}
type Entries = Awaited<ReturnType<typeof entriesOf>>;

/** INJ-4: when the reprisal review of a sent report falls due, or null when no review is pending. */
export function reprisalDueDay(
  report: Pick<InjuryReportTable, 'sent_at' | 'reprisal_risk'>,
  events: readonly Pick<InjuryReportEventTable, 'kind' | 'at' | 'risk_continues'>[],
  timeZone: string,
): string | null {
  if (!report.reprisal_risk) return null;
  const reviews = events.filter((e) => e.kind === 'reprisal_review');
  const last = reviews[reviews.length - 1];
  if (!last) return reprisalReviewDueDay(report.sent_at, timeZone);
  return last.risk_continues ? reprisalReviewDueDay(last.at, timeZone) : null;
}

/** The record as the clinician reads it (MED-1: clinical readers only). */
export function recordView(row: InjuryRecordTable, e: Entries, now: Date, timeZone: string) {
  const mine = <T extends { record_id: string }>(list: T[]) => list.filter((x) => x.record_id === row.id);
  const reports = mine(e.reports);
  const firstSent = reports[0]?.sent_at ?? null;
  const review = mine(e.reviews)[0];
  const consents = mine(e.consents);
  const consent = consents[consents.length - 1];
  const secondReviewDue = row.clinician_trained ? null : secondReviewDueDay(row.signed_at, timeZone);
  return {
    id: row.id,
    personId: row.person_id,
    institutionId: row.institution_id,
    context: row.context,
    sourceId: row.source_id,
    examinedAt: row.examined_at,
    personsPresent: row.persons_present,
    interpreter: row.interpreter,
    outOfHearingAndSight: row.out_of_hearing_and_sight === 1,
    presenceReason: row.presence_reason,
    account: JSON.parse(row.account) as {
      text: string;
      allegation: boolean;
      who?: string | null;
      when?: string | null;
      where?: string | null;
      how?: string | null;
    },
    noInjuriesSeen: row.no_injuries_seen === 1,
    lesions: mine(e.lesions).map((l) => ({
      id: l.id,
      view: l.view,
      region: l.region,
      x: l.x,
      y: l.y,
      type: l.type,
      lengthCm: l.length_cm,
      widthCm: l.width_cm,
      colour: l.colour,
      shape: l.shape,
      estimatedAge: l.estimated_age,
      description: l.description,
      fromScreening: l.from_screening === 1,
    })),
    conclusion: row.conclusion as InjuryConclusion,
    suggestsIllTreatment: row.suggests_ill_treatment === 1,
    cause: row.cause,
    testsAndTreatment: row.tests_and_treatment,
    clinician: { id: row.clinician_id, name: row.clinician_name, trained: row.clinician_trained === 1 },
    signedAt: row.signed_at,
    contentHash: row.content_hash,
    report: {
      required: row.report_required === 1,
      dueAt: row.report_required ? reportDueAt(row.signed_at) : null,
      state: reportState(
        { required: row.report_required === 1, signedAt: row.signed_at, sentAt: firstSent },
        now,
      ),
    },
    secondReview: {
      required: row.clinician_trained === 0,
      dueDay: secondReviewDue,
      state: review ? 'done' : secondReviewDue ? dayDeadlineState(secondReviewDue, now, timeZone) : null,
      review: review
        ? { agrees: review.agrees === 1, note: review.note, by: review.reviewer_name, at: review.reviewed_at }
        : null,
    },
    amendments: mine(e.amendments).map((a) => ({
      id: a.id,
      reason: a.reason,
      text: a.text,
      by: a.author_name,
      at: a.created_at,
    })),
    photoConsent: consent ? { consent: consent.consent, note: consent.note, at: consent.recorded_at } : null,
    photos: mine(e.photos).map((p) => ({
      id: p.id,
      sha256: p.sha256,
      takenAt: p.taken_at,
      contentType: p.content_type,
      size: p.size_bytes,
      scaleInFrame: p.scale_in_frame === 1,
    })),
    reports: reports.map((r) => {
      const events = e.events.filter((x) => x.report_id === r.id);
      const due = reprisalDueDay(r, events, timeZone);
      return {
        id: r.id,
        recipientKind: r.recipient_kind,
        recipientName: r.recipient_name,
        language: r.language,
        sentAt: r.sent_at,
        channel: r.channel,
        reference: r.reference,
        personObjected: r.person_objected === 1,
        objection: r.objection,
        personInformedAt: r.person_informed_at,
        reprisalRisk: r.reprisal_risk === 1,
        reprisalReviewDueDay: due,
        reprisalReviewState: due ? dayDeadlineState(due, now, timeZone) : null,
        events: events.map((x) => ({
          id: x.id,
          kind: x.kind,
          at: x.at,
          text: x.text,
          riskContinues: x.risk_continues === null ? null : x.risk_continues === 1,
        })),
      };
    }),
    copies: mine(e.copies).map((c) => ({
      id: c.id,
      requestedBy: c.requested_by,
      requesterName: c.requester_name,
      handedAt: c.handed_at,
    })),
  };
}
export type InjuryRecordView = ReturnType<typeof recordView>;

/** The reads of the injuries module. */
export function createInjuryViews(deps: InjuriesDeps) {
  const { db, clock } = deps;

  return {
    /** A person's injury records, newest first (clinical; audited), and admission findings to document. */
    async ofPerson(caller: Caller, personId: string) {
      const institutions = await institutionsOf(deps);
      return inTransaction(db, async (tx) => {
        await clinicalAccess(deps, tx, caller.viewer, caller.audit, personId, {
          action: 'injuries.person.read',
          resourceType: 'person',
        });
        const rows = await tx
          .selectFrom('injury_record')
          .selectAll()
          .where('person_id', '=', personId)
          .orderBy('signed_at', 'desc')
          .limit(100)
          .execute();
        const e = await entriesOf(
          tx,
          rows.map((r) => r.id),
        );
        const now = clock.now();
        const screenings = await deps.screening.screeningInjuries(tx, { personIds: [personId], limit: 20 });
        const documented = new Set(rows.map((r) => r.source_id));
        return {
          items: rows.map((r) => recordView(r, e, now, institutions.zone(r.institution_id))),
          // Issue 18 item 3: screening findings not yet made an admission injury record.
          screeningsToDocument: screenings
            .filter((s) => !documented.has(s.encounterId))
            .map((s) => ({
              encounterId: s.encounterId,
              completedAt: s.completedAt,
              lesions: s.items.length,
            })),
        };
      });
    },

    /** One record with everything written about it (clinical; audited). */
    async record(caller: Caller, id: string) {
      const institutions = await institutionsOf(deps);
      return inTransaction(db, async (tx) => {
        const row = await recordInScope(tx, caller, id);
        await clinicalAccess(deps, tx, caller.viewer, caller.audit, row.person_id, {
          action: 'injuries.record.read',
          resourceType: 'injury_record',
          resourceId: id,
        });
        const e = await entriesOf(tx, [id]);
        const zone = institutions.zone(row.institution_id);
        const recipients = await recipientsOf(tx, [row.institution_id]);
        return {
          ...recordView(row, e, clock.now(), zone),
          recipients: recipients.map((r) => ({ kind: r.kind, name: r.name, language: r.language })),
        };
      });
    },

    /** The record and its entries for a PDF (the caller audited the access). */
    async recordForDocument(executor: Executor, id: string, zoneOf: (institutionId: string) => string) {
      const row = await executor
        .selectFrom('injury_record')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const e = await entriesOf(executor, [id]);
      const zone = zoneOf(row.institution_id);
      return { view: recordView(row, e, clock.now(), zone), zone };
    },

    /**
     * The worklist's lines (INJ-4, INJ-9): reports to send, second reviews due, reprisal reviews due,
     * admission screenings with injuries to document. Bounded; the first three kinds in one statement.
     */
    async dueItems(scope: { institutionIds: string[]; national: boolean }) {
      const now = clock.now();
      const institutions = await institutionsOf(deps);
      const limit = 100;
      let toSend = db
        .selectFrom('injury_record as r')
        .leftJoin('injury_report as p', 'p.record_id', 'r.id')
        .select(['r.id', 'r.person_id', 'r.institution_id', 'r.signed_at'])
        .where('r.report_required', '=', 1)
        .where('p.id', 'is', null)
        .orderBy('r.signed_at')
        .limit(limit);
      let toReview = db
        .selectFrom('injury_record as r')
        .leftJoin('injury_second_review as v', 'v.record_id', 'r.id')
        .select(['r.id', 'r.person_id', 'r.institution_id', 'r.signed_at'])
        .where('r.clinician_trained', '=', 0)
        .where('v.id', 'is', null)
        .orderBy('r.signed_at')
        .limit(limit);
      let reports = db
        .selectFrom('injury_report')
        .select(['id', 'record_id', 'person_id', 'institution_id', 'sent_at', 'reprisal_risk'])
        .where('reprisal_risk', '=', 1)
        .orderBy('sent_at', 'desc')
        .limit(limit);
      if (!scope.national) {
        toSend = toSend.where('r.institution_id', 'in', ids(scope.institutionIds));
        toReview = toReview.where('r.institution_id', 'in', ids(scope.institutionIds));
        reports = reports.where('institution_id', 'in', ids(scope.institutionIds));
      }
      // The three lists and the reviews of the reports in one statement, each a JSON array column
      // (ADR 0047), sorted again here as neither engine promises an aggregate's order.
      const lists = await db
        .selectNoFrom((eb) => [
          jsonArrayOf(db, toSend).as('send'),
          jsonArrayOf(db, toReview).as('review'),
          jsonArrayOf(db, reports).as('sent'),
          jsonArrayOf(
            db,
            eb
              .selectFrom('injury_report_event')
              .select(['report_id', 'kind', 'at', 'risk_continues'])
              .where('report_id', 'in', reports.clearSelect().select('id'))
              .where('kind', '=', 'reprisal_review')
              .orderBy('at'),
          ).as('events'),
        ])
        .executeTakeFirstOrThrow();
      const send = jsonRows(lists.send, oldestFirst('signed_at'));
      const review = jsonRows(lists.review, oldestFirst('signed_at'));
      const sent = jsonRows(lists.sent, newestFirst('sent_at'));
      const events = jsonRows(lists.events, oldestFirst('at'));
      const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
      const screenings = await deps.screening.screeningInjuries(db, {
        institutionIds: scope.national ? 'all' : scope.institutionIds,
        since,
        limit,
      });
      const documented = screenings.length
        ? new Set(
            (
              await db
                .selectFrom('injury_record')
                .select('source_id')
                .where(
                  'source_id',
                  'in',
                  screenings.map((s) => s.encounterId),
                )
                .execute()
            ).map((r) => r.source_id),
          )
        : new Set<string | null>();
      const people = await deps.registry.personLabels(db, [
        ...send.map((r) => r.person_id),
        ...review.map((r) => r.person_id),
        ...sent.map((r) => r.person_id),
        ...screenings.map((s) => s.personId),
      ]);
      const label = (id: string) => {
        const p = people.get(id);
        return p ? `${p.prisonNumber} · ${p.name}` : '';
      };
      const tz = (id: string | null) => institutions.zone(id);
      type Item = {
        kind: 'report_to_send' | 'second_review_due' | 'reprisal_review_due' | 'admission_injuries';
        overdue: boolean;
        subjectId: string;
        personId: string;
        institutionId: string | null;
        label: string;
        since: string;
        dueAt: string | null;
      };
      const items: Item[] = [];
      for (const r of send) {
        const dueAt = reportDueAt(r.signed_at);
        items.push({
          kind: 'report_to_send',
          overdue: now.toISOString() > dueAt,
          subjectId: r.id,
          personId: r.person_id,
          institutionId: r.institution_id,
          label: label(r.person_id),
          since: r.signed_at,
          dueAt,
        });
      }
      for (const r of review) {
        const day = secondReviewDueDay(r.signed_at, tz(r.institution_id));
        items.push({
          kind: 'second_review_due',
          overdue: dayDeadlineState(day, now, tz(r.institution_id)) === 'overdue',
          subjectId: r.id,
          personId: r.person_id,
          institutionId: r.institution_id,
          label: label(r.person_id),
          since: r.signed_at,
          dueAt: null,
        });
      }
      for (const r of sent) {
        const day = reprisalDueDay(
          r,
          events.filter((e) => e.report_id === r.id),
          tz(r.institution_id),
        );
        if (!day) continue;
        const state = dayDeadlineState(day, now, tz(r.institution_id));
        // Shown from three days before the review day.
        if (state === 'due' && day > addDaysIso(now, 3)) continue;
        items.push({
          kind: 'reprisal_review_due',
          overdue: state === 'overdue',
          subjectId: r.record_id,
          personId: r.person_id,
          institutionId: r.institution_id,
          label: label(r.person_id),
          since: r.sent_at,
          dueAt: null,
        });
      }
      for (const s of screenings) {
        if (documented.has(s.encounterId)) continue;
        items.push({
          kind: 'admission_injuries',
          overdue: false,
          subjectId: `${s.personId}:${s.encounterId}`,
          personId: s.personId,
          institutionId: s.institutionId,
          label: label(s.personId),
          since: s.completedAt,
          dueAt: null,
        });
      }
      return items;
    },

    /** INJ-6: the register's rows of an institution for a period (the caller checked scope). */
    async registerRows(institutionId: string, from: string, to: string) {
      const rows = await db
        .selectFrom('injury_record')
        .selectAll()
        .where('institution_id', '=', institutionId)
        .where('signed_at', '>=', from)
        .where('signed_at', '<', to)
        .orderBy('signed_at')
        .limit(20_000)
        .execute();
      const recordIds = rows.map((r) => r.id);
      const [lesions, photos, reports] = recordIds.length
        ? await Promise.all([
            db
              .selectFrom('injury_lesion')
              .select((eb) => ['record_id', eb.fn.countAll<number>().as('n')])
              .where('record_id', 'in', recordIds)
              .groupBy('record_id')
              .execute(),
            db
              .selectFrom('injury_photo')
              .select((eb) => ['record_id', eb.fn.countAll<number>().as('n')])
              .where('record_id', 'in', recordIds)
              .groupBy('record_id')
              .execute(),
            db
              .selectFrom('injury_report')
              .select((eb) => ['record_id', eb.fn.min('sent_at').as('first')])
              .where('record_id', 'in', recordIds)
              .groupBy('record_id')
              .execute(),
          ])
        : [[], [], []];
      const count = (list: { record_id: string; n: number | string | bigint }[]) =>
        new Map(list.map((x) => [x.record_id, Number(x.n)]));
      const nLesions = count(lesions);
      const nPhotos = count(photos);
      const firstSent = new Map(reports.map((r) => [r.record_id, r.first as string | null]));
      return rows.map((r): InjuryRegisterRow & { id: string; personId: string } => ({
        id: r.id,
        personId: r.person_id,
        context: r.context as InjuryRegisterRow['context'],
        cause: r.cause as InjuryRegisterRow['cause'],
        lesionCount: nLesions.get(r.id) ?? 0,
        photoCount: nPhotos.get(r.id) ?? 0,
        allegation: r.allegation === 1,
        conclusion: r.conclusion as InjuryConclusion,
        reportRequired: r.report_required === 1,
        signedAt: r.signed_at,
        reportSentAt: firstSent.get(r.id) ?? null,
        noInjuriesSeen: r.no_injuries_seen === 1,
      }));
    },
  };
}

function addDaysIso(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
