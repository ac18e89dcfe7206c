import { createHash } from 'node:crypto';
import {
  type amendmentInputSchema,
  type InjuryRecordInput,
  injuryRecordProblems,
  newId,
  reportRequired,
  type secondReviewInputSchema,
  trainedOn,
  type trainingInputSchema,
} from '@custodia/domain';
import type { z } from 'zod';
import { type Executor, inTransaction } from '../../platform/db/database.ts';
import { conflict, notFound, ruleRefused } from '../../platform/errors.ts';
import { once } from '../../platform/http/idempotency.ts';
import type { Caller } from '../identity/index.ts';
import { clinicalAccess, type InjuriesDeps, injuriesRules, inScope, institutionsOf } from './context.ts';
import type { InjuryLesionTable, InjuryRecordTable } from './tables.ts';

/** INJ-9: the Istanbul Protocol training a user holds (the latest entry), or null. */
export async function trainingOf(executor: Executor, userId: string): Promise<string | null> {
  const row = await executor
    .selectFrom('injury_training')
    .select('trained_until')
    .where('user_id', '=', userId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.trained_until ?? null;
}

/** The record in the viewer's scope, or 404 (missing and out of scope are answered alike). */
export async function recordInScope(
  executor: Executor,
  caller: Pick<Caller, 'viewer'>,
  id: string,
): Promise<InjuryRecordTable> {
  const row = await executor.selectFrom('injury_record').selectAll().where('id', '=', id).executeTakeFirst();
  const bg = caller.viewer.breakGlassPersonIds ?? [];
  if (!row || !(inScope(caller.viewer, row.institution_id) || bg.includes(row.person_id))) {
    throw notFound('No such injury record.');
  }
  return row;
}

/** The record's content as signed, hashed (X-2: any later change would show). */
function contentHash(record: unknown): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

/** Writing, amending and reviewing injury records (INJ-1, INJ-2, INJ-3, INJ-6, INJ-9, MED-4). */
export function createRecordCommands(deps: InjuriesDeps) {
  const { db, clock, audit, screening, force, requests } = deps;

  return {
    /**
     * INJ-1, INJ-2, INJ-3, INJ-6, INJ-9, MED-4: documents an examination, signed as it is written.
     * With `context = admission` and the admission screening as `sourceId`, the screening's body
     * chart becomes the record's findings (issue 18 item 3: not retyped; ADR 0035).
     *
     * The whole use case is this one transaction, with the examination it answers: a use of force's
     * (RST-11, `force.examinationResult`) or an allegation's (INJ-4, `requests.allegationExamined`),
     * each refused there when it does not exist, is not this person's or is already done.
     */
    async create(caller: Caller, personId: string, input: InjuryRecordInput, key?: string) {
      const institutions = await institutionsOf(deps);
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `injuries:${personId}:record`, body: input },
          async () => {
            const id = newId();
            const person = await clinicalAccess(deps, tx, caller.viewer, caller.audit, personId, {
              action: 'injuries.record.create',
              resourceType: 'injury_record',
              resourceId: id,
            });
            const now = clock.now();
            const institutionId = person.institution_id;
            if (!institutionId) throw ruleRefused([{ path: '', code: 'not_in_custody' }], injuriesRules);
            // Issue 18 item 3: the admission screening's lesions, read through the clinical service.
            const fromScreening =
              input.context === 'admission' && input.sourceId
                ? (await screening.screeningInjuries(tx, { encounterIds: [input.sourceId], limit: 1 })).find(
                    (s) => s.personId === personId,
                  )
                : undefined;
            const imported = fromScreening?.items ?? [];
            // "No injuries seen" is contradicted by the screening's findings as by the form's.
            const problems = injuryRecordProblems(input, now, { importedLesions: imported.length });
            if (problems.length) throw ruleRefused(problems, injuriesRules);
            const zone = institutions.zone(institutionId);
            const trained = trainedOn(await trainingOf(tx, caller.userId), input.examinedAt, zone);
            const signedAt = now.toISOString();
            const required = reportRequired({
              allegation: input.account.allegation,
              conclusion: input.conclusion,
              suggestsIllTreatment: input.suggestsIllTreatment,
            });
            const lesions: Omit<InjuryLesionTable, 'id' | 'record_id' | 'position'>[] = [
              ...imported.map((s) => ({
                view: s.side,
                region: s.region,
                x: s.x ?? null,
                y: s.y ?? null,
                type: 'other',
                length_cm: null,
                width_cm: null,
                colour: null,
                shape: null,
                estimated_age: 'cannot_say',
                description: s.description,
                from_screening: 1,
              })),
              ...input.lesions.map((l) => ({
                view: l.view,
                region: l.region,
                x: l.x ?? null,
                y: l.y ?? null,
                type: l.type,
                length_cm: l.lengthCm,
                width_cm: l.widthCm ?? null,
                colour: l.colour ?? null,
                shape: l.shape ?? null,
                estimated_age: l.estimatedAge,
                description: l.description ?? null,
                from_screening: 0,
              })),
            ];
            const row: InjuryRecordTable = {
              id,
              person_id: personId,
              institution_id: institutionId,
              context: input.context,
              source_id: input.sourceId ?? null,
              examined_at: input.examinedAt,
              persons_present: input.personsPresent,
              interpreter: input.interpreter ?? null,
              out_of_hearing_and_sight: input.outOfHearingAndSight ? 1 : 0,
              presence_reason: input.presenceReason ?? null,
              account: JSON.stringify(input.account),
              allegation: input.account.allegation ? 1 : 0,
              no_injuries_seen: input.noInjuriesSeen ? 1 : 0,
              conclusion: input.conclusion,
              suggests_ill_treatment: input.suggestsIllTreatment ? 1 : 0,
              cause: input.cause,
              tests_and_treatment: input.testsAndTreatment ?? null,
              report_required: required ? 1 : 0,
              clinician_trained: trained ? 1 : 0,
              clinician_id: caller.userId,
              clinician_name: caller.user.displayName,
              signed_at: signedAt,
              content_hash: '',
            };
            row.content_hash = contentHash({ ...row, content_hash: undefined, lesions });
            await tx.insertInto('injury_record').values(row).execute();
            if (lesions.length) {
              await tx
                .insertInto('injury_lesion')
                .values(lesions.map((l, position) => ({ ...l, id: newId(), record_id: id, position })))
                .execute();
            }
            // RST-11, INJ-4: the examination this record answers is done with it, in this transaction.
            const done = { personId, injuryRecordId: id, at: input.examinedAt, userId: caller.userId };
            if (input.context === 'after_use_of_force' && input.sourceId) {
              await force.examinationResult(tx, {
                ...done,
                useOfForceId: input.sourceId,
                actor: caller.audit,
              });
            } else if (input.context === 'allegation' && input.sourceId) {
              await requests.allegationExamined(tx, { ...done, complaintId: input.sourceId });
            }
            return { id, reportRequired: required, secondReviewRequired: !trained };
          },
        ),
      );
    },

    /** a correction is a new entry pointing at the signed record, by a role that may write it. */
    async amend(caller: Caller, id: string, input: z.infer<typeof amendmentInputSchema>, key?: string) {
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `injuries:${id}:amend`, body: input },
          async () => {
            const row = await recordInScope(tx, caller, id);
            const amendmentId = newId();
            await clinicalAccess(deps, tx, caller.viewer, caller.audit, row.person_id, {
              action: 'injuries.record.amend',
              resourceType: 'injury_record',
              resourceId: id,
            });
            await tx
              .insertInto('injury_amendment')
              .values({
                id: amendmentId,
                record_id: id,
                reason: input.reason,
                text: input.text,
                author_id: caller.userId,
                author_name: caller.user.displayName,
                created_at: clock.now().toISOString(),
              })
              .execute();
            return { id: amendmentId };
          },
        ),
      );
    },

    /** INJ-9: a trained clinician (not the author) completes the second review of an untrained one's record. */
    async secondReview(
      caller: Caller,
      id: string,
      input: z.infer<typeof secondReviewInputSchema>,
      key?: string,
    ) {
      const institutions = await institutionsOf(deps);
      return inTransaction(db, (tx) =>
        once(
          tx,
          clock,
          { userId: caller.userId, key, scope: `injuries:${id}:review`, body: input },
          async () => {
            const row = await recordInScope(tx, caller, id);
            const now = clock.now();
            const zone = institutions.zone(row.institution_id);
            const problems = [];
            if (row.clinician_trained === 1) problems.push({ path: '', code: 'second_review_not_required' });
            if (row.clinician_id === caller.userId)
              problems.push({ path: '', code: 'second_review_by_author' });
            if (!trainedOn(await trainingOf(tx, caller.userId), now.toISOString(), zone)) {
              problems.push({ path: '', code: 'reviewer_not_trained' });
            }
            const done = await tx
              .selectFrom('injury_second_review')
              .select('id')
              .where('record_id', '=', id)
              .executeTakeFirst();
            if (done) throw conflict('Already reviewed.', { code: 'conflict' });
            if (problems.length) throw ruleRefused(problems, injuriesRules);
            const reviewId = newId();
            await clinicalAccess(deps, tx, caller.viewer, caller.audit, row.person_id, {
              action: 'injuries.record.review',
              resourceType: 'injury_record',
              resourceId: id,
            });
            await tx
              .insertInto('injury_second_review')
              .values({
                id: reviewId,
                record_id: id,
                agrees: input.agrees ? 1 : 0,
                note: input.note,
                reviewer_id: caller.userId,
                reviewer_name: caller.user.displayName,
                reviewed_at: now.toISOString(),
              })
              .execute();
            return { id: reviewId };
          },
        ),
      );
    },

    /** INJ-9, STF-5: records a clinician's Istanbul Protocol training (append-only; the latest counts). */
    async recordTraining(caller: Caller, input: z.infer<typeof trainingInputSchema>) {
      return inTransaction(db, async (tx) => {
        const rowId = newId();
        await tx
          .insertInto('injury_training')
          .values({
            id: rowId,
            user_id: input.userId,
            trained_until: input.trainedUntil,
            recorded_by: caller.userId,
            recorded_at: clock.now().toISOString(),
          })
          .execute();
        await audit.record(tx, caller.audit, {
          action: 'staff.training.record',
          dataClass: 'administrative',
          outcome: 'allowed',
          resourceType: 'user',
          resourceId: input.userId,
          details: { training: 'istanbul_protocol', trainedUntil: input.trainedUntil },
        });
        return { id: rowId };
      });
    },
  };
}
